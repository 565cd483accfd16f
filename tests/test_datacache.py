"""Parsed data kept on disk between commands (``zairyu.datacache``): a changed law file, precedent file, message
catalogue or library version is parsed again, never answered from what was kept for the old one; only plain data
is read back; a warm command does not parse YAML at all. Expected values: the files the tests write themselves
(no legal value is asserted here beyond "the changed file's value is the one used")."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zairyu import datacache, messages, nationality
from zairyu.law.loader import DATA_DIR, load_dir
from zairyu.precedents.register import _load_yaml, dataset_text, parse_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("ZAIRYU_CACHE_DIR", str(where))
    return where


def _kept(cache_dir: Path, name: str) -> list[Path]:
    return sorted((cache_dir / "data").glob(f"{name}-*.pickle"))


def test_a_changed_law_file_is_read_again(cache_dir: Path, tmp_path: Path) -> None:
    law_dir = tmp_path / "law"
    shutil.copytree(DATA_DIR, law_dir)
    before = load_dir(law_dir)
    assert load_dir(law_dir) == before  # the second time from what was kept
    path = law_dir / "statuses_i3_i4.yaml"
    assert len(_kept(cache_dir, "law-statuses_i3_i4")) == 1
    # the shipped file names the Student status 留学 (ICRRA Annexed Table I-4); the copy is changed
    assert next(s for s in before.statuses if s.code == "student").name_ja == "留学"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name_ja: 留学\n", "name_ja: 留学（変更）\n", 1), encoding="utf-8")
    after = load_dir(law_dir)
    assert next(s for s in after.statuses if s.code == "student").name_ja == "留学（変更）"
    assert len(_kept(cache_dir, "law-statuses_i3_i4")) == 1, "the old text's parse is removed"


def test_a_changed_precedent_file_is_read_again(cache_dir: Path) -> None:
    text = dataset_text()
    first = parse_dataset(_load_yaml(text, "precedents"))
    assert parse_dataset(_load_yaml(text, "precedents")) == first
    changed = text.replace(f"id: {first[0].id}", f"id: {first[0].id}-changed", 1)
    assert changed != text
    assert parse_dataset(_load_yaml(changed, "precedents"))[0].id == f"{first[0].id}-changed"


def test_a_changed_catalogue_is_read_again(cache_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "messages"
    extra.mkdir()
    monkeypatch.setenv(messages.EXTRA_DIR_ENV, str(extra))
    key = next(iter(messages.catalogue.__wrapped__("en")))
    try:
        (extra / "en.yaml").write_text(f"{key}: first\n", encoding="utf-8")
        messages.catalogue.cache_clear()
        assert messages.catalogue("en")[key] == "first"
        (extra / "en.yaml").write_text(f"{key}: second\n", encoding="utf-8")
        messages.catalogue.cache_clear()
        assert messages.catalogue("en")[key] == "second"
    finally:
        monkeypatch.delenv(messages.EXTRA_DIR_ENV)
        messages.catalogue.cache_clear()


def test_what_it_was_made_from_names_the_entry(cache_dir: Path) -> None:
    # a new library version (or any other input named in made_from) is built again, not read back
    assert datacache.remembered("thing", "lib 1.0", lambda: "one") == "one"
    assert datacache.remembered("thing", "lib 1.0", lambda: "not built: kept") == "one"
    assert datacache.remembered("thing", "lib 2.0", lambda: "two") == "two"
    assert len(_kept(cache_dir, "thing")) == 1


def test_nationalities_are_kept_per_babel_version(cache_dir: Path) -> None:
    import babel

    nationality.codes.cache_clear()
    try:
        built = nationality.codes()
        path = datacache.entry("nationalities", f"babel {babel.__version__} en "
                                                f"{sorted(nationality.NOT_NATIONALITIES)}")
        assert path.exists()
        assert {"CN", "CH", "RU", "UA", "MM"} <= built and "EU" not in built
    finally:
        nationality.codes.cache_clear()


def test_only_plain_data_is_read_back(cache_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = datacache.entry("evil", "x")
    path.parent.mkdir(parents=True)

    class Run:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    path.write_bytes(pickle.dumps(Run()))
    assert datacache.remembered("evil", "x", lambda: {"built": True}) == {"built": True}
    assert not marker.exists()


def test_a_warm_assessment_parses_no_yaml(cache_dir: Path) -> None:
    env = dict(os.environ, ZAIRYU_CACHE_DIR=str(cache_dir))
    facts = str(ROOT / "examples/facts/motivating_case_2023-01.json")
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('yaml' in sys.modules, file=sys.stderr))\n"
            "from zairyu.cli import main\n"
            f"main(['assess', {facts!r}, '--on', '2023-01-20', '--lang', 'en'])\n")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert first.stderr.strip().splitlines()[-1] == "True"    # the first run parses the files
    assert second.stderr.strip().splitlines()[-1] == "False"  # the next ones read what was kept
    assert first.stdout == second.stdout


def test_plural_rules_kept_per_language_and_babel_version_are_babels(cache_dir: Path) -> None:
    import babel
    from babel import Locale

    messages._plural_rule.cache_clear()
    messages._plural_form.cache_clear()
    try:
        for lang in messages.languages():
            for n in range(0, 130):  # CLDR plural rules, as Babel applies them: 1 год, 2 года, 5 лет, 21 год
                assert messages._plural_form(lang, n) == str(Locale.parse(lang).plural_form(n)), (lang, n)
            assert datacache.entry(f"plural-{lang}", f"babel {babel.__version__} {lang}").exists()
        assert [messages._plural_form("ru", n) for n in (1, 2, 5, 21)] == ["one", "few", "many", "one"]
    finally:
        messages._plural_rule.cache_clear()
        messages._plural_form.cache_clear()
