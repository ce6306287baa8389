"""dpia verify: a report edited by hand, a tampered provenance part, a stale report."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from dpia import docxml, provenance
from dpia.cli import cli
from dpia.report import render
from tests.factories import sample_scored
from tests.workbooks import minimal_sheets, set_cell, write_workbook


@pytest.fixture(scope="module")
def report_bytes() -> bytes:
    return render(sample_scored(), lang="en")


@pytest.fixture
def report(tmp_path, report_bytes) -> Path:
    path = tmp_path / "report.docx"
    path.write_bytes(report_bytes)
    return path


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def table_of(document, kind: str):
    """The python-docx table the report marks as one of ``kind``."""
    for table in document.tables:
        if docxml.table_kind(table._tbl) == kind:
            return table
    raise AssertionError(f"no {kind} table")


def row_of(table, row_id: str):
    for row in table.rows:
        cells = row.cells
        if cells[0].text == row_id:
            return row, cells
    raise AssertionError(f"no row {row_id}")


def header_index(table, header: str) -> int:
    return [cell.text for cell in table.rows[0].cells].index(header)


def edit_cell(path: Path, kind: str, row_id: str, header: str, text: str) -> None:
    """Change one cell the way a person does in Word: select its text, type over it."""
    document = docx.Document(path)
    table = table_of(document, kind)
    _, cells = row_of(table, row_id)
    cells[header_index(table, header)].text = text
    document.save(path)


def test_an_untouched_report_verifies(report):
    result = run("verify", report)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "verified: Customer loyalty programme, version 1.0"
    assert "  risks: 3, measures: 2" in lines
    assert f"  input: loyalty.xlsx (SHA-256 {'ab' * 32})" in lines


def test_a_resave_without_edits_still_verifies(report):
    docx.Document(report).save(report)
    assert run("verify", report).exit_code == 0


def test_a_level_changed_by_hand_is_named(report):
    edit_cell(report, "risk-register", "R1", "Level", "Medium")
    result = run("verify", report)
    assert result.exit_code == 1
    assert (f'{report}: Table 7: Risk register, row R1, column Level: the report says "Medium", '
            'the record says "High"') in result.output.splitlines()


def test_a_score_changed_by_hand_is_named(report):
    edit_cell(report, "risk-register", "R2", "Score", "2")
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('Risk register, row R2, column Score: the report says "2", the record says "6"'
            in result.output)


def test_a_residual_level_changed_by_hand_is_named(report):
    edit_cell(report, "residual", "R2", "Residual level", "Low")
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('Inherent and residual risk, row R2, column Residual level: the report says "Low", '
            'the record says "Medium"') in result.output


def test_a_measure_status_changed_by_hand_is_named(report):
    edit_cell(report, "measures", "M2", "Status", "implemented")
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('All measures, row M2, column Status: the report says "implemented", the record '
            'says "planned"') in result.output


def test_a_treatment_or_owner_changed_by_hand_is_named(report):
    edit_cell(report, "treatment", "R1", "Treatment", "accept")
    edit_cell(report, "treatment", "R2", "Owner", "Nobody")
    result = run("verify", report)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (f'{report}: Table 11: Treatment and owner of each risk, row R1, column Treatment: '
            'the report says "accept", the record says "reduce"') in lines
    assert (f'{report}: Table 11: Treatment and owner of each risk, row R2, column Owner: '
            'the report says "Nobody", the record says "not provided"') in lines


def test_cells_must_say_exactly_what_the_report_wrote(report):
    # verify expects the text the report's own code writes: a date retyped in another form,
    # "not provided" replaced by another word, a list with other separators are edits
    edit_cell(report, "measures", "M2", "Due date", "2026-09-01")
    edit_cell(report, "measures", "M1", "Due date", "none")
    edit_cell(report, "risk-register", "R3", "Processing", "P1; P2")
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('row M2, column Due date: the report says "2026-09-01", the record says '
            '"1 September 2026"') in result.output
    assert ('row M1, column Due date: the report says "none", the record says '
            '"not provided"') in result.output
    assert ('row R3, column Processing: the report says "P1; P2", the record says '
            '"P1, P2"') in result.output


def test_a_measure_added_to_a_risk_by_hand_is_named(report):
    edit_cell(report, "residual", "R1", "Measures", "M1, M2")
    result = run("verify", report)
    assert 'row R1, column Measures: the report says "M1, M2"' in result.output


def test_a_deleted_risk_row_is_named(report):
    document = docx.Document(report)
    table = table_of(document, "risk-register")
    row, _ = row_of(table, "R3")
    table._tbl.remove(row._tr)
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    assert f"{report}: Table 7: Risk register, row R3: missing; the record has" in result.output


def test_an_added_risk_row_is_named(report):
    document = docx.Document(report)
    table = table_of(document, "risk-register")
    row, _ = row_of(table, "R1")
    extra = copy.deepcopy(row._tr)
    table._tbl.append(extra)
    table.rows[-1].cells[0].text = "R9"
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    assert 'Table 7: Risk register, row R9: not in the record: "R9 | P1 |' in result.output


def test_a_risk_moved_in_the_heat_map_is_named(report):
    document = docx.Document(report)
    table = table_of(document, "heatmap-inherent")
    # each cell: its risk IDs, then its level on a line of its own
    cells_by_ids = {cell.text.partition("\n")[0]: cell for row in table.rows
                    for cell in row.cells}
    moved = cells_by_ids["R1"]
    moved.text = moved.text.partition("\n")[2]  # the level only, as an empty cell
    # Probable × Severe: first body row, last column
    severe = table.rows[1].cells[-1]
    severe.text = f"R1\n{severe.text}"
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (f'{report}: Table 6: Heat map of inherent risks, row Probable, column Severe: the '
            'report says "R1 High", the record says "High"') in lines
    assert (f'{report}: Table 6: Heat map of inherent risks, row Possible, column Severe: the '
            'report says "High", the record says "R1 High"') in lines


def test_several_edits_give_one_line_each(report):
    edit_cell(report, "risk-register", "R1", "Level", "Low")
    edit_cell(report, "measures", "M1", "Status", "planned")
    result = run("verify", report)
    findings = [line for line in result.output.splitlines()
                if line.startswith(f"{report}: ") and "does not show what" not in line]
    assert len(findings) == 2, result.output


def _rewrite_provenance(path: Path, change) -> None:
    """Edit the embedded JSON inside the .docx, as a forger would with a zip tool."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "customXml/dpia-provenance.xml"
    xml = parts[name].decode()
    match = re.search(r"(<provenance[^>]*>)(.*)(</provenance>)", xml, re.S)
    record = json.loads(match.group(2))
    change(record)
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    parts[name] = (xml[: match.start(2)] + text + xml[match.end(2):]).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def test_tampered_embedded_json_fails_its_hash(report):
    def lower_level(record):
        record["assessment"]["risks"][0]["inherent"]["level"] = 1

    _rewrite_provenance(report, lower_level)
    result = run("verify", report)
    assert result.exit_code == 1
    assert "the embedded assessment does not match its SHA-256" in result.output


