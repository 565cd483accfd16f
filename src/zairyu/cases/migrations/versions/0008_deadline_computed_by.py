"""Deadlines: which law data and calendar rules computed them (``computed_by``, a fingerprint).

A new version of zairyu may correct the law data or the calendar. Stored deadlines computed by an older
one would then stay wrong until recomputed; with the fingerprint beside each row, ``zairyu db upgrade``
finds them and recomputes those people. Rows written before this revision have NULL here, so the first
upgrade to it recomputes every person once.

Revision ID: 0008
Revises: 0007
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("computed_by", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("computed_by")
