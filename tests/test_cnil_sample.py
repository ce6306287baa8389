"""The CNIL sample in samples/: an export of our own making, the workbook imported from it
and its report, never stale (regenerate with python samples/make_cnil_sample.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from dpia.cli import cli

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
NAME = "cnil-videoprotection"


def _script():
    spec = importlib.util.spec_from_file_location("make_cnil_sample",
                                                  SAMPLES_DIR / "make_cnil_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cells(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets}


def test_committed_export_is_what_the_script_writes():
    assert (SAMPLES_DIR / f"{NAME}.json").read_bytes() == _script().export_bytes()


def test_committed_workbook_is_the_import_of_the_export(tmp_path):
    fresh = tmp_path / f"{NAME}.xlsx"
    result = CliRunner().invoke(cli, ["import", str(SAMPLES_DIR / f"{NAME}.json"), "-o",
                                      str(fresh), "--organisation", _script().ORGANISATION])
    assert result.exit_code == 0, result.output
    assert _cells(fresh) == _cells(SAMPLES_DIR / f"{NAME}.xlsx")
    assert CliRunner().invoke(cli, ["validate", str(fresh)]).exit_code == 0


def test_committed_report_is_what_build_makes_of_the_workbook(tmp_path):
    rebuilt = tmp_path / f"{NAME}.docx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLES_DIR / f"{NAME}.xlsx"), "-o",
                                      str(rebuilt)])
    assert result.exit_code == 0, result.output
    assert rebuilt.read_bytes() == (SAMPLES_DIR / f"{NAME}.docx").read_bytes()
