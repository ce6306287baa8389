"""Dates and numbers in the report are written as the report's locale writes them (CLDR),
and the "not provided" note is readable (contrast)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import docx
import pytest
from factories import sample_scored

from dpia.matrix import text_colour
from dpia.report import render
from dpia.report.document import NOT_PROVIDED_COLOUR


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _with(scored, *, date=None, count=None):
    assessment = scored.assessment
    info = dataclasses.replace(assessment.info, date=date or assessment.info.date)
    processing = tuple(dataclasses.replace(op, data_subjects_count=count)
                       for op in assessment.processing) if count is not None \
        else assessment.processing
    return dataclasses.replace(scored, assessment=dataclasses.replace(
        assessment, info=info, processing=processing))


@pytest.mark.parametrize("lang, date_text, number_text", [
    ("en", "3 March 2026", "850,000"),
    ("nl", "3 maart 2026", "850.000"),
])
def test_dates_and_counts_in_the_locale_of_the_report(lang, date_text, number_text):
    scored = _with(sample_scored(), date=dt.date(2026, 3, 3), count="850000")
    text = _text(render(scored, lang=lang))
    assert date_text in text
    assert number_text in text
    assert "850000" not in text


def test_a_count_in_words_stays_as_typed():
    text = _text(render(_with(sample_scored(), count="about 2 million"), lang="en"))
    assert "about 2 million" in text


def _contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        def channel(hex2: str) -> float:
            c = int(hex2, 16) / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(colour[i:i + 2]) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_not_provided_note_reads_at_wcag_aa_on_white_and_on_header_grey():
    assert _contrast(NOT_PROVIDED_COLOUR, "FFFFFF") >= 4.5


@pytest.mark.parametrize("fill", ["92D050", "FFC000", "C00000", "00B050", "808080", "7F7F7F",
                                  "FF0000", "FFFF00", "0070C0", "767676", "5A5A5A"])
def test_text_on_any_level_colour_reads_at_wcag_aa(fill):
    assert _contrast(text_colour(fill), fill) >= 4.5
