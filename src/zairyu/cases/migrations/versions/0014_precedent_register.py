"""The precedent register (issue 14): precedents, their versions, facets and the search terms zairyu
maintains itself (identical on SQLite and PostgreSQL).

Revision ID: 0014
Revises: 0013
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "precedents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("procedure", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=60), nullable=True),
        sa.Column("to_status", sa.String(length=60), nullable=True),
        sa.Column("authority", sa.String(length=300), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("public_on", sa.Date(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_precedents_organisation_id_organisations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_precedents")),
        sa.UniqueConstraint("code", name=op.f("uq_precedents_code")),
    )
    with op.batch_alter_table("precedents") as batch:
        batch.create_index(batch.f("ix_precedents_organisation_id"), ["organisation_id"])
        batch.create_index("ix_precedents_procedure_to", ["procedure", "to_status"])
        batch.create_index("ix_precedents_first_day", ["first_day"])
        batch.create_index("ix_precedents_year_kind", ["year", "kind"])
    op.create_table(
        "precedent_versions",
        sa.Column("precedent_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["precedent_id"], ["precedents.id"],
                                name=op.f("fk_precedent_versions_precedent_id_precedents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("precedent_id", "version", name=op.f("pk_precedent_versions")),
    )
    op.create_table(
        "precedent_facets",
        sa.Column("facet", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("precedent_id", sa.Integer(), nullable=False),
        sa.Column("visible_to", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["precedent_id"], ["precedents.id"],
                                name=op.f("fk_precedent_facets_precedent_id_precedents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("facet", "value", "precedent_id", name=op.f("pk_precedent_facets")),
    )
    with op.batch_alter_table("precedent_facets") as batch:
        batch.create_index(batch.f("ix_precedent_facets_precedent_id"), ["precedent_id"])
        batch.create_index("ix_precedent_facets_page", ["facet", "value", "visible_to", "first_day", "precedent_id"])
    op.create_table(
        "precedent_terms",
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("precedent_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("visible_to", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["precedent_id"], ["precedents.id"],
                                name=op.f("fk_precedent_terms_precedent_id_precedents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("term", "precedent_id", name=op.f("pk_precedent_terms")),
    )
    with op.batch_alter_table("precedent_terms") as batch:
        batch.create_index(batch.f("ix_precedent_terms_precedent_id"), ["precedent_id"])
        batch.create_index("ix_precedent_terms_page", ["term", "visible_to", "weight", "first_day", "precedent_id"])


def downgrade() -> None:
    op.drop_table("precedent_terms")
    op.drop_table("precedent_facets")
    op.drop_table("precedent_versions")
    op.drop_table("precedents")
