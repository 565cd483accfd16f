"""The office's marks on deadlines (issue 13, the office's day): a deadline marked done, or snoozed until a
date. Deadlines are rewritten on every recomputation, so a mark names its deadline by person, kind, topic and
legal date; a deadline recomputed to another date is no longer marked.

Revision ID: 0017
Revises: 0016
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deadline_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("deadline_date", sa.Date(), nullable=False),
        sa.Column("mark", sa.String(length=10), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("mark IN ('done', 'snoozed')", name=op.f("ck_deadline_marks_mark")),
        sa.CheckConstraint("(mark = 'snoozed') = (until IS NOT NULL)",
                           name=op.f("ck_deadline_marks_until_iff_snoozed")),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_deadline_marks_organisation_id_organisations"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_deadline_marks_person_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["by_user_id"], ["users.id"], name=op.f("fk_deadline_marks_by_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_marks")),
        sa.UniqueConstraint("person_id", "kind", "topic", "deadline_date", name="uq_deadline_marks_deadline"),
    )
    with op.batch_alter_table("deadline_marks") as batch:
        batch.create_index(op.f("ix_deadline_marks_organisation_id"), ["organisation_id"])
        batch.create_index(op.f("ix_deadline_marks_person_id"), ["person_id"])


def downgrade() -> None:
    with op.batch_alter_table("deadline_marks") as batch:
        batch.drop_index(op.f("ix_deadline_marks_person_id"))
        batch.drop_index(op.f("ix_deadline_marks_organisation_id"))
    op.drop_table("deadline_marks")
