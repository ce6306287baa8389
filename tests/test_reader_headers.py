"""Never misread a workbook: header variants, two-row headers, merged cells and rows that
hold only an ID, as Excel and LibreOffice save them."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter
from workbooks import (
    edit_part,
    libreoffice_resave,
    merge_cells,
    minimal_sheets,
    sheet_part,
    write_workbook,
)
from workbooks import read_sheets as read

from dpia import labels, languages, schema
from dpia.cli import cli
from dpia.reader import calamine_cells, openpyxl_cells, read_workbook

NAME = "wb.xlsx"


def risk(assessment, risk_id):
    return next(r for r in assessment.risks if r.id == risk_id)


def run(*args):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


# --- rows that hold only an ID ---------------------------------------------------------------


def test_pre_numbered_rows_are_skipped_with_one_warning_per_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"] += [["R3"], ["R4"], [], ["R6"]]
    sheets["Measures"] += [["M3"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!A4: warning: rows 4-5, 7 skipped: only an ID is filled in (R3, R4, R6)",
        "wb.xlsx:Measures!A4: warning: row 4 skipped: only an ID is filled in (M3)",
    ]
    assert [r.id for r in assessment.risks] == ["R1", "R2"]
    assert [m.id for m in assessment.measures] == ["M1", "M2"]
    assert dict(assessment.source.sheet_rows)["Risks"] == 2


def test_a_row_with_an_id_and_anything_else_is_read_and_checked(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"].append(["R3", None, None, None, None, "Possible"])
    _, problems = read(tmp_path, sheets)
    assert "wb.xlsx:Risks!B4: error: R3: Processing is empty (required)" in problems
    assert not any("only an ID" in p for p in problems)


def test_an_id_with_data_in_an_unknown_column_is_not_typed_ahead(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0].append("Comment")
    sheets["Risks"].append(["R3", *[None] * 11, "to do"])
    _, problems = read(tmp_path, sheets)
    assert "wb.xlsx:Risks!B4: error: R3: Processing is empty (required)" in problems


def test_a_field_without_a_value_is_not_skipped_on_the_key_value_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"][2][1] = None  # Organisation
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment!B3: error: Organisation: the value is empty (required)"]


def test_pre_numbered_rows_build_with_exit_0(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"] += [["R3"], ["R4"]]
    path = write_workbook(tmp_path / "dpia.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert f"{path}:Risks!A4: warning: rows 4-5 skipped" in result.output


# --- the Assessment field written with a colon ---------------------------------------------


@pytest.mark.parametrize("typed", ["Title:", "Title :", "titel:", "Organisation:"])
def test_assessment_field_with_a_colon(tmp_path, typed):
    sheets = minimal_sheets()
    row = 1 if typed.lower().startswith("tit") else 2
    sheets["Assessment"][row][0] = typed
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert assessment.info.title == "Customer loyalty programme"
    assert assessment.info.organisation == "Example Retail Ltd"


# --- header variants: synonyms and abbreviations per language, as data in the schema --------

HEADER_SHEETS = {"Processing": schema.PROCESSING, "Risks": schema.RISKS,
                 "Measures": schema.MEASURES}


def _renamed(sheets, sheet_name, round_number):
    """The sheets with every header of one sheet replaced by its ``round_number``-th name."""
    spec = HEADER_SHEETS[sheet_name]
    header = sheets[sheet_name][0]
    for position, text in enumerate(header):
        names = schema.find_column(spec, text).names()
        header[position] = names[min(round_number, len(names) - 1)]
    return sheets


def _rounds(spec):
    return range(max(len(column.names()) for column in spec.columns))


@pytest.mark.parametrize(("sheet_name", "round_number"), [
    (name, number) for name, spec in HEADER_SHEETS.items() for number in _rounds(spec)])
def test_every_accepted_header_name_reads_the_same_workbook(tmp_path, sheet_name, round_number):
    expected, _ = read(tmp_path, minimal_sheets())
    sheets = _renamed(minimal_sheets(), sheet_name, round_number)
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert (assessment.processing, assessment.risks, assessment.measures) == (
        expected.processing, expected.risks, expected.measures)


@pytest.mark.parametrize("spec", [*schema.SHEETS, schema.Sheet(
    "fields", "", "", schema.ASSESSMENT_FIELDS, ())], ids=lambda spec: spec.key)
def test_every_accepted_name_names_exactly_one_column_of_its_sheet(spec):
    owners: dict[str, set[str]] = {}
    for column in spec.columns:
        for name in column.names():
            owners.setdefault(schema.column_key(name), set()).add(column.key)
    assert {name: keys for name, keys in owners.items() if len(keys) > 1} == {}
    for column in spec.columns:
        for name in column.names():
            found = (schema.find_field(name) if spec.key == "fields"
                     else schema.find_column(spec, name))
            assert found == column, name


def test_group_words_name_no_column_and_one_group():
    for group, by_language in schema.HEADER_GROUPS.items():
        for word in (w for words in by_language.values() for w in words):
            assert schema.find_column(schema.RISKS, word) is None, word
            assert schema.header_group(word) == group, word


def test_names_in_a_language_are_the_ones_init_writes_first():
    for spec in schema.SHEETS:
        for column in spec.columns:
            for lang in languages.codes():
                assert column.names_in(lang)[0] == column.name(lang)
            assert set(column.names()) == {
                name for lang in languages.codes() for name in column.names_in(lang)}


def _typo(name: str) -> str:
    """``name`` with two letters in its middle swapped."""
    middle = len(name) // 2
    return name[:middle - 1] + name[middle] + name[middle - 1] + name[middle + 1:]


@pytest.mark.parametrize("column", [c for c in schema.RISKS.columns if len(c.name("en")) > 5],
                         ids=lambda c: c.key)
def test_a_header_close_to_a_known_one_gets_did_you_mean(tmp_path, column):
    sheets = minimal_sheets()
    header = sheets["Risks"][0]
    if column.name("en") not in header:  # an optional column the minimal workbook does not have
        for row in sheets["Risks"]:
            row.append(column.name("en") if row is header else "")
    position = header.index(column.name("en"))
    typo = _typo(column.name("en"))
    assert schema.find_column(schema.RISKS, typo) is None
    header[position] = typo
    _, problems = read(tmp_path, sheets)
    letter = chr(ord("A") + position)
    if column.required == schema.YES or column.kind == schema.LEVEL:
        # its data is not read: an error at its header cell, never only a warning
        assert f"wb.xlsx:Risks!{letter}1: error: unknown column {typo!r} holds data while " \
               f"{column.name('en')!r} is missing; did you mean {column.name('en')!r}? " \
               "Give the column" \
               in " ".join(problems)
    else:
        assert problems[0] == ("wb.xlsx:Risks!1: warning: unknown column(s) ignored: "
                               f"{typo!r} ({letter}, did you mean {column.name('en')!r}?)")


def test_unknown_column_holding_levels_while_residual_columns_are_missing_is_an_error(
        tmp_path):
    sheets = minimal_sheets()
    header = sheets["Risks"][0]
    header[header.index("Residual likelihood")] = "Likelihood once measured"
    header[header.index("Residual impact")] = "Impact once measured"
    _, problems = read(tmp_path, sheets)
    # each names the missing column whose levels its values could be
    assert problems[:2] == [
        "wb.xlsx:Risks!I1: error: unknown column 'Likelihood once measured' holds data while "
        "'Residual likelihood' is missing; give the column the name of what it holds (see "
        "the format), or move it out of this sheet",
        "wb.xlsx:Risks!J1: error: unknown column 'Impact once measured' holds data while "
        "'Residual impact' is missing; give the column the name of what it holds (see the "
        "format), or move it out of this sheet",
    ]


def test_notes_next_to_absent_residual_columns_stay_a_warning(tmp_path):
    sheets = minimal_sheets()
    for row in sheets["Risks"]:
        del row[8:10]  # no residual columns at all: not re-assessed, as before
    sheets["Risks"][0].append("Notes")
    sheets["Risks"][1].append("discussed with IT on 3 May")
    assessment, problems = read(tmp_path, sheets)
    assert problems[0] == "wb.xlsx:Risks!1: warning: unknown column(s) ignored: 'Notes' (K)"
    assert all(": warning: " in p for p in problems)
    assert risk(assessment, "R1").residual_likelihood is None


def test_unknown_column_while_a_required_column_is_missing_is_an_error(tmp_path):
    sheets = minimal_sheets()
    sheets["Processing"][0][3] = "Basis in law"
    _, problems = read(tmp_path, sheets)
    assert "wb.xlsx:Processing!D1: error: unknown column 'Basis in law' holds data while " \
           "'Lawful basis' is missing; give the column the name of what it holds (see the " \
           "format), or move it out of this sheet" in problems
    assert "wb.xlsx:Processing!1: error: missing required column 'Lawful basis'" in problems


def test_misnamed_residual_column_fails_validate_and_build(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0][8] = "Residual likelyhood"
    path = write_workbook(tmp_path / "dpia.xlsx", sheets)
    for command in (["validate", path], ["build", path, "-o", tmp_path / "out.docx"]):
        result = run(*command)
        assert result.exit_code == 1, result.output
        assert (f"{path}:Risks!I1: error: unknown column 'Residual likelyhood' holds data "
                "while 'Residual likelihood' is missing; did you mean 'Residual likelihood'?"
                ) in result.output
    assert not (tmp_path / "out.docx").exists()


def test_dutch_sheet_suggests_the_dutch_name(tmp_path):
    sheets = minimal_sheets()
    sheets["Risico's"] = sheets.pop("Risks")
    sheets["Risico's"][0] = [schema.find_column(schema.RISKS, h).name("nl")
                             for h in sheets["Risico's"][0]]
    sheets["Risico's"][0][8] = "Restkanss"
    _, problems = read(tmp_path, sheets)
    assert any("Risico's!I1: error:" in p and "did you mean 'Restkans'?" in p for p in problems)


# --- merged cells in the data: read on every row they cover ---------------------------------


def _merged_workbook(tmp_path, sheets, merges, name="in.xlsx"):
    return merge_cells(write_workbook(tmp_path / name, sheets), merges)


def _read_every_way(path, monkeypatch, way):
    """Read ``path`` by python-calamine, by openpyxl's internals, or openpyxl's public API."""
    if way != "calamine":
        monkeypatch.setattr(calamine_cells, "import_calamine", lambda: None)
    if way == "public":
        monkeypatch.setattr(openpyxl_cells, "internals_as_expected", lambda: False)
    assessment, problems = read_workbook(path, name=NAME)
    return assessment, [str(p) for p in problems]


WAYS = ["calamine", "openpyxl", "public"]


@pytest.mark.parametrize("way", WAYS)
def test_vertically_merged_cells_are_read_on_every_row_with_a_warning(
        tmp_path, monkeypatch, way):
    sheets = minimal_sheets()
    # R1 and R2 share the measure M1 and the owner IT, typed once over both rows
    sheets["Risks"][2][7] = sheets["Risks"][2][11] = None
    sheets["Risks"][2][1] = None  # and the processing P1
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["H2:H3", "L2:L3", "B2:B3"]})
    assessment, problems = _read_every_way(path, monkeypatch, way)
    assert problems[:3] == [
        "wb.xlsx:Risks!B2:B3: warning: merged cells; the value 'P1' is read for rows 2-3",
        "wb.xlsx:Risks!H2:H3: warning: merged cells; the value 'M1' is read for rows 2-3",
        "wb.xlsx:Risks!L2:L3: warning: merged cells; the value 'IT' is read for rows 2-3",
    ]
    assert all(": warning: " in p for p in problems)
    r2 = risk(assessment, "R2")
    assert (r2.processing, r2.measures, r2.owner) == (("P1",), ("M1",), "IT")


@pytest.mark.parametrize("way", WAYS)
def test_a_value_merged_across_two_columns_is_read_under_the_first_only(
        tmp_path, monkeypatch, way):
    sheets = minimal_sheets()
    sheets["Risks"][1][9] = None
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["I2:J2"]})
    assessment, problems = _read_every_way(path, monkeypatch, way)
    assert problems[0] == (
        "wb.xlsx:Risks!I2:J2: warning: merged cells; the value 'Remote' is read under "
        "'Residual likelihood' only, not under 'Residual impact'")
    assert risk(assessment, "R1").residual_impact is None


def test_a_section_heading_merged_across_the_sheet_is_a_row_with_only_an_id(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"].insert(1, ["Loyalty programme"])
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["A2:L2"]})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == [
        "wb.xlsx:Risks!A2: warning: row 2 skipped: only an ID is filled in (Loyalty programme)"]
    assert [r.id for r in assessment.risks] == ["R1", "R2"]


def test_merged_cells_in_the_assessment_values(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"] += [["Nature", "Collected at the till and online"], ["Scope", None]]
    path = _merged_workbook(tmp_path, sheets, {"Assessment": ["B9:B10"]})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == [
        "wb.xlsx:Assessment!B9:B10: warning: merged cells; the value 'Collected at the till "
        "and online' is read for rows 9-10"]
    assert assessment.info.scope == "Collected at the till and online"


def test_merged_cells_build_a_report_with_the_value_on_every_row(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][2][7] = None
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["H2:H3"]}, name="dpia.xlsx")
    out = tmp_path / "dpia.docx"
    result = run("build", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"{path}:Risks!H2:H3: warning: merged cells; the value 'M1' is read for rows " \
           "2-3" in result.output
    rows = [[cell.text for cell in row.cells] for table in docx.Document(out).tables
            for row in table.rows]
    r2_rows = [row for row in rows if row[0] == "R2"]
    assert r2_rows and any("M1" in " ".join(row) for row in r2_rows), r2_rows


def test_merged_cells_as_libreoffice_saves_them(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][2][7] = sheets["Risks"][2][11] = None
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["H2:H3", "L2:L3"]})
    saved = libreoffice_resave(path, tmp_path / "lo")
    assessment, problems = read_workbook(saved, name=NAME)
    assert [str(p) for p in problems if "merged" in str(p)] == [
        "wb.xlsx:Risks!H2:H3: warning: merged cells; the value 'M1' is read for rows 2-3",
        "wb.xlsx:Risks!L2:L3: warning: merged cells; the value 'IT' is read for rows 2-3",
    ]
    assert all(p.severity == "warning" for p in problems)
    assert (risk(assessment, "R2").measures, risk(assessment, "R2").owner) == (("M1",), "IT")


# --- headers in two rows: a group above the level columns -----------------------------------


def _two_row_risks(inherent="Inherent risk", residual="Residual risk", likelihood="Likelihood",
                   impact="Impact", *, vertical=True, merged_groups=True):
    """Risks with a group row above the level columns (F:G inherent, I:J residual); the
    other headers merged down over both rows (``vertical``), else in the upper row only."""
    sheets = minimal_sheets()
    top = list(sheets["Risks"][0])
    bottom = [None] * len(top)
    top[5:7], top[8:10] = [inherent, None], [residual, None]
    bottom[5:7] = bottom[8:10] = [likelihood, impact]
    sheets["Risks"][0:1] = [top, bottom]
    merges = ["F1:G1", "I1:J1"] if merged_groups else []
    merges += [f"{letter}1:{letter}2" for letter in "ABCDEHKL"] if vertical else []
    return sheets, merges


def _levels(assessment):
    return [(r.id, r.likelihood, r.impact, r.residual_likelihood, r.residual_impact)
            for r in assessment.risks]


EXPECTED_LEVELS = [("R1", 2, 3, 1, 3), ("R2", 3, 2, 2, 2)]


def _group_pairs():
    """(inherent word, residual word, likelihood name, impact name): every group word of
    the schema once, with the sub-header names of its language."""
    pairs = []
    for lang in ("en", "nl"):
        inherent = schema.HEADER_GROUPS["inherent"][lang]
        residual = schema.HEADER_GROUPS["residual"][lang]
        for n in range(max(len(inherent), len(residual))):
            pairs.append((inherent[min(n, len(inherent) - 1)],
                          residual[min(n, len(residual) - 1)],
                          schema.RISKS.column("likelihood").name(lang),
                          schema.RISKS.column("impact").name(lang)))
    return pairs


@pytest.mark.parametrize(("inherent", "residual", "likelihood", "impact"), _group_pairs())
def test_a_group_row_above_likelihood_and_impact_is_read(tmp_path, inherent, residual,
                                                          likelihood, impact):
    sheets, merges = _two_row_risks(inherent, residual, likelihood, impact)
    path = _merged_workbook(tmp_path, sheets, {"Risks": merges})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS
    assert risk(assessment, "R1").origin.cell_of("residual_impact") == "J3"


@pytest.mark.parametrize(("vertical", "merged_groups"), [(False, True), (True, False),
                                                         (False, False)])
def test_a_two_row_header_without_merges(tmp_path, vertical, merged_groups):
    sheets, merges = _two_row_risks(vertical=vertical, merged_groups=merged_groups)
    path = _merged_workbook(tmp_path, sheets, {"Risks": merges})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS


def test_a_group_row_under_a_complete_header_row_is_read_with_it(tmp_path):
    sheets = minimal_sheets()
    top = list(sheets["Risks"][0])
    top[8:10] = ["Residual risk", None]
    bottom = [None] * 8 + ["Likelihood", "Impact"]
    sheets["Risks"][0:1] = [top, bottom]
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["I1:J1"]})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS


SEPARATORS = [" / ", "/", ", ", " & ", " and ", " x ", " en ", "; "]


def _bracket_headers():
    """(group word, separator, lang): every residual group word of the schema once, the
    separators taken in turn."""
    return [(group, SEPARATORS[n % len(SEPARATORS)], lang)
            for lang in ("en", "nl")
            for n, group in enumerate(schema.HEADER_GROUPS["residual"][lang])]


@pytest.mark.parametrize(("group", "separator", "lang"), _bracket_headers())
def test_one_merged_header_naming_both_level_columns(tmp_path, group, separator, lang):
    likelihood = schema.RISKS.column("likelihood").name(lang).lower()
    impact = schema.RISKS.column("impact").name(lang).lower()
    sheets = minimal_sheets()
    sheets["Risks"][0][8:10] = [f"{group} ({likelihood}{separator}{impact})", None]
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["I1:J1"]})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "centred-across"])
def test_one_header_naming_both_level_columns_over_two_columns(tmp_path, merged):
    sheets = minimal_sheets()
    sheets["Risks"][0][8:10] = ["Residual (likelihood / impact)", None]
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["I1:J1"] if merged else []})
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS


def test_one_header_naming_two_columns_over_one_is_not_read_as_both(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0][8:10] = ["Residual (likelihood / impact)", "Notes"]
    _, problems = read(tmp_path, sheets)
    assert problems[0].startswith(
        "wb.xlsx:Risks!I1: error: unknown column 'Residual (likelihood / impact)' holds data "
        "while 'Residual likelihood' is missing")


def test_a_two_row_header_as_libreoffice_saves_it(tmp_path):
    sheets, merges = _two_row_risks()
    path = _merged_workbook(tmp_path, sheets, {"Risks": merges})
    saved = libreoffice_resave(path, tmp_path / "lo")
    assessment, problems = read_workbook(saved, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS


def test_a_two_row_header_without_known_groups_is_refused_naming_the_cells(tmp_path):
    sheets, merges = _two_row_risks("Phase 1", "Phase 2")
    path = _merged_workbook(tmp_path, sheets, {"Risks": merges})
    result = run("validate", path)
    assert result.exit_code == 1
    assert (
        f"{path}:Risks!I1:I2: error: the headers span two rows (F1:I2) and 'Likelihood' "
        "appears twice in row 2; dpia reads one header row: write each column's name in one "
        "cell (such as 'Residual likelihood'), or above 'Likelihood | Impact' a group dpia "
        "knows ('Inherent risk', 'Residual risk')") in result.output
    assert f"{path}:Risks!J1:J2: error: the headers span two rows (G1:J2) and 'Impact'" \
        in result.output


def test_a_header_merged_over_two_columns_holding_data_is_named(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0][8:10] = ["Residual likelihood", None]
    path = _merged_workbook(tmp_path, sheets, {"Risks": ["I1:J1"]})
    _, problems = read_workbook(path, name=NAME)
    assert str(problems[0]) == (
        "wb.xlsx:Risks!J1: error: unknown column (no header: I1 is merged over I1:J1) holds "
        "data while 'Residual impact' is missing; give the column the name of what it holds "
        "(see the format), or move it out of this sheet")


def test_an_excel_table_with_header_variants(tmp_path):
    from openpyxl.worksheet.table import Table

    sheets = minimal_sheets()
    sheets["Risks"][0][8:10] = ["Res. likelihood", "Res. impact"]
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    workbook = openpyxl.load_workbook(path)
    workbook["Risks"].add_table(Table(displayName="RiskRegister", ref="A1:L3"))
    workbook.save(path)
    assessment, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == []
    assert _levels(assessment) == EXPECTED_LEVELS


@pytest.mark.parametrize("field", [f for f in schema.ASSESSMENT_FIELDS if len(f.name("en")) > 5],
                         ids=lambda f: f.key)
def test_an_assessment_field_close_to_a_known_one_gets_did_you_mean(tmp_path, field):
    sheets = minimal_sheets()
    typo = _typo(field.name("en"))
    assert schema.find_field(typo) is None
    sheets["Assessment"].append([typo, "something"])
    _, problems = read(tmp_path, sheets)
    row = len(sheets["Assessment"])
    assert f"wb.xlsx:Assessment!A{row}: warning: {typo}: unknown field (ignored); did you " \
           f"mean {field.name('en')!r}?" in problems


def test_every_accepted_field_name_reads_the_field(tmp_path):
    sheets = minimal_sheets()
    expected, _ = read(tmp_path, sheets)
    for column in (schema.find_field(row[0]) for row in sheets["Assessment"][1:]):
        for name in column.names():
            renamed = minimal_sheets()
            next(row for row in renamed["Assessment"][1:]
                 if schema.find_field(row[0]) == column)[0] = name
            assessment, problems = read(tmp_path, renamed)
            assert problems == [], name
            assert assessment.info == expected.info, name


def test_headers_split_over_two_rows_without_groups_are_named(tmp_path):
    sheets, _ = _two_row_risks("Phase 1", "Phase 2", vertical=False)
    _, problems = read(tmp_path, sheets)
    assert (
        "wb.xlsx:Risks!1: error: missing required column 'Likelihood' (it stands in row 2: "
        "the headers span rows 1-2, and dpia reads one header row: write each column's name "
        "in one row, or above 'Likelihood | Impact' a group dpia knows ('Inherent risk', "
        "'Residual risk'))") in problems


def test_a_dutch_sheet_split_over_two_rows_is_advised_in_its_words(tmp_path):
    sheets = minimal_sheets()
    sheets["Verwerkingen"] = sheets.pop("Processing")
    header = [schema.find_column(schema.PROCESSING, h).name("nl")
              for h in sheets["Verwerkingen"][0]]
    sheets["Verwerkingen"][0:1] = [header[:3] + [None] * 12, [None] * 3 + header[3:]]
    _, problems = read(tmp_path, sheets)
    assert ("wb.xlsx:Verwerkingen!2: error: missing required column 'Naam' (it stands in "
            "row 1: the headers span rows 1-2, and dpia reads one header row: write each "
            "column's name in one row)") in problems


@pytest.mark.parametrize("way", WAYS)
def test_overlapping_merged_ranges_fill_each_cell_once(tmp_path, monkeypatch, way):
    # no spreadsheet application writes them, but a file may hold anything
    sheets = minimal_sheets()
    sheets["Risks"][2][7] = None
    sheets["Risks"].append(["R3", "P1", "Misdirected e-mail", None, None, "Possible", "Minimal"])
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    ranges = ["H2:H3", "H3:H4", "H2:H4"]
    edit_part(path, sheet_part(3), lambda xml: xml.replace(
        "</sheetData>", "</sheetData><mergeCells count=\"3\">"
        + "".join(f'<mergeCell ref="{r}"/>' for r in ranges) + "</mergeCells>"))
    assessment, problems = _read_every_way(path, monkeypatch, way)
    assert [p for p in problems if "merged" in p] == [
        "wb.xlsx:Risks!H2:H3: warning: merged cells; the value 'M1' is read for rows 2-3"]
    assert (risk(assessment, "R2").measures, risk(assessment, "R3").measures) == (("M1",), ())


SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_headers_as_dpia_score_prints_them_give_the_same_scores(tmp_path, lang):
    # the finding: 'Res. likelihood' / 'Res. impact' were dropped, every risk became "not
    # re-assessed" and prior consultation flipped to required
    sample = SAMPLES / "retail-loyalty.xlsx"
    workbook = openpyxl.load_workbook(sample)
    printed = labels.terminal(lang)["columns"]
    for cell in workbook["Risks"][1]:
        column = schema.find_column(schema.RISKS, cell.value)
        if column is not None and column.key in printed:
            cell.value = printed[column.key]
    renamed = tmp_path / "renamed.xlsx"
    workbook.save(renamed)
    expected = run("score", sample, "--format", "csv")
    result = run("score", renamed, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout
    assert "warning" not in result.stderr


def _further_names(column):
    return [name for name in column.names() if not schema.is_own_name(column, name)]


@pytest.mark.parametrize(("sheet_name", "round_number"), [
    (name, number) for name, spec in HEADER_SHEETS.items()
    for number in range(max(len(_further_names(c)) for c in spec.columns))])
def test_a_synonym_next_to_the_column_it_names_stays_a_column_of_ones_own(
        tmp_path, sheet_name, round_number):
    # a workbook with 'Risk' and a 'Description' of its own read before dpia knew the
    # synonym, with a warning; it still does, and the column's own name is read
    expected, _ = read(tmp_path, minimal_sheets())
    sheets = minimal_sheets()
    spec = HEADER_SHEETS[sheet_name]
    header = sheets[sheet_name][0]
    extra = []
    for text in list(header):
        column = schema.find_column(spec, text)
        names = _further_names(column)
        if names:
            extra.append((names[min(round_number, len(names) - 1)], column, header.index(text)))
    for row in sheets[sheet_name]:
        row += [None] * (len(header) - len(row))
    for name, _, _ in extra:
        header.append(name)
        for row in sheets[sheet_name][1:]:
            row.append("notes of my own")
    assessment, problems = read(tmp_path, sheets)
    shown = ", ".join(
        f"{name!r} ({get_column_letter(len(header) - len(extra) + n + 1)}, another name for "
        f"{column.name('en')!r}, which is read from {get_column_letter(position + 1)})"
        for n, (name, column, position) in enumerate(extra))
    assert problems == [f"wb.xlsx:{sheet_name}!1: warning: unknown column(s) ignored: {shown}"]
    assert (assessment.processing, assessment.risks, assessment.measures) == (
        expected.processing, expected.risks, expected.measures)


@pytest.mark.parametrize("way", WAYS)
def test_a_range_merged_down_to_the_last_row_of_the_sheet_fills_only_the_rows_there_are(
        tmp_path, monkeypatch, way):
    sheets = minimal_sheets()
    sheets["Risks"][2][11] = None
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    edit_part(path, sheet_part(3), lambda xml: xml.replace(
        "</sheetData>", '</sheetData><mergeCells count="2"><mergeCell ref="L2:L1048576"/>'
        '<mergeCell ref="M1:XFD3"/></mergeCells>'))
    assessment, problems = _read_every_way(path, monkeypatch, way)
    assert problems == [
        "wb.xlsx:Risks!L2:L1048576: warning: merged cells; the value 'IT' is read for rows 2-3"]
    assert risk(assessment, "R2").owner == "IT"
