"""Case documents from templates: the Regulation 17 notice, the outcome letter to the
complainant and the 12-month progress report, as printable HTML and as PDF.

PDFs are printed by headless Chromium (the same browser the test suite drives), given the
rendered HTML on standard input through a temporary file; nothing is fetched from the network.
``CANDOUR_CHROMIUM`` names the executable when it is not ``chromium`` on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(RuntimeError):
    """Chromium is not installed or failed: the HTML version still works."""


def chromium_path() -> str | None:
    configured = os.environ.get("CANDOUR_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, *, timeout: float = 60) -> bytes:
    """Print ``html`` (self-contained: inline styles, no external links) to PDF bytes."""
    executable = chromium_path()
    if executable is None:
        raise PdfUnavailable("PDF printing needs Chromium, which is not installed here")
    with tempfile.TemporaryDirectory(prefix="candour-pdf-") as tmp:
        source = Path(tmp) / "document.html"
        target = Path(tmp) / "document.pdf"
        source.write_text(html, encoding="utf-8")
        command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--user-data-dir={tmp}/profile", "--disable-extensions", "--disable-background-networking",
                   f"--print-to-pdf={target}", source.as_uri()]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(f"Chromium could not print the document: {exc}") from exc
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable("Chromium produced no PDF")
        return target.read_bytes()
