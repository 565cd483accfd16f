"""Assessment commands: ``zairyu assess`` and ``zairyu interview``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from zairyu.cli._app import app
from zairyu.cli.common import console, fact_word, fit, lang_of, law_of, on_date, print_json, say
from zairyu.errors import ZairyuError
from zairyu.facts import Facts, load_facts, parse_facts
from zairyu.glossary import term
from zairyu.messages import render as write
from zairyu.rules.assess import assess
from zairyu.rules.common import WITH_TARGET, proc_name, provisions_text, status_name
from zairyu.rules.model import Assessment, Option
from zairyu.rules.texts import rule_message

_VERDICT = {"eligible": ("green", "✔"), "discretionary": ("yellow", "◐"), "needs_facts": ("cyan", "?"),
            "ineligible": ("red", "✘")}
"""Colour and sign of a verdict; its word is the message ``cli.verdict.<verdict>`` in the reader's language."""
_RESULT = {"met": ("green", "✔"), "unmet": ("red", "✘"), "unknown": ("cyan", "?"), "discretionary": ("yellow", "◇")}


def _title(o: Option, lang: str) -> str:
    name = proc_name(o.procedure, lang)
    if o.variant == "special":
        name = say(lang, "cli.special_re_entry", name=rule_message("explain.special_re_entry"))  # the rules' name
    if o.target_status and o.procedure in WITH_TARGET:
        t = status_name(o.target_status, lang)
        name = say(lang, "cli.extension_of" if o.procedure == "extension_of_stay" else "cli.with_target", name=name,
                   target=t)
    return name


def _fee_text(fee: dict[str, Any] | None, lang: str) -> str:
    if not fee or (fee.get("counter") is None and fee.get("online") is None):
        return "—"
    if fee.get("counter") == 0 and fee.get("online") == 0:
        return say(lang, "cli.fee_none")
    parts = []
    if fee.get("counter") is not None:
        parts.append(say(lang, "cli.fee_counter", yen=f"¥{fee['counter']:,}"))
    if fee.get("online") is not None:
        parts.append(say(lang, "cli.fee_online", yen=f"¥{fee['online']:,}"))
    return ", ".join(parts)


def _prov(bases: Any, lang: str) -> str:
    return provisions_text(tuple(bases), lang)


def render_option(o: Option, lang: str) -> Panel:
    color, icon = _VERDICT[o.verdict]

    def label(key: str, text: str) -> str:
        return say(lang, "cli.label", label=say(lang, key), text=text)
    body = Text()
    body.append(write(o.explanation(), lang) + "\n")
    t = Table(show_header=True, box=None, pad_edge=False, expand=True)
    t.add_column("", width=2)
    t.add_column(say(lang, "cli.col_requirement"), ratio=3)
    t.add_column(say(lang, "cli.col_provision"), ratio=2)
    sure = [fact_word(r.fact_status, lang) for r in o.requirements]
    # wide enough for its longest word (the header's included), wrapped between words, never cut
    t.add_column(say(lang, "cli.col_source"), ratio=1,
                 min_width=max(len(w) for text in (say(lang, "cli.col_source"), *sure) for w in text.split()))
    for r, how_sure in zip(o.requirements, sure, strict=True):
        c, i = _RESULT[r.result]
        note = write(r.note, lang)
        text = write(r.text, lang) + (f" — {note}" if note else "")
        if r.cured_on and r.cured_on.isoformat() not in text:  # said once: some requirements name the day already
            text += f" ({say(lang, 'cli.from_date', date=r.cured_on.isoformat())})"
        t.add_row(Text(i, style=c), text, _prov(r.legal_basis, lang), how_sure)
    lines = []
    if o.pending:
        p = o.pending
        lines.append(say(lang, "cli.pending_since", date=p["filed_on"])
                     + (f"; {say(lang, 'cli.special_period_ends', date=p['special_period_end'])}"
                        if p.get("special_period_end") else "")
                     + (f" ({say(lang, 'cli.act_by', date=p['special_period_act_by'])})"
                        if p.get("special_period_act_by") else ""))
    if o.earliest_filing_day or o.file_by:
        window = [say(lang, "cli.from_date", date=str(o.earliest_filing_day))] if o.earliest_filing_day else []
        window += [say(lang, "cli.by_date", date=str(o.file_by))] if o.file_by else []
        lines.append(label("cli.label_file", " ".join(window)))
    if o.cured_on:
        lines.append(label("cli.label_could_be_met", str(o.cured_on)))
    lines.append(label("cli.label_fee", _fee_text(o.fee, lang)))
    if o.processing_time:
        lines.append(label("cli.label_processing", o.processing_time.get(lang) or o.processing_time["en"]))
    if o.documents:
        lines.append(label("cli.label_documents", "; ".join(d.get(lang) or d["en"] for d in o.documents)))
    if o.missing_facts:  # asked as the interview asks them (question.<fact>), one a line
        from zairyu.rules.interview import asked_as

        lines.append(label("cli.label_missing_facts", "".join(f"\n  · {asked_as(f, lang)}" for f in o.missing_facts)))
    lines.append(label("cli.label_legal_basis", _prov(o.legal_basis, lang)))
    if o.precedents is not None:
        lines.extend(precedent_lines(o, lang))
    from rich.console import Group

    return Panel(Group(body, fit(t, inside=4), Text("\n" + "\n".join(lines))),
                 title=Text(f"{icon} {_title(o, lang)} — {say(lang, f'cli.verdict.{o.verdict}')}",
                            style=f"bold {color}"),
                 title_align="left", border_style=color)


