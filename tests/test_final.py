"""The final-version gate: ``build --final`` refuses a workbook that is not ready to be the
final version (sign-off, review date, warnings that change a conclusion), naming the cells;
a workbook whose Status says final without being so still builds, with warnings and a title
page that says so; any other status is shown in the page header."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia.cli import cli

SIGNED = [
    ["Item", "Name", "Date", "Notes"],
    ["Measures approved by", "B. Board", dt.date(2026, 5, 26), ""],
    ["Residual risks approved by", "B. Board", dt.date(2026, 5, 26), ""],
    ["DPO advice provided", "D. Officer", dt.date(2026, 5, 20), ""],
    ["DPO advice accepted or overruled by", "B. Board", dt.date(2026, 5, 26), "accepted"],
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def ready_sheets(status: str = "final") -> dict:
    """A workbook that may be final: signed, a review date, no conclusion warning."""
    sheets = minimal_sheets()
    sheets["Assessment"][5][1] = status
    sheets["Assessment"].append(["Review date", dt.date(2027, 5, 25)])
    sheets["Sign-off"] = [list(row) for row in SIGNED]
    return sheets


def header_text(path) -> str:
    return " ".join(p.text for p in docx.Document(path).sections[0].header.paragraphs)


def title_page(path) -> list[str]:
    paragraphs = [p.text for p in docx.Document(path).paragraphs]
    return paragraphs[: paragraphs.index("Document control") if "Document control"
                      in paragraphs else 12]


def test_a_ready_workbook_builds_with_final(tmp_path):
    workbook = write_workbook(tmp_path / "dpia.xlsx", ready_sheets())
    result = run("build", workbook, "--final")
    assert result.exit_code == 0, result.stderr
    report = tmp_path / "dpia.docx"
    assert "Sign-off incomplete" not in "\n".join(title_page(report))
    assert header_text(report) == "Confidential | Customer loyalty programme"


def test_final_refuses_naming_each_cell_and_writes_nothing(tmp_path):
    sheets = ready_sheets()
    sheets["Sign-off"][2][1] = ""  # Residual risks approved by: not signed
    del sheets["Sign-off"][3]  # DPO advice provided: no row at all
    sheets["Assessment"].pop()  # no Review date
    set_cell(sheets, "Risks", "R2", "Residual likelihood", "")
    set_cell(sheets, "Risks", "R2", "Residual impact", "")
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("build", workbook, "--final")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: --final: " in line]
    assert f"{workbook}:Sign-off!B3: error: --final: Residual risks approved by: not signed; " \
           "a final version is signed by each item" in errors
    assert any(line.startswith(f"{workbook}:Sign-off: error: --final: sign-off item "
                               "'DPO advice provided' is missing") for line in errors)
    assert f"{workbook}:Assessment: error: --final: Review date is not set: a final version " \
           "says when it will be reviewed" in errors
    assert any(line.startswith(f"{workbook}:Risks!I3: error: --final: R2: not re-assessed")
               for line in errors)
    assert len(errors) == 4
    assert not (tmp_path / "dpia.docx").exists()


def test_final_status_without_sign_off_still_builds_with_warnings(tmp_path):
    sheets = ready_sheets()
    del sheets["Sign-off"][1]
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("build", workbook)
    assert result.exit_code == 0, result.stderr
    assert (f"{workbook}:Sign-off: warning: Status is final, but sign-off item 'Measures "
            "approved by' is missing") in result.stderr
    page = title_page(tmp_path / "dpia.docx")
    assert "Sign-off incomplete" in page
    assert "Not signed: Measures approved by." in page
    valid = run("validate", workbook)
    assert valid.exit_code == 0 and "valid (1 warning(s))" in valid.stdout


def test_dutch_status_vastgesteld_is_final_too(tmp_path):
    sheets = ready_sheets(status="vastgesteld")
    sheets["Assessment"].append(["Language", "nl"])
    sheets["Assessment"].pop(-2)  # no review date
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("build", workbook)
    assert result.exit_code == 0, result.stderr
    # a Dutch workbook: its problems are in Dutch (dpia.i18n), the status word too
    assert "Status is goedgekeurd, maar Herbeoordelingsdatum is niet ingevuld" in result.stderr
    page = [p.text for p in docx.Document(tmp_path / "dpia.docx").paragraphs][:12]
    assert "Ondertekening onvolledig" in page
    assert "Er is geen herbeoordelingsdatum." in page
    refused = run("build", workbook, "--final", "--force")
    assert refused.exit_code == 1 and "Herbeoordelingsdatum is niet ingevuld" in refused.stderr



@pytest.mark.parametrize(("status", "lang", "shown"), [
    ("draft", "en", "DRAFT"), ("concept", "nl", "CONCEPT"), ("under review", "en", "UNDER REVIEW"),
])
def test_a_status_other_than_final_is_in_the_page_header(tmp_path, status, lang, shown):
    sheets = ready_sheets(status=status)
    sheets["Assessment"].append(["Language", lang])
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("build", workbook)
    assert result.exit_code == 0, result.stderr
    assert header_text(tmp_path / "dpia.docx") == \
        f"{shown} | Confidential | Customer loyalty programme"


def test_a_report_with_sign_off_incomplete_verifies(tmp_path):
    sheets = ready_sheets()
    del sheets["Sign-off"]
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    assert run("build", workbook).exit_code == 0
    verified = run("verify", tmp_path / "dpia.docx", workbook)
    assert verified.exit_code == 0, verified.output
