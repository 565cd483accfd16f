"""Proposals of an office's decided applications to the shared precedent register (issue 14): the draft record
(anonymised: no name, card number, birth date, address or free text; the month only), the client's consent as
recorded, who proposed it and who (a second person) approved it.

Revision ID: 0015
Revises: 0014
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "precedent_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("match_key", sa.String(length=300), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=False),
        sa.Column("consent_recorded_by", sa.String(length=320), nullable=False),
        sa.Column("proposed_by", sa.String(length=320), nullable=False),
        sa.Column("proposed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("approved_by", sa.String(length=320), nullable=True),
        sa.Column("approved_by_user_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_precedent_proposals_organisation_id_organisations"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"],
                                name=op.f("fk_precedent_proposals_application_id_applications"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_precedent_proposals")),
        sa.UniqueConstraint("code", name=op.f("uq_precedent_proposals_code")),
        sa.UniqueConstraint("application_id", name=op.f("uq_precedent_proposals_application_id")),
        sa.CheckConstraint("state IN ('proposed', 'approved')", name=op.f("ck_precedent_proposals_state")),
    )
    with op.batch_alter_table("precedent_proposals") as batch:
        batch.create_index("ix_precedent_proposals_match", ["organisation_id", "match_key"])


def downgrade() -> None:
    op.drop_table("precedent_proposals")
