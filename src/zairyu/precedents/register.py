"""A register of precedents in memory (the packaged dataset, or a database's records) and what it says beside
an assessment's option: the precedents sharing its procedure and target status, public on the as-of date,
ranked by similarity to the person's facts, with counts granted / refused; a base rate from statistics beside
refugee recognition. Pure: a function of (records, facts, date)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from zairyu import datacache
from zairyu.precedents.model import Precedent, parse_precedent

GRANTED = frozenset({"granted", "overturned", "partially_granted"})
"""Outcomes counted as granted (a court annulled the refusal; a mixed result)."""
REFUSED = frozenset({"refused", "upheld"})
PROTECTION = frozenset({"refugee_recognition", "complementary_protection"})
SHOWN = 3
"""How many of the most similar precedents an option shows."""


def _load_yaml(text: str, name: str = "precedents-file") -> Any:
    return datacache.load_yaml(text, name=name)


def dataset_text() -> str:
    return resources.files("zairyu.precedents").joinpath("data/precedents.yaml").read_text(encoding="utf-8")


def parse_dataset(raw: Any, *, where: str = "precedents.yaml") -> list[Precedent]:
    """Records from a YAML list; the first bad record is refused naming its position and field."""
    from zairyu.errors import InvalidInputError

    if not isinstance(raw, list):
        raise InvalidInputError("a precedent file is a list of records", where=where)
    out: list[Precedent] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise InvalidInputError("each record is a mapping of fields", where=f"{where}[{i}]")
        p = parse_precedent(item, where=f"{where}[{i}] {item.get('id', '')}".strip())
        if p.id in seen:
            raise InvalidInputError(f"duplicate id '{p.id}'", field="id", where=f"{where}[{i}]")
        seen.add(p.id)
        out.append(p)
    return out


@dataclass(frozen=True)
class Similar:
    precedent: Precedent
    score: float
    shared_tags: tuple[str, ...]


@dataclass(frozen=True)
class Beside:
    """The precedents beside one option."""

    similar: tuple[Similar, ...]
    granted: int
    refused: int
    on: date
    """Only records public on this day are shown and counted."""
    base_rate: Precedent | None = None

    def to_json(self, langs: Sequence[str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "similar": [similar_json(s, langs) for s in self.similar],
            "granted": self.granted,
            "refused": self.refused,
            "public_on": self.on.isoformat(),
        }
        if self.base_rate is not None and self.base_rate.figures:
            f = self.base_rate.figures
            out["base_rate"] = {"id": self.base_rate.id, **f,
                                "sources": [{"title": s.title, "url": s.url} for s in self.base_rate.sources]}
        return out


def similar_json(s: Similar, langs: Sequence[str]) -> dict[str, Any]:
    p = s.precedent
    summary = {}
    for lang in langs:
        written, text = p.summary(lang)
        summary[lang] = {"lang": written, "text": text}
    return {"id": p.id, "kind": p.kind, "date": p.date, "outcome": p.outcome, "authority": p.authority,
            "from_status": p.from_status, "to_status": p.to_status, "nationality": p.nationality,
            "circumstances": p.circumstances, "shared_circumstances": list(s.shared_tags),
            "score": round(s.score, 3), "summary": summary,
            "sources": [{"title": x.title, "url": x.url} for x in p.sources]}


class Register:
    """Records in memory, indexed by procedure."""

    def __init__(self, records: Iterable[Precedent]) -> None:
        self.records: tuple[Precedent, ...] = tuple(records)
        self._digest: str | None = None
        self._by_proc: dict[str, list[Precedent]] = {}
        self._beside: dict[tuple[Any, ...], Beside] = {}
        for p in self.records:
            self._by_proc.setdefault(p.procedure, []).append(p)

    def __len__(self) -> int:
        return len(self.records)

    @property
    def digest(self) -> str:
        """A digest of every record's every field (computed once): a change of any record is another digest."""
        if self._digest is None:
            import hashlib

            h = hashlib.sha256()
            for p in self.records:
                h.update(p.model_dump_json().encode())
                h.update(b"\0")
            self._digest = h.hexdigest()
        return self._digest

    def get(self, id: str) -> Precedent | None:
        return next((p for p in self.records if p.id == id), None)

    def public_on(self, on: date) -> list[Precedent]:
        return [p for p in self.records if p.public_on <= on]

    def beside(self, procedure: str, target_status: str | None, *, on: date, statuses: Iterable[str] = (),
               nationality: str | None = None, tags: Iterable[str] = (), limit: int = SHOWN) -> Beside:
        """The precedents sharing the option's procedure and target status (a record whose target is not
        reported or is ``various`` shares any target), public on ``on``, most similar first. The same
        question asked again of this register (people sharing a status, a nationality and circumstances)
        gets the answer found before: the records do not change while the register lives."""
        held = frozenset(s for s in statuses if s)
        want = frozenset(tags)
        key = (procedure, target_status, on, held, nationality, want, limit)
        kept = self._beside.get(key)
        if kept is None:
            kept = self._find_beside(procedure, target_status, on, held, nationality, want, limit)
            if len(self._beside) >= 10_000:
                self._beside.clear()
            self._beside[key] = kept
        return kept

    def _find_beside(self, procedure: str, target_status: str | None, on: date, held: frozenset[str],
                     nationality: str | None, want: frozenset[str], limit: int) -> Beside:
        found: list[Similar] = []
        base: Precedent | None = None
        for p in self._by_proc.get(procedure, ()):
            if p.public_on > on:
                continue
            if p.kind == "statistic":
                if p.figures and (base is None or p.public_on > base.public_on):
                    base = p
                continue
            if target_status and p.to_status not in (None, "various", target_status) \
                    and procedure not in PROTECTION:
                continue
            shared = tuple(t for t in p.circumstances if t in want)
            score = 0.0
            if p.to_status == target_status and target_status:
                score += 1.0
            if p.from_status and p.from_status in held:
                score += 1.0
            if nationality and nationality in p.nationality:
                score += 1.0
            if want:
                score += 2.0 * len(shared) / len(want | set(p.circumstances))
            # nearer in time counts a little more (a decade back: about -0.5)
            score -= min(abs((on - p.first_day).days) / 3650 * 0.5, 1.0)
            found.append(Similar(p, score, shared))
        found.sort(key=lambda s: (-s.score, -s.precedent.first_day.toordinal(), s.precedent.id))
        granted = sum(1 for s in found if s.precedent.outcome in GRANTED)
        refused = sum(1 for s in found if s.precedent.outcome in REFUSED)
        return Beside(tuple(found[:limit]), granted, refused, on,
                      base if procedure == "refugee_recognition" else None)


@cache
def packaged_register() -> Register:
    """The starter dataset shipped with zairyu (``data/precedents.yaml``)."""
    return Register(parse_dataset(_load_yaml(dataset_text(), "precedents")))


__all__ = ["Beside", "Register", "Similar", "packaged_register", "parse_dataset"]
