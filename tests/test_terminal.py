"""What the terminal shows: plain messages for damaged files, one line per workbook value,
several workbooks to validate at once, and the words of --lang or the workbook's Language."""

from __future__ import annotations

import re

from click.testing import CliRunner
from workbooks import edit_part, minimal_sheets, sheet_part, write_workbook

from dpia.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# --- a damaged workbook: what to do, not what the parser said ------------------------------

# Python exception class names, as "(IndexError: ...)" or "OSError:" would show them
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


def damaged_workbook(tmp_path):
    path = write_workbook(tmp_path / "damaged.xlsx", minimal_sheets())
    # a cut-off row in the Risks sheet: the zip is fine, the sheet's XML is not
    edit_part(path, sheet_part(3), lambda xml: xml.replace("</sheetData>", "<row><c r=", 1))
    return path


def test_damaged_workbook_says_what_to_do_without_python_exception_names(tmp_path):
    path = damaged_workbook(tmp_path)
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"dpia: error: {path}: cannot read the workbook, it is damaged or incomplete; open it "
        "in Excel or LibreOffice and save it again as .xlsx"]
    assert not EXCEPTION_NAME.search(result.stderr)


def test_damaged_workbook_parser_detail_only_with_debug(tmp_path):
    path = damaged_workbook(tmp_path)
    result = run("--debug", "build", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"dpia: error: {path}: cannot read the workbook")
    assert len(lines) == 2 and lines[1].startswith("dpia: debug: ")
    assert EXCEPTION_NAME.search(lines[1])
    assert not (tmp_path / "damaged.docx").exists()
