"""What a file really is, from its first bytes: never from its name or the browser's word.

Only the types a complainant is likely to hold as evidence are accepted: photographs,
screenshots, documents, and audio or video recordings. Anything else (an executable renamed
``.jpg``, an HTML page, a script, an archive) is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


JPEG = FileType("image/jpeg", "jpg", "JPG")
PNG = FileType("image/png", "png", "PNG")
GIF = FileType("image/gif", "gif", "GIF")
WEBP = FileType("image/webp", "webp", "WebP")
HEIC = FileType("image/heic", "heic", "HEIC")
PDF = FileType("application/pdf", "pdf", "PDF")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
                "Word document")
MP4 = FileType("video/mp4", "mp4", "MP4")
MOV = FileType("video/quicktime", "mov", "MOV")
M4A = FileType("audio/mp4", "m4a", "M4A")
MP3 = FileType("audio/mpeg", "mp3", "MP3")
WAV = FileType("audio/wav", "wav", "WAV")
TEXT = FileType("text/plain", "txt", "text file")

#: Every accepted type by its content type: what a stored file is served as.
BY_CONTENT_TYPE = {t.content_type: t for t in (JPEG, PNG, GIF, WEBP, HEIC, PDF, DOCX, MP4, MOV, M4A, MP3, WAV,
                                               TEXT)}

#: What the error message lists, in this order (translated when the message is shown).
ALLOWED_LABELS = _("JPG, PNG, GIF, WebP, HEIC, PDF, Word document, MP4, MOV, M4A, MP3, WAV or text file")

_HEAD = 4096


def sniff(stream: BinaryIO) -> FileType | None:
    """The accepted type of ``stream`` by content, or ``None``. Leaves the stream at 0."""
    stream.seek(0)
    head = stream.read(_HEAD)
    stream.seek(0)
    if not head:
        return None
    found = _by_signature(head)
    if found is DOCX:
        found = DOCX if _is_docx(stream) else None
        stream.seek(0)
    elif found is None:
        found = TEXT if _is_text(stream) else None
        stream.seek(0)
    return found


def _by_signature(head: bytes) -> FileType | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head.startswith(b"%PDF-"):
        return PDF
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            return HEIC
        if brand == b"qt  ":
            return MOV
        if brand in (b"M4A ", b"M4B "):
            return M4A
        return MP4
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return MP3
    if head.startswith(b"PK\x03\x04"):
        return DOCX  # confirmed by _is_docx: any other zip is refused
    return None


def _is_docx(stream: BinaryIO) -> bool:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_text(stream: BinaryIO, limit: int = 1024 * 1024) -> bool:
    """UTF-8 text with no control characters other than tab and line breaks, and no markup."""
    data = stream.read(limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character may be cut at the limit.
        try:
            text = data[:-3].decode("utf-8") if len(data) == limit else ""
        except UnicodeDecodeError:
            return False
        if not text:
            return False
    if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
        return False
    lowered = text.lower()
    # Active content anywhere in the text, not only at its start: a browser, mshta or an
    # office program finds it wherever it is (an HTA with a line of text before its tags).
    return not lowered.lstrip().startswith(("<?xml", "#!")) and not any(tag in lowered for tag in _ACTIVE_TAGS)


#: Markup that runs when opened: refused in a text file.
_ACTIVE_TAGS = ("<!doctype", "<html", "<script", "<svg", "<hta:", "<iframe", "<object", "<embed", "<meta ",
                "<body", "<form", "<?php", "<% ")


def sniff_bytes(data: bytes) -> FileType | None:
    return sniff(BytesIO(data))
