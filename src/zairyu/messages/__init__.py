"""Texts as keys: what zairyu tells a person is a message key with parameters, written in the reader's
language only where it is shown (a page, the CLI, an iCalendar feed, an API answer).

A message is ``Message("deadline.last_filing_day", {"exp": "2026-05-03"})``. The rules and the calendar
return messages; the case manager stores them as JSON (``{"key": ..., "params": {...}}``); the edge
renders them with :func:`render` from the catalogue of one language: a YAML file
``zairyu/messages/<lang>.yaml`` mapping each key to a ``str.format`` template. **A new language is a new
catalogue file and nothing else**: :func:`languages` lists the files there, and a key the new catalogue
does not have yet is written in English (:func:`missing_keys` lists them).

Parameters are plain JSON values. Their name says how they are written in a language:

* ``period`` (an ISO 8601 period such as ``P1Y3M``): in words ("1 year 3 months", "1年3月", "1 год 3
  месяца"); ``{period:iso}`` keeps the ISO text;
* ``years``, ``months``, ``days`` (a number): with the unit in words, by the language's plural rules
  (CLDR, through Babel); ``{days:n}`` keeps the bare number;
* ``status``, ``procedure``, ``event``, ``grant``, ``duty``: a code, written as the name the catalogue
  gives it (``status.student`` …); ``{status:code}`` keeps the code;
* ``reason`` (why offices are closed: the Japanese name of the day): the catalogue's ``closed_day.<name>``;
* a parameter whose value is itself a message (``{"key": ..., "params": ...}``) is that message written
  in the same language; anything else (dates in ISO form, numbers, names) is written as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from zairyu import datacache
from zairyu.duration import Duration

CATALOGUE_DIR = Path(__file__).parent
EXTRA_DIR_ENV = "ZAIRYU_MESSAGES_DIR"
"""A folder of further catalogue files (a language an office adds, or its own wording of a key): read
before the packaged ones."""
FALLBACK = "en"
CONTRACT_LANGS: tuple[str, ...] = ("ja", "en", "ru", "uk")
"""The languages a JSON answer carries when none is asked for (the command line's and API's contracts)."""
"""The language a key is written in when a catalogue does not have it yet."""

__all__ = ["CONTRACT_LANGS", "FALLBACK", "Message", "Messages", "catalogue", "catalogue_digest", "count",
           "interned", "kept", "languages", "message", "missing_keys", "period_words", "render", "render_all"]


@dataclass(frozen=True, slots=True, eq=True)
class Message:
    """One message: a catalogue key and the values of its ``{fields}``.

    A message is a value: its parameters are not changed once it is made. What it is written as in each
    language is therefore kept on the message itself (``_written``, against the catalogue it was written
    from), and :func:`kept` / :func:`interned` give the same object for the same key and parameters, so
    a text the rules say again for another person (a requirement, an explanation's frame) is written once
    per language and catalogue, not once per answer."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    _written: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __hash__(self) -> int:  # equal messages (same key, same parameters in any order) hash alike
        return hash((self.key, *sorted(self.params)))

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "params": {k: _param_json(v) for k, v in self.params.items()}}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Message:
        return Message(str(data["key"]), {k: _param_from_json(v) for k, v in (data.get("params") or {}).items()})

    def render(self, lang: str) -> str:
        return render_one(self, lang)


def _param_json(v: Any) -> Any:
    if isinstance(v, Message):
        return v.to_json()
    if isinstance(v, Messages):
        return [m.to_json() for m in v]
    if isinstance(v, Duration):
        return v.iso()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def _plain(v: Any) -> Any:
    """A parameter as a message keeps it: dates and periods as ISO text; messages as they are."""
    if isinstance(v, Duration):
        return v.iso()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def _param_from_json(v: Any) -> Any:
    if isinstance(v, Mapping) and "key" in v:
        return Message.from_json(v)
    if isinstance(v, list) and v and all(isinstance(x, Mapping) and "key" in x for x in v):
        return Messages(Message.from_json(x) for x in v)
    return v


