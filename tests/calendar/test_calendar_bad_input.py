"""Bad input: impossible dates, periods the status does not allow, contradictory facts — a ZairyuError
naming the field, and exit status 2 on the command line with one line of explanation."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from zairyu.calendar.deadlines import compute_deadlines
from zairyu.errors import InvalidInputError, UnknownCodeError, ZairyuError
from zairyu.facts import Facts, parse_facts

D = date.fromisoformat


def error_of(facts: dict[str, Any], on: str = "2024-01-10") -> ZairyuError:
    with pytest.raises(ZairyuError) as exc:
        compute_deadlines(parse_facts(facts), D(on))
    return exc.value


# refused input, naming the field (docs/calendar.md): periods that Ordinance App. Table II as dated in the law data
# does not allow (law.md §1.2, §1.3), and facts that contradict each other
@pytest.mark.parametrize(("facts", "field", "words"), [
    ({"stay": {"status": "temporary_visitor", "period": "P1Y", "granted_on": "2023-11-01", "granted_by": "landing"}},
     "stay.period", "P90D, P30D, up to P15D in days"),
    ({"stay": {"status": "temporary_visitor", "period": "P1M", "granted_on": "2023-11-01", "granted_by": "landing"}},
     "stay.period", "does not allow"),
    # the fixed Student list before 2021-03-30 had no 1 year 10 months
    ({"stay": {"status": "student", "period": "P1Y10M", "granted_on": "2020-04-01", "granted_by": "landing"}},
     "stay.period", "P4Y3M"),
    # since 2021-03-30: any period up to 4 years 3 months, but not more
    ({"stay": {"status": "student", "period": "P4Y6M", "granted_on": "2023-04-01", "granted_by": "landing"}},
     "stay.period", "any period up to P4Y3M"),
    ({"stay": {"status": "student", "granted_on": "2023-04-01", "granted_by": "change", "expires_on": "2028-01-01"}},
     "stay.expires_on", "longest period"),
    ({"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-04-01", "granted_by": "extension"}},
     "stay.previous_expires_on", "old expiry"),
    ({"stay": {"status": "student", "granted_on": "2023-04-01", "expires_on": "2024-04-01",
               "previous_expires_on": "2024-05-01", "granted_by": "extension"}},
     "stay.expires_on", "not after the old expiry"),
    ({"person": {"birth_date": "2023-06-01"},
      "stay": {"status": "student", "period": "P1Y", "granted_on": "2023-04-01", "granted_by": "landing"}},
     "person.birth_date", "after stay.granted_on"),
    ({"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-04-01", "granted_by": "landing"},
      "pending_application": {"procedure": "extension_of_stay", "filed_on": "2024-03-01", "decided_on": "2024-02-01"}},
     "pending_application.decided_on", "before filed_on"),
    ({"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-04-01", "granted_by": "landing"},
      "departure": {"departed_on": "2023-08-01", "re_entry_permit_until": "2023-07-01"}},
     "departure.re_entry_permit_until", "before departed_on"),
])
def test_contradictions_and_disallowed_periods_name_the_field(facts: dict[str, Any], field: str, words: str) -> None:
    err = error_of(facts)
    assert isinstance(err, InvalidInputError)
    assert err.field == field
    assert words in err.one_line()


def test_an_unknown_status_is_named_with_suggestions() -> None:
    err = error_of({"stay": {"status": "studnet", "period": "P1Y", "granted_on": "2023-04-01",
                             "granted_by": "landing"}})
    assert isinstance(err, UnknownCodeError) and err.field == "stay.status" and "student" in err.suggestions


def test_expiry_before_grant_is_rejected_even_when_facts_are_built_in_code() -> None:
    stay = parse_facts({"stay": {"status": "student", "granted_on": "2023-04-01"}}).stay
    assert stay is not None
    bad = Facts.model_construct(stay=stay.model_copy(update={"expires_on": D("2023-01-01")}), events=[],
                                history=[], family=[])
    with pytest.raises(InvalidInputError) as exc:
        compute_deadlines(bad, D("2023-05-01"))
    assert exc.value.field == "stay.expires_on"


# refused input: one line naming the field, exit status 2 (docs/calendar.md)
@pytest.mark.parametrize(("doc", "needle"), [
    ({"stay": {"status": "student", "granted_on": "2023-02-30"}}, "stay.granted_on"),
    ({"stay": {"status": "student", "granted_on": "2023-04-01", "expires_on": "2023-01-01"}}, "expires_on"),
    ({"stay": {"status": "student", "period": "1 year"}}, "stay.period"),
])
def test_the_command_line_exits_2_with_one_line_naming_the_field(cli: Any, tmp_path: Path, doc: dict[str, Any],
                                                                   needle: str) -> None:
    f = tmp_path / "facts.json"
    f.write_text(json.dumps(doc))
    res = cli("deadlines", str(f), "--on", "2024-01-10", "--json")
    assert res.exit_code == 2, res.output
    assert needle in res.stderr and len(res.stderr.strip().splitlines()) == 1


# refused input of `zairyu expiry` (docs/calendar.md); Temporary Visitor's periods: Ordinance App. Table II, law.md §1.2
@pytest.mark.parametrize(("args", "needle"), [
    (["--from", "2023-02-30", "--period", "P90D"], "--from: '2023-02-30' is not a valid date"),
    (["--from", "2023-02-01", "--period", "90 days"], "--period"),
    (["--from", "2023-02-01", "--period", "P90D", "--kind", "renewal"], "--kind"),
    (["--from", "2023-02-01", "--period", "P1Y", "--status", "temporary_visitor"], "does not allow a period of P1Y"),
])
def test_expiry_command_bad_input(cli: Any, args: list[str], needle: str) -> None:
    res = cli("expiry", *args)
    assert res.exit_code == 2
    assert needle in res.stderr


def test_disallowed_period_in_a_facts_file_exits_2(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "tv.json"
    f.write_text(json.dumps({"stay": {"status": "temporary_visitor", "period": "P6M", "granted_on": "2023-11-01",
                                      "granted_by": "landing"}}))
    res = cli("deadlines", str(f), "--on", "2024-01-10")
    assert res.exit_code == 2
    assert "stay.period" in res.stderr and "does not allow" in res.stderr


# refused options of `zairyu deadlines` (docs/calendar.md: the covered dates and languages)
@pytest.mark.parametrize(("args", "needle"), [
    (["--on", "2023-02-30"], "--on: '2023-02-30' is not a valid date"),
    (["--on", "2040-01-01"], "outside the dates the law data covers"),
    (["--lang", "fr"], "--lang"),
])
def test_deadlines_command_bad_options(cli: Any, tmp_path: Path, args: list[str], needle: str) -> None:
    f = tmp_path / "ok.json"
    f.write_text(json.dumps({"stay": {"status": "student", "period": "P1Y", "granted_on": "2023-04-01",
                                      "granted_by": "landing"}}))
    res = cli("deadlines", str(f), *args)
    assert res.exit_code == 2 and needle in res.stderr


def test_missing_or_broken_facts_file_exits_2(cli: Any, tmp_path: Path) -> None:
    res = cli("deadlines", str(tmp_path / "none.json"), "--on", "2024-01-10")
    assert res.exit_code == 2 and "cannot read facts file" in res.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{\"stay\": ")
    res = cli("deadlines", str(broken), "--on", "2024-01-10")
    assert res.exit_code == 2 and "not valid JSON" in res.stderr
