"""``zairyu demo``: a realistic synthetic office, dated relative to the day it is created so that the
agenda is lively. Every person is invented. Among them is the motivating case (law.md §7): two Russian
women who came as Temporary Visitors and are changing to Student — shown here at the moment that
matters (one application filed and under examination, the other prepared but not yet filed).

The demo goes through the same service functions as any user, so the timeline and the derived
deadlines are real. It refuses to run twice on the same database.

Demo and production apart (docs/security.md): the demo is only ever created in a database that holds no office
yet, which is then marked as a demo database (``zairyu_meta``: ``demo`` = ``yes``); only there do the demo
accounts get their published password (``zairyu users demo-logins``). ``scripts/run.sh`` keeps the demo in a
database file of its own, and ``zairyu serve`` refuses to listen beyond this machine while any account has the
published password.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zairyu.calendar.periods import add_months_end_clamped
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.duration import Duration
from zairyu.errors import ZairyuError
from zairyu.law.catalogue import catalogue

DEMO_OFFICE = "Sakura Immigration Office (demo)"
DEMO_PASSWORD = "zairyu-demo"
"""The demo accounts' password, published in the README: never valid on a server others can reach."""


def is_demo_database(s: Session) -> bool:
    """Whether ``zairyu demo`` made this database for the demo (migration 0013)."""
    return s.scalar(select(m.Meta.value).where(m.Meta.key == "demo")) == "yes"


def published_password_accounts(s: Session) -> list[str]:
    """The e-mail addresses of the active accounts whose password is the published demo password."""
    return [u.email for u in s.scalars(select(m.User).where(m.User.password_hash.is_not(None),
                                                            m.User.active.is_(True)).order_by(m.User.id))
            if u.password_hash and sv.verify_password(u.password_hash, DEMO_PASSWORD)]


@dataclass
class S:
    """A grant: ``status`` for ``period``, granted ``ago`` days before the demo date (or so that it
    expires ``expires_in`` days after it)."""

    status: str
    period: str | None
    ago: int | None = None
    expires_in: int | None = None
    by: str = "landing"
    designation: str | None = None
    card: str | None = None


@dataclass
class A:
    procedure: str
    target: str | None
    stage: str
    filed_ago: int | None = None
    channel: str = "counter"
    decision: str | None = None
    decided_ago: int | None = None
    new_period: str | None = None


@dataclass
class P:
    key: str
    family: str
    given: str
    nat: str
    born: str
    kana: tuple[str, str] | None = None
    kanji: tuple[str, str] | None = None
    sex: str | None = None
    lang: str | None = None
    in_japan_born: bool | None = None
    stays: list[S] = field(default_factory=list)
    apps: list[A] = field(default_factory=list)
    events: list[tuple[str, int, int | None, str | None]] = field(default_factory=list)
    note: str | None = None


