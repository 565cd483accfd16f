"""Case-manager commands: ``db upgrade``, ``demo``, ``people``, ``stays``, ``applications``, ``events``,
``family``, ``agenda``, ``tasks``, ``db recompute-deadlines``, ``export`` and ``import``. Each calls service
functions in :mod:`zairyu.cases.services` inside one transaction (nothing is stored when a command fails).

The as-of date is today, read here at the interface; ``--on`` sets another for reproducible output.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.cells import cell_len
from rich.table import Table
from sqlalchemy.orm import Session

from zairyu.cli._app import app
from zairyu.cli.common import cli_actor, console, db_transaction, fact_word, fit, lang_of, on_date, print_json, say
from zairyu.errors import InvalidInputError, ZairyuError
from zairyu.glossary import term
from zairyu.law.catalogue import parse_date

db_app = typer.Typer(help="The case database (SQLite by default, PostgreSQL via ZAIRYU_DATABASE_URL).",
                     no_args_is_help=True)
people_app = typer.Typer(help="People followed by the office.", no_args_is_help=True)
stays_app = typer.Typer(help="Grants of status of residence (the stay history).", no_args_is_help=True)
apps_app = typer.Typer(help="Applications: draft → prepared → filed → … → decided / withdrawn.",
                       no_args_is_help=True)
events_app = typer.Typer(help="Things that happened to a person (moved, divorce, card_lost, departed, ...).",
                         no_args_is_help=True)
family_app = typer.Typer(help="Family links (a principal's change re-evaluates the dependants).",
                         no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(people_app, name="people")
app.add_typer(stays_app, name="stays")
app.add_typer(apps_app, name="applications")
app.add_typer(events_app, name="events")
documents_app = typer.Typer(help="Documents kept with a person (stored by SHA-256; size and type limits).",
                            no_args_is_help=True)
notes_app = typer.Typer(help="Notes on a person.", no_args_is_help=True)
app.add_typer(family_app, name="family")
app.add_typer(documents_app, name="documents")
app.add_typer(notes_app, name="notes")
tasks_app = typer.Typer(help="The office's tasks: its own work, with an owner and a due date (not legal deadlines).",
                        no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
marks_app = typer.Typer(help="Done and snooze on the agenda: mark a deadline's line done, or snooze it until a date "
                             "(a snooze never hides a deadline on or after its own date).", no_args_is_help=True)
app.add_typer(marks_app, name="marks")

ON_HELP = "As-of date YYYY-MM-DD for the deadlines (default: today)"
LANG_HELP = "en|ja|ru|uk (any language with a message catalogue): the labels, the names of statuses and deadlines, " \
            "the provisions and explanations; --json keeps the codes"


def _L(lang: str, key: str, **params: Any) -> str:
    """A label of the case commands (message ``cli.cases.<key>``) in ``lang``."""
    return say(lang, f"cli.cases.{key}", **params)


def _kind_name(kind: str, topic: str | None, lang: str) -> str:
    """A deadline as the agenda names it: its kind by the glossary, its topic as a calendar file names it."""
    from zairyu.calendar.ics import with_topic

    return with_topic(term("deadline", kind, lang), topic, lang)


def _say(text: str) -> None:
    """One plain line (not wrapped to the terminal width, so it can be read by scripts)."""
    typer.echo(text)


_actor = cli_actor  # who the command line acts as: cli:<login>


_tx = db_transaction  # one unit of work on the configured database


def _date(text: str | None, field: str) -> date | None:
    return None if text is None else parse_date(text, field=field)


def _org(s: Session, *, create: bool = False) -> int:
    from zairyu.cases import services as sv

    return sv.default_organisation(s, _actor(), create=create).id


@db_app.command("upgrade")
def db_upgrade(on: str = typer.Option(None, "--on", help="As-of date for recomputed deadlines (default: today)"),
               ) -> None:
    """Create or upgrade the database schema to this version of zairyu, and recompute the deadlines that
    another version's law data or calendar computed."""
    from zairyu.cases import db
    from zairyu.cases import services as sv

    engine = db.get_engine()
    before, after = db.upgrade(engine)
    where = engine.url.render_as_string(hide_password=True)
    if before == after:
        _say(f"database {where} is up to date (revision {after})")
    else:
        _say(f"database {where} upgraded: {before or 'empty'} → {after}")
    d = on_date(on)
    with db.transaction(engine) as s:
        stale = sv.stale_people(s)
        if stale:
            n = sv.recompute_many(s, stale, d)
    if stale:
        _say(f"{len(stale)} people's deadlines were computed by other law data or calendar rules: "
             f"recomputed as of {d.isoformat()} ({n} deadlines)")


@app.command("demo")
def demo_cmd(on: str = typer.Option(None, "--on", help="Build the office relative to this date (default: today)"),
             ) -> None:
    """Create a realistic synthetic office (a few dozen people) in the configured database."""
    from zairyu.cases.demo import create_demo

    d = on_date(on)
    with _tx() as s:
        org, n_people, n_deadlines = create_demo(s, d, _actor())
    _say(f"demo office '{org}' created: {n_people} people, {n_deadlines} deadlines "
                  f"(as of {d.isoformat()}). Next: `zairyu agenda`; for the web app, `zairyu users demo-logins` "
                  f"(its accounts, password zairyu-demo), then `zairyu serve`")


# --------------------------------------------------------------------------- people

_PERSON_OPTS = ("family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
                "given_name_kanji", "nationality", "birth_date", "born_in_japan", "sex", "email", "phone", "address",
                "preferred_language", "notes")


