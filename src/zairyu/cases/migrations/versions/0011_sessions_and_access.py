"""Sessions and access (issue 12): server-side sessions, an atomic sign-in throttle with backoff, feeds that
record their creator, soft deletion of people and documents.

* ``user_sessions``: one row per signed-in browser or API client (only the SHA-256 of its token is stored);
  signing out, deactivation and a new password delete the rows, so the old cookie stops working at once.
* ``login_throttle``: one counter row per key (account at an address, address, account), raised by one
  atomic ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``; replaces ``login_failures`` (one row per
  failure, checked then written: parallel attempts got past it).
* ``calendar_tokens.created_by``: the user who made the feed; it is revoked with that user's access. Feeds of
  a person made before this revision record no creator and are revoked here (they cannot be tied to the
  access they came from): make them again.
* ``people.deleted_at``, ``documents.deleted_at``: deleted, kept for the retention period, then purged by
  ``zairyu purge``.

Revision ID: 0011
Revises: 0010
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE",
                                                         name="fk_user_sessions_user_id_users"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_user_sessions_token_hash"),
    )
    op.create_index("ix_user_sessions_user_id", "user_sessions", ["user_id"])
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(400), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_at", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
    )
    op.drop_index("ix_login_failures_key_at", table_name="login_failures")
    op.drop_table("login_failures")
    with op.batch_alter_table("calendar_tokens") as b:
        b.add_column(sa.Column("created_by", sa.Integer(), nullable=True))
        b.create_foreign_key("fk_calendar_tokens_created_by_users", "users", ["created_by"], ["id"],
                             ondelete="SET NULL")
    op.execute("UPDATE calendar_tokens SET created_by = user_id WHERE user_id IS NOT NULL")
    op.execute("UPDATE calendar_tokens SET revoked_at = CURRENT_TIMESTAMP "
               "WHERE created_by IS NULL AND revoked_at IS NULL")
    with op.batch_alter_table("people") as b:
        b.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("documents") as b:
        b.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as b:
        b.drop_column("deleted_at")
    with op.batch_alter_table("people") as b:
        b.drop_column("deleted_at")
    with op.batch_alter_table("calendar_tokens") as b:
        b.drop_constraint("fk_calendar_tokens_created_by_users", type_="foreignkey")
        b.drop_column("created_by")
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
    )
    op.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"])
    op.drop_table("login_throttle")
    op.drop_index("ix_user_sessions_user_id", table_name="user_sessions")
    op.drop_table("user_sessions")
