"""The words of dpia's output in each language: ``templates/<lang>/labels.toml``.

The report takes its headings, column headers and value words from there, and the terminal
output of ``score``, ``matrix``, ``screen`` and ``diff`` its words from the ``[terminal]``
table. Read once per language; light to import (no Jinja2, no python-docx), as every
command that prints a table needs it.
"""

from __future__ import annotations

from dpia import languages


def labels(lang: str) -> dict:
    """Every label of ``lang`` (``en``, ``nl``, ...): report headings, columns, value words,
    and the ``terminal`` words."""
    return languages.data(lang, "labels.toml")


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
