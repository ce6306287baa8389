"""Encrypted (password-protected) .xlsx workbooks, made here with msoffcrypto-tool's own
encryption (ECMA-376 Agile, as Excel's "Encrypt with Password"): the password comes from
--password-file, $DPIA_PASSWORD or a prompt on a terminal, never from the command line, and
is never shown, logged, nor written into the report or its record."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from msoffcrypto.format.ooxml import OOXMLFile
from outcomes import one_error_line
from test_filetype import BILLION_LAUGHS, replace_members, workbook_bytes
from workbooks import minimal_sheets, write_workbook

from dpia import cli as cli_module
from dpia.cli import cli
from dpia.provenance import extract

PASSWORD = "Corr3ct hørse ☃ battery"


def run(*args, env=None, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env or {}, **kwargs)


def encrypt(data: bytes, password: str = PASSWORD) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


@pytest.fixture
def encrypted(tmp_path) -> Path:
    plain = write_workbook(tmp_path / "plain.xlsx", minimal_sheets())
    path = tmp_path / "secret.xlsx"
    path.write_bytes(encrypt(plain.read_bytes()))
    return path


@pytest.fixture
def password_file(tmp_path) -> Path:
    path = tmp_path / "password.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


def all_parts(docx_path: Path) -> bytes:
    with zipfile.ZipFile(docx_path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_the_fixture_is_really_encrypted(encrypted):
    assert encrypted.read_bytes().startswith(b"\xd0\xcf\x11\xe0")
    assert b"Customer loyalty" not in encrypted.read_bytes()


def test_build_with_a_password_file_writes_the_report(encrypted, password_file, tmp_path):
    report = tmp_path / "secret.docx"
    result = run("build", encrypted, "--password-file", password_file)
    assert result.exit_code == 0, result.stderr
    assert report.exists()
    record = extract(report)
    assert record["assessment"]["info"]["title"] == "Customer loyalty programme"
    # the record names the file as stored (encrypted): what sha256sum and verify see
    assert record["input"]["sha256"] == hashlib.sha256(encrypted.read_bytes()).hexdigest()
    assert PASSWORD.encode("utf-8") not in all_parts(report)
    assert PASSWORD not in json.dumps(record, ensure_ascii=False)
    assert PASSWORD not in result.output
    verified = run("verify", report, encrypted, "--rebuild", "--password-file", password_file)
    assert verified.exit_code == 0, verified.output
    assert PASSWORD not in verified.output


def test_the_password_from_the_environment(encrypted):
    result = run("validate", encrypted, env={"DPIA_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"{encrypted}: valid (0 warning(s))"


def test_score_screen_and_matrix_open_it_too(encrypted, password_file):
    for command in ("score", "screen", "matrix"):
        result = run(command, encrypted, "--password-file", password_file)
        assert result.exit_code == 0, (command, result.stderr)


def test_wrong_password_is_one_clear_line_and_no_report(encrypted, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not it\n")
    result = run("build", encrypted, "--password-file", wrong)
    line = one_error_line(result, encrypted)
    assert "the password does not open this encrypted workbook" in line
    assert "not it" not in result.output
    assert not (tmp_path / "secret.docx").exists()


def test_without_a_password_and_no_terminal_it_says_how_to_give_one(encrypted):
    line = one_error_line(run("validate", encrypted), encrypted)
    assert "encrypted" in line and "--password-file" in line and "DPIA_PASSWORD" in line


def test_on_a_terminal_the_password_is_asked_for_without_echo(encrypted, monkeypatch):
    monkeypatch.setattr(cli_module, "_on_a_terminal", lambda: True)
    result = run("validate", encrypted, input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert f"Password for {encrypted}:" in result.stderr
    assert PASSWORD not in result.output


def test_no_prompt_for_a_workbook_that_is_not_encrypted(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_module, "_on_a_terminal", lambda: True)
    plain = write_workbook(tmp_path / "plain.xlsx", minimal_sheets())
    result = run("validate", plain)
    assert result.exit_code == 0 and "Password" not in result.output


def test_a_password_is_never_taken_from_the_command_line(encrypted):
    result = run("build", encrypted, "--password", PASSWORD)
    assert result.exit_code == 2 and "No such option '--password'" in result.stderr


def test_a_missing_password_file_is_one_line(encrypted, tmp_path):
    result = run("validate", encrypted, "--password-file", tmp_path / "none.txt")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"dpia: error: {tmp_path / 'none.txt'}: cannot read")


def test_a_batch_opens_every_encrypted_workbook_with_the_password(tmp_path, password_file):
    folder = tmp_path / "in"
    folder.mkdir()
    plain = write_workbook(folder / "plain.xlsx", minimal_sheets())
    (folder / "locked.xlsx").write_bytes(encrypt(plain.read_bytes()))
    result = run("build", folder, "-j", "2", "-q", "--password-file", password_file)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.docx")) == ["locked.docx", "plain.docx"]


def test_the_decrypted_workbook_passes_the_same_safety_checks(tmp_path, password_file):
    bomb = replace_members(workbook_bytes(tmp_path), {"xl/styles.xml": BILLION_LAUGHS})
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(encrypt(bomb))
    line = one_error_line(run("validate", path, "--password-file", password_file), path)
    assert "XML entity declarations" in line and "xl/styles.xml" in line


def test_a_damaged_encrypted_file_is_one_line(encrypted, password_file):
    data = encrypted.read_bytes()
    encrypted.write_bytes(data[: len(data) // 2])
    line = one_error_line(run("validate", encrypted, "--password-file", password_file),
                          encrypted)
    assert "damaged" in line
