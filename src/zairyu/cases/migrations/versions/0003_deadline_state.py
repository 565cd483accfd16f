"""Deadlines: the calendar's topic and state, and what a deadline becomes once its date has passed.

Revision ID: 0003
Revises: 0002
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch_op:
        batch_op.add_column(sa.Column("topic", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("state", sa.String(length=20), nullable=False, server_default="upcoming"))
        batch_op.add_column(sa.Column("when_past", sa.String(length=20), nullable=False, server_default="passed"))


def downgrade() -> None:
    with op.batch_alter_table("deadlines") as batch_op:
        batch_op.drop_column("when_past")
        batch_op.drop_column("state")
        batch_op.drop_column("topic")
