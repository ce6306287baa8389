"""Reasons behind every rating: optional Risks columns Likelihood rationale, Impact
rationale and Residual rationale (nl: Onderbouwing kans/impact/restrisico), shown in the
report under the register, carried by init, verify and diff; a warning for a rating at a
non-acceptable level without its reason."""

from __future__ import annotations

import docx
import openpyxl
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia.cli import cli

HEADERS = ["Likelihood rationale", "Impact rationale", "Residual rationale"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def with_rationales(r1=("", "", ""), r2=("", "", ""), headers=HEADERS) -> dict:
    sheets = minimal_sheets()
    sheets["Risks"][0] += list(headers)
    sheets["Risks"][1] += list(r1)
    sheets["Risks"][2] += list(r2)
    return sheets


def paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def test_rationales_are_shown_under_the_register_exactly_as_typed(tmp_path):
    sheets = with_rationales(
        r1=("Two breaches at peers {{ x }}", "Reveals <b>health</b> & habits",
            "2FA stops credential stuffing"),
        r2=("Marketing asked for it", "Surprise, not harm", ""))
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("build", workbook)
    assert result.exit_code == 0, result.stderr
    text = paragraphs(tmp_path / "dpia.docx")
    start = text.index("Reasons for the ratings")
    assert text[start + 1: start + 8] == [
        "R1: Account takeover exposes purchase history",
        "Likelihood rationale (Possible): Two breaches at peers {{ x }}",
        "Impact rationale (Severe): Reveals <b>health</b> & habits",
        "Residual rationale (Low): 2FA stops credential stuffing",
        "R2: Profiling beyond expectations",
        "Likelihood rationale (Probable): Marketing asked for it",
        "Impact rationale (Significant): Surprise, not harm",
    ]
    verified = run("verify", tmp_path / "dpia.docx", workbook)
    assert verified.exit_code == 0, verified.output


def test_dutch_headers_and_report_words(tmp_path):
    sheets = with_rationales(r1=("Eerdere incidenten", "", ""),
                             headers=["Onderbouwing kans", "Onderbouwing impact",
                                      "Onderbouwing restrisico"])
    sheets["Assessment"].append(["Language", "nl"])
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("build", workbook)
    assert result.exit_code == 0, result.stderr
    text = paragraphs(tmp_path / "dpia.docx")
    start = text.index("Onderbouwing van de beoordelingen")
    assert text[start + 2] == "Onderbouwing kans (Midden): Eerdere incidenten"


def test_a_non_acceptable_rating_without_reason_is_a_warning_naming_the_cell(tmp_path):
    # R1 and R2 are High before measures (not acceptable on the ico matrix), Low and
    # Medium after (acceptable)
    sheets = with_rationales(r1=("why", "why", ""), r2=("why", "", ""))
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("validate", workbook)
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines() == [
        f"{workbook}:Risks!N3: warning: R2: Impact rationale is empty, but the rating is at "
        "the level 'High', which is not acceptable: say why (Model DPIA point 16)"]


def test_a_residual_rating_not_acceptable_needs_its_reason(tmp_path):
    sheets = with_rationales(r1=("why", "why", ""), r2=("why", "why", ""))
    sheets["Risks"][1][8] = "Possible"  # R1 residual: Possible x Severe = High
    workbook = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("validate", workbook)
    assert f"{workbook}:Risks!O2: warning: R1: Residual rationale is empty, but the rating " \
           "is at the level 'High'" in result.stderr


def test_a_workbook_without_the_columns_is_not_asked(tmp_path):
    workbook = write_workbook(tmp_path / "dpia.xlsx", minimal_sheets())
    result = run("validate", workbook)
    assert result.exit_code == 0 and "rationale" not in result.stderr
    assert result.stdout.strip() == f"{workbook}: valid (0 warning(s))"


def test_init_writes_the_columns_with_help(tmp_path):
    for lang, names in (("en", HEADERS), ("nl", ["Onderbouwing kans", "Onderbouwing impact",
                                                 "Onderbouwing restrisico"])):
        path = tmp_path / f"{lang}.xlsx"
        assert run("init", path, "--lang", lang).exit_code == 0
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Risks" if lang == "en" else "Risico's"]
        header_row = next(row for row in sheet.iter_rows(values_only=True)
                          if row and row[0] in ("ID", "ID *"))
        found = [str(cell).rstrip(" *") for cell in header_row if cell]
        assert found[-3:] == names


def test_diff_lists_a_changed_rationale(tmp_path):
    old = write_workbook(tmp_path / "old.xlsx", with_rationales(r1=("before", "", "")))
    new = write_workbook(tmp_path / "new.xlsx", with_rationales(r1=("after", "", "")))
    result = run("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"likelihood_rationale"' in result.stdout
    assert '"before"' in result.stdout and '"after"' in result.stdout
