"""Law catalogue commands: ``statuses``, ``status``, ``law check``, ``schema``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from zairyu.cli import app
from zairyu.cli.common import console, lang_of, on_date, print_json
from zairyu.law.catalogue import StatusView, catalogue

law_app = typer.Typer(help="Check the law data.", no_args_is_help=True)
schema_app = typer.Typer(help="Export JSON Schemas for editors and other tools.", no_args_is_help=True)
app.add_typer(law_app, name="law")
app.add_typer(schema_app, name="schema")


def _periods_text(v: StatusView, lang: str) -> str:
    from zairyu.duration import Duration

    p = v.periods
    words = {"indefinite": ("無期限", "indefinite"), "activity_duration": ("活動期間中", "while the activity lasts")}
    if p.kind in words:
        return words[p.kind][0 if lang == "ja" else 1]
    vals = [Duration.parse(x).describe(lang) for x in p.values]
    if p.kind == "designated" and p.max:
        m = Duration.parse(p.max).describe(lang)
        vals.append(f"{m}以内で個別指定" if lang == "ja" else f"designated ≤ {m}")
    if p.designated_up_to:
        m = Duration.parse(p.designated_up_to).describe(lang)
        vals.append(f"{m}以内（日単位）" if lang == "ja" else f"≤ {m} in days")
    return ", ".join(vals)


@app.command("statuses")
def statuses_cmd(
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """Every status of residence in force on a date, with periods and provisions."""
    d = on_date(on)
    lang = lang_of(lang)
    law = catalogue(d)
    if as_json:
        print_json({"as_of": d.isoformat(), "statuses": [s.to_json() for s in law.statuses]})
        return
    ja = lang == "ja"
    t = Table(title=f"{'在留資格' if ja else 'Statuses of residence'} — {d.isoformat()}", show_lines=False)
    for col in (("表", "Table"), ("コード", "Code"), ("在留資格", "Status"), ("就労", "Work"),
                ("在留期間", "Periods of stay"), ("根拠", "Provisions")):
        t.add_column(col[0] if ja else col[1])
    work = {"unrestricted": ("制限なし", "unrestricted"), "within_activity": ("活動の範囲内", "within activity"),
            "not_permitted": ("不可", "not permitted"), "by_designation": ("指定書による", "by designation")}
    for s in law.statuses:
        mark = " *" if s.to_json()["fact_status"] == "unverified" else ""
        t.add_row(s.status.table, s.code, s.name(lang) + mark, work[s.status.employment][0 if ja else 1],
                  _periods_text(s, lang), "; ".join(f"{b.law} {b.provision}" for b in s.status.legal_basis))
    console.print(t)
    console.print("* " + ("未確認の事実を含む" if ja else "contains an unverified fact"))


@app.command("status")
def status_cmd(
    code: str = typer.Argument(..., help="Status code, e.g. student"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """One status in full: activities, work, periods, provisions and sources."""
    d = on_date(on)
    lang = lang_of(lang)
    s = catalogue(d).status(code, field="CODE")
    data = s.to_json(full=True)
    if as_json:
        print_json({"as_of": d.isoformat(), "status": data})
        return
    ja = lang == "ja"
    console.print(f"[bold]{s.name_ja} / {s.name_en}[/bold]  ({s.code}, {'別表' if ja else 'Table'} {s.status.table})")
    console.print(s.status.activity_ja if ja else s.status.activity_en)
    console.print(f"{'就労' if ja else 'Employment'}: {s.status.employment}"
                  + (f" — {s.status.employment_note}" if s.status.employment_note else ""))
    console.print(f"{'在留期間' if ja else 'Periods'}: {_periods_text(s, lang)}  [{s.periods.fact_status}]")
    if s.periods.note:
        console.print(f"  {s.periods.note}")
    console.print(f"{'根拠' if ja else 'Legal basis'}: "
                  + "; ".join(f"{b.law} {b.provision}" for b in s.status.legal_basis + s.periods.legal_basis))
    console.print(f"{'事実の確度' if ja else 'Fact status'}: {data['fact_status']}")
    for src in s.status.sources + s.periods.sources:
        console.print(f"  - {src.title} {src.url or ''} ({src.consulted.isoformat()})")
    if s.status.transitional_note:
        console.print(f"{'経過措置' if ja else 'Transitional'}: {s.status.transitional_note}")


@law_app.command("check")
def law_check(
    max_age_days: int = typer.Option(365, "--max-age-days", help="Flag facts last verified longer ago than this"),
    data_dir: Path = typer.Option(None, "--data-dir", help="Check another directory of law files"),
    today: str = typer.Option(None, "--today", help="Reference date for ages (default: today)"),
) -> None:
    """Validate every law file; list unverified and stale facts. Exit 2 on invalid data."""
    from zairyu.law.check import check_law

    report = check_law(data_dir, max_age_days=max_age_days, today=today)
    console.print(report.render())


@schema_app.command("law")
def schema_law() -> None:
    """JSON Schema of the law files."""
    from zairyu.law.models import LawFiles

    print_json(LawFiles.model_json_schema())


@schema_app.command("facts")
def schema_facts() -> None:
    """JSON Schema of the facts document."""
    from zairyu.facts import facts_schema

    print_json(facts_schema())

