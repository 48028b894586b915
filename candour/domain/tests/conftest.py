"""Helpers for the domain tests: run ``candour rules`` in process and parse its JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from candour.domain.rules_cli import main


class Run:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def raw(self, *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            import io

            self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        self.capsys.readouterr()
        status = main(list(argv))
        out, err = self.capsys.readouterr()
        return status, out, err

    def json(self, *argv: str, stdin: str | None = None) -> Any:
        status, out, err = self.raw(*argv, stdin=stdin)
        assert status == 0, err
        assert err == ""
        return json.loads(out)

    def assess(self, facts: dict[str, Any], *extra: str) -> dict[str, Any]:
        return self.json("assess", "-", *extra, stdin=json.dumps(facts))


@pytest.fixture
def rules(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``rules.json("deadline", "notice-response", "2023-05-19")`` -> parsed output."""
    monkeypatch.delenv("CANDOUR_RULES_CONFIG", raising=False)
    return Run(capsys, monkeypatch)
