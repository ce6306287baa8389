"""The "Changes since version X" section (``dpia build --previous OLD``).

What changed is computed by :func:`dpia.diff.compare`; this module only shows it: a heading,
one sentence, and a table with a row per processing operation, risk, measure... added,
removed or changed (details: one line per field, old -> new), plus rows for changed
assessment fields, the conclusion and the matrix. Words come from ``labels.toml``
(``[changes]`` and the column, field and value labels the rest of the report uses).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dpia import diff
from dpia.labels import fill
from dpia.report.context import Context
from dpia.report.document import ReportDocument

KEYS = ("item", "change", "details")
_DATE_FIELDS = ("date", "review_date", "due_date")
_WORD_GROUPS = {  # (section, field) -> value-word group of labels.toml
    ("measures", "status"): "status",
    ("measures", "type"): "type",
    ("risks", "treatment"): "treatment",
    ("assessment", "status"): "assessment_status",
}


def _words(ctx: Context) -> dict:
    """The ``[changes]`` labels of the report language (English if that file lacks them)."""
    from dpia.report.text import labels

    return ctx.labels.get("changes") or labels("en")["changes"]


def field_label(ctx: Context, section: str, change: diff.FieldChange) -> str:
    """A field's name in the report language (column, field or heading label)."""
    words = _words(ctx)
    name = change.field
    if section == "matrix":
        return _matrix_label(ctx, change.key or (name,))
    if name in words.get("fields", {}):
        return words["fields"][name]
    if name == "lawful_bases":
        return ctx.labels["columns"]["lawful_points"]
    groups = ("fields", "columns", "headings") if section == "assessment" else (
        "columns", "fields")
    for group in groups:
        if name in ctx.labels.get(group, {}):
            return ctx.labels[group][name]
    return name.replace("_", " ")


def _matrix_label(ctx: Context, key: tuple[str | int, ...]) -> str:
    """``Likelihood 4``, ``Level 2: colour``, ``Likelihood 1 × impact 3`` from a matrix
    fact's key (``diff.FieldChange.key``)."""
    columns = ctx.labels["columns"]
    what = key[0]
    if what == "cell":
        return f"{columns['likelihood']} {key[1]} × {columns['impact'].lower()} {key[2]}"
    if what in ("likelihood", "impact", "level") and len(key) > 1:
        label = f"{columns[what]} {key[1]}"
        if len(key) > 2:
            detail = str(key[2])
            column = {"scores": "score_band"}.get(detail, detail)
            label += f": {columns.get(column, detail).lower()}"
        return label
    if what == "name":
        return f"{ctx.labels['fields']['matrix']} ({columns['name'].lower()})"
    if what == "title":
        return ctx.labels["fields"]["matrix"]
    return " ".join(str(part) for part in key)


def show_value(ctx: Context, section: str, name: str, value: Any) -> str:
    """A field value as the report shows it: words, dates and lists in the report language."""
    values = ctx.labels["values"]
    if value is None or value == "" or value == []:
        return values["not_provided"]
    if isinstance(value, bool):
        return values["yes" if value else "no"]
    if isinstance(value, list):
        return ", ".join(show_value(ctx, section, name, item) for item in value)
    if name in _DATE_FIELDS and isinstance(value, str):
        try:
            return ctx.date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    group = _WORD_GROUPS.get((section, name))
    if group and isinstance(value, str):
        return ctx.word(group, value)
    return " ".join(str(value).split("\n"))


def _detail_line(ctx: Context, section: str, change: diff.FieldChange) -> str:
    """``Level: High → Medium``; ``Likelihood 4: Likely (removed)`` for a field (a matrix
    level or cell) only one side has."""
    label = field_label(ctx, section, change)
    old = show_value(ctx, section, change.field, change.old)
    new = show_value(ctx, section, change.field, change.new)
    if change.change == diff.REMOVED:
        return f"{label}: {old} ({_words(ctx)['removed']})"
    if change.change == diff.ADDED:
        return f"{label}: {new} ({_words(ctx)['added']})"
    return f"{label}: {old} → {new}"


