"""Calendar commands: ``expiry`` (one period of stay) and ``deadlines`` (every date of one person)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.panel import Panel
from rich.text import Text

from zairyu.calendar.admin_days import closed_reason
from zairyu.calendar.deadlines import compute_deadlines, describe_periods, filing_window
from zairyu.calendar.ics import deadlines_to_ics, title
from zairyu.calendar.model import Deadline
from zairyu.calendar.periods import GrantKind, expiry
from zairyu.cli._app import app
from zairyu.cli.common import console, lang_of, law_of, on_date, print_json
from zairyu.duration import Duration
from zairyu.errors import InvalidInputError
from zairyu.facts import load_facts
from zairyu.law.catalogue import catalogue, check_covered, parse_date
from zairyu.messages import render
from zairyu.messages.citation import cite_all

KINDS: tuple[GrantKind, ...] = ("landing", "change", "extension")


@app.command("expiry")
def expiry_cmd(
    start: str = typer.Option(..., "--from", help="Landing or permission date; for --kind extension the OLD expiry"),
    period: str = typer.Option(..., "--period", help="ISO 8601 period of stay, e.g. P90D, P1Y, P1Y3M"),
    kind: str = typer.Option("landing", "--kind", help="landing|change|extension"),
    status: str = typer.Option(None, "--status", help="Also check that the status allows this period on --from"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
) -> None:
    """The expiry of a period of stay (first day not counted; month-end rule), with the filing window."""
    d = parse_date(start, field="--from")
    dur = Duration.parse(period, field="--period")
    if kind not in KINDS:
        raise InvalidInputError(f"unknown kind '{kind}'", field="--kind", value=kind, allowed="|".join(KINDS))
    lang = lang_of(lang)
    checked = None
    if status is not None:
        sv = catalogue(check_covered(d, field="--from")).status(status, field="--status")
        if not sv.periods.allows(dur):
            raise InvalidInputError(f"{sv.name_en} ({sv.code}) does not allow a period of {dur.iso()} on {d}",
                                    field="--period", value=period, allowed=describe_periods(sv))
        checked = sv.code
    res = expiry(d, dur, kind)
    earliest, last, wtrace = filing_window(res.expires_on, dur)
    data = {
        "expires_on": res.expires_on.isoformat(),
        "counted_from": res.counted_from.isoformat(),
        "period": dur.iso(),
        "kind": kind,
        "status_checked": checked,
        "expiry_closed_reason": closed_reason(res.expires_on),
        "earliest_filing_day": earliest.isoformat() if earliest else None,
        "last_filing_day": last.isoformat(),
        "trace": [render(t, "en") for t in res.trace + wtrace],
        "legal_basis": [b.model_dump(exclude_none=True) for b in res.legal_basis],
        "fact_status": "practice",
    }
    if as_json:
        print_json(data)
        return
    ja = lang == "ja"
    console.print(Text(("在留期間の満了日: " if ja else "Period of stay ends: ") + res.expires_on.isoformat(),
                       style="bold"))
    reason = closed_reason(res.expires_on)
    if reason:
        console.print(("  満了日は休日（" + reason + "）: 申請は " if ja else f"  expiry is closed ({reason}): filing "
                       "accepted on ") + last.isoformat())
    if earliest:
        console.print(("  申請受付開始（概ね）: " if ja else "  filing from about: ") + earliest.isoformat())
    for line in res.trace + wtrace:
        console.print(f"  · {render(line, 'ja' if ja else 'en')}", markup=False)
    console.print(("根拠: " if ja else "Provisions: ")
                  + cite_all(res.legal_basis, "ja" if ja else "en"), markup=False)


_STATE = {
    "upcoming": ("予定", "upcoming", "cyan"), "today": ("本日", "TODAY", "bold red"),
    "overdue": ("期限超過", "OVERDUE", "bold red"), "passed": ("経過", "passed", "yellow"),
    "open": ("受付中", "open now", "green"),
}


def _render(deadlines: list[Deadline], lang: str, as_of: str, who: str, show_trace: bool) -> None:
    ja = lang == "ja"
    console.print(Text(f"{'期限一覧' if ja else 'Deadlines'} — {who} — {'基準日' if ja else 'as of'} {as_of}",
                       style="bold"))
    if not deadlines:
        console.print("期限はありません。" if ja else "No deadlines.")
    for d in deadlines:
        st = _STATE[d.state]
        head = Text()
        head.append(d.date.isoformat(), style="bold")
        head.append(f"  {title(d, lang)}  ")
        head.append(f"[{st[0] if ja else st[1]}]", style=st[2])
        if d.days_left is not None and d.state in ("upcoming", "overdue"):
            head.append(f"  {d.days_left:+d}{'日' if ja else ' days'}")
        body = Text(d.explanation(lang))
        if d.filing_date is not None and d.kind == "earliest_filing_day":
            body.append(("\n窓口が最初に開く日: " if ja else "\nOffice first open on: ") + d.filing_date.isoformat(),
                        style="bold")
        elif d.filing_date is not None:
            body.append(("\n受付日（休日のため繰り下げ）: " if ja else "\nFiling accepted on (holiday roll-forward): ")
                        + d.filing_date.isoformat(), style="bold")
        body.append(("\n根拠: " if ja else "\nProvisions: ") + d.provisions(lang), style="dim")
        if d.fact_status in ("practice", "unverified"):
            word = {"practice": ("実務上の運用", "practitioners' practice"),
                    "unverified": ("未確認", "unverified")}[d.fact_status]
            body.append(("\n確度: " if ja else "\nCertainty: ") + (word[0] if ja else word[1]), style="yellow")
        if show_trace:
            for line in d.trace:
                body.append(f"\n  · {render(line, 'ja' if ja else 'en')}", style="dim")
        console.print(Panel(body, title=head, title_align="left", border_style="red" if d.risk else "blue"))


@app.command("deadlines")
def deadlines_cmd(
    facts_file: Path = typer.Argument(..., help="Facts JSON file (see `zairyu schema facts`)"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
    ics: Path = typer.Option(None, "--ics", help="Also write the deadlines to this iCalendar (.ics) file"),
    person: str = typer.Option(None, "--person", help="Label for the calendar (default: the file name)"),
    show_trace: bool = typer.Option(False, "--trace", help="Show how each date was computed"),
    law_date: str = typer.Option(None, "--law-date",
                                 help="Compute under the law in force on this date YYYY-MM-DD (default: --on)"),
) -> None:
    """Every deadline of one person, each with its explanation, provision and computation."""
    d = on_date(on)
    lang = lang_of(lang)
    facts = load_facts(facts_file)
    law = law_of(law_date, d)
    items = compute_deadlines(facts, d, law)
    who = person or facts_file.stem
    if ics is not None:
        data = deadlines_to_ics(items, person_label=who, lang=lang)
        try:
            tmp = ics.with_name(ics.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(ics)  # nothing half-written
        except OSError as exc:
            raise InvalidInputError(f"cannot write calendar file: {exc.strerror}", field="--ics",
                                    value=str(ics)) from None
    if as_json:
        out = {"as_of": d.isoformat(), "person": who, "deadlines": [x.to_json() for x in items]}
        if law.on != d:
            out["law_date"] = law.on.isoformat()
        print_json(out)
        return
    _render(items, lang, d.isoformat(), who, show_trace)
    if ics is not None:
        done = "カレンダーを書き出しました: " if lang == "ja" else "Calendar written: "
        console.print(done + str(ics), markup=False)
