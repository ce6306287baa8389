"""The risk matrix of a workbook: a named preset, or one defined in the Scales, Risk levels and
Matrix sheets, with every consistency rule of the format and the cell each problem names."""

from __future__ import annotations

import pytest
from workbooks import minimal_sheets, set_cell, write_workbook
from workbooks import read_sheets as read

from dpia.matrix import preset
from dpia.reader import load_assessment
from dpia.scoring import score

NAME = "wb.xlsx"


def with_matrix_field(sheets, value):
    sheets["Assessment"].append(["Matrix", value])  # row 9: its value is Assessment!B9
    return sheets


def four_level_sheets(grid: bool = False) -> dict:
    """A workbook on a custom 4×4 matrix with three levels by score bands (or a grid)."""
    sheets = minimal_sheets()
    names = {"likelihood": ["Rare", "Unlikely", "Likely", "Certain"],
             "impact": ["Minor", "Moderate", "Serious", "Critical"]}
    sheets["Scales"] = [["Axis", "Value", "Name", "Description"]] + [
        [axis, value, name, f"{name} {axis}"]
        for axis, levels in names.items() for value, name in enumerate(levels, start=1)
    ]
    sheets["Risk levels"] = [
        ["Level", "From score", "To score", "Colour", "Acceptable"],
        ["Low", 1, 3, "green", ""],
        ["Medium", 4, None, "#ffc000", ""],
        ["High", 8, 16, "", ""],
    ]
    if grid:
        sheets["Matrix"] = [
            ["Likelihood \\ Impact", "Minor", "Moderate", "Serious", "Critical"],
            ["Rare", "Low", "Low", "Low", "Medium"],
            ["Unlikely", "Low", "Low", "Medium", "High"],
            ["Likely", "Low", "Medium", "High", "High"],
            ["Certain", "Medium", "High", "High", "High"],
        ]
    for risk_id, (likelihood, impact, residual_likelihood, residual_impact) in {
        "R1": ("Likely", "Critical", "Unlikely", 2), "R2": ("Rare", "Minor", "Rare", 1),
    }.items():
        set_cell(sheets, "Risks", risk_id, "Likelihood", likelihood)
        set_cell(sheets, "Risks", risk_id, "Impact", impact)
        set_cell(sheets, "Risks", risk_id, "Residual likelihood", residual_likelihood)
        set_cell(sheets, "Risks", risk_id, "Residual impact", residual_impact)
    return sheets


# --- presets --------------------------------------------------------------------------------


def test_empty_matrix_field_means_ico(tmp_path):
    assessment, problems = read(tmp_path, minimal_sheets())
    assert problems == [] and assessment.matrix == preset("ico", "en")


@pytest.mark.parametrize("typed", ["CNIL", "cnil", " Cnil ", "CNIL (4×4)"])
def test_matrix_field_names_a_preset(tmp_path, typed):
    sheets = with_matrix_field(minimal_sheets(), typed)
    for risk_id in ("R1", "R2"):
        set_cell(sheets, "Risks", risk_id, "Likelihood", "Important")  # the CNIL alias for 3
        set_cell(sheets, "Risks", risk_id, "Impact", "Maximaal")
        set_cell(sheets, "Risks", risk_id, "Residual likelihood", 1)
        set_cell(sheets, "Risks", risk_id, "Residual impact", "Limited")
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert assessment.matrix.name == "cnil"
    assert (assessment.risks[0].likelihood, assessment.risks[0].impact) == (3, 4)


def test_unknown_matrix_name_is_an_error_at_the_field(tmp_path):
    assessment, problems = read(tmp_path, with_matrix_field(minimal_sheets(), "iso27005"))
    assert problems == [
        "wb.xlsx:Assessment!B9: error: Matrix: unknown matrix 'iso27005'; name a preset (ico, "
        "cnil, 5x5, enisa), or 'custom' with Scales and Risk levels sheets"]
    assert assessment is None


def test_custom_without_scales_sheet_is_an_error(tmp_path):
    assessment, problems = read(tmp_path, with_matrix_field(minimal_sheets(), "custom"))
    assert problems == [
        "wb.xlsx:Assessment!B9: error: Matrix: 'custom' needs the Scales and Risk levels "
        "sheets (dpia init writes them); or name a preset: ico, cnil, 5x5, enisa"]
    assert assessment is None


