"""The case list, its views and filters, and the case detail."""