def test_rehashed_json_with_a_wrong_level_fails_the_matrix_check(report):
    def forge(record):
        risk = record["assessment"]["risks"][0]
        risk["inherent"]["level"] = 1
        risk["inherent"]["level_name"] = "Medium"
        record["assessment_sha256"] = provenance.assessment_hash(record["assessment"])

    _rewrite_provenance(report, forge)
    result = run("verify", report)
    assert result.exit_code == 1
    assert ("R1: inherent level Medium does not follow from the matrix (Possible × Severe is "
            "High)") in result.output
    assert "the record is suspect" in result.output
    # the report body still shows High: that disagreement is named too
    assert 'row R1, column Level: the report says "High", the record says "Medium"' \
        in result.output


def test_a_docx_without_provenance_is_not_a_report(tmp_path):
    plain = tmp_path / "letter.docx"
    docx.Document().save(plain)
    result = run("verify", plain)
    assert result.exit_code == 1
    assert "not a dpia report" in result.output
    assert "Traceback" not in result.output


def test_a_non_docx_is_a_clean_error(tmp_path):
    text = tmp_path / "notes.docx"
    text.write_text("hello")
    result = run("verify", text)
    assert result.exit_code == 1
    assert "plain text file" in result.output
    assert "Traceback" not in result.output


# --- against the workbook --------------------------------------------------------------------


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path]:
    workbook = write_workbook(tmp_path / "loyalty.xlsx", minimal_sheets())
    report = tmp_path / "loyalty.docx"
    result = run("build", workbook, "-o", report)
    assert result.exit_code == 0, result.output
    return workbook, report


def test_a_report_is_current_against_its_own_workbook(built):
    workbook, report = built
    result = run("verify", report, workbook)
    assert result.exit_code == 0, result.output
    assert f"  current: {workbook} is the workbook the report was built from" in result.output


def test_a_stale_report_says_out_of_date_and_what_changed(built):
    workbook, report = built
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Probable")
    set_cell(sheets, "Measures", "M2", "Status", "implemented")
    write_workbook(workbook, sheets)
    result = run("verify", report, workbook)
    assert result.exit_code == 1
    out = result.output
    assert f"{report}: report out of date: {workbook}" in out
    assert "~ R1 Account takeover exposes purchase history (changed)" in out
    assert "Likelihood: Possible -> Probable" in out
    assert "Score: 6 -> 9" in out
    assert "Status: planned -> implemented" in out


def _strip_alt_text(path: Path) -> None:
    """What LibreOffice does when it saves a .docx: tables lose their alt text."""
    document = docx.Document(path)
    for table in document.tables:
        for tag in ("w:tblCaption", "w:tblDescription"):
            element = table._tbl.tblPr.find(qn(tag))
            if element is not None:
                table._tbl.tblPr.remove(element)
    document.save(path)


