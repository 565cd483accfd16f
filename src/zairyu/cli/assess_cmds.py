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
from zairyu.cli.common import console, fit, lang_of, law_of, on_date, print_json
from zairyu.errors import ZairyuError
from zairyu.facts import Facts, load_facts, parse_facts
from zairyu.glossary import term
from zairyu.messages import render as write
from zairyu.rules.assess import assess
from zairyu.rules.common import proc_name, provisions_text, status_name
from zairyu.rules.model import Assessment, Option

_VERDICT = {
    "eligible": ("green", "✔", "要件充足", "eligible"),
    "discretionary": ("yellow", "◐", "裁量", "discretionary"),
    "needs_facts": ("cyan", "?", "事実不足", "needs facts"),
    "ineligible": ("red", "✘", "不可", "ineligible"),
}
_RESULT = {"met": ("green", "✔"), "unmet": ("red", "✘"), "unknown": ("cyan", "?"), "discretionary": ("yellow", "◇")}


def _title(o: Option, lang: str) -> str:
    name = proc_name(o.procedure, lang)
    if o.variant == "special":
        name = "みなし再入国許可" if lang == "ja" else "Special re-entry (Art. 26-2)"
    if o.target_status and o.procedure in ("change_of_status", "extension_of_stay", "certificate_of_eligibility",
                                           "acquisition_of_status"):
        t = status_name(o.target_status, lang)
        name += f"（{t}）" if lang == "ja" else (f" — {t}" if o.procedure == "extension_of_stay" else f" → {t}")
    return name


def _fee_text(fee: dict[str, Any] | None, lang: str) -> str:
    if not fee or (fee.get("counter") is None and fee.get("online") is None):
        return "—"
    if fee.get("counter") == 0 and fee.get("online") == 0:
        return "無料" if lang == "ja" else "no fee"
    parts = []
    if fee.get("counter") is not None:
        parts.append(f"{'窓口' if lang == 'ja' else 'counter'} ¥{fee['counter']:,}")
    if fee.get("online") is not None:
        parts.append(f"{'オンライン' if lang == 'ja' else 'online'} ¥{fee['online']:,}")
    return ", ".join(parts)


def _prov(bases: Any, lang: str) -> str:
    return provisions_text(tuple(bases), lang)


