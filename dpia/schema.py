"""The workbook format as structure: sheets, columns, their kinds, what is required, widths.

The names of sheets and columns (with each column's help text), the value words and the
word lists are data, one file per
language (``templates/<lang>/workbook.toml``, see ``dpia.languages``): this module joins the
two, so the template ``dpia init`` writes and the reader can never disagree. A workbook is
read with the names of every language. Matching rules (case, spaces, ``*``, bracketed hints)
live in ``header_key``.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, replace

from dpia import languages

# Kinds of cell: how the reader parses a column.
TEXT, LIST, IDS, LEVEL, DATE, YESNO, ENUM = "text", "list", "ids", "level", "date", "yesno", "enum"

# Required: YES (empty is an error), NO, IF (conditional; checked by the reader per rule).
YES, NO, IF = "yes", "no", "if"

# Column width in the workbook ``dpia init`` writes (characters), unless a column says.
DEFAULT_WIDTH = 22

WORDS = "workbook.toml"  # each language's words of the workbook: names, help, value words
# Where an Assessment field's names, help and article are: ``[fields.<key>]`` of
# workbook.toml (a sheet's columns are under ``[columns.<sheet>.<key>]``).
FIELDS = "fields"


@functools.cache
def _names(where: str, key: str, lang: str) -> tuple[str, ...]:
    """The names of a sheet (``where`` = ``"sheets"``), field or column in ``lang``."""
    path = ("sheets", key) if where == "sheets" else (
        (FIELDS, key, "names") if where == FIELDS else ("columns", where, key, "names"))
    return tuple(languages.lookup(lang, WORDS, *path))  # type: ignore[arg-type]


def _every(where: str, key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for lang in languages.codes() for n in _names(where, key, lang)))


@dataclass(frozen=True)
class Column:
    """A column of a sheet (or a field of the Assessment sheet): its structure. Its names
    come from each language's ``workbook.toml``: the first is the one ``dpia init``
    writes, the others further names a DPO may use; every name is accepted in a workbook of
    any language."""

    key: str  # the model's field name
    required: str = NO
    kind: str = TEXT
    enum: str = ""  # for ENUM columns: key into VALUE_WORDS
    width: int = DEFAULT_WIDTH
    # How the reader reads a cell of a table sheet (dpia.reader.rows) follows from ``kind``
    # and ``required``; these say the rest:
    scale: str = ""  # LEVEL: the matrix's scale its levels are named in, likelihood or impact
    # ENUM: True when a word the format does not know is kept as typed (a warning when it is
    # close to one); False when it is an error
    free_text: bool = False
    default: str = ""  # ENUM: the value of an empty cell, and of a wrong one after its error
    # Its width in the report's table of the sheet's rows (Risks: the risk register; Measures:
    # all measures), relative to the other columns; 0: not in that table. The table shows its
    # columns in the sheet's order, then what the report works out (score and level; risks).
    report: float = 0
    sheet: str = ""  # the key of its sheet (set by Sheet), or FIELDS

    def names(self) -> tuple[str, ...]:
        """Every accepted name, any language."""
        return _every(self.sheet, self.key)

    def names_in(self, lang: str) -> tuple[str, ...]:
        """The accepted names of one language, the one ``dpia init`` writes first."""
        return _names(self.sheet, self.key, lang)

    def name(self, lang: str) -> str:
        """The name ``dpia init`` writes in ``lang``."""
        return self.names_in(lang)[0]


@dataclass(frozen=True)
class Sheet:
    key: str
    columns: tuple[Column, ...]
    key_columns: tuple[str, ...]  # keys of the columns that identify a row
    required: bool = False
    # rows are numbered by their ID: a row that holds only an ID was typed ahead (R7-R10 for
    # risks still to come), not data
    numbered: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns",
                           tuple(replace(column, sheet=self.key) for column in self.columns))

    def names(self) -> tuple[str, ...]:
        """Every accepted name, any language."""
        return _every("sheets", self.key)

    def names_in(self, lang: str) -> tuple[str, ...]:
        return _names("sheets", self.key, lang)

    def name(self, lang: str) -> str:
        """The name ``dpia init`` writes in ``lang``."""
        return self.names_in(lang)[0]

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def language_of(self, title: str) -> str:
        """The language a workbook's sheet is named in (its title one of that language's
        names; English when several languages share it)."""
        wanted = header_key(title)
        for lang in languages.codes():
            if any(header_key(name) == wanted for name in self.names_in(lang)):
                return lang
        return languages.FALLBACK


# Assessment fields (key/value sheet)
ASSESSMENT_FIELDS: tuple[Column, ...] = tuple(replace(column, sheet=FIELDS) for column in (
    Column("title", YES),
    Column("organisation", YES),
    Column("version"),
    Column("date", NO, DATE),
    Column("status", NO, ENUM, enum="assessment_status"),
    Column("author"),
    Column("owner"),
    Column("dpo"),
    Column("classification"),
    Column("review_date", NO, DATE),
    # the supervisory authority whose Art. 35(4) list the Screening rows cite: a key of
    # dpia/authorities ("ap", "ico", "cnil") or the authority's name (dpia.authorities.find)
    Column("authority"),
    Column("language"),
    Column("matrix"),
    Column("nature"),
    Column("scope"),
    Column("context"),
    Column("purposes"),
    Column("consultation"),
    Column("necessity"),
    Column("rights"),
    Column("information"),
    Column("breach_procedure"),
    Column("dpo_advice"),
    Column("conclusion"),
))

ASSESSMENT = Sheet(
    "assessment",
    (Column("field", YES, width=24), Column("value", width=90)),
    ("field",), required=True,
)

PROCESSING = Sheet(
    "processing",
    (
        Column("id", YES, width=7),
        Column("name", YES, width=28),
        Column("purpose", YES, width=40),
        Column("lawful_basis", YES, width=32),
        Column("legitimate_interest", IF, width=34),
        Column("data_subjects", YES, LIST, width=24),
        Column("personal_data", YES, LIST, width=32),
        Column("special_categories", NO, LIST, width=24),
        Column("art9_condition", IF, width=30),
        Column("recipients", NO, LIST, width=24),
        Column("processors", NO, LIST, width=24),
        Column("processor_agreement", IF, width=16),
        Column("transfers", NO, LIST, width=16),
        Column("transfer_safeguard", IF, width=24),
        Column("retention", YES, width=28),
        Column("systems", width=24),
        Column("data_subjects_count", width=14),
    ),
    ("id",), required=True, numbered=True,
)

# Words that name the group of a risk's level columns in a header spanning two rows
# ("Residual risk" above "Likelihood | Impact") or one merged header ("Residual (likelihood /
# impact)"): group -> language -> its words (``[header_groups]`` of workbook.toml). A level
# column under a group is read as the group's column of that kind (see GROUPED_COLUMNS).
HEADER_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    group: {lang: tuple(languages.lookup(lang, WORDS, "header_groups", group))
            for lang in languages.codes()}
    for group in ("inherent", "residual")
}
# (group, column key of the sub-header) -> the column it stands for
GROUPED_COLUMNS: dict[tuple[str, str], str] = {
    ("inherent", "likelihood"): "likelihood",
    ("inherent", "impact"): "impact",
    ("residual", "likelihood"): "residual_likelihood",
    ("residual", "impact"): "residual_impact",
}

RISKS = Sheet(
    "risks",
    (
        Column("id", YES, width=7, report=0.6),
        Column("processing", YES, IDS, width=12, report=1.35),
        Column("risk", YES, width=44, report=3.2),
        Column("risk_source", width=22, report=1.8),
        Column("impact_on_individuals", width=36, report=2.0),
        Column("likelihood", YES, LEVEL, width=16, scale="likelihood", report=1.25),
        Column("impact", YES, LEVEL, width=16, scale="impact", report=1.05),
        Column("measures", NO, IDS, width=14),
        Column("residual_likelihood", NO, LEVEL, width=16, scale="likelihood"),
        Column("residual_impact", NO, LEVEL, width=16, scale="impact"),
        Column("treatment", NO, ENUM, enum="treatment", width=14),
        Column("owner", width=20),
        # optional, after the version-1 columns: why each rating is what it is
        Column("likelihood_rationale", width=40),
        Column("impact_rationale", width=40),
        Column("residual_rationale", width=40),
    ),
    ("id",), required=True, numbered=True,
)

MEASURES = Sheet(
    "measures",
    (
        Column("id", YES, width=7, report=0.6),
        Column("measure", YES, width=32, report=2.2),
        Column("type", NO, ENUM, enum="measure_type", width=16, free_text=True, report=1.5),
        Column("description", width=52, report=2.6),
        Column("status", NO, ENUM, enum="measure_status", width=14, default="planned",
               report=1.7),
        Column("owner", width=20, report=1.3),
        Column("due_date", NO, DATE, width=13, report=1.7),
    ),
    ("id",), numbered=True,
)

SCREENING = Sheet(
    "screening",
    (
        Column("criterion", YES, width=60),
        Column("applies", NO, YESNO, width=14),
        Column("justification", width=60),
    ),
    ("criterion",),
)

SIGN_OFF = Sheet(
    "sign_off",
    (
        Column("item", YES, width=44),
        Column("name", YES, width=28),
        Column("date", NO, DATE, width=13),
        Column("notes", width=44),
    ),
    ("item",),
)

HISTORY = Sheet(
    "history",
    (
        Column("version", YES, width=10),
        Column("date", NO, DATE, width=13),
        Column("author", width=22),
        Column("changes", width=60),
    ),
    ("version",),
)

SCALES = Sheet(
    "scales",
    (
        Column("axis", YES, width=12),
        Column("value", YES, width=9),
        Column("name", YES, width=28),
        Column("description", width=52),
    ),
    ("axis", "value"),
)

RISK_LEVELS = Sheet(
    "risk_levels",
    (
        Column("level", YES, width=18),
        Column("from_score", IF, width=12),
        Column("to_score", width=12),
        Column("colour", width=12),
        Column("acceptable", NO, YESNO, width=13),
    ),
    ("level",),
)

# The Matrix sheet is a free grid (no header row of named columns); listed for names only.
MATRIX_SHEET = Sheet("matrix", (), ())

SHEETS: tuple[Sheet, ...] = (
    ASSESSMENT, PROCESSING, RISKS, MEASURES, SCREENING, SIGN_OFF, HISTORY,
    SCALES, RISK_LEVELS, MATRIX_SHEET,
)

# --- words: every language's, from ``[values]``, ``[words]`` ... of workbook.toml ----------

# The canonical values of each ENUM-like group, in the order ``dpia init`` offers them.
VALUE_KEYS: dict[str, tuple[str, ...]] = {
    "assessment_status": ("draft", "final", "approved"),
    "treatment": ("reduce", "accept", "avoid", "transfer"),
    "measure_type": ("technical", "organisational", "legal"),
    "measure_status": ("implemented", "planned", "in_progress"),
    "yesno": ("yes", "no"),
    "axis": ("likelihood", "impact"),
    # a Processor agreement cell that says there is none (yet); any other answer must be a
    # yes word, a date, a reference (holds a digit) or start with a word for an agreement
    "processor_agreement": ("none", "pending"),
}


def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word.casefold() for word in words))


# Words accepted in value cells, per canonical key: every language's, case-folded (as a cell
# is compared; ``value_word`` gives a word as ``dpia init`` writes it).
VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    group: {key: _folded(languages.union(WORDS, "values", group, key)) for key in keys}
    for group, keys in VALUE_KEYS.items()
}

# Words that, anywhere in a Processor agreement cell, name an agreement ("DPA signed 2025",
# "Verwerkersovereenkomst d.d. ..."); yes words, dates and references count too. (A cell
# that starts with a "none" word, holds a "pending" word or a negation is no agreement.)
AGREEMENT_WORDS = _folded(languages.union(WORDS, "words", "agreement"))

# Words meaning "nothing" in a list column that may be empty.
EMPTY_LIST_WORDS = frozenset(_folded(languages.union(WORDS, "words", "empty_list")))
ALL_WORDS = frozenset(_folded(languages.union(WORDS, "words", "all")))

# Screening criteria: WP248 rev.01 nine criteria, then the Art. 35(3) cases. Key -> language
# -> name (``[screening_criteria]``).
SCREENING_KEYS = (
    "evaluation", "automated-decision", "monitoring", "sensitive", "large-scale", "matching",
    "vulnerable", "innovative", "prevents-rights", "art35-3a", "art35-3b", "art35-3c",
)
ART35_3_KEYS = ("art35-3a", "art35-3b", "art35-3c")

# Sign-off items of the ICO template (``[sign_off_items]``).
SIGN_OFF_KEYS = ("measures_approved", "residual_approved", "dpo_advice", "dpo_advice_accepted",
                 "consultation_reviewed", "kept_under_review")


def _by_language(table: str, keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {key: {lang: str(languages.lookup(lang, WORDS, table, key))
                  for lang in languages.codes()} for key in keys}


SCREENING_CRITERIA: dict[str, dict[str, str]] = _by_language("screening_criteria",
                                                             SCREENING_KEYS)
SIGN_OFF_ITEMS: dict[str, dict[str, str]] = _by_language("sign_off_items", SIGN_OFF_KEYS)

# The six Art. 6(1) bases by point (``[lawful_basis]``): the first word of each language is
# the one a workbook's drop-down offers, the others further words that name it anywhere in
# a Lawful basis cell.
LAWFUL_BASIS_POINTS = ("a", "b", "c", "d", "e", "f")
LAWFUL_BASIS_NAMES: dict[str, dict[str, str]] = {
    point: {lang: str(languages.lookup(lang, WORDS, "lawful_basis", point)[0])  # type: ignore[index]
            for lang in languages.codes()}
    for point in LAWFUL_BASIS_POINTS
}
# point -> the words (case-folded) that name it in a Lawful basis cell
LAWFUL_BASES: dict[str, tuple[str, ...]] = {
    point: tuple(dict.fromkeys(
        word.casefold() for word in languages.union(WORDS, "lawful_basis", point)))
    for point in LAWFUL_BASIS_POINTS
}

# How a Lawful basis cell is read (dpia.cells.lawful_bases). The cell is cut into clauses at
# these separators; a bracketed part is a clause of its own.
LAWFUL_BASIS_CLAUSE_WORDS = _folded(languages.union(WORDS, "words", "clause"))
# Words that deny what they stand with: a Lawful basis clause holding one makes its basis
# "not the basis"; a Processor agreement holding one is not read as an agreement.
NEGATION_WORDS = _folded(languages.union(WORDS, "words", "negation"))
# Phrases that are no negation although they hold one ("not only consent but also ...").
NOT_NEGATION_WORDS = _folded(languages.union(WORDS, "words", "not_negation"))
# "X instead of Y": X is the basis, Y is not.
LAWFUL_BASIS_INSTEAD_WORDS = _folded(languages.union(WORDS, "words", "instead"))
# A citation of Art. 6(1): "6" (after "Art.", "Article", "artikel"), then paragraph 1 in one
# of these forms, then the point (a-f) after one of the point words or in brackets.
CITATION_PARAGRAPH_WORDS = _folded(languages.union(WORDS, "words", "citation_paragraph"))
CITATION_FIRST_PARAGRAPH = _folded(languages.union(WORDS, "words", "citation_first_paragraph"))
CITATION_POINT_WORDS = _folded(languages.union(WORDS, "words", "citation_point"))

# The words of the Assessment field Language that name each language (``[language] words``).
LANGUAGE_WORDS: dict[str, tuple[str, ...]] = {
    lang: (lang, *languages.data(lang, WORDS).get("language", {}).get("words", ()))
    for lang in languages.codes()
}

# Colour names a DPO may type in the Risk levels sheet (``[colours]``): name -> RRGGBB.
COLOUR_NAMES: dict[str, str] = {
    name.casefold(): colour
    for lang in languages.codes()
    for colour, names in languages.data(lang, WORDS).get("colours", {}).items()
    for name in names
}


def criterion_name(key: str, lang: str) -> str:
    """A screening criterion of the format by its name in ``lang``."""
    return SCREENING_CRITERIA[key].get(lang) or str(
        languages.lookup(lang, WORDS, "screening_criteria", key))


def sign_off_item(key: str, lang: str) -> str:
    """A sign-off item of the format by its name in ``lang``."""
    return SIGN_OFF_ITEMS[key].get(lang) or str(
        languages.lookup(lang, WORDS, "sign_off_items", key))


def language_key(text: str) -> str | None:
    """The language an Assessment Language cell names (``"Dutch"``, ``"nl-BE"``), or None."""
    folded = " ".join(str(text).split()).casefold()
    for code, words in LANGUAGE_WORDS.items():
        if folded in (word.casefold() for word in words):
            return code
    return None


_BRACKETS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")


def header_key(text: object) -> str:
    """A header or sheet name as compared: trimmed, spaces collapsed, case-folded,
    trailing ``*``, ``:`` or ``?`` and a trailing bracketed hint removed
    (``"Likelihood (1-3) *"``, ``"Title:"``, ``"Applies?"``)."""
    name = " ".join(str(text).split())
    while True:
        stripped = name.rstrip("*:?").strip()
        stripped = _BRACKETS.sub("", stripped).strip()
        if stripped == name:
            break
        name = stripped
    return name.casefold().replace("’", "'")


def find_sheet(name: str) -> Sheet | None:
    """The format's sheet that a workbook sheet name stands for, or None."""
    wanted = header_key(name)
    for sheet in SHEETS:
        if any(header_key(n) == wanted for n in sheet.names()):
            return sheet
    return None


