"""Scoring: inherent and residual rating of every risk, screening outcome, Art. 36."""

from __future__ import annotations

from dpia.model import (
    Assessment,
    Matrix,
    Rating,
    ScoredAssessment,
    ScoredRisk,
    ScreeningOutcome,
)
from dpia.schema import ART35_3_KEYS

ALONE = "alone"  # the rule of a national list item that requires a DPIA by itself


def rate(matrix: Matrix, likelihood: int, impact: int) -> Rating:
    """The score (value × value) and level of one cell of the matrix."""
    return Rating(likelihood, impact, likelihood * impact, matrix.level_index(likelihood, impact))


def screening_outcome(assessment: Assessment) -> ScreeningOutcome:
    """DPIA required when an Art. 35(3) case applies, an item of the national list (Art.
    35(4)) requires it by its rule, or two or more criteria apply.

    A list item answered yes decides by its rule: ``alone`` requires a DPIA by itself;
    ``with-another`` counts as a criterion and requires a DPIA with at least one more."""
    if assessment.screening is None:
        return ScreeningOutcome(required=None)
    applying = [a for a in assessment.screening if a.applies]
    cases = tuple(a for a in applying if a.key in ART35_3_KEYS)
    alone = tuple(a for a in applying if a.list_item is not None and a.list_item.rule == ALONE)
    criteria = tuple(a for a in applying if a.key not in ART35_3_KEYS and a not in alone)
    combined = tuple(a for a in criteria if a.list_item is not None) if len(criteria) >= 2 \
        else ()
    listed = tuple(a for a in applying if a in alone or a in combined)
    required = bool(cases) or bool(alone) or len(criteria) >= 2
    return ScreeningOutcome(
        required=required,
        criteria_met=criteria,
        art35_3_cases=cases,
        justify_single=not required and len(criteria) == 1,
        listed=listed,
    )


def score(assessment: Assessment) -> ScoredAssessment:
    """Score every risk of ``assessment`` on its matrix."""
    matrix = assessment.matrix
    scored = []
    for risk in assessment.risks:
        inherent = rate(matrix, risk.likelihood, risk.impact)
        reassessed = risk.residual_likelihood is not None or risk.residual_impact is not None
        residual = rate(
            matrix,
            risk.residual_likelihood if risk.residual_likelihood is not None else risk.likelihood,
            risk.residual_impact if risk.residual_impact is not None else risk.impact,
        )
        scored.append(ScoredRisk(risk, inherent, residual, reassessed))
    inherent_counts = [0] * len(matrix.levels)
    residual_counts = [0] * len(matrix.levels)
    for item in scored:
        inherent_counts[item.inherent.level] += 1
        residual_counts[item.residual.level] += 1
    prior = any(not matrix.levels[item.residual.level].acceptable for item in scored)
    return ScoredAssessment(
        assessment=assessment,
        risks=tuple(scored),
        screening=screening_outcome(assessment),
        prior_consultation=prior,
        inherent_counts=tuple(inherent_counts),
        residual_counts=tuple(residual_counts),
    )
