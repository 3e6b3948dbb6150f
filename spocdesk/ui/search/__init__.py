"""Global search: the Ctrl+K palette."""
