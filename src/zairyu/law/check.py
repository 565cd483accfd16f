"""``zairyu law check``: validate the law files, list unverified and stale facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from zairyu.law.catalogue import parse_date
from zairyu.law.loader import DATA_DIR, load_dir
from zairyu.law.models import Cited, LawFiles


@dataclass
class CheckReport:
    files: int
    entries: int
    unverified: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    max_age_days: int = 365

    def render(self) -> str:
        lines = [f"OK: {self.files} law files, {self.entries} entries valid."]
        lines.append(f"Unverified facts ({len(self.unverified)}):")
        lines += [f"  - {u}" for u in self.unverified]
        lines.append(f"Facts last verified more than {self.max_age_days} days ago ({len(self.stale)}):")
        lines += [f"  - {s}" for s in self.stale]
        return "\n".join(lines)


def _walk(law: LawFiles) -> list[tuple[str, Cited]]:
    out: list[tuple[str, Cited]] = []
    for s in law.statuses:
        out.append((f"status {s.code}", s))
        out += [(f"status {s.code} periods from {p.valid_from or 'start'}", p) for p in s.periods]
    for f in law.fees:
        out += [(f"fee {f.procedure} from {v.valid_from or 'start'}", v) for v in f.versions]
    out += [(f"procedure {p.code}", p) for p in law.procedures]
    out += [(f"measure {m.code}", m) for m in law.measures]
    return out


def check_law(data_dir: Path | None = None, *, max_age_days: int = 365, today: str | None = None) -> CheckReport:
    """Raises LawDataError (exit 2 at the CLI) when any file is invalid."""
    d = data_dir or DATA_DIR
    law = load_dir(d)
    ref = parse_date(today, field="--today") if today else date.today()
    limit = ref - timedelta(days=max_age_days)
    items = _walk(law)
    report = CheckReport(files=len(list(d.glob("*.yaml"))), entries=len(items), max_age_days=max_age_days)
    for name, item in items:
        if item.fact_status == "unverified":
            report.unverified.append(f"{name}" + (f": {item.note}" if item.note else ""))
        newest = max(s.consulted for s in item.sources)
        if newest < limit:
            report.stale.append(f"{name} (last verified {newest.isoformat()})")
    return report
