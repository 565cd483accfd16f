"""Bad input at the law commands: one line naming what and where, exit status 2."""

from __future__ import annotations


def test_unknown_code_suggests_closest(cli):
    res = cli("status", "studnt", "--on", "2026-01-01")
    assert res.exit_code == 2
    assert "unknown status code 'studnt'" in res.stderr
    assert "student" in res.stderr
    assert "Traceback" not in res.output


def test_malformed_date_names_the_option(cli):
    res = cli("statuses", "--on", "2026-02-30")
    assert res.exit_code == 2
    assert "--on" in res.stderr and "2026-02-30" in res.stderr


def test_date_outside_covered_range(cli):
    res = cli("statuses", "--on", "2011-01-01")
    assert res.exit_code == 2
    assert "2012-07-09 to 2027-12-31" in res.stderr
