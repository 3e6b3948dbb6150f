"""Mail capture: sources (files, IMAP) give plain message records; filing decides where they go."""
