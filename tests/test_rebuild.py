"""dpia verify REPORT WORKBOOK --rebuild: the report built again, compared part by part."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from dpia.cli import cli
from tests.test_signing import make_key
from tests.workbooks import minimal_sheets, write_workbook


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path) -> Path:
    return write_workbook(tmp_path / "loyalty.xlsx", minimal_sheets())


def built(workbook: Path, target: Path, *options) -> Path:
    result = run("build", workbook, "-o", target, *options)
    assert result.exit_code == 0, result.output
    return target


def parts_of(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return len(archive.namelist())


def test_a_report_as_built_rebuilds_part_for_part(workbook, tmp_path):
    report = built(workbook, tmp_path / "report.docx")
    result = run("verify", report, workbook, "--rebuild")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"  rebuilt: all {parts_of(report)} parts identical to a new build of {workbook}")


def test_the_rebuild_does_not_depend_on_how_the_zip_was_compressed(workbook, tmp_path):
    """The same parts deflated by another zlib (here: another level, or stored) make another
    .docx file, and still the same report."""
    report = built(workbook, tmp_path / "report.docx")
    for name, method, level in (("stored.docx", zipfile.ZIP_STORED, None),
                                ("level9.docx", zipfile.ZIP_DEFLATED, 9)):
        other = tmp_path / name
        with zipfile.ZipFile(report) as source, \
                zipfile.ZipFile(other, "w", method, compresslevel=level) as target:
            for info in source.infolist():
                target.writestr(info.filename, source.read(info))
        assert other.read_bytes() != report.read_bytes()
        result = run("verify", other, workbook, "--rebuild")
        assert result.exit_code == 0, result.output
        assert "parts identical" in result.output


def test_a_dutch_report_is_rebuilt_in_dutch(workbook, tmp_path):
    report = built(workbook, tmp_path / "rapport.docx", "--lang", "nl")
    result = run("verify", report, workbook, "--rebuild")
    assert result.exit_code == 0, result.output
    # in the report's language, as verify's own lines
    assert f"herbouwd: alle {parts_of(report)} onderdelen gelijk" in result.output


def test_a_signed_report_rebuilds_with_its_signature(workbook, tmp_path):
    private, public = make_key(tmp_path)
    report = built(workbook, tmp_path / "signed.docx", "--sign", private)
    result = run("verify", report, workbook, "--rebuild", "--key", public)
    assert result.exit_code == 0, result.output
    assert f"all {parts_of(report)} parts identical" in result.output


def test_an_edit_verify_allows_is_found_by_the_rebuild(workbook, tmp_path):
    """A sentence of the narrative changed in Word: the tables still verify, the rebuild
    names the part that differs."""
    report = built(workbook, tmp_path / "report.docx")
    document = docx.Document(report)
    paragraph = next(p for p in document.paragraphs if len(p.text) > 40 and p.runs)
    paragraph.runs[0].text = "We decided that no risk remains. "
    document.save(report)
    result = run("verify", report, workbook, "--rebuild")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{report}: rebuild differs: {workbook} built with dpia 0.1.0 (en) does not give " \
        "the same parts" in lines
    differing = next(line for line in lines if line.startswith(f"{report}: parts that differ: "))
    assert "word/document.xml" in differing


def test_a_report_built_with_previous_says_what_a_rebuild_cannot_repeat(workbook, tmp_path):
    report = built(workbook, tmp_path / "report.docx", "--previous", workbook)
    result = run("verify", report, workbook, "--rebuild")
    assert result.exit_code == 1
    assert "a report built with --template or --previous (which a report does not record)" \
        in result.output


def test_rebuild_needs_the_workbook(workbook, tmp_path):
    report = built(workbook, tmp_path / "report.docx")
    result = run("verify", report, "--rebuild")
    assert result.exit_code == 2
    assert "'--rebuild': needs the WORKBOOK to build the report from" in result.output
