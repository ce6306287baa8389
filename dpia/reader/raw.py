"""The cells of a worksheet as every back-end gives them: :class:`RawSheet`."""

from __future__ import annotations

from dataclasses import dataclass

from dpia.errors import FileFormatError
from dpia.i18n import _


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


def too_many_rows(name: str, title: str, limit: int) -> FileFormatError:
    """The error for a sheet with more rows than dpia reads (``limit``)."""
    return FileFormatError(
        _("{name}: sheet {sheet} has more than {limit:,} rows; dpia reads workbooks of a "
          "DPIA's size only").format(name=name, sheet=title, limit=limit)

    )
