"""Is this file an Excel workbook dpia can read safely? Checked before openpyxl opens it.

``check_file(path)`` looks at the bytes, never trusting the extension, and raises
``FileFormatError`` with one line that names the file, says what it is and what to do.
It also enforces the limits that keep a hostile or absurd workbook from exhausting memory or
time: file size, uncompressed size and compression ratio of the zip parts, XML entity
declarations (billion laughs), rows and cells per sheet and the length of a single text.
``check_template`` and ``check_report`` do the same for Word documents (--template, and
reports given to verify or diff).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from defusedxml import ElementTree as SafeET

from dpia.errors import DpiaError, FileFormatError, PasswordNeeded, TemplateError
from dpia.i18n import N_, _
from dpia.opendocument import SheetScan

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest workbook file accepted (a real DPIA is well under 1 MB)."""

MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
"""Largest total size of the workbook's parts once unzipped."""

MAX_RATIO = 100
"""Largest compression ratio of a part bigger than ``RATIO_MIN_BYTES`` (zip bomb guard)."""

RATIO_MIN_BYTES = 5 * 1024 * 1024
"""Smaller parts may compress as well as they like (styles, empty sheets compress 50:1)."""

MAX_ROWS = 100_000
"""Most data rows per sheet; the reader enforces it too, while reading."""

MAX_ROW_ELEMENTS = MAX_ROWS + 20
"""Rows per sheet XML counted here: data rows plus room for titles and the header row."""

MAX_CELLS = 2_000_000
"""Most cells per sheet (100,000 rows of 20 columns): wide sheets cost memory and time too."""

MAX_GRID_CELLS = 4_000_000
"""Most cells from A1 to a sheet's last value in an .ods file (python-calamine holds that
rectangle as a grid; repeated rows and columns make it far larger than the file)."""

MAX_CELL_CHARS = 32_767
"""Excel's own limit on the characters in one cell; longer text cannot come from Excel."""

MAX_TEXT_RUN_BYTES = 1024 * 1024
"""A run of XML text this long (no ``<`` in it) is a cell far beyond ``MAX_CELL_CHARS``."""

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HEAD_BYTES = 64 * 1024
_CHUNK = 64 * 1024
# bytes of one chunk kept before the next, so that a tag cut by the border is whole in one
# window: longer than any tag Office writes (a namespace prefix longer than this could hide
# a formula from the scan, which would then be read as empty: no worse than that)
_TAIL = 256
_MB = 1024 * 1024
# advice, translated where a message uses it (``_(_SAVE_AS)``)
_SAVE_AS = N_("open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)")
_SAVE_AS_DOCX = N_("open it in Word or LibreOffice and save it as a Word Document (.docx)")
# the kinds of file messages name (``_(kind)``), and what to give instead of a folder
_KINDS = (N_("workbook"), N_("report"), N_("reference document"), N_("document"),
          N_(".xlsx file"), N_(".docx file"))
# what zipfile raises on damaged data: bad headers, cut-off streams, corrupt deflate data
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
               NotImplementedError, RuntimeError, KeyError, struct.error, zlib.error)
_ODS = "application/vnd.oasis.opendocument.spreadsheet"
_ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": N_("an OpenDocument text document (.odt)"),
    "application/vnd.oasis.opendocument.presentation": N_("an OpenDocument presentation (.odp)"),
}
_REL_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_XML_SS = b"urn:schemas-microsoft-com:office:spreadsheet"
_STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
# rows, cells and formulas, each as written: b"c", or b"x:c" with a namespace prefix
_ROW_CELL_OR_FORMULA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?(?:row|c|f))[\s>/]")
# A cell's reference as Office programs write it, first in the element (`<c r="B12"`, column
# letters A to ZZZ, a row number without leading zeros): the reader that keeps a sheet as a
# grid (python-calamine) reads every other spelling too (lower case, leading zeros, more
# letters or digits), so a sheet counts as plain only when every cell is written so, and its
# grid's size comes from these references.
_CELL_REFERENCE = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
# an error value's type, with any white space XML allows around "="; looked for only where
# a quoted "e" is in the piece at all
_ERROR_TYPE = re.compile(rb"\st\s*=\s*[\"']e[\"']")
_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CALAMINE_MAIN_PART = "xl/workbook.xml"  # the only main part python-calamine reads

