"""Build test workbooks in code: a valid minimal assessment as plain rows, to copy and break.

``sheets = minimal_sheets()`` gives ``{sheet name: [header row, data rows...]}``; change a
cell, drop a sheet, then ``write_workbook(tmp_path / "x.xlsx", sheets)``.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import openpyxl

MINIMAL_EN: dict[str, list[list]] = {
    "Assessment": [
        ["Field", "Value"],
        ["Title", "Customer loyalty programme"],
        ["Organisation", "Example Retail Ltd"],
        ["Version", "1.0"],
        ["Date", dt.date(2026, 5, 25)],
        ["Status", "draft"],
        ["Author", "A. Author"],
        ["Classification", "Confidential"],
    ],
    "Processing": [
        ["ID", "Name", "Purpose", "Lawful basis", "Legitimate interest", "Data subjects",
         "Personal data", "Special categories", "Art. 9 condition", "Recipients", "Processors",
         "Processor agreement", "Transfers", "Transfer safeguard", "Retention"],
        ["P1", "Loyalty accounts", "Run the loyalty scheme", "Contract", "", "Customers",
         "Name; e-mail; purchases", "", "", "Marketing team", "MailCo",
         "yes", "", "", "2 years after last purchase"],
        ["P2", "Purchase analytics", "Personalised offers", "Legitimate interests",
         "Relevant offers to existing customers", "Customers", "Purchase history", "", "",
         "", "", "", "United States", "SCC", "1 year"],
    ],
    "Risks": [
        ["ID", "Processing", "Risk", "Source", "Impact on individuals", "Likelihood", "Impact",
         "Measures", "Residual likelihood", "Residual impact", "Treatment", "Owner"],
        ["R1", "P1", "Account takeover exposes purchase history", "Criminal", "Embarrassment",
         "Possible", "Severe", "M1", "Remote", "Severe", "reduce", "IT"],
        ["R2", "P2", "Profiling beyond expectations", "Staff", "Loss of control", "Probable",
         "Significant", "M2", "Possible", "Significant", "reduce", "Marketing"],
    ],
    "Measures": [
        ["ID", "Measure", "Type", "Description", "Status", "Owner", "Due date"],
        ["M1", "Two-factor authentication", "technical", "For all customer accounts",
         "implemented", "IT", ""],
        ["M2", "Opt-out in every offer", "organisational", "", "planned", "Marketing",
         dt.date(2026, 9, 1)],
    ],
}


def minimal_sheets() -> dict[str, list[list]]:
    """A fresh deep copy of a small valid English workbook (ico matrix)."""
    return copy.deepcopy(MINIMAL_EN)


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write ``sheets`` (name -> rows, first row usually the headers) as an .xlsx file."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def set_cell(sheets: dict[str, list[list]], sheet: str, row_id: str, header: str, value) -> None:
    """Set the cell under ``header`` in the row whose first cell is ``row_id``."""
    rows = sheets[sheet]
    column = rows[0].index(header)
    for row in rows[1:]:
        if row and row[0] == row_id:
            while len(row) <= column:
                row.append(None)
            row[column] = value
            return
    raise KeyError(f"{sheet}: no row {row_id}")