def test_risk_levels_sheet_without_scales_is_ignored_with_a_warning(tmp_path):
    sheets = minimal_sheets()
    sheets["Risk levels"] = [["Level", "From score"], ["Low", 1]]
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels: warning: ignored: a matrix defined in the workbook needs a "
        "Scales sheet too; the preset 'ico' is used"]
    assert assessment.matrix.name == "ico"


def test_level_value_beyond_the_preset_scale_is_an_error(tmp_path):
    sheets = with_matrix_field(minimal_sheets(), "5x5")
    set_cell(sheets, "Risks", "R1", "Likelihood", 5)
    set_cell(sheets, "Risks", "R1", "Impact", "Extreme")
    set_cell(sheets, "Risks", "R1", "Residual impact", "major")
    set_cell(sheets, "Risks", "R2", "Likelihood", 6)
    set_cell(sheets, "Risks", "R2", "Impact", 4)
    set_cell(sheets, "Risks", "R2", "Residual impact", "Significant")  # an ico name
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!F3: error: R2: Likelihood: '6' is not a level of the likelihood scale "
        "(Remote, Unlikely, Possible, Likely, Almost certain, or a value 1-5)",
        "wb.xlsx:Risks!J3: error: R2: Residual impact: 'Significant' is not a level of the "
        "impact scale (Negligible, Minor, Moderate, Major, Extreme, or a value 1-5)",
    ]
    r1 = assessment.risks[0]
    assert (r1.likelihood, r1.impact, r1.residual_likelihood, r1.residual_impact) == (5, 5, 1, 4)


# --- a custom matrix from the sheets --------------------------------------------------------


def test_custom_matrix_by_score_bands(tmp_path):
    assessment, problems = read(tmp_path, four_level_sheets())
    assert problems == []
    matrix = assessment.matrix
    assert (matrix.name, matrix.preset) == ("custom", False)
    assert [level.name for level in matrix.likelihood] == ["Rare", "Unlikely", "Likely",
                                                           "Certain"]
    assert matrix.impact[3].description == "Critical impact"
    assert [(lv.name, lv.from_score, lv.to_score) for lv in matrix.levels] == [
        ("Low", 1, 3), ("Medium", 4, 7), ("High", 8, 16)]
    assert [lv.colour for lv in matrix.levels] == ["00B050", "FFC000", "C00000"]
    assert [lv.acceptable for lv in matrix.levels] == [True, True, False]
    scored = score(assessment)
    r1, r2 = scored.risks
    assert (r1.inherent.score, matrix.levels[r1.inherent.level].name) == (12, "High")
    assert (r2.inherent.score, matrix.levels[r2.inherent.level].name) == (1, "Low")
    assert (r1.residual.score, matrix.levels[r1.residual.level].name) == (4, "Medium")


def test_custom_matrix_by_grid_overrides_bands(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Risk levels"] = [["Level", "Acceptable", "Colour"],
                             ["Low", "yes", "groen"], ["Medium", "ja", ""],
                             ["High", "no", "dark red"]]
    sheets["Matrix"][0:0] = [["Our matrix"], []]  # the grid may sit under a title
    with_matrix_field(sheets, "Corporate 4x4")
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    matrix = assessment.matrix
    assert (matrix.name, matrix.title, matrix.preset) == ("Corporate 4x4", "Corporate 4x4",
                                                          False)
    assert matrix.grid == ((0, 0, 0, 1), (0, 0, 1, 2), (0, 1, 2, 2), (1, 2, 2, 2))
    assert [lv.colour for lv in matrix.levels] == ["00B050", "FFC000", "8B0000"]
    assert dict(assessment.source.sheet_rows)["Matrix"] == 4


def test_grid_with_rows_and_columns_in_any_order_and_values(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"] = [
        ["", 4, "Serious", "moderate", "Minor"],
        ["Certain", "High", "High", "High", "Medium"],
        ["Rare", "Medium", "Low", "Low", "Low"],
        [2, "High", "Medium", "Low", "Low"],
        ["Likely", "High", "High", "Medium", "Low"],
    ]
    assessment, problems = read(tmp_path, sheets)
    assert problems == []
    assert assessment.matrix.grid == ((0, 0, 0, 1), (0, 0, 1, 2), (0, 1, 2, 2), (1, 2, 2, 2))


