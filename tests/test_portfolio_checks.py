"""The register's report checks and its edges, on small folders made per test: a report
changed after it was built, a report whose workbook beside it no longer reads, a bug while
reading one file, text that Excel cannot hold."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia import portfolio as pf
from dpia.build import build_one
from dpia.cli import cli
from dpia.register_xlsx import register_workbook


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _tampered_copy(report: Path, target: Path, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(report) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert old in data
                data = data.replace(old, new)
            out.writestr(info, data)


def test_a_report_edited_after_it_was_built_is_not_intact(tmp_path):
    write_workbook(tmp_path / "a.xlsx", minimal_sheets())
    build_one(tmp_path / "a.xlsx", tmp_path / "built.docx")
    lone = tmp_path / "lone"
    lone.mkdir()
    _tampered_copy(tmp_path / "built.docx", lone / "edited.docx",
                   b"Profiling beyond expectations", b"Profiling within expectations")
    result = run("register", lone, "--format", "json", "--as-of", "2026-12-05")
    assert result.exit_code == 0
    (entry,) = json.loads(result.stdout)["dpias"]
    assert entry["kind"] == "report"
    assert entry["reports"][0]["outcome"] == pf.ALTERED


def test_a_report_whose_workbook_no_longer_reads_is_not_verifiable_and_keeps_its_row(tmp_path):
    write_workbook(tmp_path / "a.xlsx", minimal_sheets())
    build_one(tmp_path / "a.xlsx", None)
    (tmp_path / "a.xlsx").write_text("overwritten by mistake")
    found = pf.collect([tmp_path])
    by_name = {Path(entry.label).name: entry for entry in found.entries}
    assert not by_name["a.xlsx"].ok
    (check,) = by_name["a.docx"].checks
    assert check.outcome == pf.NOT_VERIFIABLE
    assert "a.xlsx" in check.detail and "plain text" in check.detail
    assert by_name["a.docx"].title == "Customer loyalty programme"


def test_a_report_beside_a_renamed_workbook_is_a_row_of_its_own(tmp_path):
    write_workbook(tmp_path / "a.xlsx", minimal_sheets())
    build_one(tmp_path / "a.xlsx", None)
    (tmp_path / "a.xlsx").rename(tmp_path / "b.xlsx")
    found = pf.collect([tmp_path])
    kinds = sorted((Path(e.label).name, e.kind, [c.outcome for c in e.checks])
                   for e in found.entries)
    assert kinds == [("a.docx", "report", [pf.INTACT]), ("b.xlsx", "workbook", [])]


def test_a_bug_while_reading_one_file_is_its_row_and_exits_70(tmp_path, monkeypatch):
    write_workbook(tmp_path / "a.xlsx", minimal_sheets())
    write_workbook(tmp_path / "b.xlsx", minimal_sheets())
    real = pf.summarise

    def failing(scored, path, *args, **kwargs):
        if Path(path).name == "b.xlsx":
            raise RuntimeError("boom")
        return real(scored, path, *args, **kwargs)

    monkeypatch.setattr(pf, "summarise", failing)
    out = tmp_path / "register.xlsx"
    result = run("register", tmp_path, "-o", out, "-j", "1")
    assert result.exit_code == 70
    assert "internal error (RuntimeError): boom" in result.output
    rows = list(openpyxl.load_workbook(out)["Register"].iter_rows(min_row=2, values_only=True))
    assert [Path(row[0]).name for row in rows] == ["a.xlsx", "b.xlsx"]
    assert "boom" in rows[1][-1]


def test_register_cells_drop_characters_excel_cannot_hold():
    entry = pf.Entry(Path("x.xlsx"), "x.xlsx", title="Bell\x07 and tab\tkept", risks=0)
    book = register_workbook(pf.Portfolio((entry,)), dt.date(2026, 12, 5))
    assert book["Register"]["C2"].value == "Bell and tab\tkept"


def test_due_counts_only_measures_not_yet_implemented(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M1", "Due date", dt.date(2026, 1, 1))  # implemented
    write_workbook(tmp_path / "a.xlsx", sheets)
    result = run("due", tmp_path, "--as-of", "2026-08-01", "--within", "60d", "--format", "json")
    items = json.loads(result.stdout)["items"]
    assert [(item["id"], item["overdue"]) for item in items] == [("M2", False)]
    assert result.exit_code == 0
    assert run("due", tmp_path, "--as-of", "2026-09-02").exit_code == 1