@dataclass(frozen=True)
class WorkbookScan:
    """What ``check_file`` saw in the worksheets while checking them, for the reader to
    choose how to read the cells."""

    plain_cells: bool = False
    """Every XML part is well-formed; the workbook is where every reader looks for it
    (``xl/workbook.xml``), and each of its sheets names its part plainly (one ``r:id``,
    unique relationship ids), so the parts scanned are the parts any reader reads; and
    every sheet holds plain values only: no formula, no error value (#N/A...), every cell
    with its reference written as Office writes it."""

    grid_cells: int = 0
    """The cells of every sheet's rectangle from A1 to its last cell, added up: what a
    reader that keeps each sheet as a grid holds in memory."""

    opendocument: tuple[SheetScan, ...] | None = None
    """For an OpenDocument spreadsheet (.ods): its sheets as the scan of ``content.xml``
    saw them (merged ranges and error values, which python-calamine does not give);
    None for an Excel workbook."""


@dataclass(frozen=True)
class OpenedWorkbook:
    """A workbook that passed ``open_workbook``'s checks: its bytes (decrypted, for an
    encrypted one: in memory only) and what the scan of its sheets saw."""

    data: bytes
    scan: WorkbookScan
    encrypted: bool = False


def check_file(path: Path, *, name: str | None = None,
               password: str | None = None) -> WorkbookScan:
    """Raise ``FileFormatError`` (one line: file, what it is, what to do) unless ``path`` is an
    .xlsx/.xlsm workbook or an .ods spreadsheet within dpia's limits; when it is, say what
    the scan of its sheets saw. ``name`` is the file as the user gave it (default:
    ``path``); ``password`` opens an encrypted workbook (``open_workbook``)."""
    return open_workbook(path, name=name, password=password).scan


def open_workbook(path: Path, *, name: str | None = None,
                  password: str | None = None) -> OpenedWorkbook:
    """The bytes of the workbook at ``path`` and what the scan of its sheets saw, after
    the checks of ``check_file``. An encrypted .xlsx (password to open) is decrypted in
    memory with ``password``; without one it raises ``PasswordNeeded``, with a wrong one
    ``FileFormatError``. The decrypted workbook passes the same checks as any other."""
    path = Path(path)
    name = name or str(path)
    head = _read_head(path, name, FileFormatError, "workbook", ".xlsx file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(_("{name}: cannot read the file: {reason}").format(
            name=name, reason=exc.strerror or exc)) from None
    encrypted = False
    if head.startswith(_OLE2_MAGIC):
        names = _ole2_stream_names(data)
        if not {"encryptioninfo", "encryptedpackage"} & names:
            raise FileFormatError(f"{name}: {_describe_ole2(names)}")
        if password is None:
            raise PasswordNeeded(
                _("{name}: this workbook is encrypted (protected with a password to open); "
                  "give its password (--password-file FILE or $DPIA_PASSWORD, or run dpia on "
                  "a terminal to be asked), or remove the password in Excel and save it "
                  "again").format(name=name))
        from dpia.decryption import decrypt

        data = decrypt(data, name, password)
        encrypted = True
        head = data[:_HEAD_BYTES]
        if head.startswith(_OLE2_MAGIC):  # an encrypted .xls holds an .xls
            raise FileFormatError(f"{name}: {_describe_ole2(_ole2_stream_names(data))}")
    if head.startswith(_ZIP_MAGICS):
        return OpenedWorkbook(data, _check_zip(io.BytesIO(data), name), encrypted)
    if encrypted:
        raise FileFormatError(
            _("{name}: the decrypted workbook is not an Excel workbook (.xlsx); {advice}")
            .format(name=name, advice=_(_SAVE_AS)))
    raise FileFormatError(f"{name}: {_describe_other(head)}")


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an encrypted workbook (an OLE2 file with an encrypted package),
    which needs a password to read; False for anything else, or a file that cannot be
    read (``check_file`` names what is wrong with it)."""
    try:
        with Path(path).open("rb") as handle:
            if handle.read(len(_OLE2_MAGIC)) != _OLE2_MAGIC:
                return False
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            return False
        names = _ole2_stream_names(Path(path).read_bytes())
    except OSError:
        return False
    return bool({"encryptioninfo", "encryptedpackage"} & names)


def check_template(path: Path, *, name: str | None = None) -> None:
    """Raise ``TemplateError`` (one line) unless ``path`` is a Word .docx (or .dotx) within
    dpia's limits, without macros and without XML entity declarations."""
    _check_word(Path(path), name or str(path), TemplateError, N_("reference document"),
                refuse_macros=True)


