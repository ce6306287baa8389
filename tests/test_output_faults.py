"""Faults while writing output: each gives a clear OutputError and leaves neither a partial
file nor a damaged existing one (and no temporary file behind)."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from faults import fail_writes

from dpia import fsutil
from dpia.errors import OutputError
from dpia.fsutil import write_atomic

OLD = b"the existing, complete report"
NEW = b"N" * 300_000


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def existing(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(OLD)
    return path


def test_writes_new_file_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "report.docx"
    write_atomic(target, NEW, force=False)
    assert target.read_bytes() == NEW
    assert files_in(tmp_path) == ["report.docx"]


def test_writes_through_a_function(tmp_path):
    target = tmp_path / "report.docx"
    write_atomic(target, lambda handle: handle.write(b"streamed"), force=False)
    assert target.read_bytes() == b"streamed"


def test_existing_file_is_kept_without_force(existing):
    with pytest.raises(OutputError, match=r"report\.docx already exists; use --force"):
        write_atomic(existing, NEW, force=False)
    assert existing.read_bytes() == OLD


def test_force_replaces_and_keeps_permissions(existing):
    existing.chmod(0o640)
    write_atomic(existing, NEW, force=True)
    assert existing.read_bytes() == NEW
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640


def test_missing_output_folder(tmp_path):
    target = tmp_path / "no" / "such" / "report.docx"
    with pytest.raises(OutputError) as caught:
        write_atomic(target, NEW, force=False)
    assert "the folder" in str(caught.value) and "does not exist" in str(caught.value)
    assert not target.parent.exists()


def test_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "notes").write_text("x")
    with pytest.raises(OutputError, match="is not a folder"):
        write_atomic(tmp_path / "notes" / "report.docx", NEW, force=False)


def test_target_that_is_a_folder(tmp_path):
    (tmp_path / "out.docx").mkdir()
    with pytest.raises(OutputError, match="is a folder, not a file"):
        write_atomic(tmp_path / "out.docx", NEW, force=True)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes in read-only folders")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write in the folder .*permission denied"):
            write_atomic(folder / "report.docx", NEW, force=False)
        assert files_in(folder) == []
    finally:
        folder.chmod(0o700)


def test_read_only_folder_as_seen_by_mkstemp(tmp_path, monkeypatch):
    # the same fault, simulated, so it is tested when the suite runs as root too
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fsutil.tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match="cannot write in the folder .*read-only"):
        write_atomic(tmp_path / "report.docx", NEW, force=False)
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("same", ["path", "relative", "symlink", "hardlink"])
def test_output_equal_to_input_is_refused_even_with_force(tmp_path, monkeypatch, same):
    workbook = tmp_path / "dpia.xlsx"
    workbook.write_bytes(OLD)
    monkeypatch.chdir(tmp_path)
    target = {"path": workbook, "relative": tmp_path / "." / "dpia.xlsx"}.get(same)
    if same == "symlink":
        target = tmp_path / "link.xlsx"
        target.symlink_to(workbook)
    elif same == "hardlink":
        target = tmp_path / "hard.xlsx"
        os.link(workbook, target)
    with pytest.raises(OutputError, match="refusing to write the report over its input"):
        write_atomic(target, NEW, force=True, inputs=(workbook,))
    assert workbook.read_bytes() == OLD


@pytest.mark.parametrize("force", [False, True])
def test_full_disk_gives_clear_error_and_no_partial_file(tmp_path, monkeypatch, force):
    target = tmp_path / "report.docx"
    if force:
        target.write_bytes(OLD)
    fail_writes(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(OutputError) as caught:
        write_atomic(target, NEW, force=force)
    assert str(caught.value) == (
        f"{target}: cannot write the file: the disk is full (or over quota); "
        "free some space and try again")
    assert files_in(tmp_path) == (["report.docx"] if force else [])
    if force:
        assert target.read_bytes() == OLD


def test_full_disk_while_streaming(tmp_path, monkeypatch):
    fail_writes(monkeypatch, OSError(errno.ENOSPC, "No space left on device"), fail_after=10)

    def produce(handle):
        for _ in range(100):
            handle.write(b"chunk of the report ")

    with pytest.raises(OutputError, match="disk is full"):
        write_atomic(tmp_path / "report.docx", produce, force=False)
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("force", [False, True])
def test_interrupt_mid_write_leaves_no_partial_report(tmp_path, monkeypatch, force):
    target = tmp_path / "report.docx"
    if force:
        target.write_bytes(OLD)
    fail_writes(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW, force=force)
    assert files_in(tmp_path) == (["report.docx"] if force else [])
    if force:
        assert target.read_bytes() == OLD


def test_bug_in_the_producer_leaves_no_partial_report(tmp_path):
    def produce(handle):
        handle.write(b"half a report")
        raise ValueError("bug")

    with pytest.raises(ValueError):
        write_atomic(tmp_path / "report.docx", produce, force=False)
    assert files_in(tmp_path) == []


def test_failing_rename_keeps_the_old_report(existing, monkeypatch):
    def refuse(*args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fsutil.os, "replace", refuse)
    with pytest.raises(OutputError, match="open in another program"):
        write_atomic(existing, NEW, force=True)
    assert existing.read_bytes() == OLD
    assert files_in(existing.parent) == ["report.docx"]