def test_tables_without_alt_text_are_recognised_by_their_headers(report):
    _strip_alt_text(report)
    assert run("verify", report).exit_code == 0
    document = docx.Document(report)
    register = next(t for t in document.tables if t.rows[0].cells[0].text == "ID"
                    and "Impact on individuals" in [c.text for c in t.rows[0].cells])
    _, cells = row_of(register, "R1")
    cells[header_index(register, "Level")].text = "Low"
    heat_maps = [t for t in document.tables if t.rows[0].cells[0].text == "Likelihood \\ impact"]
    assert len(heat_maps) == 3  # the matrix, then the two heat maps
    minimal = heat_maps[2].rows[1].cells[1]  # after measures: Probable × Minimal
    minimal.text = f"R3\n{minimal.text}"
    residual = next(t for t in document.tables
                    if "Inherent level" in [c.text for c in t.rows[0].cells])
    _, cells = row_of(residual, "R1")
    cells[header_index(residual, "Residual score")].text = "9"
    treatment = next(t for t in document.tables
                     if "Treatment" in [c.text for c in t.rows[0].cells])
    _, cells = row_of(treatment, "R1")
    cells[header_index(treatment, "Treatment")].text = "avoid"
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    assert 'Risk register, row R1, column Level: the report says "Low", the record says "High"' \
        in result.output
    assert ('Heat map after measures, row Probable, column Minimal: the report says "R3 Low", '
            'the record says "Low"') in result.output
    assert ('Inherent and residual risk, row R1, column Residual score: the report says "9", '
            'the record says "3"') in result.output
    assert ('row R1, column Treatment: the report says "avoid", the record says '
            '"reduce"') in result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_a_report_saved_again_by_libreoffice_still_verifies(report, tmp_path):
    out = tmp_path / "lo"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(out), str(report)],
        check=True, capture_output=True, timeout=300,
    )
    result = run("verify", out / "report.docx")
    assert result.exit_code == 0, result.output


def test_a_dutch_report_is_checked_in_dutch_words(tmp_path):
    from dpia.matrix import preset

    path = tmp_path / "rapport.docx"
    path.write_bytes(render(sample_scored(matrix=preset("ico", "nl")), lang="nl"))
    assert run("verify", path).exit_code == 0
    edit_cell(path, "measures", "M2", "Status", "geïmplementeerd")
    edit_cell(path, "risk-register", "R1", "Niveau", "Midden")
    # no --lang and no locale dpia speaks: the findings are in the report's language
    result = CliRunner().invoke(cli, ["verify", str(path)],
                                env={"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None,
                                     "LANG": "C.UTF-8"})
    assert result.exit_code == 1
    assert ('Tabel 8: Alle maatregelen, rij M2, kolom Status: het rapport zegt '
            '"geïmplementeerd", de vastlegging zegt "gepland"') in result.output
    assert ('Tabel 7: Risicoregister, rij R1, kolom Niveau: het rapport zegt "Midden", de '
            'vastlegging zegt "Hoog"') in result.output


def test_unreadable_embedded_json_is_a_clean_error(report):
    with zipfile.ZipFile(report) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "customXml/dpia-provenance.xml"
    parts[name] = parts[name].replace(b'{"assessment"', b'{"assessment" oops', 1)
    with zipfile.ZipFile(report, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    result = run("verify", report)
    assert result.exit_code == 1
    assert "the embedded provenance is not valid JSON" in result.output
    assert "Traceback" not in result.output


def test_a_workbook_saved_again_unchanged_is_current(built, tmp_path):
    workbook, report = built
    resaved = openpyxl.load_workbook(workbook)
    resaved.properties.creator = "Someone else"  # another file, the same assessment
    copy_path = tmp_path / "copy.xlsx"
    resaved.save(copy_path)
    result = run("verify", report, copy_path)
    assert result.exit_code == 0, result.output
    assert "report out of date" not in result.output
    assert (f"  current: {copy_path} has the same content as the workbook the report was built "
            "from; the file differs") in result.output


def test_a_processing_field_changed_by_hand_is_named(report):
    document = docx.Document(report)
    table = table_of(document, "processing")  # the first operation, P1, transposed
    for row in table.rows:
        cells = row.cells
        if cells[0].text == "Retention":
            cells[1].text = "forever"
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('the table under "P1 Loyalty accounts", row Retention, column P1: the report says '
            '"forever", the record says "2 years"') in result.output


def test_a_matrix_cell_changed_by_hand_is_named(report):
    document = docx.Document(report)
    table = table_of(document, "matrix")
    table.rows[1].cells[1].text = "Medium"  # Probable × Minimal is Low on the ICO matrix
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('Table 5: Risk level of each combination, row Probable, column Minimal: the report '
            'says "Medium", the record says "Low"') in result.output


def test_a_count_changed_in_the_summary_is_named(report):
    # residual: R1 Low, R2 Medium, R3 Low
    edit_cell(report, "summary", "High", "Residual", "1")
    result = run("verify", report)
    assert result.exit_code == 1
    assert ('the table under "Risks per level", row High, column Residual: the report says '
            '"1", the record says "0"') in result.output


def test_the_workbook_given_instead_of_the_report_is_named(tmp_path):
    workbook = write_workbook(tmp_path / "loyalty.xlsx", minimal_sheets())
    result = run("verify", workbook)
    assert result.exit_code == 1
    assert "Excel workbook" in result.output
