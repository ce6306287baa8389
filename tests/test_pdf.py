"""`dpia build --pdf`: LibreOffice found where it is installed, contents with page numbers,
a tagged PDF, and the same PDF for the same report."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia import pdf
from dpia.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                       reason="LibreOffice not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path):
    return write_workbook(tmp_path / "dpia.xlsx", minimal_sheets())


def _fake_program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def test_soffice_given_explicitly_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    program = _fake_program(tmp_path / "lo" / "soffice")
    assert pdf.find_soffice(program) == str(program)


def test_soffice_from_the_environment_is_used(tmp_path, monkeypatch):
    program = _fake_program(tmp_path / "lo" / "soffice")
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(program))
    assert pdf.find_soffice() == str(program)


def test_soffice_found_in_the_install_folder_when_not_on_path(tmp_path, monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    program = _fake_program(tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pdf.find_soffice() == str(program)


def test_a_given_soffice_that_is_not_there_is_named(workbook, tmp_path, monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    missing = tmp_path / "nowhere" / "soffice"
    result = run("build", workbook, "--pdf", "--soffice", missing)
    assert result.exit_code == 1
    assert f"{missing}: no LibreOffice program there" in result.output
    assert not workbook.with_suffix(".docx").exists()


def _pdf_text(path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    return text.split("\f")


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.decode().splitlines() if ":" in line)


@needs_libreoffice
@needs_poppler
def test_pdf_contents_have_the_page_numbers_of_the_headings(tmp_path):
    report = tmp_path / "report.docx"
    shutil.copyfile(SAMPLES / "retail-loyalty.docx", report)
    target = tmp_path / "report.pdf"
    target.write_bytes(pdf.to_pdf(report))
    pages = _pdf_text(target)
    contents = next(i for i, page in enumerate(pages) if re.search(r"^\s*Contents\s*$", page, re.M))
    entries = re.findall(r"^\s*(\d+ [A-Z][^.\n]*?)\s*\.{3,}\s*(\d+)\s*$",
                         pages[contents] + pages[contents + 1], re.M)
    assert len(entries) >= 5, pages[contents]
    for heading, page in entries:
        # the numbered heading stands on the page its contents line names
        assert re.search(rf"^\s*{re.escape(heading)}\s*$", pages[int(page) - 1], re.M), heading
    info = _pdfinfo(target)
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip()


@needs_libreoffice
def test_the_same_report_gives_the_same_pdf(workbook):
    assert run("build", workbook, "--pdf").exit_code == 0
    first = workbook.with_suffix(".pdf").read_bytes()
    result = run("build", workbook, "--pdf", "--force")
    assert result.exit_code == 0, result.output
    assert workbook.with_suffix(".pdf").read_bytes() == first


@needs_libreoffice
def test_without_libreoffices_python_the_pdf_is_made_and_the_gap_said(workbook, monkeypatch):
    monkeypatch.setattr(pdf, "office_python", lambda soffice: None)
    result = run("build", workbook, "--pdf")
    assert result.exit_code == 0, result.output
    assert workbook.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "note: LibreOffice's Python (uno) was not found" in result.output


def test_reproducible_fixes_time_and_identifier_without_moving_offsets():
    exported = (b"%PDF-1.6\n<</CreationDate(D:20261205081453Z')>>\n"
                b"<xmp:CreateDate>2026-12-05T08:14:53Z</xmp:CreateDate>\n"
                b"trailer\n<</ID [ <F5E88227ECE8E804650F7D8379F7CA2B>\n"
                b"<F5E88227ECE8E804650F7D8379F7CA2B> ]\n"
                b"/DocChecksum /31AD56DFB9E4985473952CB1603D4549\n>>")
    later = re.sub(rb"081453", b"093012", exported).replace(b"F5E8", b"0A1B")
    fixed = pdf.reproducible(exported, b"not a zip")
    assert fixed == pdf.reproducible(later, b"not a zip")
    assert len(fixed) == len(exported)
    assert b"D:19800101000000Z'" in fixed and b"1980-01-01T00:00:00Z" in fixed
    assert b"F5E88227" not in fixed


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_libreoffice_failing_is_an_error_and_keeps_the_report(workbook, tmp_path, monkeypatch):
    broken = tmp_path / "lo" / "soffice"
    broken.parent.mkdir()
    broken.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(pdf, "office_python", lambda soffice: None)
    result = run("build", workbook, "--pdf", "--soffice", broken)
    assert result.exit_code == 1
    assert "LibreOffice could not convert the report to PDF (Error: source file could not be " \
           "loaded); the .docx was written" in result.output
    assert not workbook.with_suffix(".pdf").exists()


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI promises LibreOffice")
def test_ci_runs_the_pdf_tests_instead_of_skipping_them():
    # .ci/run installs LibreOffice, its Python bridge and poppler: the tests above must run
    assert shutil.which("soffice") and shutil.which("pdftotext")
    assert pdf.office_python(pdf.find_soffice()) is not None


@needs_libreoffice
def test_a_dutch_report_gives_a_dutch_pdf(tmp_path):
    report = tmp_path / "rapport.docx"
    result = run("build", SAMPLES / "gemeente-jeugdhulp.xlsx", "-o", report, "--pdf")
    assert result.exit_code == 0, result.output
    assert b"/Lang(nl-NL)" in report.with_suffix(".pdf").read_bytes()


@needs_libreoffice
@needs_poppler
@pytest.mark.parametrize("sample", ["retail-loyalty", "gemeente-jeugdhulp",
                                    "clinic-telemonitoring"])
def test_sample_pdfs_have_no_blank_page_and_contents_on_one_page(sample, tmp_path):
    report = tmp_path / f"{sample}.docx"
    result = run("build", SAMPLES / f"{sample}.xlsx", "-o", report, "--pdf")
    assert result.exit_code == 0, result.output
    pages = [page for page in _pdf_text(report.with_suffix(".pdf")) if page.strip()]
    for number, page in enumerate(pages, start=1):
        # every page has more than its running header and footer
        body = [line for line in page.splitlines()[1:-1] if line.strip()]
        assert len(body) > 1, f"page {number} is blank"
    with_contents = [number for number, page in enumerate(pages, start=1)
                     if re.search(r"\.{5,}\s*\d+\s*$", page, re.M)]
    assert len(with_contents) == 1, with_contents
