"""Which back-end reads a file's cells: :func:`load_raw_sheets`."""

from __future__ import annotations

import warnings

from dpia.errors import FileFormatError
from dpia.filetype import MAX_ROW_ELEMENTS, WorkbookScan
from dpia.i18n import _
from dpia.reader import calamine_cells, openpyxl_cells
from dpia.reader.raw import RawSheet, too_many_rows


def load_raw_sheets(data: bytes, name: str, *, scan: WorkbookScan | None = None) -> list[RawSheet]:
    """Every worksheet's cells; formulas replaced by their cached values.

    ``scan``: what ``check_file`` saw in the file. When it found plain values only and
    small enough grids, python-calamine reads the cells; otherwise, and whenever calamine
    cannot, openpyxl does. One read of each sheet: a formula cell holds both the formula and
    its cached result, so the cost stays linear in the number of cells.
    """
    if scan is not None and scan.opendocument is not None:
        return calamine_cells.opendocument_raw_sheets(data, name, scan.opendocument)
    if (scan is not None and scan.plain_cells
            and scan.grid_cells <= calamine_cells.CALAMINE_MAX_GRID):
        sheets = calamine_cells.calamine_raw_sheets(data)
        if sheets is not None:
            for sheet in sheets:
                if len(sheet.rows) > MAX_ROW_ELEMENTS:
                    raise too_many_rows(name, sheet.title, MAX_ROW_ELEMENTS)
            return sheets
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it does not support (data validation lists,
            # conditional formatting); they do not matter to the contents
            warnings.simplefilter("ignore")
            # module attributes, looked up at each call: tests replace them
            if not openpyxl_cells.internals_as_expected():
                return openpyxl_cells.public_raw_sheets(data, name)
            sheets = openpyxl_cells.openpyxl_raw_sheets(data, name)
    except FileFormatError:
        raise
    except Exception as exc:  # openpyxl, zipfile and XML parsers raise many kinds on damage
        # what the parser said means nothing to a DPO; it stays the cause, shown by --debug
        raise FileFormatError(
            _("{name}: cannot read the workbook, it is damaged or incomplete; open it in "
              "Excel or LibreOffice and save it again as .xlsx").format(name=name)

        ) from exc
    return sheets

