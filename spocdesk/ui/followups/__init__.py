"""The Follow-ups page, its dialogs and the reminder notifier."""
