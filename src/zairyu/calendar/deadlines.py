"""Every deadline a stay creates, each with its date, legal basis, explanation (ja, en) and trace.

``compute_deadlines(facts, on)`` is the one entry point (used by the CLI, the assessment, the case
manager and the web app). Deadline kinds are a public contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from datetime import date
from typing import Any

from zairyu.calendar.admin_days import ROLL_FORWARD_BASIS, closed_reason, next_open_day
from zairyu.calendar.periods import GrantKind, add_months_end_clamped, expiry
from zairyu.duration import Duration
from zairyu.facts import Facts
from zairyu.law.models import FactStatus, LegalBasis


@dataclass(frozen=True)
class Deadline:
    kind: str
    date: dt.date
    legal_basis: list[LegalBasis]
    explanation_ja: str
    explanation_en: str
    trace: list[str] = field(default_factory=list)
    filing_date: dt.date | None = None
    """For a filing deadline on a closed day: the next open day (the legal date does not move)."""
    fact_status: FactStatus = "law"
    risk: bool = False
    """True for a risk (revocation) rather than a hard deadline."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "date": self.date.isoformat(),
            "filing_date": self.filing_date.isoformat() if self.filing_date else None,
            "legal_basis": [b.model_dump(exclude_none=True) for b in self.legal_basis],
            "explanation": {"ja": self.explanation_ja, "en": self.explanation_en},
            "trace": list(self.trace),
            "fact_status": self.fact_status,
            "risk": self.risk,
        }


def stay_expiry(facts: Facts) -> tuple[date | None, list[str]]:
    """The expiry of the current stay: as given, else computed from grant date and period."""
    st = facts.stay
    if st is None:
        return None, []
    if st.expires_on:
        return st.expires_on, [f"expiry as given: {st.expires_on.isoformat()}"]
    if st.period and st.granted_on:
        kind: GrantKind = "extension" if st.granted_by == "extension" and st.previous_expires_on else (
            "change" if st.granted_by == "change" else "landing")
        start = st.previous_expires_on if kind == "extension" and st.previous_expires_on else st.granted_on
        res = expiry(start, Duration.parse(st.period, field="stay.period"), kind)
        return res.expires_on, res.trace
    return None, []


def filing_window(expires_on: date, period: Duration | None) -> tuple[date | None, date, list[str]]:
    """(earliest filing day or None = any time before expiry, last filing day, trace).

    ISA: on or before the expiry date; from about 3 months before expiry for periods of 6 months
    or more (Ordinance Art. 21(1); ISA extension page). The last filing day on a closed day moves to
    the next open day (Act on Holidays of Administrative Organs Art. 2; ISA practice).
    """
    trace: list[str] = []
    earliest: date | None = None
    if period is not None and period >= Duration(months=6):
        earliest = add_months_end_clamped(expires_on, -3)
        trace.append(f"period {period.iso()} ≥ 6 months: earliest about 3 months before expiry → {earliest}")
    last = next_open_day(expires_on)
    if last != expires_on:
        trace.append(f"expiry {expires_on} is closed ({closed_reason(expires_on)}): filing accepted on {last}")
    return earliest, last, trace


def compute_deadlines(facts: Facts, on: date) -> list[Deadline]:
    """All deadlines for one person's facts as of ``on``, sorted by date."""
    out: list[Deadline] = []
    exp, trace = stay_expiry(facts)
    if exp is not None and facts.stay is not None:
        period = Duration.parse(facts.stay.period) if facts.stay.period else None
        basis = [LegalBasis(law="ICRRA", provision="Art. 2-2(3)"), LegalBasis(law="Civil Code", provision="Art. 140"),
                 LegalBasis(law="Civil Code", provision="Art. 143")]
        out.append(Deadline("expiry_of_stay", exp, basis,
                            f"在留期間の満了日は{exp.isoformat()}です。",
                            f"The period of stay ends on {exp.isoformat()}.", trace, fact_status="practice"))
        earliest, last, wtrace = filing_window(exp, period)
        if earliest:
            out.append(Deadline("earliest_filing_day", earliest,
                                [LegalBasis(law="Ordinance", provision="Art. 21(1)")],
                                f"更新・変更申請は満了日の概ね3か月前（{earliest.isoformat()}）から受け付けられます。",
                                f"Extension or change applications are accepted from about 3 months before "
                                f"expiry ({earliest.isoformat()}).", wtrace, fact_status="isa"))
        out.append(Deadline("last_filing_day", exp,
                            [LegalBasis(law="Ordinance", provision="Art. 21(1)"), ROLL_FORWARD_BASIS],
                            f"更新・変更申請は満了日（{exp.isoformat()}）までに行う必要があります。",
                            f"File the extension or change application by the expiry date ({exp.isoformat()}).",
                            wtrace, filing_date=last, fact_status="law"))
    return sorted(out, key=lambda d: d.date)
