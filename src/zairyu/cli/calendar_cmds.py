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
from zairyu.cli.common import console, lang_of, law_of, on_date, print_json, say
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
    lang: str = typer.Option("ja", "--lang", help="ja|en|ru|uk (any language with a message catalogue)"),
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
    console.print(Text(say(lang, "cli.period_ends", date=res.expires_on.isoformat()), style="bold"))
    reason = closed_reason(res.expires_on)
    if reason:
        console.print(say(lang, "cli.expiry_closed", reason=reason, date=last.isoformat()), markup=False)
    if earliest:
        console.print(say(lang, "cli.filing_from_about", date=earliest.isoformat()))
    for line in res.trace + wtrace:
        console.print(f"  · {render(line, lang)}", markup=False)
    console.print(say(lang, "cli.label", label=say(lang, "cli.label_provisions"),
                      text=cite_all(res.legal_basis, lang)), markup=False)


_STATE = {"upcoming": "cyan", "today": "bold red", "overdue": "bold red", "passed": "yellow", "open": "green"}
"""A deadline state's colour; its word is the message ``cli.state.<state>``."""


def _render(deadlines: list[Deadline], lang: str, as_of: str, who: str, show_trace: bool) -> None:
    from zairyu.glossary import term

    def label(key: str, text: str) -> str:
        return "\n" + say(lang, "cli.label", label=say(lang, key), text=text)

    console.print(Text(say(lang, "cli.deadline_list", who=who, date=as_of), style="bold"))
    if not deadlines:
        console.print(say(lang, "cli.no_deadlines"))
    for d in deadlines:
        head = Text()
        head.append(d.date.isoformat(), style="bold")
        head.append(f"  {title(d, lang)}")
        state = Text(f"[{say(lang, f'cli.state.{d.state}')}]", style=_STATE[d.state])
        if d.days_left is not None and d.state in ("upcoming", "overdue"):
            # counted to the day to act by: the filing day rolled past closed days when there is one
            n = f"{d.days_left:+d}"
            state.append("  " + (say(lang, "cli.days_left", n=n) if d.action_date == d.date
                                 else say(lang, "cli.days_left_to", n=n, date=d.action_date.isoformat())))
        body = Text()
        if head.cell_len + 2 + state.cell_len + 6 <= console.width:
            head.append("  ")
            head.append(state)
        else:  # a title the panel's top line cannot hold whole: the state opens the text instead of being cut
            body.append(state)
            body.append("\n")
        body.append(d.explanation(lang))
        if d.filing_date is not None and d.kind == "earliest_filing_day":
            body.append(label("cli.office_first_open", d.filing_date.isoformat()), style="bold")
        elif d.filing_date is not None:
            body.append(label("cli.filing_rolled", d.filing_date.isoformat()), style="bold")
        body.append(label("cli.label_provisions", d.provisions(lang)), style="dim")
        if d.fact_status in ("practice", "unverified"):
            body.append(label("cli.label_certainty", term("fact_status", d.fact_status, lang)), style="yellow")
        if show_trace:
            for line in d.trace:
                body.append(f"\n  · {render(line, lang)}", style="dim")
        console.print(Panel(body, title=head, title_align="left", border_style="red" if d.risk else "blue"))


@app.command("deadlines")
def deadlines_cmd(
    facts_file: Path = typer.Argument(..., help="Facts JSON file (see `zairyu schema facts`)"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en|ru|uk (any language with a message catalogue)"),
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
        console.print(say(lang, "cli.calendar_written", path=str(ics)), markup=False)
