"""The python-calamine back-end: plain .xlsx workbooks (five times faster than openpyxl on
a large one) and every .ods spreadsheet."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

from dpia.cells import SpreadsheetError
from dpia.errors import FileFormatError
from dpia.i18n import _
from dpia.reader.raw import RawSheet

# A workbook is read by python-calamine only when the grids of its sheets (A1 to each
# sheet's last cell) hold at most this many cells together: calamine keeps a sheet as a grid
# (about 24 bytes a cell while it is read) and the rows of every sheet as lists (8 bytes a
# cell). 100,000 rows of 20 columns, the most a DPIA workbook needs, are 2 million.
CALAMINE_MAX_GRID = 4_000_000


def import_calamine():
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


def calamine_raw_sheets(data: bytes) -> list[RawSheet] | None:
    """Every worksheet's cells, read by python-calamine (Rust, five times faster than the
    path through openpyxl on a large workbook), with the values openpyxl gives; None when
    calamine is not installed, cannot read the file, or the workbook has a kind of sheet it
    reads differently: openpyxl then reads the file, and names any damage.

    Only for workbooks whose scan (``check_file``) found plain values: calamine gives the
    empty text for a formula without a cached result and for an error value, where the
    format needs to tell the user which cell is wrong."""
    calamine = import_calamine()
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


def opendocument_raw_sheets(data: bytes, name: str, scanned) -> list[RawSheet]:
    """Every sheet of an .ods file (checked by ``check_file``), read by python-calamine; the
    merged ranges and error values it does not give come from the scan of content.xml."""
    if import_calamine() is None:
        raise FileFormatError(
            _("{name}: reading OpenDocument spreadsheets (.ods) needs python-calamine, which "
              "is not installed; install it, or save the file as an Excel Workbook (.xlsx)")
            .format(name=name))
    sheets = calamine_raw_sheets(data)
    if sheets is None:
        raise FileFormatError(
            _("{name}: cannot read the spreadsheet, it is damaged or incomplete; open it in "
              "LibreOffice and save it again").format(name=name))

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
