"""What changed between two versions of an assessment (workbooks or reports).

``compare(old, new)`` gives a :class:`Changes`: assessment fields, processing operations,
risks (with their inherent and residual likelihood, impact, score and level), measures,
screening, sign-off, history and the matrix, each added, removed or changed field by field.
Unchanged items are left out. ``render_text`` and ``render_json`` show it; ``load_pair``
opens both sides, workbooks or reports (``dpia.loading``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpia.errors import Problem, one_line
from dpia.labels import fill, labels, terminal
from dpia.loading import is_report, load_scored
from dpia.model import Matrix, ScoredAssessment, ScoredRisk, ScreeningAnswer

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs: ``old`` and ``new`` as plain JSON values. ``change``:
    ADDED or REMOVED for a field only one side has (a matrix level or cell), else CHANGED."""

    field: str
    old: Any
    new: Any
    change: str = CHANGED
    # the field as data, for code that shows it in other words (the report's changes
    # section): ("likelihood", 4), ("level", 2, "colour"), ("cell", likelihood, impact) for
    # the matrix, (field,) elsewhere; not compared, being ``field`` in another form
    key: tuple[str | int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ItemChange:
    """A row (processing operation, risk, measure...) added, removed or changed."""

    id: str
    label: str  # the row's name or text, to recognise it by
    change: str  # ADDED | REMOVED | CHANGED
    fields: tuple[FieldChange, ...] = ()  # for CHANGED: what differs


@dataclass(frozen=True)
class Changes:
    """Everything that differs between two versions; empty tuples where nothing did."""

    old_title: str
    old_version: str
    new_title: str
    new_version: str
    assessment: tuple[FieldChange, ...] = ()
    processing: tuple[ItemChange, ...] = ()
    risks: tuple[ItemChange, ...] = ()
    measures: tuple[ItemChange, ...] = ()
    screening: tuple[ItemChange, ...] = ()
    sign_off: tuple[ItemChange, ...] = ()
    history: tuple[ItemChange, ...] = ()
    matrix: tuple[FieldChange, ...] = ()
    conclusion: tuple[FieldChange, ...] = field(default=())  # DPIA required, prior consultation

    @property
    def changed(self) -> bool:
        """True when anything at all differs."""
        return any(getattr(self, name) for name in SECTIONS)


# Sections in the order they are shown (report order).
SECTIONS: tuple[str, ...] = (
    "assessment", "conclusion", "processing", "risks", "measures", "screening", "sign_off",
    "history", "matrix",
)


# --- comparable views ----------------------------------------------------------------------


def _value(value: Any) -> Any:
    """A model value as a plain, comparable JSON value."""
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row_fields(row: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields of a model row, without where it was read (moving a row is no change)."""
    out = {}
    for name in row.__dataclass_fields__:
        if name in ("origin", "origins", "id") or name in skip:
            continue
        out[name] = _value(getattr(row, name))
    return out


def _scale_name(scale, value: int) -> str:
    return next((s.name for s in scale if s.value == value), str(value))


def _risk_fields(item: ScoredRisk, matrix: Matrix) -> dict[str, Any]:
    """A risk as the register shows it: names for likelihood, impact and level."""
    risk = item.risk
    out = {
        "processing": list(risk.processing),
        "risk": risk.risk,
        "risk_source": risk.risk_source,
        "impact_on_individuals": risk.impact_on_individuals,
        "likelihood": _scale_name(matrix.likelihood, item.inherent.likelihood),
        "impact": _scale_name(matrix.impact, item.inherent.impact),
        "score": item.inherent.score,
        "level": _level_name(matrix, item.inherent.level),
        "measures": list(risk.measures),
        "residual_likelihood": _scale_name(matrix.likelihood, item.residual.likelihood),
        "residual_impact": _scale_name(matrix.impact, item.residual.impact),
        "residual_score": item.residual.score,
        "residual_level": _level_name(matrix, item.residual.level),
        "reassessed": item.reassessed,
        "treatment": risk.treatment,
        "owner": risk.owner,
    }
    return out


def _level_name(matrix: Matrix, index: int) -> str:
    return matrix.levels[index].name if 0 <= index < len(matrix.levels) else str(index)


def _matrix_key_name(key: tuple[str | int, ...]) -> str:
    """A matrix fact's field name: ``likelihood 4``, ``level 2 colour``,
    ``cell likelihood 1 x impact 3``."""
    if key[0] == "cell":
        return f"cell likelihood {key[1]} x impact {key[2]}"
    return " ".join(str(part) for part in key)


def _matrix_facts(matrix: Matrix) -> dict[tuple[str | int, ...], Any]:
    """The matrix flattened to facts keyed by what they are, so a change names the scale
    level, risk level or cell that differs."""
    out: dict[tuple[str | int, ...], Any] = {("name",): matrix.name, ("title",): matrix.title}
    for label, scale in (("likelihood", matrix.likelihood), ("impact", matrix.impact)):
        for level in scale:
            out[(label, level.value)] = level.name
            out[(label, level.value, "description")] = level.description
    for number, level in enumerate(matrix.levels, start=1):
        out[("level", number)] = level.name
        out[("level", number, "colour")] = level.colour
        out[("level", number, "acceptable")] = level.acceptable
        if level.from_score is not None or level.to_score is not None:
            out[("level", number, "scores")] = f"{level.from_score}-{level.to_score}"
    for li, row in enumerate(matrix.grid, start=1):
        for im, index in enumerate(row, start=1):
            out[("cell", li, im)] = _level_name(matrix, index)
    return out


def _matrix_changes(old: Matrix, new: Matrix) -> tuple[FieldChange, ...]:
    old_facts, new_facts = _matrix_facts(old), _matrix_facts(new)
    keys = list(old_facts) + [key for key in new_facts if key not in old_facts]
    return tuple(
        FieldChange(_matrix_key_name(key), old_facts.get(key), new_facts.get(key),
                    ADDED if key not in old_facts else REMOVED if key not in new_facts
                    else CHANGED, key=key)
        for key in keys
        if key not in old_facts or key not in new_facts or old_facts[key] != new_facts[key]
    )


def _screening_key(answer: ScreeningAnswer) -> str:
    return answer.key or answer.criterion


# --- comparing -----------------------------------------------------------------------------


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Fields that differ, in the order of ``old`` then fields only ``new`` has."""
    names = list(old) + [name for name in new if name not in old]
    return tuple(
        FieldChange(name, old.get(name), new.get(name),
                    ADDED if name not in old else REMOVED if name not in new else CHANGED,
                    key=(name,))
        for name in names
        if name not in old or name not in new or old[name] != new[name]
    )


def _item_changes(
    old: list[tuple[str, str, dict]], new: list[tuple[str, str, dict]]
) -> tuple[ItemChange, ...]:
    """Rows compared by ID: (id, label, fields) each; new order first, removed rows last."""
    old_by_id = {row_id: (label, fields) for row_id, label, fields in old}
    new_ids = {row_id for row_id, _, _ in new}
    out = []
    for row_id, label, fields in new:
        if row_id not in old_by_id:
            out.append(ItemChange(row_id, label, ADDED))
            continue
        differences = _field_changes(old_by_id[row_id][1], fields)
        if differences:
            out.append(ItemChange(row_id, label, CHANGED, differences))
    for row_id, label, _ in old:
        if row_id not in new_ids:
            out.append(ItemChange(row_id, label, REMOVED))
    return tuple(out)


def _views(scored: ScoredAssessment) -> dict[str, list[tuple[str, str, dict]]]:
    assessment = scored.assessment
    matrix = assessment.matrix
    return {
        "processing": [(p.id, p.name, _row_fields(p)) for p in assessment.processing],
        "risks": [(r.risk.id, r.risk.risk, _risk_fields(r, matrix)) for r in scored.risks],
        "measures": [(m.id, m.measure, _row_fields(m)) for m in assessment.measures],
        # compared by criterion key, so that a Dutch and an English name of the same
        # criterion are the same row, and its name is no field of its own
        "screening": [
            (_screening_key(a), a.criterion, _row_fields(a, skip=("key", "criterion")))
            for a in assessment.screening or ()
        ],
        "sign_off": [(s.item, s.name, _row_fields(s, skip=("item",)))
                     for s in assessment.sign_off],
        "history": [(h.version, h.changes, _row_fields(h, skip=("version",)))
                    for h in assessment.history],
    }


def _conclusion(scored: ScoredAssessment) -> dict[str, Any]:
    return {
        "dpia_required": scored.screening.required,
        "prior_consultation": scored.prior_consultation,
    }


def compare(old: ScoredAssessment, new: ScoredAssessment) -> Changes:
    """What changed from ``old`` to ``new``."""
    old_views, new_views = _views(old), _views(new)
    items = {name: _item_changes(old_views[name], new_views[name]) for name in old_views}
    old_info, new_info = old.assessment.info, new.assessment.info
    return Changes(
        old_title=old_info.title,
        old_version=old_info.version,
        new_title=new_info.title,
        new_version=new_info.version,
        assessment=_field_changes(_row_fields(old_info), _row_fields(new_info)),
        conclusion=_field_changes(_conclusion(old), _conclusion(new)),
        matrix=_matrix_changes(old.matrix, new.matrix),
        **items,
    )


# --- showing -------------------------------------------------------------------------------
# In ``lang`` (the words of labels.toml: ``[terminal]``, the value words and ``[changes]``);
# field names stay the keys the JSON document uses.


def show_value(value: Any, lang: str = "en") -> str:
    """A field value as one line of text: lists joined, yes/no, (empty) for nothing."""
    if value is None or value == "" or value == []:
        return terminal(lang)["empty"]
    if isinstance(value, bool):
        return labels(lang)["values"]["yes" if value else "no"]
    if isinstance(value, list):
        return ", ".join(show_value(item, lang) for item in value)
    if isinstance(value, str):
        # one line: a multi-line text shows its line breaks as ¶
        return " ¶ ".join(value.splitlines())
    return str(value)


def _show_word(field_name: str, value: Any, lang: str) -> str:
    """A canonical word (status ``in_progress``, type, treatment) in ``lang``."""
    values = labels(lang)["values"]
    words = {**values["assessment_status"], **values["status"]} if field_name == "status" \
        else values[field_name]
    if isinstance(value, str) and value in words:
        return words[value]
    return show_value(value, lang).replace("_", " ")


def field_line(change: FieldChange, lang: str = "en") -> str:
    """``level: High -> Medium``; ``likelihood 4: Likely (removed)`` for a field only one
    side has."""
    name = change.field.replace("_", " ")
    if change.field in _WORD_FIELDS:
        old, new = (_show_word(change.field, value, lang) for value in (change.old, change.new))
    else:
        old, new = show_value(change.old, lang), show_value(change.new, lang)
    if change.change in (REMOVED, ADDED):
        shown = old if change.change == REMOVED else new
        return f"{name}: {shown} ({labels(lang)['changes'][change.change]})"
    return f"{name}: {old} -> {new}"


_WORD_FIELDS = ("status", "type", "treatment")


def heading(changes: Changes, old_name: str = "", new_name: str = "", lang: str = "en") -> str:
    """``Changes from version 1.0 to version 1.1``; with file names when given, and the
    titles when the title changed."""
    words = terminal(lang)

    def side(name: str, title: str, version: str, other_title: str) -> str:
        parts = [name] if name else []
        if title != other_title:
            parts.append(title)
        if version:
            shown = fill(words["version"], version=version)
            parts.append(f"({shown})" if parts else shown)
        return " ".join(parts) or words["other_version"]

    old = side(old_name, changes.old_title, changes.old_version, changes.new_title)
    new = side(new_name, changes.new_title, changes.new_version, changes.old_title)
    return fill(words["changes_from"], old=old, new=new)


def render_text(changes: Changes, old_name: str = "", new_name: str = "",
                lang: str = "en") -> str:
    """The changes as plain text in ``lang``, one section per kind, ``+`` added, ``-``
    removed, ``~`` changed with one indented line per field. ``old_name``/``new_name``: the
    files."""
    words = terminal(lang)
    lines = [heading(changes, old_name, new_name, lang)]
    if not changes.changed:
        lines.append(words["no_changes"])
        return "\n".join(one_line(line) for line in lines) + "\n"
    marks = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
    for name in SECTIONS:
        entries = getattr(changes, name)
        if not entries:
            continue
        lines.append("")
        lines.append(f"{words['sections'][name]}:")
        for entry in entries:
            if isinstance(entry, FieldChange):
                lines.append(f"  {marks[entry.change]} {field_line(entry, lang)}")
                continue
            label = f" {entry.label}" if entry.label and entry.label != entry.id else ""
            change = labels(lang)["changes"][entry.change]
            lines.append(f"  {marks[entry.change]} {entry.id}{label} ({change})")
            for field_change in entry.fields:
                lines.append(f"      {field_line(field_change, lang)}")
    # each line one line: a title, label or value from a workbook cannot add lines
    return "\n".join(one_line(line) for line in lines) + "\n"


def as_dict(changes: Changes) -> dict:
    """The changes as JSON data (the ``diff --format json`` document)."""

    def fields(entries: tuple[FieldChange, ...]) -> list[dict]:
        return [{"field": c.field, "old": c.old, "new": c.new} for c in entries]

    out: dict[str, Any] = {
        "old": {"title": changes.old_title, "version": changes.old_version},
        "new": {"title": changes.new_title, "version": changes.new_version},
        "changed": changes.changed,
    }
    for name in SECTIONS:
        entries = getattr(changes, name)
        if name in ("assessment", "conclusion", "matrix"):
            out[name] = fields(entries)
        else:
            out[name] = [
                {"id": e.id, "label": e.label, "change": e.change, "fields": fields(e.fields)}
                for e in entries
            ]
    return out


def render_json(changes: Changes, old_name: str = "", new_name: str = "") -> str:
    """The changes as pretty JSON text (``old``/``new`` name the files when given)."""
    data = as_dict(changes)
    if old_name:
        data["old"]["file"] = old_name
    if new_name:
        data["new"]["file"] = new_name
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- opening either side -------------------------------------------------------------------


def load_pair(
    old: Path, new: Path
) -> tuple[ScoredAssessment, ScoredAssessment, list[Problem]]:
    """Both sides of a diff. A workbook compared with a report is read in the report's
    language, so that level and scale names compare like for like."""
    from dpia import provenance

    lang = None
    for path in (old, new):
        if is_report(Path(path)):
            lang = provenance.report_language(path) or lang
    old_scored, old_warnings = load_scored(old, lang=lang, name=str(old), reports=True)
    new_scored, new_warnings = load_scored(new, lang=lang, name=str(new), reports=True)
    return old_scored, new_scored, old_warnings + new_warnings
