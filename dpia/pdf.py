"""The PDF of a report, made by LibreOffice: found where it is installed, the contents
updated, tagged for screen readers, and the same bytes for the same .docx.

With LibreOffice's Python (``uno``) the report is opened through ``office_export.py``, which
updates the table of contents (page numbers, links) before a tagged PDF/UA export. Without
it, a plain ``--convert-to`` still gives a tagged PDF, whose contents lack page numbers
(said as a note). Either way the export's clock time and random file ID are replaced by
values taken from the .docx, so building twice gives the same PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

from dpia.errors import OutputError, ToolMissing
from dpia.i18n import N_, _

PDF_TIMEOUT_SECONDS = 300
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_ENV = "DPIA_SOFFICE"
# Where the LibreOffice installers put soffice when it is not on PATH
_PROGRAM_FILES = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
_MAC_APPS = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
             "~/Applications/LibreOffice.app/Contents/MacOS/soffice")
_UNIX_PLACES = ("/usr/lib/libreoffice/program/soffice", "/usr/lib64/libreoffice/program/soffice",
                "/opt/libreoffice/program/soffice", "/snap/bin/libreoffice")
INSTALL_HINT = N_(
    "--pdf needs LibreOffice, which was not found (not on PATH, not in the usual install "
    "folders, no --soffice or DPIA_SOFFICE); install it, e.g. 'apt-get install "
    "libreoffice-writer-nogui' (Debian/Ubuntu), 'dnf install libreoffice-writer' (Fedora) or "
    "from https://www.libreoffice.org, give its soffice with --soffice PATH, or build "
    "without --pdf"
)
NO_UNO_NOTE = N_(
    "LibreOffice's Python (uno) was not found, so the PDF's contents have no page numbers; "
    "install it (e.g. 'apt-get install python3-uno') for a complete table of contents"
)
_EXPORT_SCRIPT = Path(__file__).with_name("office_export.py")
# For a PDF without the uno bridge: the same export options, as --convert-to takes them
_CONVERT_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)


def _installed_places() -> list[Path]:
    places = [Path(os.environ[var]) / "LibreOffice" / "program" / "soffice.exe"
              for var in _PROGRAM_FILES if os.environ.get(var)]
    places += [Path(place).expanduser() for place in (*_MAC_APPS, *_UNIX_PLACES)]
    return places


def find_soffice(explicit: str | os.PathLike | None = None) -> str | None:
    """The LibreOffice executable: ``explicit`` (``--soffice``), else $DPIA_SOFFICE, else
    PATH, else the places the Windows, macOS and Linux installers use; None if none.
    A given path that is not a program is None too (the caller says so)."""
    given = explicit or os.environ.get(SOFFICE_ENV)
    if given:
        found = shutil.which(str(given))
        return found
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for place in _installed_places():
        if place.is_file() and os.access(place, os.X_OK):
            return str(place)
    return None


def require_soffice(explicit: str | os.PathLike | None = None) -> str:
    """:func:`find_soffice`, or ToolMissing saying what to do (a given path that is not a
    program is named)."""
    found = find_soffice(explicit)
    if found is not None:
        return found
    given = explicit or os.environ.get(SOFFICE_ENV)
    if given:
        raise ToolMissing(_("{given}: no LibreOffice program there (given with --soffice or "
                            "{variable}); give the path of its soffice executable")
                          .format(given=given, variable=SOFFICE_ENV))
    raise ToolMissing(_(INSTALL_HINT))


def _has_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True,
                              timeout=30, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def office_python(soffice: str) -> str | None:
    """A Python that can drive ``soffice`` through uno: the one LibreOffice bundles (Windows,
    macOS, the LibreOffice.org packages), else the system's python3 with the distribution's
    uno bridge (Debian's python3-uno); None if neither imports ``uno``."""
    program = Path(os.path.realpath(soffice)).parent
    bundled = [program / "python.exe", program / "python", program.parent / "Resources" / "python"]
    candidates = [str(path) for path in bundled if path.is_file()]
    candidates += [found for found in (shutil.which("python3"), "/usr/bin/python3")
                   if found and Path(found).is_file()]
    if sys.executable:
        candidates.append(sys.executable)
    seen = set()
    for python in candidates:
        if python not in seen and _has_uno(python):
            return python
        seen.add(python)
    return None


def _run(command: list[str], docx_path: Path, env: dict[str, str]):
    try:
        return subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT_SECONDS,
                              env=env, check=False)
    except subprocess.TimeoutExpired:
        raise OutputError(
            _("{file}: LibreOffice did not finish the PDF within {seconds} s; the .docx was "
              "written").format(file=docx_path, seconds=PDF_TIMEOUT_SECONDS)) from None
    except OSError as exc:
        raise ToolMissing(_("cannot run LibreOffice ({program}): {reason}")
                          .format(program=command[0], reason=exc.strerror)) from None