def test_sheets_equal_to_the_named_preset_keep_its_name_and_other_language(tmp_path):
    sheets = with_matrix_field(minimal_sheets(), "ico")
    sheets["Scales"] = [["As", "Waarde", "Naam"],
                        ["kans", 1, "Laag"], ["kans", 2, "Midden"], ["kans", 3, "Hoog"],
                        ["impact", 1, "Laag"], ["impact", 2, "Midden"], ["impact", 3, "Hoog"]]
    sheets["Risk levels"] = [["Niveau", "Kleur"], ["Laag", ""], ["Midden", ""], ["Hoog", ""]]
    sheets["Matrix"] = [["", "Laag", "Midden", "Hoog"],
                        ["Laag", "Laag", "Laag", "Laag"],
                        ["Midden", "Laag", "Midden", "Hoog"],
                        ["Hoog", "Laag", "Hoog", "Hoog"]]
    assessment, problems = read(tmp_path, sheets)  # Risks say Possible, Severe...: English
    assert problems == []
    matrix = assessment.matrix
    assert (matrix.name, matrix.preset) == ("ico", False)
    assert (assessment.risks[0].likelihood, assessment.risks[0].impact) == (2, 3)
    # the preset written out in Dutch is named in the report language (en here), like the
    # preset itself; its Dutch names are still accepted
    assert [level.name for level in matrix.likelihood] == ["Remote", "Possible", "Probable"]
    assert matrix.likelihood[0].description == preset("ico", "en").likelihood[0].description
    assert "Midden" in matrix.likelihood[1].aliases and "Laag" in matrix.levels[0].aliases
    dutch = load_assessment(tmp_path / "in.xlsx", lang="nl")[0].matrix
    assert [level.name for level in dutch.levels] == ["Laag", "Midden", "Hoog"]


def test_a_custom_matrix_keeps_its_names_in_any_report_language(tmp_path):
    write_workbook(tmp_path / "in.xlsx", four_level_sheets())
    matrix = load_assessment(tmp_path / "in.xlsx", lang="nl")[0].matrix
    assert [level.name for level in matrix.likelihood] == ["Rare", "Unlikely", "Likely",
                                                           "Certain"]


def test_sheets_that_differ_from_the_named_preset_warn_at_the_field(tmp_path):
    sheets = with_matrix_field(four_level_sheets(), "ico")
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Assessment!B9: warning: Matrix: names the preset 'ico' but the Scales, Risk "
        "levels and Matrix sheets define a different matrix; the sheets are used"]
    assert assessment.matrix.name == "custom" and len(assessment.matrix.likelihood) == 4


def test_risk_levels_of_a_custom_matrix_are_checked_against_its_scales(tmp_path):
    sheets = four_level_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Possible")  # an ico name, not ours
    set_cell(sheets, "Risks", "R2", "Impact", 5)
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risks!F2: error: R1: Likelihood: 'Possible' is not a level of the likelihood "
        "scale (Rare, Unlikely, Likely, Certain, or a value 1-4)",
        "wb.xlsx:Risks!G3: error: R2: Impact: '5' is not a level of the impact scale (Minor, "
        "Moderate, Serious, Critical, or a value 1-4)",
    ]


# --- consistency errors ---------------------------------------------------------------------


def test_scale_values_with_a_gap(tmp_path):
    sheets = four_level_sheets()
    sheets["Scales"][3][1] = 5  # likelihood 1, 2, 5, 4: 3 is missing
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Scales!B5: error: likelihood 4: likelihood values must run from 1 without "
        "gaps; 3 is missing"]
    assert assessment is None


def test_scale_value_twice_and_name_twice(tmp_path):
    sheets = four_level_sheets()
    sheets["Scales"][3][1] = 2
    sheets["Scales"][8][2] = "minor"
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Scales!B4: error: likelihood 2: likelihood value 2 appears twice (first in "
        "row 3)",
        "wb.xlsx:Scales!C9: error: impact 4: impact level name 'minor' appears twice (first in "
        "row 6)",
    ]


def test_scale_axis_and_value_must_be_readable(tmp_path):
    sheets = four_level_sheets()
    sheets["Scales"][2][0] = "probability?"
    sheets["Scales"][6][1] = 2.5
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Scales!A3: error: probability? 2: Axis 'probability?' is neither likelihood "
        "nor impact",
        "wb.xlsx:Scales!B7: error: impact 2.5: Value: '2.5' is not a whole number",
    ]


def test_scale_without_impact_levels(tmp_path):
    sheets = four_level_sheets()
    sheets["Scales"] = sheets["Scales"][:5]
    _, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Scales: error: no impact levels on the Scales sheet"]


def test_scales_without_risk_levels_sheet(tmp_path):
    sheets = four_level_sheets()
    del sheets["Risk levels"]
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Scales: error: a matrix defined in the workbook needs a 'Risk levels' sheet "
        "next to Scales"]


