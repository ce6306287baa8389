"""Wording of the report: labels (one TOML file per language) and narrative (Jinja2 macros).

Workbook text never becomes template source. The templates are rendered with autoescape and
StrictUndefined; every ``{{ value }}`` is swapped by ``finalize`` for a private-use marker
and kept aside, so the rendered string is the template's own wording plus markers. The
report then writes the wording as runs and each value as a run of its own, exactly as typed
(control characters removed). ``{{ 7*7 }}``, ``<w:p/>`` or ``&`` in a workbook cell therefore
come out literally.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from dpia import languages
from dpia.labels import labels  # one loader for the report and the terminal output
from dpia.sanitise import word_text

_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: template wording, a workbook value or a "not provided" note."""

    text: str
    value: bool = False  # came from the data, not the template
    missing: bool = False  # an empty value: shown as the "not provided" note


@dataclass(frozen=True)
class Paragraph:
    """A rendered paragraph: ``bullet`` for list items."""

    segments: tuple[Segment, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(segment.text for segment in self.segments)


def _load_template(name: str) -> str:
    lang, _, file = name.partition("/")  # "nl/narrative.j2": a file of a language's folder
    return languages.read_text(lang, file)


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
    )


# The values of the render in progress (rendering is synchronous and per thread of control;
# each process renders one report at a time), and its locale (for counts).
_values: list[str] = []
_locale: list[str] = ["en-GB"]


@functools.lru_cache(maxsize=256)
def grouped(value: int, locale: str) -> str:
    """A whole number with the digit grouping of ``locale`` (``en-GB``: 850,000; ``nl-NL``:
    850.000), from CLDR through Babel."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale.replace("-", "_"))


def _finalize(value: object) -> str:
    """Park ``value`` and put a marker in its place (Jinja escapes only the marker)."""
    if isinstance(value, Markup):
        # text Jinja already escaped (e.g. the result of a join filter): undo its escaping
        value = value.unescape()
    if isinstance(value, bool):
        raise TypeError("booleans are not printable in report templates; use a label")
    if type(value) is int and abs(value) >= 1000:  # a count: 5,000 risks, 5.000 risico's
        text = grouped(value, _locale[0])
    else:
        text = "" if value is None else str(value)
    _values.append(text)
    return f"{_MARK_OPEN}{len(_values) - 1}{_MARK_CLOSE}"


def narrative(lang: str, name: str, /, **context: object) -> list[Paragraph]:
    """Render macro ``name`` of ``templates/<lang>/narrative.j2`` into paragraphs.

    Paragraphs are separated by blank lines; a line starting with ``* `` is a bullet; other
    line breaks inside a paragraph are spaces.
    """
    template = _environment().get_template(f"{lang}/narrative.j2")
    macro = getattr(template.module, name)
    _values.clear()
    _locale[0] = labels(lang)["document"]["locale"]
    try:
        rendered = str(macro(**context))
        values = list(_values)
    finally:
        _values.clear()
    return _paragraphs(rendered, values, labels(lang)["values"]["not_provided"])


def _paragraphs(rendered: str, values: list[str], not_provided: str) -> list[Paragraph]:
    blocks: list[list[str]] = [[]]
    for line in rendered.split("\n"):
        stripped = line.strip()
        if not stripped:
            if blocks[-1]:
                blocks.append([])
        elif stripped.startswith("* "):
            if blocks[-1]:
                blocks.append([])
            blocks[-1].append(stripped)
            blocks.append([])
        else:
            blocks[-1].append(stripped)
    paragraphs = []
    for block in blocks:
        if not block:
            continue
        text = " ".join(block)
        bullet = text.startswith("* ")
        if bullet:
            text = text[2:]
        segments = []
        position = 0
        for match in _MARKER.finditer(text):
            if match.start() > position:
                segments.append(Segment(text[position : match.start()]))
            value = word_text(values[int(match.group(1))])
            if value.strip():
                segments.append(Segment(value, value=True))
            else:
                segments.append(Segment(not_provided, value=True, missing=True))
            position = match.end()
        if position < len(text):
            segments.append(Segment(text[position:]))
        paragraphs.append(Paragraph(tuple(segments), bullet))
    return paragraphs
