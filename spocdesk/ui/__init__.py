"""All Qt code. Imports spocdesk.core; core never imports this package."""
