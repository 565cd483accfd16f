"""`zairyu precedents load|list|show|search|add|export` on the real command line and database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from tests.cases.conftest import DBHandle
from tests.conftest import Cli

from zairyu.precedents.register import dataset_text

TOKYO = "ru-2023-05-tokyo-two-women-temporary-visitor-to-student"


def test_load_search_show_export(cli: Cli, cli_db: DBHandle) -> None:
    r = cli("precedents", "load")
    assert r.exit_code == 0 and "44 added" in r.stdout
    assert "44 unchanged" in cli("precedents", "load").stdout
    r = cli("precedents", "search", "留学", "--json")
    assert [x["id"] for x in json.loads(r.stdout)["results"]] == [TOKYO]
    r = cli("precedents", "search", "留学", "--lang", "ru")
    assert TOKYO in r.stdout and "[резюме на языке: en]" in r.stdout  # no Russian summary: said so
    r = cli("precedents", "list", "--procedure", "refugee_recognition", "--kind", "statistic", "--json")
    assert json.loads(r.stdout)["total"] == 4
    assert json.loads(cli("precedents", "show", TOKYO).stdout)["to_status"] == "student"
    out = json.loads(cli("precedents", "export", "--format", "json").stdout)
    assert "CC BY 4.0" in out["licence"] and len(out["records"]) == 44
    rows = list(csv.DictReader(io.StringIO(cli("precedents", "export", "--format", "csv").stdout)))
    assert len(rows) == 44 and all("CC BY 4.0" in r["licence"] for r in rows)
    text = cli("precedents", "export", "--format", "yaml").stdout
    assert text.startswith("# ") and "CC BY 4.0" in text.splitlines()[0] and len(yaml.safe_load(text)) == 44


def test_add_refuses_a_bad_file_whole(cli: Cli, cli_db: DBHandle, tmp_path: Path) -> None:
    good = yaml.safe_load(dataset_text())[0]
    records = [{**good, "id": "ru-2099-01-new-one"}, {**good, "id": "ru-2099-01-bad-one", "sources": [
        {"title": "no address"}]}]
    f = tmp_path / "new.yaml"
    f.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    r = cli("precedents", "add", str(f))
    assert r.exit_code == 2 and "sources" in r.stderr and "url" in r.stderr
    f.write_text(yaml.safe_dump(records[:1], allow_unicode=True), encoding="utf-8")
    assert cli("precedents", "add", str(f)).exit_code == 0
    assert json.loads(cli("precedents", "list", "--json").stdout)["total"] == 1


def test_public_register_setting_from_the_cli(cli: Cli, cli_db: DBHandle) -> None:
    assert "is off" in cli("precedents", "public").stdout  # off by default
    r = cli("precedents", "public", "on")
    assert r.exit_code == 0 and "is on" in r.stdout and "/public/precedents" in r.stdout
    assert "公開中" in cli("precedents", "public", "status", "--lang", "ja").stdout
    assert "is off" in cli("precedents", "public", "off").stdout
    bad = cli("precedents", "public", "maybe")
    assert bad.exit_code != 0 and "state" in (bad.stdout + bad.stderr)


def test_propose_and_approve_from_the_cli(cli: Cli, cli_db: DBHandle) -> None:
    import datetime as dt

    from zairyu.cases import services as sv

    act, day = sv.Actor("test"), dt.date(2026, 11, 25)
    from zairyu.cases import db

    with db.transaction(cli_db.engine) as s:
        org = sv.create_organisation(s, "Office", act)
        for email in ("one@office.example", "two@office.example"):
            sv.add_user(s, org.id, email=email, display_name=email, role="caseworker", actor=act,
                        password_hash="x")
        apps = []
        for name in ("Sokolova", "Kuznetsova"):
            p = sv.add_person(s, org.id, {"family_name": name, "nationality": "RU"}, act)
            sv.add_stay(s, p.id, {"status": "temporary_visitor", "period": "P90D",
                                  "granted_on": dt.date(2026, 9, 1), "granted_by": "landing"}, act, day)
            a = sv.add_application(s, p.id, {"procedure": "change_of_status", "target_status": "student"}, act, day)
            sv.move_application(s, a.id, "prepared", act, day)
            sv.file_application(s, a.id, dt.date(2026, 10, 1), act, day)
            sv.decide_application(s, a.id, "denied", dt.date(2026, 11, 2), act, day)
            apps.append(a.id)
    bad = cli("precedents", "propose", str(apps[0]), "--by", "one@office.example", "--consent-on", "2026-11-03")
    assert bad.exit_code != 0 and "consent" in (bad.stdout + bad.stderr)  # --consent not given
    first = json.loads(cli("precedents", "propose", str(apps[0]), "--by", "one@office.example", "--consent",
                           "--consent-on", "2026-11-03").stdout)
    assert first["record"]["outcome"] == "refused" and "only record" in first["waiting"]
    cli("precedents", "propose", str(apps[1]), "--by", "one@office.example", "--consent", "--consent-on",
        "2026-11-04")
    own = cli("precedents", "approve", str(first["id"]), "--by", "one@office.example")
    assert own.exit_code != 0 and "second person" in (own.stdout + own.stderr)
    ok = cli("precedents", "approve", str(first["id"]), "--by", "two@office.example")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["date"] == "2026-11"
    assert "Sokolova" not in ok.stdout


def test_the_list_fits_the_terminal_and_an_empty_register_says_how_to_fill_it(
        cli: Cli, cli_db: DBHandle, monkeypatch: pytest.MonkeyPatch) -> None:
    """`zairyu precedents list` wrote lines up to 184 columns whatever the terminal; on an empty register it
    printed only "(0/0)"."""
    from rich.cells import cell_len

    from zairyu.cli.common import console

    r = cli("precedents", "list", "--lang", "ru")
    said = " ".join(r.stdout.split())  # the hint wraps to the terminal
    assert r.exit_code == 0 and "(0/0)" in said and "zairyu precedents load" in said
    assert "загрузите" in r.stdout  # in the reader's language
    cli("precedents", "load")
    monkeypatch.setattr(console, "width", 80)
    for lang in ("en", "ja"):
        out = cli("precedents", "list", "--lang", lang).stdout
        assert "(44/44)" in out and max(cell_len(x) for x in out.splitlines()) <= 80
        assert "zairyu precedents load" not in out
