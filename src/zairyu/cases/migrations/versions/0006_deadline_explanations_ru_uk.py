"""Deadlines: store the Russian and Ukrainian explanations beside the Japanese and English ones.

The calendar writes every explanation in ja/en/ru/uk; storing all four lets the pages, the API and
the agenda show the reader's language without translating stored English back. Rows written before
this revision keep NULL here until their person's deadlines are next recomputed (the web app then
falls back to reading the English through the calendar's message catalogue).

Revision ID: 0006
Revises: 0005
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("explanation_ru", sa.Text(), nullable=True))
        batch.add_column(sa.Column("explanation_uk", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("explanation_uk")
        batch.drop_column("explanation_ru")
