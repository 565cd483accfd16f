"""Shared fixtures. The command line is exercised through Typer's runner on the real app."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from zairyu.cli import app


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