class Messages(tuple[Message, ...]):
    """Parts of one text, written one after the other (Japanese without a space, others with one)."""

    def __add__(self, other: Iterable[Message]) -> Messages:  # type: ignore[override]
        return Messages((*self, *other))

    def render(self, lang: str) -> str:
        return render(self, lang)

    def to_json(self) -> list[dict[str, Any]]:
        return [m.to_json() for m in self]

    @staticmethod
    def from_json(data: Iterable[Mapping[str, Any]] | None) -> Messages:
        return Messages(Message.from_json(x) for x in data or ())


def _made(key: str, params: Mapping[str, Any], make: Callable[[str, dict[str, Any]], Message]) -> Messages:
    """One message of ``key`` (which must be in the English catalogue: a typo fails at once, not when a reader
    opens the page), its parameters as a message keeps them (:func:`_plain`)."""
    if key not in catalogue(FALLBACK):
        raise KeyError(f"no message '{key}' in the {FALLBACK} catalogue")
    return Messages((make(key, {k: _plain(v) for k, v in params.items()}),))


def message(key: str, **params: Any) -> Messages:
    """One message as the start of a text (``message(...) + message(...)``)."""
    return _made(key, params, Message)


def kept(key: str, **params: Any) -> Messages:
    """:func:`message`, the same object for the same key and parameters (:func:`interned`): for the texts the
    rules say again and again (a requirement, an explanation's frame), not for one person's own (a name)."""
    return _made(key, params, interned)


_KEY = object()
"""Where a message keeps its identity (:func:`_ikey`) among what it keeps (``Message._written``)."""
_INTERNED: dict[Any, Message] = {}
_INTERNED_MAX = 20_000
"""At most this many messages are kept for reuse (then the table starts again): the texts of the law's
requirements are a few thousand; what a person's dates add is not worth keeping for long. A message with its
texts written in four languages takes about 2.6 KB: some 50 MB at most."""


def _ikey(v: Any) -> Any:
    """A parameter value as an exact, hashable identity: equal identities are written the same in every
    language (a list is not a tuple, ``1`` is not ``True``, ``"1"`` is not ``1``). Raises TypeError for a
    value that cannot be told apart this way (the message is then not kept for reuse)."""
    t = type(v)
    if t is str or v is None:
        return v
    if t is Message:
        ident = v._written.get(_KEY)
        if ident is None:
            ident = v._written[_KEY] = _identity(v.key, v.params)
        return ident
    if t is Messages:
        return (Messages, *map(_ikey, v))
    if t is list or t is tuple:
        return (t, *map(_ikey, v))
    if t is dict:
        return (dict, *((k, _ikey(x)) for k, x in v.items()))
    if t is int or t is bool:
        return (t, v)
    raise TypeError(f"no exact identity for a {t.__name__}")  # (0.0 and -0.0 are equal, but written apart)


def _identity(key: str, params: Mapping[str, Any]) -> tuple[Any, ...]:
    """A message's exact identity: its key, then each parameter's name and value (:func:`_ikey`)."""
    parts: list[Any] = [Message, key]
    for k, v in params.items():
        parts.append(k)
        parts.append(v if type(v) is str or v is None else _ikey(v))
    return tuple(parts)


def interned(key: str, params: Mapping[str, Any] | None = None) -> Message:
    """``Message(key, params)``, the same object as an earlier equal one while it is kept: what it is
    written as in a language is then known already (:func:`render_one`). ``params`` must not be changed
    afterwards (a message is a value)."""
    if params is None:
        params = {}
    try:
        ident = _identity(key, params)
    except TypeError:  # a value without an exact identity: a message of its own
        return Message(key, params)
    m = _INTERNED.get(ident)
    if m is None:
        if len(_INTERNED) >= _INTERNED_MAX:
            _INTERNED.clear()
        m = _INTERNED[ident] = Message(key, params)
        m._written[_KEY] = ident
    return m


# --------------------------------------------------------------------------------------------------
# catalogues
# --------------------------------------------------------------------------------------------------

def _dirs() -> list[Path]:
    extra = os.environ.get(EXTRA_DIR_ENV)
    return [*([Path(extra)] if extra else []), CATALOGUE_DIR]


