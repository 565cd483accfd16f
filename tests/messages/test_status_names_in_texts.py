"""A status named inside a sentence is named as the glossary names it (one name, one place): the Russian and
Ukrainian texts called Temporary Visitor «Временный посетитель» / «Тимчасовий відвідувач» in two sentences and
«Краткосрочное пребывание» / «Короткострокове перебування» everywhere else, Business Manager «Управление бизнесом»,
Long-Term Resident «Долгосрочный резидент», Designated Activities «назначенная деятельность» / «Особлива
діяльність». A capitalised «…» in a catalogue or in the law data's translations must be a status's name in that
language, or one of the few inflected forms below (a name in the genitive case)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from zairyu.messages import catalogue

ROOT = Path(__file__).resolve().parents[2]
INFLECTED = {
    "ru": {"Особой деятельности", "Особо квалифицированного работника (i)", "Особо квалифицированного работника",
           "Высококвалифицированный специалист (i)"},  # the genitive; (i): HSP (i)(a)–(c) together
    "uk": {"Визначеної діяльності", "Особливо кваліфікованого працівника (i)", "Особливо кваліфікованого працівника",
           "Висококваліфікований фахівець (i)"},
}


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_a_status_in_a_sentence_has_its_one_name(lang: str) -> None:
    cat = catalogue(lang)
    names = {v for k, v in cat.items() if k.startswith(("status.", "status_group."))} | INFLECTED[lang]
    measures = yaml.safe_load((ROOT / "src/zairyu/law/data/measures.yaml").read_text(encoding="utf-8"))["measures"]
    texts = [*cat.values(), *(m[f"summary_{lang}"] for m in measures if m.get(f"summary_{lang}"))]
    quoted = {q for t in texts for q in re.findall(r"«([^»{]*)»", t) if q[:1].isupper()}
    assert quoted - names == set()
