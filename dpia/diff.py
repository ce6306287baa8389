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

from dpia import languages
from dpia.errors import WARNING, DpiaError, Problem, one_line
from dpia.i18n import _, translate
from dpia.labels import fill, labels, terminal
from dpia.loading import is_report, load_scored
from dpia.matrix import preset, preset_key
from dpia.model import Matrix, ScoredAssessment, ScoredRisk, ScreeningAnswer
from dpia.schema import GROUPED_COLUMNS, LEVEL, RISKS

ADDED, REMOVED, CHANGED, RENUMBERED = "added", "removed", "changed", "renumbered"
# rows that keep their content under a new ID are shown as renumbered, not removed + added
RENUMBERABLE = ("processing", "risks", "measures")
# what an added or removed risk is shown with: its ratings, as the register shows them
RATING_FIELDS = ("likelihood", "impact", "score", "level", "residual_likelihood",
                 "residual_impact", "residual_score", "residual_level")


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
    change: str  # ADDED | REMOVED | CHANGED | RENUMBERED
    # for CHANGED: what differs; for a risk ADDED or REMOVED: its ratings (RATING_FIELDS)
    fields: tuple[FieldChange, ...] = ()
    old_id: str = ""  # for RENUMBERED: its ID before (``id`` is the new one)


@dataclass(frozen=True)
class LevelCount:
    """How many risks a risk level holds, inherent and residual, before and after."""

    level: str  # the level's name (the newer version's, where it has the level)
    inherent: tuple[int, int]  # (old, new)
    residual: tuple[int, int]

    @property
    def changed(self) -> bool:
        return self.inherent[0] != self.inherent[1] or self.residual[0] != self.residual[1]


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
    levels: tuple[LevelCount, ...] = ()  # risks per level, before and after (no change itself)

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


# a level column's rating: inherent, or residual for the columns under that group
_RATING_OF = {key: group for (group, _), key in GROUPED_COLUMNS.items()}


def _risk_fields(item: ScoredRisk, matrix: Matrix) -> dict[str, Any]:
    """A risk as the register shows it, a field per Risks column of the schema: names for
    likelihood and impact, and after each rating's impact its score and level."""
    risk = item.risk
    out: dict[str, Any] = {}
    for column in RISKS.columns:
        if column.key == "id":
            continue
        if column.kind != LEVEL:
            out[column.key] = _value(getattr(risk, column.key))
            continue
        residual = _RATING_OF.get(column.key) == "residual"
        rating = item.residual if residual else item.inherent
        out[column.key] = _scale_name(getattr(matrix, column.scale),
                                      getattr(rating, column.scale))
        if column.scale == "impact":  # the rating's last column
            prefix = "residual_" if residual else ""
            out[prefix + "score"] = rating.score
            out[prefix + "level"] = _level_name(matrix, rating.level)
            if residual:
                out["reassessed"] = item.reassessed
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


def _translations(matrix: Matrix) -> dict[tuple[str | int, ...], set[Any]]:
    """For a preset matrix: each fact -> its values in every language dpia ships (the
    preset's names and descriptions are presentation: a report built with another --lang
    words them differently, and that is no change). Empty for a workbook's own matrix."""
    if not matrix.preset or preset_key(matrix.name) != matrix.name:
        return {}
    out: dict[tuple[str | int, ...], set[Any]] = {}
    for lang in languages.codes():
        for key, value in _matrix_facts(preset(matrix.name, lang)).items():
            out.setdefault(key, set()).add(value)
    return out


def _matrix_changes(old: Matrix, new: Matrix) -> tuple[FieldChange, ...]:
    old_facts, new_facts = _matrix_facts(old), _matrix_facts(new)
    translations = _translations(new) if old.name == new.name else {}

    def same(key: tuple[str | int, ...]) -> bool:
        old_value, new_value = old_facts[key], new_facts[key]
        words = translations.get(key, ())
        return old_value == new_value or (old_value in words and new_value in words)

    keys = list(old_facts) + [key for key in new_facts if key not in old_facts]
    return tuple(
        FieldChange(_matrix_key_name(key), old_facts.get(key), new_facts.get(key),
                    ADDED if key not in old_facts else REMOVED if key not in new_facts
                    else CHANGED, key=key)
        for key in keys
        if key not in old_facts or key not in new_facts or not same(key)
    )


