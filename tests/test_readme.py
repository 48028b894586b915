"""The README's commands work exactly as written, each from a new shell (issue 14).

Runs scripts/check_readme.py against a fresh SQLite database that has been migrated and
given the demo force, as ``make demo`` leaves a checkout. Also: a missing production
setting is one line and exit status 2, not a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CANDOUR = ROOT / ".venv" / "bin" / "candour"
sys.path.insert(0, str(ROOT / "scripts"))

import check_readme  # noqa: E402  (a script, not a package)


def _clean_env(**extra: str) -> dict[str, str]:
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", str(Path.home())), **extra}


def test_placeholders_become_help_and_make_targets_are_planned() -> None:
    text = ("```sh\nmake demo    # serve\n```\nRun `.venv/bin/candour screen WORKFORCE EXTRACT --out X.parquet`"
            " or `.venv/bin/candour rules …` or `.venv/bin/candour casework clocks`; not `ls`.")
    commands = check_readme.readme_commands(text)
    assert commands == ["make demo", ".venv/bin/candour screen WORKFORCE EXTRACT --out X.parquet",
                        ".venv/bin/candour rules …", ".venv/bin/candour casework clocks"]
    runs = [check_readme.check_for(c).run for c in commands]
    assert runs == ["make -n demo >/dev/null", ".venv/bin/candour screen --help >/dev/null",
                    ".venv/bin/candour rules --help >/dev/null", ".venv/bin/candour casework clocks"]


def test_every_readme_command_works_from_a_new_shell(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    if not (ROOT / ".env").is_file():
        message = ".env is missing: `make setup` writes it (the README's commands rely on it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    state = {"DATABASE_URL": f"sqlite:///{tmp_path / 'readme.sqlite3'}",
             "CANDOUR_AUDIT_CHECKPOINT_DIR": str(tmp_path / "checkpoints")}
    for step in (["migrate", "-v0"], ["demo"]):
        done = subprocess.run([str(CANDOUR), *step], cwd=ROOT, env=_clean_env(**state),
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    for name, value in state.items():
        monkeypatch.setenv(name, value)
    status = check_readme.main([])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "FAIL" not in out
    assert ".venv/bin/candour audit verify" in out


def test_a_missing_production_setting_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run([str(CANDOUR), "check"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env=_clean_env(CANDOUR_ENV="production", DJANGO_DEBUG="false"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("candour: DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) is required")


def test_an_unmigrated_database_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    done = subprocess.run([str(CANDOUR), "casework", "clocks"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=_clean_env(CANDOUR_ENV="dev", DATABASE_URL=url))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "has it been migrated?" in done.stderr
