"""The Assessment sheet: one field a row, each value read by the field's kind."""

from __future__ import annotations

from dpia import authorities, cells, languages, schema
from dpia.errors import WARNING
from dpia.i18n import _
from dpia.model import AssessmentInfo, Origin
from dpia.reader.tables import Reader, Row, free_word, letter, missing_sheet


def _or(words: tuple[str, ...]) -> str:
    """``en, de, fr or nl``."""
    return _(" or ").join((", ".join(words[:-1]), words[-1])) if len(words) > 1 else "".join(words)


def _language(reader: Reader, text: str, origin: Origin | None) -> str:
    if reader.lang_override:
        return reader.lang_override
    code = schema.language_key(text)
    if code is not None:
        return code
    if text.strip() and origin is not None:
        # A warning, not an error: the language only picks the report's wording, the
        # assessment itself is read correctly; --lang chooses one, --strict refuses.
        reader.warning(
            origin.sheet, origin.cell,
            _("Language: {text!r} is not a report language ({languages}); the report will be "
              "in English").format(text=text, languages=_or(languages.codes())),
        )
    return "en"


def _authority(reader: Reader, text: str, row: Row | None) -> str:
    """The key of the supervisory authority an Authority cell names (by key or name), or
    "" when empty; one whose list dpia does not hold is an error naming the cell."""
    if not text:
        return ""
    found = authorities.find(text)
    if found is not None:
        return found.key
    if row is not None:
        hint = cells.did_you_mean(text, authorities.accepted_words())
        reader.row_error(
            row, "value",
            _("{text!r} is not a supervisory authority whose Art. 35(4) list dpia holds "
              "({keys}, or the authority's name){hint}").format(
                text=text, keys=", ".join(authorities.KEYS), hint=hint),
        )
    return ""


def read_info(reader: Reader) -> tuple[AssessmentInfo | None, dict[str, Origin]]:
    table = reader.table(schema.ASSESSMENT, extra_required=("value",))
    if table is None:
        reader.error("", "", missing_sheet(schema.ASSESSMENT))
        return None, {}
    values: dict[str, object] = {}
    origins: dict[str, Origin] = {}
    rows: dict[str, Row] = {}
    value_letter = letter(table.columns["value"]) if table.has("value") else None
    for row in table.rows:
        name = cells.as_text(row.values.get("field"))
        column = schema.find_field(name)
        if column is None:
            closest = schema.closest_column(schema.ASSESSMENT_FIELDS, name)
            reader.add(
                WARNING, row.origin.sheet, row.origin.cell_of("field"),
                _("{name}: unknown field (ignored)").format(name=name)
                + (_("; did you mean {name!r}?").format(name=closest.name(table.lang))
                   if closest else ""),
            )
            continue
        row.label = column.name(table.lang)  # not the typed text with its "*" or hint
        if column.key in rows:
            reader.row_error(
                row, "field",
                _("field given twice (first in row {row}); remove one").format(
                    row=rows[column.key].number),

            )
            continue
        rows[column.key] = row
        cell = f"{value_letter}{row.number}" if value_letter else row.origin.cell
        origins[column.key] = Origin(row.origin.sheet, row.number, cell, row.origin.columns)
        value = row.values.get("value")
        if "value" in row.unreadable:
            continue
        if column.kind == schema.DATE:
            values[column.key] = reader.date(row, "value", table, label="")
        elif column.kind == schema.ENUM:
            values[column.key] = free_word(reader, row, "value", column.enum, "")
        else:
            values[column.key] = cells.as_text(value)
    for column in schema.ASSESSMENT_FIELDS:
        if column.required != schema.YES or values.get(column.key):
            continue
        if not table.has("value"):
            continue  # the missing column is the problem, reported once
        if column.key in rows:
            if "value" not in rows[column.key].unreadable:
                reader.row_error(rows[column.key], "value",
                                 _("the value is empty (required)"))
        elif table.has("field") and table.has("value"):
            reader.error(
                table.raw.title, "",
                _("missing required field {name!r}").format(name=column.name(table.lang)),
            )
    values["language"] = _language(
        reader, str(values.get("language") or ""), origins.get("language")
    )
    values["authority"] = _authority(reader, str(values.get("authority") or ""),
                                     rows.get("authority"))
    info = AssessmentInfo(
        title=str(values.get("title") or ""),
        organisation=str(values.get("organisation") or ""),
        **{k: v for k, v in values.items() if k not in ("title", "organisation") and v is not None},
        origins=tuple(origins.items()),
    )
    return info, origins


