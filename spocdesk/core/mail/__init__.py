"""Mail capture: sources (files, IMAP) give plain message records; filing decides where
they go, by rules a person can predict; what it cannot decide waits in the inbox.

- :mod:`.message` — the plain records every source produces.
- :mod:`.parse` — raw RFC 5322 bytes, Outlook ``.msg`` and ``mbox`` files to records,
  safe against hostile input.
- :mod:`.filing` — the rules (pure functions over facts looked up beforehand).
- :mod:`.capture` — stores, de-duplicates, files and logs a batch as one action.
- :mod:`.inbox` — what waits unfiled, and the actions that file it.
"""