def _screening_key(answer: ScreeningAnswer) -> str:
    return answer.key or answer.criterion


# --- comparing -----------------------------------------------------------------------------

# A row to compare: (ID, label, its fields as shown, the same fields as compared). The two
# differ only where a value has a language-independent form: a risk's rating names, which
# are compared by scale value and level number when the matrices are the same.
Row = tuple[str, str, dict[str, Any], dict[str, Any]]


def _field_changes(old: dict[str, Any], new: dict[str, Any],
                   old_compared: dict[str, Any] | None = None,
                   new_compared: dict[str, Any] | None = None) -> tuple[FieldChange, ...]:
    """Fields that differ (by their compared values, when given), in the order of ``old``
    then fields only ``new`` has."""
    old_compared = old if old_compared is None else old_compared
    new_compared = new if new_compared is None else new_compared
    names = list(old) + [name for name in new if name not in old]
    return tuple(
        FieldChange(name, old.get(name), new.get(name),
                    ADDED if name not in old else REMOVED if name not in new else CHANGED,
                    key=(name,))
        for name in names
        if name not in old or name not in new or old_compared[name] != new_compared[name]
    )


def _content(row: Row) -> str:
    """A row's compared fields as one comparable value (for finding renumbered rows)."""
    return json.dumps(row[3], sort_keys=True, default=str)


def _renumbered(old: list[Row], new: list[Row]) -> dict[str, str]:
    """New ID -> old ID for rows whose content is unchanged under another ID: rows only one
    side has by ID, or whose content moved to another ID (R4 renumbered R3 after R3 was
    removed), paired first come, first served."""
    old_content = {row[0]: _content(row) for row in old}
    new_content = {row[0]: _content(row) for row in new}
    # rows unchanged under their own ID are settled
    settled = {row_id for row_id, content in new_content.items()
               if old_content.get(row_id) == content}
    waiting: dict[str, list[str]] = {}
    for row_id, content in old_content.items():
        if row_id not in settled:
            waiting.setdefault(content, []).append(row_id)
    pairs = {}
    for row_id, content in new_content.items():
        if row_id not in settled and waiting.get(content):
            pairs[row_id] = waiting[content].pop(0)
    return pairs


def _item_changes(old: list[Row], new: list[Row], *, renumber: bool = False,
                  added_fields: tuple[str, ...] = ()) -> tuple[ItemChange, ...]:
    """Rows compared by ID: new order first, removed rows last. With ``renumber``, a row
    whose content is unchanged under a new ID is RENUMBERED (and its old ID not removed);
    an added or removed row lists its ``added_fields``."""
    pairs = _renumbered(old, new) if renumber else {}
    moved = set(pairs.values())
    old_by_id = {row[0]: row for row in old}
    new_ids = {row[0] for row in new}
    out = []

    def shown(fields: dict[str, Any], change: str) -> tuple[FieldChange, ...]:
        return tuple(FieldChange(name, fields[name] if change == REMOVED else None,
                                 fields[name] if change == ADDED else None, change,
                                 key=(name,))
                     for name in added_fields if name in fields)

    for row_id, label, fields, compared in new:
        if row_id in pairs:
            out.append(ItemChange(row_id, label, RENUMBERED, old_id=pairs[row_id]))
            continue
        if row_id not in old_by_id or row_id in moved:
            out.append(ItemChange(row_id, label, ADDED, shown(fields, ADDED)))
            continue
        _, _, old_fields, old_compared = old_by_id[row_id]
        differences = _field_changes(old_fields, fields, old_compared, compared)
        if differences:
            out.append(ItemChange(row_id, label, CHANGED, differences))
    for row_id, label, fields, _ in old:
        if row_id in moved:
            continue
        if row_id not in new_ids or row_id in pairs:
            out.append(ItemChange(row_id, label, REMOVED, shown(fields, REMOVED)))
    return tuple(out)


def _plain_rows(rows: list[tuple[str, str, dict[str, Any]]]) -> list[Row]:
    return [(row_id, label, fields, fields) for row_id, label, fields in rows]


