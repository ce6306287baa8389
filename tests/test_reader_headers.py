"""Never misread a workbook: header variants, two-row headers, merged cells and rows that
hold only an ID, as Excel and LibreOffice save them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook
from workbooks import read_sheets as read

from dpia.cli import cli

NAME = "wb.xlsx"


def risk(assessment, risk_id):
    return next(r for r in assessment.risks if r.id == risk_id)


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


# --- rows that hold only an ID ---------------------------------------------------------------


def test_pre_numbered_rows_are_skipped_with_one_warning_per_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"] += [["R3"], ["R4"], [], ["R6"]]
    sheets["Measures"] += [["M3"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!A4: warning: rows 4-5, 7 skipped: only an ID is filled in (R3, R4, R6)",
        "wb.xlsx:Measures!A4: warning: row 4 skipped: only an ID is filled in (M3)",
    ]
    assert [r.id for r in assessment.risks] == ["R1", "R2"]
    assert [m.id for m in assessment.measures] == ["M1", "M2"]
    assert dict(assessment.source.sheet_rows)["Risks"] == 2


def test_a_row_with_an_id_and_anything_else_is_read_and_checked(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"].append(["R3", None, None, None, None, "Possible"])
    _, problems = read(tmp_path, sheets)
    assert "wb.xlsx:Risks!B4: error: R3: Processing is empty (required)" in problems
    assert not any("only an ID" in p for p in problems)


def test_an_id_with_data_in_an_unknown_column_is_not_typed_ahead(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0].append("Comment")
    sheets["Risks"].append(["R3", *[None] * 11, "to do"])
    _, problems = read(tmp_path, sheets)
    assert "wb.xlsx:Risks!B4: error: R3: Processing is empty (required)" in problems


def test_a_field_without_a_value_is_not_skipped_on_the_key_value_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"][2][1] = None  # Organisation
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment!B3: error: Organisation: the value is empty (required)"]


def test_pre_numbered_rows_build_with_exit_0(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"] += [["R3"], ["R4"]]
    path = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:Risks!A4: warning: rows 4-5 skipped" in result.output


# --- the Assessment field written with a colon ---------------------------------------------


@pytest.mark.parametrize("typed", ["Title:", "Title :", "titel:", "Organisation:"])
def test_assessment_field_with_a_colon(tmp_path, typed):
    sheets = minimal_sheets()
    row = 1 if typed.lower().startswith("tit") else 2
    sheets["Assessment"][row][0] = typed
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert assessment.info.title == "Customer loyalty programme"
    assert assessment.info.organisation == "Example Retail Ltd"
