"""The report's sections are declared once (``dpia.report.sections.SECTIONS``): a section
added there is written in its place, numbered, and the numbers after it, in headings and
in the sentences that refer to them, move up by one."""

from __future__ import annotations

import io

import docx
from factories import rich_scored

from dpia import report
from dpia.report.sections import SECTIONS, Section, section_numbers
from dpia.report.text import labels


def _headings(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_numbers_are_counted_from_the_order_of_the_numbered_sections():
    numbers = section_numbers(SECTIONS)
    assert list(numbers.values()) == [str(n) for n in range(1, 10)]
    assert [key for key in numbers] == [s.key for s in SECTIONS if s.numbered]
    assert not {"title_page", "annex_a", "annex_b"} & numbers.keys()


def test_a_section_added_to_the_list_is_written_numbered_and_renumbers_the_rest(monkeypatch):
    words = labels("en")["headings"]
    monkeypatch.setitem(words, "team", "The assessment team")

    def team(doc, ctx):
        doc.heading(ctx.section_title("team"), 1, new_page=True)
        doc.paragraph(f"See also {ctx.section_ref('measures')}.")

    at = [s.key for s in SECTIONS].index("consultation") + 1
    monkeypatch.setattr(report, "SECTIONS", (*SECTIONS[:at], Section("team", team),
                                             *SECTIONS[at:]))
    written = report.render(rich_scored("en"), lang="en")
    headings = _headings(written)

    assert f"5 {words['consultation']}" in headings
    assert headings.index("6 The assessment team") == \
        headings.index(f"5 {words['consultation']}") + 1
    assert f"7 {words['risk_assessment']}" in headings
    assert f"10 {words['sign_off']}" in headings
    assert words["annex_a"] in headings and words["annex_b"] in headings
    text = _text(written)
    assert f"See also 8 {words['measures']}." in text
    # the summary's own reference to the action plan follows the new numbering too
    assert f"8 {words['measures']}" in text and f"7 {words['measures']}" not in text