@cache
def languages() -> tuple[str, ...]:
    """Every language zairyu can write: one catalogue file each (ja first, then en, then the others)."""
    found = sorted({p.stem for d in _dirs() for p in d.glob("*.yaml") if _LANG_NAME.fullmatch(p.stem)})
    first = [lang for lang in ("ja", "en") if lang in found]
    return (*first, *(lang for lang in found if lang not in first))


_LANG_NAME = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The templates of one language (empty for a language without a catalogue file); a key in the extra
    folder's file wins over the packaged one."""
    out: dict[str, str] = {}
    for d in reversed(_dirs()):
        path = d / f"{lang}.yaml"
        if not path.is_file():
            continue
        name = f"messages-{lang}" if d == CATALOGUE_DIR else f"messages-extra-{lang}"
        data = datacache.load_yaml(path.read_text(encoding="utf-8"), name=name) or {}
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise ValueError(f"{path}: a catalogue maps each message key to one template string")
        out.update(data)
    return out


_CATALOGUE_DIGESTS: dict[str, tuple[Mapping[str, str], str]] = {}


def catalogue_digest(lang: str) -> str:
    """A digest of the templates of ``lang`` as :func:`catalogue` gives them now (computed once per catalogue
    read): an answer's texts kept for identical inputs are keyed by it, so a changed template is another key."""
    cat = catalogue(lang)
    kept = _CATALOGUE_DIGESTS.get(lang)
    if kept is None or kept[0] is not cat:
        import hashlib

        body = "\0".join(f"{k}\1{v}" for k, v in sorted(cat.items()))
        kept = (cat, hashlib.sha256(body.encode()).hexdigest())
        _CATALOGUE_DIGESTS[lang] = kept
    return kept[1]


def missing_keys(lang: str) -> list[str]:
    """Keys of the English catalogue that ``lang`` does not have yet (they are written in English). Plural
    forms other than ``other`` (``unit.year.one``) are the language's own business: not listed."""
    own = catalogue(lang)
    return [k for k in catalogue(FALLBACK) if k not in own and not (k.startswith("unit.") and k.count(".") == 2
                                                                    and not k.endswith(".other"))]


def _template(key: str, lang: str) -> str:
    t = catalogue(lang).get(key)
    if t is None:
        t = catalogue(FALLBACK).get(key)
    if t is None:
        raise KeyError(f"no message '{key}' in the {lang} or {FALLBACK} catalogue")
    return t


def _name(kind: str, code: str, lang: str) -> str:
    """A code's name in ``lang`` (``status.student``), else in English, else the code itself."""
    key = f"{kind}.{code}"
    return catalogue(lang).get(key) or catalogue(FALLBACK).get(key) or code


# --------------------------------------------------------------------------------------------------
# writing parameters in a language
# --------------------------------------------------------------------------------------------------

def _cldr_plural_rules(lang: str) -> dict[str, str] | None:
    """CLDR's plural rules of ``lang`` as Babel gives them (``{"one": "...", "few": "..."}``), None for a
    language Babel does not know."""
    try:
        return dict(Locale.parse(lang).plural_form.rules)
    except Exception:
        return None


@cache
def _plural_rule(lang: str) -> Callable[[int], str] | None:
    """The plural rule of ``lang``. Babel reads its whole locale data for it (a noticeable part of a command
    line's time), so the rules' text is kept on disk per Babel version (``zairyu.datacache``)."""
    import babel
    from babel.plural import PluralRule

    name = f"plural-{lang}" if _LANG_NAME.fullmatch(lang) else "plural-other"
    rules = datacache.remembered(name, f"babel {babel.__version__} {lang}", lambda: _cldr_plural_rules(lang))
    return None if rules is None else PluralRule(rules)


@cache
def _plural_form(lang: str, n: int) -> str:
    rule = _plural_rule(lang)
    return "other" if rule is None else str(rule(n))  # a language Babel does not know: its 'other' form


def count(n: int, unit: str, lang: str, *, prefix: str = "unit") -> str:
    """``n`` years/months/days in ``lang`` by its plural rules: 1 год, 2 года, 5 лет; 3 years; 3年."""
    own = catalogue(lang)
    for p in dict.fromkeys((prefix, "unit")):
        for form in (_plural_form(lang, n), "other"):
            t = own.get(f"{p}.{unit}.{form}")
            if t is not None:
                return t.format(n=n)
    return _template(f"unit.{unit}.other", FALLBACK).format(n=n)


