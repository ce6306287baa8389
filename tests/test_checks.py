"""Cross-reference checks: each rule, the cell it names and the row ID in its message."""

from __future__ import annotations

from workbooks import minimal_sheets, set_cell, write_workbook

from dpia import checks
from dpia.reader import read_workbook

NAME = "wb.xlsx"


def problems_of(tmp_path, sheets) -> list[str]:
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    _, problems = read_workbook(path, name=NAME)
    return [str(p) for p in problems]


def test_minimal_workbook_passes_every_rule(tmp_path):
    assert problems_of(tmp_path, minimal_sheets()) == []


def test_unknown_processing_id_names_the_cell_and_the_id(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Processing", "P2; P9\nP10")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Risks!B3: error: R2: unknown processing ID 'P9'",
        "wb.xlsx:Risks!B3: error: R2: unknown processing ID 'P10'",
    ]


def test_unknown_measure_id(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Measures", "M1, M7")
    assert problems_of(tmp_path, sheets) == ["wb.xlsx:Risks!H2: error: R1: unknown measure ID 'M7'"]


def test_measure_ids_without_a_measures_sheet(tmp_path):
    sheets = minimal_sheets()
    del sheets["Measures"]
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Risks!H2: error: R1: unknown measure ID 'M1' (the workbook has no measures)",
        "wb.xlsx:Risks!H3: error: R2: unknown measure ID 'M2' (the workbook has no measures)",
    ]


def test_ids_of_a_risk_with_a_wrong_level_are_still_checked(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Often")
    set_cell(sheets, "Risks", "R1", "Processing", "P3")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Risks!B2: error: R1: unknown processing ID 'P3'",
        "wb.xlsx:Risks!F2: error: R1: Likelihood: 'Often' is not a level of the likelihood "
        "scale (Remote, Possible, Probable, or a value 1-3)",
    ]


def test_duplicate_ids_on_each_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Processing"].append(list(sheets["Processing"][1]))
    sheets["Risks"][2][0] = "r1"  # the same ID in another case
    sheets["Measures"].append(["M2", "Another"])
    sheets["Risks"][1][7] = "M1, M2"
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!A4: error: P1: duplicate ID (first in row 2)",
        "wb.xlsx:Risks!A3: error: r1: duplicate ID (first in row 2)",
        "wb.xlsx:Measures!A4: error: M2: duplicate ID (first in row 3)",
    ]


def test_special_categories_without_art_9_condition(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Special categories", "Health data")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!I2: error: P1: special categories of data are processed but no "
        "Art. 9 condition is given"]
    set_cell(sheets, "Processing", "P1", "Art. 9 condition", "Art. 9(2)(a) explicit consent")
    assert problems_of(tmp_path, sheets) == []


def test_condition_column_missing_names_the_key_cell(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P2", "Special categories", "Health data")
    for row in sheets["Processing"]:
        del row[8]  # Art. 9 condition
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!A3: error: P2: special categories of data are processed but no "
        "Art. 9 condition is given"]


def test_transfers_without_safeguard(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P2", "Transfers", "United States; India")
    set_cell(sheets, "Processing", "P2", "Transfer safeguard", "")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!N3: error: P2: data are transferred to United States, India but no "
        "transfer safeguard is given (adequacy decision, SCC, BCR or a derogation)"]


def test_transfers_none_needs_no_safeguard(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P2", "Transfers", "geen")
    set_cell(sheets, "Processing", "P2", "Transfer safeguard", "")
    assert problems_of(tmp_path, sheets) == []


def test_lawful_basis_naming_no_basis(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Lawful basis", "Because we need it")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!D2: error: P1: Lawful basis: 'Because we need it' names no Art. "
        "6(1) basis (consent, contract, legal obligation, vital interests, public task, "
        "legitimate interests, or Art. 6(1)(a)-(f))"]


def test_empty_lawful_basis_is_reported_once(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Lawful basis", None)
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!D2: error: P1: Lawful basis is empty (required)"]


def test_legitimate_interests_without_the_interest_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P2", "Lawful basis", "Art. 6(1)(f)")
    set_cell(sheets, "Processing", "P2", "Legitimate interest", "")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!E3: warning: P2: the basis is legitimate interests but the interest "
        "pursued is not stated (Legitimate interest)"]


def test_processors_without_agreement_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Processor agreement", "")
    set_cell(sheets, "Processing", "P2", "Processors", "CloudCo")
    set_cell(sheets, "Processing", "P2", "Processor agreement", "Nee")
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Processing!L2: warning: P1: processors are listed but the processor agreement "
        "is not filled in (Art. 28)",
        "wb.xlsx:Processing!L3: warning: P2: processors are listed without a processor "
        "agreement ('Nee'; Art. 28)",
    ]


