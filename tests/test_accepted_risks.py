"""A risk accepted as it is (treatment accept, no measures) is a decision, not a gap: no
"not re-assessed" warning, no "not provided" measures, shown as accepted (by whom and when,
when the sign-off says) -- and its level counts for prior consultation exactly as before."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from dpia import schema
from dpia.cli import cli
from tests.workbooks import minimal_sheets, set_cell, write_workbook

NOT_REASSESSED = "not re-assessed after the measures"


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _sheets(treatment: str = "accept", measures: str = "", residual=(None, None),
            sign_off: list | None = None) -> dict:
    """The minimal workbook with a third risk R3, rated Probable x Severe (High on the ICO
    matrix, not acceptable), with the given treatment, measures and residual rating."""
    sheets = minimal_sheets()
    sheets["Risks"].append([
        "R3", "P1", "Staff browse customer accounts", "Staff", "Embarrassment", "Probable",
        "Severe", measures, residual[0], residual[1], treatment, "Board",
    ])
    if sign_off is not None:
        sheets["Sign-off"] = [["Item", "Name", "Date", "Notes"], *sign_off]
    return sheets


def _write(tmp_path: Path, name: str = "wb.xlsx", **changes) -> Path:
    return write_workbook(tmp_path / name, _sheets(**changes))


def _build(workbook: Path, *options: str) -> docx.document.Document:
    report = workbook.with_suffix(".docx")
    result = run("build", workbook, "-o", report, *options)
    assert result.exit_code == 0, result.output
    return docx.Document(str(report))


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _rows(document, header: str) -> dict[str, list[str]]:
    """The rows, by their ID, of the first table with a column ``header``."""
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and header in rows[0]:
            return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    raise AssertionError(f"no table with a column {header!r}")


# --- validate --------------------------------------------------------------------------------


def test_a_risk_accepted_without_measures_is_not_reported_as_not_reassessed(tmp_path):
    workbook = _write(tmp_path)

    result = run("validate", workbook)

    assert result.exit_code == 0
    assert result.stdout == f"{workbook}: valid (0 warning(s))\n"
    assert result.stderr == ""


@pytest.mark.parametrize("treatment, measures", [
    ("reduce", ""),  # reducing with no measures: a gap
    ("", ""),  # no treatment chosen
    ("accept", "M1"),  # accepted what is left after a measure: re-assess after it
])
def test_other_risks_without_a_residual_rating_are_still_not_reassessed(
    tmp_path, treatment, measures,
):
    workbook = _write(tmp_path, treatment=treatment, measures=measures)

    result = run("validate", workbook)

    assert result.exit_code == 0
    assert f"{workbook}:Risks!I4: warning: R3: {NOT_REASSESSED}" in result.stderr


@pytest.mark.parametrize("word", schema.VALUE_WORDS["treatment"]["accept"])
def test_every_word_for_accept_is_accepting_too(tmp_path, word):
    workbook = _write(tmp_path, treatment=f" {word.upper()} ")

    assert run("validate", workbook).stderr == ""


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_a_workbook_saved_by_libreoffice_shows_the_accepted_risk(tmp_path):
    workbook = _write(tmp_path, "made.xlsx", treatment="Accepteren", sign_off=[
        ["Residual risks approved by", "Jane Doe", dt.date(2026, 5, 26), ""],
    ])
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(workbook)],
        capture_output=True, timeout=300, check=False,
    )
    saved = out / "made.xlsx"
    if not saved.exists():
        pytest.skip("this LibreOffice has no Calc")

    assert run("validate", saved).stderr == ""
    paragraphs = _paragraphs(_build(saved))
    assert any(p.startswith("Accepted as it is, without measures: R3.") for p in paragraphs)
    assert ("Accepted by Jane Doe on 26 May 2026, who approved the residual risks (see "
            "section 9 Sign-off and outcomes).") in paragraphs


def test_an_accepted_risk_rated_lower_without_any_measure_is_a_warning_naming_the_cell(
    tmp_path,
):
    workbook = _write(tmp_path, residual=("Remote", "Severe"))

    result = run("validate", workbook)

    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{workbook}:Risks!I4: warning: R3: accepted without measures (Treatment accept, "
        "Measures empty), yet Residual likelihood is lower than before the measures; list "
        "the measures that lower the risk, or give the inherent rating",
    ]
    strict = run("validate", "--strict", workbook)
    assert strict.exit_code == 1


def test_an_accepted_risk_rated_as_before_is_fine(tmp_path):
    workbook = _write(tmp_path, residual=("Probable", "Severe"))

    assert run("validate", workbook).stderr == ""


# --- the conclusion does not move -------------------------------------------------------------


def test_accepting_a_high_risk_still_requires_prior_consultation(tmp_path):
    accepted = _write(tmp_path, "accepted.xlsx")
    untreated = _write(tmp_path, "untreated.xlsx", treatment="")

    scores = {}
    for workbook in (accepted, untreated):
        result = run("score", workbook, "--format", "json")
        assert result.exit_code == 0
        scores[workbook.stem] = json.loads(result.stdout)

    r3 = next(r for r in scores["accepted"]["risks"] if r["id"] == "R3")
    assert (r3["residual_likelihood"], r3["residual_impact"], r3["residual_level"]) == \
        ("Probable", "Severe", "High")
    assert scores["accepted"]["summary"] == scores["untreated"]["summary"]
    assert scores["accepted"]["summary"]["prior_consultation"] is True


# --- the report -------------------------------------------------------------------------------


def test_report_shows_the_risk_as_accepted_not_as_missing_measures(tmp_path):
    document = _build(_write(tmp_path))
    paragraphs = _paragraphs(document)

    residual = _rows(document, "Residual level")  # inherent against residual
    assert residual["R3"]["Measures"] == "none: accepted as it is"
    assert (residual["R3"]["Inherent level"], residual["R3"]["Residual level"]) == \
        ("High", "High")
    assert residual["R2"]["Measures"] == "M2"
    treatment = _rows(document, "Treatment")
    assert (treatment["R3"]["Treatment"], treatment["R3"]["Owner"]) == ("accept", "Board")
    assert not any(p.startswith("Not re-assessed") for p in paragraphs)
    assert ("Accepted as it is, without measures: R3. The treatment of this risk is to "
            "accept it: a decision of the controller, not a gap in the assessment. Where the "
            "workbook gives no residual likelihood or impact, the residual risk is the "
            "inherent risk.") in paragraphs
    assert ("Accepting a risk does not lower it: R3 stays at a level that is not acceptable, "
            "so the supervisory authority must be consulted before the processing starts "
            "(prior consultation, Article 36 GDPR).") in paragraphs


def _annex_d(document) -> str:
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            if cells[0].startswith("Art. 35(7)(d)"):
                return cells[2]
    raise AssertionError("no Art. 35(7)(d) row in Annex A")


def test_annex_a_does_not_call_the_accepted_risks_measures_not_provided(tmp_path):
    accepted = _build(_write(tmp_path, "accepted.xlsx"))
    reduced = _build(_write(tmp_path, "reduced.xlsx", treatment="reduce"))

    assert _annex_d(accepted) == "covered; accepted without measures: R3 (8 Residual risk)"
    assert _annex_d(reduced) == "Not provided in the workbook: Measures (R3)"


def test_report_says_who_accepted_and_when_from_the_sign_off(tmp_path):
    workbook = _write(tmp_path, sign_off=[
        ["Measures approved by", "Sam Smith", dt.date(2026, 5, 20), ""],
        ["Residual risks approved by", "Jane Doe", dt.date(2026, 5, 26), ""],
    ])

    paragraphs = _paragraphs(_build(workbook))

    assert ("Accepted by Jane Doe on 26 May 2026, who approved the residual risks (see "
            "section 9 Sign-off and outcomes).") in paragraphs


def test_report_says_when_the_sign_off_names_no_one(tmp_path):
    paragraphs = _paragraphs(_build(_write(tmp_path)))

    assert ("The sign-off does not name who approved the residual risks (see section 9 "
            "Sign-off and outcomes).") in paragraphs


def test_dutch_report_with_a_dutch_sign_off_item(tmp_path):
    workbook = _write(tmp_path, treatment="accepteren", sign_off=[
        ["Restrisico's goedgekeurd door", "Jan de Vries", None, ""],
    ])

    document = _build(workbook, "--lang", "nl")
    paragraphs = _paragraphs(document)

    assert any(p.startswith("Geaccepteerd zoals het is, zonder maatregelen: R3.")
               for p in paragraphs)
    assert ("Geaccepteerd door Jan de Vries, die de restrisico's heeft goedgekeurd (zie "
            "hoofdstuk 9 Ondertekening en uitkomsten).") in paragraphs
    assert any(p.startswith("Accepteren verlaagt een risico niet: R3 blijft")
               for p in paragraphs)
    assert _rows(document, "Maatregelen")["R3"]["Maatregelen"] == \
        "geen: geaccepteerd zoals het is"


def test_an_accepted_risk_at_an_acceptable_level_gets_no_art36_sentence(tmp_path):
    sheets = _sheets()
    set_cell(sheets, "Risks", "R3", "Likelihood", "Remote")
    workbook = write_workbook(tmp_path / "low.xlsx", sheets)

    paragraphs = _paragraphs(_build(workbook))

    assert any(p.startswith("Accepted as it is, without measures: R3.") for p in paragraphs)
    assert not any(p.startswith("Accepting a risk does not lower it") for p in paragraphs)


def test_report_with_an_accepted_risk_verifies(tmp_path):
    workbook = _write(tmp_path)
    _build(workbook)

    result = run("verify", tmp_path / "wb.docx", workbook)

    assert result.exit_code == 0, result.output
