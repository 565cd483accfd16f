"""Users' and people's languages: any language zairyu has a catalogue file for.

The language a user reads zairyu in, and a person's preferred language, were limited to ja/en/ru/uk by a
CHECK constraint. Languages are now catalogue files (``zairyu/messages/<lang>.yaml``): the services check the
value against the catalogues, and adding a language needs no migration. This revision drops the two
constraints; downgrading puts them back (and fails while a row holds another language).

Revision ID: 0010
Revises: 0009
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FOUR = "('ja', 'en', 'ru', 'uk')"


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_language"), type_="check")
    with op.batch_alter_table("people") as batch:
        batch.drop_constraint(op.f("ck_people_preferred_language"), type_="check")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.create_check_constraint("language", f"language IN {FOUR}")
    with op.batch_alter_table("people") as batch:
        batch.create_check_constraint("preferred_language", f"preferred_language IN {FOUR}")
