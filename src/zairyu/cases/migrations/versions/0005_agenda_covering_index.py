"""Deadlines: the agenda's date index also holds the columns an agenda line lists (and the id, which
PostgreSQL does not add to an index by itself), so the agenda of a large office is read from the index
alone (an index-only scan; no lookup of each deadline row).

Replaces ix_deadlines_org_date (organisation, date), a prefix of the new index.

Revision ID: 0005
Revises: 0004
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AGENDA_COLUMNS = ["organisation_id", "date", "filing_date", "person_id", "kind", "topic", "when_past", "risk",
                  "fact_status", "computed_for", "id"]


def upgrade() -> None:
    op.create_index("ix_deadlines_agenda", "deadlines", AGENDA_COLUMNS)
    op.drop_index("ix_deadlines_org_date", table_name="deadlines")


def downgrade() -> None:
    op.create_index("ix_deadlines_org_date", "deadlines", ["organisation_id", "date"])
    op.drop_index("ix_deadlines_agenda", table_name="deadlines")
