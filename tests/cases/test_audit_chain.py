"""Accountability (issue 12): the timeline is a hash chain; `zairyu audit verify` names an edited or removed
entry and exits non-zero; concurrent writers never fork the chain. On SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import threading

from sqlalchemy import text
from tests.conftest import Cli

from zairyu.cases import db
from zairyu.cases import services as sv
from zairyu.cases.services.audit import verify_chain

from .conftest import ACTOR, DBHandle


def _people(tdb: DBHandle, n: int = 3) -> int:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office A", ACTOR).id
        for i in range(n):
            sv.add_person(s, org, {"family_name": f"Person{i}", "notes": "at risk"}, ACTOR)
    return org


def test_verify_finds_an_edited_entry(cli_db: DBHandle, cli: Cli) -> None:
    _people(cli_db)
    r = cli("audit", "verify")
    assert r.exit_code == 0 and "chain holds: 4 entries" in r.output, r.output
    with cli_db.engine.begin() as c:  # someone with the database rewrites who did it
        c.execute(text("UPDATE timeline SET actor = 'nobody' WHERE id = 2"))
    r = cli("audit", "verify")
    assert r.exit_code == 1
    assert "timeline entry 2 (seq 2) was changed" in r.stderr


def test_verify_finds_a_removed_entry(cli_db: DBHandle, cli: Cli) -> None:
    _people(cli_db)
    with cli_db.engine.begin() as c:
        c.execute(text("DELETE FROM timeline WHERE id = 3"))
    r = cli("audit", "verify")
    assert r.exit_code == 1
    assert "missing (removed) before timeline entry 4" in r.stderr


def test_concurrent_writers_chain_one_after_the_other(tdb: DBHandle) -> None:
    org = _people(tdb, 1)
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(5):
                with db.transaction(tdb.engine) as s:
                    sv.add_person(s, org, {"family_name": f"W{k}x{i}"}, ACTOR)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with db.transaction(tdb.engine) as s:
        rep = verify_chain(s)
    assert rep.problems == [] and rep.entries == 2 + 20
