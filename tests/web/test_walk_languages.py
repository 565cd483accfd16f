"""Every text in the reader's language (issue 13): a walk through every page of the web app — anonymous, and signed
in as the demo office's admin, caseworker, supporter and client — in Japanese, English, Russian and Ukrainian,
following the app's own links, that fails on an English or code string in a page of another language.

What counts as wrong (``findings``):

- an English text of the app's own (a multi-word fragment of an English msgid of the Babel catalogue or of a template
  of ``messages/en.yaml``) in a ja/ru/uk page;
- an English provision form (``ICRRA``, ``Art. 19-16(iii)``, ``App. Table``, ``proviso``) in a ja/ru/uk page;
- an untranslated choice (``Female``/``Male``/``Other``), a code of the glossary (``student``, ``granted``, also
  written with spaces) and any code in snake_case (``temporary_visitor``, ``designated_activities``, a precedent's
  confidence code) in a ja/ru/uk page;
- in every language, English too: a raw fact or message key (``goal.status``, ``(conduct.has_passport)``,
  ``deadline.expiry_of_stay``), and a weekday named in another language (``(日曜日)`` in an English sentence).
  (The English trace, "how this date was computed", is the technical record and names codes: docs/languages.md.)

What is not the app's text and is let through, each for its reason (docs/languages.md, "The walk"):

- what the office typed (names, notes, task titles, event notes, file names, receipt numbers, e-mail addresses,
  the office's and the accounts' names): read from the database and taken out of the page before it is read;
- an element marked with a ``lang`` other than the page's: a text that exists in one language only and says so
  (the immigration office's Japanese block, a precedent's summary shown with "Summary in English");
- ``<cite>``: the title of a cited source, kept as published;
- web addresses, host names and ISO dates;
- the few strings of ``ALLOWED`` below, each with its reason.

The API's own documentation (``/docs``) is for programmers and stays English; JSON answers are checked by
``test_api_lang.py``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
import yaml
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from sqlalchemy import select

from zairyu import glossary
from zairyu.cases import db
from zairyu.cases import models as m
from zairyu.cases import services as sv
from zairyu.cases.demo import DEMO_PASSWORD, create_demo
from zairyu.cases.services.accounts import find_user, set_password
from zairyu.precedents.public import set_public_register
from zairyu.settings import Settings
from zairyu.web.app import create_app

TODAY = date(2026, 11, 25)
LANGS = ("ja", "en", "ru", "uk")
IDENTITIES = {None: None, "admin": "admin@demo.zairyu.example", "caseworker": "caseworker@demo.zairyu.example",
              "supporter": "supporter@demo.zairyu.example", "client": "anna@demo.zairyu.example"}
SRC = Path(__file__).resolve().parents[2] / "src" / "zairyu"

# Where the walk starts (besides the links it finds): the pages reached from a form, and error pages.
START = ("/", "/login", "/people", "/people/new", "/law", "/account", "/admin/users", "/assess", "/precedents",
         "/precedents/stats", "/public/precedents", "/public/precedents/stats", "/no-such-page", "/people/999999",
         "/applications/999999", "/precedents/no-such-precedent", "/people/not-a-number", "/law?on=2026-02-30")
NOT_PAGES = ("/docs", "/openapi.json", "/static/", "/api/", "/healthz", "/documents/")  # not pages of the app
MAX_PAGES = 800          # per identity and language: the demo office has about 200
MAX_PER_QUERY_SHAPE = 6  # /precedents?tag=…: a few of each kind of filtered list, not every combination

# Strings let through, each for its reason: (regular expression, why).
ALLOWED: tuple[tuple[str, str], ...] = (
    (r"\bzairyu\b", "the program's name"),
    (r"\b(?:ISA|MOJ|UNHCR)\b", "names of authorities written as they write them"),
    (r"\blaw\.md\b|\bnumber_of_people\b", "a precedent's notes (written in English for the register's maintainers, "
                                          "marked lang=en) name zairyu's reference file and the field they explain"),
)

STOP = set("a an the of to in on by for and or is are be it its as at from with this that not no if".split())
WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ja": ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "uk": ("понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота", "неділя"),
}
ENGLISH_PROVISION = re.compile(r"\bICRRA\b|\bArts?\. ?\d|\bApp\. Table\b|\bSuppl\. Art\b|\bproviso\b|\bOrdinance "
                               r"Art\b|\bPara\. ?\d")
FACT_OR_KEY = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]+(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)+(?![\w/@-])")
SNAKE = re.compile(r"(?<![\w./@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/@-])")
URL = re.compile(r"\b(?:https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:[\w-]+\.)+(?:com|jp|org|net|go\.jp|site|info|"
                 r"cloud|support|example|io|co)\b(?:/\S*)?)")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _fragments(text: str) -> Iterator[str]:
    """The distinctive multi-word pieces of an English template, between its placeholders."""
    for frag in re.split(r"%\(\w+\)\w|\{[^}]*\}|%[sd]", text):
        frag = frag.strip(" .,:;()[]—–-·/→←'\"“”")
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", frag)
        content = [w for w in words if w.lower() not in STOP]
        if len(content) >= 2 and len(frag) >= 10 and frag.isascii():
            yield frag


def english_texts() -> frozenset[str]:
    """The app's English: the Babel catalogue's msgids and the English message catalogue's templates."""
    out: set[str] = set()
    with (SRC / "web/locale/en/LC_MESSAGES/messages.po").open("rb") as f:
        for msg in read_po(f):
            for msgid in (msg.id if isinstance(msg.id, tuple) else (msg.id,)):
                out.update(_fragments(msgid or ""))
    for value in yaml.safe_load((SRC / "messages/en.yaml").read_text(encoding="utf-8")).values():
        if isinstance(value, str):
            out.update(_fragments(value))
    return frozenset(out)