_PUNCTUATION = re.compile(r"[\s._-]+")


def column_key(text: object) -> str:
    """A column header or field name as compared: as ``header_key``, and dots, hyphens and
    underscores count as spaces (``"Res. L"`` is ``"Res L"``, ``"Risk-ID"`` is ``"Risk ID"``)."""
    return _PUNCTUATION.sub(" ", header_key(text)).strip()


@functools.cache
def _names_of(columns: tuple[Column, ...]) -> dict[str, tuple[Column, ...]]:
    """``column_key`` of every accepted name -> the columns that go by it (one, in a sound
    schema: tests/test_reader_headers.py checks it)."""
    index: dict[str, tuple[Column, ...]] = {}
    for column in columns:
        for name in dict.fromkeys(column_key(n) for n in column.names()):
            index[name] = (*index.get(name, ()), column)
    return index


def find_column(sheet: Sheet, header: object) -> Column | None:
    """The column of ``sheet`` that a header cell names, or None."""
    found = _names_of(sheet.columns).get(column_key(header))
    return found[0] if found else None


def is_own_name(column: Column, header: object) -> bool:
    """Whether a header is the column's own name (as ``dpia init`` writes it, in any
    language), not one of its further names."""
    return column_key(header) in {column_key(column.name(lang)) for lang in languages.codes()}


