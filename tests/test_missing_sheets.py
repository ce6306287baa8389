"""A workbook without its Processing or Risks sheet, or with one that has no rows: one clear
error for the sheet, not a follow-on problem for every row that refers to it."""

from __future__ import annotations

from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def validate_without(tmp_path, sheet):
    sheets = minimal_sheets()
    del sheets[sheet]
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    return path, run("validate", path)


def test_missing_processing_sheet_is_one_error_not_one_per_risk(tmp_path):
    path, result = validate_without(tmp_path, "Processing")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: error: missing required sheet 'Processing' (de: Verarbeitungen, "
        "fr: Traitements, nl: Verwerkingen)"]
    assert "unknown processing ID" not in result.stderr
    assert result.stdout == f"{path}: 1 error(s), 0 warning(s)\n"


def test_missing_risks_sheet_gives_no_measure_warnings(tmp_path):
    path, result = validate_without(tmp_path, "Risks")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: error: missing required sheet 'Risks' (de: Risiken, fr: Risques, nl: Risico's)"]
    assert "addresses no risk" not in result.stderr


def test_with_both_sheets_an_unknown_processing_id_is_still_an_error(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][1][1] = "P9"
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"{path}:Risks!B2: error: R1: unknown processing ID 'P9'" in result.stderr.splitlines()


def test_with_both_sheets_an_unused_measure_is_still_a_warning(tmp_path):
    sheets = minimal_sheets()
    sheets["Measures"].append(["M3", "Privacy training", "organisational", "", "planned"])
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 0
    assert (f"{path}:Measures!A4: warning: M3: addresses no risk (no Risks row lists it under "
            "Measures)") in result.stderr.splitlines()


# --- a Processing or Risks sheet with its header row but no rows ----------------------------


def test_empty_processing_sheet_is_an_error_at_its_header_row(tmp_path):
    sheets = minimal_sheets()
    sheets["Processing"] = [["Processing operations"], sheets["Processing"][0]]  # a title row
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:Processing!2: error: no processing operations: describe each one in a row "
        "under this header row (Art. 35(7)(a) GDPR)"]  # and no "unknown processing ID" per risk
    build = run("build", path)
    assert build.exit_code == 1 and not (tmp_path / "wb.docx").exists()


def test_empty_risks_sheet_is_an_error_at_its_header_row(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"] = sheets["Risks"][:1]
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:Risks!1: error: no risks: list each risk to the rights and freedoms of the "
        "data subjects in a row under this header row (Art. 35(7)(c) GDPR)"]
    # and no "M1: addresses no risk" warning for every measure
    assert result.stdout == f"{path}: 1 error(s), 0 warning(s)\n"


def test_a_sheet_without_its_header_row_gets_no_second_error_for_having_no_rows(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"] = [["Something else entirely"]]
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "no risks" not in result.stderr and "addresses no risk" not in result.stderr
    assert f"{path}:Risks!1: error: no header row" in result.stderr
