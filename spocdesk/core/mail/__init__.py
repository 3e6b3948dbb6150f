"""Mail into the communication log: sources (files, IMAP), parsing, capture and filing."""