def _risk_rows(scored: ScoredAssessment, by_value: bool) -> list[Row]:
    """The risks as shown (rating names), compared by scale value and level number when
    ``by_value`` (the two matrices differ only in language), else by name."""
    matrix = scored.assessment.matrix
    rows = []
    for item in scored.risks:
        fields = _risk_fields(item, matrix)
        compared = fields
        if by_value:
            compared = {**fields}
            for prefix, rating in (("", item.inherent), ("residual_", item.residual)):
                compared[prefix + "likelihood"] = rating.likelihood
                compared[prefix + "impact"] = rating.impact
                compared[prefix + "level"] = rating.level
        rows.append((item.risk.id, item.risk.risk, fields, compared))
    return rows


def _views(scored: ScoredAssessment, by_value: bool) -> dict[str, list[Row]]:
    assessment = scored.assessment
    return {
        "processing": _plain_rows([(p.id, p.name, _row_fields(p))
                                   for p in assessment.processing]),
        "risks": _risk_rows(scored, by_value),
        "measures": _plain_rows([(m.id, m.measure, _row_fields(m))
                                 for m in assessment.measures]),
        # compared by criterion key, so that a Dutch and an English name of the same
        # criterion are the same row, and its name is no field of its own
        "screening": _plain_rows([
            (_screening_key(a), a.criterion, _row_fields(a, skip=("key", "criterion", "list_item")))
            for a in assessment.screening or ()
        ]),
        "sign_off": _plain_rows([(s.item, s.name, _row_fields(s, skip=("item",)))
                                 for s in assessment.sign_off]),
        "history": _plain_rows([(h.version, h.changes, _row_fields(h, skip=("version",)))
                                for h in assessment.history]),
    }


def _conclusion(scored: ScoredAssessment) -> dict[str, Any]:
    return {
        "dpia_required": scored.screening.required,
        "prior_consultation": scored.prior_consultation,
    }


def _level_counts(old: ScoredAssessment, new: ScoredAssessment) -> tuple[LevelCount, ...]:
    """Risks per level before and after, level by level (by number: the first level is the
    lowest), named as the newer version names them."""
    size = max(len(old.matrix.levels), len(new.matrix.levels))

    def count(counts: tuple[int, ...], index: int) -> int:
        return counts[index] if index < len(counts) else 0

    return tuple(
        LevelCount(
            _level_name(new.matrix if index < len(new.matrix.levels) else old.matrix, index),
            (count(old.inherent_counts, index), count(new.inherent_counts, index)),
            (count(old.residual_counts, index), count(new.residual_counts, index)),
        )
        for index in range(size)
    )


