"""what address books hold beyond a name: nickname, organisation units, dates, address parts

Imported vCards and CSV exports carry a nickname, the units below the
organisation (``ORG:IBM;Accounting``), a birthday and an anniversary, and
addresses in parts (street, locality, postcode, ...). Until now these were
dropped or flattened into one string, so an export could not give them back.

- ``stakeholder.nickname``: free text.
- ``stakeholder.org_units``: the units below the organisation, one a line.
- ``stakeholder.birthday`` / ``anniversary``: ``YYYY-MM-DD``, or ``--MM-DD``
  when the year is unknown (as vCard 4.0 writes it); empty when not known.
- ``contact_point.parts``: for an address, its seven vCard parts as a JSON
  list (post office box, extended, street, locality, region, postcode,
  country); empty when the address was typed as one line. ``value`` keeps the
  address as one line, so search and the directory see it as before.

None of the new columns is searched (the search index is unchanged).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STAKEHOLDER = ("nickname", "org_units", "birthday", "anniversary")


def upgrade() -> None:
    with op.batch_alter_table("stakeholder", recreate="never") as batch:
        for name in _STAKEHOLDER:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False,
                                       server_default=sa.text("''")))
    with op.batch_alter_table("contact_point", recreate="never") as batch:
        batch.add_column(sa.Column("parts", sa.Text(), nullable=False,
                                   server_default=sa.text("''")))


def downgrade() -> None:
    with op.batch_alter_table("contact_point") as batch:
        batch.drop_column("parts")
    with op.batch_alter_table("stakeholder") as batch:
        for name in reversed(_STAKEHOLDER):
            batch.drop_column(name)
