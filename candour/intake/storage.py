"""Evidence files on disk: outside the web root, under random names, written before the report.

An upload is checked (size, type by content, scanner) and written to
``CANDOUR_EVIDENCE_DIR`` at once, under a random name; the database row that attaches it
to a report is written later, in the report's own transaction. A file whose report never
arrives (an abandoned form) is an orphan, removed by ``candour intake purge``.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from candour.intake.scanning import ScannerUnavailable, configured_scanner
from candour.intake.sniff import ALLOWED_LABELS, sniff


class EvidenceRejected(ValueError):
    """The file cannot be accepted; the message says why in plain words."""


@dataclass(frozen=True)
class StoredUpload:
    """A file written to the evidence store, not yet attached to a report."""

    stored_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str
    scan: str
    scan_detail: str

    def to_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> StoredUpload:
        return cls(**data)


def evidence_dir() -> Path:
    path = Path(settings.CANDOUR_EVIDENCE_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def evidence_path(stored_name: str) -> Path:
    if not stored_name.isalnum():
        raise ValueError("stored names are letters and digits only")
    return evidence_dir() / stored_name


def _clean_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")).strip()
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')
    return cleaned[:200] or "file"


def evidence_store(*, stream: BinaryIO, name: str, size: int) -> StoredUpload:
    """Check and write one uploaded file; raises :class:`EvidenceRejected`."""
    limit = settings.CANDOUR_EVIDENCE_MAX_BYTES
    if size == 0:
        raise EvidenceRejected(_("The selected file %(name)s is empty") % {"name": _clean_name(name)})
    if size > limit:
        raise EvidenceRejected(
            _("The selected file must be smaller than %(mb)s MB") % {"mb": limit // (1024 * 1024)})
    kind = sniff(stream)
    if kind is None:
        raise EvidenceRejected(_("The selected file must be a %(types)s") % {"types": ALLOWED_LABELS})
    try:
        result = configured_scanner().scan(stream)
    except ScannerUnavailable as exc:
        raise EvidenceRejected(
            _("The file could not be checked for viruses just now. Try again in a few minutes")) from exc
    if result.status == "infected":
        raise EvidenceRejected(_("The selected file contains a virus and has not been kept"))
    digest = hashlib.sha256()
    stored_name = secrets.token_hex(16)
    target = evidence_path(stored_name)
    stream.seek(0)
    written = 0
    with open(target, "xb") as out:
        os.chmod(target, 0o600)
        while chunk := stream.read(1024 * 1024):
            written += len(chunk)
            if written > limit:
                out.close()
                target.unlink(missing_ok=True)
                raise EvidenceRejected(
                    _("The selected file must be smaller than %(mb)s MB") % {"mb": limit // (1024 * 1024)})
            digest.update(chunk)
            out.write(chunk)
    return StoredUpload(stored_name=stored_name, original_name=_clean_name(name),
                        content_type=kind.content_type, size=written, sha256=digest.hexdigest(),
                        scan=result.status, scan_detail=result.detail)


def evidence_discard(upload: StoredUpload) -> None:
    evidence_path(upload.stored_name).unlink(missing_ok=True)
