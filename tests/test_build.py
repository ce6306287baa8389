"""``dpia build`` and ``build_one``: workbooks in, reports out, as a user runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia.build import build_one
from dpia.cli import cli
from dpia.errors import OutputError


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "loyalty.xlsx", minimal_sheets())


def headings(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]


def test_build_writes_the_report_next_to_the_workbook(workbook):
    result = run("build", workbook)
    assert result.exit_code == 0, result.output
    report = workbook.with_suffix(".docx")
    assert result.stdout.strip() == f"{report}: written"
    assert "1 Summary" in headings(report)
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    assert "Account takeover exposes purchase history" in text


def test_build_refuses_to_overwrite_without_force(workbook):
    report = workbook.with_suffix(".docx")
    report.write_bytes(b"the DPO's edited copy")
    result = run("build", workbook)
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert report.read_bytes() == b"the DPO's edited copy"
    assert run("build", workbook, "--force").exit_code == 0
    assert report.read_bytes().startswith(b"PK")


def test_build_never_writes_over_its_workbook(workbook):
    before = workbook.read_bytes()
    result = run("build", workbook, "-o", workbook, "--force")
    assert result.exit_code == 1
    assert "over its input" in result.stderr
    assert workbook.read_bytes() == before


def test_output_file_and_language_option(workbook, tmp_path):
    target = tmp_path / "out" / "dpia-nl.docx"
    target.parent.mkdir()
    result = run("build", workbook, "-o", target, "--lang", "nl")
    assert result.exit_code == 0, result.output
    found = headings(target)
    assert "1 Samenvatting" in found and "6 Risicobeoordeling" in found


def test_dutch_workbook_gives_a_dutch_report(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Language", "nl"])
    path = write_workbook(tmp_path / "nl.xlsx", sheets)
    assert run("build", path).exit_code == 0
    assert "2 Noodzaak van een DPIA" in headings(path.with_suffix(".docx"))


def test_several_workbooks_into_a_folder(tmp_path):
    first = write_workbook(tmp_path / "a.xlsx", minimal_sheets())
    second = write_workbook(tmp_path / "b.xlsx", minimal_sheets())
    (tmp_path / "reports").mkdir()  # dpia does not create folders
    result = run("build", first, second, "-o", tmp_path / "reports")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["a.docx", "b.docx"]


def test_invalid_workbook_names_the_cell_and_writes_nothing(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Sometimes")
    path = write_workbook(tmp_path / "bad.xlsx", sheets)
    result = run("build", path)
    assert result.exit_code == 1
    assert "Risks!F2" in result.stderr
    assert "Traceback" not in result.output
    assert not path.with_suffix(".docx").exists()


def test_builds_are_byte_identical_wherever_written(workbook, tmp_path):
    first, second = tmp_path / "one.docx", tmp_path / "elsewhere" / "two.docx"
    second.parent.mkdir()
    assert run("build", workbook, "-o", first).exit_code == 0
    assert run("build", workbook, "-o", second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_built_report_passes_verify(workbook, lang):
    assert run("build", workbook, "--lang", lang).exit_code == 0
    result = run("verify", workbook.with_suffix(".docx"), workbook)
    assert result.exit_code == 0, result.output


def test_template_that_is_not_a_docx_is_a_clear_error(workbook, tmp_path):
    fake = tmp_path / "house.docx"
    fake.write_text("hello")
    result = run("build", workbook, "--template", fake)
    assert result.exit_code == 1
    assert "house.docx" in result.stderr
    assert not workbook.with_suffix(".docx").exists()


def test_pdf_without_libreoffice_says_how_to_install_and_writes_nothing(workbook, monkeypatch):
    monkeypatch.setattr("dpia.pdf.find_soffice", lambda *_: None)
    result = run("build", workbook, "--pdf")
    assert result.exit_code == 1
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert not workbook.with_suffix(".docx").exists()


def test_pdf_with_output_named_pdf_is_refused(workbook, tmp_path):
    result = run("build", workbook, "--pdf", "-o", tmp_path / "report.pdf")
    assert result.exit_code == 1
    assert "the PDF is written beside it" in result.stderr
    assert not (tmp_path / "report.pdf").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_is_written_beside_the_report(workbook):
    result = run("build", workbook, "--pdf")
    assert result.exit_code == 0, result.output
    pdf = workbook.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_build_one_returns_the_path_and_reports_warnings(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", "")
    set_cell(sheets, "Risks", "R2", "Residual impact", "")
    path = write_workbook(tmp_path / "w.xlsx", sheets)
    seen = []
    written = build_one(path, None, on_warnings=seen.extend)
    assert written == path.with_suffix(".docx")
    assert any("R2" in str(problem) for problem in seen)
    with pytest.raises(OutputError):
        build_one(path, None)
