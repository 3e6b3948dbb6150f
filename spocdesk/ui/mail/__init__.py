"""E-mail in the GUI: dropping and importing mail files, a message's attachments, and
the ``mailto:``/``tel:`` links that hand a reply or a call to the system."""