def compare(old: ScoredAssessment, new: ScoredAssessment) -> Changes:
    """What changed from ``old`` to ``new``. Language is presentation: the same workbook
    read (or built) in another language has no changes."""
    matrix = _matrix_changes(old.matrix, new.matrix)
    by_value = not matrix  # the same matrix, maybe in other words: ratings by number
    old_views, new_views = _views(old, by_value), _views(new, by_value)
    items = {
        name: _item_changes(old_views[name], new_views[name], renumber=name in RENUMBERABLE,
                            added_fields=RATING_FIELDS if name == "risks" else ())
        for name in old_views
    }
    old_info, new_info = old.assessment.info, new.assessment.info
    # the Language field only chooses the words of the report
    skip = ("language",)
    return Changes(
        old_title=old_info.title,
        old_version=old_info.version,
        new_title=new_info.title,
        new_version=new_info.version,
        assessment=_field_changes(_row_fields(old_info, skip), _row_fields(new_info, skip)),
        conclusion=_field_changes(_conclusion(old), _conclusion(new)),
        matrix=matrix,
        levels=_level_counts(old, new),
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


def _field_name(field_name: str, lang: str) -> str:
    """A field as the text names it, in the words the report uses for it in ``lang``
    (labels.toml: ``[changes.fields]``, else ``[columns]``, which holds every column of the
    workbook, else the Assessment ``[fields]``); a field none has (``likelihood 4``) by its
    translated key."""
    words = labels(lang)
    return (words["changes"]["fields"].get(field_name) or words["columns"].get(field_name)
            or words["fields"].get(field_name)
            or translate(field_name.replace("_", " "), lang))


def field_line(change: FieldChange, lang: str = "en") -> str:
    """``level: High -> Medium``; ``likelihood 4: Likely (removed)`` for a field only one
    side has."""
    name = _field_name(change.field, lang)
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
    marks = {ADDED: "+", REMOVED: "-", CHANGED: "~", RENUMBERED: "~"}
    for name in SECTIONS:
        entries = getattr(changes, name)
        if entries:
            lines.append("")
            lines.append(f"{words['sections'][name]}:")
        for entry in entries:
            if isinstance(entry, FieldChange):
                lines.append(f"  {marks[entry.change]} {field_line(entry, lang)}")
                continue
            label = f" {entry.label}" if entry.label and entry.label != entry.id else ""
            change = labels(lang)["changes"][entry.change]
            if entry.change == RENUMBERED:
                change = fill(words["renumbered_from"], id=entry.old_id)
            lines.append(f"  {marks[entry.change]} {entry.id}{label} ({change})")
            if entry.change == CHANGED:
                lines.extend(f"      {field_line(c, lang)}" for c in entry.fields)
            else:
                lines.extend(f"      {line}" for line in _ratings_lines(entry.fields, lang))
        if name == "risks" and (entries or any(count.changed for count in changes.levels)):
            lines.append("")
            lines.append(f"{words['sections']['levels']}:")
            lines.extend(
                "  " + fill(words["level_count"], level=count.level,
                            inherent_old=count.inherent[0], inherent_new=count.inherent[1],
                            residual_old=count.residual[0], residual_new=count.residual[1])
                for count in reversed(changes.levels))  # the highest level first
    # each line one line: a title, label or value from a workbook cannot add lines
    return "\n".join(one_line(line) for line in lines) + "\n"


def _ratings_lines(fields: tuple[FieldChange, ...], lang: str) -> list[str]:
    """An added or removed risk's ratings: ``likelihood: Remote, impact: Severe, score: 3,
    level: Low`` and the same for the residual ratings on a second line."""
    groups: dict[bool, list[str]] = {False: [], True: []}
    for change in fields:
        value = change.new if change.change == ADDED else change.old
        groups[change.field.startswith("residual_")].append(
            f"{_field_name(change.field, lang)}: {show_value(value, lang)}")
    return [", ".join(group) for group in groups.values() if group]


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
                {"id": e.id, "label": e.label, "change": e.change, "fields": fields(e.fields),
                 **({"old_id": e.old_id} if e.change == RENUMBERED else {})}
                for e in entries
            ]
    # risks per level, lowest level first (as the matrix numbers them)
    out["levels"] = [
        {"level": count.level,
         "inherent": {"old": count.inherent[0], "new": count.inherent[1]},
         "residual": {"old": count.residual[0], "new": count.residual[1]}}
        for count in changes.levels
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
    old: Path, new: Path, *, password: str | None = None
) -> tuple[ScoredAssessment, ScoredAssessment, list[Problem]]:
    """Both sides of a diff. A workbook compared with a report is read in the report's
    language, so that level and scale names compare like for like; ``password`` opens an
    encrypted workbook."""
    from dpia import provenance

    lang = None
    reports = [path for path in (old, new) if is_report(Path(path))]
    for path in reports:
        lang = provenance.report_language(path) or lang
    old_scored, old_warnings = load_scored(old, lang=lang, name=str(old), reports=True,
                                           password=password)
    new_scored, new_warnings = load_scored(new, lang=lang, name=str(new), reports=True,
                                           password=password)
    checks = [problem for path in reports if (problem := unverified(Path(path)))]
    return old_scored, new_scored, checks + old_warnings + new_warnings


def unverified(report: Path) -> Problem | None:
    """A warning when ``report`` fails ``dpia verify``: a diff compares the record embedded
    in a report, and the pages of one that fails may say something else."""
    from dpia.verify import verify

    try:
        result = verify(report)
    except DpiaError as exc:  # its record was read; its pages could not be
        findings: tuple[str, ...] = (str(exc).removeprefix(f"{report}: "),)
    else:
        if result.ok:
            return None
        findings = (*(_("record: {finding}").format(finding=finding)
                      for finding in result.record_findings),
                    *result.findings,
                    *(_("not compared: {what}").format(what=what)
                      for what in result.uncompared))
        if not findings:  # out of date, or its signature fails: verify says which
            return None
    first, more = findings[0], len(findings) - 1
    also = _("; and {more} more").format(more=more) if more else ""
    return Problem(WARNING, _(
        "the report does not verify ({first}{also}); this diff compares the assessment "
        "embedded in it, which its pages may not show: run dpia verify {report}").format(
        first=first, also=also, report=report), file=str(report))

