"""Who handles a case (issue 13): a person's and an application's assignee, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.errors import InvalidInputError, ZairyuError

from .conftest import ACTOR, ON, DBHandle


def _office(tdb: DBHandle) -> dict[str, int]:
    with db.transaction(tdb.engine) as s:
        org = sv.create_organisation(s, "Office", ACTOR).id
        other = sv.create_organisation(s, "Other office", ACTOR).id
        ids = {"org": org,
               "ken": sv.add_user(s, org, email="ken@example.org", display_name="Ken", role="caseworker",
                                  actor=ACTOR).id,
               "sup": sv.add_user(s, org, email="sup@example.org", display_name="Sup", role="supporter",
                                  actor=ACTOR).id,
               "stranger": sv.add_user(s, other, email="x@example.org", display_name="X", role="caseworker",
                                       actor=ACTOR).id,
               "anna": sv.add_person(s, org, {"family_name": "Sokolova", "nationality": "RU"}, ACTOR).id,
               "ivan": sv.add_person(s, org, {"family_name": "Petrov", "nationality": "RU"}, ACTOR).id}
        ids["client"] = sv.add_user(s, org, email="anna@example.org", display_name="Anna", role="client",
                                    actor=ACTOR, person_id=ids["anna"]).id
        ids["app"] = sv.add_application(s, ids["anna"], {"procedure": "change_of_status",
                                                         "target_status": "student"}, ACTOR, ON).id
    return ids


def test_assigning_a_person_and_an_application_is_recorded(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with db.transaction(tdb.engine) as s:
        sv.assign_person(s, ids["anna"], ids["ken"], ACTOR, organisation_id=ids["org"])
    with db.transaction(tdb.engine) as s:
        app = sv.get_application(s, ids["app"])
        assert sv.application_assignee(s, app) == ids["ken"]  # the person's assignee handles it
        sv.assign_application(s, ids["app"], ids["sup"], ACTOR, organisation_id=ids["org"])
    with db.transaction(tdb.engine) as s:
        app = sv.get_application(s, ids["app"])
        assert sv.application_assignee(s, app) == ids["sup"]
        changes = [e.after.get("assignee_id") for e in sv.timeline_of(s, ids["anna"])
                   if e.action == "update" and e.after]
        assert ids["ken"] in changes and ids["sup"] in changes
        assert [u.display_name for u in sv.assignable_users(s, ids["org"])] == ["Ken", "Sup"]


@pytest.mark.parametrize("who", ["stranger", "client"])
def test_only_the_offices_staff_can_be_assigned(tdb: DBHandle, who: str) -> None:
    ids = _office(tdb)
    with pytest.raises(InvalidInputError) as e, db.transaction(tdb.engine) as s:
        sv.assign_person(s, ids["anna"], ids[who], ACTOR, organisation_id=ids["org"])
    assert e.value.field == "assignee_id"
    with db.transaction(tdb.engine) as s:
        assert sv.get_person(s, ids["anna"]).assignee_id is None


def test_bulk_assignment_is_all_or_nothing(tdb: DBHandle) -> None:
    ids = _office(tdb)
    with pytest.raises(ZairyuError), db.transaction(tdb.engine) as s:
        sv.assign_people(s, [ids["anna"], 999_999], ids["ken"], ACTOR, organisation_id=ids["org"])
    with db.transaction(tdb.engine) as s:
        assert s.get(m.Person, ids["anna"]).assignee_id is None  # type: ignore[union-attr]
        sv.assign_people(s, [ids["anna"], ids["ivan"]], ids["ken"], ACTOR, organisation_id=ids["org"])
    with db.transaction(tdb.engine) as s:
        assert {p.assignee_id for p in sv.list_people(s, ids["org"])} == {ids["ken"]}