def glossary_codes() -> frozenset[str]:
    """The glossary's codes (``student``, ``granted``, ``temporary_visitor``), also as ``temporary visitor``:
    English words when shown raw."""
    codes: set[str] = set()
    for terms in glossary.KINDS.values():
        codes.update(terms)
        codes.update(c.replace("_", " ") for c in terms)
    return frozenset(codes)


class Page(HTMLParser):
    """A page's visible text (and the attributes a reader hears or sees), links and language."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.links: list[str] = []
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, read its text?)

    def _reading(self) -> bool:
        return all(read for _, read in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        foreign = bool(a.get("lang")) and tag != "html" and a["lang"] != self.lang
        read = tag not in ("script", "style", "cite", "template") and not foreign
        if self._reading() and read:
            for k in ("title", "aria-label", "placeholder", "alt"):
                if a.get(k):
                    self.parts.append(a[k])
            if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
                self.parts.append(a["value"])
        if tag not in self.VOID:
            self.stack.append((tag, read))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self._reading():
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


@dataclass
class Walk:
    app: Any
    settings: Settings
    typed: list[str]                      # what the office typed, longest first
    english: frozenset[str]
    codes: frozenset[str]
    pages: dict[tuple[str | None, str], dict[str, tuple[int, str]]] = field(default_factory=dict)

    def client(self, who: str | None) -> TestClient:
        c = TestClient(self.app)
        if who is not None:
            c.get("/login")
            r = c.post("/login", data={"email": IDENTITIES[who], "password": DEMO_PASSWORD,
                                       "csrf_token": c.cookies.get("zairyu_csrf"), "next": "/"},
                       follow_redirects=False)
            assert r.status_code == 303, r.text
        return c

    def read(self, c: TestClient, method: str, path: str, lang: str, **kw: Any) -> tuple[int, Page | None]:
        parts = urlsplit(path)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
        url = parts.path + "?" + urlencode([*query, ("lang", lang)])
        r = c.request(method, url, follow_redirects=True, **kw)
        if "text/html" not in r.headers.get("content-type", ""):
            return r.status_code, None
        page = Page()
        page.feed(r.text)
        return r.status_code, page

    def walk(self, who: str | None, lang: str) -> dict[str, tuple[int, str]]:
        c = self.client(who)
        seen: dict[str, tuple[int, str]] = {}
        shapes: Counter[str] = Counter()
        queue = list(START)
        while queue and len(seen) < MAX_PAGES:
            path = queue.pop(0)
            if path in seen:
                continue
            parts = urlsplit(path)
            if parts.query:
                shape = re.sub(r"\d+", "N", parts.path) + "?" + ",".join(sorted(k for k, _ in parse_qsl(parts.query)))
                shapes[shape] += 1
                if shapes[shape] > MAX_PER_QUERY_SHAPE:
                    continue
            status, page = self.read(c, "GET", path, lang)
            if page is None:
                continue
            assert page.lang == lang, f"{path} ({who}, {lang}) is written as lang={page.lang!r}"
            seen[path] = (status, page.text)
            for href in page.links:
                nxt = self.local(path, href)
                if nxt is not None and nxt not in seen:
                    queue.append(nxt)
        self.pages[(who, lang)] = seen
        return seen

    @staticmethod
    def local(base: str, href: str) -> str | None:
        parts = urlsplit(urljoin("http://testserver" + base, href))
        if parts.netloc != "testserver" or parts.path.startswith(NOT_PAGES) or parts.path.endswith(".ics"):
            return None
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
        return parts.path + ("?" + urlencode(query) if query else "")

    def findings(self, text: str, lang: str) -> list[tuple[str, str]]:
        """What in ``text`` is not in ``lang``: (what, the words around it)."""
        for t in self.typed:
            text = text.replace(t, " ")
        text = ISO_DATE.sub(" ", URL.sub(" ", text))
        for pattern, _why in ALLOWED:
            text = re.sub(pattern, " ", text)
        checks: list[tuple[str, re.Pattern[str]]] = [("key", FACT_OR_KEY)]
        for other, days in WEEKDAYS.items():
            if other != lang:
                checks.append((f"{other} weekday", re.compile(r"(?<!\w)(?:" + "|".join(days) + r")(?!\w)",
                                                              re.IGNORECASE if other != "en" else 0)))
        if lang != "en":
            checks += [("code", SNAKE), ("English", self.english_re), ("English provision", ENGLISH_PROVISION),
                       ("English choice", re.compile(r"\b(?:Female|Male|Other)\b")), ("code", self.codes_re)]
        found = []
        for what, rx in checks:
            for x in rx.finditer(text):
                found.append((f"{what} {x.group()!r}", text[max(0, x.start() - 80):x.end() + 40]))
        return found

    @property
    def english_re(self) -> re.Pattern[str]:
        return _alternatives(self.english, r"(?<![\w])", r"(?![\w])")

    @property
    def codes_re(self) -> re.Pattern[str]:
        return _alternatives(self.codes, r"(?<![\w.-])", r"(?![\w.-])")


_COMPILED: dict[frozenset[str], re.Pattern[str]] = {}


def _alternatives(words: frozenset[str], before: str, after: str) -> re.Pattern[str]:
    if words not in _COMPILED:
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        _COMPILED[words] = re.compile(f"{before}(?:{alts}){after}")
    return _COMPILED[words]


def typed_by_the_office(s: Any) -> list[str]:
    """Every text the office typed, longest first (so that a name inside a note goes with the note)."""
    texts: set[str] = set()
    columns = ((m.Person, ("family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_kanji",
                           "given_name_kanji", "email", "phone", "address", "notes")),
               (m.Note, ("body",)), (m.Task, ("title",)), (m.Event, ("note",)), (m.Document, ("filename",)),
               (m.Application, ("receipt_number", "notes")), (m.User, ("email", "display_name")),
               (m.Organisation, ("name",)), (m.Stay, ("card_number",)))
    for model, names in columns:
        for row in s.scalars(select(model)):
            texts.update(str(v) for v in (getattr(row, n) for n in names) if v)
    for p in s.scalars(select(m.Person)):  # the name as pages write it: FAMILY Given
        texts.add(f"{p.family_name.upper()} {p.given_name or ''}".strip())
        texts.add(f"{p.family_name} {p.given_name or ''}".strip())
    return sorted(texts, key=len, reverse=True)


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    tmp = tmp_path_factory.mktemp("walk")
    settings = Settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'zairyu.db'}")
    engine = db.get_engine(settings.db_url)
    db.upgrade(engine)
    act = sv.Actor("test")
    with db.transaction(engine) as s:
        create_demo(s, TODAY, act)
        for email in IDENTITIES.values():
            if email:
                user = find_user(s, email)
                assert user is not None
                set_password(s, user, DEMO_PASSWORD, act)
        set_public_register(s, True, act)
    with db.transaction(engine) as s:
        typed = typed_by_the_office(s)
    yield Walk(create_app(settings, engine=engine, today=lambda: TODAY), settings, typed, english_texts(),
               glossary_codes())
    db.dispose_engine(settings.db_url)


def report(found: dict[str, list[tuple[str, str]]]) -> str:
    """One line per finding: on how many pages, and the first of them with the words around it."""
    lines = [f"{what} — {len(where)} page(s), e.g. {where[0][0]}: …{where[0][1]}…"
             for what, where in sorted(found.items(), key=lambda kv: -len(kv[1]))]
    return f"{len(found)} text(s) not in the reader's language:\n" + "\n".join(lines[:80])


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_in_the_readers_language(walk: Walk, lang: str) -> None:
    found: dict[str, list[tuple[str, str]]] = {}
    for who in IDENTITIES:
        pages = walk.walk(who, lang)
        for path, (status, text) in pages.items():
            for what, context in walk.findings(text, lang):
                found.setdefault(what, []).append((f"{who or 'anonymous'} {lang} {status} {path}", context))
    assert not found, report(found)


def _hidden(page_html: str, form_id: str) -> dict[str, str]:
    form = page_html[page_html.index(f'id="{form_id}"'):]
    form = form[:form.index("</form>")]
    return {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)}


@pytest.mark.parametrize("lang", LANGS)
def test_pages_reached_through_a_form_are_in_the_readers_language(walk: Walk, lang: str) -> None:
    """What no link reaches: the interview on typed facts (a Designated Activities holder, so that the designations
    are offered), its answers and a what-if; a person's assessment answered and changed by a what-if; a form
    refused (422) and a form without its CSRF token (403)."""
    c = walk.client("caseworker")
    csrf = c.cookies.get("zairyu_csrf")
    seen: list[tuple[str, int, str]] = []

    def read(method: str, path: str, **kw: Any) -> str:
        r = c.request(method, path + ("&" if "?" in path else "?") + f"lang={lang}", follow_redirects=True, **kw)
        page = Page()
        page.feed(r.text)
        assert page.lang == lang, (path, page.lang)
        seen.append((f"{method} {path}", r.status_code, page.text))
        return r.text

    start = {"csrf_token": csrf, "nationality": "MM", "stay_status": "designated_activities", "stay_period": "P1Y",
             "stay_granted_on": "2026-06-01", "stay_granted_by": "change"}
    text = read("POST", "/assess", data=start)
    for _ in range(4):  # "I don't know" a few times: the next questions
        if 'id="h-q"' not in text or 'name="fact"' not in text:
            break
        text = read("POST", "/assess", data={**_hidden(text, "h-q"), "action": "skip"})
    read("POST", "/assess", data={**_hidden(text, "what-if-answer"), "action": "whatif",
                                  "whatif_fact": "conduct.has_passport", "whatif_value": "no"})
    read("POST", "/assess", data={**_hidden(text, "what-if-goal"), "action": "whatif",
                                  "whatif_fact": "goal.status", "whatif_value": "long_term_resident"})
    with db.transaction(db.get_engine(walk.settings.db_url)) as s:
        people = list(s.scalars(select(m.Person.id).order_by(m.Person.id)))
    for pid in people[:6]:
        for fact, value in (("stay.expires_on", "2026-11-01"), ("goal.status", "student"),
                            ("circumstances.cannot_return_safely", "yes")):
            read("GET", f"/people/{pid}/assess?whatif_fact={fact}&whatif_value={value}")
    text = read("GET", f"/people/{people[0]}/assess")
    if 'id="h-q"' in text:
        hidden = _hidden(text, "h-q")
        read("POST", f"/people/{people[0]}/assess", data={**hidden, "value": "yes", "action": "answer"})
    read("POST", "/people/new", data={"csrf_token": csrf, "family_name": "W" * 201, "nationality": "中国"})
    read("POST", "/people/new", data={"family_name": "Wang"})  # no CSRF token: 403
    read("GET", "/law?on=1899-01-01")
    statuses = {status for _, status, _ in seen}
    assert {200, 403, 422} <= statuses, statuses
    found: dict[str, list[tuple[str, str]]] = {}
    for where, status, text in seen:
        for what, context in walk.findings(text, lang):
            found.setdefault(what, []).append((f"caseworker {lang} {status} {where}", context))
    assert not found, report(found)


def test_every_designation_has_a_name_in_every_catalogue() -> None:
    """The interview offers the designations of Designated Activities by name (``designation.<code>``)."""
    from zairyu.messages import catalogue
    from zairyu.rules.interview import designation_choices

    for lang in LANGS:
        missing = [c for c in designation_choices() if f"designation.{c}" not in catalogue(lang)]
        assert not missing, (lang, missing)
