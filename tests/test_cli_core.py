"""The core commands as a user runs them: validate, score, matrix, screen; exit codes."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from test_matrix import SPEC_GRIDS, cnil_level, five_by_five_level
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia import __version__
from dpia.cli import cli
from dpia.matrix import preset


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path):
    return write_workbook(tmp_path / "loyalty.xlsx", minimal_sheets())


def test_version_and_help():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output
    result = run("--help")
    for command in ("validate", "score", "matrix", "screen"):
        assert command in result.output


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "dpia", "--version"], capture_output=True,
                          text=True)
    assert done.returncode == 0 and __version__ in done.stdout


def test_internal_error_is_one_line_with_exit_70_and_traceback_only_with_debug(
        workbook, monkeypatch):
    def broken(_assessment):
        raise RuntimeError("boom")

    monkeypatch.setattr("dpia.scoring.score", broken)
    result = run("score", workbook)
    assert result.exit_code == 70
    assert "internal error" in result.stderr and "report" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = run("--debug", "score", workbook)
    assert isinstance(result.exception, RuntimeError)


def test_validate_a_valid_workbook(workbook):
    result = run("validate", workbook)
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout


def test_validate_names_the_cell_and_the_risk(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Catastrophic")
    set_cell(sheets, "Risks", "R2", "Processing", "P9")
    path = write_workbook(tmp_path / "bad.xlsx", sheets)
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{path}:Risks!F2: error:") and "R1" in line
               and "Catastrophic" in line for line in lines), result.stderr
    assert any(line.startswith(f"{path}:Risks!B3: error:") and "P9" in line
               for line in lines), result.stderr
    assert "2 error(s)" in result.stdout


def test_strict_turns_warnings_into_errors(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", None)
    set_cell(sheets, "Risks", "R2", "Residual impact", None)
    path = write_workbook(tmp_path / "w.xlsx", sheets)
    relaxed = run("validate", path)
    assert relaxed.exit_code == 0 and ": warning: " in relaxed.stderr
    strict = run("validate", "--strict", path)
    assert strict.exit_code == 1 and ": error: " in strict.stderr
    assert ": warning: " not in strict.stderr


def test_validate_json(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Impact", "2.5")
    path = write_workbook(tmp_path / "w.xlsx", sheets)
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False and document["errors"] >= 1
    problem = next(p for p in document["problems"] if p["severity"] == "error")
    assert (problem["sheet"], problem["cell"]) == ("Risks", "G2")


def test_score_json_matches_the_spec_shape(workbook):
    result = run("score", "--format", "json", workbook)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["title"] == "Customer loyalty programme" and document["version"] == "1.0"
    assert document["matrix"] == {
        "name": "ico", "likelihood": ["Remote", "Possible", "Probable"],
        "impact": ["Minimal", "Significant", "Severe"], "levels": ["Low", "Medium", "High"]}
    r1, r2 = document["risks"]
    assert r1 == {
        "id": "R1", "processing": ["P1"], "risk": "Account takeover exposes purchase history",
        "likelihood": "Possible", "impact": "Severe", "score": 6, "level": "High",
        "residual_likelihood": "Remote", "residual_impact": "Severe", "residual_score": 3,
        "residual_level": "Low", "measures": ["M1"], "source": "Risks!A2"}
    assert (r2["level"], r2["residual_level"], r2["residual_score"]) == ("High", "Medium", 4)
    assert document["summary"] == {
        "inherent": {"Low": 0, "Medium": 0, "High": 2},
        "residual": {"Low": 1, "Medium": 1, "High": 0},
        "dpia_required": None, "prior_consultation": False}


def every_cell_workbook(tmp_path, key, lang="en"):
    """A workbook with one risk in every cell of the preset, named by level names."""
    matrix = preset(key, lang)
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Matrix", key])
    sheets["Assessment"].append(["Language", lang])
    header = sheets["Risks"][0]
    rows = [header]
    for li in matrix.likelihood:
        for im in matrix.impact:
            row = dict.fromkeys(header)
            row.update({"ID": f"R{li.value}{im.value}", "Processing": "P1", "Risk": "r",
                        "Likelihood": li.name, "Impact": im.value,
                        "Residual likelihood": 1, "Residual impact": 1, "Measures": "M1"})
            rows.append([row[h] for h in header])
    sheets["Risks"] = rows
    return write_workbook(tmp_path / f"{key}-{lang}.xlsx", sheets)


def spec_level(key, li, im):
    if key in SPEC_GRIDS:
        return SPEC_GRIDS[key][li - 1][im - 1]
    if key == "cnil":
        return cnil_level(li, im)
    return five_by_five_level(li * im)


@pytest.mark.parametrize("key", ["ico", "cnil", "5x5", "enisa"])
def test_score_json_gives_the_spec_levels_for_every_preset(tmp_path, key):
    result = run("score", "--format", "json", every_cell_workbook(tmp_path, key))
    assert result.exit_code == 0, result.stderr
    english = preset(key, "en")
    document = json.loads(result.stdout)
    assert len(document["risks"]) == len(english.likelihood) * len(english.impact)
    for risk in document["risks"]:
        li, im = int(risk["id"][1]), int(risk["id"][2])
        assert risk["level"] == spec_level(key, li, im), risk
        assert risk["score"] == li * im


def test_dutch_workbook_scores_with_dutch_names(tmp_path):
    result = run("score", "--format", "json", every_cell_workbook(tmp_path, "5x5", "nl"))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["matrix"]["levels"] == ["Zeer laag", "Laag", "Matig", "Hoog"]
    assert {r["level"] for r in document["risks"]} == {"Zeer laag", "Laag", "Matig", "Hoog"}
    english = json.loads(run("score", "--format", "json", "--lang", "en",
                             every_cell_workbook(tmp_path, "5x5", "nl")).stdout)
    assert english["matrix"]["levels"] == ["Very low", "Low", "Moderate", "High"]


def test_score_csv_and_table(workbook):
    csv_result = run("score", "--format", "csv", workbook)
    assert csv_result.exit_code == 0
    lines = csv_result.stdout.splitlines()
    assert lines[0].startswith("id,processing,risk,likelihood,impact,score,level")
    assert lines[1].startswith(
        "R1,P1,Account takeover exposes purchase history,Possible,Severe,6,High")
    table = run("score", workbook)
    assert table.exit_code == 0
    assert "R1" in table.stdout and "Prior consultation (Art. 36): not required" in table.stdout


def test_score_of_an_invalid_workbook_lists_problems_and_exits_1(tmp_path):
    sheets = minimal_sheets()
    del sheets["Risks"]
    path = write_workbook(tmp_path / "w.xlsx", sheets)
    result = run("score", path)
    assert result.exit_code == 1 and "Risks" in result.stderr and result.stdout == ""


def test_matrix_prints_presets_and_workbook_matrices(workbook):
    result = run("matrix", "enisa")
    assert result.exit_code == 0 and "Very high" in result.stdout
    assert "NOT acceptable" in result.stdout
    assert "Hoog (15)" in run("matrix", "5x5", "--lang", "nl").stdout
    assert "Probable" in run("matrix", workbook).stdout
    unknown = run("matrix", "iso")
    assert unknown.exit_code == 2 and "neither a preset" in unknown.stderr


def test_screen_says_whether_a_dpia_is_required_and_why(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [
        ["Criterion", "Applies", "Justification"],
        ["evaluation", "yes", "Scoring of customers"],
        ["Systematic monitoring", "ja", "Tracks purchases"],
        ["sensitive", "no", ""],
    ]
    path = write_workbook(tmp_path / "w.xlsx", sheets)
    result = run("screen", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("DPIA required: yes")
    assert "Scoring of customers" in result.stdout and "two or more" in result.stdout
    document = json.loads(run("screen", "--format", "json", path).stdout)
    assert document["dpia_required"] is True
    assert [c["key"] for c in document["criteria_met"]] == ["evaluation", "monitoring"]
    without = run("screen", write_workbook(tmp_path / "n.xlsx", minimal_sheets()))
    assert without.exit_code == 0 and "not assessed" in without.stdout
