"""The reader's three ways to the cells give the same result: python-calamine for a workbook
of plain values (no formulas, no error values), else openpyxl's internals fed from lxml, and,
when those are not as expected (an openpyxl release that changed them), openpyxl's public
API."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from workbooks import (
    edit_part,
    minimal_sheets,
    set_cached_value,
    sheet_part,
    use_shared_strings,
    write_workbook,
)

from dpia.filetype import check_file
from dpia.reader import calamine_cells, load_raw_sheets, openpyxl_cells, read_workbook

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _tricky_workbook(tmp_path: Path) -> Path:
    """Formulas with and without a cached result, an error, dates, shared strings, a gap of
    rows and a row with a gap of columns."""
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Review date", dt.date(2027, 5, 25)])
    sheets["Assessment"].append(["Scope", "=B2"])
    sheets["Assessment"].append(["Context", "=1/0"])
    sheets["Assessment"].append(["Purposes", "=NOW()"])
    sheets["Assessment"].extend([[], [], ["Necessity", None, None, "far right"]])
    path = write_workbook(tmp_path / "tricky.xlsx", sheets)
    set_cached_value(path, 1, "B10", "Customer loyalty programme")
    set_cached_value(path, 1, "B11", "#DIV/0!")
    edit_part(path, sheet_part(1), lambda xml: xml.replace(
        '<c r="B11" t="str">', '<c r="B11" t="e">'))
    use_shared_strings(path, 2, ["B2", "C2", "B3", "C3"])
    return path


def _as_seen(sheets) -> list:
    # cell values such as SpreadsheetError compare by what they show
    return [(s.title, s.index, repr(s.rows)) for s in sheets]


def test_the_installed_openpyxl_takes_the_fast_path():
    openpyxl_cells.internals_as_expected.cache_clear()
    assert openpyxl_cells.internals_as_expected()


def test_a_missing_internal_is_noticed(monkeypatch):
    from openpyxl.worksheet import _reader as internals

    monkeypatch.delattr(internals, "_cast_number")
    openpyxl_cells.internals_as_expected.cache_clear()
    try:
        assert not openpyxl_cells.internals_as_expected()
    finally:
        monkeypatch.undo()
        openpyxl_cells.internals_as_expected.cache_clear()


def test_the_public_path_gives_the_same_cells(tmp_path, monkeypatch):
    path = _tricky_workbook(tmp_path)
    data = path.read_bytes()
    fast = load_raw_sheets(data, "tricky.xlsx")
    monkeypatch.setattr(openpyxl_cells, "internals_as_expected", lambda: False)
    public = load_raw_sheets(data, "tricky.xlsx")
    assert _as_seen(public) == _as_seen(fast)
    assessment_rows = fast[0].rows
    assert "SpreadsheetError('#DIV/0!')" in repr(assessment_rows)
    assert "UncachedFormula('=NOW()')" in repr(assessment_rows)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_the_public_path_reads_the_same_assessment(name, monkeypatch):
    fast = read_workbook(SAMPLES / name)
    monkeypatch.setattr(openpyxl_cells, "internals_as_expected", lambda: False)
    public = read_workbook(SAMPLES / name)
    assert fast[0] is not None
    assert public == fast


def test_the_public_path_reports_the_same_problems(tmp_path, monkeypatch):
    path = _tricky_workbook(tmp_path)
    fast = [str(p) for p in read_workbook(path, name="tricky.xlsx")[1]]
    monkeypatch.setattr(openpyxl_cells, "internals_as_expected", lambda: False)
    public = [str(p) for p in read_workbook(path, name="tricky.xlsx")[1]]
    assert public == fast
    assert any(m.startswith("tricky.xlsx:Assessment!B11: error:") for m in public)
    assert any(m.startswith("tricky.xlsx:Assessment!B12: ") for m in public)


# --- python-calamine for plain workbooks ----------------------------------------------------


def _plain_workbook(tmp_path: Path) -> Path:
    """Every kind of plain value: dates with and without a time, a time, numbers whole and
    not, yes/no, text with Excel escapes, shared and inline strings, gaps of rows and
    columns, a value far to the right."""
    sheets = minimal_sheets()
    sheets["Assessment"] += [
        ["Review date", dt.date(2027, 5, 25)],
        ["Scope", dt.datetime(2026, 3, 4, 13, 30)],
        ["Context", dt.time(9, 15)],
        ["Purposes", 3.25],
        ["Necessity", 12],
        ["Consultation", True],
        ["Rights", "typed _x005F_x000D_ literally, then a break_x000D_"],
        [], [],
        ["Conclusion", None, None, "far right", None, 1e20],
    ]
    path = write_workbook(tmp_path / "plain.xlsx", sheets)
    rights = 1 + next(n for n, row in enumerate(sheets["Assessment"]) if row[:1] == ["Rights"])
    # shared strings as Excel stores text, the escapes among them
    use_shared_strings(path, 1, ["B2", "B3", f"B{rights}"])
    return path


def _without_trailing_blanks(sheets) -> list:
    """Cells as the reader uses them: a row's empty cells at its end, and empty rows at the
    end of a sheet, mean nothing (calamine gives every row the sheet's width)."""
    result = []
    for sheet in sheets:
        rows = [list(row) for row in sheet.rows]
        for row in rows:
            while row and row[-1] is None:
                row.pop()
        while rows and not rows[-1]:
            rows.pop()
        result.append((sheet.title, sheet.index, repr(rows)))
    return result


def _openpyxl_only(monkeypatch) -> None:
    monkeypatch.setattr(calamine_cells, "import_calamine", lambda: None)


def test_a_plain_workbook_is_read_by_calamine(tmp_path, monkeypatch):
    path = _plain_workbook(tmp_path)
    scan = check_file(path)
    assert scan.plain_cells
    called = []
    real = calamine_cells.calamine_raw_sheets
    monkeypatch.setattr(calamine_cells, "calamine_raw_sheets",
                        lambda data: called.append(1) or real(data))
    read_workbook(path)
    assert called


def test_calamine_gives_the_cells_openpyxl_gives(tmp_path, monkeypatch):
    path = _plain_workbook(tmp_path)
    data, scan = path.read_bytes(), check_file(path)
    fast = load_raw_sheets(data, "plain.xlsx", scan=scan)
    _openpyxl_only(monkeypatch)
    slow = load_raw_sheets(data, "plain.xlsx", scan=scan)
    assert _without_trailing_blanks(fast) == _without_trailing_blanks(slow)
    assessment = repr(fast[0].rows)
    assert "datetime.datetime(2027, 5, 25, 0, 0)" in assessment  # a date, as openpyxl has it
    assert "datetime.time(9, 15)" in assessment
    assert " 12," in assessment and "3.25" in assessment  # whole numbers stay ints


def test_calamine_keeps_typed_escapes_literal(tmp_path):
    assessment, problems = read_workbook(_plain_workbook(tmp_path))
    assert assessment is not None, problems
    assert assessment.info.rights == (
        "typed _x000D_ literally, then a break")


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_calamine_reads_the_same_assessment(name, monkeypatch):
    assert check_file(SAMPLES / name).plain_cells
    fast = read_workbook(SAMPLES / name)
    _openpyxl_only(monkeypatch)
    slow = read_workbook(SAMPLES / name)
    assert fast[0] is not None
    assert fast == slow


def test_formulas_and_error_values_are_read_by_openpyxl(tmp_path, monkeypatch):
    path = _tricky_workbook(tmp_path)
    assert not check_file(path).plain_cells
    monkeypatch.setattr(calamine_cells, "calamine_raw_sheets", lambda data: pytest.fail("calamine"))
    messages = [str(p) for p in read_workbook(path, name="tricky.xlsx")[1]]
    assert any("=NOW() has no calculated value" in m for m in messages)
    assert any("spreadsheet error #DIV/0!" in m for m in messages)


def test_an_error_value_alone_makes_a_workbook_not_plain(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Scope", "#N/A"])  # openpyxl writes this as an error value
    path = write_workbook(tmp_path / "error.xlsx", sheets)
    assert not check_file(path).plain_cells
    messages = [str(p) for p in read_workbook(path, name="error.xlsx")[1]]
    assert any("the cell holds the spreadsheet error #N/A" in m or "#N/A" in m
               for m in messages)


def test_a_malformed_part_is_left_to_openpyxl(tmp_path):
    path = write_workbook(tmp_path / "cut.xlsx", minimal_sheets())
    edit_part(path, sheet_part(3), lambda xml: xml[: len(xml) // 2])  # well zipped, cut XML
    assert not check_file(path).plain_cells
    from dpia.errors import FileFormatError

    with pytest.raises(FileFormatError, match="damaged or incomplete"):
        read_workbook(path, name="cut.xlsx")


def test_a_cell_far_away_is_not_read_into_a_grid(tmp_path, monkeypatch):
    # calamine would hold A1 to the far cell as a grid: 16,384 columns by 90,000 rows
    sheets = minimal_sheets()
    path = write_workbook(tmp_path / "far.xlsx", sheets)
    edit_part(path, sheet_part(1), lambda xml: xml.replace(
        "</sheetData>",
        '<row r="90000"><c r="XFD90000" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData>"))
    scan = check_file(path)
    assert scan.plain_cells and scan.grid_cells >= 16_384 * 90_000
    monkeypatch.setattr(calamine_cells, "calamine_raw_sheets", lambda data: pytest.fail("calamine"))
    assessment, _ = read_workbook(path)
    assert assessment is not None


def test_a_cell_without_its_reference_is_left_to_openpyxl(tmp_path):
    path = write_workbook(tmp_path / "noref.xlsx", minimal_sheets())
    edit_part(path, sheet_part(1), lambda xml: xml.replace('<c r="A2"', "<c", 1))
    assert not check_file(path).plain_cells


def _with_far_cell(path: Path, reference: str) -> None:
    edit_part(path, sheet_part(1), lambda xml: xml.replace(
        "</sheetData>",
        f'<row r="9"><c r="{reference}" t="inlineStr"><is><t>far</t></is></c></row>'
        "</sheetData>"))


@pytest.mark.parametrize("reference", [
    "xfd1048576", "AB000000150", "AAAA150", "B10000001", "A4294967295", "Z0",
])
def test_a_reference_written_otherwise_is_left_to_openpyxl(tmp_path, monkeypatch, reference):
    # calamine reads these too (lower case, leading zeros, more letters or digits) and
    # would hold a grid up to them: a 7 KB file could take hundreds of GB
    path = write_workbook(tmp_path / "ref.xlsx", minimal_sheets())
    _with_far_cell(path, reference)
    assert not check_file(path).plain_cells
    monkeypatch.setattr(calamine_cells, "calamine_raw_sheets", lambda data: pytest.fail("calamine"))
    from dpia.errors import FileFormatError

    try:
        read_workbook(path)
    except FileFormatError:
        pass  # openpyxl refuses some of them: a message, not a crash


def test_the_grids_of_all_sheets_count_together(tmp_path, monkeypatch):
    # forty sheets, each small in the file but with a grid of 100 x 39,000 cells
    sheets = minimal_sheets()
    for number in range(40):
        sheets[f"Extra{number}"] = [["x"]]
    path = write_workbook(tmp_path / "many.xlsx", sheets)
    first_extra = len(minimal_sheets()) + 1
    for number in range(first_extra, first_extra + 40):
        edit_part(path, sheet_part(number), lambda xml: xml.replace(
            "</sheetData>", '<row r="39000"><c r="CV39000"><v>1</v></c></row></sheetData>'))
    scan = check_file(path)
    assert scan.plain_cells and scan.grid_cells > calamine_cells.CALAMINE_MAX_GRID
    monkeypatch.setattr(calamine_cells, "calamine_raw_sheets", lambda data: pytest.fail("calamine"))
    assert read_workbook(path)[0] is not None


def _edit_parts(path: Path, edits: dict) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for part, edit in edits.items():
        parts[part] = edit(parts.get(part, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)


def test_a_workbook_part_elsewhere_is_left_to_openpyxl(tmp_path):
    # the package may name another main part; calamine always reads xl/workbook.xml, whose
    # sheets check_file would then not have scanned
    path = write_workbook(tmp_path / "main.xlsx", minimal_sheets())
    import zipfile

    with zipfile.ZipFile(path) as archive:
        workbook, rels = archive.read("xl/workbook.xml"), archive.read(
            "xl/_rels/workbook.xml.rels")
    _edit_parts(path, {
        "_rels/.rels": lambda xml: xml.replace(b"xl/workbook.xml", b"xl/main.xml"),
        "xl/main.xml": lambda _: workbook,
        "xl/_rels/main.xml.rels": lambda _: rels,
    })
    assert not check_file(path).plain_cells


@pytest.mark.parametrize("sheet_ids", [
    # a second id attribute in another namespace; r: bound to another namespace
    'xmlns:q="urn:q" q:id="rId1" r:id="rId1"',
    'xmlns:r="urn:other" r:id="rId1"',
])
def test_a_sheet_named_unplainly_is_left_to_openpyxl(tmp_path, sheet_ids):
    path = write_workbook(tmp_path / "ids.xlsx", minimal_sheets())
    _edit_parts(path, {"xl/workbook.xml": lambda xml: re.sub(
        rb'xmlns:r="[^"]*" (name="Assessment" sheetId="1" state="visible") r:id="rId1"',
        rb"\1 " + sheet_ids.encode(), xml)})
    import zipfile

    assert sheet_ids.encode() in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert not check_file(path).plain_cells


def test_a_relationship_id_twice_is_left_to_openpyxl(tmp_path):
    path = write_workbook(tmp_path / "dup.xlsx", minimal_sheets())
    _edit_parts(path, {"xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/worksheet" Target="/xl/worksheets/sheet2.xml" Id="rId1"/>'
        b"</Relationships>")})
    assert not check_file(path).plain_cells


_EXCEL_LIST_FROM_ANOTHER_SHEET = (
    # how Excel 2010 and later keep a drop-down list taken from another sheet
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f>'
    "</x14:formula1><xm:sqref>B2:B10</xm:sqref></x14:dataValidation></x14:dataValidations>"
    "</ext></extLst></worksheet>"
)


def test_a_drop_down_list_from_another_sheet_is_no_formula(tmp_path, monkeypatch):
    path = write_workbook(tmp_path / "lists.xlsx", minimal_sheets())
    edit_part(path, sheet_part(1), lambda xml: xml.replace(
        "</worksheet>", _EXCEL_LIST_FROM_ANOTHER_SHEET))
    assert check_file(path).plain_cells
    fast = read_workbook(path)
    _openpyxl_only(monkeypatch)
    assert read_workbook(path) == fast


def test_cells_written_with_a_prefix_are_left_to_openpyxl(tmp_path, monkeypatch):
    # every element with a prefix (some generators write the main namespace so): a prefixed
    # <x:f> may then be a cell's formula, and the references are not the usual spelling
    path = write_workbook(tmp_path / "prefixed.xlsx", minimal_sheets())
    plain = read_workbook(path)

    def prefixed(xml: str) -> str:
        xml = re.sub(r"<(/?)(\w+)", r"<\1x:\2", xml)
        return xml.replace('<x:worksheet xmlns="', '<x:worksheet xmlns:x="', 1)

    edit_part(path, sheet_part(1), prefixed)
    assert "<x:c " in __import__("zipfile").ZipFile(path).read(sheet_part(1)).decode()
    assert not check_file(path).plain_cells
    monkeypatch.setattr(calamine_cells, "calamine_raw_sheets", lambda data: pytest.fail("calamine"))
    assessment, problems = read_workbook(path)
    assert (replace(assessment, source=plain[0].source), problems) == plain


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("sample", ["retail-loyalty.xlsx", "gemeente-jeugdhulp.xlsx"])
def test_a_workbook_saved_by_libreoffice_reads_the_same_both_ways(tmp_path, monkeypatch,
                                                                  sample):
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         str(SAMPLES / sample)],
        capture_output=True, timeout=300,
    )
    saved = out / sample
    if not saved.exists():
        pytest.skip("this LibreOffice has no Calc")
    assert check_file(saved).plain_cells  # LibreOffice's own way of writing a workbook
    fast = read_workbook(saved)
    _openpyxl_only(monkeypatch)
    assert read_workbook(saved) == fast
    original = read_workbook(SAMPLES / sample)
    assert replace(fast[0], source=original[0].source) == original[0]