def check_report(path: Path, *, name: str | None = None) -> None:
    """Raise ``FileFormatError`` (one line) unless ``path`` is a Word document within dpia's
    limits and without XML entity declarations: run before a report given to ``verify`` or
    ``diff`` is parsed, since it too may come from anyone."""
    _check_word(Path(path), name or str(path), FileFormatError, N_("report"),
                refuse_macros=False)


def _check_word(path: Path, name: str, error: type[DpiaError], kind: str, *,
                refuse_macros: bool) -> None:
    head = _read_head(path, name, error, kind, ".docx file")
    if head.startswith(_OLE2_MAGIC):
        names = _ole2_stream_names(path.read_bytes())
        if {"encryptioninfo", "encryptedpackage"} & names:
            what = _("this document is encrypted (protected with a password to open); remove "
                     "the password in Word and save it again as .docx")
        elif "worddocument" in names:
            what = _("this is an old Word 97-2003 .doc document; {advice}").format(
                advice=_(_SAVE_AS_DOCX))
        else:
            what = _("this is an old-style Office (OLE2) file, not a Word document (.docx); "
                     "{advice}").format(advice=_(_SAVE_AS_DOCX))
        raise error(f"{name}: {what}")
    if not head.startswith(_ZIP_MAGICS):
        what = _OTHER_NOT_WORD[_kind_of_other(head)]
        raise error(f"{name}: {_(what)}; {_(_SAVE_AS_DOCX)}")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_word_archive(archive, name, error, kind, refuse_macros)
    except error:
        raise
    except _ZIP_ERRORS as exc:
        raise error(
            _("{name}: the file is damaged or incomplete (a cut-off or corrupt zip: "
              "{reason}); copy it again or save it again from {app}").format(
                name=name, reason=_short(exc), app="Word")) from None


def _check_word_archive(archive: zipfile.ZipFile, name: str, error: type[DpiaError],
                        kind: str, refuse_macros: bool) -> None:
    infos = archive.infolist()
    members = {info.filename: info for info in infos}
    _check_zip_limits(infos, name, error)
    if "mimetype" in members:
        raise error(_("{name}: this is an OpenDocument file, not a Word document (.docx); "
                      "{advice}").format(name=name, advice=_(_SAVE_AS_DOCX)))
    if "word/document.xml" not in members:
        raise error((_("{name}: this is an Excel workbook, not a Word {kind} (.docx)")
                     if "xl/workbook.xml" in members else
                     _("{name}: this is a zip archive, not a Word {kind} (.docx)")).format(
            name=name, kind=_(kind)))
    types = archive.read(members["[Content_Types].xml"]) if "[Content_Types].xml" in members \
        else b""
    if refuse_macros and (
            any(PurePosixPath(m).name.lower() == "vbaproject.bin" for m in members)
            or b"macroEnabled" in types):
        raise error(
            _("{name}: this document contains macros (.docm); dpia does not use documents "
              "with macros as a template; save it in Word as Word Document (.docx) or Word "
              "Template (.dotx)").format(name=name))
    for info in infos:
        if _is_xml(info.filename):
            _check_prolog(archive, info, name, error, N_("document"), "Word")
    _check_ratios(infos, name, error, N_("document"), "Word")


