"""Files from other people given where dpia expects something else, or carrying more than they
should: a Word document as a workbook, a zip bomb as a report, a reference document that links
to a server."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia.cli import cli


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "dpia.xlsx", minimal_sheets())


@pytest.mark.parametrize("name", ["letter.docx", "letter.xlsx"])
@pytest.mark.parametrize("command", ["validate", "score", "screen", "build"])
def test_a_word_document_given_as_workbook_is_named_as_such(tmp_path, name, command):
    letter = tmp_path / name
    document = docx.Document()  # a real one: package relationships to word/document.xml
    document.add_paragraph("Dear DPO,")
    document.save(letter)
    # (built next to itself, letter.docx would first be refused as the report's own input)
    extra = ["-o", tmp_path / "report.docx"] if command == "build" else []
    result = run(command, letter, *extra)
    assert result.exit_code == 1
    assert result.output == (f"dpia: error: {letter}: this is a Word document (.docx), not an "
                             "Excel workbook; give the .xlsx file\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
