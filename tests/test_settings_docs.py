"""docs/settings.md and the code must name the same environment variables."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READ = re.compile(
    r"""(?:env_(?:str|bool|int|list|secret)\(|os\.environ\.get\(|os\.environ\[|getenv\()\s*"((?:CANDOUR|DJANGO)_[A-Z0-9_]+|DATABASE_URL)\"""")
DOCUMENTED = re.compile(r"^\| `([A-Z0-9_]+)` \|", re.MULTILINE)


def _read_by_code() -> set[str]:
    names: set[str] = set()
    for folder in ("config", "candour"):
        for path in (ROOT / folder).rglob("*.py"):
            if "tests" in path.parts:
                continue
            names |= set(READ.findall(path.read_text(encoding="utf-8")))
    names.discard("DJANGO_SETTINGS_MODULE")
    names.discard("DJANGO_ALLOW_ASYNC_UNSAFE")
    return names


def _documented() -> set[str]:
    return set(DOCUMENTED.findall((ROOT / "docs" / "settings.md").read_text(encoding="utf-8")))


def test_every_variable_the_code_reads_is_documented() -> None:
    missing = _read_by_code() - _documented()
    assert not missing, f"read by the code but not in docs/settings.md: {sorted(missing)}"


def test_every_documented_variable_is_read_by_the_code() -> None:
    stale = _documented() - _read_by_code()
    assert not stale, f"documented in docs/settings.md but read nowhere: {sorted(stale)}"


def test_env_example_only_names_documented_variables() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    assert names, ".env.example names no variables"
    assert names <= _documented(), sorted(names - _documented())
