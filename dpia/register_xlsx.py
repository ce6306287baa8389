"""The register as an Excel workbook: sheets Register (one row per DPIA), Actions (every open
measure across DPIAs) and Heat map (residual risks per cell, per matrix in use).

Each list sheet has its header row with filters, frozen panes and widths to fit; level cells
are shaded in the level's colour from the matrix, overdue reviews and actions in red. Text
from the workbooks is written as text: a title starting with ``=`` is not a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dpia import portfolio as pf
from dpia import portfolio_output as words
from dpia.fsutil import write_atomic

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
# Excel's own "Bad" cell style: overdue, prior consultation, errors
ALERT_FILL = PatternFill("solid", fgColor="FFC7CE")
ALERT_FONT = Font(color="9C0006", bold=True)
DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH, MAX_WIDTH = 6, 60
# characters Excel cannot store in a cell (openpyxl refuses them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

ACTION_COLUMNS = ("DPIA", "File", "Measure ID", "Measure", "Owner", "Due", "Status",
                  "Overdue")


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (RRGGBB)."""
    red, green, blue = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "FFFFFF"


def level_style(colour: str) -> tuple[PatternFill, Font]:
    return PatternFill("solid", fgColor=colour), Font(color=text_colour(colour), bold=True)


def _value(value: object) -> object:
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


def _append(sheet: Worksheet, values: Sequence[object]) -> list:
    """Append a row; text stays text (never a formula) and dates get a date format."""
    sheet.append([_value(value) for value in values])
    cells = list(sheet[sheet.max_row])[: len(values)]
    for cell, value in zip(cells, values, strict=False):
        if isinstance(value, str) and cell.data_type == "f":
            cell.data_type = "s"  # "=1+1" typed as a title is a title
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    return cells


def _header(sheet: Worksheet, columns: Sequence[str]) -> None:
    for cell in _append(sheet, columns):
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _finish_list(sheet: Worksheet, columns: Sequence[str], freeze: str) -> None:
    """Filters over the whole table, frozen header (and first columns), widths to fit."""
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    sheet.freeze_panes = freeze
    _fit_widths(sheet, len(columns))
    # printed: landscape, the header row on every page
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"


def _fit_widths(sheet: Worksheet, count: int) -> None:
    widths = [MIN_WIDTH] * count
    for row in sheet.iter_rows(max_col=count):
        for index, cell in enumerate(row):
            value = cell.value
            if value is None:
                continue
            length = 10 if isinstance(value, dt.date) else len(str(value))
            # the header gets room for the filter button
            widths[index] = max(widths[index], length + (3 if cell.row == 1 else 1))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)


def _alert(cell) -> None:
    cell.fill = ALERT_FILL
    cell.font = ALERT_FONT


def write_register_sheet(sheet: Worksheet, portfolio: pf.Portfolio, as_of: dt.date) -> None:
    columns = words.COLUMNS
    position = {name: index for index, name in enumerate(columns)}
    _header(sheet, columns)
    for entry in portfolio.entries:
        cells = _append(sheet, words.register_row(entry, as_of))
        if not entry.ok:
            _alert(cells[position["Error"]])
            continue
        highest = entry.highest_residual
        if highest is not None and entry.matrix is not None:
            fill, font = level_style(entry.matrix.levels[highest].colour)
            cells[position["Highest residual"]].fill = fill
            cells[position["Highest residual"]].font = font
        if entry.review_overdue(as_of):
            _alert(cells[position["Review date"]])
            _alert(cells[position["Review overdue"]])
        if entry.prior_consultation:
            _alert(cells[position["Prior consultation"]])
        if entry.overdue_actions(as_of):
            _alert(cells[position["Measures overdue"]])
        if entry.gaps:
            cells[position["Art. 35(7) gaps"]].alignment = Alignment(wrap_text=True)
        if any(check.outcome not in (pf.INTACT, pf.CURRENT) for check in entry.checks):
            _alert(cells[position["Report check"]])
    _finish_list(sheet, columns, "C2")


def write_actions_sheet(sheet: Worksheet, portfolio: pf.Portfolio, as_of: dt.date) -> None:
    _header(sheet, ACTION_COLUMNS)
    for entry, action in portfolio.actions():
        overdue = action.overdue(as_of)
        cells = _append(sheet, [entry.title, entry.label, action.measure_id, action.measure,
                                action.owner, action.due, words.status_word(action.status),
                                "yes" if overdue else "no"])
        if overdue:
            _alert(cells[5])
            _alert(cells[7])
    _finish_list(sheet, ACTION_COLUMNS, "B2")


def write_heat_map_sheet(sheet: Worksheet, maps: Iterable[pf.HeatMap]) -> None:
    """For each matrix in use: a title line, then the grid (likelihood highest first down,
    impact lowest first across), each cell the number of residual risks, shaded by level."""
    widest = 2
    for heat_map in maps:
        matrix = heat_map.matrix
        title = (f"Residual risks: {matrix.title or matrix.name}: {len(heat_map.dpias)} "
                 f"DPIA(s), {heat_map.risks} risk(s)")
        _append(sheet, [title])[0].font = Font(bold=True, size=12)
        corner = _append(sheet, ["Likelihood \\ Impact"] + [level.name for level in matrix.impact])
        for cell in corner:
            cell.fill = HEADER_FILL
            cell.font = HEADER_FONT
        for likelihood in reversed(matrix.likelihood):
            counts = [heat_map.cells.get((likelihood.value, impact.value), 0)
                      for impact in matrix.impact]
            cells = _append(sheet, [likelihood.name] + [count or None for count in counts])
            cells[0].font = Font(bold=True)
            for impact, cell in zip(matrix.impact, cells[1:], strict=True):
                fill, font = level_style(matrix.level(likelihood.value, impact.value).colour)
                cell.fill, cell.font = fill, font
                cell.alignment = Alignment(horizontal="center")
        sheet.append([])
        widest = max(widest, len(matrix.impact) + 1)
    for index in range(1, widest + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22 if index == 1 else 14
    # printed: each grid as wide as the page
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0


def register_workbook(portfolio: pf.Portfolio, as_of: dt.date) -> Workbook:
    """The register as an openpyxl Workbook (sheets Register, Actions, Heat map)."""
    workbook = Workbook()
    register = workbook.active
    register.title = "Register"
    write_register_sheet(register, portfolio, as_of)
    write_actions_sheet(workbook.create_sheet("Actions"), portfolio, as_of)
    write_heat_map_sheet(workbook.create_sheet("Heat map"), pf.heat_maps(portfolio))
    properties = workbook.properties
    properties.title = f"DPIA register as of {as_of.isoformat()}"
    properties.keywords = pf.REGISTER_KEYWORD  # so a later register skips this file
    properties.creator = "dpia"
    properties.created = dt.datetime(as_of.year, as_of.month, as_of.day)
    return workbook


def write_register(path: Path, portfolio: pf.Portfolio, as_of: dt.date, *,
                   force: bool = False) -> None:
    """Write the register to ``path`` (.xlsx) atomically; never over a file without
    ``force``."""
    workbook = register_workbook(portfolio, as_of)

    def save(handle: BinaryIO) -> None:
        workbook.save(handle)

    write_atomic(Path(path), save, force=force)
