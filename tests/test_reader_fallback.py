"""The reader's fast path feeds openpyxl's internals; when they are not as it expects (an
openpyxl release that changed them), it reads through openpyxl's public API instead, with the
same result."""

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

from dpia import reader
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
