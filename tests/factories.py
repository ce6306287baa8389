"""Assessments built directly from the model objects, for tests that need no workbook.

``sample_assessment()`` is small (provenance, verify, diff); ``rich_assessment()`` exercises
every part of the report: several processing operations, risks at every level of the ico
matrix, measures in each status (dated and undated), screening, sign-off and history.
``big_scored(n)`` has ``n`` risks.
"""

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


# --- a rich assessment, for report tests ---------------------------------------------------

HOSTILE = "{{ 7*7 }} <w:p/> & <b>bold</b>\x00\x07\x1b end"
HOSTILE_SHOWN = "{{ 7*7 }} <w:p/> & <b>bold</b> end"


def rich_assessment(lang: str = "en") -> Assessment:
    """An assessment exercising every part of the report."""
    info = AssessmentInfo(
        title="Customer loyalty programme",
        organisation="Example Retail Ltd",
        version="1.2",
        date=dt.date(2026, 5, 25),
        status="draft",
        author="A. Author",
        owner="Head of Marketing",
        dpo="D. P. Officer",
        classification="Confidential",
        review_date=dt.date(2027, 5, 25),
        language=lang,
        matrix="ico",
        nature="Collection of purchase data at the till and online.",
        scope="All customers who join the scheme; about 200,000 people.",
        context="",  # left empty on purpose: "not provided"
        purposes="Run the loyalty scheme and send personalised offers.",
        consultation="Customer panel (March 2026), IT security team.",
        necessity="Only data needed for points and offers are collected.",
        rights="Requests via the privacy portal, answered within one month.",
        information="Privacy notice at sign-up and on the website.",
        breach_procedure="",
        dpo_advice="Proceed once two-factor authentication is in place.",
        conclusion="The processing can go ahead with the measures planned.",
    )
    processing = (
        ProcessingOperation(
            "P1", "Loyalty accounts", "Run the loyalty scheme", "Contract", ("b",),
            data_subjects=("Customers",), personal_data=("Name", "E-mail", "Purchases"),
            recipients=("Marketing team",), processors=("MailCo",), processor_agreement="yes",
            retention="2 years after last purchase", systems="CRM", data_subjects_count="200000",
        ),
        ProcessingOperation(
            "P2", "Purchase analytics", "Personalised offers", "Legitimate interests", ("f",),
            legitimate_interest="Relevant offers to existing customers",
            data_subjects=("Customers",), personal_data=("Purchase history",),
            transfers=("United States",), transfer_safeguard="SCC", retention="1 year",
        ),
        ProcessingOperation(
            "P3", "Health offers", "Offers for dietary needs", "Consent", ("a",),
            data_subjects=("Customers",), personal_data=("Dietary preferences",),
            special_categories=("Health",), art9_condition="Explicit consent (Art. 9(2)(a))",
            retention="Until consent is withdrawn",
        ),
    )
    # ico grid: (1,1) Low; (2,2) Medium; (2,3) High; (3,3) High
    risks = (
        Risk("R1", ("P1",), "Account takeover exposes purchase history", 2, 3,
             risk_source="Criminals", impact_on_individuals="Embarrassment",
             measures=("M1",), residual_likelihood=1, residual_impact=3, treatment="reduce",
             owner="IT"),
        Risk("R2", ("P2",), "Profiling beyond expectations", 2, 2, risk_source="Staff",
             impact_on_individuals="Loss of control", measures=("M2",),
             residual_likelihood=1, residual_impact=2, treatment="reduce", owner="Marketing"),
        Risk("R3", ("P1", "P2", "P3"), "Retention longer than needed", 1, 1,
             risk_source="Process", impact_on_individuals="", measures=()),
        Risk("R4", ("P3",), "Health data disclosed to insurers", 3, 3,
             risk_source="Third party", impact_on_individuals="Discrimination",
             measures=("M3", "M4"), residual_likelihood=2, residual_impact=3,
             treatment="reduce"),
        Risk("R5", ("P2",), "Transfer to the US without safeguards", 3, 2,
             risk_source="Processor", impact_on_individuals="Loss of control",
             measures=("M4",), residual_likelihood=1, treatment="reduce"),
    )
    measures = (
        Measure("M1", "Two-factor authentication", "technical", "For all customer accounts",
                "implemented", "IT"),
        Measure("M2", "Opt-out in every offer", "organisational", "", "planned", "Marketing",
                dt.date(2026, 9, 1)),
        Measure("M3", "Separate health data store", "technical", "Encrypted, access logged",
                "in_progress", "IT", dt.date(2026, 7, 1)),
        Measure("M4", "Transfer impact assessment", "legal", "", "planned", ""),
    )
    screening = (
        ScreeningAnswer("sensitive", "sensitive", True, "Health data for dietary offers"),
        ScreeningAnswer("large-scale", "large-scale", True, "200,000 customers"),
        ScreeningAnswer("monitoring", "monitoring", False, ""),
        ScreeningAnswer("Local list: loyalty profiling", None, None, ""),
    )
    sign_off = (
        SignOff("Measures approved by", "Head of Marketing", dt.date(2026, 6, 1)),
        SignOff("DPO advice provided", "D. P. Officer", dt.date(2026, 5, 30), "See section 5"),
        SignOff("Board approval", "Board", None, "Minutes 2026-06"),
    )
    history = (
        HistoryEntry("1.0", dt.date(2026, 3, 1), "A. Author", "First version"),
        HistoryEntry("1.2", dt.date(2026, 5, 25), "A. Author", "Health offers added"),
    )
    source = SourceFile(
        "loyalty.xlsx", "ab" * 32,
        (("Assessment", 22), ("Processing", 3), ("Risks", 5), ("Measures", 4)),
    )
    return Assessment(info, processing, risks, preset("ico", lang), measures, screening,
                      sign_off, history, source)


def rich_scored(lang: str = "en") -> ScoredAssessment:
    """The rich assessment, scored."""
    return score(rich_assessment(lang))


def with_info(assessment: Assessment, **changes) -> Assessment:
    """A copy with some Assessment fields changed."""
    return dataclasses.replace(assessment, info=dataclasses.replace(assessment.info, **changes))


def big_scored(count: int) -> ScoredAssessment:
    """The rich assessment with ``count`` generated risks (cycling through the matrix)."""
    base = rich_assessment()
    risks = tuple(
        Risk(f"R{n}", ("P1", "P2"), f"Generated risk number {n}", n % 3 + 1, (n // 3) % 3 + 1,
             risk_source="Source", impact_on_individuals="Impact", measures=("M1",),
             residual_likelihood=1, residual_impact=(n // 3) % 3 + 1)
        for n in range(1, count + 1)
    )
    return score(dataclasses.replace(base, risks=risks))
