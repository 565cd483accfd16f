"""The precedent register's commands: ``zairyu precedents load|list|show|search|add|export``
(docs/precedents.md). Each works in one transaction on the case database (SQLite by default, PostgreSQL via
ZAIRYU_DATABASE_URL); nothing is stored when a command fails."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import typer
import yaml

from zairyu.cli._app import app
from zairyu.cli.common import cli_actor, db_transaction, print_json
from zairyu.errors import InvalidInputError
from zairyu.messages import CONTRACT_LANGS, message, render
from zairyu.precedents.model import Precedent

precedents_app = typer.Typer(help="The precedent register: public decisions, judgments, measures, statistics.",
                             no_args_is_help=True)
app.add_typer(precedents_app, name="precedents")

LANG_HELP = "Language of the output: ja|en|ru|uk"
EXPORT_FORMATS = ("yaml", "csv", "json")
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


_tx = db_transaction  # one unit of work on the configured database


_actor = cli_actor  # who the command line acts as: cli:<login>


def _lang(lang: str) -> str:
    if lang not in CONTRACT_LANGS:
        raise InvalidInputError(f"unknown language '{lang}'", field="--lang", value=lang,
                                allowed="|".join(CONTRACT_LANGS))
    return lang


def line(p: Precedent, lang: str, score: int | None = None) -> str:
    """One record in one line: id, date, kind, outcome, summary (its language said when it is another)."""
    written, text = p.summary(lang)
    shown = text if len(text) <= 160 else text[:157] + "…"
    if written != lang:
        shown = render(message("precedent.summary_in", lang=written), lang) + " " + shown
    kind = render(message(f"precedent.kind.{p.kind}"), lang)
    outcome = render(message(f"precedent.outcome.{p.outcome}"), lang)
    rel = f" [{score}]" if score else ""
    return f"{p.id}  {p.date}  {kind} / {outcome}{rel}\n    {shown}"


@precedents_app.command("load")
def load(file: Path = typer.Option(None, "--file", help="A YAML file of records (default: the packaged "
                                                        "starter dataset)"),
         lang: str = typer.Option("en", "--lang", help=LANG_HELP)) -> None:
    """Load the starter dataset (or a file) into the database; loading again changes nothing."""
    from zairyu.precedents import store
    from zairyu.precedents.register import _load_yaml, packaged_register, parse_dataset

    lang = _lang(lang)
    records = (parse_dataset(_load_yaml(file.read_text(encoding="utf-8")), where=str(file)) if file
               else list(packaged_register().records))
    with _tx() as s:
        counts = store.load_records(s, records, _actor())
    typer.echo(render(message("precedent.loaded", **counts), lang))


def _filters(kind: list[str], procedure: list[str], outcome: list[str], nationality: list[str], tag: list[str],
             year: list[str], authority: list[str]) -> dict[str, list[str]]:
    return {"kind": kind, "procedure": procedure, "outcome": outcome,
            "nationality": [n.upper() for n in nationality], "tag": tag, "year": year, "authority": authority}


_K = typer.Option([], "--kind", help="decision|court_judgment|special_measure|statistic (repeatable)")
_P = typer.Option([], "--procedure", help="e.g. change_of_status, refugee_recognition")
_O = typer.Option([], "--outcome", help="granted|refused|partially_granted|overturned|upheld|announced")
_N = typer.Option([], "--nationality", help="ISO 3166-1 alpha-2, e.g. RU")
_T = typer.Option([], "--tag", help="circumstance tag, e.g. mobilisation")
_Y = typer.Option([], "--year", help="YYYY")
_A = typer.Option([], "--authority", help="the authority as written in the record")


def _show_result(res: Any, lang: str, as_json: bool, *, empty_register: bool = False) -> None:
    if as_json:
        print_json({"total": res.total, "results": [{**p.to_json(), "score": sc} for p, sc in res.items],
                    "facets": res.facets})
        return
    from rich.padding import Padding
    from rich.text import Text

    from zairyu.cli.common import console

    for p, sc in res.items:  # wrapped to the terminal, the summary indented under its record's line
        head, summary = line(p, lang, sc).split("\n", 1)
        console.print(Text(head), soft_wrap=False, overflow="fold")
        console.print(Padding(Text(summary.strip()), (0, 0, 0, 4)))
    typer.echo(f"({len(res.items)}/{res.total})")
    if res.total == 0 and empty_register:
        console.print(Text(render(message("precedent.register_empty"), lang)))


@precedents_app.command("list")
def list_(kind: list[str] = _K, procedure: list[str] = _P, outcome: list[str] = _O, nationality: list[str] = _N,
          tag: list[str] = _T, year: list[str] = _Y, authority: list[str] = _A,
          limit: int = typer.Option(50, "--limit"), lang: str = typer.Option("en", "--lang", help=LANG_HELP),
          as_json: bool = typer.Option(False, "--json")) -> None:
    """The register, most recent first, filtered by facets."""
    from zairyu.precedents import store

    lang = _lang(lang)
    with _tx() as s:
        filters = _filters(kind, procedure, outcome, nationality, tag, year, authority)
        res = store.search(s, None, filters, sort="date", limit=limit, facet_counts=as_json)
    # nothing listed and nothing filtered: the register is empty, and the reader is told how to fill it
    _show_result(res, lang, as_json, empty_register=not any(filters.values()))


@precedents_app.command("search")
def search_(query: str = typer.Argument(..., help="Words or Japanese terms, e.g. 留学, 難民 認定, mobilisation"),
            kind: list[str] = _K, procedure: list[str] = _P, outcome: list[str] = _O,
            nationality: list[str] = _N, tag: list[str] = _T, year: list[str] = _Y, authority: list[str] = _A,
            sort: str = typer.Option("relevance", "--sort", help="relevance|date"),
            limit: int = typer.Option(20, "--limit"), lang: str = typer.Option("en", "--lang", help=LANG_HELP),
            as_json: bool = typer.Option(False, "--json")) -> None:
    """Search summaries, notes and sources (ja/en/ru/uk), with facets."""
    from zairyu.precedents import store

    lang = _lang(lang)
    with _tx() as s:
        res = store.search(s, query, _filters(kind, procedure, outcome, nationality, tag, year, authority),
                           sort=sort, limit=limit, facet_counts=as_json)  # type: ignore[arg-type]
    _show_result(res, lang, as_json)


@precedents_app.command("show")
def show(id: str = typer.Argument(..., help="The record's id"),
         versions: bool = typer.Option(False, "--versions", help="Also every earlier version")) -> None:
    """One record as JSON (every field, with its version)."""
    from zairyu.precedents import store

    with _tx() as s:
        p, version = store.get_precedent(s, id, public_only=False)
        out: dict[str, Any] = {**p.to_json(), "version": version}
        if versions:
            out["versions"] = [{"version": v.version, "actor": v.actor, "at": v.at.isoformat(), "data": v.data}
                               for v in store.versions_of(s, id)]
    print_json(out)


def _read_records(file: Path) -> list[dict[str, Any]]:
    text = file.read_text(encoding="utf-8")
    try:
        raw = json.loads(text) if file.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise InvalidInputError(f"not valid {'JSON' if file.suffix == '.json' else 'YAML'}: {exc}",
                                where=str(file)) from None
    items = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(x, dict) for x in items):
        raise InvalidInputError("a record is a mapping of fields", where=str(file))
    return items


@precedents_app.command("add")
def add(file: Path = typer.Argument(..., help="A YAML or JSON file: one record or a list"),
        edit: bool = typer.Option(False, "--edit", help="Replace existing records (a new version each)"),
        private: bool = typer.Option(False, "--private", help="Visible to the office only, not the public "
                                                               "register")) -> None:
    """Add records (all or none: the first bad one is refused naming its field)."""
    from zairyu.precedents import store
    from zairyu.precedents.register import parse_dataset

    records = parse_dataset(_read_records(file), where=str(file))
    with _tx() as s:
        org = None
        if private:
            from zairyu.cases import services as sv

            org = sv.default_organisation(s, _actor()).id
        for p in records:
            if edit and store.get_precedent_or_none(s, p.id):
                store.edit_precedent(s, p.id, p, _actor())
            else:
                store.add_precedent(s, p, _actor(), organisation_id=org, public=not private)
    typer.echo("\n".join(p.id for p in records))


def export_text(records: list[Precedent], fmt: str) -> str:
    """The records in ``fmt`` (yaml|csv|json), the licence stated in the file."""
    data = [p.to_json() for p in records]
    if fmt == "json":
        return json.dumps({"licence": LICENCE, "notice": render(message("precedent.licence"), "en"),
                           "records": data}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        head = "\n".join(f"# {render(message('precedent.licence'), lang)}" for lang in ("en", "ja"))
        return head + f"\n# licence: {LICENCE}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                                     width=120)
    buf = io.StringIO()
    cols = [*Precedent.model_fields, "licence"]
    w = csv.DictWriter(buf, fieldnames=cols)
    w.writeheader()
    for d in data:
        w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v)
                    for k, v in {**d, "licence": LICENCE}.items()})
    return buf.getvalue()


@precedents_app.command("export")
def export(fmt: str = typer.Option("yaml", "--format", help="yaml|csv|json"),
           output: Path = typer.Option(None, "--output", "-o", help="File to write (default: standard output)"),
           packaged: bool = typer.Option(False, "--packaged", help="The packaged starter dataset, no database")
           ) -> None:
    """Open-data export of the public register (licence stated in the file)."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidInputError(f"unknown format '{fmt}'", field="--format", value=fmt,
                                allowed="|".join(EXPORT_FORMATS))
    if packaged:
        from zairyu.precedents.register import packaged_register

        records = list(packaged_register().records)
    else:
        from zairyu.precedents import store

        with _tx() as s:
            records = list(store.register_of(s).records)
    text = export_text(records, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@precedents_app.command("public")
def public(state: str = typer.Argument("status", help="on|off|status"),
           lang: str = typer.Option("en", "--lang", help="ja|en|ru|uk")) -> None:
    """The public read-only register (no sign-in, /public/precedents): turn it on or off, or show whether it
    is on. Off by default; each change is recorded in the timeline."""
    from zairyu.precedents.public import public_register_on, set_public_register

    if state not in ("on", "off", "status"):
        raise InvalidInputError("choose on, off or status", field="state", value=state, allowed="on|off|status")
    with _tx() as s:
        if state != "status":
            set_public_register(s, state == "on", _actor())
        on = public_register_on(s)
    typer.echo(render(message("precedent.public.on" if on else "precedent.public.off"), _lang(lang)))


@precedents_app.command("propose")
def propose_cmd(application_id: int = typer.Argument(..., help="The decided application's id"),
                by: str = typer.Option(..., "--by", help="E-mail of the admin or caseworker proposing it"),
                consent_on: str = typer.Option(..., "--consent-on", help="The day the client consented (YYYY-MM-DD)"),
                consent: bool = typer.Option(False, "--consent", help="The client consented to publishing the "
                                             "anonymised record (required)")) -> None:
    """Propose an office's decided application to the shared register: anonymised (no name, card number, birth
    date, address or free text; the month only), the client's consent recorded. A second person approves it."""
    import datetime as dt

    from zairyu.precedents import proposals

    try:
        day = dt.date.fromisoformat(consent_on)
    except ValueError:
        raise InvalidInputError("not a date", field="--consent-on", value=consent_on, allowed="YYYY-MM-DD") from None
    with _tx() as s:
        actor, org = proposals.office_actor(s, by)
        row = proposals.propose(s, application_id, actor, organisation_id=org, consent=consent, consent_on=day)
        out = proposals.proposal_json(s, row)
    print_json(out)


@precedents_app.command("approve")
def approve_cmd(proposal_id: int = typer.Argument(..., help="The proposal's id"),
                by: str = typer.Option(..., "--by", help="E-mail of the approving admin or caseworker (not the "
                                       "proposer)")) -> None:
    """Approve a proposal: the anonymised record enters the shared public register."""
    from zairyu.precedents import proposals

    with _tx() as s:
        actor, org = proposals.office_actor(s, by)
        row = proposals.approve(s, proposal_id, actor, organisation_id=org)
        out = {**row.data, "version": row.version}
    print_json(out)


@precedents_app.command("extract")
def extract_cmd(file: Path = typer.Argument(..., help="A text file: a news report or a decision notice (ja or en)"),
                as_json: bool = typer.Option(False, "--json", help="The draft and its evidence as JSON"),
                lang: str = typer.Option("en", "--lang", help="ja|en|ru|uk")) -> None:
    """A draft record from a text, offline: each value with the words it came from. Nothing is stored."""
    from zairyu.precedents.extract import extract

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"cannot read the file: {exc}", field="FILE", value=str(file)) from None
    out = extract(text)
    if as_json:
        print_json(out)
        return
    lg = _lang(lang)
    for field, found in out["evidence"].items():
        for f in found:
            typer.echo(render(message("precedent.extract.value", field=field, value=f["value"], text=f["text"],
                                      start=f["start"], end=f["end"]), lg))
    typer.echo(render(message("precedent.extract.review"), lg))
