"""The openpyxl back-end: every workbook python-calamine does not read (formulas without a
cached value, error values, a grid too large for calamine, or no calamine at all).

The fast path feeds openpyxl's own worksheet parser from lxml and reads the shared strings
with lxml (openpyxl internals, checked by :func:`internals_as_expected`); the public path
uses openpyxl's API only, and is taken when those internals are not as expected.
"""

from __future__ import annotations

import functools
import io
import re
import sys
from dataclasses import replace

from dpia import cells
from dpia.cells import SpreadsheetError, UncachedFormula
from dpia.filetype import MAX_ROW_ELEMENTS, merged_ranges
from dpia.reader.raw import RawSheet, too_many_rows

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


def import_openpyxl() -> None:
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
    import_openpyxl()
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
            raise too_many_rows(name, worksheet.title, MAX_ROW_ELEMENTS)
        rows.append([
            None if cell is None
            else _cell_value(cell["data_type"], cell["value"], cell.get("cached"))
            for cell in row
        ])
    return RawSheet(worksheet.title, 0, rows, _merged(merged))


@functools.cache
def internals_as_expected() -> bool:
    """Whether the parts of openpyxl the fast path feeds (its worksheet parser, reader and
    read-only worksheet internals, not its public API) are as that path expects. openpyxl is
    pinned below 3.2, but a release inside the pin, or a looser pin, may change them; then
    the reader takes the public path (:func:`public_raw_sheets`): slower, same values."""
    import_openpyxl()
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


def public_raw_sheets(data: bytes, name: str) -> list[RawSheet]:
    """Every worksheet's cells through openpyxl's public API only: one read-only load for
    the formulas, one for their cached results, ``iter_rows`` over the rows as parsed."""
    import_openpyxl()
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
                    raise too_many_rows(name, worksheet.title, MAX_ROW_ELEMENTS)
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


def openpyxl_raw_sheets(data: bytes, name: str) -> list[RawSheet]:
    """Every worksheet's cells through the fast path (openpyxl's parser fed by lxml)."""
    workbook = _load_workbook(data, data_only=False)
    try:
        return [
            replace(_sheet_cells(worksheet, name), index=index)
            for index, worksheet in enumerate(workbook.worksheets)
        ]
    finally:
        workbook.close()
