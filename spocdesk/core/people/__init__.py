"""People: stakeholders, their lookup and list, contact import/export, duplicates."""
