"""The circumstance tags: one controlled vocabulary (``data/tags.yaml``, labels ``tag.<code>`` in the message
catalogues) for the precedent register and the facts format's ``circumstances.grounds``.

Kept free of heavy imports: the facts format checks its grounds against it on every ``zairyu assess``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from zairyu import datacache


@cache
def tag_codes() -> tuple[str, ...]:
    """Every tag code, core tags first (file order)."""
    text = resources.files("zairyu.precedents").joinpath("data/tags.yaml").read_text(encoding="utf-8")
    raw = datacache.load_yaml(text, name="precedent-tags")
    return tuple(raw["core"]) + tuple(raw["extra"])


def check_tags(values: list[str]) -> list[str]:
    """The tags, each checked against the vocabulary (ValueError naming the unknown one and what is allowed)."""
    known = tag_codes()
    for v in values:
        if v not in known:
            raise ValueError(f"'{v}' is not a circumstance tag; allowed: {', '.join(known)}")
    return values


def tag_label(code: str, lang: str) -> str:
    from zairyu.messages import message, render

    return render(message(f"tag.{code}"), lang)


__all__ = ["check_tags", "tag_codes", "tag_label"]
