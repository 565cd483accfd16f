"""Data at rest and accountability: encrypted sensitive fields, a sealed timeline, facts about the database.

* The most sensitive fields are stored encrypted with keys kept outside the database
  (:mod:`zairyu.cases.crypto`): a stay's ``card_number``, a person's ``notes`` and ``extra_facts`` (where the
  grounds and narrative of a protection claim are kept), the body of ``notes``, and the ``before``/``after`` of
  timeline entries (copies of those). On PostgreSQL the JSON and short text columns become ``text`` (an encrypted
  value is longer and is not JSON); SQLite keeps its declared types (it stores text in any of them). Every
  existing value is encrypted here (the key file is created in the data directory when no key is configured).
* The timeline gains ``seq``, ``prev_hash`` and ``hash``: existing entries are sealed in a hash chain, in id order
  (:mod:`zairyu.cases.services.audit`).
* ``zairyu_meta`` holds facts about the database (``demo`` = ``yes`` in a database made for the demo).

Downgrading decrypts every value (the keys are needed) and drops the new columns and table.

Revision ID: 0013
Revises: 0011
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, type before, primary key)
ENCRYPTED = (("people", "notes", sa.Text(), "id"), ("people", "extra_facts", sa.JSON(), "id"),
             ("stays", "card_number", sa.String(12), "id"), ("notes", "body", sa.Text(), "id"),
             ("timeline", "before", sa.JSON(), "id"), ("timeline", "after", sa.JSON(), "id"))


def _rewrite(conn: sa.Connection, table: str, col: str, pk: str, f: object) -> None:
    rows = conn.execute(sa.text(f'SELECT "{pk}", "{col}" FROM "{table}" WHERE "{col}" IS NOT NULL')).all()
    if rows:
        conn.execute(sa.text(f'UPDATE "{table}" SET "{col}" = :v WHERE "{pk}" = :i'),
                     [{"i": i, "v": f(v)} for i, v in rows])  # type: ignore[operator]


def upgrade() -> None:
    from zairyu.cases.crypto import PREFIX, keyring
    from zairyu.cases.services.audit import seal

    op.create_table("zairyu_meta", sa.Column("key", sa.String(60), nullable=False),
                    sa.Column("value", sa.Text(), nullable=False),
                    sa.PrimaryKeyConstraint("key", name="pk_zairyu_meta"))
    with op.batch_alter_table("timeline") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_timeline_seq", ["seq"])
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        for table, col, _typ, _pk in ENCRYPTED:
            op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{col}" TYPE text USING "{col}"::text')

    def enc(v: str) -> str:
        return v if v.startswith(PREFIX) else keyring().encrypt(v)

    for table, col, _typ, pk in ENCRYPTED:
        _rewrite(conn, table, col, pk, enc)
    seal(Session(bind=conn))


def downgrade() -> None:
    from zairyu.cases.crypto import keyring

    conn = op.get_bind()
    for table, col, _typ, pk in ENCRYPTED:
        _rewrite(conn, table, col, pk, lambda v: keyring().decrypt(v))
    if conn.dialect.name == "postgresql":
        for table, col, typ, _pk in ENCRYPTED:
            using = f'"{col}"::json' if isinstance(typ, sa.JSON) else f'"{col}"'
            op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{col}" TYPE {typ.compile(dialect=conn.dialect)} '
                       f"USING {using}")
    with op.batch_alter_table("timeline") as batch:
        batch.drop_constraint("uq_timeline_seq", type_="unique")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    op.drop_table("zairyu_meta")
