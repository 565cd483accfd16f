"""A decision or a grant dated after today is refused (issue 13; docs/cases.md "Dates in the future"), and the
filed application's own record (its filing date, channel, receipt number, procedure, target) never changes when
it is decided."""

from __future__ import annotations

from datetime import date

import pytest

from zairyu.cases import db
from zairyu.cases import services as sv
from zairyu.errors import InvalidInputError

TODAY = date(2026, 11, 25)
ACT = sv.Actor("test")


@pytest.fixture
def engine(tmp_path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'z.db'}"
    e = db.get_engine(url)
    db.upgrade(e)
    yield e
    db.dispose_engine(url)


def _person(s, org_id: int) -> int:  # type: ignore[no-untyped-def]
    p = sv.add_person(s, org_id, {"family_name": "Future", "nationality": "RU"}, ACT)
    sv.add_stay(s, p.id, {"status": "temporary_visitor", "period": "P90D", "granted_on": date(2026, 10, 1),
                          "granted_by": "landing"}, ACT, TODAY)
    return p.id


def test_a_grant_dated_after_today_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with db.transaction(engine) as s:
        org = sv.create_organisation(s, "O", ACT)
        pid = _person(s, org.id)
    with pytest.raises(InvalidInputError) as err, db.transaction(engine) as s:
        sv.add_stay(s, pid, {"status": "student", "period": "P1Y", "granted_on": date(2026, 11, 26),
                             "granted_by": "change"}, ACT, TODAY)
    assert err.value.field == "granted_on"
    with db.transaction(engine) as s:  # today itself is accepted
        sv.add_stay(s, pid, {"status": "student", "period": "P1Y", "granted_on": TODAY, "granted_by": "change"},
                    ACT, TODAY)


def test_a_decision_dated_after_today_is_refused_and_the_filing_is_kept(engine) -> None:  # type: ignore[no-untyped-def]
    with db.transaction(engine) as s:
        org = sv.create_organisation(s, "O", ACT)
        pid = _person(s, org.id)
        a = sv.add_application(s, pid, {"procedure": "change_of_status", "target_status": "student"}, ACT, TODAY)
        sv.file_application(s, a.id, date(2026, 11, 2), ACT, TODAY, channel="online", receipt_number="R-1")
        aid = a.id
    with pytest.raises(InvalidInputError) as err, db.transaction(engine) as s:
        sv.decide_application(s, aid, "granted", date(2026, 12, 1), ACT, TODAY, new_period="P1Y")
    assert err.value.field == "decision_date"
    with db.transaction(engine) as s:
        app = sv.get_application(s, aid)
        assert app.stage == "filed" and app.decision is None
        assert sv.current_stay(s, pid).status == "temporary_visitor"  # nothing applied before its date
        sv.decide_application(s, aid, "granted", TODAY, ACT, TODAY, new_period="P1Y")
    with db.transaction(engine) as s:
        app = sv.get_application(s, aid)
        # the filing as it was recorded
        assert (app.procedure, app.target_status, app.filed_on, app.channel, app.receipt_number) == (
            "change_of_status", "student", date(2026, 11, 2), "online", "R-1")
        stays = sv.stays_of(s, pid)
        # the stay the application was filed from is unchanged; the grant is a new stay
        assert [(x.status, x.granted_on) for x in stays] == [("temporary_visitor", date(2026, 10, 1)),
                                                              ("student", TODAY)]
        assert stays[0].expires_on == date(2026, 12, 30)  # basis: 90 days from 2026-10-01 (Civil Code Art. 140)
        assert stays[0].application_id is None
