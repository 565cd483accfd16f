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
from zairyu.cli.common import console, fit, lang_of, on_date, print_json, say
from zairyu.duration import Duration
from zairyu.law.catalogue import StatusView, catalogue, parse_date
from zairyu.law.models import LegalBasis, PeriodRow, Periods
from zairyu.messages.citation import cite

law_app = typer.Typer(help="Check the law data.", no_args_is_help=True)
schema_app = typer.Typer(help="Export JSON Schemas for editors and other tools.", no_args_is_help=True)
app.add_typer(law_app, name="law")
app.add_typer(schema_app, name="schema")

UNVERIFIED_MARK = "*"

_WORK = {
    "unrestricted": ("制限なし", "unrestricted"),
    "within_activity": ("活動の範囲内", "within"),
    "not_permitted": ("不可", "no"),
    "by_designation": ("指定書による", "by designation"),
}
_NOTIFY = {
    "activity_organization": ("活動機関に関する届出", "activity organisation"),
    "contract_organization": ("契約機関に関する届出", "contract organisation"),
    "spouse": ("配偶者に関する届出", "spouse"),
}
_TABLE_SHORT = {
    "I-1": ("一の一", "I-1"), "I-2": ("一の二", "I-2"), "I-3": ("一の三", "I-3"), "I-4": ("一の四", "I-4"),
    "I-5": ("一の五", "I-5"), "II": ("二", "II"), "special_act": ("特例法", "Sp.Act"),
}
_TABLE_TITLE = {
    "I-1": ("別表第一の一", "Appended Table I-1"),
    "I-2": ("別表第一の二（上陸基準あり）", "Appended Table I-2 (landing criteria)"),
    "I-3": ("別表第一の三", "Appended Table I-3"),
    "I-4": ("別表第一の四（上陸基準あり）", "Appended Table I-4 (landing criteria)"),
    "I-5": ("別表第一の五", "Appended Table I-5"),
    "II": ("別表第二（活動制限なし）", "Appended Table II (no activity restriction)"),
    "special_act": ("入管特例法（入管法の在留資格ではない）", "Special Act (not an ICRRA status)"),
}


def _i(lang: str, pair: tuple[str, str]) -> str:
    return pair[0] if lang == "ja" else pair[1]


def _short(iso: str, lang: str) -> str:
    """'P4Y3M' → '4y3m' / '4年3月'."""
    d = Duration.parse(iso)
    if lang == "ja":
        return d.describe("ja")
    return "".join(f"{n}{u}" for n, u in ((d.years, "y"), (d.months, "m"), (d.days, "d")) if n)


def periods_text(p: Periods | PeriodRow, lang: str, *, short: bool = True) -> str:
    """Human words for one periods version (or one sub-row of it)."""
    ja = lang == "ja"
    if p.kind is None:
        return "不明" if ja else "unknown"
    if p.kind == "indefinite":
        return "無期限" if ja else "indefinite"
    if p.kind == "activity_duration":
        return "活動を行う期間" if ja else "while the activity lasts"

    def say(iso: str) -> str:
        return _short(iso, lang) if short else Duration.parse(iso).describe(lang)

    sep = "・" if ja else ", "
    parts = [sep.join(say(v) for v in p.values)] if p.values else []
    if isinstance(p, Periods) and p.designated_up_to:
        m = say(p.designated_up_to)
        parts.append(f"{m}以内の日単位" if ja else f"≤{m} in days")
    if p.kind == "designated" and p.max:
        m = say(p.max)
        parts.append(f"{m}以内で個別指定" if ja else f"≤{m} designated")
    return ("、又は" if ja else "; or ").join(parts) if p.kind == "designated" and p.values else sep.join(parts)


_WORK_LONG = {**_WORK, "within_activity": ("在留資格の活動の範囲内", "only the status's activities"),
              "not_permitted": ("不可", "not permitted")}


