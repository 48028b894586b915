"""Virus scanning hook for evidence files.

``CANDOUR_EVIDENCE_SCANNER`` chooses the scanner: ``none`` (the default: files are kept and
marked "not scanned") or ``clamd``, which streams each file to a ClamAV daemon at
``CANDOUR_CLAMD_ADDRESS`` (``host:port`` or a Unix socket path) with the INSTREAM command.
A file the scanner flags is refused and not stored; if the scanner cannot be reached the
upload is refused with a message to try again, so nothing unscanned slips through once
scanning is switched on.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from django.conf import settings


@dataclass(frozen=True)
class ScanResult:
    status: str  # "not_scanned", "clean" or "infected"
    detail: str = ""


class ScannerUnavailable(RuntimeError):
    """The scanner could not be reached or gave an answer we do not understand."""


class Scanner(Protocol):
    def scan(self, stream: BinaryIO) -> ScanResult: ...


class NoScanner:
    def scan(self, stream: BinaryIO) -> ScanResult:
        return ScanResult("not_scanned")


class ClamdScanner:
    """Minimal clamd client: ``zINSTREAM``, chunks prefixed by a 4-byte big-endian length."""

    CHUNK = 64 * 1024

    def __init__(self, address: str, timeout: float = 30.0) -> None:
        self.address = address
        self.timeout = timeout

    def _connect(self) -> socket.socket:
        if ":" in self.address and not self.address.startswith("/"):
            host, _, port = self.address.rpartition(":")
            return socket.create_connection((host, int(port)), timeout=self.timeout)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self.address)
        return sock

    def scan(self, stream: BinaryIO) -> ScanResult:
        stream.seek(0)
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                while chunk := stream.read(self.CHUNK):
                    sock.sendall(struct.pack("!L", len(chunk)) + chunk)
                sock.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0"):
                    part = sock.recv(4096)
                    if not part:
                        break
                    reply += part
        except OSError as exc:
            raise ScannerUnavailable(f"clamd at {self.address} could not be reached: {exc}") from exc
        finally:
            stream.seek(0)
        answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
        if answer.endswith("OK"):
            return ScanResult("clean")
        if answer.endswith("FOUND"):
            signature = answer.removeprefix("stream:").removesuffix("FOUND").strip()
            return ScanResult("infected", signature[:200])
        raise ScannerUnavailable(f"clamd answered {answer[:200]!r}")


def configured_scanner() -> Scanner:
    if settings.CANDOUR_EVIDENCE_SCANNER == "clamd":
        return ClamdScanner(settings.CANDOUR_CLAMD_ADDRESS)
    return NoScanner()
