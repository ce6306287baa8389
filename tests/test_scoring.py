"""Scoring on the model: residual defaults, Art. 36, the screening outcome."""

from dpia.matrix import preset
from dpia.model import Assessment, AssessmentInfo, ProcessingOperation, Risk, ScreeningAnswer
from dpia.scoring import score


def assessment(risks, screening=None, matrix="ico"):
    info = AssessmentInfo(title="T", organisation="O")
    processing = (ProcessingOperation("P1", "N", "Purpose", "consent", ("a",)),)
    return Assessment(info, processing, tuple(risks), preset(matrix), screening=screening)


def test_inherent_and_residual_score_and_level():
    risk = Risk("R1", ("P1",), "x", likelihood=2, impact=3, residual_likelihood=1,
                residual_impact=3)
    item = score(assessment([risk])).risks[0]
    assert (item.inherent.score, item.inherent.level) == (6, 2)  # Possible x Severe = High
    assert (item.residual.score, item.residual.level) == (3, 0)  # Remote x Severe = Low
    assert item.reassessed


def test_residual_defaults_to_inherent_and_one_column_keeps_the_other():
    not_reassessed = Risk("R1", ("P1",), "x", likelihood=3, impact=2)
    only_likelihood = Risk("R2", ("P1",), "y", likelihood=3, impact=2, residual_likelihood=1)
    scored = score(assessment([not_reassessed, only_likelihood]))
    first, second = scored.risks
    assert first.residual == first.inherent and not first.reassessed
    assert (second.residual.likelihood, second.residual.impact) == (1, 2)


def test_prior_consultation_when_a_residual_risk_is_not_acceptable():
    high = Risk("R1", ("P1",), "x", likelihood=3, impact=3)
    reduced = Risk("R2", ("P1",), "y", likelihood=3, impact=3, residual_likelihood=1)
    assert score(assessment([high])).prior_consultation is True
    scored = score(assessment([reduced]))
    assert scored.prior_consultation is False
    assert scored.inherent_counts == (0, 0, 1) and scored.residual_counts == (1, 0, 0)


def answer(key, applies):
    return ScreeningAnswer(key or "free", key, applies)


def test_screening_outcome():
    assert score(assessment([])).screening.required is None
    two = [answer("evaluation", True), answer("monitoring", True), answer("matching", False)]
    assert score(assessment([], two)).screening.required is True
    one = [answer("evaluation", True), answer("monitoring", None)]
    outcome = score(assessment([], one)).screening
    assert outcome.required is False and outcome.justify_single
    case = [answer("art35-3b", True)]
    outcome = score(assessment([], case)).screening
    assert outcome.required is True and [a.key for a in outcome.art35_3_cases] == ["art35-3b"]
    free = [answer(None, True), answer("vulnerable", True)]
    assert score(assessment([], free)).screening.required is True
