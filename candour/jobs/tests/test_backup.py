"""``candour backup`` and ``candour restore`` on the run's own engine (SQLite or PostgreSQL):
a populated instance backed up and restored into an empty one has the same rows, the same
evidence files and an audit chain that verifies against the checkpoint taken before; a damaged
or incomplete backup, or a restore into an instance that is not empty, is refused and
changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess  # nosec B404 # the real `candour audit verify` against the restored database
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from candour.audit.services import audit_checkpoint_take
from candour.jobs.backup import BackupError, backup_create, backup_restore, backups_list
from candour.testing.cast import make_cast
from tests.browser.walk import step

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads from its own connection
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def populated(settings: Any, tmp_path: Path) -> dict[str, Any]:
    """The cast with a case recorded and handled (audit events), two evidence files and a
    signed checkpoint of the audit chains."""
    settings.CANDOUR_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    cast = make_cast()
    aa = cast.appropriate_authority
    step(cast.case, "record", aa, "Recorded under Schedule 3")
    step(cast.case, "handle_otherwise", aa, "Can be resolved without an investigation")
    evidence = Path(settings.CANDOUR_EVIDENCE_DIR)
    evidence.mkdir(parents=True, exist_ok=True)
    files = {"3f2a9c": b"%PDF-1.4 statement of the complainant\n", "b71e04": os.urandom(70_000)}
    for name, body in files.items():
        (evidence / name).write_bytes(body)
    checkpoint = audit_checkpoint_take()
    return {"files": files, "checkpoint": checkpoint, "counts": _counts_here()}


def _counts_here() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # nosec B608 # names from the schema
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[tuple[dict[str, Any], str]]:
    """An empty database of the run's engine: its Django settings and its DATABASE_URL."""
    here = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield {"ENGINE": here["ENGINE"], "NAME": str(path)}, f"sqlite:///{path}"
        return
    import psycopg

    name = f"{here['NAME']}_restored"
    kwargs = {k: here[key] for k, key in (("host", "HOST"), ("port", "PORT"), ("user", "USER"),
                                          ("password", "PASSWORD")) if here.get(key)}
    with psycopg.connect(dbname="postgres", autocommit=True, **kwargs) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    database = {**here, "NAME": name}
    user = f"{here['USER']}@" if here.get("USER") else ""
    try:
        yield database, f"postgres://{user}{here['HOST']}:{here['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **kwargs) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _counts_there(database: dict[str, Any]) -> dict[str, int]:
    if database["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(database["NAME"]) as conn:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            return {t: _one(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()) for t in tables}  # nosec B608
    import psycopg

    kwargs = {k: database[key] for k, key in (("dbname", "NAME"), ("host", "HOST"), ("port", "PORT"),
                                               ("user", "USER"), ("password", "PASSWORD")) if database.get(key)}
    with psycopg.connect(**kwargs) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {t: _one(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()) for t in tables}  # nosec B608


def _one(row: Any) -> int:
    return int(row[0])


def _verify(url: str, checkpoint: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(CANDOUR_ENV="test", DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "manage.py", "audit", "verify", "--checkpoint", str(checkpoint)],  # nosec B603
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_backup_then_restore_into_an_empty_instance_gives_the_same_instance(
        populated: dict[str, Any], empty_database: tuple[dict[str, Any], str], tmp_path: Path) -> None:
    database, url = empty_database
    made = backup_create(directory=tmp_path / "backups", keep=3, now=datetime(2026, 12, 7, 4, tzinfo=UTC))
    assert made.path.name == "candour-20261207T040000000000Z"
    manifest = json.loads((made.path / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert {"evidence/3f2a9c", "evidence/b71e04"} <= set(manifest["files"])

    restored_evidence = tmp_path / "restored-evidence"
    restored_checkpoints = tmp_path / "restored-checkpoints"
    restored = backup_restore(source=made.path, database=database, evidence_dir=restored_evidence,
                              checkpoint_dir=restored_checkpoints)
    assert restored.files == len(manifest["files"])

    before = populated["counts"]
    after = _counts_there(database)
    assert after == before
    assert before["audit_auditevent"] >= 2 and before["cases_case"] >= 1
    for name, body in populated["files"].items():
        assert hashlib.sha256((restored_evidence / name).read_bytes()).digest() == hashlib.sha256(body).digest()
    checkpoint = restored_checkpoints / populated["checkpoint"].name
    assert checkpoint.is_file()
    verified = _verify(url, checkpoint)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "ok" in verified.stdout.lower() or "verified" in verified.stdout.lower(), verified.stdout


def test_restore_refuses_an_instance_that_is_not_empty(populated: dict[str, Any], tmp_path: Path) -> None:
    made = backup_create(directory=tmp_path / "backups", keep=1, now=datetime(2026, 12, 7, 4, tzinfo=UTC))
    with pytest.raises(CommandError, match="empty instance"):  # this instance's own database holds tables
        call_command("restore", str(made.path))
    assert _counts_here() == populated["counts"]


def test_a_damaged_or_incomplete_backup_is_refused_before_anything_is_written(
        populated: dict[str, Any], empty_database: tuple[dict[str, Any], str], tmp_path: Path) -> None:
    database, _ = empty_database
    made = backup_create(directory=tmp_path / "backups", keep=1, now=datetime(2026, 12, 7, 4, tzinfo=UTC))
    target = tmp_path / "restored-evidence"
    (made.path / "evidence" / "b71e04").write_bytes(b"changed")
    with pytest.raises(BackupError, match="evidence/b71e04 does not match its checksum"):
        backup_restore(source=made.path, database=database, evidence_dir=target, checkpoint_dir=tmp_path / "c")
    (made.path / "evidence" / "b71e04").unlink()
    with pytest.raises(BackupError, match="missing evidence/b71e04"):
        backup_restore(source=made.path, database=database, evidence_dir=target, checkpoint_dir=tmp_path / "c")
    (made.path / "manifest.json").unlink()
    with pytest.raises(BackupError, match="not a complete backup"):
        backup_restore(source=made.path, database=database, evidence_dir=target, checkpoint_dir=tmp_path / "c")
    assert not target.exists()
    assert not _counts_there(database) or sum(_counts_there(database).values()) == 0


def test_backups_keep_the_newest_and_a_failed_one_leaves_nothing(populated: dict[str, Any], tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "backups"
    start = datetime(2026, 12, 1, 4, tzinfo=UTC)
    for day in range(4):
        backup_create(directory=directory, keep=2, now=start + timedelta(days=day))
    assert [p.name for p in backups_list(directory)] == ["candour-20261203T040000000000Z",
                                                         "candour-20261204T040000000000Z"]

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr("candour.jobs.backup._copy_tree", broken)
    with pytest.raises(CommandError, match="backup failed, nothing kept: No space left on device"):
        call_command("backup", "--dir", str(directory), "--keep", "2")
    assert sorted(p.name for p in directory.iterdir()) == ["candour-20261203T040000000000Z",
                                                           "candour-20261204T040000000000Z"]
