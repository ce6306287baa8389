"""The workbook reader: sheets, headers, cells and the problems a DPO sees, with their cells."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile

import openpyxl
import pytest
from workbooks import (
    minimal_sheets,
    set_cached_value,
    set_cell,
    use_shared_strings,
    write_workbook,
)
from workbooks import read_sheets as read

from dpia.errors import FileFormatError, WorkbookInvalid
from dpia.reader import load_assessment, read_workbook

NAME = "wb.xlsx"


def risk(assessment, risk_id):
    return next(r for r in assessment.risks if r.id == risk_id)


# --- a valid workbook -------------------------------------------------------------------


def test_minimal_workbook_reads_without_problems(tmp_path):
    assessment, problems = read(tmp_path, minimal_sheets())
    assert problems == []
    info = assessment.info
    assert (info.title, info.organisation, info.version) == (
        "Customer loyalty programme", "Example Retail Ltd", "1.0")
    assert info.date == dt.date(2026, 5, 25)
    assert info.status == "draft" and info.language == "en"
    assert assessment.matrix.name == "ico" and assessment.matrix.preset
    assert [p.id for p in assessment.processing] == ["P1", "P2"]
    p1 = assessment.processing[0]
    assert p1.personal_data == ("Name", "e-mail", "purchases")
    assert p1.lawful_bases == ("b",)
    r1 = risk(assessment, "R1")
    assert (r1.likelihood, r1.impact, r1.residual_likelihood, r1.residual_impact) == (2, 3, 1, 3)
    assert r1.treatment == "reduce" and r1.measures == ("M1",)
    assert assessment.measures[1].due_date == dt.date(2026, 9, 1)
    assert assessment.measures[1].status == "planned"
    assert assessment.screening is None


def test_source_has_file_name_hash_and_rows_per_sheet(tmp_path):
    path = write_workbook(tmp_path / "in.xlsx", minimal_sheets())
    assessment, _ = read_workbook(path)
    assert assessment.source.name == "in.xlsx"
    assert assessment.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert assessment.source.sheet_rows == (
        ("Assessment", 7), ("Processing", 2), ("Risks", 2), ("Measures", 2))


def test_messages_name_the_file_as_given(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Often")
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    _, problems = read_workbook(path)
    assert str(problems[0]).startswith(f"{path}:Risks!F2: error: R1: ")


def test_origins_name_the_row_and_every_cell_of_it(tmp_path):
    assessment, _ = read(tmp_path, minimal_sheets())
    r2 = risk(assessment, "R2")
    assert (r2.origin.sheet, r2.origin.row, str(r2.origin)) == ("Risks", 3, "Risks!A3")
    assert r2.origin.cell_of("likelihood") == "F3"
    assert r2.origin.cell_of("treatment") == "K3"
    origins = dict(assessment.info.origins)
    assert str(origins["title"]) == "Assessment!B2"
    assert str(origins["date"]) == "Assessment!B5"


def test_every_optional_sheet_is_read(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [
        ["Criterion", "Applies", "Justification"],
        ["evaluation", "yes", "Scores customers"],
        ["Grootschalige verwerking", "nee", ""],
        ["Art. 35(3)(b): large-scale processing of special categories or criminal "
         "convictions data", "no", ""],
        ["National list: camera surveillance", "ja", "Stores"],
    ]
    sheets["Sign-off"] = [["Item", "Name", "Date", "Notes"],
                          ["Measures approved by", "J. Boss", "2026-06-01", "ok"]]
    sheets["History"] = [["Version", "Date", "Author", "Changes"],
                         [0.9, dt.date(2026, 4, 1), "A. Author", "First draft"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    keys = [(a.key, a.applies) for a in assessment.screening]
    assert keys == [("evaluation", True), ("large-scale", False), ("art35-3b", False),
                    (None, True)]
    assert assessment.sign_off[0].name == "J. Boss"
    assert assessment.sign_off[0].date == dt.date(2026, 6, 1)
    assert assessment.history[0].version == "0.9"
    assert assessment.history[0].changes == "First draft"


def test_sign_off_item_without_a_name_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    sheets["Ondertekening"] = [["Onderdeel", "Naam", "Datum", "Opmerkingen"],
                               ["Maatregelen goedgekeurd door", "", "", ""],
                               ["Advies FG gegeven door", None, "", "volgt"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Ondertekening!B2: warning: Maatregelen goedgekeurd door: not signed yet (Naam "
        "is empty)",
        "wb.xlsx:Ondertekening!B3: warning: Advies FG gegeven door: not signed yet (Naam is "
        "empty)",
    ]
    assert [(s.item, s.name, s.notes) for s in assessment.sign_off] == [
        ("Maatregelen goedgekeurd door", "", ""), ("Advies FG gegeven door", "", "volgt")]


# --- Dutch ----------------------------------------------------------------------------------

DUTCH = {
    "Beoordeling": [
        ["Veld", "Waarde"],
        ["Titel", "Klantenprogramma"],
        ["Organisatie", "Voorbeeld BV"],
        ["Datum", "25-05-2026"],
        ["Status", "concept"],
        ["Taal", "nl"],
    ],
    "Verwerkingen": [
        ["ID", "Naam", "Doel", "Grondslag", "Gerechtvaardigd belang", "Betrokkenen",
         "Persoonsgegevens", "Bijzondere persoonsgegevens", "Uitzonderingsgrond",
         "Verwerkers", "Verwerkersovereenkomst", "Doorgiften", "Waarborg doorgifte",
         "Bewaartermijn"],
        ["P1", "Klantaccounts", "Spaarprogramma", "Uitvoering overeenkomst", "", "Klanten",
         "Naam\nE-mail", "geen", "", "MailBV", "ja", "nvt", "", "2 jaar"],
        ["P2", "Analyse", "Aanbiedingen", "6 lid 1 sub f AVG", "Gerichte aanbiedingen",
         "Klanten", "Aankopen", "-", "", "", "", "", "", "1 jaar"],
    ],
    "Risico's": [
        ["ID", "Verwerking", "Risico", "Kans", "Impact", "Maatregelen", "Restkans",
         "Restimpact", "Behandeling"],
        ["R1", "alle", "Accountovername", "Midden", "Hoog", "M1", "Laag", "Hoog",
         "verminderen"],
    ],
    "Maatregelen": [
        ["ID", "Maatregel", "Type", "Status", "Deadline"],
        ["M1", "Tweestapsverificatie", "technisch", "in uitvoering", "15/09/2026"],
    ],
}


def test_dutch_workbook_reads_with_dutch_names(tmp_path):
    assessment, problems = read(tmp_path, DUTCH)
    assert problems == []
    assert assessment.info.language == "nl"
    assert assessment.info.date == dt.date(2026, 5, 25)
    assert assessment.info.status == "draft"
    assert assessment.matrix.likelihood[0].name == "Laag"  # the preset in Dutch
    p1, p2 = assessment.processing
    assert p1.personal_data == ("Naam", "E-mail")
    assert p1.special_categories == () and p1.transfers == ()
    assert p1.lawful_bases == ("b",) and p2.lawful_bases == ("f",)
    r1 = assessment.risks[0]
    assert r1.processing == ("P1", "P2") and r1.applies_to_all
    assert (r1.likelihood, r1.impact, r1.residual_likelihood) == (2, 3, 1)
    assert r1.treatment == "reduce"
    measure = assessment.measures[0]
    assert (measure.type, measure.status) == ("technical", "in_progress")
    assert measure.due_date == dt.date(2026, 9, 15)
    assert [name for name, _ in assessment.source.sheet_rows] == [
        "Beoordeling", "Verwerkingen", "Risico's", "Maatregelen"]


def test_dutch_missing_column_is_named_in_dutch(tmp_path):
    sheets = {name: [list(row) for row in rows] for name, rows in DUTCH.items()}
    for row in sheets["Risico's"]:
        del row[3]  # Kans
    _, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Risico's!1: error: missing required column 'Kans'"]


# --- headers --------------------------------------------------------------------------------


def test_header_row_found_under_title_rows(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0:0] = [["Risk register"], [], ["Fill one row per risk", "see guide"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert risk(assessment, "R1").origin.cell_of("likelihood") == "F5"


def test_header_row_beyond_the_first_ten_rows_is_not_found(tmp_path):
    sheets = minimal_sheets()
    sheets["Measures"][0:0] = [["title"]] * 10
    _, problems = read(tmp_path, sheets)
    assert problems == [
        # the risks refer to measures the reader could not find
        "wb.xlsx:Risks!H2: error: R1: unknown measure ID 'M1' (the workbook has no measures)",
        "wb.xlsx:Risks!H3: error: R2: unknown measure ID 'M2' (the workbook has no measures)",
        "wb.xlsx:Measures!1: error: no header row in the first 10 rows: the required columns "
        "'ID', 'Measure' are missing",
    ]


def test_star_and_bracketed_hints_in_headers_are_ignored(tmp_path):
    sheets = minimal_sheets()
    header = sheets["Risks"][0]
    header[0], header[5], header[6] = "ID *", "Likelihood (1-3) *", "  severity [see scale]"
    header[1] = "PROCESSING*"
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert risk(assessment, "R1").impact == 3


def test_columns_in_any_order(tmp_path):
    sheets = minimal_sheets()
    order = [6, 0, 11, 5, 2, 1, 10, 7, 9, 8, 3, 4]  # shuffle the Risks columns
    sheets["Risks"] = [[row[i] for i in order] for row in sheets["Risks"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    r1 = risk(assessment, "R1")
    assert (r1.likelihood, r1.impact, r1.owner) == (2, 3, "IT")
    assert r1.origin.cell == "B2" and r1.origin.cell_of("likelihood") == "D2"


def test_unknown_columns_give_one_warning_per_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0] += ["Comment", "Score"]
    sheets["Risks"][1] += ["check", 6]
    sheets["Measures"][1] += [None, None]
    sheets["Measures"][2] += [None, "stray note"]
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!1: warning: unknown column(s) ignored: 'Comment' (M), 'Score' (N)",
        "wb.xlsx:Measures!1: warning: unknown column(s) ignored: (no header) (I)",
    ]


def test_column_twice_is_an_error_at_the_second_header(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0].append("Kans")
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!M1: error: column 'Kans' appears twice (first in F); only the first "
        "is read"]


def test_missing_required_column_names_the_header_row(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0:0] = [["Risks"]]
    for row in sheets["Risks"][1:]:
        del row[5]  # Likelihood
    assessment, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Risks!2: error: missing required column 'Likelihood'"]
    with pytest.raises(WorkbookInvalid):
        load_assessment(tmp_path / "in.xlsx")


def test_missing_id_column_reads_no_rows_of_that_sheet(tmp_path):
    sheets = minimal_sheets()
    for row in sheets["Measures"]:
        del row[0]
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!H2: error: R1: unknown measure ID 'M1' (the workbook has no measures)",
        "wb.xlsx:Risks!H3: error: R2: unknown measure ID 'M2' (the workbook has no measures)",
        "wb.xlsx:Measures!1: error: missing required column 'ID'",
    ]


def test_missing_required_sheet_is_a_file_level_error(tmp_path):
    sheets = minimal_sheets()
    del sheets["Risks"]
    sheets["Measures"][1][0] = "M1"
    assessment, problems = read(tmp_path, sheets)
    assert assessment is None
    assert "wb.xlsx: error: missing required sheet 'Risks' (de: Risiken, fr: Risques, " \
        "nl: Risico's)" in problems


def test_sheet_twice_in_two_languages_is_an_error(tmp_path):
    sheets = minimal_sheets()
    sheets["Maatregelen"] = [["ID", "Maatregel"], ["M9", "Other"]]
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Maatregelen: error: this is the Measures sheet a second time (already read "
        "Measures); remove or rename one of them"]


def test_sheet_names_match_case_and_space_insensitively(tmp_path):
    sheets = minimal_sheets()
    sheets[" risks "] = sheets.pop("Risks")
    assessment, problems = read(tmp_path, sheets)
    assert problems == [] and len(assessment.risks) == 2
    assert assessment.risks[0].origin.sheet == " risks "


# --- rows -----------------------------------------------------------------------------------


def test_empty_rows_are_skipped(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"].insert(2, [None, "", "   "])
    sheets["Risks"].insert(2, [])
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert risk(assessment, "R2").origin.row == 5


def test_row_without_key_but_with_data_is_an_error_at_the_key_cell(tmp_path):
    sheets = minimal_sheets()
    sheets["Measures"].append(["", "Encrypt backups", "technical"])
    _, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Measures!A4: error: row 4 has data but no ID"]


def test_empty_required_cell_is_an_error_naming_it_and_the_row(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P2", "Retention", "")
    set_cell(sheets, "Processing", "P1", "Data subjects", " ; ")
    set_cell(sheets, "Risks", "R2", "Risk", None)
    set_cell(sheets, "Risks", "R2", "Impact", None)
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Processing!F2: error: P1: Data subjects is empty (required)",
        "wb.xlsx:Processing!O3: error: P2: Retention is empty (required)",
        "wb.xlsx:Risks!C3: error: R2: Risk is empty (required)",
        "wb.xlsx:Risks!G3: error: R2: Impact is empty (required)",
    ]


def test_required_assessment_fields(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"][1][1] = ""  # Title
    del sheets["Assessment"][2]  # Organisation
    sheets["Assessment"].append(["Favourite colour", "blue"])
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment: error: missing required field 'Organisation'",
        "wb.xlsx:Assessment!B2: error: Title: the value is empty (required)",
        "wb.xlsx:Assessment!A8: warning: Favourite colour: unknown field (ignored)",
    ]


def test_wrong_assessment_date_names_the_value_cell(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"][4][1] = "spring 2026"
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment!B5: error: Date: 'spring 2026' is not a date (use a date cell, "
        "2026-05-25, or day first: 25-05-2026, 25/05/2026, 25.05.2026)"]


def test_assessment_without_value_column(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"] = [row[:1] for row in sheets["Assessment"]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Assessment!1: error: missing required column 'Value'"]
    assert assessment.info.title == ""


def test_assessment_field_twice_is_an_error(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["titel", "Other title"])
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment!A9: error: Title: field given twice (first in row 2); remove one"]


# --- cell values ----------------------------------------------------------------------------


def test_levels_by_name_value_text_number_and_float(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", 3)
    set_cell(sheets, "Risks", "R1", "Impact", "2")
    set_cell(sheets, "Risks", "R1", "Residual likelihood", 1.0)
    set_cell(sheets, "Risks", "R1", "Residual impact", " minimal ")
    set_cell(sheets, "Risks", "R2", "Likelihood", "Hoog")  # Dutch name in an English workbook
    set_cell(sheets, "Risks", "R2", "Impact", "3.0")
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    r1, r2 = risk(assessment, "R1"), risk(assessment, "R2")
    assert (r1.likelihood, r1.impact, r1.residual_likelihood, r1.residual_impact) == (3, 2, 1, 1)
    assert (r2.likelihood, r2.impact) == (3, 3)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(2.5, "2.5"), ("2.5", "2.5"), (True, "TRUE"), (4, "4"), (0, "0"), ("Often", "Often")],
)
def test_wrong_level_is_an_error_naming_the_cell(tmp_path, value, shown):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", value)
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        f"wb.xlsx:Risks!I3: error: R2: Residual likelihood: '{shown}' is not a level of the "
        "likelihood scale (Remote, Possible, Probable, or a value 1-3)"]
    # the risk is left out of the model, the rest is still there for other tools
    assert [r.id for r in assessment.risks] == ["R1"]


def test_dates_in_every_accepted_form(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"][4][1] = "2026-05-25"
    sheets["Assessment"].append(["Review date", "25/05/2027"])
    sheets["Measures"][1][6] = "01-12-2026"
    sheets["Measures"][2][6] = dt.datetime(2026, 9, 1, 0, 0)
    sheets["History"] = [["Version", "Date"], ["1.0", "1.6.2026"], ["1.1", "2026-06-02"]]
    assessment, problems = read(tmp_path, sheets)
    # day and month both 12 or less: read day first, with a warning saying so
    assert problems == [
        "wb.xlsx:Measures!G2: warning: M1: Due date: '01-12-2026' is read day first, as "
        "1 December 2026; if you meant 12 January 2026, write 2026-01-12",
        "wb.xlsx:History!B2: warning: 1.0: Date: '1.6.2026' is read day first, as 1 June 2026; "
        "if you meant 6 January 2026, write 2026-01-06",
    ]
    assert assessment.info.date == dt.date(2026, 5, 25)
    assert assessment.info.review_date == dt.date(2027, 5, 25)
    assert [m.due_date for m in assessment.measures] == [dt.date(2026, 12, 1),
                                                         dt.date(2026, 9, 1)]
    assert [h.date for h in assessment.history] == [dt.date(2026, 6, 1), dt.date(2026, 6, 2)]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("next month", "'next month' is not a date (use a date cell, 2026-05-25, or day "
                       "first: 25-05-2026, 25/05/2026, 25.05.2026)"),
        ("31-02-2026", "'31-02-2026' is not a valid date; write it as a date cell, 2026-05-25, "
                       "or day first: 25-05-2026, 25/05/2026, 25.05.2026"),
        ("05/25/2026", "'05/25/2026' is not a valid date (text dates are read day first, then "
                       "the month); write it as a date cell, 2026-05-25, or day first: "
                       "25-05-2026, 25/05/2026, 25.05.2026"),
        (45000, "'45000' is not a date (use a date cell, 2026-05-25, or day first: "
                "25-05-2026, 25/05/2026, 25.05.2026)"),
    ],
)
def test_wrong_date_is_an_error_naming_the_cell(tmp_path, value, message):
    sheets = minimal_sheets()
    sheets["Measures"][2][6] = value
    _, problems = read(tmp_path, sheets)
    assert problems == [f"wb.xlsx:Measures!G3: error: M2: Due date: {message}"]


def test_list_cells_split_on_new_lines_semicolons_and_commas(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Personal data",
             "Name, address\nE-mail; phone (mobile, landline);;")
    set_cell(sheets, "Processing", "P1", "Recipients", "n/a")
    set_cell(sheets, "Processing", "P1", "Special categories", "None")
    set_cell(sheets, "Risks", "R1", "Measures", "M1\nM2")
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    p1 = assessment.processing[0]
    assert p1.personal_data == ("Name", "address", "E-mail", "phone (mobile, landline)")
    assert p1.recipients == () and p1.special_categories == ()
    assert risk(assessment, "R1").measures == ("M1", "M2")


def test_none_words_are_data_in_a_required_list(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Data subjects", "none")
    assessment, problems = read(tmp_path, sheets)
    assert problems == [] and assessment.processing[0].data_subjects == ("none",)


def test_all_expands_to_every_processing_id(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Processing", "ALL")
    set_cell(sheets, "Risks", "R2", "Processing", "p2")  # case differs from the sheet
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    r1 = risk(assessment, "R1")
    assert r1.processing == ("P1", "P2") and r1.applies_to_all
    assert risk(assessment, "R2").processing == ("P2",)
    assert not risk(assessment, "R2").applies_to_all


def test_all_must_stand_alone(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Processing", "P1, all")
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!B2: error: R1: Processing: 'all' stands alone; list IDs or write only "
        "'all'"]


@pytest.mark.parametrize(
    ("basis", "points"),
    [
        ("Consent", ("a",)),
        ("Art. 6(1)(b) GDPR", ("b",)),
        ("6 (1) c and Public task under the Schools Act", ("c", "e")),
        ("Wettelijke verplichting (art. 6 lid 1 sub c AVG)", ("c",)),
        ("6 lid 1, onder e", ("e",)),
        ("Vital interests; legitimate interests", ("d", "f")),
        ("arbeidsovereenkomst", ("b",)),
    ],
)
def test_lawful_basis_names_art_6_points_anywhere(tmp_path, basis, points):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Lawful basis", basis)
    set_cell(sheets, "Processing", "P1", "Legitimate interest", "Fraud prevention")
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert assessment.processing[0].lawful_bases == points
    assert assessment.processing[0].lawful_basis == basis


def test_enumerations_in_both_languages_and_wrong_words(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M1", "Status", "Gereed")
    set_cell(sheets, "Measures", "M1", "Type", "Physical")  # free text is kept
    set_cell(sheets, "Measures", "M2", "Status", "someday")
    set_cell(sheets, "Risks", "R1", "Treatment", "ignore")
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!K2: error: R1: Treatment: 'ignore' is not a treatment (reduce, accept, "
        "avoid, transfer)",
        "wb.xlsx:Measures!E3: error: M2: Status: 'someday' is not a status (implemented, "
        "planned, in progress)",
    ]
    assert (assessment.measures[0].status, assessment.measures[0].type) == (
        "implemented", "Physical")


def test_screening_applies_must_be_yes_or_no(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [["Criterion", "Applies"], ["monitoring", "maybe"]]
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Screening!B2: error: monitoring: Applies: 'maybe' is not yes or no"]


def test_text_is_trimmed_and_numbers_read_as_text(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Name", "  Loyalty\taccounts  \n")
    set_cell(sheets, "Processing", "P1", "Retention", 2)
    sheets["Processing"][0].append("Data subjects count")
    sheets["Processing"][1].append(12000.0)
    sheets["Processing"][0].append("Systems")
    sheets["Processing"][1].append(0.1 + 0.2)
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    p1 = assessment.processing[0]
    assert (p1.name, p1.retention, p1.data_subjects_count, p1.systems) == (
        "Loyalty\taccounts", "2", "12000", "0.3")


def test_markup_and_template_syntax_are_kept_literally(tmp_path):
    sheets = minimal_sheets()
    text = "{{ secret }} <b>bold</b> & {% if x %}"
    set_cell(sheets, "Risks", "R1", "Risk", text)
    assessment, problems = read(tmp_path, sheets)
    assert problems == [] and risk(assessment, "R1").risk == text


# --- Excel escapes and control characters ------------------------------------------------


def test_excel_escapes_decoded_in_inline_strings(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Risk", "Line one_x000D_\nline two_x0007_ end")
    set_cell(sheets, "Risks", "R2", "Risk", "literal _x005F_x000D_ stays")
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert risk(assessment, "R1").risk == "Line one\nline two end"
    assert risk(assessment, "R2").risk == "literal _x000D_ stays"


def test_excel_escapes_decoded_in_shared_strings(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Risk", "Shared_x000D_\nstring_x0001_")
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    use_shared_strings(path, 3, ["C2", "F2"])
    with zipfile.ZipFile(path) as archive:  # the text really is in the shared table now
        assert b"Shared_x000D_" in archive.read("xl/sharedStrings.xml")
    assessment, problems = read_workbook(path, name=NAME)
    assert problems == []
    assert risk(assessment, "R1").risk == "Shared\nstring"
    assert risk(assessment, "R1").likelihood == 2


# --- formulas -------------------------------------------------------------------------------


def test_formula_without_cached_value_is_an_error_naming_the_cell(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Likelihood", "=1+1")
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!F3: error: R2: formula =1+1 has no calculated value (the workbook was "
        "written by a program and never opened in a spreadsheet application); open it in "
        "Excel or LibreOffice and save it"]


def test_formula_read_through_its_cached_value(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", '=IF(TRUE,"Probable","Remote")')
    set_cell(sheets, "Risks", "R1", "Impact", "=1+2")
    set_cell(sheets, "Risks", "R1", "Owner", '=""')
    sheets["Assessment"][1][1] = '="Customer "&"programme"'
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    set_cached_value(path, 3, "F2", "Probable")
    set_cached_value(path, 3, "G2", "3", text=False)
    set_cached_value(path, 3, "L2", "")
    set_cached_value(path, 1, "B2", "Customer programme")
    assessment, problems = read_workbook(path, name=NAME)
    assert problems == []
    r1 = risk(assessment, "R1")
    assert (r1.likelihood, r1.impact, r1.owner) == (3, 3, "")
    assert assessment.info.title == "Customer programme"


def test_formula_outside_the_known_columns_is_ignored(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0].append("Score")
    sheets["Risks"][1].append("=F2*G2")
    _, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Risks!1: warning: unknown column(s) ignored: 'Score' (M)"]


def test_spreadsheet_error_value_is_an_error(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Impact", "=1/0")
    path = write_workbook(tmp_path / "in.xlsx", sheets)

    def to_error(xml):
        return xml.replace('<c r="G2"><f>1/0</f><v></v></c>',
                           '<c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')

    from workbooks import edit_part, sheet_part
    edit_part(path, sheet_part(3), to_error)
    _, problems = read_workbook(path, name=NAME)
    assert [str(p) for p in problems] == [
        "wb.xlsx:Risks!G2: error: R1: the cell holds the spreadsheet error #DIV/0!"]


# --- problems: order, all at once -----------------------------------------------------------


def test_all_problems_at_once_sorted_by_sheet_row_and_column(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M2", "Due date", "soon")
    set_cell(sheets, "Risks", "R2", "Impact", "Huge")
    set_cell(sheets, "Risks", "R1", "Treatment", "pray")
    set_cell(sheets, "Risks", "R1", "Likelihood", "Often")
    set_cell(sheets, "Processing", "P2", "Name", "")
    _, problems = read(tmp_path, sheets)
    cells = [p.split(": ")[0] for p in problems]
    assert cells == ["wb.xlsx:Processing!B3", "wb.xlsx:Risks!F2", "wb.xlsx:Risks!K2",
                     "wb.xlsx:Risks!G3", "wb.xlsx:Measures!G3"]


# --- load_assessment ----------------------------------------------------------------------


def test_load_assessment_raises_with_every_problem(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Often")
    set_cell(sheets, "Risks", "R2", "Residual likelihood", None)
    set_cell(sheets, "Risks", "R2", "Residual impact", None)
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    with pytest.raises(WorkbookInvalid) as caught:
        load_assessment(path, name=NAME)
    assert [p.severity for p in caught.value.problems] == ["error", "warning"]


def test_load_assessment_returns_warnings_and_strict_refuses_them(tmp_path):
    sheets = minimal_sheets()
    sheets["Risks"][0].append("Comment")
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    assessment, warnings = load_assessment(path)
    assert len(assessment.risks) == 2 and [w.severity for w in warnings] == ["warning"]
    with pytest.raises(WorkbookInvalid) as caught:
        load_assessment(path, strict=True, name=NAME)
    assert [str(p) for p in caught.value.problems] == [
        "wb.xlsx:Risks!1: error: unknown column(s) ignored: 'Comment' (M)"]


def test_lang_overrides_language_and_preset_names(tmp_path):
    path = write_workbook(tmp_path / "in.xlsx", minimal_sheets())
    assessment, _ = load_assessment(path, lang="nl")
    assert assessment.info.language == "nl"
    assert [level.name for level in assessment.matrix.levels] == ["Laag", "Midden", "Hoog"]
    assert risk(assessment, "R1").likelihood == 2  # read with the English names all the same


def test_lang_override_silences_an_unsupported_language(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Language", "fr"])
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    assessment, warnings = load_assessment(path, lang="en", strict=True)
    assert warnings == [] and assessment.info.language == "en"


@pytest.mark.parametrize(("typed", "code"), [("NL", "nl"), ("Nederlands", "nl"),
                                             ("English", "en"), ("", "en")])
def test_language_field(tmp_path, typed, code):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Language", typed])
    assessment, problems = read(tmp_path, sheets)
    assert problems == [] and assessment.info.language == code


def test_unsupported_language_is_a_warning_and_english_is_used(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Taal", "it"])
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment!B9: warning: Language: 'it' is not a report language (en, de, fr or "
        "nl); the report will be in English"]
    assert assessment.info.language == "en"


# --- files that are not workbooks -----------------------------------------------------------


def test_damaged_workbook_is_one_line_file_format_error(tmp_path):
    path = write_workbook(tmp_path / "in.xlsx", minimal_sheets())
    from workbooks import edit_part, sheet_part
    edit_part(path, sheet_part(3), lambda xml: xml.replace("</sheetData>", "<row><c r=", 1))
    with pytest.raises(FileFormatError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    assert "Traceback" not in message


def test_csv_is_refused_before_opening(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("ID,Name\nP1,x\n")
    with pytest.raises(FileFormatError):
        read_workbook(path)


def test_workbook_with_a_title_row_written_by_openpyxl_in_place(tmp_path):
    # a workbook edited in place (insert_rows) rather than built row by row
    path = write_workbook(tmp_path / "in.xlsx", minimal_sheets())
    workbook = openpyxl.load_workbook(path)
    workbook["Processing"].insert_rows(1)
    workbook["Processing"]["A1"] = "Processing operations"
    workbook.save(path)
    assessment, problems = read_workbook(path)
    assert problems == []
    assert assessment.processing[0].origin.row == 3


def test_reading_does_not_import_numpy_which_still_imports_afterwards(tmp_path):
    # the reader keeps openpyxl from importing numpy (0.1 s of every run); a program that
    # uses numpy after reading a workbook must still get it
    pytest.importorskip("numpy")
    import subprocess
    import sys

    path = write_workbook(tmp_path / "in.xlsx", minimal_sheets())
    code = (
        "import sys\n"
        "from dpia.reader import read_workbook\n"
        f"assessment, problems = read_workbook({str(path)!r})\n"
        "print(assessment is not None, problems == [], 'numpy' in sys.modules)\n"
        "import numpy\n"
        "print(numpy.add(1, 2))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["True", "True", "False", "3"]


def test_shared_strings_read_whole_or_event_by_event_as_openpyxl_reads_them():
    # small tables are parsed whole, large ones event by event: both as openpyxl reads them
    import io

    from openpyxl.reader.strings import read_string_table

    from dpia.reader.openpyxl_cells import _shared_strings

    table = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>plain</t></si><si><t/></si><si/>"
        b'<si><t xml:space="preserve"> spaced </t></si>'
        b"<si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></si>"
        b"<si><t>first</t><r><t>run</t></r></si>"
        b"<si><t>with phonetic</t><rPh sb=\"0\" eb=\"1\"><t>ph</t></rPh></si>"
        b"<si><t>x005F_x000D_ kept</t></si><si><t>two</t><t>ts</t></si></sst>"
    )
    # as openpyxl reads them, except that its removal of "x005F_" is left to cells.decode_escapes
    expected = [str(text) for text in read_string_table(io.BytesIO(table))]
    expected[7] = "x005F_x000D_ kept"
    assert _shared_strings(io.BytesIO(table), len(table)) == expected
    assert _shared_strings(io.BytesIO(table), 0) == expected
    assert expected[:4] == ["plain", "", "", " spaced "]
