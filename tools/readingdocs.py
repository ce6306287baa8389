"""The guide page docs/reading.md, "How dpia reads your workbook", generated from the schema.

Every name and word on the page comes from the data the reader itself uses (``dpia.schema``,
the matrix presets), and every example of a level, a date or a lawful basis citation is read
by the reader's own cell parsers (``dpia.cells``) as the page is made, so the page shows what
dpia does, not what someone remembered. Run ``python tools/readingdocs.py > docs/reading.md``
after adding a name or a word; ``tests/test_docs.py`` fails when the page and the code
disagree.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator

from dpia import cells, languages, schema
from dpia.cells import CellError
from dpia.matrix import DEFAULT_PRESET, PRESETS, preset
from dpia.model import ScaleLevel

GENERATE_COMMAND = "python tools/readingdocs.py > docs/reading.md"

# --- wording of the page (the tables below it are generated) ---------------------------------

INTRO = """\
This page lists every name and word `dpia` understands in a workbook: the sheet and column
names, the words it accepts in value cells, and how it reads levels, dates and lawful bases,
in {languages}. Anything else in a cell that expects one of these is an error naming
the cell, never a guess. [Filling in the workbook](filling-in.md) explains what to write
where; this page is the complete reference."""

NAMES = """\
A sheet name or a column header matches when it is one of the names below, compared:

- without regard to capitals (`RISKS`, `risks` and `Risks` are the same);
- with spaces trimmed, runs of spaces and line breaks taken as one space, and dots, hyphens
  and underscores taken as spaces (`Res. likelihood` is `Res likelihood`);
- without a trailing `*` (the template marks required columns with it), `:` or `?`, and
  without a hint in brackets at the end (`Likelihood (1-3)` is `Likelihood`, `Title:` is
  `Title`);
- with a curly apostrophe `’` taken as a straight one (`Risico’s` is `Risico's`).

Columns may stand in any order. The header row is the first row, within the first 10 rows of
the sheet, that holds every required header of the sheet; title or instruction rows above it
are ignored. A column whose header is none of these names stays out of the report:

- a header close to a known one gets *did you mean 'Residual likelihood'?*;
- an unknown column that holds data while a required column, or a likelihood or impact
  column whose values it could be, is missing is an **error** at its header cell (nothing is
  built), since the report's conclusion would change; any other unknown column is a warning.

