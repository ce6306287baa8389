"""Cell values as the workbook format reads them: text, integers, dates, lists, yes/no, levels.

Pure functions over the values openpyxl gives. Each parser returns the parsed value or raises
``CellError`` with a message for the user (without the cell reference: the reader adds it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from dpia import i18n, languages, schema
from dpia.i18n import N_, _
from dpia.labels import labels
from dpia.matrix import find_scale_value
from dpia.model import ScaleLevel
from dpia.sanitise import workbook_text


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

def decode_escapes(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes, left to right, so that ``_x005F_`` (the escaped
    underscore) keeps an escape typed as text literal: ``_x005F_x000D_`` is the text
    ``_x000D_``. The reader does this once, as it reads a cell (python-calamine has done it
    already; openpyxl leaves escapes in place)."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


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
        return workbook_text(value)
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
    return workbook_text(str(value))


def as_typed(value: object) -> str:
    """A cell value as the DPO sees it in Excel, for quoting in a message: a boolean cell is
    ``TRUE``/``FALSE`` (the report's ``as_text`` says yes/no), anything else as ``as_text``."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return as_text(value)


def did_you_mean(typed: str, words) -> str:
    """`` (did you mean 'Likely'?)`` when ``typed`` is close to one of ``words`` (as written
    there), else ``""``. A near miss only: a word that is merely different gets no guess."""
    wanted = " ".join(typed.split()).casefold()
    if not 3 <= len(wanted) <= 100:  # a word, not a paragraph
        return ""
    by_fold = {}
    for word in words:
        by_fold.setdefault(" ".join(str(word).split()).casefold(), str(word))
    close = difflib.get_close_matches(wanted, list(by_fold), n=1, cutoff=0.8)
    return _(" (did you mean {word!r}?)").format(word=by_fold[close[0]]) if close else ""


_INT_TEXT = re.compile(r"^([+-]?\d+)(?:[.,]0*)?$")
# a whole number in a workbook (a level, a score) has a few digits; a longer one is no number
# Python should be asked to convert (int() refuses beyond 4,300 digits, float() overflows)
_MAX_DIGITS = 15


def as_int(value: object) -> int:
    """``3``, ``3.0`` and ``"3"`` -> 3. Other numbers, booleans and text raise CellError."""
    if isinstance(value, bool):
        raise CellError(_("'{typed}' is a yes/no value, not a whole number").format(
            typed=as_typed(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(_("'{typed}' is not a whole number").format(typed=_number_text(value)))
    text = as_text(value)
    match = _INT_TEXT.match(text)
    if match and len(match.group(1)) <= _MAX_DIGITS:
        return int(match.group(1))
    raise CellError(_("'{typed}' is not a whole number").format(typed=text))


# a level written with both its number and its name: "3 - Probable", "3 (Severe)",
# "Likely (3)", "2: Limited"
_NUMBER_NAME = re.compile(r"^(\d+(?:[.,]0+)?)\s*(?:[-–—:.)]\s*|\(\s*)?(.*?)\s*\)?$")
_NAME_NUMBER = re.compile(r"^(.*?)\s*(?:[-–—:]\s*|\(\s*|\[\s*)(\d+(?:[.,]0+)?)\s*[)\]]?$")


_LEVEL_TEXT = 100  # the longest text tried as "number and name"


def _level_number(text: str, scale: tuple[ScaleLevel, ...]) -> int | None:
    """The level of a number typed as text (``3``, ``3.0``, ``3,0``), or None."""
    try:
        number = as_int(text)
    except CellError:
        return None
    return number if 1 <= number <= len(scale) else None


# the axes as messages name them, translated there (``i18n.translate(axis)``)
AXES = (N_("likelihood"), N_("impact"))


def as_level(value: object, scale: tuple[ScaleLevel, ...], axis: str) -> int:
    """The value (1..n) of a scale level given by name (any language), by value, or by both
    (``3 - Probable``, ``Likely (3)``: the two must name the same level)."""
    if isinstance(value, str):
        text = workbook_text(value)
        found = find_scale_value(scale, text)
        if found is not None:
            return found
        found = _level_number(text, scale)
        if found is not None:
            return found
        # a level and its number fit in a few words; longer text is not tried (the patterns
        # would take time that grows with the square of its length)
        both = ((_NUMBER_NAME, True), (_NAME_NUMBER, False)) if len(text) <= _LEVEL_TEXT else ()
        for pattern, number_first in both:
            match = pattern.match(text)
            if match is None:
                continue
            number_text, name = match.group(1, 2) if number_first else match.group(2, 1)
            by_number, by_name = _level_number(number_text, scale), find_scale_value(scale, name)
            if by_number is not None and by_number == by_name:
                return by_number
            if by_number is not None and by_name is not None:
                raise CellError(
                    _("'{text}': the number and the name are different levels of the {axis} "
                      "scale ({number} is {number_name!r}, {name!r} is {name_number}); write "
                      "one of them").format(
                        text=text, axis=i18n.translate(axis), number=by_number,
                        number_name=scale[by_number - 1].name, name=name, name_number=by_name)
                )
    elif not isinstance(value, bool):
        try:
            number = as_int(value)
        except CellError:
            number = None
        if number is not None and 1 <= number <= len(scale):
            return number
    names = ", ".join(level.name for level in scale)
    typed = as_typed(value)
    hint = did_you_mean(typed, [n for level in scale for n in (level.name, *level.aliases)])
    raise CellError(
        _("'{typed}' is not a level of the {axis} scale ({names}, or a value 1-{top}){hint}")
        .format(typed=typed, axis=i18n.translate(axis), names=names, top=len(scale), hint=hint)
    )


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
DATE_FORMS = N_("a date cell, 2026-05-25, or day first: 25-05-2026, 25/05/2026, 25.05.2026")


def _spelt_out(date: dt.date) -> str:
    """``3 April 2026`` (``3. April 2026``): a date no reader can take the wrong way round,
    in the message's language, as its report writes dates (CLDR's long form, Babel)."""
    from babel.dates import format_date

    locale = labels(i18n.current())["document"]["locale"]
    return format_date(date, format="long", locale=locale.replace("-", "_"))


def read_date(value: object) -> tuple[dt.date, str]:
    """The date of a date cell or date text, and a note when the text could be read two ways
    (``03/04/2026``: day first, so 3 April 2026), else ``""``. Raises CellError."""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, str):
        text = workbook_text(value)
        iso, day_first = _ISO_DATE.match(text), _DAY_FIRST.match(text)
        if iso:
            try:
                return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), ""
            except ValueError:
                raise CellError(_("'{text}' is not a valid date").format(text=text)) from None
        if day_first:
            day, month, year = (int(part) for part in day_first.group(1, 3, 4))
            try:
                date = dt.date(year, month, day)
            except ValueError:
                swapped = _(" (text dates are read day first, then the month)") \
                    if month > 12 >= day else ""
                raise CellError(
                    _("'{text}' is not a valid date{swapped}; write it as {forms}")
                    .format(text=text, swapped=swapped, forms=_(DATE_FORMS))
                ) from None
            note = ""
            if day != month and month <= 12 and day <= 12:
                note = _("'{text}' is read day first, as {read}; if you meant {meant}, write "
                         "{iso}").format(text=text, read=_spelt_out(date),
                                         meant=_spelt_out(dt.date(year, day, month)),
                                         iso=dt.date(year, day, month).isoformat())
            return date, note
    raise CellError(_("'{typed}' is not a date (use {forms})")
                    .format(typed=as_typed(value), forms=_(DATE_FORMS)))


def as_date(value: object) -> dt.date:
    """An Excel date, ISO text (2026-05-25) or day-first text (25-05-2026, 25/05/2026)."""
    return read_date(value)[0]


def as_yesno(value: object) -> bool:
    """yes/no (ja/nee, x, 1/0, n/a, a boolean cell...: ``VALUE_WORDS["yesno"]``) -> bool;
    anything else raises CellError."""
    if isinstance(value, bool):
        return value
    key = schema.value_key("yesno", as_text(value))
    if key is None:
        typed = as_typed(value)
        words = [word for words in schema.VALUE_WORDS["yesno"].values() for word in words]
        raise CellError(_("'{typed}' is not yes or no{hint}")
                        .format(typed=typed, hint=did_you_mean(typed, words)))
    return key == "yes"


def as_enum(value: object, group: str) -> str | None:
    """Canonical key of a value word (``"in uitvoering"`` -> ``"in_progress"``), or None."""
    return schema.value_key(group, as_text(value))


def enum_hint(text: str, group: str) -> str:
    """`` (did you mean 'implemented'?)`` for a near miss of a word of ``group``, else ``""``."""
    return did_you_mean(text, [w for words in schema.VALUE_WORDS[group].values() for w in words])


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


def _phrases(words) -> re.Pattern:
    """A pattern for any of ``words`` standing as words (not inside another word)."""
    ordered = sorted({w.casefold() for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


_NEGATION = _phrases(schema.NEGATION_WORDS)
_NOT_NEGATION = re.compile("|".join(
    re.escape(w) for w in sorted(schema.NOT_NEGATION_WORDS, key=len, reverse=True)))


def _negations(text: str) -> int:
    """How many negating words ``text`` (case-folded) holds."""
    return len(_NEGATION.findall(_NOT_NEGATION.sub(" ", text)))


def _alternatives(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


# Art. 6(1)(c) in its usual forms: "6(1)(c)", "6 (1) c", "Article 6.1.e", "6(1) lit. c",
# "art. 6 lid 1 sub c", "artikel 6, eerste lid, onder c", "Art. 6 Abs. 1 lit. c",
# "6(1)(a) and (b)"; the words come from the schema
_CITATION = re.compile(
    r"(?<!\d)(?<!\d[.,])6"
    r"(?:\s*\(\s*1\s*\)|\s*\.\s*1(?!\d)"
    rf"|\s*,?\s*(?:{_alternatives(schema.CITATION_PARAGRAPH_WORDS)})\s*1(?!\d)"
    rf"|\s*,?\s*(?:{_alternatives(schema.CITATION_FIRST_PARAGRAPH)}))"
    r"(?:\s*,?\s*(?:s\.|satz|sentence|zin)\s*1(?!\d))?"
    rf"\s*[,.]?\s*(?:(?:{_alternatives(schema.CITATION_POINT_WORDS)})\s*)?"
    r"(\(\s*[a-f]\s*\)(?:\s*(?:,|and|en|or|of|und|&|/)?\s*\(\s*[a-f]\s*\))*"
    r"|[a-f](?![\w]))"
)
_CITED = re.compile("\x00([a-f]+)\x00")
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
# clauses end at ; , : a new line, a spaced dash, the clause words, and a full stop after a
# word of four letters or more or after a citation (not "art. 6", "no. 52", "e.g. consent")
_CLAUSE = re.compile(r"[;,:\n]|\s[-–—]\s|(?:(?<=[a-z]{4})|(?<=\x00 ))\.(?:\s|$)|"
                     + _phrases(schema.LAWFUL_BASIS_CLAUSE_WORDS).pattern)
_INSTEAD = _phrases(schema.LAWFUL_BASIS_INSTEAD_WORDS)


def _cited_points(points: str) -> str:
    """``"(a) and (b)"`` -> ``"ab"``; ``"c"`` -> ``"c"``."""
    return "".join(sorted(set(re.findall(r"\(\s*([a-f])\s*\)", points)))) or points


def _basis_name(point: str) -> str:
    """An Art. 6(1) basis as a message names it, in the message's language: the workbook's
    drop-down word and the report's citation (``Consent (6(1)(a))``, ``Einwilligung (6 Abs.
    1 lit. a)``)."""
    lang = i18n.current()
    names = schema.LAWFUL_BASIS_NAMES[point]
    citation = labels(lang)["values"]["lawful_point"].format(point=point)
    return f"{names.get(lang) or names[languages.FALLBACK]} ({citation})"


def _clauses(folded: str) -> list[tuple[str, bool]]:
    """The clauses of a case-folded Lawful basis cell whose citations are tokens: (text,
    denied by an "instead of" before it). Bracketed parts are clauses of their own."""
    inner = []

    def lift(match: re.Match) -> str:
        inner.append(match.group(1) if match.group(1) is not None else match.group(2))
        return ";"

    outer = _BRACKETED.sub(lift, folded)
    out = []
    for text in (outer, *inner):
        for clause in _CLAUSE.split(text):
            parts = _INSTEAD.split(clause)
            out.append((parts[0], False))
            out.extend((part, True) for part in parts[1:])
    return out


def _points_in(clause: str) -> set[str]:
    found = {point for point, words in schema.LAWFUL_BASES.items()
             if any(word in clause for word in words)}
    for match in _CITED.finditer(clause):
        found.update(match.group(1))
    return found


def lawful_bases(text: str) -> tuple[str, ...]:
    """The Art. 6(1) points (``"a"``..``"f"``) a Lawful basis cell gives, sorted: by name in
    either language or by citation, leaving out a basis it denies ("consent is not the
    basis", "geen toestemming"). Empty text gives ``()``. Raises CellError when it names
    none, or when dpia cannot tell which basis is meant: never a guessed basis."""
    folded = _folded(text)
    if not folded:
        return ()
    folded = _CITATION.sub(lambda m: f" \x00{_cited_points(m.group(1))}\x00 ", folded)
    given, denied, unclear = set(), set(), []
    for clause, instead in _clauses(folded):
        points = _points_in(clause)
        if not points:
            continue
        negations = _negations(clause)
        if not instead and negations == 0:
            given |= points
        elif len(points) == 1 and negations + instead == 1:
            denied |= points
        else:
            unclear.append(clause.replace("\x00", "").strip())
    both = given & denied
    if unclear or both:
        why = (_("a negation with several bases in {clause!r}").format(clause=unclear[0])
               if unclear else
               _("{basis} is both given and denied").format(basis=_basis_name(min(both))))
        raise CellError(
            _("'{text}': dpia cannot tell which Art. 6(1) basis applies ({why}); write the "
              "basis, or its letter as in 'Art. 6(1)(c)'").format(text=text, why=why)
        )
    if given:
        return tuple(sorted(given))
    if denied:
        names = ", ".join(_basis_name(point) for point in sorted(denied))
        raise CellError(
            _("'{text}' says which basis does not apply ({names}) but not which one does; "
              "write the basis, or its letter as in 'Art. 6(1)(c)'").format(text=text, names=names)
        )
    raise CellError(
        _("'{text}' names no Art. 6(1) basis (consent, contract, legal obligation, vital "
          "interests, public task, legitimate interests, or Art. 6(1)(a)-(f))").format(text=text)
    )



_YES_WORDS = schema.VALUE_WORDS["yesno"]["yes"]
_AGREEMENT_NONE = _phrases(w for w in schema.VALUE_WORDS["processor_agreement"]["none"]
                           if len(w) > 1)
_AGREEMENT_PENDING = _phrases(schema.VALUE_WORDS["processor_agreement"]["pending"])
_AGREEMENT_YES = _phrases(w for w in _YES_WORDS if len(w) > 1)
_AGREEMENT_WORD = _phrases(schema.AGREEMENT_WORDS)
_REFERENCE = re.compile(r"(?:no|nr|ref)\.?\s*\d")  # "No. 2025-17" is a number, not a no


def agreement_key(value: object) -> str | None:
    """What a Processor agreement cell says: ``"agreement"`` (a yes, a date, a reference, a
    word for an agreement), ``"none"``, ``"pending"`` (none yet), ``""`` when empty, or None
    when dpia does not understand it (never taken for an agreement)."""
    if isinstance(value, bool):
        return "agreement" if value else "none"
    if isinstance(value, (dt.date, dt.datetime)):
        return "agreement"
    folded = _folded(as_text(value))
    if not folded:
        return ""
    for key in ("none", "pending"):
        if folded in schema.VALUE_WORDS["processor_agreement"][key]:
            return key
    if _REFERENCE.match(folded):
        return "agreement"
    if _AGREEMENT_NONE.match(folded):
        return "none"
    if _AGREEMENT_PENDING.search(folded):
        return "pending"
    if _negations(folded):
        return None
    if folded in _YES_WORDS or _AGREEMENT_YES.match(folded):
        return "agreement"
    if any(char.isdigit() for char in folded) or _AGREEMENT_WORD.search(folded):
        return "agreement"
    return None


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