def test_processor_agreement_may_be_a_date(tmp_path):
    import datetime as dt

    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Processor agreement", dt.date(2025, 3, 1))
    path = write_workbook(tmp_path / "in.xlsx", sheets)
    assessment, problems = read_workbook(path)
    assert problems == [] and assessment.processing[0].processor_agreement == "2025-03-01"


def test_risk_never_reassessed_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", None)
    set_cell(sheets, "Risks", "R2", "Residual impact", "")
    set_cell(sheets, "Risks", "R1", "Residual likelihood", None)  # one column is enough
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Risks!I3: warning: R2: not re-assessed after the measures (Residual "
        "likelihood and Residual impact are empty); the residual risk is taken to be the "
        "inherent risk"]


def test_wrong_residual_is_not_also_reported_as_not_reassessed(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", "lower")
    set_cell(sheets, "Risks", "R2", "Residual impact", None)
    problems = problems_of(tmp_path, sheets)
    assert len(problems) == 1 and "Residual likelihood: 'lower'" in problems[0]


def test_measure_addressing_no_risk_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    sheets["Measures"].append(["M3", "Privacy training", "organisational"])
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Measures!A4: warning: M3: addresses no risk (no Risks row lists it under "
        "Measures)"]


def test_unanswered_screening_is_a_warning_at_the_applies_cell(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [["Criterion", "Justification", "Applies"],
                           ["evaluation", "Scores", "yes"],
                           ["large-scale", "", None]]
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Screening!C3: warning: large-scale: Applies is not answered (counts as no)"]


def test_unanswered_screening_names_the_dutch_column_on_a_dutch_sheet(tmp_path):
    sheets = minimal_sheets()
    sheets["Voortoets"] = [["Criterium", "Van toepassing", "Toelichting"],
                           ["monitoring", None, ""]]
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Voortoets!B2: warning: monitoring: Van toepassing is not answered "
        "(counts as no)"]


def test_screening_criterion_listed_twice_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [["Criterion", "Applies"],
                           ["monitoring", "yes"],
                           ["Stelselmatige monitoring", "yes"],  # the same criterion in Dutch
                           ["Own list: cameras", "no"],
                           ["own list:  CAMERAS", "no"]]
    assert problems_of(tmp_path, sheets) == [
        "wb.xlsx:Screening!A3: warning: Stelselmatige monitoring: criterion listed twice "
        "(first in row 2); remove one, or it counts twice",
        "wb.xlsx:Screening!A5: warning: own list: CAMERAS: criterion listed twice (first in "
        "row 4); remove one, or it counts twice",
    ]


def test_rules_work_on_a_model_built_in_code():
    # the rules need no workbook; without column letters a problem names the row's key cell
    from factories import replace_risk, sample_assessment

    assessment = replace_risk(sample_assessment(), "R2", processing=("P2", "P5"))
    assert [str(p) for p in checks.run_checks(assessment, "x.xlsx")] == [
        "x.xlsx:Risks!A3: error: R2: unknown processing ID 'P5'",
        "x.xlsx:Risks!A4: warning: R3: not re-assessed after the measures (Residual likelihood "
        "and Residual impact are empty); the residual risk is taken to be the inherent risk",
        "x.xlsx:Screening!A4: warning: Own criterion: Applies is not answered (counts as no)",
    ]
