"""Scored assessments built directly from the model, for provenance, verify and diff tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dpia.matrix import preset
from dpia.model import (
    Assessment,
    AssessmentInfo,
    HistoryEntry,
    Measure,
    Origin,
    ProcessingOperation,
    Risk,
    ScoredAssessment,
    ScreeningAnswer,
    SignOff,
    SourceFile,
)
from dpia.scoring import score


def sample_assessment(**changes) -> Assessment:
    """A small but complete assessment on the ICO matrix; keyword arguments replace fields."""
    info = AssessmentInfo(
        title="Customer loyalty programme",
        organisation="Example Retail Ltd",
        version="1.0",
        date=dt.date(2026, 5, 25),
        status="draft",
        author="A. Author",
        classification="Confidential",
        nature="Loyalty accounts & <offers> {{ not a template }}",
        origins=(
            ("title", Origin("Assessment", 2, "B2")),
            ("version", Origin("Assessment", 4, "B4")),
        ),
    )
    processing = (
        ProcessingOperation(
            id="P1", name="Loyalty accounts", purpose="Run the loyalty scheme",
            lawful_basis="Contract", lawful_bases=("b",), data_subjects=("Customers",),
            personal_data=("Name", "e-mail"), processors=("MailCo",), processor_agreement="yes",
            retention="2 years", origin=Origin("Processing", 2, "A2"),
        ),
        ProcessingOperation(
            id="P2", name="Purchase analytics", purpose="Personalised offers",
            lawful_basis="Legitimate interests", lawful_bases=("f",),
            legitimate_interest="Relevant offers", transfers=("United States",),
            transfer_safeguard="SCC", retention="1 year", origin=Origin("Processing", 3, "A3"),
        ),
    )
    risks = (
        Risk(
            id="R1", processing=("P1",), risk="Account takeover", likelihood=2, impact=3,
            risk_source="Criminal", measures=("M1",), residual_likelihood=1,
            residual_impact=3, treatment="reduce", owner="IT", origin=Origin("Risks", 2, "A2"),
        ),
        Risk(
            id="R2", processing=("P2",), risk="Profiling beyond expectations", likelihood=3,
            impact=2, measures=("M2",), residual_likelihood=2, residual_impact=2,
            treatment="reduce", origin=Origin("Risks", 3, "A3"),
        ),
        Risk(
            id="R3", processing=("P1", "P2"), risk="Retention too long", likelihood=1,
            impact=2, applies_to_all=True, origin=Origin("Risks", 4, "A4"),
        ),
    )
    measures = (
        Measure(id="M1", measure="Two-factor authentication", type="technical",
                status="implemented", owner="IT", origin=Origin("Measures", 2, "A2")),
        Measure(id="M2", measure="Opt-out in every offer", type="organisational",
                status="planned", due_date=dt.date(2026, 9, 1), origin=Origin("Measures", 3, "A3")),
    )
    screening = (
        ScreeningAnswer("Evaluation or scoring", "evaluation", True, "Profiles",
                        Origin("Screening", 2, "A2")),
        ScreeningAnswer("Large scale", "large-scale", True, "", Origin("Screening", 3, "A3")),
        ScreeningAnswer("Own criterion", None, None, "", Origin("Screening", 4, "A4")),
    )
    fields = dict(
        info=info, processing=processing, risks=risks, matrix=preset("ico", "en"),
        measures=measures, screening=screening,
        sign_off=(SignOff("DPO advice", "D. Officer", dt.date(2026, 6, 1), "",
                          Origin("Sign-off", 2, "A2")),),
        history=(HistoryEntry("1.0", dt.date(2026, 5, 25), "A. Author", "First version",
                              Origin("History", 2, "A2")),),
        source=SourceFile("loyalty.xlsx", "ab" * 32, (("Risks", 3), ("Measures", 2))),
    )
    fields.update(changes)
    return Assessment(**fields)


def sample_scored(**changes) -> ScoredAssessment:
    """``sample_assessment(**changes)``, scored."""
    return score(sample_assessment(**changes))


def replace_risk(assessment: Assessment, risk_id: str, **changes) -> Assessment:
    """``assessment`` with the fields of one risk changed."""
    risks = tuple(
        dataclasses.replace(r, **changes) if r.id == risk_id else r for r in assessment.risks
    )
    return dataclasses.replace(assessment, risks=risks)
