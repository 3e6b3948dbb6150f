"""Handing cases over to a deputy and taking them back.

- :mod:`~spocdesk.core.handover.pack`: the encrypted handover pack (a spocdesk
  store file with its own passphrase) — export, open, verify.
- :mod:`~spocdesk.core.handover.merge`: the hand-back merge with conflicts and a
  "while you were away" summary.
- :mod:`~spocdesk.core.handover.briefing`: the briefing's content, for a Qt
  printer or any other writer.

The format is documented in ``docs/handover-pack.md``.
"""