def find_field(name: object) -> Column | None:
    """The Assessment field that a Field cell names, or None."""
    found = _names_of(ASSESSMENT_FIELDS).get(column_key(name))
    return found[0] if found else None


def closest_column(columns: tuple[Column, ...], header: object) -> Column | None:
    """The column whose name a header not known resembles (a typo, a near miss such as
    ``"Residual likelyhood"``), or None when none is close."""
    names = _names_of(columns)
    wanted = column_key(header)
    if len(wanted) < 3:
        return None  # two letters resemble too much
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.8)
    return names[close[0]][0] if close else None


def header_group(text: object) -> str | None:
    """The group (``"inherent"``, ``"residual"``) a header cell above or around level columns
    names (``"Residual risk"``, ``"Netto"``), or None."""
    wanted = column_key(text)
    for group, by_language in HEADER_GROUPS.items():
        if any(column_key(word) == wanted for words in by_language.values() for word in words):
            return group
    return None


def value_key(group: str, text: str) -> str | None:
    """Canonical key of a value word (``"in uitvoering"`` -> ``"in_progress"``), or None."""
    wanted = " ".join(str(text).split()).casefold()
    for key, words in VALUE_WORDS[group].items():
        if wanted in words:
            return key
    return None


def value_word(group: str, key: str, lang: str) -> str:
    """The word for a canonical value in ``lang`` (as written by ``dpia init``)."""
    return str(languages.lookup(lang, WORDS, "values", group, key)[0])  # type: ignore[index]
