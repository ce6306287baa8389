"""What the terminal shows: plain messages for damaged files, one line per workbook value,
several workbooks to validate at once, and the words of --lang or the workbook's Language."""

from __future__ import annotations

import json
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


# --- validate several workbooks ------------------------------------------------------------


def three_workbooks(tmp_path):
    good = write_workbook(tmp_path / "good.xlsx", minimal_sheets())
    sheets = minimal_sheets()
    sheets["Risks"][1][6] = "Huge"  # R1's Impact: not a level of the matrix
    bad = write_workbook(tmp_path / "bad.xlsx", sheets)
    return good, bad, damaged_workbook(tmp_path)


def test_validate_several_workbooks_one_summary_line_each_and_exit_1(tmp_path):
    good, bad, damaged = three_workbooks(tmp_path)
    result = run("validate", good, bad, damaged)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{good}: valid (0 warning(s))",
        f"{bad}: 1 error(s), 0 warning(s)",
        f"{damaged}: 1 error(s), 0 warning(s)",
    ]
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"{bad}:Risks!G2: error: ")
    assert errors[1] == (f"{damaged}: error: cannot read the workbook, it is damaged or "
                         "incomplete; open it in Excel or LibreOffice and save it again as .xlsx")


def test_validate_several_valid_workbooks_exits_0(tmp_path):
    one = write_workbook(tmp_path / "one.xlsx", minimal_sheets())
    two = write_workbook(tmp_path / "two.xlsx", minimal_sheets())
    result = run("validate", one, two)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"{one}: valid (0 warning(s))",
                                          f"{two}: valid (0 warning(s))"]


def test_validate_json_is_a_list_for_several_and_one_object_for_one(tmp_path):
    good, bad, damaged = three_workbooks(tmp_path)
    result = run("validate", "--format", "json", good, bad, damaged)
    assert result.exit_code == 1
    documents = json.loads(result.stdout)
    assert [(d["file"], d["valid"], d["errors"]) for d in documents] == [
        (str(good), True, 0), (str(bad), False, 1), (str(damaged), False, 1)]
    assert documents[2]["problems"][0]["sheet"] is None
    result = run("validate", "--format", "json", good)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"file": str(good), "valid": True, "errors": 0,
                                         "warnings": 0, "problems": []}


def test_validate_without_a_workbook_is_a_usage_error():
    result = run("validate")
    assert result.exit_code == 2
    assert "Missing argument 'WORKBOOK...'" in result.stderr


# --- workbook text cannot add lines to the terminal ----------------------------------------

# what a cell would need to hold to fake a line of dpia's output (openpyxl writes no
# escape characters; the reader removes those a workbook from elsewhere holds)
FAKE = "real text\nDPIA required: no"


def with_screening(sheets, justification):
    sheets["Screening"] = [
        ["Criterion", "Applies", "Justification"],
        ["Evaluation or scoring", "yes", justification],
        ["Systematic monitoring", "yes", ""],
    ]
    return sheets