Headers over two rows are read when the upper row names a group (below) over *Likelihood*
and *Impact*, merged or typed once over the empty cells beside it, or when one header names
two columns (`Residual (likelihood / impact)`) over two cells; other headers split over two
rows are named as such. A value merged down a column in the data is read on every row the
merge covers, with a warning naming the range. A row that holds only an ID (numbers typed
ahead for risks still to come) is skipped, with one warning per sheet."""


VALUES = """\
A word in a value cell matches when it is one of the words below, compared without regard to
capitals, with spaces trimmed and runs of spaces taken as one. A yes/no cell may also be an
Excel TRUE/FALSE (checkbox) cell."""

LISTS = """\
A cell that holds several values or IDs separates them by new lines (Alt+Enter in Excel),
`;` or `,` (a separator inside brackets does not split: `Name (first, last)` is one item)."""

LEVELS = """\
A likelihood or impact cell holds a level of the matrix's scale: its name in any language of
the matrix, or its value. These are the names of the presets' levels; a matrix defined in the
workbook (the `Scales` sheet) uses the names written there."""

LEVEL_FORMS = """\
How a likelihood cell is read, on the default matrix (`{matrix}`), for what a cell may hold:"""

DATES = """\
A date cell is best an Excel date. Dates typed as text are read as below; any other text in
a date column is an error naming the cell."""

LAWFUL = """\
A *Lawful basis* cell must name at least one basis of Art. 6(1) GDPR, anywhere in the cell
(more text may follow, such as the law the basis rests on; several bases are allowed). The
words that name each basis:"""

CITATIONS = """\
A basis may also be cited by its point of Art. 6(1). How citations are read:"""

SCREENING = """\
The criteria of the Screening sheet are recognised by their key or their full name in any
language (compared as headers are); any other criterion is a criterion of your own, and
counts like the others."""

SIGN_OFF = """\
The items of the Sign-off sheet that the report recognises (compared as headers are); other
items are shown as written."""

# --- examples read by the reader's own parsers -------------------------------------------------

# (what the cell holds, how the page shows it); read with cells.as_level on the default matrix
LEVEL_EXAMPLES: tuple[tuple[object, str], ...] = (
    ("Possible", "the text `Possible`"),
    ("POSSIBLE", "the text `POSSIBLE`"),
    ("Midden", "the text `Midden` (the Dutch name)"),
    (2, "the number `2`"),
    (2.0, "the number `2.0`"),
    ("2", "the text `2`"),
    ("2,0", "the text `2,0`"),
    ("2 - Possible", "the text `2 - Possible`"),
    ("2 (Possible)", "the text `2 (Possible)`"),
    (2.5, "the number `2.5`"),
    (7, "the number `7`"),
    (True, "a TRUE cell"),
    ("Sometimes", "the text `Sometimes`"),
)

# text dates, read with cells.as_date
DATE_EXAMPLES: tuple[str, ...] = (
    "2026-05-25", "2026-5-25", "2026-05-25 14:30", "25-05-2026", "25/05/2026", "25.05.2026",
    "3/4/2026", "12/31/2026", "25-05-26", "25 May 2026", "May 25, 2026",
)

# citations of a basis, read with cells.lawful_bases
CITATION_EXAMPLES: tuple[str, ...] = (
    "6(1)(c)", "6(1)c", "Art. 6(1)(c) GDPR", "Article 6(1)(c) GDPR", "Article 6.1.c GDPR",
    "6 lid 1 sub c", "artikel 6 lid 1 onder c AVG", "art. 6, lid 1, sub c AVG",
    "artikel 6, eerste lid, onder c, AVG",
)

# VALUE_WORDS groups: heading of their section; a group not listed gets its key as heading
GROUP_TITLES: dict[str, str] = {
    "yesno": "Yes and no",
    "assessment_status": "Status of the assessment",
    "treatment": "Treatment of a risk",
    "measure_type": "Type of a measure",
    "measure_status": "Status of a measure",
    "axis": "Axis of a scale",
}
# where a group is read that no column of the schema names by its ``enum`` (or kind)
GROUP_USES: dict[str, tuple[tuple[str, str], ...]] = {
    "axis": (("scales", "axis"),),
}
KIND_WORDS: dict[str, str] = {
    schema.TEXT: "text", schema.LIST: "a list", schema.IDS: "a list of IDs",
    schema.LEVEL: "a level", schema.DATE: "a date", schema.YESNO: "yes or no",
}
REQUIRED_WORDS: dict[str, str] = {schema.YES: "yes", schema.NO: "", schema.IF: "in some cases"}


# --- Markdown helpers ----------------------------------------------------------------------------


def _code(text: object) -> str:
    """``text`` as inline code, safe in a table cell."""
    text = str(text).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" or text != text.strip() or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _codes(words: Iterable[object]) -> str:
    return ", ".join(_code(word) for word in words)


def _cell(text: str) -> str:
    return " ".join(str(text).replace("|", "\\|").split())


def _table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, ``-`` for spaces."""
    kept = "".join(char for char in heading.lower() if char.isalnum() or char in " -_")
    return kept.replace(" ", "-")


def _others(names: tuple[str, ...], *shown: str) -> tuple[str, ...]:
    """The names after the first ones, without repeats (Dutch equal to English, say)."""
    seen = {schema.header_key(name) for name in shown}
    out = []
    for name in names:
        key = schema.header_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


# --- the sections ------------------------------------------------------------------------------


def _group_title(group: str) -> str:
    return GROUP_TITLES.get(group, group.replace("_", " ").capitalize())


def _group_uses(group: str) -> list[tuple[schema.Sheet, schema.Column]]:
    """The columns (and Assessment fields) whose cells hold a word of ``group``."""
    found = []
    for sheet in schema.SHEETS:
        columns = schema.ASSESSMENT_FIELDS if sheet is schema.ASSESSMENT else sheet.columns
        for column in columns:
            if column.enum == group or (group == "yesno" and column.kind == schema.YESNO):
                found.append((sheet, column))
    for sheet_key, column_key in GROUP_USES.get(group, ()):
        sheet = next(s for s in schema.SHEETS if s.key == sheet_key)
        found.append((sheet, sheet.column(column_key)))
    return found


def _holds(column: schema.Column) -> str:
    if column.kind == schema.ENUM or column.kind == schema.YESNO:
        group = column.enum or "yesno"
        title = _group_title(group)
        return f"a word: [{title.lower()}](#{_anchor(title)})"
    return KIND_WORDS.get(column.kind, column.kind)


def _other_languages() -> tuple[str, ...]:
    return tuple(code for code in languages.codes() if code != languages.FALLBACK)


