"""Batch builds: ``dpia build`` with many workbooks or a folder, ``-j N``, failures listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dpia.batch import build_many, expand_workbooks, find_workbooks
from dpia.build import build_one
from dpia.cli import cli
from tests.workbooks import minimal_sheets, set_cell, write_workbook


def _good(path: Path, title: str) -> Path:
    sheets = minimal_sheets()
    set_cell(sheets, "Assessment", "Title", "Value", title)
    return write_workbook(path, sheets)


def _without_title(path: Path) -> Path:
    sheets = minimal_sheets()
    set_cell(sheets, "Assessment", "Title", "Value", None)
    return write_workbook(path, sheets)


def _run(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good workbooks, one without a title, one that is not a workbook, and litter that
    is not a workbook at all (an Excel lock file, a text file)."""
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder / "alpha.xlsx", "Alpha programme")
    _good(folder / "gamma.xlsx", "Gamma programme")
    _without_title(folder / "beta.xlsx")
    (folder / "delta.xlsx").write_text("id;name\n1;x\n")
    (folder / "~$alpha.xlsx").write_bytes(b"\x00lock")
    (folder / "notes.txt").write_text("not a workbook")
    return folder


def test_folder_expands_to_its_workbooks_without_lock_files(folder: Path) -> None:
    names = [path.name for path in expand_workbooks([folder])]
    assert names == ["alpha.xlsx", "beta.xlsx", "delta.xlsx", "gamma.xlsx"]


def test_parallel_batch_writes_the_same_bytes_as_one_by_one_builds(tmp_path: Path) -> None:
    workbooks = [_good(tmp_path / f"wb{i}.xlsx", f"Programme {i}") for i in range(4)]
    single = tmp_path / "single"
    single.mkdir()
    for workbook in workbooks:
        build_one(workbook, single / (workbook.stem + ".docx"), name=str(workbook))

    (tmp_path / "batch").mkdir()
    results = build_many(workbooks, tmp_path / "batch", jobs=2)

    assert [result.error for result in results] == [None] * 4
    assert [result.workbook for result in results] == workbooks
    for workbook in workbooks:
        batch_bytes = (tmp_path / "batch" / (workbook.stem + ".docx")).read_bytes()
        assert batch_bytes == (single / (workbook.stem + ".docx")).read_bytes()
    # and the reports differ from each other: each is its own workbook's
    assert len({(single / (w.stem + ".docx")).read_bytes() for w in workbooks}) == 4