def period_words(period: Duration, lang: str) -> str:
    """A period in words: 1 year 3 months / 1年3月 / 1 год 3 месяца. A catalogue may write periods of stay
    apart from counts (``period.month.other``: Japanese writes the period 1年3月 as the Act and the card do,
    and a count of months 3か月)."""
    parts = [count(n, unit, lang, prefix="period") for n, unit in (
        (period.years, "year"), (period.months, "month"), (period.days, "day")) if n]
    sep = catalogue(lang).get("unit.separator", " ")
    return sep.join(parts) if parts else count(0, "day", lang)


class _Written:
    """A parameter as a template sees it: ``{x}`` writes it in the language, ``{x:code}`` / ``{x:iso}`` /
    ``{x:n}`` keep the value as given."""

    __slots__ = ("raw", "text")

    def __init__(self, raw: Any, text: str) -> None:
        self.raw, self.text = raw, text

    def __format__(self, spec: str) -> str:
        if spec in ("code", "iso", "n"):
            return str(self.raw)
        return format(self.text, spec)


_NAMED = {"status", "procedure", "event", "grant", "duty"}
_COUNTS = {"years": "year", "months": "month", "days": "day"}


_WORDED = frozenset({"period", "reason", "prov", *_NAMED, *_COUNTS})
"""Parameter names whose value is written in words; any other string is written as it is."""


def _write(name: str, value: Any, lang: str) -> Any:
    if type(value) is str and name not in _WORDED:  # the common case (dates, numbers' text, provisions)
        return value
    if isinstance(value, Message):
        return render_one(value, lang)
    if isinstance(value, Messages):
        return render(value, lang)
    if value is None:
        return ""
    if name == "prov" and isinstance(value, list):  # provisions: cited as the language cites them
        from zairyu.messages.citation import cite_all

        return cite_all(value, lang)
    if isinstance(value, Mapping):  # a text already given per language (law data, older callers)
        return value.get(lang) or value.get(FALLBACK, "")
    if name == "period" and isinstance(value, str):
        try:
            return _Written(value, period_words(Duration.parse(value), lang))
        except Exception:  # not an ISO period: written as given
            return value
    if name in _COUNTS and isinstance(value, int):
        return _Written(value, count(value, _COUNTS[name], lang))
    if name in _NAMED and isinstance(value, str):
        return _Written(value, _name(name, value, lang))
    if name == "reason" and isinstance(value, str):
        return _Written(value, catalogue(lang).get(f"closed_day.{value}") or value)
    return value


_FIELD = re.compile(r"\{(\w+)")


@cache
def _compiled(key: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """A key's template in ``lang`` and the names of its fields (read once per key and language)."""
    template = _template(key, lang)
    return template, tuple(dict.fromkeys(_FIELD.findall(template)))


def render_one(m: Message, lang: str) -> str:
    """One message written in ``lang`` (kept on the message against the catalogue it was written from: a
    catalogue read again, as after an office changes its wording, writes it again)."""
    cat = catalogue(lang)
    written = m._written.get(lang)
    if written is not None and written[0] is cat:
        return written[1]  # type: ignore[no-any-return]
    template, fields = _compiled(m.key, lang)
    if not fields:
        text = template
    else:
        params = m.params
        # a field the message does not give is written empty
        text = template.format(**{name: _write(name, params[name], lang) if name in params else ""
                                  for name in fields})
    m._written[lang] = (cat, text)
    return text


def render(messages: Sequence[Message] | Message | None, lang: str) -> str:
    """Messages written in ``lang`` one after the other (no space between Japanese parts)."""
    if messages is None:
        return ""
    if isinstance(messages, Message):
        return render_one(messages, lang)
    sep = catalogue(lang).get("text.separator", " ")
    return sep.join(t for t in (render_one(m, lang) for m in messages) if t)


def render_all(messages: Sequence[Message] | Message | None,
               langs: Iterable[str] | None = None) -> dict[str, str]:
    """``{lang: text}`` for ``langs`` (default: every language with a catalogue)."""
    return {lang: render(messages, lang) for lang in (langs if langs is not None else languages())}