def to_pdf(docx_path: Path, soffice: str | None = None, *,
           python: str | None = None, notes: list[str] | None = None) -> bytes:
    """The PDF of a .docx, made by LibreOffice in a private profile and folder (so exports
    can run side by side and a running LibreOffice does not interfere). ``python``: the
    uno Python to use (found if None); when there is none, a note goes to ``notes``."""
    soffice = soffice or find_soffice()
    if soffice is None:
        raise ToolMissing(_(INSTALL_HINT))
    python = python or office_python(soffice)
    with tempfile.TemporaryDirectory(prefix="dpia-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        shutil.copyfile(docx_path, source)
        produced = work / "report.pdf"
        profile = (work / "profile").as_uri()
        env = {**os.environ, "HOME": tmp}
        if python is not None:
            command = [python, str(_EXPORT_SCRIPT), soffice, str(source), str(produced),
                       profile, f"dpia-{uuid.uuid4().hex}"]
        else:
            if notes is not None:
                notes.append(_(NO_UNO_NOTE))
            command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                       "--convert-to", _CONVERT_FILTER, "--outdir", str(work), str(source)]
        result = _run(command, docx_path, env)
        if result.returncode != 0 or not produced.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
            detail = detail.splitlines()[-1] if detail else \
                _("exit status {status}").format(status=result.returncode)
            raise OutputError(
                _("{file}: LibreOffice could not convert the report to PDF ({detail}); the "
                  ".docx was written").format(file=docx_path, detail=detail))
        return reproducible(produced.read_bytes(), source.read_bytes())


# What differs between two exports of the same document: the export time (in the info
# dictionary and the XMP metadata), and the file identifier and checksum LibreOffice derives
# from it. Each is replaced by a value of the same length, so no offset in the file moves.
_INFO_DATE = re.compile(rb"/CreationDate\s*\(D:(\d{14})([^)]*)\)")
_XMP_DATE = re.compile(rb"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>([^<]+)</xmp:")
_FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_CORE_CREATED = re.compile(rb"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)")


def _report_date(docx: bytes) -> dt.datetime:
    """The .docx's own date (the assessment's Date), or 1 January 1980 like a zip entry."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            core = package.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        core = b""
    found = _CORE_CREATED.search(core)
    if found:
        return dt.datetime(*(int(part) for part in found.groups()), tzinfo=dt.UTC)
    return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


# the time zone after an info date, by its length: "Z'" or "+01'00'"
_UTC_SUFFIX = {2: b"Z'", 7: b"Z00'00'"}


def _iso_same_length(moment: dt.datetime, old: bytes) -> bytes:
    """``moment`` as XMP writes a date, in as many bytes as ``old`` ("...Z" or "...+01:00")."""
    for text in (moment.strftime("%Y-%m-%dT%H:%M:%SZ"), moment.isoformat()):
        if len(text) == len(old):
            return text.encode()
    return old


def _same_length(old: bytes, new: bytes) -> bytes:
    return new[:len(old)].ljust(len(old), b"0")


def reproducible(pdf: bytes, docx: bytes) -> bytes:
    """``pdf`` with its export time set to the report's date and its identifier and checksum
    derived from the .docx bytes: the same .docx gives the same PDF."""
    moment = _report_date(docx)
    digest = hashlib.sha256(docx).hexdigest().upper().encode()
    out = bytearray(pdf)

    def put(match: re.Match, group: int, value: bytes) -> None:
        start, end = match.span(group)
        out[start:end] = _same_length(pdf[start:end], value)

    for match in _INFO_DATE.finditer(pdf):
        put(match, 1, moment.strftime("%Y%m%d%H%M%S").encode())
        put(match, 2, _UTC_SUFFIX.get(len(match.group(2)), match.group(2)))
    for match in _XMP_DATE.finditer(pdf):
        put(match, 1, _iso_same_length(moment, match.group(1)))
    for match in _FILE_ID.finditer(pdf):
        put(match, 1, digest)
        put(match, 2, digest)
    for match in _CHECKSUM.finditer(pdf):
        put(match, 1, digest[::-1])
    return bytes(out)
