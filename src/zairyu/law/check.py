"""``zairyu law check``: validate the law files, list unverified and stale facts.

Validation itself is the loader's (any bad file raises :class:`~zairyu.errors.LawDataError`, exit 2
at the command line); this module adds the two lists a maintainer works through: facts marked
unverified (never presented as certain) and facts whose newest source was consulted too long ago.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from zairyu.law.loader import DATA_DIR, load_dir
from zairyu.law.models import Cited, Dated, LawFiles


@dataclass(frozen=True)
class Finding:
    """One fact to look at: what it is, and why (a note, or the last verification date)."""

    what: str
    why: str

    def to_json(self) -> dict[str, str]:
        return {"what": self.what, "why": self.why}


@dataclass
class CheckReport:
    files: int
    entries: int
    today: date
    max_age_days: int = 365
    unverified: list[Finding] = field(default_factory=list)
    partly_unverified: list[Finding] = field(default_factory=list)
    stale: list[Finding] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"OK: {self.files} law files, {self.entries} dated entries valid."]
        lines.append(f"Unverified facts ({len(self.unverified)}), shown as unverified wherever zairyu uses them:")
        lines += [f"  - {f.what}: {f.why}" for f in self.unverified]
        lines.append(f"Facts with an unverified detail ({len(self.partly_unverified)}), the fact itself confirmed:")
        lines += [f"  - {f.what}: {f.why}" for f in self.partly_unverified]
        limit = (self.today - timedelta(days=self.max_age_days)).isoformat()
        lines.append(
            f"Facts last verified more than {self.max_age_days} days before {self.today.isoformat()} "
            f"(before {limit}) ({len(self.stale)}):"
        )
        lines += [f"  - {f.what}: {f.why}" for f in self.stale]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": True,
            "files": self.files,
            "entries": self.entries,
            "today": self.today.isoformat(),
            "max_age_days": self.max_age_days,
            "unverified": [f.to_json() for f in self.unverified],
            "partly_unverified": [f.to_json() for f in self.partly_unverified],
            "stale": [f.to_json() for f in self.stale],
        }


def _span(d: Dated) -> str:
    if d.valid_from is None and d.valid_to is None:
        return "(all dates)"
    return f"{d.valid_from.isoformat() if d.valid_from else ''}..{d.valid_to.isoformat() if d.valid_to else ''}"


# a full stop that ends a sentence, not one after an abbreviation such as "App." or "Art."
_SENTENCE_END = re.compile(r"(?<!App)(?<!Art)(?<!Ord)(?<!No)(?<!Arts)\.\s")


def _first_sentence(text: str | None) -> str:
    if not text:
        return "marked unverified"
    text = " ".join(text.split())
    m = _SENTENCE_END.search(text)
    return text if m is None else text[: m.start() + 1]


def _walk(law: LawFiles) -> list[tuple[str, Cited]]:
    """Every cited entry of the law files, named as the report names it."""
    out: list[tuple[str, Cited]] = []
    for s in law.statuses:
        out.append((f"status {s.code}", s))
        out += [(f"status {s.code} periods {_span(p)}", p) for p in s.periods]
        out += [(f"status {s.code} transitional {_span(t)}", t) for t in s.transitional]
    for f in law.fees:
        out += [(f"fee {f.procedure} {_span(v)}", v) for v in f.versions]
    out += [(f"procedure {p.code}", p) for p in law.procedures]
    for m in law.measures:
        out.append((f"measure {m.code}", m))
        out += [(f"measure {m.code} period {_span(p)}", p) for p in m.periods]
    out += [(f"rule {r.code}", r) for r in law.rules]
    out += [(f"designation {d.code}", d) for d in law.designations]
    return out


_UNVERIFIED_WORD = re.compile(r"unverified", re.IGNORECASE)


def _sentence_with_unverified(text: str) -> str | None:
    """The sentence of a note that says what is unverified (None when the note says nothing is)."""
    text = " ".join(text.split())
    start = 0
    for m in _SENTENCE_END.finditer(text + " "):
        sentence = text[start: m.start() + 1]
        if _UNVERIFIED_WORD.search(sentence):
            return sentence.strip()
        start = m.end()
    rest = text[start:].strip()
    return rest if rest and _UNVERIFIED_WORD.search(rest) else None


def _unverified(law: LawFiles, items: list[tuple[str, Cited]]) -> list[Finding]:
    found = [Finding(name, _first_sentence(item.note)) for name, item in items if item.fact_status == "unverified"]
    for s in law.statuses:
        if s.unverified_fields:
            found.append(Finding(f"status {s.code} fields", ", ".join(s.unverified_fields)))
        for p in s.periods:
            for r in p.rows:
                if r.fact_status == "unverified":
                    found.append(Finding(f"status {s.code} periods {_span(p)} row {r.row}", _first_sentence(r.note)))
    for des in law.designations:
        if des.unverified_fields and des.fact_status != "unverified":
            found.append(Finding(f"designation {des.code} fields", ", ".join(des.unverified_fields)))
    for f in law.fees:
        for v in f.versions:
            if v.online_fact_status == "unverified" and v.fact_status != "unverified":
                found.append(Finding(f"fee {f.procedure} {_span(v)} online amount", "online amount unverified"))
    for proc in law.procedures:
        docs = [("", d) for d in proc.documents]
        docs += [(f"{k} ", d) for k, ds in proc.status_documents.items() for d in ds]
        for prefix, d in docs:
            if d.fact_status == "unverified":
                found.append(Finding(f"procedure {proc.code} document {prefix}{d.id}", "document unverified"))
    return found


def _partly_unverified(law: LawFiles, items: list[tuple[str, Cited]]) -> list[Finding]:
    """Entries confirmed as a whole whose notes name a detail that is not (a number, a date, a reading)."""
    notes: list[tuple[str, str | None]] = [
        (name, item.note) for name, item in items if item.fact_status != "unverified"]
    for s in law.statuses:
        notes += [(f"status {s.code} {name}", getattr(s, name))
                  for name in ("employment_note", "notification_note", "transitional_note")]
        for p in s.periods:
            notes += [(f"status {s.code} periods {_span(p)} row {r.row}", r.note)
                      for r in p.rows if r.fact_status != "unverified"]
    found = []
    for name, note in notes:
        sentence = _sentence_with_unverified(note) if note else None
        if sentence:
            found.append(Finding(name, sentence))
    return found


def check_law(data_dir: Path | None = None, *, today: date, max_age_days: int = 365) -> CheckReport:
    """Validate every law file in ``data_dir`` (default: the packaged data) and list the facts to verify.

    ``today`` is passed in by the caller (the command line reads the clock, this module does not).
    Raises LawDataError when any file is invalid.
    """
    d = data_dir or DATA_DIR
    law = load_dir(d)
    limit = today - timedelta(days=max_age_days)
    items = _walk(law)
    report = CheckReport(files=len(list(d.glob("*.yaml"))), entries=len(items), today=today,
                         max_age_days=max_age_days)
    report.unverified = _unverified(law, items)
    report.partly_unverified = _partly_unverified(law, items)
    for name, item in items:
        newest = max(s.consulted for s in item.sources)
        if newest < limit:
            report.stale.append(Finding(name, f"last verified {newest.isoformat()}"))
    return report
