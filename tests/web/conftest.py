"""An office with one user of every role, two organisations and people assigned to the supporter,
built through the case manager's service functions on a fresh SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zairyu.cases import db
from zairyu.cases import services as sv
from zairyu.cases.services.accounts import hash_password
from zairyu.settings import Settings
from zairyu.web.app import create_app

TODAY = date(2026, 11, 25)
PASSWORD = "correct horse battery"
ROLES = ("admin", "caseworker", "supporter", "client")


@dataclass
class Office:
    app: Any
    settings: Settings
    ids: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, role: str | None = None) -> TestClient:
        """A client signed in as ``role`` with a bearer token (None: not signed in)."""
        c = TestClient(self.app)
        if role is not None:
            c.headers["Authorization"] = f"Bearer {self.tokens[role]}"
        return c

    def browser(self, role: str) -> TestClient:
        """A client signed in through the sign-in form (session cookie + CSRF cookie)."""
        c = TestClient(self.app)
        c.get("/login")
        r = c.post("/login", data={"email": f"{role}@office.example", "password": PASSWORD,
                                   "csrf_token": c.cookies.get("zairyu_csrf"), "next": "/"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        return c


def build_office(tmp: Path, database_url: str | None = None) -> Office:
    """The office on a fresh SQLite file in ``tmp``, or on the (empty) database at ``database_url``."""
    settings = Settings(data_dir=tmp, database_url=database_url or f"sqlite:///{tmp / 'zairyu.db'}")
    engine = db.get_engine(settings.db_url)
    db.upgrade(engine)
    act = sv.Actor("test")
    ids: dict[str, int] = {}
    pw = hash_password(PASSWORD)
    with db.transaction(engine) as s:
        org = sv.create_organisation(s, "Office A", act)
        other = sv.create_organisation(s, "Office B", act)
        ids["org"], ids["other_org"] = org.id, other.id
        anna = sv.add_person(s, org.id, {"family_name": "Sokolova", "given_name": "Anna", "nationality": "RU"}, act)
        maria = sv.add_person(s, org.id, {"family_name": "Kuznetsova", "given_name": "Maria", "nationality": "RU"},
                              act)
        ivan = sv.add_person(s, org.id, {"family_name": "Petrov", "given_name": "Ivan", "nationality": "UA"}, act)
        foreign = sv.add_person(s, other.id, {"family_name": "Outsider", "nationality": "MM"}, act)
        ids.update(anna=anna.id, maria=maria.id, ivan=ivan.id, foreign=foreign.id)
        for pid in (anna.id, maria.id, ivan.id, foreign.id):
            sv.add_stay(s, pid, {"status": "temporary_visitor", "period": "P90D", "granted_on": date(2026, 10, 1),
                                 "granted_by": "landing"}, act, TODAY)
        for role in ROLES:
            u = sv.add_user(s, org.id, email=f"{role}@office.example", display_name=role.title(), role=role,
                            actor=act, password_hash=pw, language="ja" if role != "client" else "ru",
                            person_id=anna.id if role == "client" else None)
            ids[f"user_{role}"] = u.id
        sv.assign_supporter(s, ids["user_supporter"], anna.id, act)
        app_ = sv.add_application(s, anna.id, {"procedure": "change_of_status", "target_status": "student"}, act,
                                  TODAY)
        ids["anna_app"] = app_.id
        ivan_app = sv.add_application(s, ivan.id, {"procedure": "extension_of_stay"}, act, TODAY)
        ids["ivan_app"] = ivan_app.id
        foreign_app = sv.add_application(s, foreign.id, {"procedure": "extension_of_stay"}, act, TODAY)
        ids["foreign_app"] = foreign_app.id
        for key, pid in (("anna_doc", anna.id), ("ivan_doc", ivan.id), ("foreign_doc", foreign.id)):
            d = sv.store_document(s, pid, "letter.pdf", "application/pdf", b"%PDF-1.4 test", act,
                                  upload_dir=settings.uploads_path, max_bytes=settings.max_upload_bytes)
            ids[key] = d.id
        for key, pid in (("anna_note", anna.id), ("ivan_note", ivan.id), ("foreign_note", foreign.id)):
            ids[key] = sv.add_note(s, pid, "first meeting", act).id
    app = create_app(settings, engine=engine, today=lambda: TODAY)
    office = Office(app, settings, ids)
    for role in ROLES:
        r = TestClient(app).post("/api/v1/auth/token", json={"email": f"{role}@office.example", "password": PASSWORD})
        assert r.status_code == 200, r.text
        office.tokens[role] = r.json()["access_token"]
    return office


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    tmp = tmp_path_factory.mktemp("office")
    o = build_office(tmp)
    yield o
    db.dispose_engine(o.settings.db_url)


@pytest.fixture
def fresh_office(tmp_path: Path) -> Iterator[Office]:
    o = build_office(tmp_path)
    yield o
    db.dispose_engine(o.settings.db_url)
