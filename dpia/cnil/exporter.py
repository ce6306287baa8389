"""A dpia assessment as an export of the CNIL PIA software, which its Import accepts.

The CNIL tool's import (``PiaService.importData`` in LINCnil/pia) needs a ``pia`` object
(with ``dbVersion`` in older versions), the lists ``answers``, ``measures``, ``evaluations``
and ``comments``, numeric question ids in ``answers[].reference_to``, text references in
``evaluations[].reference_to`` and dates it can give to ``new Date()``. Text goes as HTML.

dpia's risks are grouped onto the CNIL's three fixed risks (illegitimate access, unwanted
modification, disappearance) by the words of each risk; each CNIL risk is rated as the most
severe risk of its group. docs/cnil.md lists what is kept and what is lost.
"""

from __future__ import annotations

import datetime as dt
import re

from dpia import languages
from dpia.cnil import structure as cnil
from dpia.cnil.htmltext import text_to_html
from dpia.cnil.importer import (
    COMPOSITES,
    action_name,
    decompose,
    strip_heading,
    unbullet,
)
from dpia.errors import DpiaError
from dpia.model import Measure, ScoredAssessment, ScoredRisk

DB_VERSION = 201910230914
"""``pia.dbVersion``: older versions of the CNIL tool refuse an export without it."""

_STATUS = {"draft": 0, "final": 5, "approved": 2}


def cnil_item(risk: ScoredRisk) -> str:
    """The CNIL risk ("3.2", "3.3" or "3.4") a dpia risk is exported as."""
    title = risk.risk.risk.strip().casefold()
    for item in cnil.RISK_ITEMS:
        if title in _risk_names(item):
            return item
    text = " ".join((risk.risk.risk, risk.risk.risk_source,
                     risk.risk.impact_on_individuals)).casefold()
    for item in ("3.4", "3.3", "3.2"):
        if re.search(_risk_words(item), text):
            return item
    return "3.2"


def _risk_words(item: str) -> str:
    """The words (cnil.toml's [risk_words], every language's) that put a dpia risk under
    the CNIL risk ``item``, as one regular expression."""
    words: dict[str, None] = {}
    for lang in languages.codes():
        words.update(dict.fromkeys(languages.optional(lang, cnil.FILE, "risk_words", item)))
    return "|".join(words)


def _risk_names(item: str) -> set[str]:
    """The names of a CNIL risk in every language, case-folded."""
    return {name.casefold() for name in cnil.in_every_language("items", item)}


def _risk_part_titles(part: int) -> tuple[str, ...]:
    """The heading of a part of a risk (``cnil.SEVERITY``) in every language."""
    return tuple(dict.fromkeys(cnil.risk_part_title(part, lang) for lang in languages.codes()))


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00.000Z"


class _Export:
    def __init__(self, scored: ScoredAssessment, today: dt.date):
        self.scored = scored
        self.info = scored.assessment.info
        self.date = _stamp(self.info.date or today)
        self.answers: list[dict] = []
        self.evaluations: list[dict] = []

    def answer(self, question: int, *, text: str = "", items: list[str] | None = None,
               gauge: int | None = None) -> None:
        if not text and not items and gauge is None:
            return
        self.answers.append({
            "id": len(self.answers) + 1, "pia_id": 1, "reference_to": question,
            "data": {"text": text_to_html(text) if text else None,
                     "gauge": gauge if gauge is not None else 0,
                     "list": items or []},
            "created_at": self.date, "updated_at": self.date,
        })

    def evaluation(self, ref: str, *, status: int, action: str = "", person: str = "",
                   due: dt.date | None = None, gauges: tuple[int, int] | None = None) -> None:
        self.evaluations.append({
            "id": len(self.evaluations) + 1, "pia_id": 1, "reference_to": ref,
            "status": status,
            "action_plan_comment": text_to_html(action) if action else None,
            "evaluation_comment": None,
            "evaluation_date": None,
            "gauges": {"x": gauges[0], "y": gauges[1]} if gauges else {"x": 0, "y": 0},
            "estimated_implementation_date": _stamp(due) if due else None,
            "person_in_charge": person or None,
            "global_status": 1,
            "created_at": self.date, "updated_at": self.date,
        })


def _per_processing(scored: ScoredAssessment, attribute: str) -> str:
    """One processing operation's value as it is; several as "Name: value" lines."""
    operations = scored.assessment.processing
    values = [(p.name, getattr(p, attribute)) for p in operations]
    values = [(name, value if isinstance(value, str) else "\n".join(value))
              for name, value in values if value]
    if len(operations) == 1:
        return values[0][1] if values else ""
    return "\n\n".join(f"{name}: {value}" for name, value in values)


def _actions(measures: tuple[Measure, ...]) -> dict[str, tuple[str, Measure]]:
    """The measures made from a CNIL action plan: id -> (reference, measure)."""
    found = {}
    pattern = action_name()
    for measure in measures:
        match = pattern.match(measure.measure)
        if match:
            found[measure.id] = (match.group(1), measure)
    return found


