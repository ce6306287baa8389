"""docs/architecture.md's recipe "add a preset" holds: a preset written into dpia/presets.toml
and each language's templates/<lang>/presets.toml, with no code changed, is offered by
``dpia init --matrix``, written into the workbook's matrix sheets, read back by its name in
the Matrix field, and scored and shown in the report.

The preset is added to a copy of the package (dpia/ with templates/ as dpia/templates, as
the wheel installs them), run in a fresh process that imports dpia from the copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx

from dpia import languages

ROOT = Path(__file__).resolve().parent.parent

STRUCTURE = """
[duo]
title = "Two by two (test)"
source = "a preset added by tests/test_recipe_preset.py"
grid = [
  [1, 1],  # Rare
  [1, 2],  # Frequent
]
likelihood = 2
impact = 2
levels = [
  { colour = "92D050" },  # Fine
  { colour = "C00000" },  # Alarming
]
"""
NAMES = {
    "en": ("Rare", "Frequent", "Mild", "Grave", "Fine", "Alarming"),
    "nl": ("Zeldzaam", "Vaak", "Mild", "Ernstig", "Prima", "Alarmerend"),
    "de": ("Selten", "Häufig", "Leicht", "Schwer", "Gut", "Alarmierend"),
    "fr": ("Rare", "Fréquent", "Léger", "Grave", "Bien", "Alarmant"),
}


def _names(words: tuple[str, ...]) -> str:
    rare, frequent, mild, grave, fine, alarming = words
    return f"""
[duo]
likelihood = [
  {{ name = "{rare}", description = "-" }},
  {{ name = "{frequent}", description = "-" }},
]
impact = [
  {{ name = "{mild}", description = "-" }},
  {{ name = "{grave}", description = "-" }},
]
levels = [
  {{ name = "{fine}" }},
  {{ name = "{alarming}" }},
]
"""


def _package_with_the_preset(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "dpia", copy / "dpia", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", copy / "dpia" / "templates",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "dpia" / "presets.toml").open("a", encoding="utf-8") as handle:
        handle.write(STRUCTURE)
    for code in languages.codes():
        with (copy / "dpia" / "templates" / code / "presets.toml").open(
                "a", encoding="utf-8") as handle:
            handle.write(_names(NAMES[code]))
    return copy


def _python(copy: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy), "LANG": "C.UTF-8"}
    env.pop("DPIA_LANGUAGE_PATH", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def _dpia(copy: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return _python(copy, cwd, "-m", "dpia", *args)


def test_a_preset_added_as_data_is_offered_read_and_reported(tmp_path):
    copy = _package_with_the_preset(tmp_path)
    imported = _python(copy, tmp_path, "-c", "import dpia; print(dpia.__file__)")
    assert imported.stdout.strip() == str(copy / "dpia" / "__init__.py")
    init = _dpia(copy, tmp_path, "init", "--lang", "nl", "--matrix", "duo", "--example",
                 "wb.xlsx")
    assert init.returncode == 0, init.stderr
    build = _dpia(copy, tmp_path, "build", "wb.xlsx", "-o", "rapport.docx")
    assert build.returncode == 0, build.stderr
    report = docx.Document(tmp_path / "rapport.docx")
    cells = {cell.text for table in report.tables for row in table.rows for cell in row.cells}
    # the Dutch names of the new preset's scales and levels are in the report's tables
    assert {"Zeldzaam", "Vaak", "Mild", "Ernstig"} <= cells
    assert {"Prima", "Alarmerend"} & cells
    # and the preset is one of --matrix's choices, from the data
    helped = _dpia(copy, tmp_path, "init", "--help")
    assert "duo" in helped.stdout
    # the real package (not the copy) was run: it does not know the preset
    real = subprocess.run([sys.executable, "-m", "dpia", "init", "--help"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert "duo" not in real.stdout
