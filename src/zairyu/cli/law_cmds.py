"""Law catalogue commands: ``statuses``, ``status``, ``fees``, ``law rules``, ``law check``, ``schema law`` /
``schema facts``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from zairyu.cli._app import app
from zairyu.cli.common import console, fact_word, fit, lang_of, on_date, print_json, say
from zairyu.duration import Duration
from zairyu.glossary import KINDS as GLOSSARY
from zairyu.glossary import code_of, term
from zairyu.law.catalogue import StatusView, catalogue, parse_date
from zairyu.law.models import LegalBasis, PeriodRow, Periods
from zairyu.messages import period_words
from zairyu.messages.citation import cite

law_app = typer.Typer(help="Check the law data.", no_args_is_help=True)
schema_app = typer.Typer(help="Export JSON Schemas for editors and other tools.", no_args_is_help=True)
app.add_typer(law_app, name="law")
app.add_typer(schema_app, name="schema")

UNVERIFIED_MARK = "*"
LANG_HELP = "ja|en|ru|uk (any language with a message catalogue)"

# The words of these commands are messages (``cli.law.*``, ``cli.status.*``: every language with a catalogue).
# The law data's own texts they print come in the languages the data gives: a status's activities, its work note
# and its periods' rows in ja/en/ru/uk; a rule's name, a period's note, sources in ja/en or English only. A
# reader of a language the data does not have gets its English text.


def _short(iso: str, lang: str) -> str:
    """'P4Y3M' → '4y3m' in English (a table's narrow column), else the period in words: '4年3月', '4 года 3 месяца'."""
    d = Duration.parse(iso)
    if lang == "en":
        return "".join(f"{n}{u}" for n, u in ((d.years, "y"), (d.months, "m"), (d.days, "d")) if n)
    return period_words(d, lang)


def periods_text(p: Periods | PeriodRow, lang: str, *, short: bool = True) -> str:
    """Human words for one periods version (or one sub-row of it)."""
    if p.kind is None:
        return say(lang, "cli.law.periods.unknown")
    if p.kind == "indefinite":
        return say(lang, "cli.law.periods.indefinite")
    if p.kind == "activity_duration":
        return say(lang, "cli.law.periods.activity_duration")

    def words(iso: str) -> str:
        return _short(iso, lang) if short else period_words(Duration.parse(iso), lang)

    sep = say(lang, "cli.law.periods.sep")
    parts = [sep.join(words(v) for v in p.values)] if p.values else []
    if isinstance(p, Periods) and p.designated_up_to:
        parts.append(say(lang, "cli.law.periods.in_days", m=words(p.designated_up_to)))
    if p.kind == "designated" and p.max:
        parts.append(say(lang, "cli.law.periods.designated", m=words(p.max)))
    return say(lang, "cli.law.periods.or").join(parts) if p.kind == "designated" and p.values else sep.join(parts)


def work_text(v: StatusView, lang: str, *, long: bool = False) -> str:
    s = v.status
    key = f"cli.law.work_long.{s.employment}" if long and s.employment in ("within_activity", "not_permitted") \
        else f"cli.law.work.{s.employment}"
    text = say(lang, key)
    if s.employment == "not_permitted" and s.permission_outside_activity and not long:
        text += say(lang, "cli.law.sap_ok")
    return text


def status_title(v: StatusView, lang: str) -> str:
    """A status's name: the law data's in Japanese and English, the glossary's in another language."""
    return v.name(lang) if lang in ("ja", "en") else term("status", v.code, lang)


def _basis(items: list[LegalBasis], lang: str = "en") -> list[str]:
    out: list[str] = []
    for b in items:
        text = cite(b, lang)
        if text not in out:
            out.append(text)
    return out


@app.command("statuses")
def statuses_cmd(
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help=LANG_HELP),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """Every status of residence in force on a date, with its work rule, periods of stay and provisions."""
    d = on_date(on)
    lang = lang_of(lang)
    law = catalogue(d)
    if as_json:
        print_json({"as_of": d.isoformat(), "statuses": [s.to_json() for s in law.statuses]})
        return
    t = Table(title=say(lang, "cli.statuses_title", date=d.isoformat()),
              box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    wide = console.width >= 100
    if wide:
        t.add_column(say(lang, "cli.col_app_table"), no_wrap=True)
    narrow = console.width < 90  # an 80-column terminal: the code goes under the name, no word is cut
    if not narrow:
        t.add_column(say(lang, "cli.col_code"), no_wrap=True, style="cyan")
    t.add_column(say(lang, "cli.col_status_code" if narrow else "cli.col_status"),
                 ratio=4, overflow="fold", min_width=max(len(v.code) for v in law.statuses) if narrow else None)
    t.add_column(say(lang, "cli.col_work"), ratio=2, overflow="fold")
    t.add_column(say(lang, "cli.col_periods"), ratio=3, overflow="fold")
    current = None
    for v in law.statuses:
        table = ""
        if v.status.table != current:
            current = v.status.table
            if t.row_count:
                t.add_section()
            table = say(lang, f"cli.law.table_short.{current}")
        name = status_title(v, lang) + (f" {UNVERIFIED_MARK}" if v.status.fact_status == "unverified"
                               or set(v.status.unverified_fields) - {"periods"} else "")
        per = periods_text(v.periods, lang) + (f" {UNVERIFIED_MARK}" if v.periods.fact_status == "unverified" else "")
        cells = ([Text.assemble(name, "\n", (v.code, "cyan"))] if narrow else [v.code, name]) + [
            work_text(v, lang), per]
        t.add_row(*([table, *cells] if wide else cells))
    console.print(fit(t))
    console.print(say(lang, "cli.statuses_footnote", mark=UNVERIFIED_MARK))


_FIELD_LABEL = {"table": "table", "landing_criteria": "landing_criteria", "notification": "notification",
                "permission_outside_activity": "permission_outside", "periods": "periods", "work_status": "work_status"}
"""A status's field marked unverified, named by its label in ``zairyu status`` (``cli.status.<label>``);
English output keeps the field's name, as the JSON gives it."""


def _line(label: str, value: str) -> None:
    console.print(Text.assemble((f"{label}: ", "bold"), value))


def _say(text: str) -> None:
    """Print data text as it is: a '[law]' in it is never read as Rich markup."""
    console.print(text, markup=False, highlight=False)


@app.command("status")
def status_cmd(
    code: str = typer.Argument(..., help="Status code, e.g. student"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help=LANG_HELP),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """One status in full: activities, work, periods (with their history), provisions and sources."""
    d = on_date(on)
    lang = lang_of(lang)
    v = catalogue(d).status(code_of("status", code) or code, field="CODE")  # a code, or a name (留学, Учёба)
    if as_json:
        print_json({"as_of": d.isoformat(), "status": v.to_json(full=True)})
        return
    s, p = v.status, v.periods

    def L(key: str) -> str:  # a label of this command: the message cli.status.<key>
        return say(lang, f"cli.status.{key}")

    names = f"{v.name_ja} / {v.name_en}" + ("" if lang in ("ja", "en") else f" / {status_title(v, lang)}")
    console.print(Text.assemble((names, "bold"), f"  ({s.code}, {d.isoformat()})"))
    place = say(lang, f"cli.law.table_title.{s.table}") + (f"; {L('group')} {say(lang, f'status_group.{s.parent}')}"
                                                           if s.parent else "")
    _line(L("table"), place)
    span = f"{s.valid_from.isoformat() if s.valid_from else '…'} – {s.valid_to.isoformat() if s.valid_to else '…'}"
    _line(L("in_force"), span)
    for n in s.former_names:
        until = n.valid_to.isoformat() if n.valid_to else ""
        _line(L("former_name"), f"{n.name_ja} / {n.name_en} (…{until})")
    _line(L("activities"), s.activity(lang))
    note = s.employment_note_in(lang)
    work = work_text(v, lang, long=True) + (f" — {note}" if note else "")
    _line(L("work"), work)
    _line(L("permission_outside"),
          L("can_be_granted") if s.permission_outside_activity else L("no_not_needed"))
    mark = f" [{fact_word(p.fact_status, lang)}]"
    _line(L("periods"), periods_text(p, lang, short=False) + mark)
    for r in p.rows:
        _say(f"  ({r.row}) {r.applies_to(lang)}: "
                      f"{periods_text(r, lang, short=False)} [{fact_word(r.fact_status, lang)}]")
    if p.note:
        _say(f"  {' '.join(p.note.split())}")
    if len(s.periods) > 1:
        console.print(Text(L("periods_history"), style="bold"))
        for h in s.periods:
            when = f"{h.valid_from.isoformat() if h.valid_from else '…'} – " + (
                h.valid_to.isoformat() if h.valid_to else "…")
            _say(f"  {when}: {periods_text(h, lang)} [{fact_word(h.fact_status, lang)}]")
    _line(L("landing_criteria"),
          L("apply") if s.landing_criteria else L("do_not_apply"))
    _line(L("mid_long_term"),
          L("can_be") if s.mid_long_term else L("no_card"))
    if s.notification:
        scope = {"all_holders": "", "spouses_only": L("spouses_only"),
                 "contract_based_only": L("contract_only"),
                 "depends_on_activity": L("depends_on_activity")}[s.notification_scope]
        _line(L("notification"), say(lang, f"cli.law.notify.{s.notification}") + scope)
    else:
        _line(L("notification"), L("none"))
    if s.notification_note:
        _say(f"  {' '.join(s.notification_note.split())}")
    _line(L("counts_pr"),
          L("yes") if s.counts_toward_pr_five_years else L("no"))
    _line(L("legal_basis"), say(lang, "cli.law.list_sep").join(_basis(s.legal_basis + p.legal_basis, lang)))
    fact = v.fact_status
    unv = v.unverified_fields
    unv_words = unv if lang == "en" else [L(_FIELD_LABEL[f]) if f in _FIELD_LABEL else f for f in unv]
    _line(L("fact_status"), fact_word(fact, lang) + (f" — {L('unverified')}: {', '.join(unv_words)}" if unv else ""))
    console.print(Text(L("sources"), style="bold"))
    seen: set[str] = set()
    for src in s.sources + p.sources:
        key = src.title + (src.url or "")
        if key in seen:
            continue
        seen.add(key)
        _say(f"  - {src.title} {src.url or ''} ({L('consulted')} {src.consulted.isoformat()})")
    if s.note:
        _line(L("note"), " ".join(s.note.split()))
    if s.transitional_note:
        _line(L("transitional"), " ".join(s.transitional_note.split()))
    if s.replaced_by:
        _line(L("replaced_by"), ", ".join(s.replaced_by))


@app.command("fees")
def fees_cmd(
    on: str = typer.Option(None, "--on", help="Date the application is received, YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help=LANG_HELP),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """Fees per procedure on the day an application is received (ICRRA Art. 67)."""
    from zairyu.law.catalogue import all_fees

    d = on_date(on)
    lang = lang_of(lang)
    law = catalogue(d)
    names = {f.procedure: (f.name_ja, f.name_en) for f in all_fees()}

    def fee_name(procedure: str) -> str:  # the law data's name in ja/en, the glossary's in another language
        if lang in ("ja", "en") or procedure not in GLOSSARY["procedure"]:
            return names[procedure][0 if lang == "ja" else 1]
        return term("procedure", procedure, lang)
    if as_json:
        print_json({"as_of": d.isoformat(),
                    "fees": [{"procedure": f.procedure, **f.to_json()} for f in law.fees]})
        return
    t = Table(title=say(lang, "cli.fees_title", date=d.isoformat()), box=box.SIMPLE_HEAD, pad_edge=False,
              title_justify="left")
    t.add_column(say(lang, "cli.col_procedure"), overflow="fold")
    t.add_column(say(lang, "cli.col_counter"), justify="right", no_wrap=True)
    t.add_column(say(lang, "cli.col_online"), justify="right", no_wrap=True)
    t.add_column(say(lang, "cli.col_fact_status"))  # "Агентство иммиграционных услуг" wraps between its words

    def yen(amount: int | None, fact: str) -> str:
        if amount is None:
            return "—"
        return f"¥{amount:,}" + (f" {UNVERIFIED_MARK}" if fact == "unverified" else "")

    for f in law.fees:
        v = f.version
        online_fact = v.online_fact_status or v.fact_status
        t.add_row(fee_name(f.procedure), yen(f.counter, v.fact_status), yen(f.online, online_fact),
                  fact_word(v.fact_status, lang))
    console.print(fit(t))
    console.print(say(lang, "cli.fees_footnote", mark=UNVERIFIED_MARK), markup=False)


def _rule_value(period: str | None, nationalities: list[str], lang: str) -> str:
    parts = [_short(period, lang)] if period else []
    if nationalities:
        parts.append(say(lang, "cli.law.nationalities", codes=", ".join(nationalities)))
    return "; ".join(parts) or "—"


@law_app.command("rules")
def law_rules(
    on: str = typer.Option(None, "--on", help="Date to mark the rules in force on, YYYY-MM-DD (default: today)"),
    in_force: bool = typer.Option(False, "--in-force", help="Only the rules in force on that date"),
    lang: str = typer.Option("ja", "--lang", help=LANG_HELP),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """Every dated rule parameter (cut-overs, lengths, lists) with its dates, provisions and fact status."""
    from zairyu.law.catalogue import rule_json

    d = on_date(on)
    lang = lang_of(lang)
    law = catalogue(d)
    rules = law.rules if in_force else law.all_rules
    if as_json:
        print_json({"as_of": d.isoformat(), "rules": [rule_json(r, d) for r in rules]})
        return
    t = Table(title=say(lang, "cli.law.rules_title", date=d.isoformat()), box=box.SIMPLE_HEAD,
              pad_edge=False, title_justify="left")
    t.add_column("", no_wrap=True)
    t.add_column(Text(say(lang, "cli.law.col_rule")), ratio=1, overflow="fold",
                 min_width=max((len(r.code) for r in rules), default=0))  # codes are shown whole
    t.add_column(say(lang, "cli.law.col_in_force"), no_wrap=True)
    t.add_column(say(lang, "cli.law.col_value"), max_width=14, overflow="fold")
    for r in rules:
        span = f"{r.valid_from.isoformat() if r.valid_from else '…'} –\n{r.valid_to.isoformat() if r.valid_to else '…'}"
        if r.decided_on == "event":
            span += " †"
        cell = Text.assemble((r.code, "cyan"), "\n", r.name(lang), "\n",
                             (say(lang, "cli.law.list_sep").join(_basis(r.legal_basis, lang)), "dim"),
                             f" [{fact_word(r.fact_status, lang)}]")
        t.add_row("✓" if r.in_force(d) else "", cell, span, _rule_value(r.period, r.nationalities, lang))
    console.print(t)
    console.print(say(lang, "cli.law.rules_footnote", date=d.isoformat(), unverified=fact_word("unverified", lang)),
                  markup=False)
    console.print(say(lang, "cli.law.rules_sources"), markup=False, highlight=False)


@law_app.command("check")
def law_check(
    max_age_days: int = typer.Option(365, "--max-age-days", min=0,
                                      help="List facts whose newest source was consulted longer ago than this"),
    data_dir: Path = typer.Option(None, "--data-dir", help="Check another directory of law files"),
    today: str = typer.Option(None, "--today", help="Reference date for ages, YYYY-MM-DD (default: today)"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """Validate every law file; list unverified and stale facts. Exit 2 naming file, entry and field if invalid."""
    from zairyu.law.check import check_law

    ref = parse_date(today, field="--today") if today else date.today()
    report = check_law(data_dir, max_age_days=max_age_days, today=ref)
    if as_json:
        print_json(report.to_json())
    else:
        console.print(report.render(), soft_wrap=True, highlight=False, markup=False)


@schema_app.command("law")
def schema_law(
    whole: bool = typer.Option(False, "--whole", help="Schema of all law files merged, instead of one file"),
) -> None:
    """JSON Schema of a law file (statuses, fees, procedures, measures or rules) for editors."""
    from pydantic import TypeAdapter

    from zairyu.law.models import FeeFile, LawFiles, MeasureFile, ProcedureFile, RuleFile, StatusFile

    if whole:
        print_json(LawFiles.model_json_schema())
        return
    schema = TypeAdapter(StatusFile | FeeFile | ProcedureFile | MeasureFile | RuleFile).json_schema()
    schema["title"] = "zairyu law file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print_json(schema)


@schema_app.command("facts")
def schema_facts() -> None:
    """JSON Schema of the facts document."""
    from zairyu.facts import facts_schema

    print_json(facts_schema())