def test_screen_keeps_a_multi_line_justification_on_its_line(tmp_path):
    path = write_workbook(tmp_path / "wb.xlsx", with_screening(minimal_sheets(), FAKE))
    result = run("screen", path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "DPIA required: yes"
    assert "  - Evaluation or scoring: real text DPIA required: no" in lines
    assert "DPIA required: no" not in lines


def test_diff_keeps_titles_labels_and_values_on_their_lines(tmp_path):
    old = write_workbook(tmp_path / "old.xlsx", minimal_sheets())
    sheets = minimal_sheets()
    sheets["Assessment"][1][1] = "Loyalty\nNo changes."
    sheets["Risks"][1][2] = "Takeover\n  + R9 (added)"
    sheets["Risks"].append(["R3", "P1", "New\n  - R1 (removed)", "", "", "Remote", "Minimal",
                            "M1"])
    new = write_workbook(tmp_path / "new.xlsx", sheets)
    result = run("diff", old, new)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "No changes." not in lines
    assert "  + R9 (added)" not in lines and "  - R1 (removed)" not in lines
    assert "  + R3 New   - R1 (removed) (added)" in lines
    assert "      Risk: Account takeover exposes purchase history -> Takeover ¶   + R9 (added)" \
        in lines


def test_verify_keeps_the_title_on_its_line(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"][1][1] = "Loyalty\r\nverified: another report\u2028x"
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    assert run("build", path).exit_code == 0
    result = run("verify", tmp_path / "wb.docx")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "verified: Loyalty verified: another report x, version 1.0"
    assert not any(line.startswith("verified: another") for line in lines)


def test_score_table_keeps_each_risk_on_one_line(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][1][0] = "R1\nR9"
    sheets["Risks"][1][7] = "M1, M2"
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("score", path)
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()[2:4]
    assert [row.split("  ")[0] for row in rows] == ["R1 R9", "R2"]


# --- the language of --lang or of the workbook ---------------------------------------------

ENGLISH_WORDS = ("Likelihood", "Inherent", "Residual", "Prior consultation", "required",
                 "Levels", "acceptable", "Reason", "Changes from", "(changed)", "(empty)")


def dutch_sheets():
    sheets = with_screening(minimal_sheets(), "Klanten krijgen een score")
    sheets["Assessment"].append(["Language", "nl"])
    return sheets


def assert_no_english(text):
    found = [word for word in ENGLISH_WORDS if word in text]
    assert not found, text


def test_score_table_of_a_dutch_workbook_is_in_dutch(tmp_path):
    path = write_workbook(tmp_path / "nl.xlsx", dutch_sheets())
    result = run("score", path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Kans", "Impact", "Score", "Niveau", "Restkans",
                                "Restimpact", "Restscore", "Restniveau"]
    assert lines[2].split() == ["R1", "Midden", "Hoog", "6", "Hoog", "Laag", "Hoog", "3", "Laag"]
    assert lines[-3:] == ["Bruto: Laag 0, Midden 0, Hoog 2", "Rest: Laag 1, Midden 1, Hoog 0",
                          "Voorafgaande raadpleging (art. 36): niet verplicht"]
    assert_no_english(result.stdout)


def test_score_lang_option_chooses_the_words_and_json_keys_stay_english(tmp_path):
    english = write_workbook(tmp_path / "en.xlsx", minimal_sheets())
    table = run("score", "--lang", "nl", english).stdout
    assert table.splitlines()[0].split()[:3] == ["ID", "Kans", "Impact"]
    assert "Voorafgaande raadpleging (art. 36): niet verplicht" in table
    back = run("score", "--lang", "en", write_workbook(tmp_path / "nl.xlsx", dutch_sheets()))
    assert back.stdout.splitlines()[0].split()[:3] == ["ID", "Likelihood", "Impact"]
    document = json.loads(run("score", "--lang", "nl", "--format", "json", english).stdout)
    assert list(document["risks"][0])[:4] == ["id", "processing", "risk", "likelihood"]
    assert list(document["summary"]) == ["inherent", "residual", "dpia_required",
                                         "prior_consultation"]
    csv_header = run("score", "--lang", "nl", "--format", "csv", english).stdout.splitlines()[0]
    assert csv_header.startswith("id,processing,risk,likelihood,impact,score,level")


def test_matrix_grid_in_dutch_for_lang_nl_and_for_a_dutch_workbook(tmp_path):
    result = run("matrix", "ico", "--lang", "nl")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[2].startswith("Kans \\ impact  1 Laag")
    assert "Niveaus:" in lines
    assert lines[-1] == "  Hoog: #C00000, NIET aanvaardbaar (art. 36)"
    assert_no_english(result.stdout)
    banded = run("matrix", "5x5", "--lang", "nl").stdout.splitlines()
    assert banded[-1] == "  Hoog: score 15-25, #C00000, NIET aanvaardbaar (art. 36)"
    workbook = run("matrix", write_workbook(tmp_path / "nl.xlsx", dutch_sheets()))
    assert workbook.stdout == result.stdout


def test_screen_in_dutch_with_dutch_criterion_names(tmp_path):
    path = write_workbook(tmp_path / "nl.xlsx", dutch_sheets())
    result = run("screen", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "DPIA verplicht: ja",
        "  - Evaluatie of scoretoekenning: Klanten krijgen een score",
        "  - Stelselmatige monitoring",
        "Reden: 2 van de WP248-criteria zijn van toepassing (twee of meer).",
    ]
    english = run("screen", "--lang", "en", path).stdout.splitlines()
    assert english[0] == "DPIA required: yes" and english[2] == "  - Systematic monitoring"
    document = json.loads(run("screen", "--lang", "nl", "--format", "json", path).stdout)
    assert document["criteria_met"][0] == {"criterion": "Evaluation or scoring",
                                           "key": "evaluation",
                                           "justification": "Klanten krijgen een score"}


def test_diff_of_dutch_workbooks_has_dutch_titles_and_words(tmp_path):
    old = write_workbook(tmp_path / "v1.xlsx", dutch_sheets())
    sheets = dutch_sheets()
    sheets["Assessment"][3][1] = "1.1"  # Version
    sheets["Risks"][1][4] = ""  # R1's impact on individuals
    sheets["Measures"][2][4] = "in progress"  # M2's status
    new = write_workbook(tmp_path / "v2.xlsx", sheets)
    result = run("diff", old, new)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Wijzigingen van {old} (versie 1.0) naar {new} (versie 1.1)"
    assert "Beoordeling:" in lines and "Risico's:" in lines and "Maatregelen:" in lines
    assert "  ~ R1 Account takeover exposes purchase history (gewijzigd)" in lines
    # fields named as the Dutch sheets head them (issue 14)
    assert "      Gevolgen voor betrokkenen: Embarrassment -> (leeg)" in lines
    assert "      Status: gepland -> in uitvoering" in lines

    assert_no_english(result.stdout)
    same = run("diff", old, old).stdout.splitlines()
    assert same[-1] == "Geen wijzigingen."
