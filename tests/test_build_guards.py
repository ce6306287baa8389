"""What dpia build and dpia diff refuse, and how they say it: error classes, shared options of
a batch, output names, folders, internal errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia import errors
from dpia.cli import cli


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "dpia.xlsx", minimal_sheets())


@pytest.fixture
def damaged_report(workbook: Path, tmp_path: Path) -> Path:
    """A dpia report whose embedded assessment is no longer valid JSON."""
    report = tmp_path / "built.docx"
    assert run("build", workbook, "-o", report).exit_code == 0
    with zipfile.ZipFile(report) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "customXml/dpia-provenance.xml"
    parts[name] = parts[name].replace(b'{"assessment"', b'{"assessment" oops', 1)
    with zipfile.ZipFile(report, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return report


def test_domain_errors_live_in_errors_module():
    # the CLI turns every DpiaError into "dpia: error: ..." and exit 1
    assert issubclass(errors.DamagedProvenance, errors.DpiaError)
    assert issubclass(errors.ToolMissing, errors.DpiaError)


def test_damaged_report_given_to_diff_is_an_error_not_a_bug(damaged_report, workbook):
    result = run("diff", damaged_report, workbook)
    assert result.exit_code == 1
    assert f"dpia: error: {damaged_report}: the embedded provenance is not valid JSON" \
        in result.output
    assert "internal error" not in result.output


def test_damaged_previous_report_stops_the_build(damaged_report, workbook, tmp_path):
    target = tmp_path / "new.docx"
    result = run("build", workbook, "-o", target, "--previous", damaged_report)
    assert result.exit_code == 1
    assert "the embedded provenance is not valid JSON" in result.output
    assert not target.exists()


def test_pdf_without_libreoffice_is_a_tool_missing_error(workbook, monkeypatch):
    monkeypatch.setattr("dpia.pdf.find_soffice", lambda *_: None)
    result = run("build", workbook, "--pdf")
    assert result.exit_code == 1
    assert "dpia: error: --pdf needs LibreOffice" in result.output
    assert not workbook.with_suffix(".docx").exists()


def test_template_is_checked_once_per_build(workbook, tmp_path, monkeypatch):
    from dpia import filetype
    from dpia.report.document import default_reference

    reference = tmp_path / "house-style.docx"
    reference.write_bytes(default_reference())
    checked: list[Path] = []
    real = filetype.check_template
    monkeypatch.setattr(filetype, "check_template",
                        lambda path, **kw: (checked.append(Path(path)), real(path, **kw))[1])
    result = run("build", workbook, "--template", reference)
    assert result.exit_code == 0, result.output
    assert checked == [reference]


def test_bad_template_still_refused_with_no_report(workbook, tmp_path):
    fake = tmp_path / "style.docx"
    fake.write_text("not a document")
    result = run("build", workbook, "--template", fake)
    assert result.exit_code == 1
    assert f"dpia: error: {fake}:" in result.output
    assert not workbook.with_suffix(".docx").exists()


@pytest.mark.parametrize("name, hint", [
    ("report.pdf", "add --pdf and the PDF is written beside it (give -o {dir}/report.docx --pdf)"),
    ("report.txt", "its name must end in .docx (give -o {dir}/report.docx"),
    ("report.xlsx", "its name must end in .docx (give -o {dir}/report.docx"),
    ("report", "its name must end in .docx (give -o {dir}/report.docx"),
])
def test_output_name_not_ending_in_docx_is_refused(workbook, tmp_path, name, hint):
    target = tmp_path / name
    result = run("build", workbook, "-o", target)
    assert result.exit_code == 1
    assert result.output.startswith(f"dpia: error: {target}: ")
    assert hint.format(dir=tmp_path) in result.output
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [workbook]


def test_output_name_in_capitals_is_a_word_report(workbook, tmp_path):
    target = tmp_path / "REPORT.DOCX"
    result = run("build", workbook, "-o", target)
    assert result.exit_code == 0, result.output
    assert zipfile.ZipFile(target).read("word/document.xml")


def _two_workbooks(tmp_path: Path) -> list[Path]:
    return [write_workbook(tmp_path / f"wb{i}.xlsx", minimal_sheets()) for i in range(2)]


def test_a_bug_in_a_batch_exits_70_and_asks_for_a_report(tmp_path, monkeypatch):
    from dpia import build

    first, second = _two_workbooks(tmp_path)
    real = build.load_scored

    def buggy(workbook, **kwargs):
        if Path(workbook) == second:
            raise KeyError("oops")
        return real(workbook, **kwargs)

    monkeypatch.setattr(build, "load_scored", buggy)
    result = run("build", first, second)
    assert result.exit_code == 70
    lines = result.output.splitlines()
    assert f"{first.with_suffix('.docx')}: written" in lines
    assert f"  {second}: internal error (KeyError): 'oops'" in lines
    assert lines[-1].startswith("dpia: 1 internal error(s). This is a bug in dpia")
    assert "Traceback" not in result.output
    assert not second.with_suffix(".docx").exists()

    debug = CliRunner().invoke(cli, ["--debug", "build", str(first), str(second), "--force"])
    assert debug.exit_code == 70
    assert "Traceback (most recent call last)" in debug.output
    assert "KeyError: 'oops'" in debug.output


def test_a_bad_workbook_in_a_batch_still_exits_1(tmp_path):
    first, second = _two_workbooks(tmp_path)
    second.write_text("not a workbook")
    result = run("build", first, second)
    assert result.exit_code == 1
    assert "internal error" not in result.output


@pytest.mark.parametrize("several", ["two workbooks", "a folder"])
def test_previous_with_several_workbooks_is_a_usage_error(tmp_path, several):
    first, second = _two_workbooks(tmp_path)
    earlier = write_workbook(tmp_path / "earlier.xlsx", minimal_sheets())
    inputs = [first, second] if several == "two workbooks" else [tmp_path]
    result = run("build", *inputs, "--previous", earlier)
    assert result.exit_code == 2
    assert "Invalid value for '--previous': it is the earlier version of one workbook" \
        in result.output
    assert not list(tmp_path.glob("*.docx"))


def test_build_many_refuses_one_previous_for_several_workbooks(tmp_path):
    from dpia.batch import build_many

    first, second = _two_workbooks(tmp_path)
    with pytest.raises(errors.DpiaError, match="earlier version of one workbook, not of 2"):
        build_many([first, second], previous=first)
    assert not list(tmp_path.glob("*.docx"))


def test_bad_template_in_a_batch_is_one_error_before_any_work(tmp_path):
    workbooks = [write_workbook(tmp_path / f"wb{i}.xlsx", minimal_sheets()) for i in range(3)]
    fake = tmp_path / "style.docx"
    fake.write_text("not a document")
    result = run("build", *workbooks, "--template", fake, "-j", "2")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"dpia: error: {fake}: ")
    assert not list(tmp_path.glob("wb*.docx"))


def test_pdf_without_libreoffice_in_a_batch_is_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr("dpia.pdf.find_soffice", lambda *_: None)
    first, second = _two_workbooks(tmp_path)
    result = run("build", first, second, "--pdf")
    assert result.exit_code == 1
    assert result.output.count("--pdf needs LibreOffice") == 1
    assert not list(tmp_path.glob("*.docx"))