def precedent_lines(o: Option, lang: str) -> list[str]:
    """The precedents beside an option (message keys precedent.*): counts, base rate, the most similar few
    with their first source; a summary in another language says which."""
    from zairyu.messages import message

    b = o.precedents
    on = b.on.isoformat()
    out = [""]
    if not b.similar and not b.base_rate:
        out.append(write(message("precedent.beside.none", on=on), lang))
        return out
    out.append(write(message("precedent.beside.title", on=on, granted=str(b.granted), refused=str(b.refused)),
                     lang))
    if b.base_rate is not None and b.base_rate.figures:
        f = {k: str(v) for k, v in b.base_rate.figures.items()}
        out.append("  " + write(message("precedent.base_rate", **f), lang))
    for sim in b.similar:
        p = sim.precedent
        written, text = p.summary(lang)
        text = text if len(text) <= 280 else text[:277] + "…"
        if written != lang:
            text = write(message("precedent.summary_in", lang=written), lang) + " " + text
        outcome = write(message(f"precedent.outcome.{p.outcome}"), lang)
        out.append("  • " + write(message("precedent.beside.item", date=p.date, authority=p.authority,
                                          outcome=outcome, summary=text), lang))
        out.append(f"    {p.id} — {p.sources[0].url}")
    return out


def render(a: Assessment, lang: str) -> None:
    console.print(_summary(a, lang))
    for o in a.options:  # in reading order (rules.assess.rank)
        console.print(render_option(o, lang))
    for n in a.notes:
        console.print(write(n, lang))
    if a.deadlines:
        t = Table(title=say(lang, "cli.deadlines"), expand=True)
        for col in ("cli.col_kind", "cli.col_date", "cli.col_filing_day", "cli.col_explanation", "cli.col_provision"):
            t.add_column(say(lang, col))
        for d in a.deadlines:
            t.add_row(term("deadline", d.kind, lang), d.date.isoformat(),
                      d.filing_date.isoformat() if d.filing_date else "",
                      d.explanation(lang), _prov(d.legal_basis, lang))
        console.print(fit(t))


@app.command("assess")
def assess_cmd(
    facts_file: Path = typer.Argument(..., help="Facts JSON (see `zairyu schema facts`)"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en|ru|uk (any language with a message catalogue)"),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output"),
    law_date: str = typer.Option(None, "--law-date",
                                 help="Compute under the law in force on this date YYYY-MM-DD (default: --on)"),
) -> None:
    """Every route open to a person on a date: verdicts, reasons, deadlines, fees, documents, provisions."""
    d = on_date(on)
    lang = lang_of(lang)
    from zairyu.precedents.register import packaged_register

    a = assess(load_facts(facts_file), d, law=law_of(law_date, d), precedents=packaged_register())
    if as_json:
        print_json(a.to_json())
        return
    render(a, lang)


def _summary(a: Assessment, lang: str) -> Table:
    t = Table(title=say(lang, "cli.assessment_as_of", date=str(a.as_of)), expand=True)
    t.add_column(say(lang, "cli.col_option"), overflow="fold")
    t.add_column(say(lang, "cli.col_verdict"), no_wrap=True)
    t.add_column(say(lang, "cli.col_file_by"))
    t.add_column(say(lang, "cli.label_fee"), overflow="fold")
    t.add_column(say(lang, "cli.col_missing"), overflow="fold")
    for o in a.options:  # in reading order (rules.assess.rank)
        color, icon = _VERDICT[o.verdict]
        by = str(o.file_by) if o.file_by else (say(lang, "cli.from_date", date=str(o.cured_on)) if o.cured_on else "")
        t.add_row(_title(o, lang), Text(f"{icon} {say(lang, f'cli.verdict.{o.verdict}')}", style=color), by,
                  _fee_text(o.fee, lang), str(len(o.missing_facts)) if o.missing_facts else "")
    return fit(t, drop=(say(lang, "cli.col_missing"),))


