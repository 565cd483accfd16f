"""A person page never says a family link is missing when the reader only may not see it: the client Anna read
"No family links recorded." while the office had linked her to Maria Kuznetsova, whom a client may not see."""

from __future__ import annotations

from tests.web.conftest import TODAY, Office

from zairyu.cases import db
from zairyu.cases import services as sv


def test_a_hidden_relative_is_not_said_to_be_missing(fresh_office: Office) -> None:
    o = fresh_office
    with db.transaction(db.get_engine(o.settings.db_url)) as s:
        sv.link_family(s, o.ids["anna"], o.ids["maria"], "other", sv.Actor("test"), TODAY)
    mine = o.client("client").get(f"/people/{o.ids['anna']}?lang=en").text
    assert "Other family links are kept by the office." in mine and "No family links recorded." not in mine
    assert "KUZNETSOVA" not in mine.upper()  # the relative herself stays out of the client's sight
    staff = o.client("caseworker").get(f"/people/{o.ids['anna']}?lang=en").text
    assert "KUZNETSOVA" in staff.upper() and "kept by the office" not in staff
    alone = o.client("caseworker").get(f"/people/{o.ids['ivan']}?lang=en").text
    assert "No family links recorded." in alone
