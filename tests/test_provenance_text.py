"""The fast canonical text of the provenance record against its plain definition.

A report embeds ``_assessment_text(scored)`` and its hash; ``verify`` recomputes the hash
from JSON data (``to_dict`` and ``canonical_json``). The two must give the same bytes for any
assessment, so the fast path is compared with the plain one over the factories' assessments,
hostile text, odd values the model allows, and generated assessments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dpia import provenance
from dpia.matrix import preset
from dpia.model import (
    Assessment,
    AssessmentInfo,
    HistoryEntry,
    Measure,
    Origin,
    ProcessingOperation,
    Rating,
    Risk,
    ScoredAssessment,
    ScoredRisk,
    ScreeningAnswer,
    ScreeningOutcome,
    SignOff,
    SourceFile,
)
from tests.factories import HOSTILE, big_scored, rich_assessment, rich_scored, sample_scored

EXAMPLES = int(os.environ.get("DPIA_FUZZ_EXAMPLES", "60"))

ODD_TEXT = 'é ü ß × \x7f \x85 \u2028 \ufeff 😀 \U0010ffff " \\ / <&> ]]> \n\t\x00' + HOSTILE


def _reference(scored: ScoredAssessment) -> str:
    """The plain definition: to_dict's JSON data, written canonically."""
    return provenance._canonical_text(provenance.to_dict(scored))


def _odd_scored() -> ScoredAssessment:
    """Values the model allows but the reader rarely makes: ratings off the matrix, rows
    without origin, datetimes, empty tuples, an origin with columns, odd text everywhere."""
    base = rich_assessment()
    info = dataclasses.replace(
        base.info, title=ODD_TEXT, nature=ODD_TEXT, date=dt.datetime(2026, 1, 2, 3, 4, 5),
        origins=(("title", Origin("Assessment", 2, "B2", (("value", "B"),))), ("nature", None)))
    risk = Risk(ODD_TEXT, (), ODD_TEXT, 9, 0, measures=(ODD_TEXT,), residual_likelihood=None,
                origin=Origin("Risks ×", 7, "C7", (("id", "C"),)))
    processing = (ProcessingOperation("P9", ODD_TEXT, "", "", (), origin=None),)
    assessment = dataclasses.replace(
        base, info=info, risks=(risk,), processing=base.processing + processing,
        measures=(Measure("M9", ODD_TEXT, due_date=dt.date(1, 1, 1)),),
        source=SourceFile(f"{ODD_TEXT}.xlsx", "00" * 32, ((ODD_TEXT, -1),)))
    # ratings alike but for their level or score: each named for itself
    scored_risks = (ScoredRisk(risk, Rating(9, 0, 0, 7), Rating(-1, 3, -3, -1), False),
                    ScoredRisk(risk, Rating(9, 0, 0, 1), Rating(9, 0, 1, 1), True))
    answer = ScreeningAnswer(ODD_TEXT, None, None, ODD_TEXT)
    return ScoredAssessment(
        assessment, scored_risks, ScreeningOutcome(True, (answer,), (), True), True,
        inherent_counts=(), residual_counts=(0, 1, 2, 3))


CASES = {
    "sample": lambda: sample_scored(),
    "no screening, source, sign-off or history": lambda: sample_scored(
        screening=None, source=None, sign_off=(), history=()),
    "dutch 5x5 matrix with bands": lambda: sample_scored(matrix=preset("5x5", "nl")),
    "rich en": lambda: rich_scored("en"),
    "rich nl": lambda: rich_scored("nl"),
    "120 risks": lambda: big_scored(120),
    "odd values": _odd_scored,
}


@pytest.mark.parametrize("case", CASES)
def test_fast_text_is_the_canonical_json_of_to_dict(case):
    scored = CASES[case]()
    text = provenance._assessment_text(scored)
    assert text == _reference(scored)
    # and the record embedded in a report carries that text and its hash
    record = json.loads(provenance.record_json(scored))
    assert provenance.canonical_json(record["assessment"]) == text.encode("utf-8")
    assert record["assessment_sha256"] == provenance.assessment_hash(record["assessment"])


def test_ascii_json_escapes_every_character_as_json_does():
    # every code point, lone surrogates included: the bytes embedded in the XML part
    text = "".join(map(chr, range(0x110000)))
    written = json.dumps({"text": text}, ensure_ascii=False)
    assert provenance._ascii_json(written) == json.dumps({"text": text}).encode("ascii")


# --- generated assessments -----------------------------------------------------------------

texts = st.text(max_size=12)
small_ints = st.integers(min_value=-2, max_value=12)
dates = st.none() | st.dates() | st.datetimes()
origins = st.none() | st.builds(Origin, texts, st.integers(0, 99), texts,
                                st.lists(st.tuples(texts, texts), max_size=2).map(tuple))
text_tuples = st.lists(texts, max_size=3).map(tuple)


def _rows(strategy):
    return st.lists(strategy, max_size=4).map(tuple)


risks = st.builds(
    Risk, texts, text_tuples, texts, small_ints, small_ints, texts, texts, text_tuples,
    st.none() | small_ints, st.none() | small_ints, texts, texts, st.booleans(), origins)
answers = st.builds(ScreeningAnswer, texts, st.none() | texts, st.none() | st.booleans(), texts,
                    origins)


@st.composite
def scored_assessments(draw) -> ScoredAssessment:
    """A scored assessment of arbitrary values: ratings need not agree with the matrix."""
    info = AssessmentInfo(
        draw(texts), draw(texts), draw(texts), draw(dates), draw(texts),
        review_date=draw(dates), conclusion=draw(texts),
        origins=draw(st.lists(st.tuples(texts, origins), max_size=3).map(tuple)))
    processing = draw(_rows(st.builds(
        ProcessingOperation, texts, texts, texts, texts, text_tuples, texts, text_tuples,
        origin=origins)))
    few = st.integers(0, 3)  # ratings often alike in part
    ratings = st.builds(Rating, few, few, few, st.integers(-1, 6))
    scored_risks = draw(_rows(st.builds(ScoredRisk, risks, ratings, ratings, st.booleans())))
    assessment = Assessment(
        info, processing, tuple(item.risk for item in scored_risks),
        draw(st.sampled_from([preset("ico", "en"), preset("5x5", "nl"), preset("cnil", "en")])),
        measures=draw(_rows(st.builds(Measure, texts, texts, texts, texts, texts, texts, dates,
                                      origins))),
        screening=draw(st.none() | _rows(answers)),
        sign_off=draw(_rows(st.builds(SignOff, texts, texts, dates, texts, origins))),
        history=draw(_rows(st.builds(HistoryEntry, texts, dates, texts, texts, origins))),
        source=draw(st.none() | st.builds(SourceFile, texts, texts,
                                          _rows(st.tuples(texts, small_ints)))))
    outcome = ScreeningOutcome(draw(st.none() | st.booleans()), draw(_rows(answers)),
                               draw(_rows(answers)), draw(st.booleans()))
    counts = st.lists(small_ints, max_size=5).map(tuple)
    return ScoredAssessment(assessment, scored_risks, outcome, draw(st.booleans()),
                            draw(counts), draw(counts))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scored=scored_assessments())
def test_fast_text_matches_the_definition_for_generated_assessments(scored):
    assert provenance._assessment_text(scored) == _reference(scored)
    assert provenance._record_part_xml(scored) == provenance._part_xml(provenance.record(scored))
