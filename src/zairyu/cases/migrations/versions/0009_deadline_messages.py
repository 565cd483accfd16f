"""Deadlines: the explanation and the trace as messages (a key and its parameters), not sentences.

The calendar now writes what it explains as message keys with parameters; the reader's language is chosen
where a deadline is shown (see ``zairyu.messages``). The four per-language columns ``explanation_ja/_en/
_ru/_uk`` become one JSON column ``explanation`` (a list of messages), and ``trace`` holds messages too. A
new language is then a catalogue file, with no migration.

Existing rows are converted as they are: their sentences become ``text.given`` messages that carry the
text per language (so nothing is lost and nothing is parsed back), and their ``computed_by`` is cleared, so
that ``zairyu db upgrade`` recomputes those people right after (the deadlines then hold keys; 61 s for
100,000 people, as for 0008). Downgrading writes the four columns back from the messages.

Revision ID: 0009
Revises: 0008
"""
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000
_T = sa.table("deadlines", sa.column("id", sa.Integer), sa.column("explanation", sa.JSON),
              sa.column("trace", sa.JSON), sa.column("computed_by", sa.String),
              sa.column("explanation_ja", sa.Text), sa.column("explanation_en", sa.Text),
              sa.column("explanation_ru", sa.Text), sa.column("explanation_uk", sa.Text))


def _given(texts: dict[str, Any]) -> dict[str, Any]:
    return {"key": "text.given", "params": {"text": {k: v for k, v in texts.items() if v}}}


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("explanation", sa.JSON(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(_T.c.id, _T.c.explanation_ja, _T.c.explanation_en, _T.c.explanation_ru,
                                  _T.c.explanation_uk, _T.c.trace)).all()
    update = sa.update(_T).where(_T.c.id == sa.bindparam("b_id")).values(
        explanation=sa.bindparam("b_explanation", type_=sa.JSON), trace=sa.bindparam("b_trace", type_=sa.JSON),
        computed_by=None)
    for i in range(0, len(rows), BATCH):
        conn.execute(update, [
            {"b_id": r.id,
             "b_explanation": [_given({"ja": r.explanation_ja, "en": r.explanation_en, "ru": r.explanation_ru,
                                       "uk": r.explanation_uk})],
             "b_trace": [t if isinstance(t, dict) else _given({"en": str(t)}) for t in (r.trace or [])]}
            for r in rows[i:i + BATCH]])
    with op.batch_alter_table("deadlines") as batch:
        for lang in ("ja", "en", "ru", "uk"):
            batch.drop_column(f"explanation_{lang}")


def downgrade() -> None:
    from zairyu.messages import Message, Messages, render

    with op.batch_alter_table("deadlines") as batch:
        for lang in ("ja", "en", "ru", "uk"):
            batch.add_column(sa.Column(f"explanation_{lang}", sa.Text(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(_T.c.id, _T.c.explanation, _T.c.trace)).all()
    update = sa.update(_T).where(_T.c.id == sa.bindparam("b_id")).values(
        explanation_ja=sa.bindparam("b_ja"), explanation_en=sa.bindparam("b_en"), explanation_ru=sa.bindparam("b_ru"),
        explanation_uk=sa.bindparam("b_uk"), trace=sa.bindparam("b_trace", type_=sa.JSON), computed_by=None)
    for i in range(0, len(rows), BATCH):
        batch_rows = []
        for r in rows[i:i + BATCH]:
            text = Messages.from_json(r.explanation or [])
            batch_rows.append({"b_id": r.id, **{f"b_{lang}": render(text, lang) for lang in ("ja", "en", "ru", "uk")},
                               "b_trace": [render(Message.from_json(t), "en") for t in (r.trace or [])]})
        conn.execute(update, batch_rows)
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("explanation")