def _read_head(path: Path, name: str, error: type[DpiaError], kind: str,
               what_to_give: str) -> bytes:
    """The first bytes of ``path``, after the checks every input shares."""
    if not path.exists():
        raise error(_("{name}: no such file; check the name and the folder").format(name=name))
    if path.is_dir():
        raise error(_("{name}: this is a folder, not a {kind}; give the {what_to_give}").format(
            name=name, kind=_(kind), what_to_give=_(what_to_give)))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as exc:
        raise error(_("{name}: cannot read the file: {reason}").format(
            name=name, reason=exc.strerror or exc)) from None
    if size == 0:
        raise error(
            _("{name}: the file is empty (0 bytes); it may not have been saved or copied "
              "completely, so save the {kind} again").format(name=name, kind=_(kind)))
    if size > MAX_FILE_BYTES:
        raise error(
            _("{name}: the file is {size:.0f} MB, more than dpia's limit of {limit} MB; a "
              "{kind} is far smaller, so remove images and unrelated content, or split it")
            .format(name=name, size=size / _MB, limit=MAX_FILE_BYTES // _MB, kind=_(kind)))
    return head


# --- OLE2 / Compound File Binary: old .xls, encrypted .xlsx, .doc ---------------------------

def _describe_ole2(names: set[str]) -> str:
    """What an OLE2 file that is not an encrypted workbook is (its stream ``names``)."""
    if {"workbook", "book"} & names:
        return _("this is an old Excel 97-2003 .xls workbook; {advice}").format(
            advice=_(_SAVE_AS))
    if "worddocument" in names:
        return _("this is an old Word .doc document, not an Excel workbook; give the .xlsx "
                 "file")
    if "powerpoint document" in names:
        return _("this is an old PowerPoint file, not an Excel workbook; give the .xlsx file")
    return _("this is an old-style Microsoft Office (OLE2) file, not an .xlsx workbook; "
             "{advice}").format(advice=_(_SAVE_AS))


def _ole2_stream_names(data: bytes) -> set[str]:
    """Names of the entries in a compound file's directory (lower case).

    Directory entries are 128 bytes, aligned to 128 bytes after the 512-byte header, with the
    name in UTF-16LE and its byte length at offset 64; scanning every aligned slot finds them
    without following the FAT chain, which a damaged file may not have."""
    names: set[str] = set()
    for offset in range(512, len(data) - 127, 128):
        entry = data[offset:offset + 128]
        length = int.from_bytes(entry[64:66], "little")
        kind = entry[66]
        if not (2 <= length <= 64 and length % 2 == 0 and kind in (1, 2, 5)):
            continue
        raw = entry[:length - 2]
        if entry[length - 2:length] != b"\x00\x00":
            continue
        try:
            text = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        # property-set streams start with a control character ("\x05SummaryInformation")
        text = text.lstrip("\x01\x02\x03\x05\x06")
        if text and text.isprintable():
            names.add(text.lower())
    return names


# --- anything that is neither zip nor OLE2 ---------------------------------------------------

def _kind_of_other(head: bytes) -> str:
    """What a file that is neither zip nor OLE2 is: pdf, xmlss, html, text or unknown."""
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\r\n\t ")
    lowered = stripped[:2048].lower()
    if stripped.startswith(b"%PDF"):
        return "pdf"
    if b"progid=\"excel.sheet\"" in lowered or _XML_SS in lowered:
        return "xmlss"
    if lowered.startswith((b"<!doctype html", b"<html", b"<table")):
        return "html"
    if _looks_like_text(head):
        return "text"
    return "unknown"


# what such a file is, given for a workbook (the advice after it) and for a Word document
_OTHER_NOT_WORKBOOK = {
    "pdf": N_("this is a PDF document, not an Excel workbook; give the .xlsx file"),
    "xmlss": N_("this is an Excel 2003 XML spreadsheet, not an .xlsx workbook; {advice}"),
    "html": N_("this is a web page (HTML) saved with a spreadsheet name; {advice}"),
    "text": N_("this is a plain text file (CSV or similar), not an Excel workbook; {advice}"),
    "unknown": N_("this is not an Excel workbook (unknown file type); {advice}"),
}
_OTHER_NOT_WORD = {
    "pdf": N_("this is a PDF document, not a Word document (.docx)"),
    "xmlss": N_("this is an Excel 2003 XML spreadsheet, not a Word document (.docx)"),
    "html": N_("this is a web page (HTML) saved with a spreadsheet name"),
    "text": N_("this is a plain text file (CSV or similar), not a Word document (.docx)"),
    "unknown": N_("this is not a Word document (.docx) (unknown file type)"),
}


def _describe_other(head: bytes) -> str:
    return _(_OTHER_NOT_WORKBOOK[_kind_of_other(head)]).format(advice=_(_SAVE_AS))


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "utf-16", "cp1252"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # a multi-byte character cut at the end of the sample is still text
            try:
                text = head[:-4].decode(encoding)
            except UnicodeDecodeError:
                continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
        return controls <= len(text) // 100
    return False


# --- zip containers: .xlsx, .xlsm, and everything else that is a zip ------------------------

def _check_zip(source: Path | io.BytesIO, name: str) -> WorkbookScan:
    try:
        with zipfile.ZipFile(source) as archive:
            return _check_archive(archive, name)
    except FileFormatError:
        raise
    except _ZIP_ERRORS as exc:
        raise FileFormatError(
            _("{name}: the file is damaged or incomplete (a cut-off or corrupt zip: "
              "{reason}); copy it again or save it again from {app}").format(
                name=name, reason=_short(exc), app="Excel")) from None


def _check_zip_limits(infos: list[zipfile.ZipInfo], name: str,
                      error: type[DpiaError] = FileFormatError) -> None:
    """Password-protected members and the total unzipped size (ratios come last, once the
    parts were scanned, so that one huge text is named as such)."""
    if any(info.flag_bits & 0x1 for info in infos):
        raise error(
            _("{name}: parts of this zip are password-protected; save the file again "
              "without a password").format(name=name))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise error(
            _("{name}: the file unzips to {size}, more than dpia's limit of {limit} "
              "(possible zip bomb); remove images and unrelated content, or split it").format(
                name=name, size=_size(total), limit=_size(MAX_UNCOMPRESSED_BYTES)))


def _check_ratios(infos: list[zipfile.ZipInfo], name: str,
                  error: type[DpiaError] = FileFormatError, kind: str = "workbook",
                  app: str = "Excel") -> None:
    for info in infos:
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1):
            raise error(
                _("{name}: the part {part} unzips from {packed} to {size}, far more than in a "
                  "real {kind} (possible zip bomb), which dpia refuses; save the {kind} again "
                  "from {app}").format(name=name, part=info.filename,
                                       packed=_size(info.compress_size),
                                       size=_size(info.file_size), kind=_(kind), app=app))


def _check_archive(archive: zipfile.ZipFile, name: str) -> WorkbookScan:
    infos = archive.infolist()
    members = {info.filename: info for info in infos}
    _check_zip_limits(infos, name)
    if "mimetype" in members:
        kind = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
        if kind == _ODS:
            return _check_opendocument(archive, infos, members, name)
        what = _ODF_KINDS.get(kind, N_("an OpenDocument file"))
        raise FileFormatError(_("{name}: this is {what}, not a spreadsheet; {advice}").format(
            name=name, what=_(what), advice=_(_SAVE_AS)))
    main_part = _main_part(archive, members, name)
    if main_part is None:
        raise FileFormatError(f"{name}: {_describe_foreign_zip(members)}")
    if main_part.endswith(".bin"):
        raise FileFormatError(
            _("{name}: this is a binary Excel workbook (.xlsb); {advice}").format(
                name=name, advice=_(_SAVE_AS)))
    well_formed = [_check_prolog(archive, info, name, parse=True)
                   for info in infos if _is_xml(info.filename)]
    workbook_xml = archive.read(main_part)
    if _STRICT_NS in workbook_xml[:_HEAD_BYTES]:
        raise FileFormatError(
            _("{name}: this workbook is saved as Strict Open XML, which dpia cannot read; "
              "open it in Excel and save it as Excel Workbook (.xlsx)").format(name=name))
    sheets, all_found = _sheet_parts(archive, main_part, workbook_xml, members)
    scans = [_check_sheet(archive, members[part], sheet, name) for part, sheet in sheets.items()]
    # other big parts (shared strings under any name, comments) may hide a huge text too
    for info in infos:
        if _is_xml(info.filename) and info.filename not in sheets \
                and info.file_size > MAX_TEXT_RUN_BYTES:
            where = (_("the shared-strings part")
                     if info.filename.lower() == "xl/sharedstrings.xml"
                     else _("the part {part}").format(part=info.filename))
            _check_text_runs(archive, info, name, where)
    _check_ratios(infos, name)
    return WorkbookScan(
        plain_cells=(all_found and main_part == _CALAMINE_MAIN_PART and all(well_formed)
                     and not any(scan.unusual for scan in scans)),
        grid_cells=sum(scan.last_row * scan.last_column for scan in scans),
    )


def _check_opendocument(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo],
                        members: dict[str, zipfile.ZipInfo], name: str) -> WorkbookScan:
    """The checks of an .xlsx, for an OpenDocument spreadsheet: entity declarations in any
    XML part, over-long texts, rows and cells per sheet (repeats counted: see
    ``dpia.opendocument``), the compression ratios."""
    from dpia import opendocument

    manifest = members.get("META-INF/manifest.xml")
    if manifest is not None and manifest.file_size <= _MB \
            and b"encryption-data" in archive.read(manifest):
        raise FileFormatError(
            _("{name}: this OpenDocument spreadsheet is saved with a password, which dpia "
              "cannot open (it opens password-protected .xlsx workbooks); save it again in "
              "LibreOffice without the password, or as an Excel Workbook (.xlsx) with one")
            .format(name=name))
    if "content.xml" not in members:
        raise FileFormatError(
            _("{name}: this OpenDocument spreadsheet has no content.xml: the file is damaged "
              "or incomplete; save it again from LibreOffice").format(name=name))
    for info in infos:
        if _is_xml(info.filename) or info.filename.endswith(".rdf"):
            _check_prolog(archive, info, name, app="LibreOffice")
    content = members["content.xml"]
    _check_text_runs(archive, content, name, _("the part {part}").format(part="content.xml"))
    try:
        with archive.open(content) as handle:
            sheets = opendocument.scan_content(
                handle, max_rows=MAX_ROW_ELEMENTS, max_cells=MAX_CELLS,
                max_grid=MAX_GRID_CELLS)
    except opendocument.TooLarge as exc:
        if exc.what == "rows":
            _too_many_rows(name, exc.sheet, exc.count)
        if exc.what == "cells":
            _too_many_cells(name, exc.sheet, exc.count)
        raise FileFormatError(
            _("{name}: sheet {sheet} spans {cells:,} cells from A1 to its last value, more "
              "than dpia's limit of {limit:,}; delete the values far down or far to the "
              "right, or split the assessment").format(
                name=name, sheet=exc.sheet, cells=exc.count, limit=MAX_GRID_CELLS)) from None
    except opendocument.NotWellFormed as exc:
        raise FileFormatError(
            _("{name}: the spreadsheet is damaged (content.xml: {reason}); save it again "
              "from LibreOffice").format(name=name, reason=_short(exc))) from None
    for info in infos:
        if info.filename != "content.xml" and _is_xml(info.filename) \
                and info.file_size > MAX_TEXT_RUN_BYTES:
            _check_text_runs(archive, info, name, _("the part {part}").format(part=info.filename))
    _check_ratios(infos, name, app="LibreOffice")
    return WorkbookScan(
        plain_cells=True, grid_cells=sum(sheet.rows * sheet.columns for sheet in sheets),
        opendocument=tuple(sheets))