def _people() -> list[P]:
    return [
        # --- the motivating case (law.md §7), dated relative to today
        P("sokolova", "Sokolova", "Anna", "RU", "2000-03-14", ("ソコロワ", "アンナ"), sex="female", lang="ru",
          stays=[S("temporary_visitor", "P90D", ago=170), S("temporary_visitor", "P90D", ago=85, by="extension")],
          apps=[A("extension_of_stay", "temporary_visitor", "decided", 95, decision="granted", decided_ago=85,
                  new_period="P90D"),
                A("change_of_status", "student", "under_examination", 6)],
          note="Came after the September 2022 mobilisation order; fears being called up. Vocational school in "
               "Chiba has admitted her (Japanese course). Change from Temporary Visitor needs special "
               "unavoidable circumstances (ICRRA Art. 20(3) proviso)."),
        P("kuznetsova", "Kuznetsova", "Maria", "RU", "1999-08-02", ("クズネツォワ", "マリア"), sex="female", lang="ru",
          stays=[S("temporary_visitor", "P90D", ago=170), S("temporary_visitor", "P90D", ago=85, by="extension")],
          apps=[A("extension_of_stay", "temporary_visitor", "decided", 95, decision="granted", decided_ago=85,
                  new_period="P90D"),
                A("change_of_status", "student", "prepared")],
          note="Friend of Anna Sokolova; same school. Application prepared, not yet filed."),
        # --- engineers and their families
        P("nguyen", "Nguyen", "Van An", "VN", "1992-05-20", ("グエン", "ヴァン アン"), sex="male", lang="en",
          stays=[S("engineer_humanities_intl", "P1Y", expires_in=25, card="VN12345678AB")],
          events=[("left_organization", 7, None, "Left Tokyo Soft KK; new employer from next month")]),
        P("pham", "Pham", "Thi Lan", "VN", "1994-11-02", ("ファム", "ティ ラン"), sex="female",
          stays=[S("dependent", "P1Y", expires_in=25)]),
        P("nguyen_baby", "Nguyen", "Minh", "VN", "", ("グエン", "ミン"), in_japan_born=True,
          events=[("birth", 10, None, "Born in Setagaya; acquisition of status needed")]),
        P("li", "Li", "Wei", "CN", "1988-01-30", kanji=("李", "偉"), sex="male",
          stays=[S("engineer_humanities_intl", "P3Y", expires_in=200, card="CN20240101ZZ")]),
        P("zhang", "Zhang", "Min", "CN", "1990-07-07", kanji=("張", "敏"), sex="female",
          stays=[S("dependent", "P3Y", expires_in=200)]),
        P("li_child", "Li", "Xiaoming", "CN", "2019-04-04", kanji=("李", "小明"),
          stays=[S("dependent", "P3Y", expires_in=200)]),
        P("patel", "Patel", "Raj", "IN", "1987-12-12", sex="male", lang="en",
          stays=[S("engineer_humanities_intl", "P1Y", expires_in=14)],
          apps=[A("extension_of_stay", "engineer_humanities_intl", "under_examination", 10, channel="online")]),
        P("kim", "Kim", "Minji", "KR", "1991-02-17", kanji=("金", "珉智"), sex="female",
          stays=[S("engineer_humanities_intl", "P5Y", expires_in=700)],
          events=[("departed", 20, 345, "Visiting family in Busan; left on a special re-entry permit")]),
        P("smith", "Smith", "Oliver", "GB", "1985-06-01", sex="male", lang="en",
          stays=[S("hsp_1b", "P5Y", expires_in=45)],
          apps=[A("permanent_residence", "permanent_resident", "draft")]),
        P("garcia", "Garcia", "Lucia", "ES", "1993-09-09", sex="female", lang="en",
          stays=[S("instructor", "P1Y", expires_in=75)]),
        # --- students
        P("tran", "Tran", "Thi Mai", "VN", "2003-03-03", ("チャン", "ティ マイ"), sex="female",
          stays=[S("student", "P1Y3M", expires_in=40)]),
        P("chen", "Chen", "Hao", "CN", "2002-10-10", kanji=("陳", "浩"), sex="male",
          stays=[S("student", "P2Y", expires_in=3)]),
        P("gurung", "Gurung", "Bishal", "NP", "2001-01-15", ("グルン", "ビシャル"), sex="male", lang="en",
          stays=[S("student", "P1Y3M", expires_in=20)],
          events=[("moved", 5, None, "Moved from Shinjuku to Kawasaki")]),
        P("perera", "Perera", "Nimal", "LK", "2000-12-24", sex="male", lang="en",
          stays=[S("student", "P1Y", expires_in=110)]),
        P("bui", "Bui", "Duc", "VN", "2002-02-02", sex="male",
          stays=[S("student", "P1Y3M", expires_in=-12)],
          apps=[A("extension_of_stay", "student", "decided", 40, decision="denied", decided_ago=12)],
          note="Extension denied (attendance). Discussing departure or a new school."),
        # --- spouses and Table II
        P("tanaka", "Tanaka", "Hiroshi", "JP", "1980-04-01", ("タナカ", "ヒロシ"), ("田中", "博"), sex="male",
          lang="ja"),
        P("santos", "Santos", "Maria", "PH", "1986-05-05", ("サントス", "マリア"), sex="female", lang="en",
          stays=[S("spouse_child_of_japanese", "P1Y", expires_in=18)]),
        P("reyes", "Reyes", "Ana", "PH", "1984-08-08", sex="female", lang="en",
          stays=[S("spouse_child_of_japanese", "P3Y", expires_in=400)],
          events=[("divorce", 100, None, "Divorced; custody of daughter (Japanese national)")]),
        P("wang", "Wang", "Fang", "CN", "1975-03-03", kanji=("王", "芳"), sex="female",
          stays=[S("permanent_resident", None, ago=2600, by="permanent_residence", card="CN11112222PR")],
          events=[("card_lost", 3, None, "Card lost on the train")]),
        P("silva", "Silva", "Carlos", "BR", "1979-11-11", sex="male", lang="en",
          stays=[S("long_term_resident", "P3Y", expires_in=60)]),
        P("oliveira", "Oliveira", "Julia", "BR", "1982-02-22", sex="female",
          stays=[S("spouse_child_of_pr", "P1Y", expires_in=28)]),
        # --- work statuses
        P("wibowo", "Wibowo", "Sari", "ID", "1997-07-17", sex="female", lang="en",
          stays=[S("ssw_1", "P1Y", expires_in=33)]),
        P("hoang", "Hoang", "Van Nam", "VN", "1999-09-19", sex="male",
          stays=[S("titp_2a", "P1Y", expires_in=90)]),
        P("ahmed", "Ahmed", "Karim", "BD", "1983-03-23", sex="male", lang="en",
          stays=[S("business_manager", "P1Y", expires_in=29)]),
        P("khan", "Khan", "Ayesha", "PK", "1990-10-01", sex="female", lang="en",
          stays=[S("nursing_care", "P3Y", expires_in=300)]),
        # --- protection and special measures
        P("kovalenko", "Kovalenko", "Olena", "UA", "1978-06-15", ("コヴァレンコ", "オレナ"), sex="female", lang="uk",
          stays=[S("temporary_visitor", "P90D", ago=460),
                 S("designated_activities", "P1Y", expires_in=22, by="change", designation="ukraine_evacuee")],
          note="Evacuee since 2022; guarantor: Yokohama support group. Ask about complementary protection."),
        P("kovalenko_son", "Kovalenko", "Mykyta", "UA", "2010-09-01", sex="male", lang="uk",
          stays=[S("temporary_visitor", "P90D", ago=460),
                 S("designated_activities", "P1Y", expires_in=22, by="change", designation="ukraine_evacuee")]),
        P("aung", "Aung", "Min Htet", "MM", "1995-04-17", ("アウン", "ミン テッ"), sex="male", lang="en",
          stays=[S("designated_activities", "P6M", expires_in=9, by="change", designation="myanmar_measure")]),
        P("rahimi", "Rahimi", "Farid", "AF", "1989-12-01", sex="male", lang="en",
          stays=[S("designated_activities", "P1Y", expires_in=150, by="change", designation="afghanistan_measure")]),
        P("demir", "Demir", "Hasan", "TR", "1986-01-01", sex="male", lang="en",
          stays=[S("designated_activities", "P6M", expires_in=50, by="change", designation="refugee_applicant")],
          apps=[A("refugee_recognition", None, "under_examination", 300)]),
        P("perez", "Perez", "Luis", "PE", "1990-05-05", sex="male", lang="en",
          stays=[S("temporary_visitor", "P90D", expires_in=-40)],
          note="Overstaying since his visit ended; wants to talk about leaving through the departure order "
               "system."),
    ]


