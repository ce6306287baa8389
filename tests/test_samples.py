"""The samples in samples/: valid, rich, and never stale.

If a test here fails after a change to the reader, the writer or the report, regenerate the
samples with ``python samples/make_samples.py`` and review the diff of the reports.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from dpia import schema
from dpia.cli import cli
from dpia.reader import read_workbook
from dpia.scoring import score

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
NAMES = ("retail-loyalty", "gemeente-jeugdhulp", "clinic-telemonitoring", "logistik-beschaeftigte",
         "logistique-salaries")
REGENERATE = "regenerate with: python samples/make_samples.py"


def make_samples_module():
    spec = importlib.util.spec_from_file_location(
        "make_samples", SAMPLES_DIR / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_makes_exactly_the_committed_samples():
    assert tuple(make_samples_module().SAMPLES) == NAMES
    # every data file is a sample's (the others are the worked example of dpia init)
    assert sorted(p.stem for p in (SAMPLES_DIR / "data").glob("*.toml")) == sorted(NAMES[:3])
    imported = ("cnil-videoprotection",)  # made by make_cnil_sample.py: test_cnil_sample.py
    assert sorted(p.name for p in SAMPLES_DIR.glob("*.xlsx")) == sorted(
        f"{n}.xlsx" for n in NAMES + imported)
    assert sorted(p.name for p in SAMPLES_DIR.glob("*.docx")) == sorted(
        f"{n}.docx" for n in NAMES + imported)


# Warnings that are part of a sample's story: the clinic's AI vendor has only a draft
# processor agreement ("draft, not signed"), which is no agreement under Art. 28.
STORY_WARNINGS = {
    "clinic-telemonitoring": [
        "Processing!L5: warning: P4: processors are listed without a processor agreement "
        "('draft, not signed'; Art. 28)",
    ],
}


@pytest.mark.parametrize("name", NAMES)
def test_sample_validates_without_errors_or_warnings(name):
    workbook = SAMPLES_DIR / f"{name}.xlsx"
    result = CliRunner().invoke(cli, ["validate", str(workbook)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{workbook}:{line}" for line in STORY_WARNINGS.get(name, [])]


@pytest.mark.parametrize("name", NAMES)
def test_committed_report_is_what_build_makes_of_the_sample(tmp_path, name):
    workbook = SAMPLES_DIR / f"{name}.xlsx"
    rebuilt = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(rebuilt)])
    assert result.exit_code == 0, result.stderr
    committed = (SAMPLES_DIR / f"{name}.docx").read_bytes()
    assert rebuilt.read_bytes() == committed, f"samples/{name}.docx is stale; {REGENERATE}"


def cell_values(book: openpyxl.Workbook) -> dict[str, list[tuple]]:
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets}


@pytest.mark.parametrize("name", NAMES)
def test_committed_workbook_is_what_the_script_writes(tmp_path, name):
    fresh = tmp_path / f"{name}.xlsx"
    fresh.write_bytes(make_samples_module().sample_bytes(name))
    committed = openpyxl.load_workbook(SAMPLES_DIR / f"{name}.xlsx")
    assert cell_values(openpyxl.load_workbook(fresh)) == cell_values(committed), (
        f"samples/{name}.xlsx differs from make_samples.py; {REGENERATE}")


# the German and French samples are the worked example of `dpia init --example` (9 risks)
@pytest.mark.parametrize("name", NAMES[:3])
def test_sample_is_a_complete_realistic_dpia(name):
    assessment, _ = read_workbook(SAMPLES_DIR / f"{name}.xlsx")
    scored = score(assessment)
    assert 10 <= len(assessment.risks) <= 20
    assert len(assessment.processing) >= 5
    assert len(assessment.measures) >= 10
    assert {m.status for m in assessment.measures} == {"implemented", "planned", "in_progress"}
    assert scored.screening.required is True
    assert all(answer.applies is not None for answer in assessment.screening)
    assert len(assessment.sign_off) == len(schema.SIGN_OFF_ITEMS)
    assert all(entry.name for entry in assessment.sign_off)
    assert len(assessment.history) >= 3
    # every level of the matrix is used by some inherent rating
    assert all(count > 0 for count in scored.inherent_counts)
    info = assessment.info
    for field in ("nature", "scope", "context", "purposes", "consultation", "necessity",
                  "rights", "information", "breach_procedure", "dpo_advice", "conclusion"):
        assert len(getattr(info, field)) > 80, field


def test_retail_sample_is_english_on_the_5x5_preset():
    assessment, _ = read_workbook(SAMPLES_DIR / "retail-loyalty.xlsx")
    assert assessment.info.language == "en"
    assert assessment.matrix.name == "5x5"
    assert [level.name for level in assessment.matrix.levels] == [
        "Very low", "Low", "Moderate", "High"]


def test_municipal_sample_is_dutch_throughout():
    book = openpyxl.load_workbook(SAMPLES_DIR / "gemeente-jeugdhulp.xlsx")
    assert book.sheetnames[:4] == ["Instructies", "Beoordeling", "Verwerkingen", "Risico's"]
    assessment, _ = read_workbook(SAMPLES_DIR / "gemeente-jeugdhulp.xlsx")
    assert assessment.info.language == "nl"
    assert assessment.matrix.name == "ico"
    assert [level.name for level in assessment.matrix.levels] == ["Laag", "Midden", "Hoog"]
    risks = book["Risico's"]
    assert {row[5] for row in risks.iter_rows(min_row=2, values_only=True)} <= {
        "Laag", "Midden", "Hoog"}
    assert {row[10] for row in risks.iter_rows(min_row=2, values_only=True)} <= {
        "verminderen", "accepteren", "vermijden", "overdragen"}


def test_clinic_sample_defines_its_own_four_by_four_matrix():
    book = openpyxl.load_workbook(SAMPLES_DIR / "clinic-telemonitoring.xlsx")
    assert "Matrix" in book.sheetnames
    assessment, _ = read_workbook(SAMPLES_DIR / "clinic-telemonitoring.xlsx")
    matrix = assessment.matrix
    assert not matrix.preset
    assert (len(matrix.likelihood), len(matrix.impact), len(matrix.levels)) == (4, 4, 4)
    assert [level.acceptable for level in matrix.levels] == [True, True, True, False]
    # the sample shows the Art. 36 path: one residual risk stays at the top level
    assert score(assessment).prior_consultation is True