def _describe_foreign_zip(members: dict[str, zipfile.ZipInfo]) -> str:
    if "word/document.xml" in members:
        return _("this is a Word document (.docx), not an Excel workbook; give the .xlsx file")
    if "ppt/presentation.xml" in members:
        return _("this is a PowerPoint presentation (.pptx), not an Excel workbook; give the "
                 ".xlsx file")
    return _("this is a zip archive but not an Excel workbook (no xl/workbook.xml inside); "
             "if the workbook is inside the zip, extract it first and give the .xlsx file")


def _main_part(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
               name: str) -> str | None:
    """The workbook part named by the package relationships, else the usual path."""
    rels = members.get("_rels/.rels")
    if rels is not None and rels.file_size <= _MB:
        _check_prolog(archive, rels, name)
        try:
            root = SafeET.fromstring(archive.read(rels))
        except Exception:  # a damaged .rels: fall back to the usual location
            root = None
        if root is not None:
            for rel in root:
                if rel.get("Type") in _REL_OFFICE_DOCUMENT:
                    target = (rel.get("Target") or "").lstrip("/")
                    # a Word or PowerPoint file names its own main part here: only a
                    # workbook's counts, so the others get "this is a Word document"
                    if target in members and _is_workbook_part(target):
                        return target
    for usual in ("xl/workbook.xml", "xl/workbook.bin"):
        if usual in members:
            return usual
    return None


