"""Case documents from templates: the Regulation 17 notice, the outcome letter to the
complainant and the 12-month progress report, as printable HTML and as PDF.

PDFs are printed by headless Chromium (the same browser the test suite drives), given the
rendered HTML through a temporary file; nothing is fetched from the network (every host name
resolves to nothing) and no script runs (the document carries a policy that allows only its own
style element). Chromium runs in its own sandbox: ``--no-sandbox`` is
passed only to a process running as root, where the sandbox cannot start, and only when
``CANDOUR_PDF_ALLOW_NO_SANDBOX`` allows it (dev and test). ``CANDOUR_CHROMIUM`` names the
executable when it is not ``chromium`` on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # nosec B404 # only to run Chromium, below
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

#: The states in which an investigation is running (the progress report and the notice).
INVESTIGATING = ("investigation", "paused")


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


def sandbox_flags() -> list[str]:
    """``[]`` (Chromium's sandbox on) unless this process runs as root, where Chromium cannot
    sandbox: then ``--no-sandbox`` if ``CANDOUR_PDF_ALLOW_NO_SANDBOX``, else refused."""
    if os.geteuid() != 0:
        return []
    if settings.CANDOUR_PDF_ALLOW_NO_SANDBOX:
        return ["--no-sandbox"]
    raise PdfUnavailable("PDF printing is switched off: Chromium cannot use its sandbox when Candour runs as "
                         "root. Run Candour as an unprivileged user")


def pdf_command(executable: str, *, source: Path, target: Path, profile: Path) -> list[str]:
    """The Chromium command line that prints ``source`` to ``target``."""
    return [executable, "--headless", *sandbox_flags(), "--disable-gpu", "--no-pdf-header-footer",
            f"--user-data-dir={profile}", "--disable-extensions", "--disable-background-networking",
            # Defence in depth: the document is rendered from escaped templates, but should
            # anything slip in, no host name resolves (nothing is fetched); the document's own
            # policy (a meta element) lets no script run.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--print-to-pdf={target}", source.as_uri()]


def html_to_pdf(html: str, *, timeout: float = 60) -> bytes:
    """Print ``html`` (self-contained: inline styles, no external links) to PDF bytes."""
    executable = chromium_path()
    if executable is None:
        raise PdfUnavailable("PDF printing needs Chromium, which is not installed here")
    with tempfile.TemporaryDirectory(prefix="candour-pdf-") as tmp:
        source = Path(tmp) / "document.html"
        target = Path(tmp) / "document.pdf"
        source.write_text(html, encoding="utf-8")
        command = pdf_command(executable, source=source, target=target, profile=Path(tmp) / "profile")
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # nosec B603 # a fixed argument list, no shell; paths are our temporary files
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(f"Chromium could not print the document: {exc}") from exc
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable("Chromium produced no PDF")
        return target.read_bytes()


# -- when each document means something (the case page offers only these; a URL is refused) --


def notice(*, case: Any, subject: Any, served: bool) -> str:
    """Why the Regulation 17 notice for ``subject`` cannot be printed, or "" when it can: the
    conduct is assessed as misconduct or gross misconduct, and an investigation is running (or
    the notice was already served, for a copy)."""
    if served:
        return ""
    if subject.severity not in ("misconduct", "gross_misconduct"):
        return (f"No Regulation 17 notice for {subject.person.full_name}: it follows a severity assessment "
                "of misconduct or gross misconduct, and none has been made")
    if case.state not in INVESTIGATING:
        return (f"No Regulation 17 notice for {subject.person.full_name}: a notice is served during an "
                f"investigation, and {case.reference} is {case.get_state_display().lower()}")
    return ""


def outcome_letter(*, case: Any) -> str:
    """Why the outcome letter cannot be printed, or "": it goes to a complainant once there is an
    outcome (the case closed with one, or a subject's outcome or the handling outcome recorded)."""
    if case.case_type != "complaint":
        return f"No outcome letter: {case.reference} is not a complaint, so there is no complainant to write to"
    if case.state == "withdrawn":
        return f"No outcome letter: the complaint {case.reference} was withdrawn"
    has_outcome = bool(case.handling_outcome) or case.state == "closed" or any(
        s.outcome for a in case.allegations.all() for s in a.subjects.all())
    if not has_outcome:
        return f"No outcome letter yet: {case.reference} has no outcome to tell the complainant"
    return ""


def progress_report(*, case: Any) -> str:
    """Why the investigation progress report cannot be printed, or "": it reports on a running
    investigation."""
    if case.state not in INVESTIGATING:
        return (f"No progress report: it reports on an investigation, and {case.reference} is "
                f"{case.get_state_display().lower()}")
    return ""
