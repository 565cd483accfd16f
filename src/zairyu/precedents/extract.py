"""A draft precedent record from a text (a news report or a decision notice, in Japanese or English), offline:
the glossary (statuses, procedures), the register's tag labels (messages ``tag.*``), Babel's country names and
patterns for dates, numbers of people, outcomes and provisions. Each value found points at the words it came
from (``start``/``end`` offsets into the text). Nothing is stored: the draft is reviewed, completed (id, sources,
summary) and added with ``zairyu precedents add``.

Known limits: the first status named is taken as the status held and the next as the one asked for; the first
date as the decision's; an outcome word anywhere counts (a report that quotes an earlier refusal reads as
refused) — hence every value shows its words, and the reviewer decides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale

from zairyu import glossary
from zairyu.messages import message, render
from zairyu.precedents.model import status_codes
from zairyu.precedents.tags import tag_codes

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
ERAS = {"令和": 2018, "平成": 1988}
"""Japanese era → the Gregorian year before its first year (令和元年 = 2019, 平成元年 = 1989)."""
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PROCEDURE_WORDS: dict[str, tuple[str, ...]] = {
    # words a report uses for a procedure, besides the glossary's own names
    "change_of_status": ("在留資格の変更", "在留資格変更", "change of status", "switch to"),
    "extension_of_stay": ("在留期間の更新", "在留期間更新", "extension of stay", "extend their stay"),
    "refugee_recognition": ("難民認定", "難民不認定", "難民と認定", "recognized as refugee", "recognised as refugee",
                            "refugee status"),
    "special_permission_to_stay": ("在留特別許可", "special permission to stay"),
    "permanent_residence": ("永住許可", "permanent residency"),
    "complementary_protection": ("補完的保護", "complementary protection"),
}
OUTCOME_WORDS: tuple[tuple[str, str], ...] = (
    # the more specific first: a court annulling a refusal, a refusal upheld, then granted / refused
    ("overturned", r"取り消す|取り消し|取消し|overturned|annulled|revoked the (?:refusal|decision)"),
    ("upheld", r"請求を棄却|訴えを棄却|棄却|dismissed the (?:suit|claim|case|appeal)"),
    ("refused", r"不許可|不認定|認めなかった|refused|rejected|denied"),
    ("granted", r"(?<!不)許可(?:した|され|を出)|(?<!不)認定(?:した|され)|特例として|granted|approved|allowed to stay"),
)
PROVISION = re.compile(r"(?:入管法|出入国管理及び難民認定法)?第\d+条(?:の\d+)?(?:第\d+項)?"
                       r"|Art(?:icle|\.)\s*\d+(?:-\d+)?(?:\(\d+\))*(?:\s+of the (?:ICRRA|Immigration Control and "
                       r"Refugee Recognition Act))?", re.I)
EN_MONTH = "(" + "|".join(m.capitalize() for m in MONTHS) + ")"
DATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(令和|平成)(\d+|元)年(\d{1,2})月(?:(\d{1,2})日)?"), "era"),
    (re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?"), "ymd"),
    (re.compile(EN_MONTH + r"\s+(\d{1,2}),\s*(\d{4})"), "mdy"),
    (re.compile(r"(\d{1,2})\s+" + EN_MONTH + r"\s+(\d{4})"), "dmy"),
    (re.compile(EN_MONTH + r"\s+(\d{4})"), "my"),
    (re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b"), "iso"),
)
PEOPLE = re.compile(r"(\d+|[一二三四五六七八九十])人"
                    r"|\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?"
                    r"(?:people|persons|women|men|nationals|individuals|applicants)\b", re.I)


@dataclass(frozen=True)
class Found:
    field: str
    value: Any
    start: int
    end: int
    text: str
    precision: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"value": self.value, "start": self.start, "end": self.end, "text": self.text}
        if self.precision:
            out["precision"] = self.precision
        return out


def language_of(text: str) -> str:
    return "ja" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text) else "en"


def _dates(text: str) -> list[Found]:
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pat, how in DATES:
        for mt in pat.finditer(text):
            if any(a <= mt.start() < b for a, b in taken):
                continue
            g = mt.groups()
            if how == "era":
                y, mo, d = ERAS[g[0]] + (1 if g[1] == "元" else int(g[1])), int(g[2]), g[3]
            elif how == "ymd" or how == "iso":
                y, mo, d = int(g[0]), int(g[1]), g[2]
            elif how == "mdy":
                y, mo, d = int(g[2]), MONTHS[g[0].lower()], g[1]
            elif how == "dmy":
                y, mo, d = int(g[2]), MONTHS[g[1].lower()], g[0]
            else:
                y, mo, d = int(g[1]), MONTHS[g[0].lower()], None
            if not 1 <= mo <= 12:
                continue
            value = f"{y:04d}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
            out.append(Found("date", value, mt.start(), mt.end(), mt.group(), "day" if d else "month"))
            taken.append((mt.start(), mt.end()))
    return sorted(out, key=lambda f: f.start)


@cache
def _status_terms() -> list[tuple[str, str]]:
    known = status_codes()
    terms = []
    for code, entry in glossary.STATUSES.items():
        if code not in known:
            continue
        for lang in ("ja", "en"):
            t = entry.get(lang)
            if t and len(t) >= 2:
                terms.append((t, code))
    return sorted(terms, key=lambda t: -len(t[0]))


def _terms(text: str, terms: list[tuple[str, str]], field: str) -> list[Found]:
    """Occurrences of the terms (longest first; a shorter term inside a longer one found is skipped)."""
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for term, code in terms:
        ascii_ = term.isascii()
        pat = re.compile((r"\b" + re.escape(term) + r"\b") if ascii_ else re.escape(term), re.I if ascii_ else 0)
        for mt in pat.finditer(text):
            if any(a <= mt.start() < b or a < mt.end() <= b for a, b in taken):
                continue
            out.append(Found(field, code, mt.start(), mt.end(), mt.group()))
            taken.append((mt.start(), mt.end()))
    return sorted(out, key=lambda f: f.start)


@cache
def _procedure_terms() -> list[tuple[str, str]]:
    terms = [(w, code) for code, words in PROCEDURE_WORDS.items() for w in words]
    for code, entry in glossary.PROCEDURES.items():
        terms += [(entry[lang], code) for lang in ("ja", "en") if entry.get(lang)]
    return sorted(terms, key=lambda t: -len(t[0]))


DEMONYMS = {"Russian": "RU", "Ukrainian": "UA", "Burmese": "MM", "Myanmar": "MM", "Afghan": "AF", "Turkish": "TR",
            "Chinese": "CN", "Vietnamese": "VN", "Nepalese": "NP", "Sri Lankan": "LK", "Cameroonian": "CM",
            "Ugandan": "UG", "Iranian": "IR", "Syrian": "SY", "Belarusian": "BY", "Filipino": "PH",
            "Pakistani": "PK", "Bangladeshi": "BD", "Congolese": "CD", "Ethiopian": "ET", "Kurdish": "TR"}
"""English words for a nationality (Babel names countries, not their people). Kurdish: the register's Kurdish
applicants are Turkish nationals (the reviewer checks)."""


@cache
def _country_terms() -> list[tuple[str, str]]:
    """A nationality, not any mention of a country: ja ロシア人 / ロシア国籍 / ロシア出身, en "Russian",
    "nationals of Russia", "from Russia"."""
    terms = [(w, c) for w, c in DEMONYMS.items()]
    for lang in ("ja", "en"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) != 2 or not code.isalpha() or code == "JP":
                continue
            names = {str(name), re.sub(r"\s*[（(].*[)）]\s*$", "", str(name))}
            for n in names:
                if len(n) < 2:
                    continue
                if lang == "ja":
                    terms += [(n + suffix, code) for suffix in ("人", "国籍", "出身")]
                else:
                    terms += [(f"{pre} {n}", code) for pre in ("nationals of", "national of", "citizens of",
                                                                 "from")]
    return sorted(terms, key=lambda t: -len(t[0]))


@cache
def _tag_terms() -> list[tuple[str, str]]:
    return sorted([(render(message(f"tag.{t}"), lang), t) for t in tag_codes() for lang in ("ja", "en")],
                  key=lambda t: -len(t[0]))


def extract(text: str) -> dict[str, Any]:
    """``{"language", "draft": {field: value}, "evidence": {field: [{value, start, end, text}]}}``."""
    ev: dict[str, list[Found]] = {}
    ev["date"] = _dates(text)
    ev["status"] = _terms(text, _status_terms(), "status")
    ev["procedure"] = _terms(text, _procedure_terms(), "procedure")
    ev["nationality"] = _terms(text, _country_terms(), "nationality")
    ev["circumstances"] = _terms(text, _tag_terms(), "circumstances")
    ev["number_of_people"] = [Found("number_of_people", int(NUMBERS.get((mt.group(1) or mt.group(2)).lower(),
                                                                          0) or (mt.group(1) or mt.group(2))),
                                    mt.start(), mt.end(), mt.group()) for mt in PEOPLE.finditer(text)
                              if (mt.group(1) or mt.group(2)).isdigit()
                              or (mt.group(1) or mt.group(2)).lower() in NUMBERS]
    ev["outcome"] = []
    for outcome, pattern in OUTCOME_WORDS:
        mt = re.search(pattern, text, re.I)
        if mt:
            ev["outcome"].append(Found("outcome", outcome, mt.start(), mt.end(), mt.group()))
            break
    ev["legal_basis"] = [Found("legal_basis", mt.group(), mt.start(), mt.end(), mt.group())
                         for mt in PROVISION.finditer(text)]
    # words inside a provision's citation (難民認定 in 出入国管理及び難民認定法) are the law's name, not a fact
    cited = [(f.start, f.end) for f in ev["legal_basis"]]
    for field in ("status", "procedure", "nationality", "circumstances"):
        ev[field] = [f for f in ev[field] if not any(a <= f.start and f.end <= b for a, b in cited)]
    kind = re.search(r"判決|地裁|高裁|最高裁|court|judgment|ruling", text, re.I)
    ev["kind"] = [Found("kind", "court_judgment", kind.start(), kind.end(), kind.group())] if kind else []

    draft: dict[str, Any] = {"kind": ev["kind"][0].value if ev["kind"] else "decision"}
    if ev["date"]:
        draft["date"] = ev["date"][0].value
    statuses = list(dict.fromkeys(f.value for f in ev["status"]))
    if statuses:
        if len(statuses) > 1:
            draft["from_status"], draft["to_status"] = statuses[0], statuses[1]
        else:
            draft["to_status"] = statuses[0]
    if ev["procedure"]:
        draft["procedure"] = ev["procedure"][0].value
    if ev["nationality"]:
        draft["nationality"] = list(dict.fromkeys(f.value for f in ev["nationality"]))
    if ev["number_of_people"]:
        draft["number_of_people"] = ev["number_of_people"][0].value
    if ev["circumstances"]:
        draft["circumstances"] = list(dict.fromkeys(f.value for f in ev["circumstances"]))
    if ev["outcome"]:
        draft["outcome"] = ev["outcome"][0].value
    if ev["legal_basis"]:
        draft["legal_basis"] = "; ".join(dict.fromkeys(f.value for f in ev["legal_basis"]))
    return {"language": language_of(text), "draft": draft,
            "evidence": {k: [f.to_json() for f in v] for k, v in ev.items() if v},
            "missing": [f for f in ("id", "authority", "sources", "summary", "confidence") if f not in draft]}


__all__ = ["extract", "language_of"]
