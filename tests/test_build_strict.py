"""``dpia build --strict``: as ``validate --strict``, a warning is an error, so a DPO's final
build or a CI job writes no report for a workbook with anything doubtful in it."""

from __future__ import annotations

from pathlib import Path

import docx
from click.testing import CliRunner

from dpia.batch import build_many
from dpia.cli import cli
from tests.workbooks import minimal_sheets, set_cell, write_workbook

NOT_REASSESSED = "R2: not re-assessed after the measures"


def _run(*args: object):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def _with_a_warning(path: Path) -> Path:
    """A valid workbook whose only problem is a warning: R2 was never re-assessed."""
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", None)
    set_cell(sheets, "Risks", "R2", "Residual impact", None)
    return write_workbook(path, sheets)


def _clean(path: Path) -> Path:
    return write_workbook(path, minimal_sheets())


def test_without_strict_a_warning_does_not_stop_the_build(tmp_path: Path) -> None:
    workbook = _with_a_warning(tmp_path / "draft.xlsx")

    result = _run(workbook)

    assert result.exit_code == 0, result.stderr
    assert f"{workbook}:Risks!I3: warning: {NOT_REASSESSED}" in result.stderr
    assert workbook.with_suffix(".docx").is_file()


def test_strict_build_refuses_a_workbook_with_a_warning_and_writes_nothing(
    tmp_path: Path,
) -> None:
    workbook = _with_a_warning(tmp_path / "draft.xlsx")

    result = _run(workbook, "--strict")

    assert result.exit_code == 1
    assert f"{workbook}:Risks!I3: error: {NOT_REASSESSED}" in result.stderr
    assert ": warning: " not in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["draft.xlsx"]


def test_strict_build_with_force_leaves_the_existing_report_alone(tmp_path: Path) -> None:
    workbook = _with_a_warning(tmp_path / "draft.xlsx")
    report = tmp_path / "draft.docx"
    report.write_bytes(b"last week's report")

    result = _run(workbook, "--strict", "--force", "--pdf")

    assert result.exit_code == 1
    assert report.read_bytes() == b"last week's report"
    assert not (tmp_path / "draft.pdf").exists()


def test_strict_build_of_a_clean_workbook_is_the_same_report(tmp_path: Path) -> None:
    workbook = _clean(tmp_path / "final.xlsx")

    strict = _run(workbook, "--strict", "-o", tmp_path / "strict.docx")
    relaxed = _run(workbook, "-o", tmp_path / "relaxed.docx")

    assert strict.exit_code == 0 and strict.stderr == ""
    assert relaxed.exit_code == 0
    assert (tmp_path / "strict.docx").read_bytes() == (tmp_path / "relaxed.docx").read_bytes()
    titles = [p.text for p in docx.Document(str(tmp_path / "strict.docx")).paragraphs
              if p.style.name == "Title"]
    assert titles == ["Customer loyalty programme"]


def test_strict_batch_builds_the_clean_workbooks_and_lists_the_doubtful_one(
    tmp_path: Path,
) -> None:
    clean = _clean(tmp_path / "clean.xlsx")
    draft = _with_a_warning(tmp_path / "draft.xlsx")
    out = tmp_path / "out"
    out.mkdir()

    result = _run(clean, draft, "-o", out, "--strict", "-j", "2")

    assert result.exit_code == 1
    assert sorted(path.name for path in out.iterdir()) == ["clean.docx"]
    assert result.stderr.splitlines()[-2:] == [
        "dpia: 1 of 2 workbooks failed:",
        f"  {draft}:Risks!I3: error: {NOT_REASSESSED} (Residual likelihood and Residual "
        "impact are empty); the residual risk is taken to be the inherent risk",
    ]


def test_build_many_strict_is_the_library_form_of_the_option(tmp_path: Path) -> None:
    draft = _with_a_warning(tmp_path / "draft.xlsx")
    out = tmp_path / "out"
    out.mkdir()

    relaxed, = build_many([draft], out)
    strict, = build_many([draft], out, strict=True, force=True)

    assert relaxed.ok and [p.severity for p in relaxed.problems] == ["warning"]
    assert not strict.ok and strict.output is None
    assert [p.severity for p in strict.problems] == ["error"]