def test_cli_batch_equals_single_cli_builds(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        _good(folder / f"wb{i}.xlsx", f"Programme {i}")
    for i in range(3):
        result = _run(str(folder / f"wb{i}.xlsx"), "-o", str(tmp_path / f"single{i}.docx"))
        assert result.exit_code == 0, result.stderr

    (tmp_path / "out").mkdir()
    result = _run(str(folder), "-o", str(tmp_path / "out"), "-j", "2")

    assert result.exit_code == 0, result.stderr
    for i in range(3):
        assert (tmp_path / "out" / f"wb{i}.docx").read_bytes() == \
            (tmp_path / f"single{i}.docx").read_bytes()
    # written lines in input order, whatever order the workers finished in
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'out' / f'wb{i}.docx'}: written" for i in range(3)
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_keeps_going_and_lists_each_failure_with_its_first_error(
    folder: Path, tmp_path: Path, jobs: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    result = _run(str(folder), "-o", str(out), "-j", jobs)

    assert result.exit_code == 1
    assert sorted(path.name for path in out.iterdir()) == ["alpha.docx", "gamma.docx"]
    summary = result.stderr.split("dpia: 2 of 4 workbooks failed:\n", 1)[1].splitlines()
    assert summary == [
        f"  {folder / 'beta.xlsx'}:Assessment!B2: error: Title: the value is empty (required)",
        f"  {folder / 'delta.xlsx'}: error: " + summary[1].split(": error: ", 1)[1],
    ]
    assert "not an Excel workbook" in summary[1]
    notes = [line for line in result.stderr.splitlines() if ": note: " in line]
    assert notes == [
        f"{folder / 'notes.txt'}: note: skipped (not an .xlsx, .xlsm or .ods workbook)",
        f"{folder / '~$alpha.xlsx'}: note: skipped (Excel's lock file of a workbook open in "
        "Excel)",
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_batch_refuses_to_overwrite_reports_without_force(tmp_path: Path) -> None:
    workbooks = [_good(tmp_path / f"wb{i}.xlsx", f"Programme {i}") for i in range(2)]
    out = tmp_path / "out"
    out.mkdir()
    (out / "wb0.docx").write_bytes(b"an earlier report")

    result = _run(*map(str, workbooks), "-o", str(out), "-j", "2")

    assert result.exit_code == 1
    assert (out / "wb0.docx").read_bytes() == b"an earlier report"
    assert (out / "wb1.docx").is_file()
    assert f"  {workbooks[0]}: error: {out / 'wb0.docx'} already exists; use --force" \
        in result.stderr

    forced = _run(*map(str, workbooks), "-o", str(out), "-j", "2", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (out / "wb0.docx").read_bytes() != b"an earlier report"


def test_two_workbooks_with_one_report_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _good(tmp_path / "a" / "same.xlsx", "First")
    second = _good(tmp_path / "b" / "same.xlsx", "Second")
    out = tmp_path / "out"
    out.mkdir()

    results = build_many([first, second], out, jobs=2)

    assert results[0].ok and not results[1].ok
    assert results[1].error.startswith(f"{second}: error: its report {out / 'same.docx'}")
    assert "Second" not in _document_text(out / "same.docx")


def _document_text(path: Path) -> str:
    import docx

    return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)


def test_quiet_and_no_terminal_print_no_progress_and_no_written_lines(tmp_path: Path) -> None:
    workbooks = [_good(tmp_path / f"wb{i}.xlsx", f"Programme {i}") for i in range(2)]

    loud = _run(*map(str, workbooks))  # CliRunner's stderr is not a terminal: no bar
    quiet = _run(*map(str, workbooks), "--quiet", "--force")

    assert loud.exit_code == 0 and quiet.exit_code == 0
    assert "Building" not in loud.stderr
    assert loud.stdout.count(": written") == 2
    assert quiet.stdout == ""
    assert "Building" not in quiet.stderr


def test_output_must_be_a_folder_for_several_workbooks(tmp_path: Path) -> None:
    workbooks = [_good(tmp_path / f"wb{i}.xlsx", f"Programme {i}") for i in range(2)]
    (tmp_path / "report.docx").write_bytes(b"x")

    result = _run(*map(str, workbooks), "-o", str(tmp_path / "report.docx"))

    assert result.exit_code == 1
    assert "is not a folder" in result.stderr


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()

    result = _run(str(tmp_path / "empty"))

    assert result.exit_code == 1
    assert "no workbooks" in result.stderr


def test_warnings_of_each_workbook_are_shown_and_do_not_fail_the_batch(tmp_path: Path) -> None:
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R2", "Residual likelihood", None)
    set_cell(sheets, "Risks", "R2", "Residual impact", None)
    unassessed = write_workbook(tmp_path / "unassessed.xlsx", sheets)
    clean = _good(tmp_path / "clean.xlsx", "Clean programme")

    (tmp_path / "out").mkdir()
    result = _run(str(unassessed), str(clean), "-o", str(tmp_path / "out"), "-j", "0")

    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings and all(line.startswith(f"{unassessed}:Risks!") for line in warnings)
    assert "R2" in warnings[0] and "re-assessed" in warnings[0]
    assert (tmp_path / "out" / "unassessed.docx").is_file()


def test_a_report_file_name_for_several_workbooks_is_refused_not_made_a_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder / "only.xlsx", "Only programme")

    result = _run(str(folder), "-o", str(tmp_path / "report.docx"))

    assert result.exit_code == 1
    assert "-o names a folder" in result.stderr
    assert not (tmp_path / "report.docx").exists()


def test_a_missing_output_folder_is_refused_not_created(tmp_path: Path) -> None:
    workbooks = [_good(tmp_path / f"wb{i}.xlsx", f"Programme {i}") for i in range(2)]
    out = tmp_path / "reprots"  # a typo: must not become a new folder

    result = _run(*map(str, workbooks), "-o", str(out))

    assert result.exit_code == 1
    assert result.stderr == f"dpia: error: {out}: the folder does not exist; create it first\n"
    assert not out.exists()
    assert not any(path.suffix == ".docx" for path in tmp_path.iterdir())


# --- files that are not workbooks: skipped, each with a note saying why ---------------------


def _litter(folder: Path) -> None:
    """What sits beside workbooks in a shared folder: lock files of open workbooks, a macOS
    copy's metadata, a temporary and a backup file, a hidden file, a subfolder, a report, an
    old .xls."""
    (folder / "~$alpha.xlsx").write_bytes(b"\x05Alice" + b" " * 160)
    (folder / ".~lock.alpha.xlsx#").write_text("Alice,host,2026-05-25T09:00;")
    (folder / "._alpha.xlsx").write_bytes(b"\x00\x05\x16\x07")
    (folder / "5A3B2C10.tmp").write_bytes(b"")
    (folder / "alpha.xlsx~").write_bytes(b"PK")
    (folder / ".draft.xlsx").write_bytes(b"PK")
    (folder / "archive").mkdir()
    (folder / "alpha.docx").write_bytes(b"PK")
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")


def test_the_folder_form_names_every_file_it_skips_and_why(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder / "alpha.xlsx", "Alpha programme")
    _litter(folder)
    out = tmp_path / "out"
    out.mkdir()

    result = _run(str(folder), "-o", str(out))

    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{out / 'alpha.docx'}: written\n"
    assert result.stderr.splitlines() == [
        f"{folder / name}: note: skipped ({why})" for name, why in (
            ("._alpha.xlsx", "a macOS metadata file, AppleDouble"),
            (".draft.xlsx", "a hidden file"),
            (".~lock.alpha.xlsx#", "LibreOffice's lock file of a workbook open in LibreOffice"),
            ("5A3B2C10.tmp", "a temporary file"),
            ("alpha.docx", "not an .xlsx, .xlsm or .ods workbook"),
            ("alpha.xlsx~", "a backup copy"),
            ("archive", "a folder; folders inside a folder are not searched"),
            ("old.xls", "not an .xlsx, .xlsm or .ods workbook"),
            ("~$alpha.xlsx", "Excel's lock file of a workbook open in Excel"),
        )
    ]


def test_a_glob_that_picks_up_excels_lock_file_skips_it_with_a_note(tmp_path: Path) -> None:
    """``dpia build folder/*.xlsx`` while alpha.xlsx is open in Excel."""
    folder = tmp_path / "in"
    folder.mkdir()
    alpha = _good(folder / "alpha.xlsx", "Alpha programme")
    gamma = _good(folder / "gamma.xlsx", "Gamma programme")
    lock = folder / "~$alpha.xlsx"
    lock.write_bytes(b"\x05Alice" + b" " * 160)
    out = tmp_path / "out"
    out.mkdir()

    result = _run(*map(str, sorted(folder.glob("*.xlsx"))), "-o", str(out))

    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"{lock}: note: skipped (Excel's lock file of a workbook open in Excel)\n")
    assert sorted(path.name for path in out.iterdir()) == ["alpha.docx", "gamma.docx"]
    assert [result.workbook for result in build_many([alpha, lock, gamma], out, force=True)] \
        == [alpha, gamma]


