"""Read a DPIA workbook (format version 1, docs/workbook-format.md) into the model.

Two phases. First the raw cells of every sheet are taken out of the file with openpyxl
(read-only); anything openpyxl raises there means a damaged file and becomes one
``FileFormatError``. Then plain Python turns the cells into model objects, collecting every
problem with its cell on the way, and ``dpia.checks`` adds the cross-reference rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import re
import sys
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

from dpia import authorities, cells, checks, headers, languages, schema
from dpia import matrix as matrices
from dpia.cells import CellError, SpreadsheetError, UncachedFormula
from dpia.errors import ERROR, WARNING, FileFormatError, Problem, WorkbookInvalid, has_errors
from dpia.filetype import MAX_ROW_ELEMENTS, WorkbookScan, merged_ranges, open_workbook
from dpia.model import (
    Assessment,
    AssessmentInfo,
    HistoryEntry,
    Matrix,
    Measure,
    Origin,
    ProcessingOperation,
    Risk,
    RiskLevel,
    ScaleLevel,
    ScreeningAnswer,
    SignOff,
    SourceFile,
)

HEADER_SEARCH_ROWS = 10
"""The header row is looked for in this many rows at the top of a sheet."""

# Placeholder level for a risk whose level cell is wrong: such a risk is kept only for the
# cross-reference checks (so one bad cell does not hide or invent other problems), never
# returned in the Assessment. 0 is no level, so no check compares it with another level.
_PLACEHOLDER_LEVEL = 0



# --- phase 1: raw cells out of the file --------------------------------------------------


@dataclass
class RawSheet:
    """The cells of one worksheet: ``rows[r - 1][c - 1]`` is the value of row r, column c.

    Values are as openpyxl gives them, except that formula cells hold their cached value (or
    ``UncachedFormula``), error cells hold ``SpreadsheetError``, and texts have Excel's
    ``_xHHHH_`` escapes decoded (whichever reader read them).
    """

    title: str
    index: int
    rows: list[list[object]]
    # merged ranges of two or more cells: (first row, first column, last row, last column),
    # rows from 1 and columns from 0 as in ``value``
    merged: tuple[tuple[int, int, int, int], ...] = ()

    def value(self, row: int, column: int) -> object:
        """The value at 1-based ``row``, 0-based ``column`` (None outside the data)."""
        if row - 1 < len(self.rows):
            cells_ = self.rows[row - 1]
            if column < len(cells_):
                return cells_[column]
        return None


def _too_many_rows(name: str, title: str) -> FileFormatError:
    return FileFormatError(
        f"{name}: sheet {title} has more than {MAX_ROW_ELEMENTS:,} rows; "
        "dpia reads workbooks of a DPIA's size only"
    )


_LXML_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False,
              "huge_tree": False, "remove_comments": True, "remove_pis": True}


_PLAIN_REFERENCE = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)")


def _common_cells_first(parser):
    """``parser.parse_cell`` with a short path for the cells that fill a large sheet: a shared
    string, or a number not formatted as a date, with its reference and a value. The result
    is the dict openpyxl's method gives; any other cell goes to that method."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import VALUE_TAG, _cast_number

    general = parser.parse_cell
    strings, date_formats = parser.shared_strings, parser.date_formats
    columns: dict[str, int] = {}

    def parse_cell(element):
        if len(element) == 1:
            value = element[0]
            coordinate = element.get("r")
            if value.tag == VALUE_TAG and value.text and coordinate:
                kind = element.get("t", "n")
                style = element.get("s", 0)
                if style:
                    style = int(style)
                if kind == "s" or (kind == "n" and style not in date_formats):
                    # a plain reference (letters, then a row number): the letters' column is
                    # worked out once per sheet; anything else as openpyxl does
                    match = _PLAIN_REFERENCE.fullmatch(coordinate)
                    if match is None:
                        row, column = coordinate_to_tuple(coordinate)
                    else:
                        letters, row = match.group(1), int(match.group(2))
                        column = columns.get(letters)
                        if column is None:
                            column = columns[letters] = coordinate_to_tuple(coordinate)[1]
                    parser.col_counter = column
                    text = value.text
                    return {
                        "row": row, "column": column, "data_type": kind, "style_id": style,
                        "value": strings[int(text)] if kind == "s" else _cast_number(text),
                    }
        return general(element)

    return parse_cell


def _cell_rows(worksheet, merged: list[str]):
    """The rows of a read-only worksheet as openpyxl's ``iter_rows()`` gives them (row 1
    first, a missing row empty, each row from column A to its last cell), each cell a dict
    with ``value`` and ``data_type`` or None where empty. The ranges of merged cells, which
    follow the rows in the part, are added to ``merged`` (``"H5:H7"``).

    openpyxl's own parser for each cell (types, shared strings, dates, formulas), but fed by
    lxml's C parser instead of ElementTree's Python callbacks, and no cell objects. A formula
    cell also holds ``cached``: (value, data_type) of its cached result, as openpyxl's
    data_only mode reads it. Entities are never expanded (``check_file`` has refused any
    declaration already; this is the second line of defence)."""
    from lxml import etree
    from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    merge_tag = f"{{{SHEET_MAIN_NS}}}mergeCell"
    workbook = worksheet.parent
    with worksheet._get_source() as source:
        parser, cached_parser = (
            WorkSheetParser(
                source, worksheet._shared_strings, data_only=data_only,
                epoch=workbook.epoch, date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for data_only in (False, True)
        )
        parser.parse_cell = _common_cells_first(parser)
        expected = 1
        for _event, element in etree.iterparse(source, tag=(ROW_TAG, merge_tag), **_LXML_SAFE):
            if element.tag == merge_tag:
                merged.append(element.get("ref") or "")
                continue
            number, cells_ = parser.parse_row(element)
            for cell, cell_element in zip(cells_, element, strict=False):
                if cell["data_type"] == "f":
                    # the cached result sits in the same element: read it as openpyxl's
                    # data_only mode would, instead of reading the whole file again
                    cached = cached_parser.parse_cell(cell_element)
                    cell["cached"] = (cached["value"], cached["data_type"])
            element.clear(keep_tail=True)
            while element.getprevious() is not None:  # keep memory flat on long sheets
                del element.getparent()[0]
            if number < expected:  # a repeated or out-of-order row, skipped as openpyxl does
                continue
            while expected < number:
                expected += 1
                yield []
            expected += 1
            if not cells_:
                yield []
                continue
            width = cells_[-1]["column"]
            row: list[dict | None] = [None] * width
            for cell in cells_:
                if 1 <= cell["column"] <= width:
                    row[cell["column"] - 1] = cell
            yield row


# A shared-string part up to this size (unzipped) is parsed whole, twice as fast as event by
# event; a larger one (up to check_file's limit) event by event, so that memory stays flat.
_WHOLE_STRINGS_BYTES = 32 * 1024 * 1024


def _shared_strings(source, size: int = 0) -> list[str]:
    """The shared string table as openpyxl's ``read_string_table`` reads it (plain text,
    then the text of each rich-text run, no phonetic runs), parsed with lxml: openpyxl
    builds an object per string, the slowest step on a large workbook. Unlike openpyxl,
    ``_x005F_`` (Excel's escaped underscore) is left in place, for ``_cell_value`` to decode
    with the other escapes in one pass: a literal ``_x000D_`` typed in Excel then stays
    literal, as calamine keeps it. (openpyxl's public path, the fallback should its
    internals change, still removes it.)
    ``size``: the part's unzipped size (0: unknown, read event by event)."""
    from lxml import etree
    from openpyxl.xml.constants import SHEET_MAIN_NS

    si_tag, t_tag, r_tag = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("si", "t", "r"))
    strings: list[str] = []
    if 0 < size <= _WHOLE_STRINGS_BYTES:
        nodes = etree.parse(source, etree.XMLParser(**_LXML_SAFE)).iter(si_tag)
    else:
        nodes = _each_cleared(etree.iterparse(source, tag=si_tag, **_LXML_SAFE))
    for node in nodes:
        if len(node) == 1 and node[0].tag == t_tag:  # plain text, nearly every string
            text = node[0].text
            strings.append(text or "")
            continue
        plain = None
        runs = []
        for child in node:
            if child.tag == t_tag:
                plain = child.text  # as openpyxl: the last <t> wins
            elif child.tag == r_tag:
                text = None
                for t in child.iterchildren(t_tag):
                    text = t.text
                if text is not None:
                    runs.append(text)
        if plain is not None:
            runs.insert(0, plain)
        strings.append("".join(runs))
    return strings


def _each_cleared(events):
    """The elements of an ``iterparse``, each removed from the tree once it was used."""
    for _event, node in events:
        yield node
        node.clear(keep_tail=True)
        while node.getprevious() is not None:
            del node.getparent()[0]


def _import_openpyxl() -> None:
    """Import openpyxl without numpy: openpyxl imports numpy, when installed, only to accept
    numpy numbers as cell values it writes, which the reader never does; importing numpy
    costs about 0.1 s of every run. Nothing changes when either is already imported, and a
    later ``import numpy`` works as usual."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # makes "import numpy" raise ImportError, as if absent
    try:
        import openpyxl  # noqa: F401
    finally:
        if "numpy" in sys.modules and sys.modules["numpy"] is None:
            del sys.modules["numpy"]


def _load_workbook(data: bytes, *, data_only: bool):
    """``openpyxl.load_workbook(read_only=True)``, with the shared strings read by lxml."""
    _import_openpyxl()
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                member = self.archive.getinfo(part.PartName[1:])
                with self.archive.open(member) as source:
                    self.shared_strings = _shared_strings(source, member.file_size)

    reader = Reader(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    reader.read()
    return reader.wb


def _cell_value(kind: str, value: object, cached: tuple[object, str] | None) -> object:
    """A cell's value as the reader keeps it: a formula's cached result (or
    ``UncachedFormula``), ``SpreadsheetError`` for an error, else the value, a text with
    Excel's escapes decoded (as python-calamine gives it)."""
    if kind == "f":
        formula = str(getattr(value, "text", value))
        value, kind = cached if cached is not None else (None, "n")
        if kind == "e":
            return SpreadsheetError(str(value))
        if value is None:
            # a formula whose result is the empty text keeps t="str" with an empty
            # <v>; a formula never calculated has no type at all
            return "" if kind in ("s", "str") else UncachedFormula(formula)
    elif kind == "e":
        return SpreadsheetError(str(value))
    return cells.decode_escapes(value) if type(value) is str else value


