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


def read_sheets(tmp_path: Path, sheets: dict[str, list[list]], name: str = "wb.xlsx"):
    """Write ``sheets``, read them back: (assessment, problems as the user sees them), the
    file named ``name`` in messages."""
    from dpia.reader import read_workbook

    path = write_workbook(tmp_path / "in.xlsx", sheets)
    assessment, problems = read_workbook(path, name=name)
    return assessment, [str(p) for p in problems]


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


# --- editing the XML of a written workbook (formulas' cached values, shared strings) ---------


def edit_part(path: Path, part: str, transform) -> None:
    """Rewrite one part of the .xlsx zip at ``path``: ``transform(xml_text) -> xml_text``."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    contents[part] = transform(contents[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in contents.items():
            archive.writestr(member, data)


def sheet_part(number: int) -> str:
    """The part of the ``number``-th sheet (1-based) as openpyxl writes it."""
    return f"xl/worksheets/sheet{number}.xml"


def set_cached_value(path: Path, sheet_number: int, cell: str, value: str, *,
                     text: bool = True) -> None:
    """Give the formula in ``cell`` a cached result, as a spreadsheet application would."""
    import re

    def transform(xml: str) -> str:
        pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v>.*?</v>)?</c>')
        kind = ' t="str"' if text else ""
        new, count = pattern.subn(rf'<c r="{cell}"{kind}><f>\2</f><v>{value}</v></c>', xml)
        assert count == 1, f"no formula in {cell}"
        return new

    edit_part(path, sheet_part(sheet_number), transform)


def use_shared_strings(path: Path, sheet_number: int, cells: list[str]) -> None:
    """Move the inline strings of ``cells`` into a shared string table (as Excel stores text)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        sheet = archive.read(sheet_part(sheet_number)).decode("utf-8")
    strings = []

    def shared(match: re.Match) -> str:
        strings.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    for cell in cells:
        pattern = re.compile(rf'<c r="({cell})" t="inlineStr"><is>(<t[^>]*>.*?</t>)</is></c>', re.S)
        sheet, count = pattern.subn(shared, sheet)
        assert count == 1, f"no inline string in {cell}"
    table = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si>{t}</si>" for t in strings) + "</sst>"
    )
    with zipfile.ZipFile(path) as archive:
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    contents[sheet_part(sheet_number)] = sheet.encode("utf-8")
    contents["xl/sharedStrings.xml"] = table.encode("utf-8")
    types = contents["[Content_Types].xml"].decode("utf-8")
    contents["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ).encode("utf-8")
    rels = contents["xl/_rels/workbook.xml.rels"].decode("utf-8")
    contents["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdShared"/>'
        "</Relationships>",
    ).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in contents.items():
            archive.writestr(member, data)


def merge_cells(path: Path, merges: dict[str, list[str]]) -> Path:
    """Merge ranges of a written workbook as Excel does (the first cell keeps its value, the
    others are emptied): ``{sheet name: ["H2:H4", ...]}``."""
    workbook = openpyxl.load_workbook(path)
    for sheet, ranges in merges.items():
        for cell_range in ranges:
            workbook[sheet].merge_cells(cell_range)
    workbook.save(path)
    return path


def libreoffice_resave(path: Path, folder: Path) -> Path:
    """``path`` opened and saved again as .xlsx by LibreOffice Calc (headless), in
    ``folder``; the test is skipped where LibreOffice is not installed."""
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(path)],
        capture_output=True, timeout=300,
    )
    saved = folder / path.name
    if not saved.exists():
        pytest.skip("this LibreOffice has no Calc")
    return saved
