"""Runs every scenario in ``scenarios/*.yaml`` — the assessment's specification, readable by a jurist.

A scenario gives a name, its ``basis`` (where its expected values come from: the provision, or the
practitioner/ISA source with its date, usually through the section of law.md that records it — and says so where
a value rests on an unverified reading), an as-of ``date``, the person's ``facts`` (or a ``facts_file`` under the
repository) plus optional ``facts_patch`` merged over it, and ``expect``:

* ``options``: each names an option by ``key`` (``procedure[:variant][:target_status]``) and may state its
  ``verdict``, ``provisions`` (each must appear in the option's or its requirements' legal basis),
  ``requirements`` ({id: met|unmet|unknown}), ``missing_facts`` (must be among them), ``earliest_filing_day``,
  ``file_by``, ``eligible_from``, ``fee`` ({counter, online}), ``measure``, ``pending`` (sub-dict to match),
  ``documents`` (ids that must be listed), ``fact_status`` ({requirement or factor id: status}),
  ``factors`` ({discretionary factor id: met|unmet|unknown}), ``not_missing_facts`` (must not be among the
  missing facts: a fact that could change nothing is not asked);
* ``absent``: option keys that must not be offered;
* ``deadlines``: [{kind, date}] that must be among the person's deadlines.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from zairyu.facts import parse_facts
from zairyu.rules import assess

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SCENARIOS = sorted((HERE / "scenarios").glob("*.yaml"))


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in patch.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load(path: Path) -> dict[str, Any]:
    sc = yaml.safe_load(path.read_text(encoding="utf-8"))
    facts = sc.get("facts") or {}
    if "facts_file" in sc:
        facts = _merge(json.loads((ROOT / sc["facts_file"]).read_text(encoding="utf-8")), facts)
    sc["facts"] = _merge(facts, sc.get("facts_patch") or {})
    return sc


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def _provisions(opt: dict[str, Any]) -> set[str]:
    bases = list(opt["legal_basis"])
    for r in opt["requirements"] + opt["discretionary_factors"]:
        bases += r["legal_basis"]
    return {f"{b['law']} {b['provision']}" for b in bases} | {
        f"{b['law']} {b['provision']} proviso" for b in bases if b.get("note", "").startswith("proviso")}


def test_there_are_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 40


PROVISION = re.compile(r"\bArts?\. \d|\bArt\. \d|Ordinance|Civil Code|Act No\. \d|Special Act|[Gg]uideline")
SOURCE = re.compile(r"law\.md §\d|\b[a-z0-9-]+\.(?:com|jp|net|org|biz|info|support|tokyo|site|cloud)\b|Kyodo News")


def basis_problems(sc: dict[str, Any]) -> list[str]:
    """What is wrong with a scenario's ``basis:`` (empty when it states where its expected values come from)."""
    basis = sc.get("basis")
    if not isinstance(basis, str) or not basis.strip():
        return ["no basis: state the provision, or the practitioner/ISA source with its date, of the expected values"]
    problems = []
    if not (PROVISION.search(basis) or SOURCE.search(basis)):
        problems.append(f"basis names neither a provision nor a source: {basis!r}")
    expects_unverified = "unverified" in json.dumps(sc.get("expect"), default=str)
    if expects_unverified and "unverified" not in basis:
        problems.append("the expected values rest on an unverified reading: the basis must say so")
    return problems


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_states_its_basis(path: Path) -> None:
    """Issue 11: every scenario states where its expected values come from."""
    assert basis_problems(load(path)) == [], path.name


@pytest.mark.parametrize("basis,problem", [
    (None, "no basis"),
    ("   ", "no basis"),
    ("because it is so", "names neither a provision nor a source"),
])
def test_a_scenario_without_a_basis_is_refused(basis: str | None, problem: str) -> None:
    sc = {"name": "x", "date": "2025-01-01", "facts": {}, "expect": {}}
    if basis is not None:
        sc["basis"] = basis
    assert any(problem in p for p in basis_problems(sc))
    sc["expect"] = {"options": [{"key": "k", "fact_status": {"r": "unverified"}}]}
    sc["basis"] = "ICRRA Art. 20(6) (law.md §2.9)"
    assert basis_problems(sc) == ["the expected values rest on an unverified reading: the basis must say so"]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path) -> None:
    sc = load(path)
    on = sc["date"] if isinstance(sc["date"], date) else date.fromisoformat(sc["date"])
    result = assess(parse_facts(sc["facts"]), on).to_json()
    opts = {}
    for o in result["options"]:
        key = ":".join(x for x in (o["procedure"], o["variant"], o["target_status"]) if x)
        opts[key] = o
    exp = sc["expect"]
    for e in exp.get("options", []):
        key = e["key"]
        assert key in opts, f"{sc['name']}: option {key} not offered (offered: {sorted(opts)})"
        o = opts[key]
        where = f"{sc['name']} / {key}"
        if "verdict" in e:
            assert o["verdict"] == e["verdict"], f"{where}: verdict {o['verdict']}; {o['explanation']['en']}"
        for p in e.get("provisions", []):
            assert p in _provisions(o), f"{where}: provision {p} missing from {sorted(_provisions(o))}"
        reqs = {r["id"]: r for r in o["requirements"]}
        for rid, res in (e.get("requirements") or {}).items():
            assert rid in reqs, f"{where}: requirement {rid} missing ({sorted(reqs)})"
            assert reqs[rid]["result"] == res, f"{where}: {rid} is {reqs[rid]['result']}, expected {res}"
        factors = {r["id"]: r for r in o["discretionary_factors"]}
        for rid, res in (e.get("factors") or {}).items():
            assert rid in factors, f"{where}: factor {rid} missing ({sorted(factors)})"
            assert factors[rid]["result"] == res, f"{where}: factor {rid} is {factors[rid]['result']}, expected {res}"
        for rid, fs in (e.get("fact_status") or {}).items():
            r = reqs.get(rid) or factors[rid]
            assert r["fact_status"] == fs, f"{where}: {rid} fact_status {r['fact_status']}"
        for f in e.get("missing_facts", []):
            assert f in o["missing_facts"], f"{where}: {f} not among missing facts {o['missing_facts']}"
        for f in e.get("not_missing_facts", []):
            assert f not in o["missing_facts"], f"{where}: {f} should not be asked ({o['missing_facts']})"
        for field in ("earliest_filing_day", "file_by", "eligible_from", "measure"):
            if field in e:
                assert o[field] == _iso(e[field]), f"{where}: {field} {o[field]}, expected {e[field]}"
        if "fee" in e:
            got = {k: o["fee"].get(k) for k in e["fee"]}
            assert got == e["fee"], f"{where}: fee {o['fee']}"
        if "pending" in e:
            assert o["pending"] is not None, f"{where}: not shown as pending"
            for k, v in e["pending"].items():
                assert o["pending"].get(k) == _iso(v), f"{where}: pending.{k} {o['pending'].get(k)}, expected {v}"
        doc_ids = {d["id"] for d in o["documents"]}
        for d in e.get("documents", []):
            assert d in doc_ids, f"{where}: document {d} not listed ({sorted(doc_ids)})"
    for key in exp.get("absent", []):
        assert key not in opts, f"{sc['name']}: option {key} should not be offered ({opts[key]['explanation']['en']})"
    kinds = [(d["kind"], d["date"]) for d in result["deadlines"]]
    for d in exp.get("deadlines", []):
        assert (d["kind"], _iso(d["date"])) in kinds, f"{sc['name']}: deadline {d} not among {kinds}"
