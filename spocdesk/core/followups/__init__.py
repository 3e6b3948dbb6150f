"""Follow-ups: dated reminders, recurrence, stay-in-touch, yearly dates, iCalendar."""