def _every_language() -> str:
    """``English, Dutch, German and French``: every language there is, as named in English."""
    names = [_language_name(code) for code in languages.codes()]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _language_name(code: str) -> str:
    """A language as named in English (``Dutch``), else its code."""
    names = languages.data(code, "workbook.toml").get("language", {})
    return str(names.get("english_name") or code)


def _own_names(thing: schema.Sheet | schema.Column) -> tuple[str, ...]:
    """The names ``dpia init`` writes: English, then each other language's."""
    return tuple(thing.name(code) for code in languages.codes())


def _column_rows(columns: Iterable[schema.Column]) -> Iterator[tuple[str, ...]]:
    for column in columns:
        own = _own_names(column)
        yield (*own, _codes(_others(column.names(), *own)),
               REQUIRED_WORDS.get(column.required, ""), _holds(column))


def _sheets_section() -> list[str]:
    parts = ["## Sheet and column names", NAMES, "### Sheets"]
    in_other = tuple(_language_name(code) for code in _other_languages())
    parts.append(_table(
        ("Sheet", *in_other, "Also accepted", "Required"),
        ((*_own_names(sheet), _codes(_others(sheet.names(), *_own_names(sheet))),
          "yes" if sheet.required else "")
         for sheet in schema.SHEETS),
    ))
    for sheet in schema.SHEETS:
        english = sheet.name(languages.FALLBACK)
        others = [name for name in dict.fromkeys(_own_names(sheet)) if name != english]
        title = f"{english} ({', '.join(others)})" if others else english
        if sheet is schema.ASSESSMENT:
            parts += [
                f"### {title}",
                "Two columns, a field name and its value:",
                _table(("Column", *in_other, "Also accepted", "Required", "Holds"),
                       _column_rows(sheet.columns)),
                "The fields, in the first column:",
                _table(("Field", *in_other, "Also accepted", "Required", "Holds"),
                       _column_rows(schema.ASSESSMENT_FIELDS)),
            ]
        elif sheet.columns:
            parts += [f"### {title}",
                      _table(("Column", *in_other, "Also accepted", "Required", "Holds"),
                             _column_rows(sheet.columns))]
    parts += [
        "### Groups over two header rows",
        "A group word in the row above *Likelihood* and *Impact* (or before them in one header: "
        "`Residual (likelihood / impact)`) says which pair they are:",
        _table(("Group", "Columns", *(_language_name(code) for code in languages.codes())),
               ((group, ", ".join(schema.RISKS.column(column).name("en")
                                  for (name, _), column in schema.GROUPED_COLUMNS.items()
                                  if name == group),
                 *(_codes(words.get(code, ())) for code in languages.codes()))
                for group, words in schema.HEADER_GROUPS.items())),
    ]
    parts.append(
        "*Required* \"in some cases\": see [Filling in the workbook](filling-in.md) for when. "
        "The Matrix sheet has no header row: it is a grid of level names (see "
        "[Risk matrices](matrices.md)).")
    return parts


def _where(uses: list[tuple[schema.Sheet, schema.Column]]) -> str:
    """``Processing: *Recipients*, *Processors*; Risks: *Processing*``."""
    by_sheet: dict[str, list[str]] = {}
    for sheet, column in uses:
        by_sheet.setdefault(sheet.name("en"), []).append(f"*{column.name('en')}*")
    return "; ".join(f"{sheet}: {', '.join(columns)}" for sheet, columns in by_sheet.items())


def _values_section() -> list[str]:
    parts = ["## Words in value cells", VALUES]
    for group, words in schema.VALUE_WORDS.items():
        title = _group_title(group)
        parts.append(f"### {title}")
        uses = _group_uses(group)
        if uses:
            parts.append(f"In {_where(uses)}.")
        parts.append(_table(("Meaning", "Words accepted"),
                            ((key.replace("_", " "), _codes(accepted))
                             for key, accepted in words.items())))
    list_columns = [(sheet, column) for sheet in schema.SHEETS for column in sheet.columns
                    if column.kind == schema.LIST and column.required == schema.NO]
    id_lists = [(sheet, column) for sheet in schema.SHEETS for column in sheet.columns
                if column.kind == schema.IDS and column.key == "processing"]
    parts += [
        "### Lists", LISTS,
        f"In the list columns that may be empty ({_where(list_columns)}), these words mean "
        f"\"none\": {_codes(sorted(schema.EMPTY_LIST_WORDS))}.",
        f"In {_where(id_lists)}, {_codes(sorted(schema.ALL_WORDS))} means every processing "
        "operation, and stands alone in the cell.",
    ]
    return parts


