"""Schemathesis over the OpenAPI document: generated requests to every operation, as a signed-in
caseworker, never cause a server error."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from tests.web.conftest import build_office

# Built at import: schemathesis generates one test per operation from the loaded schema.
_TMP = Path(tempfile.mkdtemp(prefix="zairyu-schemathesis-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
OFFICE = build_office(_TMP)
schema = schemathesis.openapi.from_asgi("/openapi.json", OFFICE.app)
HEADERS = {"Authorization": f"Bearer {OFFICE.tokens['caseworker']}"}


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    case.call_and_validate(headers=HEADERS, checks=[not_a_server_error])
