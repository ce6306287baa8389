"""The reader's three ways to the cells give the same result: python-calamine for a workbook
of plain values (no formulas, no error values), else openpyxl's internals fed from lxml, and,
when those are not as expected (an openpyxl release that changed them), openpyxl's public
API."""

from __future__ import annotations

import datetime as dt
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

from dpia import cells, reader
from dpia.filetype import check_file
from dpia.reader import load_raw_sheets, read_workbook

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
    reader._internals_as_expected.cache_clear()
    assert reader._internals_as_expected()


def test_a_missing_internal_is_noticed(monkeypatch):
    from openpyxl.worksheet import _reader as internals

    monkeypatch.delattr(internals, "_cast_number")
    reader._internals_as_expected.cache_clear()
    try:
        assert not reader._internals_as_expected()
    finally:
        monkeypatch.undo()
        reader._internals_as_expected.cache_clear()


def test_the_public_path_gives_the_same_cells(tmp_path, monkeypatch):
    path = _tricky_workbook(tmp_path)
    data = path.read_bytes()
    fast = load_raw_sheets(data, "tricky.xlsx")
    monkeypatch.setattr(reader, "_internals_as_expected", lambda: False)
    public = load_raw_sheets(data, "tricky.xlsx")
    assert _as_seen(public) == _as_seen(fast)
    assessment_rows = fast[0].rows
    assert "SpreadsheetError('#DIV/0!')" in repr(assessment_rows)
    assert "UncachedFormula('=NOW()')" in repr(assessment_rows)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_the_public_path_reads_the_same_assessment(name, monkeypatch):
    fast = read_workbook(SAMPLES / name)
    monkeypatch.setattr(reader, "_internals_as_expected", lambda: False)
    public = read_workbook(SAMPLES / name)
    assert fast[0] is not None
    assert public == fast


def test_the_public_path_reports_the_same_problems(tmp_path, monkeypatch):
    path = _tricky_workbook(tmp_path)
    fast = [str(p) for p in read_workbook(path, name="tricky.xlsx")[1]]
    monkeypatch.setattr(reader, "_internals_as_expected", lambda: False)
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
    use_shared_strings(path, 2, ["B2", "C2", "B3", "C3"])
    return path


def _without_trailing_blanks(sheets) -> list:
    """Cells as the reader uses them: a row's empty cells at its end, and empty rows at the
    end of a sheet, mean nothing (calamine gives every row the sheet's width); texts count
    as cleaned (escapes decoded: openpyxl leaves them to the reader, calamine does not)."""
    result = []
    for sheet in sheets:
        rows = [[cells.clean_text(v) if isinstance(v, str) else v for v in row]
                for row in sheet.rows]
        for row in rows:
            while row and row[-1] is None:
                row.pop()
        while rows and not rows[-1]:
            rows.pop()
        result.append((sheet.title, sheet.index, repr(rows)))
    return result


def _openpyxl_only(monkeypatch) -> None:
    monkeypatch.setattr(reader, "_import_calamine", lambda: None)


def test_a_plain_workbook_is_read_by_calamine(tmp_path, monkeypatch):
    path = _plain_workbook(tmp_path)
    scan = check_file(path)
    assert scan.plain_cells
    called = []
    real = reader._calamine_raw_sheets
    monkeypatch.setattr(reader, "_calamine_raw_sheets",
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
    monkeypatch.setattr(reader, "_calamine_raw_sheets", lambda data: pytest.fail("calamine"))
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
    assert scan.plain_cells and scan.largest_extent >= 16_384 * 90_000
    monkeypatch.setattr(reader, "_calamine_raw_sheets", lambda data: pytest.fail("calamine"))
    assessment, _ = read_workbook(path)
    assert assessment is not None


def test_a_cell_without_its_reference_is_left_to_openpyxl(tmp_path):
    path = write_workbook(tmp_path / "noref.xlsx", minimal_sheets())
    edit_part(path, sheet_part(1), lambda xml: xml.replace('<c r="A2"', "<c", 1))
    assert not check_file(path).plain_cells