# a merged range as Excel and LibreOffice write it, with any namespace prefix
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s+ref\s*=\s*[\"']([A-Z]{1,3}[0-9]+:[A-Z]{1,3}[0-9]+)[\"']")


def merged_ranges(data: bytes) -> dict[str, tuple[str, ...]]:
    """Sheet name -> the ranges of its merged cells as written (``"H5:H7"``), of a workbook
    ``check_file`` accepted: for a reader that does not give them (openpyxl's read-only
    worksheets). A part that cannot be found has none."""
    found: dict[str, tuple[str, ...]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: info for info in archive.infolist()}
        main_part = _main_part(archive, members, "workbook")
        if main_part is None:
            return found
        sheets, _ = _sheet_parts(archive, main_part, archive.read(main_part), members)
        for part, sheet in sheets.items():
            ranges: list[bytes] = []
            tail = b""
            with archive.open(members[part]) as handle:
                while chunk := handle.read(_CHUNK):
                    window = tail + chunk
                    ranges += _MERGE_CELL.findall(window)[len(_MERGE_CELL.findall(tail)):]
                    tail = chunk[-_TAIL:]
            found[sheet] = tuple(r.decode("ascii") for r in ranges)
    return found


def _is_workbook_part(part: str) -> bool:
    """A main part that can be a workbook's: under ``xl/`` as Excel and LibreOffice save
    it, or any part named workbook.xml/.bin (a rare producer's own folder)."""
    return part.lower().startswith("xl/") or PurePosixPath(part).name.lower() in (
        "workbook.xml", "workbook.bin")