def test_bands_that_overlap(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"][2][1] = 3  # Medium 3-7 overlaps Low 1-3
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels!B3: error: Medium: score band 3-7 overlaps 'Low' (1-3)"]


def test_bands_that_leave_a_reachable_score_uncovered(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"][2][2] = 5  # Medium 4-5; 6 reachable (2×3), 7 is not
    _, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Risk levels!B4: error: High: no risk level covers score 6"]


def test_bands_that_stop_below_the_highest_score(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"][3][2] = 9  # High 8-9; 12 and 16 left out
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels!C4: error: High: no risk level covers scores 12, 16"]


def test_band_that_ends_before_it_starts(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"][1][2] = 0
    sheets["Risk levels"][2][2] = 2  # Medium 4-2
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels!C2: error: Low: To score: '0' is below 1, the lowest score",
        "wb.xlsx:Risk levels!C3: error: Medium: score band 4-2 ends before it starts",
    ]


def test_from_score_needed_without_a_grid(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"][3][1] = None
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels!B4: error: High: From score is empty (required when there is no "
        "Matrix sheet with a grid)"]


def test_from_score_column_missing_names_each_level(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"] = [["Level"], ["Low"], ["Medium"], ["High"]]
    _, problems = read(tmp_path, sheets)
    assert [p.split(": error:")[0] for p in problems] == [
        "wb.xlsx:Risk levels!A2", "wb.xlsx:Risk levels!A3", "wb.xlsx:Risk levels!A4"]


def test_wrong_colour_and_acceptable_and_level_twice(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"][1][3] = "greenish"
    sheets["Risk levels"][2][4] = "perhaps"
    sheets["Risk levels"][3][0] = "low"
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels!D2: error: Low: Colour: 'greenish' is not a colour (use a hex "
        "code such as #C00000 or a name such as red, orange, yellow, green)",
        "wb.xlsx:Risk levels!E3: error: Medium: Acceptable: 'perhaps' is not yes or no",
        "wb.xlsx:Risk levels!A4: error: low: level 'low' appears twice (first in row 2)",
    ]


def test_grid_cell_naming_no_level(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"][2][3] = "Amber"
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Matrix!D3: error: Unlikely: 'Amber' is not a risk level (Low, Medium, High)"]


def test_grid_cell_empty(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"][4][4] = None
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Matrix!E5: error: Certain: every cell of the grid must name a risk level "
        "(Low, Medium, High)"]


def test_grid_missing_an_impact_column(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"] = [row[:4] for row in sheets["Matrix"]]
    _, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Matrix!1: error: the grid has no column for impact 'Critical'"]


def test_grid_missing_a_likelihood_row_and_unknown_names(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"][0].append("Catastrophic")
    sheets["Matrix"][4][0] = "Sure"
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Matrix!F1: error: 'Catastrophic' is not an impact level",
        "wb.xlsx:Matrix!A5: error: 'Sure' is not a likelihood level",
    ]


def test_grid_row_twice_and_row_missing(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"][4][0] = "Rare"
    assessment, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Matrix!A5: error: likelihood 'Rare' appears twice in the grid"]
    sheets["Matrix"].pop(4)
    assessment, problems = read(tmp_path, sheets)
    assert problems == ["wb.xlsx:Matrix: error: the grid has no row for likelihood 'Certain'"]
    assert assessment is None


def test_decreasing_grid_is_a_warning_at_each_cell(tmp_path):
    sheets = four_level_sheets(grid=True)
    sheets["Matrix"][4][4] = "Medium"  # Certain × Critical below Likely × Critical (High)
    assessment, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Matrix!E5: warning: the risk level falls to 'Medium' at likelihood 'Certain', "
        "impact 'Critical', lower than a cell with lower likelihood or impact"]
    assert assessment.matrix.grid[3][3] == 1


def test_decreasing_bands_warn_on_the_risk_levels_sheet(tmp_path):
    sheets = four_level_sheets()
    sheets["Risk levels"] = [["Level", "From score", "To score"],
                             ["Low", 1, 3], ["Medium", 8, 16], ["High", 4, 7]]
    _, problems = read(tmp_path, sheets)
    assert problems == [
        "wb.xlsx:Risk levels: warning: the risk level falls as likelihood or impact increases "
        "at Unlikely × Critical: Medium; Likely × Serious: Medium; Certain × Moderate: Medium; "
        "list the levels from lowest to highest score"]