def test_a_lock_file_left_beside_one_workbook_does_not_change_what_o_means(
    tmp_path: Path,
) -> None:
    """With Excel open or not, ``dpia build *.xlsx -o report.docx`` builds the one workbook
    into that report."""
    alpha = _good(tmp_path / "alpha.xlsx", "Alpha programme")
    (tmp_path / "~$alpha.xlsx").write_bytes(b"\x05Alice" + b" " * 160)
    report = tmp_path / "report.docx"

    result = _run(str(alpha), str(tmp_path / "~$alpha.xlsx"), "-o", str(report))

    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{report}: written\n"
    assert "Alpha programme" in _document_text(report)


def test_only_a_lock_file_is_an_error_that_says_it_was_skipped(tmp_path: Path) -> None:
    lock = tmp_path / "~$alpha.xlsx"
    lock.write_bytes(b"\x05Alice" + b" " * 160)

    result = _run(str(lock))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{lock}: note: skipped (Excel's lock file of a workbook open in Excel)",
        "dpia: error: no workbooks (.xlsx, .xlsm, .ods) to build in the files and folders given",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["~$alpha.xlsx"]


def test_validate_of_several_files_skips_the_lock_file_with_a_note(tmp_path: Path) -> None:
    alpha = _good(tmp_path / "alpha.xlsx", "Alpha programme")
    lock = tmp_path / "~$alpha.xlsx"
    lock.write_bytes(b"\x05Alice" + b" " * 160)

    result = CliRunner().invoke(cli, ["validate", str(lock), str(alpha)])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{alpha}: valid (0 warning(s))\n"
    assert result.stderr == (
        f"{lock}: note: skipped (Excel's lock file of a workbook open in Excel)\n")


def test_a_workbook_named_explicitly_is_never_skipped_for_its_folder_rules(
    tmp_path: Path,
) -> None:
    """Hidden files and other suffixes are skipped only when found in a folder: a file the
    user names is read (and refused with its own message if it is no workbook)."""
    hidden = _good(tmp_path / ".alpha.xlsx", "Hidden programme")
    text = tmp_path / "notes.txt"
    text.write_text("not a workbook")

    workbooks, skipped = find_workbooks([hidden, text])

    assert (workbooks, skipped) == ([hidden, text], [])
