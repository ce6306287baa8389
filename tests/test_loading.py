"""One loader for every command: a workbook read and scored, or a report's embedded
assessment, told apart by content and not by the file's name."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia.cli import cli
from dpia.errors import DpiaError, WorkbookInvalid
from dpia.loading import is_report, load_scored


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "v1.xlsx", minimal_sheets())


@pytest.fixture
def report(tmp_path: Path, workbook: Path) -> Path:
    target = tmp_path / "v1.docx"
    assert run("build", workbook, "-o", target).exit_code == 0
    return target


def test_a_workbook_is_read_and_scored_with_its_warnings_named_as_asked(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Residual likelihood", "")
    set_cell(sheets, "Risks", "R1", "Residual impact", "")
    path = write_workbook(tmp_path / "draft.xlsx", sheets)
    scored, warnings = load_scored(path, name="shown.xlsx")
    assert [(item.risk.id, item.inherent.score, item.residual.score)
            for item in scored.risks] == [("R1", 6, 6), ("R2", 6, 4)]
    assert warnings and all(str(w).startswith("shown.xlsx:Risks!") for w in warnings)
    with pytest.raises(WorkbookInvalid):
        load_scored(path, strict=True)


def test_a_report_under_any_name_gives_the_assessment_it_was_built_from(
        tmp_path, workbook, report):
    from_workbook, _ = load_scored(workbook)
    renamed = tmp_path / "earlier-version"
    shutil.copyfile(report, renamed)
    assert is_report(renamed) and not is_report(workbook)
    from_report, warnings = load_scored(renamed, reports=True)
    assert warnings == []
    assert from_report.assessment.info == from_workbook.assessment.info
    assert [(r.risk.id, r.inherent, r.residual) for r in from_report.risks] == \
        [(r.risk.id, r.inherent, r.residual) for r in from_workbook.risks]


def test_a_report_is_not_taken_where_a_workbook_is_asked_for(report):
    with pytest.raises(DpiaError):
        load_scored(report)
    result = run("score", report)
    assert result.exit_code == 1
    assert f"{report}: this is a Word document (.docx), not an Excel workbook" in result.output


def test_a_workbook_with_a_report_name_is_still_read_as_a_workbook(tmp_path, workbook):
    # --previous used to decide by the suffix: a workbook saved as .docx was opened as a report
    misnamed = tmp_path / "v1-previous.docx"
    shutil.copyfile(workbook, misnamed)
    scored, _ = load_scored(misnamed, reports=True)
    assert scored.assessment.info.title


def test_build_previous_accepts_a_report_whatever_its_name(tmp_path, workbook, report):
    renamed = tmp_path / "v1-report.bak"
    shutil.copyfile(report, renamed)
    sheets = minimal_sheets()
    set_cell(sheets, "Assessment", "Version", "Value", "2.0")
    new = write_workbook(tmp_path / "v2.xlsx", sheets)
    target = tmp_path / "v2.docx"
    result = run("build", new, "-o", target, "--previous", renamed)
    assert result.exit_code == 0, result.output
    headings = [p.text for p in docx.Document(target).paragraphs
                if p.style.name.startswith("Heading")]
    assert any(text.startswith("Changes since version") for text in headings)
