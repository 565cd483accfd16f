"""Catalogue commands for translators: ``zairyu messages languages`` and ``zairyu messages missing LANG``."""

from __future__ import annotations

import typer
from rich.table import Table

from zairyu.cli._app import app
from zairyu.cli.common import console, print_json
from zairyu.errors import InvalidInputError
from zairyu.messages import FALLBACK, catalogue, languages, missing_keys

messages_app = typer.Typer(help="The text catalogues: one file per language (zairyu/messages/<lang>.yaml).",
                           no_args_is_help=True)
app.add_typer(messages_app, name="messages")


@messages_app.command("languages")
def languages_cmd(as_json: bool = typer.Option(False, "--json", help="Machine-readable output")) -> None:
    """Every language zairyu writes (a catalogue file each) and how many keys each still writes in English."""
    rows: list[dict[str, str | int]] = [
        {"lang": lang, "name": catalogue(lang).get("language.name", lang), "keys": len(catalogue(lang)),
         "missing": len(missing_keys(lang))} for lang in languages()]
    if as_json:
        print_json({"fallback": FALLBACK, "languages": rows})
        return
    t = Table(title="Languages")
    for col in ("lang", "name", "keys", "missing"):
        t.add_column(col)
    for r in rows:
        t.add_row(*(str(r[k]) for k in ("lang", "name", "keys", "missing")))
    console.print(t)


@messages_app.command("missing")
def missing_cmd(lang: str = typer.Argument(..., help="A language code, e.g. ko"),
                as_json: bool = typer.Option(False, "--json", help="Machine-readable output")) -> None:
    """The keys a catalogue does not have yet (written in English until it does), with the English text."""
    if lang not in languages():
        raise InvalidInputError(f"no catalogue for '{lang}'", field="lang", value=lang,
                                allowed="|".join(languages()))
    keys = missing_keys(lang)
    if as_json:
        print_json({"lang": lang, "missing": {k: catalogue(FALLBACK)[k] for k in keys}})
        return
    for k in keys:
        console.print(f"{k}: {catalogue(FALLBACK)[k]}", markup=False, highlight=False)
    console.print(f"{len(keys)} keys missing in {lang}", markup=False)
