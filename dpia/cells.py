"""Cell values as the workbook format reads them: text, integers, dates, lists, yes/no, levels.

Pure functions over the values openpyxl gives. Each parser returns the parsed value or raises
``CellError`` with a message for the user (without the cell reference: the reader adds it).
"""

from __future__ import annotations

import datetime as dt
import re

from dpia import schema
from dpia.matrix import find_scale_value
from dpia.model import ScaleLevel


class CellError(ValueError):
    """A cell's value cannot be read as its column expects; ``str()`` is the message."""


class SpreadsheetError:
    """A cell holding a spreadsheet error value such as ``#N/A`` or ``#REF!``."""

    __slots__ = ("code",)

    def __init__(self, code: str):
        self.code = code

    def __repr__(self) -> str:
        return f"SpreadsheetError({self.code!r})"


class UncachedFormula:
    """A formula cell whose result was never computed (no cached value in the file)."""

    __slots__ = ("formula",)

    def __init__(self, formula: str):
        self.formula = formula

    def __repr__(self) -> str:
        return f"UncachedFormula({self.formula!r})"


# Excel escapes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for a carriage return);
# _x005F_ escapes the underscore itself, so one left-to-right pass decodes both correctly.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Control characters (C0 except tab and newline, DEL, C1) never belong in a report.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def decode_escapes(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes, left to right, so that ``_x005F_`` (the escaped
    underscore) keeps an escape typed as text literal: ``_x005F_x000D_`` is the text
    ``_x000D_``. The reader does this once, as it reads a cell (python-calamine has done it
    already; openpyxl leaves escapes in place)."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def clean_text(text: str) -> str:
    """Text as the report shows it: control characters removed, trimmed.

    ``\r\n`` and lone ``\r`` become ``\n`` so line breaks survive the removal. (Excel's
    escapes were decoded when the cell was read: see :func:`decode_escapes`.)
    """
    # printable text has no control character (a test four times quicker than the pattern,
    # and nearly every cell passes it)
    if text.isprintable() or _CONTROL.search(text) is None:
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def is_empty(value: object) -> bool:
    """True for a cell with nothing in it (None or only white space)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _number_text(value: float) -> str:
    # 15 significant digits, as a spreadsheet shows them (0.1 + 0.2 is 0.3, not 0.30000000000000004)
    return str(int(value)) if float(value).is_integer() else format(float(value), ".15g")


def as_text(value: object) -> str:
    """Any cell value as text: numbers without a needless ``.0``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    return clean_text(str(value))


_INT_TEXT = re.compile(r"^[+-]?\d+(?:\.0*)?$")


def as_int(value: object) -> int:
    """``3``, ``3.0`` and ``"3"`` -> 3. Other numbers, booleans and text raise CellError."""
    if isinstance(value, bool):
        raise CellError(f"'{as_text(value)}' is a yes/no value, not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"'{_number_text(value)}' is not a whole number")
    text = as_text(value)
    if _INT_TEXT.match(text):
        return int(float(text))
    raise CellError(f"'{text}' is not a whole number")


def as_level(value: object, scale: tuple[ScaleLevel, ...], axis: str) -> int:
    """The value (1..n) of a scale level given by name (any language) or by value."""
    if isinstance(value, str):
        found = find_scale_value(scale, clean_text(value))
        if found is not None:
            return found
    try:
        number = None if isinstance(value, bool) else as_int(value)
    except CellError:
        number = None
    if number is not None and 1 <= number <= len(scale):
        return number
    names = ", ".join(level.name for level in scale)
    raise CellError(
        f"'{as_text(value)}' is not a level of the {axis} scale "
        f"({names}, or a value 1-{len(scale)})"
    )


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")


def as_date(value: object) -> dt.date:
    """An Excel date, ISO text (2026-05-25) or day-first text (25-05-2026, 25/05/2026)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = clean_text(value)
        iso, day_first = _ISO_DATE.match(text), _DAY_FIRST.match(text)
        try:
            if iso:
                return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            if day_first:
                day, month, year = day_first.group(1, 3, 4)
                return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise CellError(f"'{text}' is not a valid date") from None
    raise CellError(
        f"'{as_text(value)}' is not a date (use a date cell, 2026-05-25 or 25-05-2026)"
    )


def as_yesno(value: object) -> bool:
    """yes/no (ja/nee, true/false, a boolean cell) -> bool; anything else raises CellError."""
    if isinstance(value, bool):
        return value
    key = schema.value_key("yesno", as_text(value))
    if key is None:
        raise CellError(f"'{as_text(value)}' is not yes or no")
    return key == "yes"


def as_enum(value: object, group: str) -> str | None:
    """Canonical key of a value word (``"in uitvoering"`` -> ``"in_progress"``), or None."""
    return schema.value_key(group, as_text(value))


_SEPARATORS = frozenset("\n;,")


_SEPARATOR = re.compile("[\n;,]")


def _split(text: str, *, brackets: bool) -> list[str] | None:
    """Split on the separators, outside brackets when ``brackets``; None if one stays open."""
    if not brackets or ("(" not in text and "[" not in text):
        return _SEPARATOR.split(text)  # no bracket: the loop below would do just this
    items, current, depth = [], [], 0
    for char in text:
        if brackets and char in "([":
            depth += 1
        elif brackets and char in ")]" and depth:
            depth -= 1
        if char in _SEPARATORS and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return None if depth else items


def split_list(value: object, *, none_words: bool = False) -> tuple[str, ...]:
    """A list cell split on new lines, ``;`` and ``,`` (not inside brackets), items trimmed.

    With ``none_words``, items such as ``none``, ``n/a``, ``-``, ``geen``, ``nvt`` are dropped
    (they say the list is empty).
    """
    text = as_text(value)
    items = _split(text, brackets=True)
    if items is None:  # a bracket left open would swallow the rest: split plainly
        items = _split(text, brackets=False)
    out = []
    for item in items:
        item = " ".join(item.split())
        if not item:
            continue
        if none_words and item.casefold() in schema.EMPTY_LIST_WORDS:
            continue
        out.append(item)
    return tuple(out)


_POINT_EN = re.compile(r"6\s*\(\s*1\s*\)\s*(?:\(\s*([a-f])\s*\)|([a-f])(?![a-z]))")
_POINT_NL = re.compile(r"6\s*,?\s*lid\s*1\s*,?\s*(?:sub|onder)\s*([a-f])(?![a-z])")


def lawful_bases(text: str) -> tuple[str, ...]:
    """The Art. 6(1) points (``"a"``..``"f"``) a Lawful basis cell names anywhere, sorted."""
    folded = " ".join(text.split()).casefold()
    found = set()
    for point, words in schema.LAWFUL_BASES.items():
        if any(word in folded for word in words):
            found.add(point)
    for match in _POINT_EN.finditer(folded):
        found.add(match.group(1) or match.group(2))
    for match in _POINT_NL.finditer(folded):
        found.add(match.group(1))
    return tuple(sorted(found))


_CELL = re.compile(r"^([A-Z]*)(\d*)$")


def cell_position(cell: str) -> tuple[int, int]:
    """(row, column) of ``"C7"`` for sorting; a header row ``"1"`` is (1, 0); ``""`` is (0, 0)."""
    match = _CELL.match(cell or "")
    if not match:
        return (0, 0)
    letters, digits = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return (int(digits) if digits else 0, column)
