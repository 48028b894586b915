"""Settings fail closed outside development."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("CANDOUR_", "DJANGO_", "DATABASE_URL", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT, env={**clean, "CANDOUR_DOTENV": "", **env}, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("env,message", [
    ({}, "DJANGO_SECRET_KEY"),
    ({"CANDOUR_ENV": "production"}, "DJANGO_SECRET_KEY"),
    ({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50}, "DJANGO_ALLOWED_HOSTS"),
    ({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50,
      "DJANGO_ALLOWED_HOSTS": "candour.example"}, "DATABASE_URL"),
    ({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50, "DJANGO_DEBUG": "true"},
     "DJANGO_DEBUG"),
    ({"CANDOUR_ENV": "staging"}, "CANDOUR_ENV"),
    ({"CANDOUR_ENV": "dev", "DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
    ({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50,
      "DJANGO_ALLOWED_HOSTS": "candour.example", "DATABASE_URL": "postgres://u@127.0.0.1:5432/c"},
     "CANDOUR_SEALING_PUBLIC_KEY"),
    ({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50,
      "DJANGO_ALLOWED_HOSTS": "candour.example", "DATABASE_URL": "postgres://u@127.0.0.1:5432/c",
      "CANDOUR_SEALING_PUBLIC_KEY": "x" * 43}, "CANDOUR_AUDIT_KEY"),
    ({"CANDOUR_ENV": "dev", "CANDOUR_AUDIT_RETIRED_KEYS": "[1]"}, "CANDOUR_AUDIT_RETIRED_KEYS"),
    ({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY": "k" * 50,
      "DJANGO_ALLOWED_HOSTS": "candour.example", "DATABASE_URL": "postgres://u@127.0.0.1:5432/c",
      "CANDOUR_SEALING_PUBLIC_KEY": "x" * 43, "CANDOUR_AUDIT_KEY": "a" * 64}, "DJANGO_EMAIL_BACKEND"),
    ({"CANDOUR_ENV": "dev", "CANDOUR_EVIDENCE_SCANNER": "clamav"}, "CANDOUR_EVIDENCE_SCANNER"),
    ({"CANDOUR_ENV": "dev", "CANDOUR_INTAKE_RATE_LIMIT": "lots"}, "CANDOUR_INTAKE_RATE_LIMIT"),
    ({"CANDOUR_ENV": "dev", "CANDOUR_RETENTION_SCHEDULE": "/nonexistent/retention.toml"},
     "CANDOUR_RETENTION_SCHEDULE: cannot read"),
])
def test_production_refuses_to_start_without_its_settings(env: dict[str, str], message: str) -> None:
    result = _load(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_its_settings(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s" * 50)
    result = _load({"CANDOUR_ENV": "production", "DJANGO_SECRET_KEY_FILE": str(secret),
                    "CANDOUR_SEALING_PUBLIC_KEY": "x" * 43, "CANDOUR_AUDIT_KEY": "a" * 64,
                    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "DJANGO_ALLOWED_HOSTS": "candour.example",
                    "DATABASE_URL": "postgres://u@127.0.0.1:5432/candour"})
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout


def test_development_defaults_to_sqlite() -> None:
    result = _load({"CANDOUR_ENV": "dev"})
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout


def test_a_mistake_in_the_retention_schedule_stops_the_service_naming_it(tmp_path: Path) -> None:
    schedule = tmp_path / "retention.toml"
    text = (ROOT / "config" / "retention.toml").read_text(encoding="utf-8")
    schedule.write_text(text.replace('keep = "6 years"', 'keep = "six years"', 1), encoding="utf-8")
    result = _load({"CANDOUR_ENV": "dev", "CANDOUR_RETENTION_SCHEDULE": str(schedule)})
    assert result.returncode != 0
    assert "rules.case: keep must be like '6 years'" in result.stderr
