"""Legal citations in the reader's language. Japanese numbering of statutes: 条 (article), の (branch
article, 19-16 → 第19条の16), 項 (paragraph), 号 (item, roman numerals in the English form), イロハ (sub-item),
ただし書 (proviso), 附則 (supplementary provisions), 別表第一の五 (Appended Table I-5) — as e-Gov writes the
Immigration Control and Refugee Recognition Act (入管法)."""

from __future__ import annotations

import pytest

from zairyu.law.models import LegalBasis
from zairyu.messages.citation import cite, cite_all

CASES = [
    ("ICRRA", "Art. 20(3)", "入管法第20条第3項", "ICRRA Art. 20(3)", "Закон об иммиграционном контроле, ст. 20(3)",
     "Закон про імміграційний контроль, ст. 20(3)"),
    ("ICRRA", "Art. 22-4(1)(vii)", "入管法第22条の4第1項第7号", "ICRRA Art. 22-4(1)(vii)", None, None),
    ("ICRRA", "Art. 19-16(iii)", "入管法第19条の16第3号", "ICRRA Art. 19-16(iii)", None, None),
    ("ICRRA", "Art. 61-2-3", "入管法第61条の2の3", "ICRRA Art. 61-2-3", None, None),
    ("ICRRA", "Art. 24(iv)(b)", "入管法第24条第4号ロ", "ICRRA Art. 24(iv)(b)", None, None),
    ("ICRRA", "Art. 2(iii-2)", "入管法第2条第3号の2", "ICRRA Art. 2(iii-2)", None, None),
    ("ICRRA", "Art. 22(2) proviso", "入管法第22条第2項ただし書", "ICRRA Art. 22(2) proviso",
     "Закон об иммиграционном контроле, ст. 22(2), оговорка",
     "Закон про імміграційний контроль, ст. 22(2), застереження"),
    ("ICRRA", "App. Table I-2", "入管法別表第一の二", "ICRRA App. Table I-2", None, None),
    ("ICRRA", "App. Table II", "入管法別表第二", "ICRRA App. Table II", None, None),
    ("Ordinance", "Art. 3", "入管法施行規則第3条", "Ordinance Art. 3", None, None),
    ("Civil Code", "Art. 140", "民法第140条", "Civil Code Art. 140", "Гражданский кодекс, ст. 140",
     "Цивільний кодекс, ст. 140"),
    ("Act No. 56 of 2023", "Suppl. Art. 1(i)", "令和5年法律第56号附則第1条第1号", "Act No. 56 of 2023 Suppl. Art. 1(i)",
     None, None),
    ("ISA", "Guidelines on Permanent Residence Permission", "出入国在留管理庁「永住許可に関するガイドライン」",
     "ISA Guidelines on Permanent Residence Permission",
     "Агентство иммиграционных услуг, «Руководство по разрешению на постоянное проживание»", None),
]


@pytest.mark.parametrize(("law", "provision", "ja", "en", "ru", "uk"), CASES)
def test_a_provision_in_each_language(law: str, provision: str, ja: str, en: str, ru: str | None,
                                      uk: str | None) -> None:
    basis = LegalBasis(law=law, provision=provision)
    assert cite(basis, "ja") == ja
    assert cite(basis, "en") == en  # the English form is the data's own
    if ru:
        assert cite(basis, "ru") == ru
    if uk:
        assert cite(basis, "uk") == uk


def test_a_proviso_named_in_the_note_and_lists() -> None:
    bases = [LegalBasis(law="ICRRA", provision="Art. 20(3)", note="proviso: special unavoidable circumstances"),
             LegalBasis(law="ICRRA", provision="Art. 20(6)"), LegalBasis(law="ICRRA", provision="Art. 20(6)")]
    assert cite_all(bases, "ja") == "入管法第20条第3項ただし書、入管法第20条第6項"  # each once
    assert cite_all(bases, "en") == "ICRRA Art. 20(3) proviso; ICRRA Art. 20(6)"
    assert cite_all([{"law": "ICRRA", "provision": "Art. 20(6)"}], "uk") == (
        "Закон про імміграційний контроль, ст. 20(6)")


def test_the_pages_cite_in_the_readers_language() -> None:
    from datetime import date

    from zairyu.calendar.deadlines import compute_deadlines
    from zairyu.facts import parse_facts
    facts = parse_facts({"stay": {"status": "student", "period": "P1Y", "granted_on": "2026-05-03",
                                  "granted_by": "landing"}})
    last = next(d for d in compute_deadlines(facts, date(2026, 12, 4)) if d.kind == "expiry_of_stay")
    # the period of stay (ICRRA Art. 2-2(3)) counted by the Civil Code (Arts. 140, 143)
    assert last.provisions("ja") == "入管法第2条の2第3項、民法第140条、民法第143条"
    assert last.provisions("en") == "ICRRA Art. 2-2(3); Civil Code Art. 140; Civil Code Art. 143"
