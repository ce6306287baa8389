"""A table cell of the report with more than text: shading, text colour, bold, italic, a
note. ``dpia.docxml`` writes any object with these attributes (``docxml.StyledCell``) and
imports nothing from the report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """A table cell: text (lines become paragraphs) and optional shading and text colour."""

    text: str
    fill: str | None = None  # "RRGGBB" background
    colour: str | None = None  # "RRGGBB" text colour
    bold: bool = False
    italic: bool = False
    note: str | None = None  # a last line in small regular type (a heat map cell's level)
