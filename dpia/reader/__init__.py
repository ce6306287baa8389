"""Read a DPIA workbook (format version 1, docs/workbook-format.md) into the model.

Two phases. First the raw cells of every sheet are taken out of the file by a back-end
(:mod:`~dpia.reader.backends`: python-calamine for plain workbooks and .ods,
:mod:`~dpia.reader.openpyxl_cells` for the rest); anything a back-end raises there means a
damaged file and becomes one ``FileFormatError``. Then plain Python turns the cells into
model objects, collecting every problem with its cell on the way
(:mod:`~dpia.reader.tables` finds each sheet's header row and data rows,
:mod:`~dpia.reader.assessment`, :mod:`~dpia.reader.matrix_sheets` and
:mod:`~dpia.reader.rows` read the sheets), and ``dpia.checks`` adds the cross-reference
rules (:mod:`~dpia.reader.workbook`).
"""

from dpia.reader.backends import load_raw_sheets
from dpia.reader.calamine_cells import CALAMINE_MAX_GRID
from dpia.reader.raw import RawSheet
from dpia.reader.rows import RATIONALE_KEYS
from dpia.reader.tables import HEADER_SEARCH_ROWS
from dpia.reader.workbook import load_assessment, read_workbook

__all__ = [
    "CALAMINE_MAX_GRID",
    "HEADER_SEARCH_ROWS",
    "RATIONALE_KEYS",
    "RawSheet",
    "load_assessment",
    "load_raw_sheets",
    "read_workbook",
]