def _sheet_parts(archive: zipfile.ZipFile, main_part: str, workbook_xml: bytes,
                 members: dict[str, zipfile.ZipInfo]) -> tuple[dict[str, str], bool]:
    """Worksheet part -> sheet name as the user sees it (the part name when unknown), and
    whether the part of every sheet the workbook lists was found."""
    parts = {
        member: PurePosixPath(member).stem for member in members
        if member.startswith("xl/worksheets/") and member.endswith(".xml")
        and member.count("/") == 2
    }
    folder = PurePosixPath(main_part).parent
    rels_name = str(folder / "_rels" / (PurePosixPath(main_part).name + ".rels"))
    try:
        workbook = SafeET.fromstring(workbook_xml)
        rels = SafeET.fromstring(archive.read(rels_name)) if rels_name in members else None
    except Exception:  # openpyxl will name the damage; the parts are still checked below
        return parts, False
    targets = {}
    all_found = rels is not None
    for rel in rels if rels is not None else ():
        target = rel.get("Target") or ""
        full = target.lstrip("/") if target.startswith("/") else str(folder / target)
        if rel.get("Id") in targets:
            all_found = False  # which of the two a reader takes is up to the reader
        targets[rel.get("Id")] = full
    for element in workbook.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        ids = [(k, v) for k, v in element.attrib.items() if k.endswith("}id")]
        rel_id = ids[0][1] if ids else None
        part = targets.get(rel_id)
        if part in members:
            parts[part] = element.get("name") or parts.get(part, part)
        if part not in members or len(ids) != 1 or ids[0][0] != f"{{{_RELATIONSHIPS_NS}}}id":
            all_found = False
    return parts, all_found


def _is_xml(member: str) -> bool:
    return member.endswith((".xml", ".rels", ".vml"))


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                  error: type[DpiaError] = FileFormatError, kind: str = "workbook",
                  app: str = "Excel", *, parse: bool = False) -> bool:
    """Refuse a DOCTYPE or ENTITY declaration: no Office file has one, and entities are how
    XML bombs (billion laughs) and external-entity attacks work. The whole part is scanned
    (comments may push a DOCTYPE far down; text in cells cannot hold a raw ``<``).
    defusedxml, under openpyxl, refuses them too: this check gives the clear message.

    With ``parse``, returns whether the part is well-formed XML (UTF-8, as Office writes
    it): the same pass runs expat over it, without handlers, so nothing is built (about
    200 MB/s); without, returns False."""
    found = False
    well_formed = False
    with archive.open(info) as handle:
        head = handle.read(_HEAD_BYTES)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]:
            # rare in Office files; the first MB is plenty (defusedxml catches the rest)
            start = head + handle.read(_MB)
            found = bool(_DECLARATION.search(start.decode("utf-16", "replace").encode()))
        else:
            parser = expat.ParserCreate()
            well_formed = parse
            piece = window = head
            while piece and not found:
                # a declaration cut by the border of two pieces is whole in the window
                found = bool(_DECLARATION.search(window))
                if well_formed and not found:
                    well_formed = _parses(parser, piece, final=False)
                piece = handle.read(_CHUNK)
                window = window[-16:] + piece
            well_formed = well_formed and not found and _parses(parser, b"", final=True)
    if found:
        raise error(
            _("{name}: the {kind} contains XML entity declarations (in {part}), which dpia "
              "refuses (possible XML bomb); save the {kind} again from {app}").format(
                name=name, kind=_(kind), part=info.filename, app=app))
    return well_formed


def _parses(parser, data: bytes, *, final: bool) -> bool:
    try:
        parser.Parse(data, final)
    except expat.ExpatError:
        return False
    return True


