"""What ``dpia verify`` checks and what it does not, as the verifying guide and SECURITY.md say:
everything the report shows is compared with the report its record renders, narrative
sentences that state a conclusion and the title page as much as the data tables."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia.cli import cli

ROOT = Path(__file__).resolve().parent.parent
REVERSED_ART36 = ("Under Article 36 GDPR the controller must consult the supervisory authority "
                  "before the processing starts.")


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def report(tmp_path: Path) -> Path:
    workbook = write_workbook(tmp_path / "dpia.xlsx", minimal_sheets())
    target = tmp_path / "report.docx"
    assert run("build", workbook, "-o", target).exit_code == 0
    return target


def _rewrite(paragraph, text: str) -> None:
    paragraph.runs[0].text = text
    for run_ in paragraph.runs[1:]:
        run_._r.getparent().remove(run_._r)


def test_a_rewritten_art36_conclusion_and_title_are_named(report, tmp_path):
    document = docx.Document(str(report))
    conclusions = [p for p in document.paragraphs
                   if "Article 36 GDPR" in p.text and "not required" in p.text]
    assert conclusions, "the report states that prior consultation is not required"
    original = conclusions[0].text
    for paragraph in conclusions:
        _rewrite(paragraph, REVERSED_ART36)
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    title_text = title.text
    _rewrite(title, "A different assessment")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    texts = [p.text for p in docx.Document(str(edited)).paragraphs]
    assert REVERSED_ART36 in texts and "A different assessment" in texts
    result = run("verify", edited)
    assert result.exit_code == 1
    assert not result.output.startswith("verified")
    lines = result.output.splitlines()
    assert any(f'the report says "{REVERSED_ART36[:40]}' in line
               and f'the record says "{original[:40]}' in line for line in lines), \
        result.output
    assert any('section "title page"' in line and 'the report says "A different assessment", '
               f'the record says "{title_text}"' in line for line in lines), result.output


def test_the_same_kind_of_edit_in_the_risk_register_fails(report, tmp_path):
    document = docx.Document(str(report))
    register = next(t for t in document.tables if t.rows[0].cells[-1].text == "Level")
    rows = register.rows
    level = rows[1].cells[-1]
    _rewrite(level.paragraphs[0], "Low" if level.text != "Low" else "High")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    result = run("verify", edited)
    assert result.exit_code == 1
    assert "Risk register, row R1, column Level: the report says" in result.output


def test_the_guide_and_security_page_say_what_verify_does_not_check():
    guide = (ROOT / "docs" / "verifying.md").read_text(encoding="utf-8")
    section = guide.split("### What `verify` does not check", 1)[1].split("\n### ", 1)[0]
    for words in ("forgery", "fonts", "signature"):
        assert words in section
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "docs/verifying.md#what-verify-does-not-check" in security
