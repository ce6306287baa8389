"""Machine and terminal output of the core commands: score (table, JSON, CSV), validate
(JSON), matrix grids and the screening outcome. Pure functions returning text or dicts.

Text for people (the score table, the grid, the screening outcome) is in the assessment's
language (``--lang`` or the workbook's Language), its words from ``labels.toml``
``[terminal]``; JSON and CSV keep the English keys the spec fixes.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from dpia import authorities
from dpia.errors import ERROR, WARNING, Problem, one_line
from dpia.labels import fill, labels, terminal
from dpia.model import Matrix, ScoredAssessment, ScreeningAnswer
from dpia.schema import SCREENING_CRITERIA, criterion_name


def score_dict(scored: ScoredAssessment) -> dict:
    """The ``score --format json`` document of the spec."""
    matrix = scored.matrix
    info = scored.assessment.info
    likelihood = [level.name for level in matrix.likelihood]
    impact = [level.name for level in matrix.impact]
    levels = [level.name for level in matrix.levels]
    risks = []
    for item in scored.risks:
        risk = item.risk
        risks.append(
            {
                "id": risk.id,
                "processing": list(risk.processing),
                "risk": risk.risk,
                "likelihood": likelihood[item.inherent.likelihood - 1],
                "impact": impact[item.inherent.impact - 1],
                "score": item.inherent.score,
                "level": levels[item.inherent.level],
                "residual_likelihood": likelihood[item.residual.likelihood - 1],
                "residual_impact": impact[item.residual.impact - 1],
                "residual_score": item.residual.score,
                "residual_level": levels[item.residual.level],
                "measures": list(risk.measures),
                "source": str(risk.origin) if risk.origin else None,
            }
        )
    return {
        "title": info.title,
        "version": info.version,
        "matrix": {"name": matrix.name, "likelihood": likelihood, "impact": impact,
                   "levels": levels},
        "risks": risks,
        "summary": {
            "inherent": dict(zip(levels, scored.inherent_counts)),
            "residual": dict(zip(levels, scored.residual_counts)),
            "dpia_required": scored.screening.required,
            "prior_consultation": scored.prior_consultation,
        },
    }


def to_json(document: dict | list) -> str:
    """Pretty JSON, non-ASCII kept as is (level names like ``Zeer laag``, ``Risico's``)."""
    return json.dumps(document, indent=2, ensure_ascii=False)


SCORE_COLUMNS = (
    "id", "processing", "risk", "likelihood", "impact", "score", "level",
    "residual_likelihood", "residual_impact", "residual_score", "residual_level",
    "measures", "source",
)


def score_csv(scored: ScoredAssessment) -> str:
    """One CSV row per risk; list cells joined with ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SCORE_COLUMNS)
    for risk in score_dict(scored)["risks"]:
        writer.writerow(
            ";".join(value) if isinstance(value, list) else value
            for value in (risk[column] for column in SCORE_COLUMNS)
        )
    return buffer.getvalue()


def text_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain aligned table for the terminal; each cell kept to one line."""
    header = [one_line(h) for h in header]
    rows = [[one_line(value) for value in row] for row in rows]
    widths = [len(h) for h in header]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


TABLE_COLUMNS = (
    "id", "likelihood", "impact", "score", "level",
    "residual_likelihood", "residual_impact", "residual_score", "residual_level",
)


def score_table(scored: ScoredAssessment) -> str:
    """Each risk with inherent and residual likelihood, impact, score and level, and totals,
    in the assessment's language."""
    words = terminal(scored.assessment.info.language)
    document = score_dict(scored)
    header = [words["columns"][column] for column in TABLE_COLUMNS]
    rows = [[str(r[column]) for column in TABLE_COLUMNS] for r in document["risks"]]
    summary = document["summary"]
    lines = [text_table(header, rows), ""]
    lines.append(f"{words['inherent']}: " + _counts(summary["inherent"]))
    lines.append(f"{words['residual']}: " + _counts(summary["residual"]))
    lines.append(f"{words['prior_consultation']}: "
                 + words["required" if scored.prior_consultation else "not_required"])
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return one_line(", ".join(f"{name} {count}" for name, count in counts.items()))


def matrix_grid(matrix: Matrix, lang: str = "en") -> str:
    """The matrix as a grid: likelihood rows (highest first) by impact columns, then levels;
    the words in ``lang``."""
    words = terminal(lang)
    header = [words["likelihood_impact"]] + [f"{s.value} {s.name}" for s in matrix.impact]
    rows = []
    for scale in reversed(matrix.likelihood):
        row = [f"{scale.value} {scale.name}"]
        for impact in matrix.impact:
            level = matrix.level(scale.value, impact.value)
            row.append(f"{level.name} ({scale.value * impact.value})")
        rows.append(row)
    title = one_line(matrix.title or matrix.name)
    lines = [f"{words['matrix']}: {title}", "", text_table(header, rows), "",
             f"{words['levels']}:"]
    for level in matrix.levels:
        band = ""
        if level.from_score is not None and level.to_score is not None:
            band = " " + fill(words["score_band"], **{"from": level.from_score,
                                                       "to": level.to_score}) + ","
        acceptable = words["acceptable" if level.acceptable else "not_acceptable"]
        lines.append(one_line(f"  {level.name}:{band} #{level.colour}, {acceptable}"))
    return "\n".join(lines)


def _criterion_name(answer: ScreeningAnswer, lang: str = "en") -> str:
    """A known criterion by its name in ``lang``; one of the workbook's own as typed."""
    if answer.key and answer.key in SCREENING_CRITERIA:
        return criterion_name(answer.key, lang)
    return answer.criterion


def _reason_line(answer: ScreeningAnswer, lang: str, note: str = "") -> str:
    """``  - criterion (note): justification`` as one line, whatever the cells hold."""
    justification = f": {answer.justification}" if answer.justification else ""
    return one_line(f"  - {_criterion_name(answer, lang)}{note}{justification}")


def screening_dict(scored: ScoredAssessment) -> dict:
    """The screening outcome as data: required (or null) and the reasons; ``listed``: the
    items of the national list (Art. 35(4)) that require the DPIA, each with its source."""
    outcome = scored.screening

    def item(answer: ScreeningAnswer) -> dict:
        return {"criterion": _criterion_name(answer), "key": answer.key,
                "justification": answer.justification}

    def listed(answer: ScreeningAnswer) -> dict:
        assert answer.list_item is not None
        return {**item(answer), **dataclasses.asdict(answer.list_item)}

    return {
        "dpia_required": outcome.required,
        "authority": scored.assessment.info.authority or None,
        "art35_3_cases": [item(a) for a in outcome.art35_3_cases],
        "listed": [listed(a) for a in outcome.listed],
        "criteria_met": [item(a) for a in outcome.criteria_met],
        "justify_single": outcome.justify_single,
    }


def _listed_reasons(scored: ScoredAssessment, lang: str) -> list[str]:
    """Why the national list items require the DPIA: one reason per authority and rule."""
    words = terminal(lang)
    outcome = scored.screening
    reasons = []
    for rule, key in (("alone", "reason_listed"), ("with-another", "reason_listed_with")):
        answers = [a for a in outcome.listed if a.list_item and a.list_item.rule == rule]
        for authority in dict.fromkeys(a.list_item.authority_name for a in answers):
            names = [authorities.cited_name(a.list_item, lang) for a in answers
                     if a.list_item.authority_name == authority]
            reasons.append(fill(words[key], authority=authority, items="; ".join(names),
                                count=len(outcome.criteria_met)))
    return reasons


def screening_text(scored: ScoredAssessment) -> str:
    """Is a DPIA required, and why, in a few lines, in the assessment's language."""
    lang = scored.assessment.info.language
    words = terminal(lang)
    outcome = scored.screening
    if outcome.required is None:
        return f"{words['dpia_required']}: {words['not_assessed']}\n{words['add_screening']}"
    answer_word = labels(lang)["values"]["yes" if outcome.required else "no"]
    lines = [f"{words['dpia_required']}: {answer_word}"]
    for answer in outcome.art35_3_cases:
        lines.append(_reason_line(answer, lang, f" ({words['art35_3_applies']})"))
    alone = [a for a in outcome.listed if a not in outcome.criteria_met]
    for answer in alone:
        lines.append(_reason_line(answer, lang, f" ({words['listed']})"))
    for answer in outcome.criteria_met:
        note = f" ({words['listed']})" if answer in outcome.listed else ""
        lines.append(_reason_line(answer, lang, note))
    reasons = [words["reason_art35_3"]] if outcome.art35_3_cases else []
    reasons += _listed_reasons(scored, lang)
    if not reasons:
        if outcome.required:
            reasons.append(fill(words["reason_criteria"], count=len(outcome.criteria_met)))
        elif outcome.justify_single:
            reasons.append(words["reason_single"])
        else:
            reasons.append(words["reason_none"])
    lines += [one_line(f"{words['reason']}: {reason}") for reason in reasons]
    # the publication each cited list comes from, once per authority
    sources = {a.list_item.authority_name: a.list_item for a in outcome.listed if a.list_item}
    for authority, item in sources.items():
        lines.append(one_line(f"{words['source']} ({authority}): "
                              f"{authorities.cited_source(item)}"))
    return "\n".join(lines)


def validation_dict(file: str, problems: list[Problem]) -> dict:
    """The ``validate --format json`` document."""
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    return {
        "file": file,
        "valid": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "problems": [p.as_dict() for p in problems],
    }