def _merged(ranges) -> tuple[tuple[int, int, int, int], ...]:
    """Merged ranges as written (``"H5:H7"``) as ``RawSheet.merged`` keeps them; a range
    of one cell, or one that cannot be read, merges nothing."""
    from openpyxl.utils.cell import range_boundaries

    out = []
    for text in ranges:
        try:
            first_column, first_row, last_column, last_row = range_boundaries(text)
        except (TypeError, ValueError):
            continue
        if None in (first_column, first_row, last_column, last_row):
            continue
        if (first_row, first_column) != (last_row, last_column):
            out.append((first_row, first_column - 1, last_row, last_column - 1))
    return tuple(out)


def _sheet_cells(worksheet, name: str) -> RawSheet:
    """Rows of values of one sheet, each formula replaced by its cached value, and its
    merged ranges."""
    rows: list[list[object]] = []
    merged: list[str] = []
    # rows as parsed, whatever the sheet's <dimension> says (some programs write it wrong)
    for row_number, row in enumerate(_cell_rows(worksheet, merged), start=1):
        if row_number > MAX_ROW_ELEMENTS:
            raise _too_many_rows(name, worksheet.title)
        rows.append([
            None if cell is None
            else _cell_value(cell["data_type"], cell["value"], cell.get("cached"))
            for cell in row
        ])
    return RawSheet(worksheet.title, 0, rows, _merged(merged))


@functools.cache
def _internals_as_expected() -> bool:
    """Whether the parts of openpyxl the fast path feeds (its worksheet parser, reader and
    read-only worksheet internals, not its public API) are as that path expects. openpyxl is
    pinned below 3.2, but a release inside the pin, or a looser pin, may change them; then
    the reader takes the public path (:func:`_public_raw_sheets`): slower, same values."""
    _import_openpyxl()
    try:
        import inspect

        from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader  # noqa: F401
        from openpyxl.utils.cell import coordinate_to_tuple  # noqa: F401
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet
        from openpyxl.worksheet._reader import (
            ROW_TAG,
            VALUE_TAG,
            WorkSheetParser,
            _cast_number,
        )

        inspect.signature(WorkSheetParser).bind(
            None, [], data_only=False, epoch=None, date_formats=set(), timedelta_formats=set())
        parser = WorkSheetParser(None, [], date_formats=set())
        return (
            all(callable(getattr(parser, name, None)) for name in ("parse_row", "parse_cell"))
            and all(hasattr(parser, name)
                    for name in ("col_counter", "shared_strings", "date_formats"))
            and callable(getattr(ExcelReader, "read_strings", None))
            and callable(getattr(ReadOnlyWorksheet, "_get_source", None))
            and callable(_cast_number) and _cast_number("2") == 2
            and isinstance(ROW_TAG, str) and isinstance(VALUE_TAG, str)
        )
    except Exception:  # anything missing or changed: the public path
        return False


def _public_raw_sheets(data: bytes, name: str) -> list[RawSheet]:
    """Every worksheet's cells through openpyxl's public API only: one read-only load for
    the formulas, one for their cached results, ``iter_rows`` over the rows as parsed."""
    _import_openpyxl()
    import openpyxl

    loads = [openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only,
                                    keep_links=False) for data_only in (False, True)]
    formulas, results = loads
    merged = merged_ranges(data)  # read-only worksheets do not give them
    try:
        sheets = []
        for index, (worksheet, cached) in enumerate(zip(formulas.worksheets, results.worksheets,
                                                        strict=True)):
            # rows as parsed, whatever the sheet's <dimension> says
            worksheet.reset_dimensions()
            cached.reset_dimensions()
            rows: list[list[object]] = []
            for row_number, (row, cached_row) in enumerate(
                    zip(worksheet.iter_rows(), cached.iter_rows()), start=1):
                if row_number > MAX_ROW_ELEMENTS:
                    raise _too_many_rows(name, worksheet.title)
                rows.append([
                    _cell_value(cell.data_type, cell.value,
                                (cached_row[column].value, cached_row[column].data_type)
                                if column < len(cached_row) else None)
                    for column, cell in enumerate(row)
                ])
            sheets.append(RawSheet(worksheet.title, index, rows,
                                   _merged(merged.get(worksheet.title, ()))))
    finally:
        for workbook in loads:
            workbook.close()
    return sheets


# A workbook is read by python-calamine only when the grids of its sheets (A1 to each
# sheet's last cell) hold at most this many cells together: calamine keeps a sheet as a grid
# (about 24 bytes a cell while it is read) and the rows of every sheet as lists (8 bytes a
# cell). 100,000 rows of 20 columns, the most a DPIA workbook needs, are 2 million.
CALAMINE_MAX_GRID = 4_000_000


def _import_calamine():
    """The python-calamine module, or None where it is not installed (a platform without a
    wheel for it): openpyxl then reads every workbook."""
    try:
        import python_calamine
    except ImportError:
        return None
    return python_calamine


def _plain_value(value: object) -> object:
    """A value from calamine as the openpyxl path gives it: an empty cell None, a whole
    number an int, a date a datetime (its time 00:00)."""
    if value == "":
        return None
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if type(value) is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def _calamine_raw_sheets(data: bytes) -> list[RawSheet] | None:
    """Every worksheet's cells, read by python-calamine (Rust, five times faster than the
    path through openpyxl on a large workbook), with the values openpyxl gives; None when
    calamine is not installed, cannot read the file, or the workbook has a kind of sheet it
    reads differently: openpyxl then reads the file, and names any damage.

    Only for workbooks whose scan (``check_file``) found plain values: calamine gives the
    empty text for a formula without a cached result and for an error value, where the
    format needs to tell the user which cell is wrong."""
    calamine = _import_calamine()
    if calamine is None:
        return None
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:  # damaged, or something calamine does not read: openpyxl decides
        return None
    try:
        kinds = calamine.SheetTypeEnum
        sheets_metadata = workbook.sheets_metadata
        if any(meta.typ not in (kinds.WorkSheet, kinds.ChartSheet) for meta in sheets_metadata):
            return None  # dialog and macro sheets: openpyxl's view of them
        sheets = []
        for meta in sheets_metadata:
            if meta.typ != kinds.WorkSheet:
                continue  # a chart sheet has no cells (openpyxl does not list it either)
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            sheets.append(RawSheet(meta.name, len(sheets), [
                # nearly every value is a text or nothing: a text needs no conversion
                [v if type(v) is str and v else _plain_value(v) for v in row]
                for row in rows
            ], tuple(
                (first[0] + 1, first[1], last[0] + 1, last[1])
                for first, last in sheet.merged_cell_ranges or () if first != last
            )))
        return sheets
    except Exception:
        return None
    finally:
        workbook.close()


def _opendocument_raw_sheets(data: bytes, name: str, scanned) -> list[RawSheet]:
    """Every sheet of an .ods file (checked by ``check_file``), read by python-calamine; the
    merged ranges and error values it does not give come from the scan of content.xml."""
    if _import_calamine() is None:
        raise FileFormatError(
            f"{name}: reading OpenDocument spreadsheets (.ods) needs python-calamine, which "
            "is not installed; install it, or save the file as an Excel Workbook (.xlsx)")
    sheets = _calamine_raw_sheets(data)
    if sheets is None:
        raise FileFormatError(
            f"{name}: cannot read the spreadsheet, it is damaged or incomplete; open it in "
            "LibreOffice and save it again")
    by_name = {sheet.name: sheet for sheet in scanned}
    for index, sheet in enumerate(sheets):
        seen = by_name.get(sheet.title)
        if seen is None:
            continue
        for row, column, text in seen.errors:
            cells_ = sheet.rows[row - 1] if row - 1 < len(sheet.rows) else None
            if cells_ is not None and column < len(cells_):
                cells_[column] = SpreadsheetError(text)
        sheets[index] = replace(sheet, merged=tuple(
            merged for merged in seen.merged if merged[0] <= len(sheet.rows)))
    return sheets


