"""What the cells of an OpenDocument spreadsheet (.ods) amount to, before any reader holds them.

python-calamine reads .ods files (dpia.reader), but it expands ``number-rows-repeated`` and
``number-columns-repeated`` into a grid: a few hundred bytes of XML can ask for a billion
cells. ``scan_content`` walks ``content.xml`` once with expat (no entities, nothing built)
and counts, per sheet, the rows and columns that hold something, repeats included, so that
``dpia.filetype`` can refuse what is beyond dpia's limits before calamine reads it. The same
pass notes what calamine does not give: merged ranges (``number-columns-spanned`` /
``number-rows-spanned``) and error values (LibreOffice writes ``#DIV/0!`` as the cell's text,
with ``calcext:value-type="error"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_SEP = " "
_SPREADSHEET = f"{_OFFICE}{_SEP}spreadsheet"
_TABLE_ELEMENT = f"{_TABLE}{_SEP}table"
_ROW = f"{_TABLE}{_SEP}table-row"
_CELLS = (f"{_TABLE}{_SEP}table-cell", f"{_TABLE}{_SEP}covered-table-cell")
_ROWS_REPEATED = f"{_TABLE}{_SEP}number-rows-repeated"
_COLUMNS_REPEATED = f"{_TABLE}{_SEP}number-columns-repeated"
_COLUMNS_SPANNED = f"{_TABLE}{_SEP}number-columns-spanned"
_ROWS_SPANNED = f"{_TABLE}{_SEP}number-rows-spanned"
_VALUE_TYPE = f"{_OFFICE}{_SEP}value-type"
_FORMULA = f"{_TABLE}{_SEP}formula"
_CALC_VALUE_TYPE = f"{_CALCEXT}{_SEP}value-type"
_NAME = f"{_TABLE}{_SEP}name"
_CHUNK = 64 * 1024
_MAX_COUNT = 1 << 31  # a repeat count beyond any spreadsheet's size: taken as this


class TooLarge(Exception):
    """A sheet beyond a limit: ``what`` is "rows" or "cells", ``count`` how many."""

    def __init__(self, sheet: str, what: str, count: int):
        super().__init__(sheet, what, count)
        self.sheet, self.what, self.count = sheet, what, count


class NotWellFormed(Exception):
    """``content.xml`` is not well-formed XML: a damaged file."""


@dataclass
class SheetScan:
    """One sheet of an .ods file, as the scan saw it."""

    name: str
    rows: int = 0  # rows up to the last that holds a value, repeats counted
    columns: int = 0  # the widest of those rows, up to its last value
    cells: int = 0  # cells that hold a value, repeats counted
    # merged ranges: (first row, first column, last row, last column), rows from 1 and
    # columns from 0, as dpia.reader.RawSheet keeps them
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, text)


def _count(value: str | None) -> int:
    if not value:
        return 1
    try:
        return min(max(int(value), 1), _MAX_COUNT)
    except ValueError:
        return 1


class _Scan:
    def __init__(self, max_rows: int, max_cells: int, max_grid: int):
        self.max_rows, self.max_cells, self.max_grid = max_rows, max_cells, max_grid
        self.sheets: list[SheetScan] = []
        self.sheet: SheetScan | None = None
        self.depth = 0  # element depth; tables nested in a cell are not sheets
        self.sheet_depth = 0
        self.row = 0  # rows before the current one (1-based row = self.row + 1)
        self.row_repeat = 1
        self.row_width = 0
        self.row_cells = 0
        self.column = 0
        self.cell: tuple[int, bool, bool] | None = None  # (repeat, has value, is error)
        self.cell_depth = 0
        self.error_text: list[str] | None = None
        self.parent_is_spreadsheet: list[bool] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        sheet = self.sheet
        if tag == _TABLE_ELEMENT and sheet is None and self.parent_is_spreadsheet \
                and self.parent_is_spreadsheet[-1]:
            self.sheet = SheetScan(attrs.get(_NAME, f"Sheet{len(self.sheets) + 1}"))
            self.sheets.append(self.sheet)
            self.sheet_depth = self.depth
            self.row = 0
        elif sheet is None:
            pass
        elif self.cell is not None:
            # a child of a cell (a paragraph, an annotation): the cell holds something
            repeat, _, error = self.cell
            self.cell = (repeat, True, error)
        elif tag == _ROW:
            self.row_repeat = _count(attrs.get(_ROWS_REPEATED))
            self.row_width = self.row_cells = self.column = 0
        elif tag in _CELLS:
            repeat = _count(attrs.get(_COLUMNS_REPEATED))
            error = attrs.get(_CALC_VALUE_TYPE) == "error"
            has_value = _VALUE_TYPE in attrs or _FORMULA in attrs
            self.cell = (repeat, has_value, error)
            self.cell_depth = self.depth
            span_columns = _count(attrs.get(_COLUMNS_SPANNED))
            span_rows = _count(attrs.get(_ROWS_SPANNED))
            if span_columns > 1 or span_rows > 1:
                first = self.row + 1
                sheet.merged.append((first, self.column, first + span_rows - 1,
                                     self.column + span_columns - 1))
            if error:
                self.error_text = []
        self.parent_is_spreadsheet.append(tag == _SPREADSHEET)

    def text(self, data: str) -> None:
        if self.error_text is not None:
            self.error_text.append(data)

    def end(self, tag: str) -> None:
        self.parent_is_spreadsheet.pop()
        sheet = self.sheet
        if sheet is not None and self.cell is not None and self.depth == self.cell_depth:
            repeat, has_value, error = self.cell
            if has_value:
                self.row_width = self.column + repeat
                self.row_cells += repeat
                if error:
                    text = "".join(self.error_text or ()).strip() or "#VALUE!"
                    sheet.errors.append((self.row + 1, self.column, text))
            self.column += repeat
            self.cell = None
            self.error_text = None
        elif sheet is not None and tag == _ROW and self.cell is None:
            if self.row_cells:
                sheet.rows = self.row + self.row_repeat
                sheet.columns = max(sheet.columns, self.row_width)
                sheet.cells += self.row_cells * self.row_repeat
                if sheet.rows > self.max_rows:
                    raise TooLarge(sheet.name, "rows", sheet.rows)
                if sheet.cells > self.max_cells:
                    raise TooLarge(sheet.name, "cells", sheet.cells)
                if sheet.rows * sheet.columns > self.max_grid:
                    raise TooLarge(sheet.name, "grid", sheet.rows * sheet.columns)
            self.row = min(self.row + self.row_repeat, _MAX_COUNT)
        elif sheet is not None and tag == _TABLE_ELEMENT and self.depth == self.sheet_depth:
            self.sheet = None
        self.depth -= 1


def scan_content(handle, *, max_rows: int, max_cells: int, max_grid: int) -> list[SheetScan]:
    """Scan ``content.xml`` (a binary file object) and return its sheets, in order.

    Raises ``TooLarge`` for a sheet with more than ``max_rows`` rows or ``max_cells`` cells
    holding values, or whose grid (rows x columns up to the last value) exceeds
    ``max_grid``; ``NotWellFormed`` for XML that is not. Entity declarations must have been
    refused before (``dpia.filetype``): expat is not asked to expand any."""
    scan = _Scan(max_rows, max_cells, max_grid)
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    # no entity is ever expanded: a DOCTYPE was refused before this pass
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        while chunk := handle.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise NotWellFormed(str(exc)) from None
    return scan.sheets
