"""Legal citations in the reader's language: ``ICRRA Art. 20(3)`` is 入管法第20条第3項 in Japanese and
"Закон об иммиграционном контроле, ст. 20(3)" in Russian.

A provision is kept in the data in one international form (``Art. 19-16(iii)``, ``Art. 22(2) proviso``,
``Suppl. Art. 1(i)``, ``App. Table I-5``); :func:`cite` writes it for a language. Law names come from the
catalogues (``law.ICRRA``); the parts of a provision from their ``citation.*`` templates; a catalogue with
``citation.style: ja`` writes provisions as Japanese statutes number them (第19条の16第3号, 別表第一の五,
附則第1条第1号, ただし書). A provision in no known form (a guideline's name) is written as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from zairyu.messages import FALLBACK, catalogue

__all__ = ["cite", "cite_all", "parse_provision"]


class Basis(Protocol):
    @property
    def law(self) -> str: ...

    @property
    def provision(self) -> str: ...


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラム"
_KANJI = "〇一二三四五六七八九"
_ARTICLE = re.compile(
    r"^(?P<suppl>Suppl\. )?Art\. (?P<num>\d+(?:-\d+)*)"
    r"(?P<paras>(?:\(\d+\))*)"
    r"(?:\((?P<item>[ivx]+)(?:-(?P<item_branch>\d+))?\))?"
    r"(?:\((?P<sub>[a-z])\))?"
    r"(?P<proviso> proviso)?$")
_TABLE = re.compile(r"^App\. Table (?P<table>I|II)(?:-(?P<part>\d))?$")


@dataclass(frozen=True, slots=True)
class Provision:
    """A provision's parts: article 19-16, paragraphs (1,), item 3 (iii), sub-item b, proviso; or a table."""

    article: tuple[int, ...] = ()
    paragraphs: tuple[int, ...] = ()
    item: int | None = None
    item_branch: int | None = None
    sub_item: str | None = None
    proviso: bool = False
    supplementary: bool = False
    table: str | None = None
    table_part: int | None = None
    raw: str = ""


@cache
def parse_provision(text: str) -> Provision | None:
    """The parts of ``Art. 22(2)(i)``, ``Art. 2(iii-2)``, ``Art. 24(iv)(b)``, ``Suppl. Art. 1(i)``,
    ``App. Table I-5``; None for a provision in no known form."""
    if m := _ARTICLE.match(text):
        return Provision(
            article=tuple(int(x) for x in m["num"].split("-")),
            paragraphs=tuple(int(p) for p in re.findall(r"\((\d+)\)", m["paras"])),
            item=_ROMAN.get(m["item"]) if m["item"] else None,
            item_branch=int(m["item_branch"]) if m["item_branch"] else None,
            sub_item=m["sub"], proviso=bool(m["proviso"]), supplementary=bool(m["suppl"]), raw=text)
    if m := _TABLE.match(text):
        return Provision(table=m["table"], table_part=int(m["part"]) if m["part"] else None, raw=text)
    return None


def _t(lang: str, key: str) -> str:
    return catalogue(lang).get(key) or catalogue(FALLBACK)[key]


def _japanese(p: Provision) -> str:
    if p.table is not None:
        return "別表第一" + (f"の{_KANJI[p.table_part]}" if p.table_part else "") if p.table == "I" else "別表第二"
    first, *branches = p.article
    text = ("附則" if p.supplementary else "") + f"第{first}条" + "".join(f"の{b}" for b in branches)
    text += "".join(f"第{n}項" for n in p.paragraphs)
    if p.item is not None:
        text += f"第{p.item}号" + (f"の{p.item_branch}" if p.item_branch else "")
    if p.sub_item is not None:
        text += _IROHA[ord(p.sub_item) - ord("a")]
    return text + ("ただし書" if p.proviso else "")


def _international(p: Provision, lang: str) -> str:
    if p.table is not None:
        return _t(lang, "citation.table").format(ref=p.raw.removeprefix("App. Table "))
    ref = p.raw.removeprefix("Suppl. ").removeprefix("Art. ").removesuffix(" proviso")
    text = _t(lang, "citation.suppl_article" if p.supplementary else "citation.article").format(ref=ref)
    return _t(lang, "citation.proviso").format(provision=text) if p.proviso else text


def cite(basis: Basis | Mapping[str, Any], lang: str) -> str:
    """One provision with its law (a LegalBasis, or its JSON), as a reader of ``lang`` writes it."""
    if isinstance(basis, Mapping):
        law, provision, note = str(basis["law"]), str(basis["provision"]), basis.get("note")
    else:
        law, provision, note = basis.law, basis.provision, getattr(basis, "note", None)
    if (note or "").startswith("proviso") and not provision.endswith("proviso"):
        provision += " proviso"  # the data's way of naming a proviso (ICRRA Art. 20(3), note "proviso: …")
    return _cite(law, provision, lang)


@cache
def _cite(law: str, provision: str, lang: str) -> str:
    name = catalogue(lang).get(f"law.{law}") or catalogue(FALLBACK).get(f"law.{law}") or law
    p = parse_provision(provision)
    if p is None:  # a guideline's name: the catalogue's words for it, or as given
        written = _t(lang, "citation.named").format(name=catalogue(lang).get(f"provision.{provision}") or provision)
    elif catalogue(lang).get("citation.style") == "ja":
        written = _japanese(p)
    else:
        written = _international(p, lang)
    return _t(lang, "citation.format").format(law=name, provision=written)


def cite_all(bases: Iterable[Basis | Mapping[str, Any]], lang: str, sep: str | None = None) -> str:
    """Several provisions, each once, joined as the language lists them (；in Japanese, "; " otherwise)."""
    out: list[str] = []
    for b in bases:
        text = cite(b, lang)
        if text not in out:
            out.append(text)
    return (sep if sep is not None else _t(lang, "citation.separator")).join(out)
