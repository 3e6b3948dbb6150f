"""Full-text search over the store (SQLite FTS5) and its bulk indexing."""
