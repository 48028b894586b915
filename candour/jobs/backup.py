"""Backups of a whole instance, and their restore into an empty one (docs/operations.md).

A backup is one directory, ``candour-<UTC time>``, holding the database (SQLite's online backup
API, or ``pg_dump`` in custom format), a copy of the evidence store and of the signed audit
checkpoints, and ``manifest.json`` with the SHA-256 and size of every file. It is written under
a ``.partial`` name and renamed only when complete, so a crash never leaves something that
looks like a backup. ``backup_restore`` checks every checksum before it writes anything, and
writes only into an empty database and empty directories: a restore never merges.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 # pg_dump and pg_restore, with argument lists, never a shell
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = 1
PREFIX = "candour-"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
EVIDENCE = "evidence"
CHECKPOINTS = "audit-checkpoints"


class BackupError(Exception):
    """A backup or restore refused, with the reason a person can act on."""


@dataclass(frozen=True)
class BackupMade:
    path: Path
    files: int
    bytes: int
    removed: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Restored:
    engine: str
    files: int
    created_at: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def _engine(database: Mapping[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"no backup method for the database engine {engine}")


def _pg_args(database: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump and pg_restore, the password through the environment."""
    args = ["--dbname", str(database["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [flag, str(database[key])]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: apt install postgresql-client)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # nosec B603 # argument list from settings, no shell
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        raise BackupError(f"{tool} failed: {said[-1] if said else f'exit status {done.returncode}'}")


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        for path in _files(source):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)


def backups_list(directory: Path) -> list[Path]:
    """The complete backups in ``directory``, oldest first (the names sort by time)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir()
                  if p.is_dir() and p.name.startswith(PREFIX) and not p.name.endswith(".partial")
                  and (p / MANIFEST).is_file())


def backup_create(*, directory: Path, keep: int, now: datetime) -> BackupMade:
    """Back up the database, the evidence store and the audit checkpoints into a new directory
    under ``directory``; then keep only the newest ``keep`` backups."""
    if keep < 1:
        raise BackupError("keep at least one backup")
    engine = _engine(connection.settings_dict)
    name = f"{PREFIX}{now.strftime('%Y%m%dT%H%M%S%fZ')}"
    final = directory / name
    partial = directory / f"{name}.partial"
    if final.exists() or partial.exists():
        raise BackupError(f"{final} already exists")
    partial.mkdir(parents=True)
    try:
        if engine == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(partial / SQLITE_FILE)
            try:
                connection.connection.backup(target)  # the online backup API: a consistent copy while others write
            finally:
                target.close()
        else:
            args, env = _pg_args(connection.settings_dict)
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial / PG_FILE), *args], env)
        _copy_tree(Path(settings.CANDOUR_EVIDENCE_DIR), partial / EVIDENCE)
        _copy_tree(Path(settings.CANDOUR_AUDIT_CHECKPOINT_DIR), partial / CHECKPOINTS)
        files: dict[str, dict[str, Any]] = {
            str(p.relative_to(partial)): {"sha256": _sha256(p), "bytes": p.stat().st_size} for p in _files(partial)}
        manifest = {"format": FORMAT, "created_at": now.isoformat(), "engine": engine, "files": files}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    removed = []
    for old in backups_list(directory)[:-keep]:
        shutil.rmtree(old)
        removed.append(old)
    return BackupMade(path=final, files=len(files), bytes=sum(int(f["bytes"]) for f in files.values()),
                      removed=removed)


def _manifest(source: Path) -> dict[str, Any]:
    """The backup's manifest, every file in it present with its checksum, or BackupError."""
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} is not a complete backup: it has no {MANIFEST}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from exc
    if (not isinstance(manifest, dict) or manifest.get("format") != FORMAT
            or not isinstance(manifest.get("files"), dict)):
        raise BackupError(f"{path} is not a Candour backup manifest of format {FORMAT}")
    listed = set(manifest["files"])
    present = {str(p.relative_to(source)) for p in _files(source)} - {MANIFEST}
    if listed - present:
        raise BackupError(f"the backup is missing {sorted(listed - present)[0]}")
    if present - listed:
        raise BackupError(f"the backup holds a file its manifest does not list: {sorted(present - listed)[0]}")
    for relative, expected in manifest["files"].items():
        if _sha256(source / relative) != expected.get("sha256"):
            raise BackupError(f"{relative} does not match its checksum: the backup is damaged")
    return manifest


def _is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def _pg_tables(database: Mapping[str, Any]) -> int:
    import psycopg  # lazy: only a PostgreSQL restore needs it

    kwargs = {k: database[key] for k, key in (("dbname", "NAME"), ("host", "HOST"), ("port", "PORT"),
                                               ("user", "USER"), ("password", "PASSWORD")) if database.get(key)}
    with psycopg.connect(**kwargs) as conn:
        row = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    return int(row[0]) if row else 0


def _sqlite_tables(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])


def backup_restore(*, source: Path, database: Mapping[str, Any], evidence_dir: Path,
                   checkpoint_dir: Path) -> Restored:
    """Restore the backup at ``source`` into ``database`` (a Django database settings mapping),
    ``evidence_dir`` and ``checkpoint_dir``, all of which must be empty. Nothing is written
    until every check has passed."""
    manifest = _manifest(source)
    engine = _engine(database)
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of a {manifest['engine']} database; this instance uses {engine}")
    for label, path in (("evidence store", evidence_dir), ("audit checkpoint directory", checkpoint_dir)):
        if not _is_empty_dir(path):
            raise BackupError(f"restore goes into an empty instance: the {label} {path} is not empty")
    if engine == "sqlite":
        target = Path(str(database["NAME"]))
        if _sqlite_tables(target):
            raise BackupError(f"restore goes into an empty instance: {target} already holds tables")
        source_db = sqlite3.connect(source / SQLITE_FILE)
        target_db = sqlite3.connect(target)
        try:
            source_db.backup(target_db)
        finally:
            source_db.close()
            target_db.close()
    else:
        if _pg_tables(database):
            raise BackupError(f"restore goes into an empty instance: the database {database['NAME']} "
                              "already holds tables (create an empty one: createdb NAME)")
        args, env = _pg_args(database)
        _run(["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", *args,
              str(source / PG_FILE)], env)
    _copy_tree(source / EVIDENCE, evidence_dir)
    _copy_tree(source / CHECKPOINTS, checkpoint_dir)
    return Restored(engine=engine, files=len(manifest["files"]), created_at=str(manifest["created_at"]))
