"""Shared fixtures. The command line is exercised through Typer's runner on the real app."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from typer.testing import CliRunner

from zairyu.cli import app

# One field-encryption key for the whole suite (docs/security.md): services, command line and servers started by
# the tests then read each other's values whatever data directory each uses. Tests of the key file unset it.
TEST_FIELD_KEY = "C81ErawWha_ubCq3fE1TlZQ95dU2mtsppoEM7oxNAjQ="
os.environ.setdefault("ZAIRYU_FIELD_KEYS", TEST_FIELD_KEY)


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Any:
        return self.runner.invoke(app, list(args), input=input)

    def json(self, *args: str) -> Any:
        res = self(*args)
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()