def _level_name_rows(scale: tuple[ScaleLevel, ...]) -> Iterator[tuple[str, ...]]:
    for level in scale:
        yield (str(level.value), level.name, _codes(_others(level.aliases, level.name)))


def _read_level(value: object, scale: tuple[ScaleLevel, ...]) -> str:
    try:
        found = cells.as_level(value, scale, "likelihood")
    except CellError as exc:
        return f"an error: {exc}"
    return f"{found} ({scale[found - 1].name})"


def _levels_section() -> list[str]:
    parts = ["## Levels", LEVELS]
    for key in PRESETS:
        matrix = preset(key, languages.FALLBACK)
        parts.append(f"### {matrix.title} (`{key}`)")
        for axis, scale in (("Likelihood", matrix.likelihood), ("Impact", matrix.impact)):
            parts.append(f"{axis}:")
            parts.append(_table(("Value", "Name", "Also accepted"), _level_name_rows(scale)))
    scale = preset(DEFAULT_PRESET, languages.FALLBACK).likelihood
    parts += [
        "### What a level cell may hold",
        LEVEL_FORMS.format(matrix=DEFAULT_PRESET),
        _table(("The cell holds", "Read as"),
               ((shown, _read_level(value, scale)) for value, shown in LEVEL_EXAMPLES)),
    ]
    return parts


def _read_date(text: str) -> str:
    try:
        found = cells.as_date(text)
    except CellError as exc:
        return f"an error: {exc}"
    return f"{found.day} {found.strftime('%B')} {found.year}"


def _dates_section() -> list[str]:
    excel = _read_date(dt.datetime(2026, 5, 25))  # what openpyxl gives for a date cell
    return [
        "## Dates", DATES,
        _table(("The cell holds", "Read as"),
               [("an Excel date cell showing 25-05-2026", excel)]
               + [(f"the text {_code(text)}", _read_date(text)) for text in DATE_EXAMPLES]),
    ]


def _read_citation(text: str) -> str:
    try:
        points = cells.lawful_bases(text)
    except CellError as exc:
        return f"an error: {exc}"
    if not points:
        return "no basis: an error (name the basis, or cite it as above)"
    return ", ".join(f"Art. 6(1)({point})" for point in points)


def _lawful_section() -> list[str]:
    rows = []
    for point, words in schema.LAWFUL_BASES.items():
        names = tuple(schema.LAWFUL_BASIS_NAMES[point][code] for code in languages.codes())
        rows.append((f"6(1)({point})", *names, _codes(_others(words, *names))))
    return [
        "## Lawful basis", LAWFUL,
        _table(("Point", *(_language_name(code) for code in languages.codes()),
                "Also accepted"), rows),
        CITATIONS,
        _table(("The cell holds", "Read as"),
               ((f"the text {_code(text)}", _read_citation(text))
                for text in CITATION_EXAMPLES)),
    ]


def _screening_section() -> list[str]:
    return [
        "## Screening criteria", SCREENING,
        _table(("Key", *(_language_name(code) for code in languages.codes())),
               ((_code(key), *(names[code] for code in languages.codes()))
                for key, names in schema.SCREENING_CRITERIA.items())),
    ]


def _sign_off_section() -> list[str]:
    return [
        "## Sign-off items", SIGN_OFF,
        _table(tuple(_language_name(code) for code in languages.codes()),
               (tuple(names[code] for code in languages.codes())
                for names in schema.SIGN_OFF_ITEMS.values())),
    ]


def _assessment_values_section() -> list[str]:
    return [
        "## Language and matrix",
        f"The Assessment field *Language* holds {_codes(languages.codes())} (the report's "
        f"language; empty: `{languages.FALLBACK}`). The field *Matrix* holds a preset, "
        f"{_codes(PRESETS)} "
        f"(empty: `{DEFAULT_PRESET}`; capitals, spaces and `×` for `x` do not matter), or "
        "`custom` for a matrix defined in the workbook's Scales sheet.",
    ]


def render() -> str:
    """docs/reading.md, from the schema and the reader's parsers."""
    parts = [
        "# How dpia reads your workbook",
        f"Generated from the workbook format's data by `{GENERATE_COMMAND}`; do not edit by "
        "hand.",
        INTRO.format(languages=_every_language()),
        *_sheets_section(),
        *_values_section(),
        *_levels_section(),
        *_dates_section(),
        *_lawful_section(),
        *_screening_section(),
        *_sign_off_section(),
        *_assessment_values_section(),
    ]
    return "\n\n".join(parts) + "\n"


def main() -> None:
    """Print docs/reading.md on standard output."""
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
