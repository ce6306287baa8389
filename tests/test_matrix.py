"""The four presets, cell by cell, as the spec's tables give them, in English and Dutch."""

import pytest

from dpia.matrix import (
    decreasing_cells,
    find_level_index,
    find_scale_value,
    grid_from_bands,
    parse_colour,
    preset,
    preset_key,
    reachable_scores,
    text_colour,
)
from dpia.model import RiskLevel

# Spec tables: rows likelihood (lowest first), columns impact (lowest first).
SPEC_GRIDS = {
    "ico": [
        ["Low", "Low", "Low"],
        ["Low", "Medium", "High"],
        ["Low", "High", "High"],
    ],
    "enisa": [
        ["Low", "Medium", "High", "High"],
        ["Low", "Medium", "High", "High"],
        ["Medium", "High", "High", "High"],
    ],
}


def cnil_level(likelihood: int, impact: int) -> str:
    # spec: Low when both values <= 2; High when both >= 3; Medium otherwise
    if likelihood <= 2 and impact <= 2:
        return "Low"
    if likelihood >= 3 and impact >= 3:
        return "High"
    return "Medium"


def five_by_five_level(score: int) -> str:
    # spec: 1-3 Very low, 4-6 Low, 8-12 Moderate, 15-25 High
    if score <= 3:
        return "Very low"
    if score <= 6:
        return "Low"
    if score <= 12:
        return "Moderate"
    return "High"


@pytest.mark.parametrize("key", ["ico", "enisa"])
def test_grid_presets_match_the_spec_tables_cell_by_cell(key):
    matrix = preset(key)
    for li, row in enumerate(SPEC_GRIDS[key], start=1):
        for im, expected in enumerate(row, start=1):
            assert matrix.level(li, im).name == expected, (key, li, im)


def test_cnil_levels_follow_the_quadrants_in_every_cell():
    matrix = preset("cnil")
    for li in range(1, 5):
        for im in range(1, 5):
            assert matrix.level(li, im).name == cnil_level(li, im), (li, im)


def test_5x5_levels_follow_the_score_bands_in_every_cell():
    matrix = preset("5x5")
    for li in range(1, 6):
        for im in range(1, 6):
            assert matrix.level(li, im).name == five_by_five_level(li * im), (li, im)


SCALE_NAMES = {
    ("ico", "en"): (["Remote", "Possible", "Probable"], ["Minimal", "Significant", "Severe"],
                    ["Low", "Medium", "High"]),
    ("ico", "nl"): (["Laag", "Midden", "Hoog"], ["Laag", "Midden", "Hoog"],
                    ["Laag", "Midden", "Hoog"]),
    ("cnil", "en"): (["Negligible", "Limited", "Significant", "Maximum"],
                     ["Negligible", "Limited", "Significant", "Maximum"],
                     ["Low", "Medium", "High"]),
    ("cnil", "nl"): (["Verwaarloosbaar", "Beperkt", "Belangrijk", "Maximaal"],
                     ["Verwaarloosbaar", "Beperkt", "Belangrijk", "Maximaal"],
                     ["Laag", "Midden", "Hoog"]),
    ("5x5", "en"): (["Remote", "Unlikely", "Possible", "Likely", "Almost certain"],
                    ["Negligible", "Minor", "Moderate", "Major", "Extreme"],
                    ["Very low", "Low", "Moderate", "High"]),
    ("5x5", "nl"): (["Zeer klein", "Klein", "Mogelijk", "Waarschijnlijk", "Vrijwel zeker"],
                    ["Verwaarloosbaar", "Gering", "Matig", "Groot", "Extreem"],
                    ["Zeer laag", "Laag", "Matig", "Hoog"]),
    ("enisa", "en"): (["Low", "Medium", "High"], ["Low", "Medium", "High", "Very high"],
                      ["Low", "Medium", "High"]),
    ("enisa", "nl"): (["Laag", "Midden", "Hoog"], ["Laag", "Midden", "Hoog", "Zeer hoog"],
                      ["Laag", "Midden", "Hoog"]),
}


@pytest.mark.parametrize("key,lang", sorted(SCALE_NAMES))
def test_preset_names_in_each_language(key, lang):
    likelihood, impact, levels = SCALE_NAMES[(key, lang)]
    matrix = preset(key, lang)
    assert [s.name for s in matrix.likelihood] == likelihood
    assert [s.name for s in matrix.impact] == impact
    assert [level.name for level in matrix.levels] == levels
    assert all(s.description for s in matrix.likelihood + matrix.impact)


@pytest.mark.parametrize("key", ["ico", "cnil", "5x5", "enisa"])
def test_only_the_highest_level_is_not_acceptable(key):
    levels = preset(key).levels
    assert [level.acceptable for level in levels] == [True] * (len(levels) - 1) + [False]


@pytest.mark.parametrize("key", ["ico", "cnil", "5x5", "enisa"])
def test_presets_never_decrease(key):
    assert decreasing_cells(preset(key)) == []


def test_dutch_and_english_names_and_synonyms_are_all_accepted():
    ico_nl = preset("ico", "nl")
    assert find_scale_value(ico_nl.likelihood, "Possible") == 2
    assert find_scale_value(ico_nl.likelihood, "gemiddeld") == 2
    assert find_scale_value(preset("ico").impact, "  HOOG ") == 3
    assert find_scale_value(preset("cnil").impact, "Important") == 3
    assert find_scale_value(preset("ico").impact, "Catastrophic") is None
    assert find_level_index(preset("5x5", "nl"), "very low") == 0


def test_preset_key_accepts_what_people_type():
    assert preset_key("ICO") == "ico"
    assert preset_key(" 5×5 ") == "5x5"
    assert preset_key("custom") is None


def test_bands_give_a_grid_and_a_gap_is_named():
    levels = [RiskLevel("Low", "00B050", True, 1, 2), RiskLevel("High", "C00000", False, 3, 4)]
    assert grid_from_bands(2, 2, levels) == ((0, 0), (0, 1))
    with pytest.raises(ValueError, match="score 4"):
        grid_from_bands(2, 2, levels[:1] + [RiskLevel("High", "C00000", False, 3, 3)])
    assert reachable_scores(3, 3) == [1, 2, 3, 4, 6, 9]


def test_colours_parse_and_text_stays_readable():
    assert parse_colour("#c00000") == "C00000"
    assert parse_colour("Rood") == "C00000"
    assert parse_colour("sort of red") is None
    assert text_colour("C00000") == "FFFFFF"
    assert text_colour("FFC000") == "000000"
    assert text_colour("92D050") == "000000"
