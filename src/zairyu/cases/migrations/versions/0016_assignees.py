"""Who handles a case (issue 13, the office's day): the member of staff responsible for a person
(``people.assignee_id``) and for one application (``applications.assignee_id``; unset means the person's).

Revision ID: 0016
Revises: 0015
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("people", "applications"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(op.f(f"fk_{table}_assignee_id_users"), "users", ["assignee_id"], ["id"],
                                     ondelete="SET NULL")
            batch.create_index(op.f(f"ix_{table}_assignee_id"), ["assignee_id"])


def downgrade() -> None:
    for table in ("applications", "people"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(op.f(f"ix_{table}_assignee_id"))
            batch.drop_constraint(op.f(f"fk_{table}_assignee_id_users"), type_="foreignkey")
            batch.drop_column("assignee_id")