def _hint(fact: str, qtype: str, lang: str) -> str:
    """What an answer to the question looks like, in the reader's language."""
    if qtype == "bool":
        return say(lang, "cli.hint_yes_no")
    if qtype == "status":
        return say(lang, "cli.hint_status")
    if fact == "stay.period":
        return say(lang, "cli.hint_period")
    return {"date": "YYYY-MM-DD", "int": say(lang, "cli.hint_number")}.get(qtype, "")


def _ask(q_text: str, fact: str, qtype: str, choices: tuple[str, ...], lang: str) -> str:
    from rich.markup import escape
    from rich.prompt import Prompt

    from zairyu.glossary import KINDS, term

    hint = _hint(fact, qtype, lang)
    skip = say(lang, "cli.blank_to_skip")
    if choices and qtype == "choice":  # a designation: its code, with its name where the glossary has one
        shown = [f"{c} — {term('designation', c, lang)}" if c in KINDS["designation"] else c for c in choices]
        console.print(say(lang, "cli.label", label=say(lang, "cli.choices"), text="\n  " + "\n  ".join(shown)),
                      markup=False)
    # the hint in brackets is text, not rich markup (which would swallow "[y/n, ...]")
    return Prompt.ask(escape(f"{q_text} [{hint + ', ' if hint else ''}{skip}]"), default="", show_default=False,
                      console=console)


@app.command("interview")
def interview_cmd(
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en|ru|uk (any language with a message catalogue)"),
    facts_file: Path = typer.Option(None, "--facts", help="Start from these facts"),
    save: Path = typer.Option(None, "--save", help="Write the facts gathered to this JSON file"),
    max_questions: int = typer.Option(30, "--max", help="Stop after this many questions"),
) -> None:
    """Ask the unknown facts one at a time, most decisive first, showing the assessment as it sharpens."""
    # imported here: `zairyu assess`, from the same module, answers without loading the interview
    from zairyu.rules.interview import apply_answer, asked_as, next_question, unknown_facts_ranked

    d = on_date(on)
    lang = lang_of(lang)
    facts: Facts = load_facts(facts_file) if facts_file else parse_facts({})
    skipped: set[str] = set()
    asked = 0
    a = assess(facts, d)
    while asked < max_questions:
        console.print(_summary(a, lang))
        q = next_question(facts, d, skip=frozenset(skipped), assessment=a)
        if q is None:
            break
        settles = len(q.settles)
        # the options the answer would settle, by their names in the reader's language
        named = [_title(o, lang) for k in q.settles if (o := a.option(k)) is not None]
        console.print(Text(say(lang, "cli.label", label=say(lang, "cli.settles"), text=f"{settles} — ")
                           + ", ".join(named), style="dim"))
        raw = _ask(q.text(lang), q.fact, q.type, q.choices, lang)
        if raw.strip() == "":
            asked += 1
            skipped.add(q.fact)
            continue
        try:
            facts = apply_answer(facts, q.fact, raw)
        except ZairyuError as exc:  # asked again; a refused answer is not one of the --max questions
            console.print(Text(say(lang, "cli.answer_refused", hint=_hint(q.fact, q.type, lang)), style="red"))
            console.print(Text(exc.one_line(), style="dim"))
            continue
        asked += 1
        a = assess(facts, d)
    left = [u.fact for u in unknown_facts_ranked(a) if u.fact not in skipped]
    if left:  # each as the interview asks it (a fact it does not ask by its path)
        console.print(say(lang, "cli.label", label=say(lang, "cli.still_unknown"), text=""))
        for fact in left:
            console.print("  • " + asked_as(fact, lang), markup=False)
    render(a, lang)
    if save:
        save.write_text(json.dumps(facts.model_dump(mode="json", by_alias=True, exclude_none=True),
                                   ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(say(lang, "cli.label", label=say(lang, "cli.saved"), text=str(save)), markup=False)


def assess_json(facts: Facts, on: date) -> dict[str, Any]:
    """The JSON contract of ``zairyu assess --json`` (the web app may reuse it)."""
    return assess(facts, on).to_json()
