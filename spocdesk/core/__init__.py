"""Everything that is not Qt. Never imports PySide6 (import-linter enforces it)."""