def work_text(v: StatusView, lang: str, *, long: bool = False) -> str:
    s = v.status
    text = _i(lang, (_WORK_LONG if long else _WORK)[s.employment])
    if s.employment == "not_permitted" and s.permission_outside_activity and not long:
        text += "（資格外活動許可で可）" if lang == "ja" else " (SAP ok)"
    return text


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
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
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
            table = _i(lang, _TABLE_SHORT[current])
        name = v.name(lang) + (f" {UNVERIFIED_MARK}" if v.status.fact_status == "unverified"
                               or set(v.status.unverified_fields) - {"periods"} else "")
        per = periods_text(v.periods, lang) + (f" {UNVERIFIED_MARK}" if v.periods.fact_status == "unverified" else "")
        cells = ([Text.assemble(name, "\n", (v.code, "cyan"))] if narrow else [v.code, name]) + [
            work_text(v, lang), per]
        t.add_row(*([table, *cells] if wide else cells))
    console.print(fit(t))
    console.print(say(lang, "cli.statuses_footnote", mark=UNVERIFIED_MARK))


def _line(label: str, value: str) -> None:
    console.print(Text.assemble((f"{label}: ", "bold"), value))


def _say(text: str) -> None:
    """Print data text as it is: a '[law]' in it is never read as Rich markup."""
    console.print(text, markup=False, highlight=False)