def render_option(o: Option, lang: str) -> Panel:
    ja = lang == "ja"
    color, icon, vja, ven = _VERDICT[o.verdict]
    body = Text()
    body.append(write(o.explanation(), lang) + "\n")
    t = Table(show_header=True, box=None, pad_edge=False, expand=True)
    t.add_column("", width=2)
    t.add_column("要件" if ja else "Requirement", ratio=3)
    t.add_column("根拠" if ja else "Provision", ratio=2)
    t.add_column("確度" if ja else "Source", width=10)
    for r in o.requirements:
        c, i = _RESULT[r.result]
        note = write(r.note, lang)
        text = write(r.text, lang) + (f" — {note}" if note else "")
        if r.cured_on:
            text += f" ({'から' if ja else 'from'} {r.cured_on.isoformat()})"
        t.add_row(Text(i, style=c), text, _prov(r.legal_basis, lang), r.fact_status)
    lines = []
    if o.pending:
        p = o.pending
        lines.append((f"申請中：{p['filed_on']}" if ja else f"Pending since {p['filed_on']}")
                     + (f"; {'特例期間の終期' if ja else 'special period ends'} {p['special_period_end']}"
                        if p.get("special_period_end") else "")
                     + (f" ({'早い方の読み方で' if ja else 'act by'} {p['special_period_act_by']})"
                        if p.get("special_period_act_by") else ""))
    if o.earliest_filing_day or o.file_by:
        lines.append(("申請期間" if ja else "File") + ": "
                     + ((f"{o.earliest_filing_day}から " if ja else f"from {o.earliest_filing_day} ")
                        if o.earliest_filing_day else "")
                     + ((f"{o.file_by}まで" if ja else f"by {o.file_by}") if o.file_by else ""))
    if o.cured_on:
        lines.append(("要件充足見込日" if ja else "Could be met from") + f": {o.cured_on}")
    lines.append(("手数料" if ja else "Fee") + f": {_fee_text(o.fee, lang)}")
    if o.processing_time:
        lines.append(("標準処理期間" if ja else "Processing") + f": {o.processing_time['ja' if ja else 'en']}")
    if o.documents:
        lines.append(("書類" if ja else "Documents") + ": " + "; ".join(d["ja"] if ja else d["en"] for d in o.documents))  # noqa: E501
    if o.missing_facts:
        lines.append(("不足している事実" if ja else "Missing facts") + ": " + ", ".join(o.missing_facts))
    lines.append(("根拠条文" if ja else "Legal basis") + f": {_prov(o.legal_basis, lang)}")
    if o.precedents is not None:
        lines.extend(precedent_lines(o, lang))
    from rich.console import Group

    return Panel(Group(body, fit(t), Text("\n" + "\n".join(lines))),
                 title=Text(f"{icon} {_title(o, lang)} — {vja if ja else ven}", style=f"bold {color}"),
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
    ja = lang == "ja"
    console.print(_summary(a, lang))
    for o in a.options:  # in reading order (rules.assess.rank)
        console.print(render_option(o, lang))
    for n in a.notes:
        console.print(write(n, lang))
    if a.deadlines:
        t = Table(title="期限" if ja else "Deadlines", expand=True)
        for col in (("種類", "Kind"), ("日付", "Date"), ("申請可能日", "Filing day"), ("説明", "Explanation"),
                    ("根拠", "Provision")):
            t.add_column(col[0] if ja else col[1])
        for d in a.deadlines:
            t.add_row(term("deadline", d.kind, lang), d.date.isoformat(),
                      d.filing_date.isoformat() if d.filing_date else "",
                      d.explanation("ja" if ja else "en"), _prov(d.legal_basis, lang))
        console.print(fit(t))


@app.command("assess")
def assess_cmd(
    facts_file: Path = typer.Argument(..., help="Facts JSON (see `zairyu schema facts`)"),
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
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
    ja = lang == "ja"
    t = Table(title=("評価日" if ja else "Assessment as of") + f" {a.as_of}", expand=True)
    t.add_column("手続" if ja else "Option", overflow="fold")
    t.add_column("判定" if ja else "Verdict", no_wrap=True)
    t.add_column("申請期限" if ja else "File by")
    t.add_column("手数料" if ja else "Fee", overflow="fold")
    t.add_column("不足" if ja else "Missing facts", overflow="fold")
    for o in a.options:  # in reading order (rules.assess.rank)
        color, icon, vja, ven = _VERDICT[o.verdict]
        by = str(o.file_by) if o.file_by else ((f"{o.cured_on}から" if ja else f"from {o.cured_on}")
                                               if o.cured_on else "")
        t.add_row(_title(o, lang), Text(f"{icon} {vja if ja else ven}", style=color), by, _fee_text(o.fee, lang),
                  ", ".join(o.missing_facts))
    return fit(t, drop=("不足" if ja else "Missing facts",))


def _ask(q_text: str, qtype: str, choices: tuple[str, ...], lang: str) -> str:
    from rich.prompt import Prompt

    hint = {"bool": "y/n", "date": "YYYY-MM-DD", "int": "123"}.get(qtype, "")
    skip = "空欄で飛ばす" if lang == "ja" else "blank to skip"
    if choices and qtype in ("choice", "status"):
        console.print(("選択肢" if lang == "ja" else "Choices") + ": " + ", ".join(choices))
    return Prompt.ask(f"{q_text} [{hint + ', ' if hint else ''}{skip}]", default="", show_default=False,
                      console=console)


@app.command("interview")
def interview_cmd(
    on: str = typer.Option(None, "--on", help="As-of date YYYY-MM-DD (default: today)"),
    lang: str = typer.Option("ja", "--lang", help="ja|en"),
    facts_file: Path = typer.Option(None, "--facts", help="Start from these facts"),
    save: Path = typer.Option(None, "--save", help="Write the facts gathered to this JSON file"),
    max_questions: int = typer.Option(30, "--max", help="Stop after this many questions"),
) -> None:
    """Ask the unknown facts one at a time, most decisive first, showing the assessment as it sharpens."""
    # imported here: `zairyu assess`, from the same module, answers without loading the interview
    from zairyu.rules.interview import apply_answer, next_question, unknown_facts_ranked

    d = on_date(on)
    lang = lang_of(lang)
    facts: Facts = load_facts(facts_file) if facts_file else parse_facts({})
    skipped: set[str] = set()
    asked = 0
    a = assess(facts, d)
    while asked < max_questions:
        console.print(_summary(a, lang))
        q = next_question(facts, d, lang, skip=frozenset(skipped), assessment=a)
        if q is None:
            break
        settles = len(q.settles)
        console.print(Text(("この質問で決まる選択肢" if lang == "ja" else "Settles") + f": {settles} — "
                           + ", ".join(q.settles), style="dim"))
        raw = _ask(q.text(lang), q.type, q.choices, lang)
        asked += 1
        if raw.strip() == "":
            skipped.add(q.fact)
            continue
        try:
            facts = apply_answer(facts, q.fact, raw)
        except ZairyuError as exc:
            console.print(Text(exc.one_line(), style="red"))
            continue
        a = assess(facts, d)
    left = [u.fact for u in unknown_facts_ranked(a) if u.fact not in skipped]
    if left:
        console.print(("未回答" if lang == "ja" else "Still unknown") + ": " + ", ".join(left))
    render(a, lang)
    if save:
        save.write_text(json.dumps(facts.model_dump(mode="json", by_alias=True, exclude_none=True),
                                   ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(("保存しました" if lang == "ja" else "Saved") + f": {save}")


def assess_json(facts: Facts, on: date) -> dict[str, Any]:
    """The JSON contract of ``zairyu assess --json`` (the web app may reuse it)."""
    return assess(facts, on).to_json()