def _person_fields(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


@people_app.command("add")
def people_add(
    family_name: str = typer.Option(..., "--family-name", help="Family name in Latin script"),
    given_name: str = typer.Option(None, "--given-name"),
    family_name_kana: str = typer.Option(None, "--family-name-kana", help="e.g. イワノワ"),
    given_name_kana: str = typer.Option(None, "--given-name-kana"),
    family_name_kanji: str = typer.Option(None, "--family-name-kanji"),
    given_name_kanji: str = typer.Option(None, "--given-name-kanji"),
    nationality: str = typer.Option(None, "--nationality", help="ISO 3166-1 alpha-2, e.g. RU"),
    birth_date: str = typer.Option(None, "--birth-date", help="YYYY-MM-DD"),
    born_in_japan: bool = typer.Option(None, "--born-in-japan/--born-abroad"),
    sex: str = typer.Option(None, "--sex", help="female|male|other"),
    email: str = typer.Option(None, "--email"),
    phone: str = typer.Option(None, "--phone"),
    address: str = typer.Option(None, "--address"),
    preferred_language: str = typer.Option(None, "--language", help="ja|en|ru|uk"),
    notes: str = typer.Option(None, "--notes"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add a person to the office."""
    from zairyu.cases import services as sv

    data = _person_fields(family_name=family_name, given_name=given_name, family_name_kana=family_name_kana,
                          given_name_kana=given_name_kana, family_name_kanji=family_name_kanji,
                          given_name_kanji=given_name_kanji, nationality=nationality,
                          birth_date=_date(birth_date, "birth_date"), born_in_japan=born_in_japan, sex=sex,
                          email=email, phone=phone, address=address, preferred_language=preferred_language,
                          notes=notes)
    with _tx() as s:
        p = sv.add_person(s, _org(s, create=True), data, _actor(), on=date.today())
        out = sv.snapshot(p)
    if as_json:
        print_json(out)
    else:
        _say(f"person {out['id']} added: {p.display_name}")


@people_app.command("edit")
def people_edit(
    person_id: int = typer.Argument(..., help="Person id"),
    set_: list[str] = typer.Option([], "--set", help="field=value (repeatable); an empty value clears the field"),
    version: int = typer.Option(None, "--version", help="Refuse if the record is no longer at this version"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Change a person's fields, e.g. --set address='Chiba 1-2-3' --set phone=090-0000-0000."""
    from zairyu.cases import services as sv

    changes: dict[str, Any] = {}
    for item in set_:
        if "=" not in item:
            raise InvalidInputError(f"'{item}' is not field=value", field="--set")
        k, v = item.split("=", 1)
        changes[k.strip()] = v if v != "" else None
    d = on_date(on)
    with _tx() as s:
        p = sv.edit_person(s, person_id, changes, _actor(), d, expected_version=version,
                           organisation_id=_org(s))
        _say(f"person {p.id} updated (version {p.version}): {p.display_name}")


@people_app.command("undelete")
def people_undelete(
    person_id: int = typer.Argument(..., help="The id of the person deleted by mistake"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Bring back a person deleted by mistake, before `zairyu purge` removes them (their client account stays
    deactivated: `zairyu users activate` brings it back deliberately)."""
    from zairyu.cases import services as sv

    d = on_date(on)
    with _tx() as s:
        p = sv.undelete_person(s, person_id, _actor(), d, organisation_id=_org(s))
        _say(f"person {p.id} is back: {p.display_name}")


@people_app.command("list")
def people_list(
    search: str = typer.Option(None, "--search", help="Part of a name (Latin, kana or kanji)"),
    status: str = typer.Option(None, "--status", help="Only this current status of residence (law catalogue code, "
                                                      "e.g. student)"),
    expiring: int = typer.Option(None, "--expiring", help="Only people whose stay ends within this many days "
                                                          "(the special period's end when one runs); 90 is usual"),
    overstaying: bool = typer.Option(False, "--overstaying", help="Only people who hold no status on the as-of "
                                                                  "date (the calendar's answer; a person in the "
                                                                  "special period of a filed application holds one)"),
    assignee: str = typer.Option(None, "--assignee", help="A user id, or 'unassigned'"),
    nationality: str = typer.Option(None, "--nationality", help="ISO 3166-1 alpha-2 code or a country's name"),
    sort: str = typer.Option("name", "--sort", help="name | next_deadline | stay_expiry | nationality | assignee"),
    desc: bool = typer.Option(False, "--desc", help="Descending order"),
    page: int = typer.Option(1, "--page", help="Which page"),
    limit: int = typer.Option(200, "--limit", "--page-size", help="People per page (at most 500)"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
    as_json: bool = typer.Option(False, "--json"),
    lang: str = typer.Option("en", "--lang", help=LANG_HELP),
) -> None:
    """List people: current status, end of stay, next deadline and assignee; sorted, filtered and paged as the
    web page's list (docs/cases.md)."""
    from zairyu.cases import services as sv

    d = on_date(on)
    lang = lang_of(lang)
    with _tx() as s:
        q = sv.people_query({"search": search, "status": status, "expiring": expiring, "overstaying": overstaying,
                             "assignee": assignee, "nationality": nationality, "sort": sort,
                             "order": "desc" if desc else "asc", "page": page, "page_size": limit})
        got = sv.list_page(s, _org(s), q, d)
        data = [{"id": r.person.id, "name": r.person.display_name, "nationality": r.person.nationality,
                 "status": r.stay.status if r.stay else None,
                 "expires_on": r.expiry.isoformat() if r.expiry else None,
                 "stay_ends_on": r.stay_ends.isoformat() if r.stay_ends else None,
                 "special_period": r.special_period,
                 "next_deadline": None if r.next_deadline is None else {
                     "kind": r.next_deadline.kind, "date": r.next_deadline.action_date.isoformat(),
                     "state": r.next_deadline.state},
                 "assignee": r.assignee.display_name if r.assignee else None} for r in got.rows]
    if as_json:
        print_json({"people": data, "total": got.total, "page": page, "page_size": limit, "pages": got.pages,
                    "as_of": d.isoformat()})
        return
    t = Table(title=_L(lang, "people_title", total=str(got.total), page=str(page), pages=str(got.pages)))
    for c in ("id", "name", "nationality", "status", "expires_on", "next_deadline", "assignee"):
        t.add_column(_L(lang, f"col.{c}"))
    for r in data:  # named as the agenda names them (the --json output keeps the codes)
        nd: Any = r["next_deadline"]
        nxt = (f"{term('deadline', nd['kind'], lang)} {nd['date']}"
               + (f" {say(lang, 'cli.state.overdue')}" if nd["state"] == "overdue" else "")) if nd else ""
        status = term("status", str(r["status"]) if r["status"] else None, lang)
        t.add_row(str(r["id"]), str(r["name"]), str(r["nationality"] or ""), status, str(r["expires_on"] or ""),
                  nxt, str(r["assignee"] or ""))
    console.print(fit(t, drop=tuple(_L(lang, f"col.{c}") for c in ("assignee", "nationality", "next_deadline"))))


@people_app.command("show")
def people_show(person_id: int = typer.Argument(...), as_json: bool = typer.Option(False, "--json"),
                on: str = typer.Option(None, "--on", help=ON_HELP),
                lang: str = typer.Option("en", "--lang", help=LANG_HELP)) -> None:
    """A person's record: stays, applications, deadlines (with provisions and explanations)."""
    from zairyu.cases import services as sv

    d = on_date(on)
    lang = lang_of(lang)
    with _tx() as s:
        p = sv.get_person(s, person_id, _org(s))
        out: dict[str, Any] = {
            "person": sv.snapshot(p),
            "stays": [sv.snapshot(x) for x in sv.stays_of(s, person_id)],
            "applications": [sv.snapshot(x) for x in sv.applications_of(s, person_id)],
            "deadlines": [i.to_json() for i in sv.person_deadlines(s, person_id, d)],
            "timeline_entries": len(sv.timeline_of(s, person_id)),
        }
        name = p.display_name
    if as_json:
        print_json(out)
        return
    pr = out["person"]
    from rich.text import Text

    from zairyu.duration import Duration
    from zairyu.messages import period_words

    console.print(Text(_L(lang, "person_line", name=name, id=str(pr["id"]), nationality=pr["nationality"] or "?",
                          birth=pr["birth_date"] or "?", version=str(pr["version"])), style="bold"))
    # statuses, grants, procedures, stages and decisions by their names, as the people list names them
    t = Table(title=_L(lang, "stays_title"))
    for c in ("id", "status", "granted_on", "by", "period", "expires_on", "card"):
        t.add_column(_L(lang, f"col.{c}"))
    for st in out["stays"]:
        t.add_row(str(st["id"]), term("status", st["status"], lang), st["granted_on"],
                  term("grant", st["granted_by"], lang),
                  period_words(Duration.parse(st["period"]), lang) if st["period"] else "",
                  st["expires_on"] or "", st["card_number"] or "")
    console.print(fit(t))
    if out["applications"]:
        t = Table(title=_L(lang, "applications_title"))
        for c in ("id", "procedure", "target", "stage", "filed_on", "decision"):
            t.add_column(_L(lang, f"col.{c}"))
        for a in out["applications"]:  # the decision with its day: an 80-column terminal holds every column whole
            decision = term("decision", a["decision"], lang) + (f" {a['decision_date']}" if a["decision_date"] else "")
            t.add_row(str(a["id"]), term("procedure", a["procedure"], lang), term("status", a["target_status"], lang),
                      term("stage", a["stage"], lang), a["filed_on"] or "", decision)
        console.print(fit(t))
    _print_deadlines(out["deadlines"], _L(lang, "deadlines_title", date=d.isoformat()), lang, with_person=False,
                     explain=True)


LONG_LISTING = 1000
"""Above this many lines a plain fixed-width listing replaces the table: laying out a table of a large office's
30-day agenda (tens of thousands of lines) took the table library about 20 seconds."""


def _print_deadlines(items: list[dict[str, Any]], title: str, lang: str, *, with_person: bool = True,
                     explain: bool = False) -> None:
    """A table; the state is spelled out in words (never colour alone)."""
    columns = tuple(_L(lang, f"col.{c}") for c in ("date", "state", "kind", *(("person",) if with_person else ()),
                                                  "provision", *(("explanation",) if explain else ())))
    rows = (_deadline_cells(d, lang, with_person, explain) for d in items)
    if len(items) > LONG_LISTING:
        _print_plain(title, columns, list(rows))
        return
    t = Table(title=title)
    for c in columns:
        t.add_column(c, overflow="fold")
    for cells in rows:
        t.add_row(*cells)
    console.print(fit(t))


def _print_plain(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Columns padded to their widest cell (in terminal cells: kana and kanji take two), one line per row."""
    cells = [tuple(cell_len(c) for c in r) for r in rows]
    widths = [max([len(c), *(w[i] for w in cells)]) for i, c in enumerate(columns)]

    def line(r: tuple[str, ...], lens: tuple[int, ...]) -> str:
        return "  ".join(c + " " * (w - n) for c, n, w in zip(r, lens, widths, strict=True)).rstrip()

    out = [title, line(columns, tuple(len(c) for c in columns)), "  ".join("-" * w for w in widths)]
    out += [line(r, n) for r, n in zip(rows, cells, strict=True)]
    sys.stdout.write("\n".join(out) + "\n")


def _deadline_cells(d: dict[str, Any], lang: str, with_person: bool, explain: bool) -> tuple[str, ...]:
    from zairyu.messages.citation import cite_all

    # an upcoming line needs no word; the others are spelled out (never colour alone)
    mark = "" if d["state"] == "upcoming" else say(lang, f"cli.state.{d['state']}")
    if d["risk"]:
        mark = f"{mark} {_L(lang, 'risk')}".strip()
    if d["fact_status"] == "unverified":
        mark = f"{mark} {fact_word('unverified', lang)}".strip()
    prov = cite_all(d["legal_basis"], lang)
    date_text = d["date"] + (f" {_L(lang, 'file_by', date=d['filing_date'])}" if d["filing_date"] and
                             d["filing_date"] != d["date"] else "")
    # the kind by its term, the topic in words: a reader's table, not codes (the JSON keeps the codes)
    kind = _kind_name(d["kind"], d.get("topic"), lang)
    return (date_text, mark, kind, *((f"{d['person']['name']} [{d['person']['id']}]",) if with_person else ()),
            prov, *((d["explanation"].get(lang) or d["explanation"]["en"],) if explain else ()))


# --------------------------------------------------------------------------- stays


@stays_app.command("add")
def stays_add(
    person_id: int = typer.Argument(...),
    status: str = typer.Option(..., "--status", help="Status code, e.g. student (see `zairyu statuses`)"),
    granted_on: str = typer.Option(..., "--granted-on", help="YYYY-MM-DD"),
    period: str = typer.Option(None, "--period", help="ISO 8601, e.g. P1Y, P90D; omit when indefinite"),
    granted_by: str = typer.Option(None, "--granted-by",
                                   help="landing|change|extension|acquisition|permanent_residence|"
                                        "special_permission"),
    expires_on: str = typer.Option(None, "--expires-on", help="As on the card; computed from the period if omitted"),
    previous_expires_on: str = typer.Option(None, "--previous-expires-on", help="For an extension: the old expiry"),
    designation: str = typer.Option(None, "--designation", help="For Designated Activities"),
    card_number: str = typer.Option(None, "--card-number", help="e.g. AB12345678CD"),
    card_valid_until: str = typer.Option(None, "--card-valid-until"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Record a grant of status for a person (their deadlines are recomputed)."""
    from zairyu.cases import services as sv

    d = on_date(on)
    data = {k: v for k, v in {
        "status": status, "granted_on": _date(granted_on, "granted_on"), "period": period, "granted_by": granted_by,
        "expires_on": _date(expires_on, "expires_on"),
        "previous_expires_on": _date(previous_expires_on, "previous_expires_on"), "designation": designation,
        "card_number": card_number, "card_valid_until": _date(card_valid_until, "card_valid_until")}.items()
        if v is not None}
    with _tx() as s:
        st = sv.add_stay(s, person_id, data, _actor(), d, organisation_id=_org(s))
        _say(f"stay {st.id} added: {st.status} from {st.granted_on}"
                      + (f", expires {st.expires_on}" if st.expires_on else " (no expiry)"))
        _print_deadlines([i.to_json() for i in sv.person_deadlines(s, person_id, d)], "Deadlines now", "en",
                         with_person=False)


# --------------------------------------------------------------------------- applications


@apps_app.command("add")
def applications_add(
    person_id: int = typer.Argument(...),
    procedure: str = typer.Option(..., "--procedure", help="e.g. change_of_status, extension_of_stay"),
    target_status: str = typer.Option(None, "--target-status"),
    channel: str = typer.Option(None, "--channel", help="counter|online"),
    notes: str = typer.Option(None, "--notes"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Start an application (stage 'draft')."""
    from zairyu.cases import services as sv

    d = on_date(on)
    data = {k: v for k, v in {"procedure": procedure, "target_status": target_status, "channel": channel,
                              "notes": notes}.items() if v is not None}
    with _tx() as s:
        a = sv.add_application(s, person_id, data, _actor(), d, organisation_id=_org(s))
        _say(f"application {a.id} added: {a.procedure}"
                      + (f" → {a.target_status}" if a.target_status else "") + f" (stage {a.stage})")


@apps_app.command("move")
def applications_move(
    app_id: int = typer.Argument(...),
    stage: str = typer.Argument(..., help="prepared|draft|under_examination|additional_documents_requested|withdrawn"),
    version: int = typer.Option(None, "--version"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Move an application to another stage of the office's workflow."""
    from zairyu.cases import services as sv

    d = on_date(on)
    with _tx() as s:
        a = sv.move_application(s, app_id, stage, _actor(), d, expected_version=version, organisation_id=_org(s))
        _say(f"application {a.id} is now '{a.stage}'")


@apps_app.command("file")
def applications_file(
    app_id: int = typer.Argument(...),
    filed_on: str = typer.Option(..., "--filed-on", help="YYYY-MM-DD"),
    channel: str = typer.Option(None, "--channel", help="counter|online"),
    receipt_number: str = typer.Option(None, "--receipt-number"),
    version: int = typer.Option(None, "--version"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Record that the application was filed (its deadlines are recomputed)."""
    from zairyu.cases import services as sv

    d = on_date(on)
    fd = parse_date(filed_on, field="filed_on")
    with _tx() as s:
        a = sv.file_application(s, app_id, fd, _actor(), d, channel=channel, receipt_number=receipt_number,
                                expected_version=version, organisation_id=_org(s))
        _say(f"application {a.id} filed on {a.filed_on}")
        _print_deadlines([i.to_json() for i in sv.person_deadlines(s, a.person_id, d)], "Deadlines now", "en",
                         with_person=False)


@apps_app.command("decide")
def applications_decide(
    app_id: int = typer.Argument(...),
    decision: str = typer.Option(..., "--decision", help="granted|denied"),
    decision_date: str = typer.Option(..., "--date", help="Decision date YYYY-MM-DD"),
    period: str = typer.Option(None, "--period", help="New period of stay, e.g. P1Y"),
    expires_on: str = typer.Option(None, "--expires-on", help="New expiry as on the card (else computed)"),
    card_number: str = typer.Option(None, "--card-number"),
    card_valid_until: str = typer.Option(None, "--card-valid-until"),
    version: int = typer.Option(None, "--version"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Record the decision; a grant creates the new stay and the deadlines are recomputed."""
    from zairyu.cases import services as sv

    d = on_date(on)
    dd = parse_date(decision_date, field="decision_date")
    with _tx() as s:
        a = sv.decide_application(s, app_id, decision, dd, _actor(), d, new_period=period,
                                  new_expires_on=_date(expires_on, "expires_on"), card_number=card_number,
                                  card_valid_until=_date(card_valid_until, "card_valid_until"),
                                  expected_version=version, organisation_id=_org(s))
        _say(f"application {a.id} decided: {a.decision} on {a.decision_date}"
                      + (f"; new expiry {a.new_expires_on}" if a.new_expires_on else ""))
        _print_deadlines([i.to_json() for i in sv.person_deadlines(s, a.person_id, d)], "Deadlines now", "en",
                         with_person=False)


# --------------------------------------------------------------------------- events and family


@events_app.command("add")
def events_add(
    person_id: int = typer.Argument(...),
    kind: str = typer.Option(..., "--kind", help="e.g. moved, divorce, card_lost, departed, returned"),
    event_on: str = typer.Option(..., "--date", help="When it happened, YYYY-MM-DD"),
    until: str = typer.Option(None, "--until", help="For 'departed': last day of the re-entry permit"),
    note: str = typer.Option(None, "--note"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Record an event; the person's deadlines are recomputed."""
    from zairyu.cases import services as sv

    d = on_date(on)
    data = {k: v for k, v in {"kind": kind, "on": parse_date(event_on, field="date"),
                              "until": _date(until, "until"), "note": note}.items() if v is not None}
    with _tx() as s:
        e = sv.add_event(s, person_id, data, _actor(), d, organisation_id=_org(s))
        _say(f"event {e.id} added: {e.kind} on {e.on}")


@family_app.command("link")
def family_link(
    person_id: int = typer.Argument(...),
    related_person_id: int = typer.Argument(...),
    relation: str = typer.Option(..., "--relation", help="spouse|child|parent|sibling|other (of the first)"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
) -> None:
    """Link two people: the second is the first's <relation>."""
    from zairyu.cases import services as sv

    d = on_date(on)
    with _tx() as s:
        sv.link_family(s, person_id, related_person_id, relation, _actor(), d)
        _say(f"person {related_person_id} is the {relation} of person {person_id}")


# --------------------------------------------------------------------------- documents and notes


@documents_app.command("add")
def documents_add(
    person_id: int = typer.Argument(...),
    file: Path = typer.Argument(..., help="The file to keep (PDF, JPEG, PNG, HEIC, TXT, DOCX, XLSX)"),
    application: int = typer.Option(None, "--application", help="The application it belongs to"),
) -> None:
    """Store a document for a person."""
    import mimetypes

    from zairyu.cases import services as sv
    from zairyu.settings import get_settings

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", where=str(file)) from None
    ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    st = get_settings()
    with _tx() as s:
        d = sv.store_document(s, person_id, file.name, ctype, data, _actor(), upload_dir=st.uploads_path,
                              max_bytes=st.max_upload_bytes, application_id=application, organisation_id=_org(s))
        _say(f"document {d.id} stored: {d.filename} ({d.content_type}, {d.size} bytes, sha256 {d.sha256[:12]}…)")


@documents_app.command("list")
def documents_list(person_id: int = typer.Argument(...),
                   lang: str = typer.Option("en", "--lang", help=LANG_HELP)) -> None:
    """A person's documents: a title line (whose, how many), then one line per document, its fields separated
    by tabs (id, file, type, bytes, sha256)."""
    from zairyu.cases import services as sv

    lang = lang_of(lang)
    with _tx() as s:
        p = sv.get_person(s, person_id, _org(s))
        docs = sv.documents_of(s, person_id)
        _say(_L(lang, "documents_title", name=p.display_name, n=str(len(docs))))
        for d in docs:
            _say(f"{d.id}\t{d.filename}\t{d.content_type}\t{d.size}\t{d.sha256}")


@notes_app.command("add")
def notes_add(person_id: int = typer.Argument(...), body: str = typer.Argument(..., help="The note"),
              shared: bool = typer.Option(False, "--shared", help="Share it with the client (default: internal)")
              ) -> None:
    """Add a note to a person's record: internal (staff only) unless --shared with the client."""
    from zairyu.cases import services as sv

    with _tx() as s:
        sv.get_person(s, person_id, _org(s))
        n = sv.add_note(s, person_id, body, _actor(), shared=shared)
        _say(f"note {n.id} added to person {person_id}" + (" (shared with the client)" if shared else ""))


# --------------------------------------------------------------------------- agenda, deadlines


def _user_id(s: Session, email: str | None, field: str) -> int | None:
    """A member of staff named by e-mail ('none': nobody)."""
    from zairyu.cases import services as sv

    if email is None or email == "none":
        return None
    u = sv.find_user(s, email)
    if u is None:
        raise InvalidInputError(f"no account {email}", field=field, value=email,
                                allowed="the e-mail address of a member of staff, or none")
    return u.id


@app.command("agenda")
def agenda_cmd(
    days: int = typer.Option(30, "--days", help="How far ahead"),
    on: str = typer.Option(None, "--on", help="As-of date (default: today)"),
    as_json: bool = typer.Option(False, "--json", help='{"deadlines": [...]}, each with the person'),
    limit: int = typer.Option(None, "--limit", help="Only the first N lines (a large office's agenda is long)"),
    person: int = typer.Option(None, "--person", help="One person's deadlines"),
    kind: list[str] = typer.Option([], "--kind", help="Kinds of deadline (repeatable), e.g. expiry_of_stay"),
    assignee: str = typer.Option(None, "--assignee", help="People handled by this member of staff (e-mail; none: "
                                                          "nobody assigned)"),
    date_from: str = typer.Option(None, "--from", help="Lines dated on or after YYYY-MM-DD"),
    date_to: str = typer.Option(None, "--to", help="Lines dated on or before YYYY-MM-DD"),
    show_done: bool = typer.Option(False, "--show-done", help="Also the lines marked done"),
    lang: str = typer.Option("en", "--lang", help=LANG_HELP),
) -> None:
    """What is due: overdue first, then by date. The office's marks apply as on the web agenda: done and snoozed
    lines are left out, but a snooze never hides a deadline on or after its own date."""
    from zairyu.cases import services as sv

    d = on_date(on)
    lang = lang_of(lang)
    with _tx() as s:
        org = _org(s)
        f = sv.AgendaFilter(person_id=person, kinds=tuple(kind) or None,
                            assignee=(sv.UNASSIGNED if assignee == "none" else _user_id(s, assignee, "--assignee"))
                            if assignee else None,
                            date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"), show_done=show_done)
        # the table shows no traces: they are read only for --json
        lines = sv.agenda_view(s, org, d, days, f, with_tasks=False, with_trace=as_json, limit=limit).lines
        items = [i.to_json(trace=as_json) for i in lines]
    if as_json:
        print_json({"as_of": d.isoformat(), "days": days, "deadlines": items})
        return
    n_over = sum(1 for i in items if i["overdue"])
    _print_deadlines(items, _L(lang, "agenda_title", date=d.isoformat(), days=str(days), n=str(len(items)),
                               overdue=str(n_over)), lang)


# --------------------------------------------------------------------------- tasks


def _task_row(t: Any, s: Session, on: date) -> dict[str, Any]:
    from zairyu.cases import models as m
    from zairyu.cases.services.tasks import is_overdue

    person = s.get(m.Person, t.person_id) if t.person_id is not None else None
    owner = s.get(m.User, t.owner_id) if t.owner_id is not None else None
    return {"id": t.id, "title": t.title, "person_id": t.person_id,
            "person": person.display_name if person is not None else None, "application_id": t.application_id,
            "owner_id": t.owner_id, "owner": owner.email if owner is not None else None,
            "due_on": t.due_on.isoformat() if t.due_on else None, "done": t.done,
            "overdue": is_overdue(t, on), "version": t.version}


@tasks_app.command("list")
def tasks_list(
    owner: str = typer.Option(None, "--owner", help="One owner's tasks (e-mail; none: tasks nobody owns)"),
    person: int = typer.Option(None, "--person", help="One person's tasks"),
    overdue: bool = typer.Option(False, "--overdue", help="Only what is due before the as-of date"),
    all_: bool = typer.Option(False, "--all", help="Also the tasks done"),
    on: str = typer.Option(None, "--on", help="As-of date for 'overdue' (default: today)"),
    as_json: bool = typer.Option(False, "--json"),
    lang: str = typer.Option("en", "--lang", help=LANG_HELP),
) -> None:
    """The office's open tasks, soonest due first."""
    from zairyu.cases import services as sv

    d = on_date(on)
    with _tx() as s:
        rows = [_task_row(t, s, d) for t in sv.list_tasks(
            s, _org(s), owner_id=_user_id(s, owner, "--owner"), unowned=owner == "none", person_id=person,
            include_done=all_, overdue_on=d if overdue else None)]
    if as_json:
        print_json({"as_of": d.isoformat(), "tasks": rows})
        return
    lang = lang_of(lang)
    t = Table(title=_L(lang, "tasks_title", date=d.isoformat(), n=str(len(rows))))
    for c in ("id", "due", "task", "person", "owner"):
        t.add_column(_L(lang, f"col.{c}"), overflow="fold")
    for r in rows:
        due = ((r["due_on"] or "-") + (f" {say(lang, 'cli.state.overdue')}" if r["overdue"] else "")
               + (f" {_L(lang, 'task_done')}" if r["done"] else ""))
        t.add_row(str(r["id"]), due, r["title"], r["person"] or "-", r["owner"] or "-")
    console.print(fit(t, drop=(_L(lang, "col.owner"),)))


@tasks_app.command("add")
def tasks_add(
    title: str = typer.Argument(..., help="What to do"),
    person: int = typer.Option(None, "--person", help="The person it is for"),
    application: int = typer.Option(None, "--application", help="One of the person's applications"),
    owner: str = typer.Option(None, "--owner", help="Who does it (a member of staff's e-mail)"),
    due: str = typer.Option(None, "--due", help="Due date YYYY-MM-DD"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Set a task (recorded in the timeline)."""
    from zairyu.cases import services as sv

    with _tx() as s:
        t = sv.add_task(s, _org(s), title, _actor(), person_id=person, application_id=application,
                        owner_id=_user_id(s, owner, "--owner"), due_on=_date(due, "--due"))
        row = _task_row(t, s, date.today())
    if as_json:
        print_json(row)
    else:
        _say(f"task {row['id']} set: {row['title']}" + (f" (due {row['due_on']})" if row["due_on"] else ""))


@tasks_app.command("done")
def tasks_done(
    task_id: int = typer.Argument(..., help="Task id"),
    version: int = typer.Option(None, "--version", help="Refuse if the task is no longer at this version"),
) -> None:
    """Mark a task done (recorded in the timeline)."""
    from zairyu.cases import services as sv

    with _tx() as s:
        t = sv.complete_task(s, task_id, _actor(), expected_version=version, organisation_id=_org(s))
        _say(f"task {t.id} done: {t.title}")


@db_app.command("recompute-deadlines")
def deadlines_recompute(on: str = typer.Option(None, "--on", help=ON_HELP)) -> None:
    """Recompute every person's deadlines (after a zairyu upgrade with new law data)."""
    from zairyu.cases import services as sv

    d = on_date(on)
    with _tx() as s:
        n = sv.recompute_all(s, d, _org(s))
    _say(f"{n} deadlines recomputed as of {d.isoformat()}")


# --------------------------------------------------------------------------- export / import


PASSPHRASE_ENV = "ZAIRYU_EXPORT_PASSPHRASE"


def _passphrase(from_stdin: bool) -> str | None:
    """The passphrase of a sealed export: the first line of standard input, or ZAIRYU_EXPORT_PASSPHRASE."""
    import os

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return os.environ.get(PASSPHRASE_ENV) or None


@app.command("export")
def export_cmd(
    file: Path = typer.Argument(..., help="Where to write the office"),
    passphrase_stdin: bool = typer.Option(False, "--passphrase-stdin",
                                          help=f"Encrypt with a passphrase read from standard input (or set "
                                               f"{PASSPHRASE_ENV})"),
    unencrypted: bool = typer.Option(False, "--unencrypted", help="Write plain JSON (anyone who gets the file "
                                     "reads every person's data)"),
    password_hashes: bool = typer.Option(False, "--with-password-hashes",
                                         help="Include the accounts' password hashes (default: left out)"),
) -> None:
    """Write the whole office to a file (format: docs/cases.md), encrypted with a passphrase (docs/security.md)."""
    from zairyu.cases import crypto, exchange
    from zairyu.cases import services as sv
    from zairyu.files import write_private
    from zairyu.settings import get_settings

    passphrase = None if unencrypted else _passphrase(passphrase_stdin)
    if passphrase is None and not unencrypted:
        raise InvalidInputError(f"an export holds every person's data: give a passphrase (--passphrase-stdin or "
                                f"{PASSPHRASE_ENV}), or --unencrypted to write it in the clear",
                                field="--passphrase-stdin")
    with _tx() as s:
        org = _org(s)
        doc = exchange.export_office(s, org, upload_dir=get_settings().uploads_path, password_hashes=password_hashes)
        sv.record_access(s, _actor(), "export", "organisations", org, organisation_id=org,
                         what={"file": str(file), "people": len(doc["people"]), "encrypted": passphrase is not None,
                               "password_hashes": password_hashes})
    data = exchange.dumps(doc).encode("utf-8")
    if passphrase is not None:
        data = crypto.seal_with_passphrase(data, passphrase)
    write_private(file, data)
    _say(f"exported {len(doc['people'])} people, {len(doc['stays'])} stays, "
         f"{len(doc['applications'])} applications to {file}{' (encrypted)' if passphrase else ''}")


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="A zairyu export (encrypted or JSON), or a CSV of people and stays"),
    on: str = typer.Option(None, "--on", help=ON_HELP),
    passphrase_stdin: bool = typer.Option(False, "--passphrase-stdin",
                                          help=f"An encrypted export's passphrase, from standard input (or set "
                                               f"{PASSPHRASE_ENV})"),
) -> None:
    """Import an exported office (JSON) or people and stays (CSV). All or nothing."""
    from zairyu.cases import crypto, exchange
    from zairyu.limits import loads_json
    from zairyu.settings import get_settings

    d = on_date(on)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"cannot read: {exc.strerror}", where=str(file)) from None
    if crypto.is_sealed(raw):
        passphrase = _passphrase(passphrase_stdin)
        if passphrase is None:
            raise InvalidInputError(f"the file is encrypted: give its passphrase (--passphrase-stdin or "
                                    f"{PASSPHRASE_ENV})", field="--passphrase-stdin", where=str(file))
        raw = crypto.open_with_passphrase(raw, passphrase, where=str(file))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError("the file is not UTF-8 text", where=str(file)) from None
    with _tx() as s:
        if file.suffix.lower() == ".csv":
            rep = exchange.import_csv(s, _org(s, create=True), text, _actor(), d, where=str(file))
            _say(f"imported {rep.people} people and {rep.stays} stays from {file}")
            return
        doc = loads_json(text, where=str(file))
        org = exchange.import_office(s, doc, _actor(), d, upload_dir=get_settings().uploads_path, where=str(file),
                                     max_bytes=get_settings().max_upload_bytes)
        _say(f"imported office '{org.name}' (organisation {org.id}) with {len(doc.get('people', []))} people")


# --------------------------------------------------------------------------- done and snooze (the agenda's marks)


def _mark_row(k: Any, s: Session) -> dict[str, Any]:
    from zairyu.cases import models as m

    person = s.get(m.Person, k.person_id)
    by = s.get(m.User, k.by_user_id) if k.by_user_id is not None else None
    return {"id": k.id, "person_id": k.person_id, "person": person.display_name if person is not None else None,
            "kind": k.kind, "topic": k.topic or None, "date": k.deadline_date.isoformat(), "mark": k.mark,
            "until": k.until.isoformat() if k.until else None, "by": by.email if by is not None else None,
            "at": k.at.isoformat(timespec="seconds") if k.at else None}


@marks_app.command("list")
def marks_list(
    person: int = typer.Option(None, "--person", help="One person's marks"),
    as_json: bool = typer.Option(False, "--json"),
    lang: str = typer.Option("en", "--lang", help=LANG_HELP),
) -> None:
    """The office's marks on agenda lines: what is marked done, what is snoozed and until when."""
    from zairyu.cases import services as sv

    with _tx() as s:
        org = _org(s)
        if person is not None:
            sv.get_person(s, person, org)
        kept = sv.marks_of(s, org, None if person is None else [person]).values()
        from sqlalchemy import select

        from zairyu.cases import models as m

        # the marks' people and authors in one query each (each row then finds them in the session)
        list(s.scalars(select(m.Person).where(m.Person.id.in_({k.person_id for k in kept}))))
        list(s.scalars(select(m.User).where(m.User.id.in_({k.by_user_id for k in kept if k.by_user_id}))))
        rows = [_mark_row(k, s) for k in sorted(kept, key=lambda k: (k.deadline_date, k.person_id, k.kind, k.id))]
    if as_json:
        print_json({"marks": rows})
        return
    lang = lang_of(lang)
    t = Table(title=_L(lang, "marks_title", n=str(len(rows))))
    for c in ("id", "date", "kind", "person", "mark"):
        t.add_column(_L(lang, f"col.{c}"), overflow="fold")
    for r in rows:  # a person as the agenda writes one: name [id]
        t.add_row(str(r["id"]), r["date"], _kind_name(r["kind"], r["topic"], lang), f"{r['person']} [{r['person_id']}]",
                  _L(lang, f"mark.{r['mark']}") + (f" {_L(lang, 'until', date=r['until'])}" if r["until"] else ""))
    console.print(fit(t))


@contextmanager
def _cli_fields(names: dict[str, str]) -> Iterator[None]:
    """A service's error names its field as the service knows it (``id``, ``date``): said here as the command's
    own argument or option (PERSON, --until)."""
    try:
        yield
    except ZairyuError as exc:
        if exc.field in names:
            exc.field = names[exc.field]
        raise


def _mark_cmd(person: int, kind: str, deadline_date: str, topic: str | None, mark: str, until: str | None,
              on: str | None) -> None:
    from zairyu.cases import services as sv

    today = on_date(on)
    with _tx() as s, _cli_fields({"id": "PERSON", "date": "KIND DATE --topic", "until": "--until",
                                  "mark": "MARK"}):
        k = sv.mark_deadline(s, _org(s), person, kind, topic, parse_date(deadline_date, field="DATE"), mark, _actor(),
                             today, until=_date(until, "--until"))
        row = _mark_row(k, s)
    what = "done" if mark == "done" else f"snoozed until {row['until']} (it shows again then, and always on and " \
                                        f"after its own date)"
    _say(f"mark {row['id']}: {row['kind']}{' ' + row['topic'] if row['topic'] else ''} of {row['date']} for "
         f"{row['person']} (#{row['person_id']}) {what}")


_KIND_HELP = "The deadline's kind, as `zairyu agenda --json` shows it (e.g. expiry_of_stay)"
_DATE_HELP = "The deadline's date YYYY-MM-DD, as on the agenda line"
_TOPIC_HELP = "The deadline's topic, where the agenda line has one"


@marks_app.command("done")
def marks_done(
    person: int = typer.Argument(..., help="Person id"),
    kind: str = typer.Argument(..., help=_KIND_HELP),
    deadline_date: str = typer.Argument(..., metavar="DATE", help=_DATE_HELP),
    topic: str = typer.Option(None, "--topic", help=_TOPIC_HELP),
    on: str = typer.Option(None, "--on", help="As-of date (default: today)"),
) -> None:
    """Mark an agenda line done: it leaves the agenda (`zairyu agenda --show-done` shows it). Recorded."""
    _mark_cmd(person, kind, deadline_date, topic, "done", None, on)


@marks_app.command("snooze")
def marks_snooze(
    person: int = typer.Argument(..., help="Person id"),
    kind: str = typer.Argument(..., help=_KIND_HELP),
    deadline_date: str = typer.Argument(..., metavar="DATE", help=_DATE_HELP),
    until: str = typer.Option(..., "--until", help="The line shows again on this date YYYY-MM-DD (after today)"),
    topic: str = typer.Option(None, "--topic", help=_TOPIC_HELP),
    on: str = typer.Option(None, "--on", help="As-of date (default: today)"),
) -> None:
    """Snooze an agenda line until a date. A snooze never hides a deadline on or after its own date. Recorded."""
    _mark_cmd(person, kind, deadline_date, topic, "snoozed", until, on)


@marks_app.command("undo")
def marks_undo(mark_id: int = typer.Argument(..., help="Mark id (`zairyu marks list`)")) -> None:
    """Take a mark back: the line shows on the agenda as before. Recorded."""
    from zairyu.cases import services as sv

    with _tx() as s, _cli_fields({"id": "MARK_ID"}):
        k = sv.undo_mark(s, mark_id, _actor(), organisation_id=_org(s))
        _say(f"mark {k.id} taken back: {k.kind} of {k.deadline_date.isoformat()} shows on the agenda again")
