"""The words of dpia's output in each language: ``templates/<lang>/labels.toml``.

The report takes its headings, column headers and value words from there, and the terminal
output of ``score``, ``matrix``, ``screen`` and ``diff`` its words from the ``[terminal]``
table. Read once per language; light to import (no Jinja2, no python-docx), as every
command that prints a table needs it.
"""

from __future__ import annotations

import functools

from dpia import languages


@functools.cache
def labels(lang: str) -> dict:
    """Every label of ``lang`` (``en``, ``nl``, ...): report headings, columns, value words,
    and the ``terminal`` words. A column of the workbook that ``[columns]`` leaves out is
    headed by the name ``dpia init`` writes for it (``workbook.toml``), so a column added to
    the format needs no label of its own; likewise an Assessment field ``[fields]`` leaves
    out."""
    words = languages.data(lang, "labels.toml")
    columns, fields = _workbook_names(lang)
    return {**words, "columns": {**columns, **words.get("columns", {})},
            "fields": {**fields, **words.get("fields", {})}}


def _workbook_names(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Column key -> the name ``dpia init`` writes for it in ``lang`` (the first sheet's,
    for a key several sheets have), and the same for the Assessment fields."""
    from dpia import schema  # reads every language's workbook words: only once needed

    columns: dict[str, str] = {}
    for sheet in schema.SHEETS:
        for column in sheet.columns:
            columns.setdefault(column.key, column.name(lang))
    return columns, {field.key: field.name(lang) for field in schema.ASSESSMENT_FIELDS}


def terminal(lang: str) -> dict:
    """The words of the terminal output in ``lang`` (English for a language without them)."""
    known = lang if lang in languages.codes() else languages.FALLBACK
    return labels(known).get("terminal") or labels(languages.FALLBACK)["terminal"]


def fill(text: str, /, **values: object) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]`` (labels hold no other
    braces; workbook values are inserted as they are, never read as a format)."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
