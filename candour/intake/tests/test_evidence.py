"""Evidence files: what a file is comes from its bytes; the ClamAV adapter speaks INSTREAM."""

from __future__ import annotations

import io
import socket
import struct
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from candour.intake.scanning import ClamdScanner, ScannerUnavailable
from candour.intake.sniff import sniff_bytes
from candour.intake.storage import EvidenceRejected, evidence_store
from candour.testing.cast import PNG_BYTES

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data,expected", [
    (PNG_BYTES, "image/png"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    (b"GIF89a" + b"\x00" * 10, "image/gif"),
    (b"%PDF-1.7\n", "application/pdf"),
    (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 8, "video/mp4"),
    (b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 8, "video/quicktime"),
    (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 8, "image/heic"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"),
    (b"ID3\x04\x00" + b"\x00" * 10, "audio/mpeg"),
    ("A note in plain words, with a pound sign £.\n".encode(), "text/plain"),
    (_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_accepted_types_are_recognised_by_content(data: bytes, expected: str) -> None:
    found = sniff_bytes(data)
    assert found is not None and found.content_type == expected


@pytest.mark.parametrize("data", [
    b"MZ\x90\x00" + b"\x00" * 60,                      # Windows executable
    b"\x7fELF\x02\x01\x01" + b"\x00" * 20,             # Linux executable
    b"<!DOCTYPE html><script>alert(1)</script>",       # a web page
    b"<svg xmlns='http://www.w3.org/2000/svg'/>",      # SVG can carry script
    b"#!/bin/sh\nrm -rf /\n",                          # a script
    b"PK\x03\x04" + b"\x00" * 50,                      # a zip that is not a Word document
    b"text with a NUL \x00 in it",                     # binary pretending to be text
    b"",
])
def test_everything_else_is_refused(data: bytes) -> None:
    assert sniff_bytes(data) is None


def test_an_executable_renamed_jpg_is_refused_and_not_written(_evidence_store: Path) -> None:
    data = b"MZ\x90\x00" + b"\x00" * 200
    with pytest.raises(EvidenceRejected, match="must be a JPG"):
        evidence_store(stream=io.BytesIO(data), name="holiday.jpg", size=len(data))
    assert not _evidence_store.exists() or not any(_evidence_store.iterdir())


def test_a_stored_file_gets_a_random_name_and_private_permissions(_evidence_store: Path) -> None:
    upload = evidence_store(stream=io.BytesIO(PNG_BYTES), name="../../etc/passwd.png", size=len(PNG_BYTES))
    assert upload.original_name == "passwd.png"
    path = _evidence_store / upload.stored_name
    assert path.read_bytes() == PNG_BYTES and oct(path.stat().st_mode)[-3:] == "600"
    assert upload.stored_name.isalnum() and len(upload.stored_name) == 32


def test_the_size_is_checked_while_writing_not_only_as_declared(settings: Any, _evidence_store: Path) -> None:
    settings.CANDOUR_EVIDENCE_MAX_BYTES = 100
    data = PNG_BYTES + b"\x00" * 500
    with pytest.raises(EvidenceRejected, match="smaller than"):
        evidence_store(stream=io.BytesIO(data), name="lie.png", size=50)
    assert not any(_evidence_store.iterdir())


@pytest.fixture
def clamd() -> Iterator[str]:
    """A stand-in ClamAV daemon on a loopback port: it reads the INSTREAM chunks and answers as
    clamd does, flagging the EICAR test string."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                assert command == b"zINSTREAM\0"
                body = b""
                while True:
                    (size,) = struct.unpack("!L", conn.recv(4, socket.MSG_WAITALL))
                    if size == 0:
                        break
                    body += conn.recv(size, socket.MSG_WAITALL)
                found = b"Eicar-Test-Signature FOUND" if EICAR in body else b"OK"
                conn.sendall(b"stream: " + found + b"\0")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    host, port = server.getsockname()
    yield f"{host}:{port}"
    stop.set()
    thread.join(2)
    server.close()


def test_clamd_reports_clean_and_infected_files(clamd: str) -> None:
    scanner = ClamdScanner(clamd, timeout=5)
    assert scanner.scan(io.BytesIO(PNG_BYTES + b"x" * 200_000)).status == "clean"
    result = scanner.scan(io.BytesIO(b"prefix " + EICAR))
    assert result.status == "infected" and result.detail == "Eicar-Test-Signature"


def test_an_infected_upload_is_refused_when_clamd_is_on(clamd: str, settings: Any, _evidence_store: Path) -> None:
    settings.CANDOUR_EVIDENCE_SCANNER = "clamd"
    settings.CANDOUR_CLAMD_ADDRESS = clamd
    data = b"A text note. " + EICAR
    with pytest.raises(EvidenceRejected, match="virus"):
        evidence_store(stream=io.BytesIO(data), name="note.txt", size=len(data))
    upload = evidence_store(stream=io.BytesIO(PNG_BYTES), name="ok.png", size=len(PNG_BYTES))
    assert upload.scan == "clean"


def test_an_unreachable_scanner_refuses_the_upload(settings: Any, _evidence_store: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ScannerUnavailable):
        ClamdScanner(f"127.0.0.1:{port}", timeout=1).scan(io.BytesIO(PNG_BYTES))
    settings.CANDOUR_EVIDENCE_SCANNER = "clamd"
    settings.CANDOUR_CLAMD_ADDRESS = f"127.0.0.1:{port}"
    with pytest.raises(EvidenceRejected, match="could not be checked"):
        evidence_store(stream=io.BytesIO(PNG_BYTES), name="ok.png", size=len(PNG_BYTES))
