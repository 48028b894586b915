"""The OpenAPI document of /api/v1 is published: clients are generated from it, operation ids
and schema names included. This test holds it to the snapshot in ``openapi.json`` beside it.

A deliberate change to the API updates the snapshot in the same commit, so the review shows the
document's change with the code's::

    DJANGO_SETTINGS_MODULE=config.settings CANDOUR_ENV=test .venv/bin/python -c "import django,json;\\
    django.setup();from candour.api.api import api;\\
    print(json.dumps(api.get_openapi_schema(), indent=1, sort_keys=True))" > candour/api/tests/openapi.json

A failure here that no one meant is a change to the published API: undo it instead.
"""

from __future__ import annotations

import json
from pathlib import Path

from candour.api.api import api

SNAPSHOT = Path(__file__).with_name("openapi.json")


def test_openapi_document_matches_the_snapshot() -> None:
    live = json.dumps(api.get_openapi_schema(), indent=1, sort_keys=True) + "\n"
    assert live == SNAPSHOT.read_text(encoding="utf-8")