def to_export(scored: ScoredAssessment, *, today: dt.date | None = None) -> dict:
    """The assessment as a CNIL PIA export (a JSON-ready dict). Raises DpiaError for a
    matrix whose scales do not have the CNIL's four levels."""
    matrix = scored.matrix
    if len(matrix.likelihood) != 4 or len(matrix.impact) != 4:
        raise DpiaError(
            f"the CNIL PIA software rates severity and likelihood on 4 levels, and this "
            f"assessment's matrix ({matrix.title or matrix.name}) has "
            f"{len(matrix.likelihood)}×{len(matrix.impact)}; rate the risks on the cnil "
            "matrix (Matrix field: cnil) to export them")
    export = _Export(scored, today or dt.date.today())
    info, assessment = export.info, scored.assessment
    # answers of sections 1 and 2
    for key, questions in COMPOSITES.items():
        for question, text in zip(questions, decompose(getattr(info, key), questions)):
            export.answer(question, text=text)
    if not info.scope:
        export.answer(121, text=_per_processing(scored, "personal_data"))
    export.answer(123, text=_per_processing(scored, "systems"))
    purposes = "\n\n".join(x for x in (info.purposes, _per_processing(scored, "purpose")) if x)
    export.answer(211, text=purposes)
    export.answer(212, text=_per_processing(scored, "lawful_basis"))
    export.answer(215, text=_per_processing(scored, "retention"))
    export.answer(226, text="\n".join(
        f"{p.name}: {', '.join(p.processors)}"
        + (f" ({p.processor_agreement})" if p.processor_agreement else "")
        for p in assessment.processing if p.processors))
    export.answer(227, text="\n".join(
        f"{p.name}: {', '.join(p.transfers)}"
        + (f" ({p.transfer_safeguard})" if p.transfer_safeguard else "")
        for p in assessment.processing if p.transfers))

    actions = _actions(assessment.measures)
    measures = [m for m in assessment.measures if m.id not in actions]
    cnil_ids = {m.id: number for number, m in enumerate(measures, start=1)}
    by_slug_name = {name.casefold(): slug for slug, name in cnil.KNOWLEDGE_BASE.items()}
    measure_rows = []
    for measure in measures:
        content, action = decompose(measure.description, ("", "action_plan"))
        slug = by_slug_name.get(measure.measure.casefold())
        measure_rows.append({
            "id": cnil_ids[measure.id], "pia_id": 1, "title": measure.measure,
            "content": text_to_html(content) if content else "",
            "placeholder": f"{cnil.KB_PREFIX}{slug}.placeholder" if slug
            else cnil.DEFAULT_PLACEHOLDER,
            "created_at": export.date, "updated_at": export.date,
        })
        if measure.status == "implemented":
            export.evaluation(f"3.1.{cnil_ids[measure.id]}", status=3, person=measure.owner,
                              due=measure.due_date)
        elif measure.status in ("planned", "in_progress"):
            export.evaluation(f"3.1.{cnil_ids[measure.id]}", status=2, action=action,
                              person=measure.owner, due=measure.due_date)

    # the three risks
    groups: dict[str, list[ScoredRisk]] = {item: [] for item in cnil.RISK_ITEMS}
    for risk in scored.risks:
        groups[cnil_item(risk)].append(risk)
    for item, risks in groups.items():
        if not risks:
            continue
        _export_risk(export, item, risks, cnil_ids, actions, assessment.measures)
    # the action plans of the other parts
    risk_refs = set(cnil.RISK_ITEMS)
    for ref, measure in actions.values():
        if ref not in risk_refs:
            export.evaluation(ref, status=2, action=measure.description,
                              person=measure.owner, due=measure.due_date)

    sign_off = {_sign_off_key(s.item): s for s in assessment.sign_off}
    consultation = decompose(info.consultation, ("", "people_consulted", "their_opinion",
                                                 "not_consulted"))
    conclusion = decompose(info.conclusion, ("", "rejected", "adjustments"))
    dpo_advice = sign_off.get("dpo_advice")
    pia = {
        "dbVersion": DB_VERSION, "tableName": "pia", "id": 1,
        "name": info.title,
        "category": "",
        "status": _STATUS.get(info.status, _free_status(info.status)),
        "author_name": info.author,
        "evaluator_name": sign_off["measures_approved"].name
        if "measures_approved" in sign_off else "",
        "validator_name": sign_off["residual_approved"].name
        if "residual_approved" in sign_off else "",
        "dpo_status": _verdict(dpo_advice.notes if dpo_advice else ""),
        "dpo_opinion": info.dpo_advice,
        "dpos_names": info.dpo or (dpo_advice.name if dpo_advice else ""),
        "concerned_people_opinion": consultation[0],
        "people_names": consultation[1],
        "concerned_people_status": _verdict(consultation[2]),
        "concerned_people_searched_opinion": not consultation[3],
        "concerned_people_searched_content": "" if consultation[3] in
        cnil.in_every_language("words", "not_stated") else consultation[3],
        "rejected_reason": conclusion[1],
        "applied_adjustements": conclusion[2],
        "is_example": 0, "is_archive": 0,
        "created_at": export.date, "updated_at": export.date,
    }
    return {"pia": pia, "answers": export.answers, "measures": measure_rows,
            "evaluations": export.evaluations, "comments": []}


