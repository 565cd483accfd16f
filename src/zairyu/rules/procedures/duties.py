"""What a holder should know beyond the routes: duties and risks that come with the stay on the day assessed
(assessment notes). Each is read from the law data (rules.yaml) and the calendar, never decided here:

* a permanent resident from 2027-04-01: the new revocation grounds and the ex-officio change of status
  (Act No. 60 of 2024; law.md §5.2);
* a revoked status: the day to leave by (Art. 22-4(7); the calendar's ``departure_deadline``);
* the departure-preparation designation after a refusal (law.md §2.9, practice): leave by its expiry, what
  31 days still allow;
* a designation that has ended (the COVID-19 "unable to return" designation, law.md §12).
"""

from __future__ import annotations

from zairyu.calendar.deadlines import DEPARTURE_PREPARATION
from zairyu.messages import Messages
from zairyu.rules.context import Ctx
from zairyu.rules.texts import rule_text


def holder_notes(ctx: Ctx) -> list[Messages]:
    out: list[Messages] = []
    st = ctx.facts.stay
    if st is None:
        return out
    if st.status == "permanent_resident":
        grounds = ctx.law.rule("pr_revocation_new_grounds")
        if grounds is not None:
            k = ctx.conduct
            note = rule_text("note.pr_new_revocation_grounds", since=str(grounds.valid_from))
            unpaid = k.taxes_paid is False or k.pension_and_insurance_paid is False
            if unpaid:
                note += rule_text("note.pr_unpaid_risk")
            if k.criminal_record:
                note += rule_text("note.pr_sentence_risk")
            if ctx.law.rule("pr_ex_officio_change") is not None:
                note += rule_text("note.pr_ex_officio_change")
            out.append(note)
    dep = ctx.deadline("departure_deadline")
    if dep is not None and dep.topic == "revocation":
        out.append(rule_text("note.revoked_leave_by", until=dep.date.isoformat()))
    if st.status == "designated_activities" and st.designation is not None:
        if st.designation == DEPARTURE_PREPARATION and ctx.expires_on is not None:
            out.append(rule_text("note.departure_preparation", exp=ctx.expires_on.isoformat()))
        desig = ctx.law.designation(st.designation)
        if desig is not None and not desig.in_force(ctx.on) and desig.valid_to is not None and \
                desig.valid_to < ctx.on:
            out.append(rule_text("note.designation_ended", designation={"ja": desig.name_ja, "en": desig.name_en},
                                 until=desig.valid_to.isoformat()))
    return out