def _grant_date(on: date, st: S) -> date:
    """The grant date: ``ago`` days back, or so that the period ends about ``expires_in`` days on."""
    if st.ago is not None:
        return on - timedelta(days=st.ago)
    assert st.expires_in is not None and st.period is not None
    end = on + timedelta(days=st.expires_in)
    d = Duration.parse(st.period)
    start = add_months_end_clamped(end, -d.total_months) - timedelta(days=d.days)
    return start


def _status_ok(code: str, on: date) -> bool:
    try:
        catalogue(on).status(code)
        return True
    except ZairyuError:
        return False


def create_demo(s: Session, on: date, actor: sv.Actor) -> tuple[str, int, int]:
    """Create the demo office; returns (office name, people, deadlines). Refuses if it exists."""
    existing = s.scalar(select(m.Organisation.id).where(m.Organisation.name == DEMO_OFFICE))
    if existing is not None:
        raise sv.DuplicateError(f"the demo office already exists in this database (organisation {existing}); "
                                "nothing was changed", field="organisation", where="demo")
    if s.scalar(select(m.Organisation.id).limit(1)) is not None and not is_demo_database(s):
        raise ZairyuError("this database already holds an office: the demo goes only into a database of its own "
                          "(scripts/run.sh uses var/demo/zairyu.db); point ZAIRYU_DATABASE_URL or ZAIRYU_DATA_DIR "
                          "at an empty one. Nothing was changed", field="database", where="demo")
    s.merge(m.Meta(key="demo", value="yes"))
    org = sv.create_organisation(s, DEMO_OFFICE, actor)
    ids: dict[str, int] = {}
    for p in _people():
        plan = []
        prev_exp: date | None = None
        for st in p.stays:
            plan.append((st, _grant_date(on, st)))
        if not all(_status_ok(st.status, g) for st, g in plan):
            continue  # the law data does not know this status on that date (yet): leave the person out
        data: dict[str, Any] = {"family_name": p.family, "given_name": p.given, "nationality": p.nat,
                                "birth_date": (on - timedelta(days=10)) if p.key == "nguyen_baby" else p.born,
                                "sex": p.sex, "preferred_language": p.lang, "notes": p.note,
                                "born_in_japan": p.in_japan_born}
        if p.kana:
            data["family_name_kana"], data["given_name_kana"] = p.kana
        if p.kanji:
            data["family_name_kanji"], data["given_name_kanji"] = p.kanji
        person = sv.add_person(s, org.id, {k: v for k, v in data.items() if v is not None}, actor)
        ids[p.key] = person.id
        granted_by_app = {a.decided_ago for a in p.apps if a.decision == "granted"}
        for st, granted in plan:
            if st.ago is not None and st.ago in granted_by_app:
                continue  # created by the application's decision below
            stay_data: dict[str, Any] = {"status": st.status, "period": st.period, "granted_on": granted,
                                         "granted_by": st.by, "designation": st.designation,
                                         "card_number": st.card}
            if st.by == "extension":
                stay_data["previous_expires_on"] = prev_exp
            new = sv.add_stay(s, person.id, {k: v for k, v in stay_data.items() if v is not None}, actor, on)
            prev_exp = new.expires_on
        for a in p.apps:
            app = sv.add_application(s, person.id, {"procedure": a.procedure, "target_status": a.target,
                                                    "channel": a.channel}, actor, on)
            if a.stage == "prepared":
                sv.move_application(s, app.id, "prepared", actor, on)
            if a.filed_ago is not None:
                sv.file_application(s, app.id, on - timedelta(days=a.filed_ago), actor, on,
                                    receipt_number=f"DEMO-{person.id:04d}-{app.id:03d}")
            if a.stage in ("under_examination",):
                sv.move_application(s, app.id, "under_examination", actor, on)
            if a.decision is not None and a.decided_ago is not None:
                sv.decide_application(s, app.id, a.decision, on - timedelta(days=a.decided_ago), actor, on,
                                      new_period=a.new_period)
        long_term = [g for st, g in plan if st.status != "temporary_visitor"]
        if long_term:  # residents notify their address within 14 days of becoming mid/long-term (Art. 19-7)
            sv.add_event(s, person.id, {"kind": "address_notified", "on": min(on, long_term[0] + timedelta(days=7))},
                         actor, on)
        for kind, ago, until, note in p.events:
            ev: dict[str, Any] = {"kind": kind, "on": on - timedelta(days=ago), "note": note}
            if until is not None:
                ev["until"] = on - timedelta(days=ago) + timedelta(days=until)
            sv.add_event(s, person.id, ev, actor, on)
    links = [("nguyen", "pham", "spouse"), ("nguyen", "nguyen_baby", "child"), ("pham", "nguyen_baby", "child"),
             ("li", "zhang", "spouse"), ("li", "li_child", "child"), ("santos", "tanaka", "spouse"),
             ("kovalenko", "kovalenko_son", "child"), ("sokolova", "kuznetsova", "other")]
    for a_key, b_key, rel in links:
        if a_key in ids and b_key in ids:
            sv.link_family(s, ids[a_key], ids[b_key], rel, actor, on)
    sv.add_user(s, org.id, email="admin@demo.zairyu.example", display_name="Office admin", role="admin",
                        actor=actor, language="ja")
    cw = sv.add_user(s, org.id, email="caseworker@demo.zairyu.example", display_name="Yamada Keiko",
                     role="caseworker", actor=actor, language="ja")
    sup = sv.add_user(s, org.id, email="supporter@demo.zairyu.example", display_name="Volunteer Ito",
                      role="supporter", actor=actor, language="en")
    for key in ("kovalenko", "kovalenko_son", "aung", "sokolova", "kuznetsova"):
        if key in ids:
            sv.assign_supporter(s, sup.id, ids[key], actor)
    # who handles each case: the caseworker most, the supporter the refugee cases they follow
    for n, (key, pid) in enumerate(sorted(ids.items())):
        handler = sup.id if key in ("kovalenko", "aung") else cw.id if n % 4 else None
        if handler is not None:
            sv.assign_person(s, pid, handler, actor, organisation_id=org.id)
    if "sokolova" in ids:
        sv.add_user(s, org.id, email="anna@demo.zairyu.example", display_name="Anna Sokolova", role="client",
                    actor=actor, language="ru", person_id=ids["sokolova"])
        sv.add_task(s, org.id, "Collect school admission letter and tuition receipt", actor,
                    person_id=ids["sokolova"], owner_id=cw.id, due_on=on + timedelta(days=3))
        sv.add_note(s, ids["sokolova"], "Statement of reasons drafted in Japanese; supporters' letter attached.",
                    actor)
    if "kuznetsova" in ids:
        sv.add_task(s, org.id, "File Maria's change of status before her stay ends", actor,
                    person_id=ids["kuznetsova"], owner_id=cw.id, due_on=on + timedelta(days=5))
    if "kovalenko" in ids:
        sv.add_task(s, org.id, "Call Kovalenko about the missing tax certificate", actor,
                    person_id=ids["kovalenko"], owner_id=sup.id, due_on=on - timedelta(days=2))
    sv.add_task(s, org.id, "Check the new fee schedule before the spring season", actor, owner_id=cw.id)
    # one line of the agenda snoozed for a week: it shows again then, and on its own date whatever the snooze says
    ahead = s.scalars(select(m.Deadline).where(m.Deadline.organisation_id == org.id,
                                               m.Deadline.date > on + timedelta(days=14))
                      .order_by(m.Deadline.date, m.Deadline.person_id, m.Deadline.kind).limit(1)).first()
    if ahead is not None:
        sv.mark_deadline(s, org.id, ahead.person_id, ahead.kind, ahead.topic, ahead.date, "snoozed", actor, on,
                         until=on + timedelta(days=7))
    count = s.scalar(select(func.count()).select_from(m.Deadline).where(m.Deadline.organisation_id == org.id))
    return org.name, len(ids), int(count or 0)