def _export_risk(export: _Export, item: str, risks: list[ScoredRisk], cnil_ids: dict[str, int],
                 actions: dict[str, tuple[str, Measure]], measures: tuple[Measure, ...]) -> None:
    """One CNIL risk from the dpia risks grouped under it, rated as the most severe."""
    lang_titles = _risk_names(item)
    impacts: list[str] = []
    threats: list[str] = []
    sources: list[str] = []
    severity_notes: list[str] = []
    likelihood_notes: list[str] = []
    for scored in risks:
        risk = scored.risk
        impact_parts = _titled(risk.impact_on_individuals, cnil.SEVERITY)
        source_parts = _titled(risk.risk_source, cnil.THREATS, cnil.LIKELIHOOD)
        _add(impacts, unbullet(impact_parts[0]))
        _add(sources, unbullet(source_parts[0]))
        if risk.risk.strip().casefold() in lang_titles:
            _add(threats, unbullet(source_parts[1]))
        else:
            _add(threats, [f"{risk.id}: {risk.risk}"] + unbullet(source_parts[1]))
        if impact_parts[1]:
            severity_notes.append(impact_parts[1])
        if source_parts[2]:
            likelihood_notes.append(source_parts[2])
    worst = max(risks, key=lambda r: (r.inherent.level, r.inherent.score, r.residual.level))
    if len(risks) > 1:
        note = (f"Rated as {worst.risk.id}, the most severe of "
                f"{', '.join(r.risk.id for r in risks)}.")
        severity_notes.append(note)
        likelihood_notes.append(note)
    linked: list[str] = []
    by_id = {m.id: m for m in measures}
    plans: list[Measure] = []
    for scored in risks:
        for measure_id in scored.risk.measures:
            if measure_id in actions:
                plans.append(actions[measure_id][1])
            elif measure_id in cnil_ids and by_id[measure_id].measure not in linked:
                linked.append(by_id[measure_id].measure)
    questions = [cnil.risk_question(item, part) for part in range(1, 7)]
    export.answer(questions[0], items=impacts)
    export.answer(questions[1], items=threats)
    export.answer(questions[2], items=sources)
    export.answer(questions[3], items=linked)
    export.answer(questions[4], text="\n\n".join(severity_notes), gauge=worst.inherent.impact)
    export.answer(questions[5], text="\n\n".join(likelihood_notes),
                  gauge=worst.inherent.likelihood)
    residual = max(risks, key=lambda r: (r.residual.level, r.residual.score))
    reassessed = [r for r in risks if r.reassessed or r.risk.accepted_as_is]
    action = "\n\n".join(m.description for m in plans if m.description)
    owner = worst.risk.owner or next((m.owner for m in plans if m.owner), "")
    due = min((m.due_date for m in plans if m.due_date), default=None)
    if not reassessed and not action and not owner:
        return
    accepted = all(r.risk.treatment == "accept" for r in risks)
    status = 3 if accepted or (reassessed and not plans and any(
        r.risk.measures for r in risks)) else 2
    gauges = (residual.residual.impact, residual.residual.likelihood) if reassessed else None
    export.evaluation(item, status=status, action=action, person=owner, due=due,
                      gauges=gauges)


def _titled(text: str, *parts: int) -> list[str]:
    """A risk text split as the importer composes it: the first part, then one per title."""
    out = [""] * (len(parts) + 1)
    current = 0
    for chunk in text.split("\n\n") if text else []:
        for index, part in enumerate(parts, start=1):
            found = strip_heading(chunk, _risk_part_titles(part))
            if found is not None:
                current, chunk = index, found[1]
                break
        out[current] = f"{out[current]}\n\n{chunk}" if out[current] else chunk
    return out


def _add(target: list[str], items: list[str]) -> None:
    for item in items:
        if item not in target:
            target.append(item)


def _sign_off_key(item: str) -> str:
    from dpia import schema

    folded = " ".join(item.split()).casefold()
    for key, names in schema.SIGN_OFF_ITEMS.items():
        if folded in (name.casefold() for name in names.values()):
            return key
    return folded


def _verdict(text: str) -> int | None:
    folded = text.strip().casefold()
    if folded in (*_folded_words("favourable"), "favorable"):
        return 1
    if folded in (*_folded_words("unfavourable"), "unfavorable"):
        return 0
    return None


def _free_status(status: str) -> int:
    folded = status.strip().casefold()
    if folded in _folded_words("refused"):
        return 1
    if folded in _folded_words("archived"):
        return 4
    return 0


def _folded_words(key: str) -> tuple[str, ...]:
    """A word of the workbook (``"refused"``) in every language, case-folded."""
    return tuple(word.casefold() for word in cnil.in_every_language("words", key))

