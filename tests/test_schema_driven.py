"""The schema drives the reader, the report's tables and diff: a Risks column added to
``dpia.schema`` and ``dpia.model`` only (and its names and help to each language's
workbook.toml; the report heads it with its name) is read by its
kind, shown in the risk register and compared by ``dpia diff``, with no other code changed.

The new column is added in a fresh process, before any other dpia module is imported, as
editing schema.py and model.py would add it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from workbooks import minimal_sheets, write_workbook

from dpia import schema
from dpia.reader.rows import _cell_reader

ADD_A_COLUMN = """
import dataclasses, datetime as dt, json, sys
from dpia import languages, model, schema

# its names, as templates/<lang>/workbook.toml would give them
languages.data("en", "workbook.toml")["columns"]["risks"]["review_by"] = {
    "names": ["Review by"], "help": "When the risk is looked at again."}
languages.data("nl", "workbook.toml")["columns"]["risks"]["review_by"] = {
    "names": ["Herzien voor"], "help": "Wanneer het risico opnieuw wordt bekeken."}
column = schema.Column("review_by", schema.NO, schema.DATE, report=1.1)
schema.RISKS = dataclasses.replace(schema.RISKS, columns=(*schema.RISKS.columns, column))
schema.SHEETS = tuple(schema.RISKS if sheet.key == "risks" else sheet for sheet in schema.SHEETS)


@dataclasses.dataclass(frozen=True)
class Risk(model.Risk):
    review_by: dt.date | None = None


model.Risk = Risk

from docx import Document
from dpia import diff, verify
from dpia.build import build_one
from dpia.loading import load_scored
from dpia.reader import read_workbook

old, new, wrong, report, blank = sys.argv[1:]
assessment, _ = read_workbook(new)
_, problems = read_workbook(wrong, name="wrong.xlsx")
register = next(table for table in Document(build_one(new, report, force=True)).tables
                if table.rows[0].cells[0].text == "ID" and "Review by" in
                [cell.text for cell in table.rows[0].cells])
changes = diff.compare(load_scored(old)[0], load_scored(new)[0])
from dpia.workbook_template import write_template
import openpyxl
write_template(blank, lang="nl")
risks = openpyxl.load_workbook(blank)[schema.RISKS.name("nl")]
header = risks.cell(1, risks.max_column)
print(json.dumps({
    "read": [str(risk.review_by) for risk in assessment.risks],
    "problems": [str(problem) for problem in problems],
    "register_header": [cell.text for cell in register.rows[0].cells],
    "register_row": [cell.text for cell in register.rows[1].cells],
    "changed": [(item.id, [f.field for f in item.fields]) for item in changes.risks],
    "verified": verify.verify(report).ok,
    "init_header": [header.value, header.comment.text if header.comment else None],
}))
"""


def _with_review_by(tmp_path: Path, name: str, dates: list) -> Path:
    sheets = minimal_sheets()
    sheets["Risks"][0].append("Review by")
    for row, date in zip(sheets["Risks"][1:], dates, strict=True):
        row.append(date)
    return write_workbook(tmp_path / name, sheets)


def test_every_kind_of_column_has_a_reader():
    # text cells are read by Reader.text itself; every other kind by a reader of its own
    reader = SimpleNamespace(items=None, date=None, yesno=None, level=None, text=None)
    table = SimpleNamespace(header=lambda key: key)
    for sheet in schema.SHEETS:
        for column in sheet.columns:
            if column.kind != schema.TEXT:
                assert callable(_cell_reader(reader, table, column, None)), column.key
    with pytest.raises(ValueError, match="no reader for cells of kind 'colour'"):
        _cell_reader(reader, table, schema.Column("tint", kind="colour"), None)


def test_a_new_risks_column_is_read_shown_and_compared(tmp_path):
    import datetime as dt

    old = _with_review_by(tmp_path, "old.xlsx", [dt.date(2027, 1, 31), ""])
    new = _with_review_by(tmp_path, "new.xlsx", [dt.date(2027, 3, 1), ""])
    wrong = _with_review_by(tmp_path, "wrong.xlsx", ["", "31 February 2027"])
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(ADD_A_COLUMN), str(old), str(new), str(wrong),
         str(tmp_path / "new.docx"), str(tmp_path / "blank.xlsx")],
        capture_output=True, text=True, cwd=Path(__file__).parent, check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    # read as a date; a wrong one is an error at its cell, with the column's name
    assert out["read"] == ["2027-03-01", "None"]
    problems = [p for p in out["problems"] if "Review by" in p]
    assert len(problems) == 1
    assert problems[0].startswith("wrong.xlsx:Risks!M3: error: R2: Review by: ")
    # in the register, after the workbook's columns shown there, before score and level
    assert out["register_header"][-3:] == ["Review by", "Score", "Level"]
    assert out["register_row"][-3] == "1 March 2027"
    # compared by diff like every other Risks column
    assert ["R1", ["review_by"]] in out["changed"]
    # and the report, rendered again from its record, is what was built
    assert out["verified"]
    # dpia init writes it last, with its name and its help in the workbook's language
    name, note = out["init_header"]
    assert name == "Herzien voor"
    assert "Wanneer het risico opnieuw wordt bekeken." in note
