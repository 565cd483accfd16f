"""Views shared across an epoch must give exactly the law of each single date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zairyu.errors import InvalidInputError
from zairyu.law.catalogue import LawView, _change_points, catalogue
from zairyu.law.loader import packaged_law


def _content(view: LawView) -> dict[str, object]:
    return {
        "statuses": {s.code: s.to_json() for s in view.statuses},
        "fees": {f.procedure: (f.counter, f.online) for f in view.fees},
        "procedures": sorted(p.code for p in view.procedures),
        "measures": sorted(m.code for m in view.measures),
    }


def test_every_change_point_and_its_eve_match_a_fresh_view():
    law = packaged_law()
    days = set()
    for p in _change_points():
        days |= {p - timedelta(days=1), p}
    days = {d for d in days if date(2012, 7, 9) <= d <= date(2027, 12, 31)}
    assert len(days) > 20
    for d in sorted(days):
        shared = catalogue(d)
        assert shared.on == d
        assert _content(shared) == _content(LawView(law, d)), d


def test_dated_errors_name_the_asked_date():
    # nursing_care starts 2017-09-01; the view for 2017-08-15 shares its epoch with other days
    catalogue(date(2017, 8, 1))
    with pytest.raises(InvalidInputError, match="2017-08-15"):
        catalogue(date(2017, 8, 15)).status("nursing_care")