@dataclass
class _SheetScan:
    """What the scan of one worksheet part found besides its limits."""

    references: int = 0  # cells with their reference written as Office writes it
    last_column: int = 0
    last_row: int = 0
    unusual: bool = False  # an error value, or UTF-16 (which no Office program writes)

    def inspect(self, window: bytes, tail: bytes) -> None:
        """Take in one piece of the part (``tail``: its start, already taken in)."""
        if not tail and (window.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in window[:4]):
            self.unusual = True
        references = _CELL_REFERENCE.findall(window)[len(_CELL_REFERENCE.findall(tail)):]
        if references:
            self.references += len(references)
            self.last_column = max(self.last_column, *(
                _column_number(letters) for letters in {letters for letters, _ in references}))
            self.last_row = max(self.last_row, *map(int, {row for _, row in references}))
        if (b'"e"' in window or b"'e'" in window) and _ERROR_TYPE.search(window):
            self.unusual = True


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str,
                 name: str) -> _SheetScan:
    """Rows and cells per sheet, counted while the part is scanned for over-long text anyway.
    (The ``<dimension>`` element would be cheaper, but some programs write a wrong one.)
    The same pass notes formulas, error values and how far the cells reach."""
    scan = _SheetScan()
    found = _check_text_runs(archive, info, name, _("sheet {sheet}").format(sheet=sheet),
                             count=_ROW_CELL_OR_FORMULA, inspect=scan.inspect)
    # by local name; those written with a prefix also under b"x:" + the local name
    counts: dict[bytes, int] = {}
    for tag, count in found.items():
        local = tag.rsplit(b":", 1)[-1]
        counts[local] = counts.get(local, 0) + count
        if b":" in tag:
            counts[b"x:" + local] = counts.get(b"x:" + local, 0) + count
    rows, cells = counts.get(b"row", 0), counts.get(b"c", 0)
    if rows > MAX_ROW_ELEMENTS:
        _too_many_rows(name, sheet, rows)
    if cells > MAX_CELLS:
        _too_many_cells(name, sheet, cells)
    # A formula of a cell. Where the cells are written without a prefix (as Excel and
    # LibreOffice write them), a prefixed <xm:f> is in an extension (Excel keeps drop-down
    # lists from another sheet and some conditional formats there), not a cell's formula.
    formulas = counts.get(b"f", 0)
    if not counts.get(b"x:c") and not counts.get(b"x:row"):
        formulas -= counts.get(b"x:f", 0)
    if formulas or scan.references != cells:
        scan.unusual = True
    return scan


def _column_number(letters: bytes) -> int:
    """1 for A, 27 for AA."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _too_many_rows(name: str, sheet: str, rows: int) -> None:
    raise FileFormatError(
        _("{name}: sheet {sheet} has {rows:,} rows, more than dpia's limit of {limit:,} rows "
          "per sheet; remove empty or unrelated rows, or split the assessment").format(
            name=name, sheet=sheet, rows=rows, limit=MAX_ROWS))


def _too_many_cells(name: str, sheet: str, cells: int) -> None:
    raise FileFormatError(
        _("{name}: sheet {sheet} has {cells:,} cells, more than dpia's limit of {limit:,} "
          "cells per sheet; delete unused columns and formatted empty cells, or split the "
          "assessment").format(name=name, sheet=sheet, cells=cells, limit=MAX_CELLS))


def _check_text_runs(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, where: str,
                     count: re.Pattern | None = None,
                     inspect=None) -> dict[bytes, int]:
    """Stream a part looking for a text run longer than ``MAX_TEXT_RUN_BYTES`` (no ``<`` in
    it, so one cell's text) and, given ``count`` (a pattern with one group), count its
    matches by the group's text. ``inspect(window, tail)``, when given, sees each piece of
    the part (``window``), which begins with the end of the piece before (``tail``), so
    that a tag cut by the border is whole in one of them.

    Runs inside one chunk are shorter than the chunk, so only runs crossing chunk borders
    need tracking; both are done in C (``bytes.find``/``rfind``, ``re.findall``)."""
    run = 0
    found: dict[bytes, int] = {}
    tail = b""
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
            else:
                run += first
            if run > MAX_TEXT_RUN_BYTES:
                raise FileFormatError(
                    _("{name}: {where} holds a text of more than {size} MB in one cell; Excel "
                      "allows at most {limit:,} characters per cell, so shorten it (put long "
                      "texts in a separate document)").format(
                        name=name, where=where, size=MAX_TEXT_RUN_BYTES // _MB,
                        limit=MAX_CELL_CHARS))

            if first >= 0:
                run = len(chunk) - chunk.rfind(b"<") - 1
            window = tail + chunk
            if count is not None:
                # a tag cut by the chunk border is found by joining the tail of the previous one
                matches = count.findall(window)[len(count.findall(tail)):]
                for key in set(matches):
                    found[key] = found.get(key, 0) + matches.count(key)
            if inspect is not None:
                inspect(window, tail)
            tail = chunk[-_TAIL:]
    return found


def _size(count: int) -> str:
    if count >= _MB:
        return f"{count / _MB:.0f} MB"
    return f"{max(count, 1) / 1024:.0f} KB"


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:80]
