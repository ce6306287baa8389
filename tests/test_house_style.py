"""`dpia template`: the reference document to start a house style from."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner

from dpia.cli import cli
from dpia.report.document import REQUIRED_STYLES

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "retail-loyalty.xlsx"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_template_writes_the_reference_document_with_every_style(tmp_path):
    target = tmp_path / "house.docx"
    result = run("template", target)
    assert result.exit_code == 0, result.output
    assert f"{target}: reference document written" in result.output
    names = {style.name for style in docx.Document(str(target)).styles}
    assert set(REQUIRED_STYLES) <= names


def test_template_never_overwrites_without_force(tmp_path):
    target = tmp_path / "house.docx"
    target.write_bytes(b"mine")
    result = run("template", target)
    assert result.exit_code == 1
    assert "--force" in result.output
    assert target.read_bytes() == b"mine"
    assert run("template", target, "--force").exit_code == 0
    assert zipfile.is_zipfile(target)


def test_template_wants_a_docx_name(tmp_path):
    result = run("template", tmp_path / "house.xlsx")
    assert result.exit_code == 2
    assert "must end in .docx" in result.output


def test_the_written_reference_builds_the_same_report_as_none(tmp_path):
    reference = tmp_path / "house.docx"
    assert run("template", reference).exit_code == 0
    plain, styled = tmp_path / "plain.docx", tmp_path / "styled.docx"
    assert run("build", SAMPLE, "-o", plain).exit_code == 0
    result = run("build", SAMPLE, "-o", styled, "--template", reference)
    assert result.exit_code == 0, result.output
    assert "note:" not in result.output
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(styled) as b:
        for part in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
            assert a.read(part) == b.read(part), part