def _detail_lines(ctx: Context, section: str, fields: tuple[diff.FieldChange, ...]) -> str:
    return "\n".join(_detail_line(ctx, section, change) for change in fields)


def _ratings(ctx: Context, section: str, fields: tuple[diff.FieldChange, ...]) -> list[str]:
    """An added or removed risk's ratings: one line inherent, one residual."""
    groups: dict[bool, list[str]] = {False: [], True: []}
    for change in fields:
        value = change.new if change.change == diff.ADDED else change.old
        groups[change.field.startswith("residual_")].append(
            f"{field_label(ctx, section, change)}: {show_value(ctx, section, change.field, value)}")
    return [", ".join(group) for group in groups.values() if group]


def rows(ctx: Context, changes: diff.Changes) -> list[tuple[str, str, str]]:
    """The table rows: (item, change, details), in report order."""
    words = _words(ctx)
    out: list[tuple[str, str, str]] = []
    for section in diff.SECTIONS:
        entries = getattr(changes, section)
        if not entries:
            continue
        if section in ("assessment", "conclusion", "matrix"):
            out.append((words["sections"][section], words["changed"],
                        _detail_lines(ctx, section, entries)))
            continue
        kind = words["sections"][section]
        for entry in entries:
            label = entry.label if entry.label and entry.label != entry.id else ""
            item = f"{kind} {entry.id}"
            if entry.change == diff.CHANGED:
                details = _detail_lines(ctx, section, entry.fields)
            elif entry.change == diff.RENUMBERED:
                details = "\n".join(part for part in (
                    fill(words["renumbered_from"], id=entry.old_id), label) if part)
            else:  # added or removed: its name, and a risk's ratings
                details = "\n".join(part for part in (
                    " ".join(label.split("\n")), *_ratings(ctx, section, entry.fields)) if part)
            out.append((item, words[entry.change], details))
    return out


def _summary(ctx: Context, changes: diff.Changes) -> dict[str, Any]:
    """The values of the ``changes`` narrative: risks and measures added, removed,
    re-scored, status changes."""

    def ids(entries: tuple[diff.ItemChange, ...], change: str) -> list[str]:
        return [e.id for e in entries if e.change == change]

    scoring = ("score", "level", "residual_score", "residual_level")
    rescored = []
    old_residual = {r.risk.id: r.residual.level for r in ctx.previous.risks}
    new_residual = {r.risk.id: r.residual.level for r in ctx.scored.risks}
    for entry in changes.risks:
        if entry.change == diff.CHANGED and any(c.field in scoring for c in entry.fields):
            rescored.append((entry.id, ctx.previous.matrix.levels[old_residual[entry.id]].name,
                             ctx.level_name(new_residual[entry.id])))
    status = [
        (entry.id, ctx.word("status", c.old), ctx.word("status", c.new))
        for entry in changes.measures if entry.change == diff.CHANGED
        for c in entry.fields if c.field == "status"
    ]
    return dict(
        previous_version=ctx.previous.assessment.info.version,
        risks_added=ids(changes.risks, diff.ADDED),
        risks_removed=ids(changes.risks, diff.REMOVED),
        rescored=rescored,
        measures_added=ids(changes.measures, diff.ADDED),
        measures_removed=ids(changes.measures, diff.REMOVED),
        status_changes=status,
    )


def changes_section(doc: ReportDocument, ctx: Context) -> None:
    """Heading "Changes since version X", the narrative summary (risks and measures added,
    removed, re-scored) and a table of every change, field by field."""
    previous = ctx.previous
    if previous is None:
        return
    words = _words(ctx)
    version = previous.assessment.info.version
    if version:
        doc.heading(words["heading"].replace("{version}", version), 2)
    else:
        doc.heading(ctx.label("headings", "changes_since_previous"), 2)
    changes = diff.compare(previous, ctx.scored)
    doc.paragraphs(ctx.text("changes", **_summary(ctx, changes)))
    if not changes.changed:
        return
    doc.table(
        [words["columns"][key] for key in KEYS], rows(ctx, changes), (1.6, 1, 5),
        kind="changes", caption=words["caption"],
    )