@app.command("status")
def status_cmd(
    code: str = typer.Argument(..., help="Status code, e.g. student"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """One status in full: activities, work, periods (with their history), provisions and sources."""
    d = on_date(on)
    lang = lang_of(lang)
    v = catalogue(d).status(code, field="CODE")
    if as_json:
        print_json({"as_of": d.isoformat(), "status": v.to_json(full=True)})
        return
    ja = lang == "ja"
    s, p = v.status, v.periods

    def L(key: str) -> str:  # a label of this command: the message cli.status.<key>
        return say(lang, f"cli.status.{key}")

    console.print(Text.assemble((f"{v.name_ja} / {v.name_en}", "bold"), f"  ({s.code}, {d.isoformat()})"))
    place = _i(lang, _TABLE_TITLE[s.table]) + (f"; {L('group')} {s.parent}" if s.parent else "")
    _line(L("table"), place)
    span = f"{s.valid_from.isoformat() if s.valid_from else '…'} – {s.valid_to.isoformat() if s.valid_to else '…'}"
    _line(L("in_force"), span)
    for n in s.former_names:
        until = n.valid_to.isoformat() if n.valid_to else ""
        _line(L("former_name"), f"{n.name_ja} / {n.name_en} (…{until})")
    _line(L("activities"), s.activity_ja if ja else s.activity_en)
    work = work_text(v, lang, long=True) + (f" — {s.employment_note}" if s.employment_note else "")
    _line(L("work"), work)
    _line(L("permission_outside"),
          L("can_be_granted") if s.permission_outside_activity else L("no_not_needed"))
    mark = f" [{p.fact_status}]"
    _line(L("periods"), periods_text(p, lang, short=False) + mark)
    for r in p.rows:
        _say(f"  ({r.row}) {r.applies_to_ja if ja else r.applies_to_en}: "
                      f"{periods_text(r, lang, short=False)} [{r.fact_status}]")
    if p.note:
        _say(f"  {' '.join(p.note.split())}")
    if len(s.periods) > 1:
        console.print(Text(L("periods_history"), style="bold"))
        for h in s.periods:
            when = f"{h.valid_from.isoformat() if h.valid_from else '…'} – " + (
                h.valid_to.isoformat() if h.valid_to else "…")
            _say(f"  {when}: {periods_text(h, lang)} [{h.fact_status}]")
    _line(L("landing_criteria"),
          L("apply") if s.landing_criteria else L("do_not_apply"))
    _line(L("mid_long_term"),
          L("can_be") if s.mid_long_term else L("no_card"))
    if s.notification:
        scope = {"all_holders": "", "spouses_only": L("spouses_only"),
                 "contract_based_only": L("contract_only"),
                 "depends_on_activity": L("depends_on_activity")}[s.notification_scope]
        _line(L("notification"),
              _i(lang, _NOTIFY[s.notification]) + scope)
    else:
        _line(L("notification"), L("none"))
    if s.notification_note:
        _say(f"  {' '.join(s.notification_note.split())}")
    _line(L("counts_pr"),
          L("yes") if s.counts_toward_pr_five_years else L("no"))
    _line(L("legal_basis"), ("、" if ja else "; ").join(_basis(s.legal_basis + p.legal_basis, lang)))
    fact = v.fact_status
    unv = v.unverified_fields
    _line(L("fact_status"), fact + (f" — {L('unverified')}: {', '.join(unv)}" if unv else ""))
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
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """Fees per procedure on the day an application is received (ICRRA Art. 67)."""
    from zairyu.law.catalogue import all_fees

    d = on_date(on)
    lang = lang_of(lang)
    law = catalogue(d)
    names = {f.procedure: (f.name_ja, f.name_en) for f in all_fees()}
    if as_json:
        print_json({"as_of": d.isoformat(),
                    "fees": [{"procedure": f.procedure, **f.to_json()} for f in law.fees]})
        return
    t = Table(title=say(lang, "cli.fees_title", date=d.isoformat()), box=box.SIMPLE_HEAD, pad_edge=False,
              title_justify="left")
    t.add_column(say(lang, "cli.col_procedure"), overflow="fold")
    t.add_column(say(lang, "cli.col_counter"), justify="right", no_wrap=True)
    t.add_column(say(lang, "cli.col_online"), justify="right", no_wrap=True)
    t.add_column(say(lang, "cli.col_fact_status"), no_wrap=True)

    def yen(amount: int | None, fact: str) -> str:
        if amount is None:
            return "—"
        return f"¥{amount:,}" + (f" {UNVERIFIED_MARK}" if fact == "unverified" else "")

    for f in law.fees:
        v = f.version
        online_fact = v.online_fact_status or v.fact_status
        t.add_row(_i(lang, names[f.procedure]), yen(f.counter, v.fact_status), yen(f.online, online_fact),
                  v.fact_status)
    console.print(t)
    console.print(say(lang, "cli.fees_footnote", mark=UNVERIFIED_MARK), markup=False)


def _rule_value(period: str | None, nationalities: list[str], lang: str) -> str:
    parts = [_short(period, lang)] if period else []
    if nationalities:
        parts.append(("国籍 " if lang == "ja" else "") + ", ".join(nationalities))
    return "; ".join(parts) or "—"


@law_app.command("rules")
def law_rules(
    on: str = typer.Option(None, "--on", help="Date to mark the rules in force on, YYYY-MM-DD (default: today)"),
    in_force: bool = typer.Option(False, "--in-force", help="Only the rules in force on that date"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
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
    ja = lang == "ja"
    t = Table(title=f"{'日付のある規則' if ja else 'Dated rules'} — {d.isoformat()}", box=box.SIMPLE_HEAD,
              pad_edge=False, title_justify="left")
    t.add_column("", no_wrap=True)
    t.add_column(Text("規則・根拠 [確度]" if ja else "Rule, provision [fact status]"), ratio=1, overflow="fold",
                 min_width=max((len(r.code) for r in rules), default=0))  # codes are shown whole
    t.add_column("施行期間" if ja else "In force", no_wrap=True)
    t.add_column("値" if ja else "Value", max_width=14, overflow="fold")
    for r in rules:
        span = f"{r.valid_from.isoformat() if r.valid_from else '…'} –\n{r.valid_to.isoformat() if r.valid_to else '…'}"
        if r.decided_on == "event":
            span += " †"
        cell = Text.assemble((r.code, "cyan"), "\n", r.name_ja if ja else r.name_en, "\n",
                             (("、" if ja else "; ").join(_basis(r.legal_basis, lang)), "dim"),
                             f" [{r.fact_status}]")
        t.add_row("✓" if r.in_force(d) else "", cell, span, _rule_value(r.period, r.nationalities, lang))
    console.print(t)
    if ja:
        console.print(f"✓ {d.isoformat()}に施行中。† 出来事の日（例：在留カードの交付日）で適用が決まる規則。"
                      "unverified は未確認（確定的な情報として扱わないこと）。", markup=False)
        console.print("出典と注記: zairyu law rules --json", markup=False, highlight=False)
    else:
        console.print(f"✓ in force on {d.isoformat()}. † decided by the day of an event (e.g. the day a residence "
                      "card was issued), not the day assessed. unverified: not to be presented as certain.",
                      markup=False)
        console.print("Sources and notes: zairyu law rules --json", markup=False, highlight=False)


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