def load_raw_sheets(data: bytes, name: str, *, scan: WorkbookScan | None = None) -> list[RawSheet]:
    """Every worksheet's cells; formulas replaced by their cached values.

    ``scan``: what ``check_file`` saw in the file. When it found plain values only and
    small enough grids, python-calamine reads the cells; otherwise, and whenever calamine
    cannot, openpyxl does. One read of each sheet: a formula cell holds both the formula and
    its cached result, so the cost stays linear in the number of cells.
    """
    if scan is not None and scan.opendocument is not None:
        return _opendocument_raw_sheets(data, name, scan.opendocument)
    if scan is not None and scan.plain_cells and scan.grid_cells <= CALAMINE_MAX_GRID:
        sheets = _calamine_raw_sheets(data)
        if sheets is not None:
            for sheet in sheets:
                if len(sheet.rows) > MAX_ROW_ELEMENTS:
                    raise _too_many_rows(name, sheet.title)
            return sheets
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it does not support (data validation lists,
            # conditional formatting); they do not matter to the contents
            warnings.simplefilter("ignore")
            if not _internals_as_expected():
                return _public_raw_sheets(data, name)
            workbook = _load_workbook(data, data_only=False)
            try:
                sheets = [
                    replace(_sheet_cells(worksheet, name), index=index)
                    for index, worksheet in enumerate(workbook.worksheets)
                ]
            finally:
                workbook.close()
    except FileFormatError:
        raise
    except Exception as exc:  # openpyxl, zipfile and XML parsers raise many kinds on damage
        # what the parser said means nothing to a DPO; it stays the cause, shown by --debug
        raise FileFormatError(
            f"{name}: cannot read the workbook, it is damaged or incomplete; "
            "open it in Excel or LibreOffice and save it again as .xlsx"
        ) from exc
    return sheets


# --- phase 2: tables out of raw cells ------------------------------------------------------

_UNREADABLE = (UncachedFormula, SpreadsheetError)


def _letter(column: int) -> str:
    """Column letter of a 0-based column index: A for 0, AA for 26."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _group_advice(spec: schema.Sheet, lang: str) -> str:
    """``, or above 'Likelihood | Impact' a group dpia knows ('Inherent risk', ...)``, for a
    sheet with columns that a group row can name; else nothing."""
    subs = [spec.column(sub) for sub in dict.fromkeys(sub for _, sub in schema.GROUPED_COLUMNS)
            if sub in {column.key for column in spec.columns}]
    if not subs:
        return ""
    names = " | ".join(column.name(lang) for column in subs)
    groups = ", ".join(repr(words[lang][0]) for words in schema.HEADER_GROUPS.values())
    return f", or above {names!r} a group dpia knows ({groups})"


def _quoted(value: object, limit: int = 40) -> str:
    """A cell's value quoted for a message, a long text cut short."""
    text = cells.as_text(value)
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _rows_text(numbers: list[int]) -> str:
    """``row 7`` or ``rows 7-10, 12``: ascending row numbers, runs joined."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [str(first) if first == last else f"{first}-{last}" for first, last in runs]
    return f"{'row' if numbers[1:] == [] else 'rows'} {', '.join(parts)}"


@dataclass
class Row:
    """One data row of a table sheet: the values of its known columns and where it is."""

    number: int
    values: dict[str, object]  # column key -> raw value; None when empty or unreadable
    origin: Origin
    label: str  # the row's ID as typed, used in messages
    unreadable: set[str] = field(default_factory=set)  # columns whose cell was reported


@dataclass
class Table:
    """A sheet of rows under a header row."""

    raw: RawSheet
    spec: schema.Sheet
    lang: str
    header_row: int | None
    columns: dict[str, int]  # column key -> 0-based column index
    rows: list[Row]
    unknown: dict[int, str] = field(default_factory=dict)  # column -> unknown header
    stray: set[int] = field(default_factory=set)  # columns not read that hold data
    twice: set[int] = field(default_factory=set)  # columns of a known header given again
    also: dict[int, schema.Column] = field(default_factory=dict)  # a synonym of a column read
    view: headers.HeaderView | None = None  # the top rows as shown, merged cells filled

    def has(self, key: str) -> bool:
        return key in self.columns

    def header(self, key: str) -> str:
        """The column's name in the sheet's language, for messages."""
        return self.spec.column(key).name(self.lang)


class _Reader:
    """Holds the problems of one read while the sheets are turned into model objects."""

    def __init__(self, file: str, sheets: list[RawSheet], lang: str | None):
        self.file = file
        self.lang_override = lang
        self.problems: list[Problem] = []
        self.order = {sheet.title: sheet.index for sheet in sheets}
        self.sheets: dict[str, RawSheet] = {}
        self.sheet_rows: dict[str, int] = {}
        self._levels: dict[int, tuple[tuple, dict[str, int]]] = {}  # see level()
        for sheet in sheets:
            spec = schema.find_sheet(sheet.title)
            if spec is None:
                continue  # other sheets (instructions, drop-down lists) are not data
            if spec.key in self.sheets:
                self.error(
                    sheet.title, "",
                    f"this is the {spec.name('en')} sheet a second time (already read "
                    f"{self.sheets[spec.key].title}); remove or rename one of them",
                )
                continue
            self.sheets[spec.key] = sheet

    # -- problems

    def add(self, severity: str, sheet: str, cell: str, message: str) -> None:
        # one problem, one line: typed text quoted in a message may hold line breaks
        message = " ".join(message.split())
        self.problems.append(Problem(severity, message, self.file, sheet, cell))

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.add(ERROR, sheet, cell, message)

    def warning(self, sheet: str, cell: str, message: str) -> None:
        self.add(WARNING, sheet, cell, message)

    def row_error(self, row: Row, key: str, message: str, severity: str = ERROR) -> None:
        self.add(severity, row.origin.sheet, row.origin.cell_of(key), f"{row.label}: {message}")

    def sorted_problems(self) -> list[Problem]:
        """Problems by sheet order, then row, then column (file-level ones first)."""

        def position(problem: Problem) -> tuple[int, int, int]:
            sheet = self.order.get(problem.sheet, -1) if problem.sheet else -1
            return (sheet, *cells.cell_position(problem.cell))

        return sorted(self.problems, key=position)

    # -- tables

    def table(self, spec: schema.Sheet, extra_required: tuple[str, ...] = (),
              could_hold=None) -> Table | None:
        """The sheet for ``spec`` as a table, or None when the workbook has no such sheet.

        ``could_hold(key, values)``: whether the values of a column not known could be those
        of the missing optional column ``key`` (default: yes), see ``_report_unknown``."""
        raw = self.sheets.get(spec.key)
        if raw is None:
            return None
        lang = spec.language_of(raw.title)
        required = [c.key for c in spec.columns if c.required == schema.YES]
        required += [key for key in extra_required if key not in required]

        view = headers.header_view(raw.rows, raw.merged, HEADER_SEARCH_ROWS)
        header_row, best, best_count = None, None, 0
        for number in range(1, min(HEADER_SEARCH_ROWS, len(raw.rows)) + 1):
            found = self._columns_of_row(view, spec, number)
            if all(key in found for key in required):
                header_row = number
                if headers.groups_above(view, spec, number + 1):
                    header_row += 1  # groups over sub-headers in the next row: both are read
                break
            if len(found) > best_count:
                best, best_count = number, len(found)
        table = Table(raw, spec, lang, None, {}, [], view=view)
        if header_row is None:
            if best is None:
                names = ", ".join(repr(spec.column(key).name(lang)) for key in required)
                self.error(
                    raw.title, "1",
                    f"no header row in the first {HEADER_SEARCH_ROWS} rows: the required "
                    f"columns {names} are missing",
                )
                self.sheet_rows[raw.title] = 0
                return table
            present = self._columns_of_row(view, spec, best)
            # the missing ones may stand in the row above or below: a header in two rows
            nearby = {key: other for other in (best + 1, best - 1)
                      if 1 <= other <= len(view.rows)
                      for key in self._columns_of_row(view, spec, other) - present}
            for key in required:
                if key not in present:
                    name = spec.column(key).name(lang)
                    other = nearby.get(key)
                    self.error(
                        raw.title, str(best),
                        f"missing required column {name!r}" + (
                            f" (it stands in row {other}: the headers span rows "
                            f"{min(best, other)}-{max(best, other)}, and dpia reads one header "
                            f"row: write each column's name in one row{_group_advice(spec, lang)})"
                            if other else ""),
                    )
            header_row = best
        table.header_row = header_row
        self._map_columns(table)
        if all(key in table.columns for key in spec.key_columns):
            self._fill_merged(table)
            self._read_rows(table)
        else:  # rows cannot be told apart without their key column (already reported)
            self.sheet_rows[raw.title] = 0
            table.stray = {
                index for index in table.unknown
                if any(not cells.is_empty(raw.value(number, index))
                       for number in range(header_row + 1, len(raw.rows) + 1))
            }
        self._report_unknown(table, required, could_hold)
        return table

    def _report_unknown(self, table: Table, required: list[str], could_hold) -> None:
        """Columns not read: one warning for the sheet, naming a known column each one
        resembles; but an error at its header cell when it holds data while a column that
        decides the conclusion is missing (a required one, or a level column whose place
        its values could take): dpia does not guess which column it is."""
        raw, spec, number = table.raw, table.spec, table.header_row
        missing = [column for column in spec.columns if column.key not in table.columns]
        missing_required = [c for c in missing if c.key in required]
        missing_levels = [c for c in missing if c.kind == schema.LEVEL and c not in
                          missing_required]
        ignored = []
        for index in sorted({*table.unknown, *table.stray} - table.twice):
            text = table.unknown.get(index)
            shown = f"{text!r}" if text is not None else "(no header)"
            if text is None and table.view.continues_left(number, index):
                merge = table.view.merge_of[(number, index)]
                shown = (f"(no header: {_letter(merge[1])}{number} is merged over "
                         f"{_letter(merge[1])}{number}:{_letter(merge[3])}{number})")
            closest = schema.closest_column(spec.columns, text) if text is not None else None
            hint = f"did you mean {closest.name(table.lang)!r}?" if closest is not None \
                and closest.key not in table.columns else ""
            if index in table.also:
                column = table.also[index]
                hint = (f"another name for {column.name(table.lang)!r}, which is read from "
                        f"{_letter(table.columns[column.key])}")
            suspect = missing_required
            if index in table.stray and not suspect and missing_levels:
                values = [raw.value(row, index) for row in range(number + 1, len(raw.rows) + 1)]
                values = [v for v in values if not cells.is_empty(v)]
                suspect = [c for c in missing_levels
                           if could_hold is None or could_hold(c.key, values)]
            if index in table.stray and suspect:
                names = " and ".join(repr(c.name(table.lang)) for c in suspect)
                self.error(
                    raw.title, f"{_letter(index)}{number}",
                    f"unknown column {shown} holds data while {names} "
                    f"{'is' if len(suspect) == 1 else 'are'} missing; "
                    + (hint + " Give" if hint else "give")
                    + " the column the name of what it holds (see the format), or move it "
                    "out of this sheet",
                )
            else:
                ignored.append(f"{shown} ({_letter(index)}{', ' + hint if hint else ''})")
        if ignored:
            self.warning(raw.title, str(number), f"unknown column(s) ignored: {', '.join(ignored)}")

    def _columns_of_row(self, view: headers.HeaderView, spec: schema.Sheet,
                        number: int) -> set[str]:
        return {
            cell.column.key for cell in headers.header_cells(view, spec, number)
            if cell.column is not None
        }

    def _map_columns(self, table: Table) -> None:
        raw, number, view = table.raw, table.header_row, table.view
        header = headers.header_cells(view, table.spec, number)
        grouped = any(cell.group_row for cell in header)
        # a column's own name first: a further name of it (a synonym) next to it is a column
        # of the DPO's own, as it was before dpia knew the synonym
        own = [c for c in header if c.column and schema.is_own_name(c.column, c.text)]
        for cell in [*own, *(c for c in header if c not in own)]:
            index, text, column = cell.index, cell.text, cell.column
            if column is None:
                table.unknown[index] = text
            elif column.key in table.columns and cell not in own and any(
                    c.column == column for c in own):
                table.unknown[index] = text
                table.also[index] = column
            elif column.key in table.columns:
                table.twice.add(index)
                first = table.columns[column.key]
                above = [view.value(number - 1, i) for i in (first, index)] if number > 1 \
                    else []
                if not cell.group_row and (grouped or any(not cells.is_empty(v) for v in above)):
                    # a header in two rows that dpia cannot read as group and sub-header
                    self.error(
                        raw.title, f"{_letter(index)}{number - 1}:{_letter(index)}{number}",
                        f"the headers span two rows ({_letter(first)}{number - 1}:"
                        f"{_letter(index)}{number}) and {text!r} appears twice in row "
                        f"{number}; dpia reads one header row: write each column's name in "
                        f"one cell (such as {self._grouped_example(table, column)!r})"
                        f"{_group_advice(table.spec, table.lang)}",
                    )
                else:
                    self.error(
                        raw.title, f"{_letter(index)}{number}",
                        f"column {text!r} appears twice (first in {_letter(first)}); only the "
                        "first is read",
                    )
            else:
                table.columns[column.key] = index

    @staticmethod
    def _grouped_example(table: Table, column: schema.Column) -> str:
        """The name of the residual column of the kind of ``column`` (else its own)."""
        key = schema.GROUPED_COLUMNS.get(("residual", column.key), column.key)
        return table.spec.column(key).name(table.lang)

    def _fill_merged(self, table: Table) -> None:
        """Cells merged down a column of data show their value on every row they cover, in
        Excel as in LibreOffice: read it there too, and say so, naming the range. A value
        merged across two columns is read under the first only, which is said too."""
        raw, number = table.raw, table.header_row
        column_of = {index: key for key, index in table.columns.items()}
        key_index = table.columns[table.spec.key_columns[0]]
        filled: set[tuple[int, int]] = set()  # each cell once, whatever ranges overlap
        for first_row, first_column, last_row, last_column in raw.merged:
            value = raw.value(first_row, first_column)
            if first_row <= number or (first_row, first_column) in filled or cells.is_empty(
                    value):
                continue  # the header's own merges are read with it
            keys = [column_of[index] for index in sorted(column_of)
                    if first_column <= index <= last_column]
            if not keys:
                continue
            notes = []
            if last_row > first_row and first_column in column_of:
                for row in range(first_row + 1, min(last_row, len(raw.rows)) + 1):
                    if (row, first_column) in filled:
                        break
                    filled.add((row, first_column))
                    cells_ = raw.rows[row - 1]
                    if len(cells_) <= first_column:
                        cells_.extend([None] * (first_column + 1 - len(cells_)))
                    cells_[first_column] = value
                    notes[:1] = [f"is read for rows {first_row}-{row}"]
            if len(keys) > 1 and first_column != key_index:
                names = [table.header(key) for key in keys]
                notes.append(f"is read under {names[0]!r} only, not under "
                             + ", ".join(repr(name) for name in names[1:]))
            if notes:
                where = f"{_letter(first_column)}{first_row}:{_letter(last_column)}{last_row}"
                self.warning(raw.title, where,
                             f"merged cells; the value {_quoted(value)} {' and '.join(notes)}")

    def _read_rows(self, table: Table) -> None:
        raw, spec = table.raw, table.spec
        columns = tuple((key, _letter(index)) for key, index in table.columns.items())
        key_columns = list(spec.key_columns)
        mapped = set(table.columns.values())
        column_items = tuple(table.columns.items())
        key_letter = _letter(table.columns[key_columns[0]])
        unmapped_of: dict[int, tuple[int, ...]] = {}  # row width -> its unmapped columns
        typed_ahead: list[tuple[int, str]] = []  # (row, ID) of rows holding only an ID
        for number in range(table.header_row + 1, len(raw.rows) + 1):
            row_cells = raw.rows[number - 1]
            width = len(row_cells)
            unmapped = unmapped_of.get(width)
            if unmapped is None:
                unmapped = unmapped_of[width] = tuple(i for i in range(width) if i not in mapped)
            row_stray = False
            for index in unmapped:
                value = row_cells[index]
                if value is not None and not cells.is_empty(value):
                    table.stray.add(index)
                    row_stray = True
            # raw.value(number, index), inlined: this runs for every cell of every row
            values = {key: row_cells[index] if index < width else None
                      for key, index in column_items}
            if all(cells.is_empty(v) for v in values.values()):
                continue
            if spec.numbered and not row_stray and all(
                cells.is_empty(value) for key, value in values.items() if key not in key_columns
            ):
                typed_ahead.append((number, cells.as_text(values[key_columns[0]])))
                continue
            origin = Origin(raw.title, number, f"{key_letter}{number}", columns)
            label = " ".join(
                cells.as_text(values[key]) for key in key_columns
                if isinstance(values[key], (str, int, float)) and not cells.is_empty(values[key])
            )
            row = Row(number, values, origin, label or f"row {number}")
            for key, value in values.items():
                if not isinstance(value, _UNREADABLE):
                    continue
                if isinstance(value, UncachedFormula):
                    self.row_error(
                        row, key,
                        f"formula ={value.formula.lstrip('=')} has no calculated value (the "
                        "workbook was written by a program and never opened in a spreadsheet "
                        "application); open it in Excel or LibreOffice and save it",
                    )
                else:
                    self.row_error(
                        row, key, f"the cell holds the spreadsheet error {value.code}"
                    )
                row.unreadable.add(key)
                values[key] = None
            missing_keys = [
                key for key in spec.key_columns
                if key not in row.unreadable and cells.is_empty(values.get(key))
            ]
            if missing_keys:
                for key in missing_keys:
                    self.error(
                        raw.title, row.origin.cell_of(key),
                        f"row {number} has data but no {table.header(key)}",
                    )
                continue
            if row.unreadable & set(spec.key_columns):
                continue
            table.rows.append(row)
        if typed_ahead:
            # pre-numbered rows waiting to be filled in: one warning for the sheet
            self.warning(
                raw.title, f"{key_letter}{typed_ahead[0][0]}",
                f"{_rows_text([number for number, _ in typed_ahead])} skipped: only an ID is "
                f"filled in ({', '.join(label for _, label in typed_ahead)})",
            )
        self.sheet_rows[raw.title] = len(table.rows)

    # -- cell readers that report

    def text(self, row: Row, key: str, table: Table, *, required: bool = False) -> str:
        """The cell as text; an empty required cell is an error."""
        value = cells.as_text(row.values.get(key))
        if required and not value and key not in row.unreadable and table.has(key):
            self.row_error(row, key, f"{table.header(key)} is empty (required)")
        return value

    def items(self, row: Row, key: str, table: Table, *, required: bool = False,
              none_words: bool = False) -> tuple[str, ...]:
        """A list cell; an empty required list is an error."""
        value = cells.split_list(row.values.get(key), none_words=none_words)
        if required and not value and key not in row.unreadable and table.has(key):
            self.row_error(row, key, f"{table.header(key)} is empty (required)")
        return value

    def date(self, row: Row, key: str, table: Table, label: str | None = None):
        """A date cell, or None when empty or wrong (wrong is an error; a text date that
        could be read two ways, a warning saying how it was read)."""
        value = row.values.get(key)
        if cells.is_empty(value):
            return None
        prefix = f"{table.header(key)}: " if label is None else label
        try:
            date, note = cells.read_date(value)
        except CellError as exc:
            self.row_error(row, key, f"{prefix}{exc}")
            return None
        if note:
            self.row_error(row, key, f"{prefix}{note}", WARNING)
        return date

    def yesno(self, row: Row, key: str, table: Table) -> tuple[bool | None, bool]:
        """(value, ok) of a yes/no cell: (None, True) when empty; a wrong one is an error."""
        value = row.values.get(key)
        if cells.is_empty(value):
            return None, True
        try:
            return cells.as_yesno(value), True
        except CellError as exc:
            self.row_error(row, key, f"{table.header(key)}: {exc}")
            return None, False

    def level(self, row: Row, key: str, table: Table, scale, axis: str,
              *, required: bool) -> tuple[int | None, bool]:
        """(value, ok) of a level cell; empty gives (None, ok) unless required."""
        value = row.values.get(key)
        if key in row.unreadable:
            return None, False
        if cells.is_empty(value):
            if required and table.has(key):
                self.row_error(row, key, f"{table.header(key)} is empty (required)")
                return None, False
            return None, not required
        if scale is None:
            return None, False  # the matrix is broken; already reported
        # a few distinct texts fill a level column: each is looked up once per scale (the
        # scale is kept with its lookups, so its id stays its own)
        known = self._levels.setdefault(id(scale), (scale, {}))[1]
        found = known.get(value) if type(value) is str else None
        if found is not None:
            return found, True
        try:
            found = cells.as_level(value, scale, axis)
        except CellError as exc:
            self.row_error(row, key, f"{table.header(key)}: {exc}")
            return None, False
        if type(value) is str:
            known[value] = found
        return found, True


# --- the Assessment sheet ------------------------------------------------------------------


def _language(reader: _Reader, text: str, origin: Origin | None) -> str:
    if reader.lang_override:
        return reader.lang_override
    code = schema.language_key(text)
    if code is not None:
        return code
    if text.strip() and origin is not None:
        # A warning, not an error: the language only picks the report's wording, the
        # assessment itself is read correctly; --lang chooses one, --strict refuses.
        reader.warning(
            origin.sheet, origin.cell,
            f"Language: {text!r} is not a report language ({_or(languages.codes())}); the "
            "report will be in English",
        )
    return "en"


def _authority(reader: _Reader, text: str, row: Row | None) -> str:
    """The key of the supervisory authority an Authority cell names (by key or name), or
    "" when empty; one whose list dpia does not hold is an error naming the cell."""
    if not text:
        return ""
    found = authorities.find(text)
    if found is not None:
        return found.key
    if row is not None:
        hint = cells.did_you_mean(text, authorities.accepted_words())
        reader.row_error(
            row, "value",
            f"{text!r} is not a supervisory authority whose Art. 35(4) list dpia holds "
            f"({', '.join(authorities.KEYS)}, or the authority's name){hint}",
        )
    return ""


def _free_word(reader: _Reader, row: Row, key: str, group: str, prefix: str) -> str:
    """The canonical word of a cell that may also hold free text (Assessment Status, measure
    Type), or its text as typed; a near miss of a known word is a warning saying so."""
    text = cells.as_text(row.values.get(key))
    found = cells.as_enum(text, group)
    if found is not None or not text:
        return found or text
    hint = cells.enum_hint(text, group)
    if hint:
        reader.row_error(row, key, f"{prefix}{text!r} is kept as typed{hint}", WARNING)
    return text


def _missing_sheet(sheet: schema.Sheet) -> str:
    """``missing required sheet 'Risks' (nl: Risico's, ...)``: the names from the format."""
    others = ", ".join(f"{lang}: {sheet.name(lang)}" for lang in languages.codes()
                       if lang != languages.FALLBACK)
    return f"missing required sheet '{sheet.name(languages.FALLBACK)}' ({others})"


def _value_words(group: str, lang: str) -> str:
    """``reduce, accept, avoid, transfer``: the words of a group as ``dpia init`` writes them
    in the sheet's language, and in English after them (``; en: ...``) when that is another."""

    def words(code: str) -> str:
        return ", ".join(schema.value_word(group, key, code) for key in schema.VALUE_KEYS[group])

    own = words(lang)
    english = words(languages.FALLBACK)
    return own if own == english else f"{own}; {languages.FALLBACK}: {english}"


def _or(words: tuple[str, ...]) -> str:
    """``en, de, fr or nl``."""
    return " or ".join((", ".join(words[:-1]), words[-1])) if len(words) > 1 else "".join(words)


def _read_info(reader: _Reader) -> tuple[AssessmentInfo | None, dict[str, Origin]]:
    table = reader.table(schema.ASSESSMENT, extra_required=("value",))
    if table is None:
        reader.error("", "", _missing_sheet(schema.ASSESSMENT))
        return None, {}
    values: dict[str, object] = {}
    origins: dict[str, Origin] = {}
    rows: dict[str, Row] = {}
    value_letter = _letter(table.columns["value"]) if table.has("value") else None
    for row in table.rows:
        name = cells.as_text(row.values.get("field"))
        column = schema.find_field(name)
        if column is None:
            closest = schema.closest_column(schema.ASSESSMENT_FIELDS, name)
            reader.add(
                WARNING, row.origin.sheet, row.origin.cell_of("field"),
                f"{name}: unknown field (ignored)"
                + (f"; did you mean {closest.name(table.lang)!r}?" if closest else ""),
            )
            continue
        row.label = column.name(table.lang)  # not the typed text with its "*" or hint
        if column.key in rows:
            reader.row_error(
                row, "field",
                f"field given twice (first in row {rows[column.key].number}); remove one",
            )
            continue
        rows[column.key] = row
        cell = f"{value_letter}{row.number}" if value_letter else row.origin.cell
        origins[column.key] = Origin(row.origin.sheet, row.number, cell, row.origin.columns)
        value = row.values.get("value")
        if "value" in row.unreadable:
            continue
        if column.kind == schema.DATE:
            values[column.key] = reader.date(row, "value", table, label="")
        elif column.kind == schema.ENUM:
            values[column.key] = _free_word(reader, row, "value", column.enum, "")
        else:
            values[column.key] = cells.as_text(value)
    for column in schema.ASSESSMENT_FIELDS:
        if column.required != schema.YES or values.get(column.key):
            continue
        if not table.has("value"):
            continue  # the missing column is the problem, reported once
        if column.key in rows:
            if "value" not in rows[column.key].unreadable:
                reader.row_error(rows[column.key], "value", "the value is empty (required)")
        elif table.has("field") and table.has("value"):
            reader.error(
                table.raw.title, "",
                f"missing required field {column.name(table.lang)!r}",
            )
    values["language"] = _language(
        reader, str(values.get("language") or ""), origins.get("language")
    )
    values["authority"] = _authority(reader, str(values.get("authority") or ""),
                                     rows.get("authority"))
    info = AssessmentInfo(
        title=str(values.get("title") or ""),
        organisation=str(values.get("organisation") or ""),
        **{k: v for k, v in values.items() if k not in ("title", "organisation") and v is not None},
        origins=tuple(origins.items()),
    )
    return info, origins


# --- the matrix ------------------------------------------------------------------------------


def _names(level) -> set[str]:
    return {matrices.normalise_name(n) for n in (level.name, *level.aliases)}


def _same_as_preset(matrix: Matrix, key: str) -> bool:
    """Whether a matrix read from the sheets is the preset ``key`` (names in any language)."""
    reference = matrices.preset(key, "en")
    if (len(matrix.likelihood), len(matrix.impact), len(matrix.levels)) != (
        len(reference.likelihood), len(reference.impact), len(reference.levels)
    ):
        return False
    pairs = [
        *zip(matrix.likelihood, reference.likelihood),
        *zip(matrix.impact, reference.impact),
        *zip(matrix.levels, reference.levels),
    ]
    if any(matrices.normalise_name(ours.name) not in _names(theirs) for ours, theirs in pairs):
        return False
    if any(a.acceptable != b.acceptable for a, b in zip(matrix.levels, reference.levels)):
        return False
    return matrix.grid == reference.grid


def _in_language(matrix: Matrix, key: str, lang: str) -> Matrix:
    """Sheets that write out the preset ``key``, named in ``lang`` (as the preset would be).

    The DPO's own descriptions and colours stay; a description that is the preset's own text
    (in any language) is given in ``lang`` too.
    """
    reference = matrices.preset(key, lang)
    others = [matrices.preset(key, code) for code in languages.codes()]

    def renamed(ours, theirs, stock_descriptions):
        aliases = tuple(dict.fromkeys(
            n for n in (*theirs.aliases, ours.name, *ours.aliases)
            if matrices.normalise_name(n) != matrices.normalise_name(theirs.name)
        ))
        changes = {"name": theirs.name, "aliases": aliases}
        if hasattr(ours, "description") and (
            not ours.description or ours.description in stock_descriptions
        ):
            changes["description"] = theirs.description
        return replace(ours, **changes)

    def scale(ours, theirs, axis):
        return tuple(
            renamed(a, b, {getattr(o, axis)[i].description for o in others})
            for i, (a, b) in enumerate(zip(ours, theirs))
        )

    return replace(
        matrix,
        name=key,
        title=reference.title,
        likelihood=scale(matrix.likelihood, reference.likelihood, "likelihood"),
        impact=scale(matrix.impact, reference.impact, "impact"),
        levels=tuple(renamed(a, b, set()) for a, b in zip(matrix.levels, reference.levels)),
    )


def _read_scales(reader: _Reader, table: Table):
    """(likelihood, impact) scales of the Scales sheet, or None when they are unusable."""
    if not all(table.has(key) for key in ("axis", "value", "name")):
        return None  # the missing column is reported
    axes: dict[str, list[tuple[int, str, str, Row]]] = {"likelihood": [], "impact": []}
    ok = True
    unsure: set[str] = set()  # axes with a row that could not be read: no gap check there
    for row in table.rows:
        axis_text = cells.as_text(row.values.get("axis"))
        axis = cells.as_enum(axis_text, "axis")
        if axis is None:
            reader.row_error(
                row, "axis", f"Axis {axis_text!r} is neither likelihood nor impact"
            )
            ok = False
            unsure.update(axes)
            continue
        try:
            value = cells.as_int(row.values.get("value"))
        except CellError as exc:
            reader.row_error(row, "value", f"Value: {exc}")
            ok = False
            unsure.add(axis)
            continue
        name = reader.text(row, "name", table, required=True)
        if not name:
            ok = False
            continue
        axes[axis].append((value, name, cells.as_text(row.values.get("description")), row))
    ok_rows = ok  # a level missing from an axis may be a row reported above
    scales = {}
    for axis, entries in axes.items():
        if not entries:
            if not unsure and ok_rows:
                reader.error(table.raw.title, "", f"no {axis} levels on the Scales sheet")
            ok = False
            continue
        seen_values: dict[int, Row] = {}
        seen_names: dict[str, Row] = {}
        for value, name, _, row in entries:
            if value in seen_values:
                reader.row_error(
                    row, "value",
                    f"{axis} value {value} appears twice (first in row "
                    f"{seen_values[value].number})",
                )
                ok = False
                unsure.add(axis)
            seen_values.setdefault(value, row)
            folded = matrices.normalise_name(name)
            if folded in seen_names:
                reader.row_error(
                    row, "name",
                    f"{axis} level name {name!r} appears twice (first in row "
                    f"{seen_names[folded].number})",
                )
                ok = False
            seen_names.setdefault(folded, row)
        values = sorted(seen_values)
        expected = list(range(1, len(values) + 1))
        if values != expected and axis not in unsure:
            missing = next(v for v in expected if v not in seen_values)
            after = min((v for v in values if v > missing), default=values[-1])
            row = seen_values[after]
            reader.row_error(
                row, "value",
                f"{axis} values must run from 1 without gaps; {missing} is missing",
            )
            ok = False
        entries.sort(key=lambda entry: entry[0])
        scales[axis] = tuple(
            ScaleLevel(value, name, description) for value, name, description, _ in entries
        )
    if not ok:
        return None
    return scales["likelihood"], scales["impact"]


def _read_levels(reader: _Reader, table: Table | None, scales_sheet: RawSheet, has_grid: bool,
                 n_likelihood: int | None, n_impact: int | None):
    """Risk levels of the Risk levels sheet (bands checked when there is no grid), or None."""
    if table is None:
        reader.error(
            scales_sheet.title, "",
            "a matrix defined in the workbook needs a 'Risk levels' sheet next to Scales",
        )
        return None
    rows = table.rows
    if not rows:
        if table.has("level"):
            reader.error(table.raw.title, str(table.header_row), "no risk levels listed")
        return None
    ok = True
    names: dict[str, Row] = {}
    parsed = []
    defaults = matrices.default_colours(len(rows))
    for position, row in enumerate(rows):
        name = cells.as_text(row.values.get("level"))
        folded = matrices.normalise_name(name)
        if folded in names:
            reader.row_error(
                row, "level", f"level {name!r} appears twice (first in row "
                f"{names[folded].number})",
            )
            ok = False
        names.setdefault(folded, row)
        scores = {}
        for key in ("from_score", "to_score"):
            value = row.values.get(key)
            scores[key] = None
            if cells.is_empty(value) or key in row.unreadable:
                continue
            try:
                scores[key] = cells.as_int(value)
                if scores[key] < 1:
                    raise CellError(f"'{scores[key]}' is below 1, the lowest score")
            except CellError as exc:
                reader.row_error(row, key, f"{table.header(key)}: {exc}")
                ok = False
                scores[key] = None
        colour_text = cells.as_text(row.values.get("colour"))
        colour = defaults[position]
        if colour_text:
            colour = matrices.parse_colour(colour_text)
            if colour is None:
                reader.row_error(
                    row, "colour",
                    f"{table.header('colour')}: {colour_text!r} is not a colour (use a hex "
                    "code such as #C00000 or a name such as red, orange, yellow, green)",
                )
                ok = False
                colour = defaults[position]
        answer, answer_ok = reader.yesno(row, "acceptable", table)
        ok = ok and answer_ok
        # an empty cell: every level but the highest is acceptable
        acceptable = position < len(rows) - 1 if answer is None else answer
        parsed.append([name, colour, acceptable, scores["from_score"], scores["to_score"], row])
    if not has_grid:
        ok = _check_bands(reader, table, parsed, n_likelihood, n_impact) and ok
    if not ok:
        return None
    return tuple(
        RiskLevel(name, colour, acceptable, from_score, to_score)
        for name, colour, acceptable, from_score, to_score, _ in parsed
    )


def _check_bands(reader: _Reader, table: Table, parsed: list, n_likelihood: int | None,
                 n_impact: int | None) -> bool:
    """Fill in each band's To score and check the bands cover every score without overlap."""
    ok = True
    for entry in parsed:
        if entry[3] is None:
            row = entry[5]
            reader.row_error(
                row, "from_score",
                f"{table.header('from_score')} is empty (required when there is no Matrix "
                "sheet with a grid)",
            )
            ok = False
    if not ok or n_likelihood is None or n_impact is None:
        return False
    highest = n_likelihood * n_impact
    for position, entry in enumerate(parsed):
        if entry[4] is None:
            following = parsed[position + 1][3] if position + 1 < len(parsed) else None
            entry[4] = following - 1 if following is not None else max(highest, entry[3])
        if entry[4] < entry[3]:
            reader.row_error(
                entry[5], "to_score",
                f"score band {entry[3]}-{entry[4]} ends before it starts",
            )
            ok = False
    if not ok:
        return False
    for position, entry in enumerate(parsed):
        for earlier in parsed[:position]:
            if entry[3] <= earlier[4] and earlier[3] <= entry[4]:
                reader.row_error(
                    entry[5], "from_score",
                    f"score band {entry[3]}-{entry[4]} overlaps {earlier[0]!r} "
                    f"({earlier[3]}-{earlier[4]})",
                )
                ok = False
    if not ok:
        return False
    uncovered = [
        score for score in matrices.reachable_scores(n_likelihood, n_impact)
        if not any(entry[3] <= score <= entry[4] for entry in parsed)
    ]
    # one message per gap, at the From cell of the band just above it (or the last band's To)
    gaps: dict[int, list[int]] = {}
    for score in uncovered:
        above = min(
            (i for i, e in enumerate(parsed) if e[3] > score),
            key=lambda i: parsed[i][3], default=None,
        )
        gaps.setdefault(-1 if above is None else above, []).append(score)
    for above, scores in gaps.items():
        listed = ", ".join(str(s) for s in scores)
        message = f"no risk level covers score {listed}" if len(scores) == 1 else \
            f"no risk level covers scores {listed}"
        if above == -1:
            last = parsed[-1][5]
            reader.row_error(last, "to_score", message)
        else:
            reader.row_error(parsed[above][5], "from_score", message)
        ok = False
    return ok


def _level_lookup(levels: tuple[RiskLevel, ...], text: str) -> int | None:
    wanted = matrices.normalise_name(text)
    for index, level in enumerate(levels):
        if wanted in _names(level):
            return index
    return None


def _scale_lookup(scale: tuple[ScaleLevel, ...], value: object) -> int | None:
    try:
        return cells.as_level(value, scale, "")
    except CellError:
        return None


def _read_grid(reader: _Reader, raw: RawSheet, likelihood, impact, levels):
    """(grid, cell of each (likelihood, impact)) of the Matrix sheet, or None when wrong."""
    header, best, best_found = None, None, {}
    for number in range(1, min(HEADER_SEARCH_ROWS, len(raw.rows)) + 1):
        found: dict[int, int] = {}  # impact value -> column
        for index, value in enumerate(raw.rows[number - 1]):
            if index == 0 or cells.is_empty(value):
                continue
            impact_value = _scale_lookup(impact, value)
            if impact_value is not None and impact_value not in found:
                found[impact_value] = index
        if len(found) == len(impact):
            header = number
            break
        if len(found) > len(best_found):
            best, best_found = number, found
    if header is None:
        names = ", ".join(level.name for level in impact)
        if best is None:
            reader.error(
                raw.title, "",
                f"no row in the first {HEADER_SEARCH_ROWS} names the impact levels ({names})",
            )
        else:
            missing = ", ".join(
                repr(level.name) for level in impact if level.value not in best_found
            )
            reader.error(raw.title, str(best), f"the grid has no column for impact {missing}")
        return None
    ok = True
    header_cells = raw.rows[header - 1]
    first = min(
        index for index, value in enumerate(header_cells)
        if index and not cells.is_empty(value) and _scale_lookup(impact, value) is not None
    )
    name_column = first - 1
    columns: dict[int, int] = {}  # column -> impact value
    for index in range(first, len(header_cells)):
        value = header_cells[index]
        if cells.is_empty(value):
            continue
        impact_value = _scale_lookup(impact, value)
        where = f"{_letter(index)}{header}"
        if impact_value is None:
            reader.error(raw.title, where, f"{cells.as_text(value)!r} is not an impact level")
            ok = False
        elif impact_value in columns.values():
            reader.error(
                raw.title, where, f"impact {cells.as_text(value)!r} appears twice in the grid"
            )
            ok = False
        else:
            columns[index] = impact_value
    grid: dict[int, dict[int, int]] = {}
    where_of: dict[tuple[int, int], str] = {}
    level_names = ", ".join(level.name for level in levels)
    count = 0
    for number in range(header + 1, len(raw.rows) + 1):
        row_cells = raw.rows[number - 1]
        if all(cells.is_empty(v) for v in row_cells[name_column:]):
            continue
        count += 1
        name_value = raw.value(number, name_column)
        name_cell = f"{_letter(name_column)}{number}"
        if isinstance(name_value, (UncachedFormula, SpreadsheetError)) or cells.is_empty(
            name_value
        ):
            reader.error(raw.title, name_cell, "the grid row has no likelihood name")
            ok = False
            continue
        likelihood_value = _scale_lookup(likelihood, name_value)
        label = cells.as_text(name_value)
        if likelihood_value is None:
            reader.error(raw.title, name_cell, f"{label!r} is not a likelihood level")
            ok = False
            continue
        if likelihood_value in grid:
            reader.error(raw.title, name_cell, f"likelihood {label!r} appears twice in the grid")
            ok = False
            continue
        grid[likelihood_value] = {}
        for index, impact_value in columns.items():
            value = raw.value(number, index)
            where = f"{_letter(index)}{number}"
            if isinstance(value, UncachedFormula):
                reader.error(raw.title, where, f"{label}: formula ={value.formula.lstrip('=')} "
                             "has no calculated value; open and save the workbook")
                ok = False
                continue
            text = "" if isinstance(value, SpreadsheetError) else cells.as_text(value)
            if not text:
                reader.error(raw.title, where, f"{label}: every cell of the grid must name a "
                             f"risk level ({level_names})")
                ok = False
                continue
            index_of_level = _level_lookup(levels, text)
            if index_of_level is None:
                reader.error(raw.title, where,
                             f"{label}: {text!r} is not a risk level ({level_names})")
                ok = False
                continue
            grid[likelihood_value][impact_value] = index_of_level
            where_of[(likelihood_value, impact_value)] = where
    reader.sheet_rows[raw.title] = count
    for level in likelihood:
        if level.value not in grid and ok:
            reader.error(raw.title, "", f"the grid has no row for likelihood {level.name!r}")
            ok = False
    if not ok:
        return None
    return (
        tuple(tuple(grid[li.value][im.value] for im in impact) for li in likelihood),
        where_of,
    )


def _read_matrix(reader: _Reader, info: AssessmentInfo | None, origins: dict[str, Origin],
                 lang: str) -> Matrix | None:
    """The matrix: from the Scales/Risk levels/Matrix sheets, else the named preset."""
    typed = info.matrix.strip() if info else ""
    origin = origins.get("matrix")
    # the preset's key, or its title as the report prints it ("ICO (3×3)")
    key = (matrices.preset_key(typed) or matrices.preset_key(schema.header_key(typed))
           if typed else None)
    scales_raw = reader.sheets.get("scales")
    if scales_raw is None:
        for other in ("risk_levels", "matrix"):
            if other in reader.sheets:
                reader.warning(
                    reader.sheets[other].title, "",
                    "ignored: a matrix defined in the workbook needs a Scales sheet too; "
                    f"the preset {key or typed or matrices.DEFAULT_PRESET!r} is used",
                )
        if not typed:
            return matrices.preset(matrices.DEFAULT_PRESET, lang)
        if key:
            return matrices.preset(key, lang)
        where = (origin.sheet, origin.cell) if origin else ("", "")
        presets = ", ".join(matrices.PRESETS)
        if typed.casefold() == "custom":
            reader.error(
                *where,
                "Matrix: 'custom' needs the Scales and Risk levels sheets (dpia init writes "
                f"them); or name a preset: {presets}",
            )
        else:
            reader.error(
                *where,
                f"Matrix: unknown matrix {typed!r}; name a preset ({presets}), or 'custom' "
                "with Scales and Risk levels sheets",
            )
        return None

    scales_table = reader.table(schema.SCALES)
    scales = _read_scales(reader, scales_table)
    grid_raw = reader.sheets.get("matrix")
    levels_table = reader.table(schema.RISK_LEVELS)
    n_l, n_i = (len(scales[0]), len(scales[1])) if scales else (None, None)
    levels = _read_levels(reader, levels_table, scales_raw, grid_raw is not None, n_l, n_i)
    if scales is None or levels is None:
        return None
    likelihood, impact = scales
    where_of: dict[tuple[int, int], str] = {}
    if grid_raw is not None:
        read = _read_grid(reader, grid_raw, likelihood, impact, levels)
        if read is None:
            return None
        grid, where_of = read
    else:
        grid = matrices.grid_from_bands(len(likelihood), len(impact), levels)
    if key or typed.casefold() in ("", "custom"):
        name, title = "custom", ""
    else:  # the DPO's own name for the matrix
        name, title = typed, typed
    matrix = Matrix(name, likelihood, impact, levels, grid, preset=False, title=title)
    if key:
        if _same_as_preset(matrix, key):
            # the preset written out (dpia init): named in the report language like a preset
            matrix = _in_language(matrix, key, lang)
        elif origin is not None:
            reader.warning(
                origin.sheet, origin.cell,
                f"Matrix: names the preset {key!r} but the Scales, Risk levels and Matrix "
                "sheets define a different matrix; the sheets are used",
            )
    falling = matrices.decreasing_cells(matrix)
    if falling and not where_of:
        # score bands: one warning for the sheet, the levels are listed out of order
        cells_text = "; ".join(
            f"{likelihood[li - 1].name} × {impact[im - 1].name}: "
            f"{levels[grid[li - 1][im - 1]].name}"
            for li, im in falling
        )
        reader.warning(
            levels_table.raw.title, "",
            "the risk level falls as likelihood or impact increases at "
            f"{cells_text}; list the levels from lowest to highest score",
        )
    for li, im in falling if where_of else ():
        cell_name = f"likelihood {likelihood[li - 1].name!r}, impact {impact[im - 1].name!r}"
        level = levels[grid[li - 1][im - 1]].name
        reader.warning(
            grid_raw.title, where_of[(li, im)],
            f"the risk level falls to {level!r} at {cell_name}, lower than a cell with lower "
            "likelihood or impact",
        )
    return matrix


# --- the row sheets --------------------------------------------------------------------------


def _require_rows(reader: _Reader, table: Table, message: str) -> None:
    """A required sheet with its header row but no row under it: an error at the header row.
    (A sheet whose header row or key column is missing has that error already.)"""
    readable = table.header_row is not None and all(
        key in table.columns for key in table.spec.key_columns)
    if readable and not table.rows:
        reader.error(table.raw.title, str(table.header_row), message)


def _read_processing(reader: _Reader) -> list[ProcessingOperation]:
    table = reader.table(schema.PROCESSING)
    if table is None:
        return []
    # Art. 35(7)(a): without a processing operation there is nothing to assess
    _require_rows(reader, table, "no processing operations: describe each one in a row "
                  "under this header row (Art. 35(7)(a) GDPR)")
    out = []
    for row in table.rows:
        basis = reader.text(row, "lawful_basis", table, required=True)
        try:
            bases = cells.lawful_bases(basis)
        except CellError as exc:
            reader.row_error(row, "lawful_basis", f"{table.header('lawful_basis')}: {exc}")
            bases = ()
        agreement = row.values.get("processor_agreement")
        if cells.agreement_key(agreement) is None:
            reader.row_error(
                row, "processor_agreement",
                f"{table.header('processor_agreement')}: '{cells.as_typed(agreement)}' is not "
                "understood: write yes, no, not yet, the date it was signed or its reference "
                "(Art. 28)",
            )
        out.append(ProcessingOperation(
            id=cells.as_text(row.values.get("id")),
            name=reader.text(row, "name", table, required=True),
            purpose=reader.text(row, "purpose", table, required=True),
            lawful_basis=basis,
            lawful_bases=bases,
            legitimate_interest=reader.text(row, "legitimate_interest", table),
            data_subjects=reader.items(row, "data_subjects", table, required=True),
            personal_data=reader.items(row, "personal_data", table, required=True),
            special_categories=reader.items(row, "special_categories", table, none_words=True),
            art9_condition=reader.text(row, "art9_condition", table),
            recipients=reader.items(row, "recipients", table, none_words=True),
            processors=reader.items(row, "processors", table, none_words=True),
            processor_agreement=cells.as_text(agreement),
            transfers=reader.items(row, "transfers", table, none_words=True),
            transfer_safeguard=reader.text(row, "transfer_safeguard", table),
            retention=reader.text(row, "retention", table, required=True),
            systems=reader.text(row, "systems", table),
            data_subjects_count=reader.text(row, "data_subjects_count", table),
            origin=row.origin,
        ))
    return out


def _read_measures(reader: _Reader) -> list[Measure]:
    table = reader.table(schema.MEASURES)
    if table is None:
        return []
    out = []
    for row in table.rows:
        status_text = reader.text(row, "status", table)
        status = cells.as_enum(status_text, "measure_status") if status_text else "planned"
        if status is None:
            reader.row_error(
                row, "status",
                f"{table.header('status')}: '{cells.as_typed(row.values.get('status'))}' is "
                f"not a status ({_value_words('measure_status', table.lang)})"
                + cells.enum_hint(status_text, "measure_status"),
            )
            status = "planned"
        out.append(Measure(
            id=cells.as_text(row.values.get("id")),
            measure=reader.text(row, "measure", table, required=True),
            type=_free_word(reader, row, "type", "measure_type", f"{table.header('type')}: "),
            description=reader.text(row, "description", table),
            status=status,
            owner=reader.text(row, "owner", table),
            due_date=reader.date(row, "due_date", table),
            origin=row.origin,
        ))
    return out


def _by_fold(known: list[str]) -> dict[str, str]:
    """Case-folded ID -> the ID as its sheet spells it (built once per sheet, not per row)."""
    by_fold: dict[str, str] = {}
    for item in known:
        by_fold.setdefault(item.casefold(), item)
    return by_fold


def _canonical_ids(items: tuple[str, ...], by_fold: dict[str, str]) -> tuple[str, ...]:
    """IDs as the sheet spells them when they differ only in case (``p1`` -> ``P1``)."""
    return tuple(by_fold.get(item.casefold(), item) for item in items)


RATIONALE_KEYS = ("likelihood_rationale", "impact_rationale", "residual_rationale")


def _rationales_given(reader: _Reader, table: Table, row: Row, risk: Risk,
                      matrix: Matrix) -> None:
    """A warning for a rating at a level that is not acceptable without the reason for it."""
    def level(likelihood: int, impact: int):
        return matrix.level(likelihood, impact)

    inherent = level(risk.likelihood, risk.impact)
    residual = level(risk.residual_likelihood or risk.likelihood,
                     risk.residual_impact or risk.impact)
    needed = []
    if not inherent.acceptable:
        needed += [(key, inherent) for key in ("likelihood_rationale", "impact_rationale")]
    if not residual.acceptable and (risk.residual_likelihood or risk.residual_impact):
        needed.append(("residual_rationale", residual))
    for key, rated in needed:
        if getattr(risk, key):
            continue
        header = table.header(key) if table.has(key) else schema.RISKS.column(key).name("en")
        reader.row_error(
            row, key if table.has(key) else "id",
            f"{header} is empty, but the rating is at the level {rated.name!r}, which is not "
            "acceptable: say why (Model DPIA point 16)", WARNING)


def _read_risks(reader: _Reader, matrix: Matrix | None, processing_ids: list[str],
                measure_ids: list[str]) -> list[tuple[Risk, bool]]:
    """Every risk row, each with whether it is complete (levels all readable)."""
    scale_of = {"likelihood": matrix.likelihood, "residual_likelihood": matrix.likelihood,
                "impact": matrix.impact, "residual_impact": matrix.impact} if matrix else {}

    def could_hold(key: str, values: list[object]) -> bool:
        """Whether every value could be a level of the column ``key``'s scale."""
        scale = scale_of.get(key)
        return scale is None or all(_scale_lookup(scale, value) is not None for value in values)

    table = reader.table(schema.RISKS, could_hold=could_hold)
    if table is None:
        return []
    # Art. 35(7)(c): a DPIA assesses the risks to the data subjects; one that identifies none
    # is unfinished, not a finding (a processing with little risk still lists what was weighed)
    _require_rows(reader, table, "no risks: list each risk to the rights and freedoms of the "
                  "data subjects in a row under this header row (Art. 35(7)(c) GDPR)")
    likelihood = matrix.likelihood if matrix else None
    impact = matrix.impact if matrix else None
    processing_by_fold, measures_by_fold = _by_fold(processing_ids), _by_fold(measure_ids)
    out = []
    for row in table.rows:
        ok = matrix is not None
        items = reader.items(row, "processing", table, required=True)
        applies_to_all = any(item.casefold() in schema.ALL_WORDS for item in items)
        if applies_to_all:
            if len(items) > 1:
                reader.row_error(
                    row, "processing",
                    f"{table.header('processing')}: 'all' stands alone; list IDs or write "
                    "only 'all'",
                )
            processing = tuple(processing_ids)
        else:
            processing = _canonical_ids(items, processing_by_fold)
        levels = {}
        for key, scale, axis, required in (
            ("likelihood", likelihood, "likelihood", True),
            ("impact", impact, "impact", True),
            ("residual_likelihood", likelihood, "likelihood", False),
            ("residual_impact", impact, "impact", False),
        ):
            value, fine = reader.level(row, key, table, scale, axis, required=required)
            if not fine:
                ok = False
                # kept for the checks only; a wrong residual cell counts as given, so it
                # does not also draw the "never re-assessed" warning
                if required or key in row.unreadable or not cells.is_empty(
                    row.values.get(key)
                ):
                    value = _PLACEHOLDER_LEVEL
            levels[key] = value
        treatment_text = reader.text(row, "treatment", table)
        treatment = cells.as_enum(treatment_text, "treatment") if treatment_text else ""
        if treatment is None:
            reader.row_error(
                row, "treatment",
                f"{table.header('treatment')}: '{cells.as_typed(row.values.get('treatment'))}' "
                f"is not a treatment ({_value_words('treatment', table.lang)})"
                + cells.enum_hint(treatment_text, "treatment"),
            )
            treatment = ""
        risk = Risk(
            id=cells.as_text(row.values.get("id")),
            processing=processing,
            risk=reader.text(row, "risk", table, required=True),
            likelihood=levels["likelihood"],
            impact=levels["impact"],
            risk_source=reader.text(row, "risk_source", table),
            impact_on_individuals=reader.text(row, "impact_on_individuals", table),
            measures=_canonical_ids(reader.items(row, "measures", table), measures_by_fold),
            residual_likelihood=levels["residual_likelihood"],
            residual_impact=levels["residual_impact"],
            treatment=treatment,
            owner=reader.text(row, "owner", table),
            likelihood_rationale=reader.text(row, "likelihood_rationale", table),
            impact_rationale=reader.text(row, "impact_rationale", table),
            residual_rationale=reader.text(row, "residual_rationale", table),
            applies_to_all=applies_to_all,
            origin=row.origin,
        )
        out.append((risk, ok))
    # reasons are asked for once the DPO gives any: a workbook that leaves the optional
    # columns empty (or has none) is not nagged for each risk
    if any(getattr(risk, key) for risk, _ in out for key in RATIONALE_KEYS):
        for (risk, ok), row in zip(out, table.rows, strict=True):
            if ok:
                _rationales_given(reader, table, row, risk, matrix)
    return out


def _screening_key(text: str) -> str | None:
    wanted = schema.header_key(text)
    for key, names in schema.SCREENING_CRITERIA.items():
        if wanted == key or wanted in (schema.header_key(n) for n in names.values()):
            return key
    return None


def _read_screening(reader: _Reader, authority: str) -> list[tuple[ScreeningAnswer, bool]] | None:
    """Every screening row, each with whether its Applies cell was readable. A Criterion
    that starts with an item code of a national list (``AP 9 ...``) names that item: of the
    ``authority``'s list when the Assessment names one, of any list when it does not."""
    table = reader.table(schema.SCREENING)
    if table is None:
        return None
    out = []
    for row in table.rows:
        criterion = cells.as_text(row.values.get("criterion"))
        applies, ok = reader.yesno(row, "applies", table)
        ok = ok and "applies" not in row.unreadable
        key = _screening_key(criterion)
        listed = None if key else authorities.match(criterion, authority)
        if listed is not None and listed.problem:
            reader.row_error(row, "criterion", listed.problem, WARNING)
        out.append((ScreeningAnswer(
            criterion=criterion,
            key=key,
            applies=applies,
            justification=reader.text(row, "justification", table),
            origin=row.origin,
            list_item=listed.item if listed is not None else None,
        ), ok))
    return out


def _read_sign_off(reader: _Reader) -> tuple[SignOff, ...]:
    table = reader.table(schema.SIGN_OFF)
    if table is None:
        return ()
    out = []
    for row in table.rows:
        name = reader.text(row, "name", table)
        if not name and table.has("name") and "name" not in row.unreadable:
            # The item waits for its signature (the lines dpia init writes, a draft): a
            # warning, not an error, so that drafts can still be built and circulated.
            reader.row_error(
                row, "name", f"not signed yet ({table.header('name')} is empty)", WARNING
            )
        out.append(SignOff(
            item=cells.as_text(row.values.get("item")),
            name=name,
            date=reader.date(row, "date", table),
            notes=reader.text(row, "notes", table),
            origin=row.origin,
        ))
    return tuple(out)


def _read_history(reader: _Reader) -> tuple[HistoryEntry, ...]:
    table = reader.table(schema.HISTORY)
    if table is None:
        return ()
    return tuple(
        HistoryEntry(
            version=cells.as_text(row.values.get("version")),
            date=reader.date(row, "date", table),
            author=reader.text(row, "author", table),
            changes=reader.text(row, "changes", table),
            origin=row.origin,
        )
        for row in table.rows
    )


# --- the public functions --------------------------------------------------------------------


def _read(path: Path, name: str, lang: str | None,
          password: str | None = None) -> tuple[Assessment | None, list[Problem]]:
    opened = open_workbook(path, name=name, password=password)
    sheets = load_raw_sheets(opened.data, name, scan=opened.scan)
    # the file as stored (encrypted or not) is what the record names: what sha256sum and
    # dpia verify see
    data = path.read_bytes() if opened.encrypted else opened.data
    reader = _Reader(name, sheets, lang)

    info, origins = _read_info(reader)
    report_lang = info.language if info else (lang or "en")
    matrix = _read_matrix(reader, info, origins, report_lang)
    processing = _read_processing(reader)
    measures = _read_measures(reader)
    if "processing" not in reader.sheets:
        reader.error("", "", _missing_sheet(schema.PROCESSING))
    risks = _read_risks(reader, matrix, [p.id for p in processing], [m.id for m in measures])
    if "risks" not in reader.sheets:
        reader.error("", "", _missing_sheet(schema.RISKS))
    screening = _read_screening(reader, info.authority if info else "")
    sign_off = _read_sign_off(reader)
    history = _read_history(reader)

    sheet_rows = tuple(
        (sheet.title, reader.sheet_rows[sheet.title])
        for sheet in sheets if sheet.title in reader.sheet_rows
    )
    source = SourceFile(Path(name).name, hashlib.sha256(data).hexdigest(), sheet_rows)
    everything = Assessment(
        info=info or AssessmentInfo(title="", organisation=""),
        processing=tuple(processing),
        risks=tuple(risk for risk, _ in risks),
        matrix=matrix or matrices.preset(matrices.DEFAULT_PRESET, report_lang),
        measures=tuple(measures),
        # a wrong Applies cell counts as answered here, so it is not also "not answered"
        screening=None if screening is None else tuple(
            answer if ok else replace(answer, applies=False) for answer, ok in screening
        ),
        sign_off=sign_off,
        history=history,
        source=source,
    )
    reader.problems.extend(checks.run_checks(everything, name))
    problems = reader.sorted_problems()
    required_sheets = all(key in reader.sheets for key in ("assessment", "processing", "risks"))
    if info is None or matrix is None or not required_sheets:
        return None, problems
    return replace(
        everything,
        risks=tuple(risk for risk, ok in risks if ok),
        screening=None if screening is None else tuple(answer for answer, _ in screening),
    ), problems


def read_workbook(
    path: str | Path, *, name: str | None = None, password: str | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """Read and check a workbook: the assessment (None when errors make it impossible to
    build) and every problem, errors and warnings, by sheet, row and column.

    ``name`` is how messages name the file (default: ``path`` as given); ``password`` opens
    an encrypted .xlsx. Raises ``FileFormatError`` when the file is not a readable
    .xlsx/.xlsm workbook or .ods spreadsheet (``PasswordNeeded``: encrypted, no password).
    """
    return _read(Path(path), str(path) if name is None else name, None, password)


def load_assessment(
    path: str | Path, *, strict: bool = False, lang: str | None = None, name: str | None = None,
    password: str | None = None,
) -> tuple[Assessment, list[Problem]]:
    """The assessment of a valid workbook and its warnings.

    Raises ``WorkbookInvalid`` (with every problem) on errors, or on warnings when ``strict``.
    ``lang`` ("en"/"nl") overrides the workbook's Language: the report language and, for a
    preset matrix, the names of its levels (a matrix defined in the workbook keeps its names).
    """
    if lang is not None and lang not in languages.codes():
        raise ValueError(f"unknown report language {lang!r}")
    assessment, problems = _read(Path(path), str(path) if name is None else name, lang,
                                 password)
    if strict:  # --strict: every warning is an error
        problems = [replace(p, severity=ERROR) for p in problems]
    if has_errors(problems) or assessment is None:
        raise WorkbookInvalid(problems)
    return assessment, problems
