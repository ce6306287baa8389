"""``dpia init``: write the workbook a DPO fills in, blank or with a worked example.

Every sheet and column name comes from ``dpia.schema`` and every matrix from ``dpia.matrix``,
so what this writes is exactly what the reader accepts. The chosen matrix is written out in
the Scales / Risk levels / Matrix sheets, so what the DPO sees is what is used, and can be
changed in place.

``write_template`` is the library entry point; ``write_workbook`` also fills in given
``Content`` (the worked example, the samples). Output is deterministic: the same arguments
give the same bytes (fixed zip times and document properties), so generated workbooks can be
committed and compared.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

import openpyxl
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dpia import authorities, schema
from dpia.errors import OutputError
from dpia.fsutil import write_atomic
from dpia.matrix import LANGUAGES, PRESETS, grid_from_bands, preset, text_colour
from dpia.model import Matrix

INSTRUCTIONS_NAME = {"en": "Instructions", "nl": "Instructies"}

# Data validations cover whole columns below the header, so rows a DPO adds get them too.
LAST_ROW = 1048576
# Fixed time for the zip entries and document properties: the same input gives the same bytes.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

# Column widths (characters) by column key; anything else gets DEFAULT_WIDTH.
DEFAULT_WIDTH = 22
WIDTHS: dict[str, int] = {
    "id": 7, "name": 28, "purpose": 40, "lawful_basis": 32, "legitimate_interest": 34,
    "data_subjects": 24, "personal_data": 32, "special_categories": 24, "art9_condition": 30,
    "recipients": 24, "processors": 24, "processor_agreement": 16, "transfers": 16,
    "transfer_safeguard": 24, "retention": 28, "systems": 24, "data_subjects_count": 14,
    "processing": 12, "risk": 44, "risk_source": 22, "impact_on_individuals": 36,
    "likelihood": 16, "impact": 16, "measures": 14, "residual_likelihood": 16,
    "residual_impact": 16, "treatment": 14, "owner": 20, "measure": 32, "type": 16,
    "description": 52, "status": 14, "due_date": 13, "criterion": 60, "applies": 14,
    "justification": 60, "item": 44, "date": 13, "notes": 44, "version": 10, "author": 22,
    "changes": 60, "axis": 12, "value": 9, "level": 18, "from_score": 12, "to_score": 12,
    "colour": 12, "acceptable": 13, "field": 24, "likelihood_rationale": 40,
    "impact_rationale": 40, "residual_rationale": 40,
}

_TEXT = {
    "en": {
        "choose_level": "Choose a level from the list (the names in the Scales sheet).",
        "choose": "Choose a value from the list.",
        "not_in_list": "Not in the list",
        "basis_prompt": "Choose a lawful basis; you may type the law it rests on after it.",
        "agreement_prompt": "yes / no, or the date the agreement was signed.",
        "matrix_corner": "Likelihood \\ Impact",
        "grid_prompt": "The risk level of this cell (a name from the Risk levels sheet).",
        "matrix_field": "A preset (ico, cnil, 5x5, enisa) or custom; the Scales, Risk levels "
                        "and Matrix sheets define the matrix used.",
        "authority_field": "Whose Art. 35(4) list the Screening rows cite: ap, ico, cnil, or "
                           "leave empty.",
        # the note on a Screening row of a national list item: what a yes means, the source
        "list_alone": "Yes: a DPIA is required.",
        "list_with_another": "Yes: a DPIA is required if at least one other criterion applies.",
        "list_source": "Source",
    },
    "nl": {
        "choose_level": "Kies een niveau uit de lijst (de namen op het tabblad Schalen).",
        "choose": "Kies een waarde uit de lijst.",
        "not_in_list": "Niet in de lijst",
        "basis_prompt": "Kies een grondslag; u kunt de wet waarop die rust erachter typen.",
        "agreement_prompt": "ja / nee, of de datum waarop de overeenkomst is getekend.",
        "matrix_corner": "Kans \\ Impact",
        "grid_prompt": "Het risiconiveau van deze cel (een naam van het tabblad Risiconiveaus).",
        "matrix_field": "Een preset (ico, cnil, 5x5, enisa) of custom; de tabbladen Schalen, "
                        "Risiconiveaus en Matrix bepalen de gebruikte matrix.",
        "authority_field": "Van wie de lijst (art. 35 lid 4) is die de Voortoets noemt: ap, "
                           "ico, cnil, of leeg.",
        "list_alone": "Ja: een DPIA is verplicht.",
        "list_with_another": "Ja: een DPIA is verplicht als ook ten minste één ander criterium "
                             "van toepassing is.",
        "list_source": "Bron",
    },
}

# The axis words of the Scales sheet (schema's second word for impact is an alias, not Dutch).
AXIS_WORDS = {
    "en": {"likelihood": "likelihood", "impact": "impact"},
    "nl": {"likelihood": "kans", "impact": "impact"},
}

# The six Art. 6(1) bases as the drop-down offers them; each names its basis for the reader.
LAWFUL_BASIS_CHOICES: dict[str, tuple[str, ...]] = {
    lang: tuple(names[index] for names in schema.LAWFUL_BASIS_NAMES.values())
    for index, lang in enumerate(("en", "nl"))
}


@dataclass
class Content:
    """What to fill in below the headers, in the workbook's language.

    Rows are dicts keyed by ``schema`` column keys. Values are written as given, except:
    likelihood/impact columns take a scale value (int, written as the matrix's name); enum
    columns take a canonical key (``"in_progress"``, written as the word in the language);
    yes/no columns take a bool; list columns take a list (one item per line); ID lists a list.
    ``screening`` maps a criterion key (or a free criterion's text) to (applies, justification),
    or is None for no Screening sheet (an assessment whose need was never screened here);
    ``sign_off`` maps a sign-off item key to (name, date, notes). ``extra_sheets`` are written
    after the others as plain tables, (title, rows), the first row the header: sheets the
    reader does not read (it ignores sheets it does not know), such as an import's trace.
    """

    info: dict[str, object] = field(default_factory=dict)
    processing: list[dict[str, object]] = field(default_factory=list)
    risks: list[dict[str, object]] = field(default_factory=list)
    measures: list[dict[str, object]] = field(default_factory=list)
    screening: dict[str, tuple[bool | None, str]] | None = field(default_factory=dict)
    sign_off: dict[str, tuple[str, dt.date | None, str]] = field(default_factory=dict)
    history: list[dict[str, object]] = field(default_factory=list)
    extra_sheets: list[tuple[str, list[list[object]]]] = field(default_factory=list)
    # a note on a Screening row's Criterion cell, by its text (what a national list item asks)
    screening_notes: dict[str, str] = field(default_factory=dict)


def write_template(
    target: str | Path | IO[bytes],
    *,
    lang: str = "en",
    matrix: str | Matrix = "ico",
    example: bool = False,
    force: bool = False,
    authority: str = "",
) -> None:
    """Write a blank workbook (or, with ``example``, a worked example) to a path or stream.

    ``matrix`` is a preset key or a ``Matrix``; a path is never overwritten without
    ``force`` (``OutputError``). ``authority`` (``"ap"``, ``"ico"``, ``"cnil"``) fills the
    Authority field and adds a Screening row per item of that authority's Art. 35(4) list.
    """
    content = None
    if example:
        from dpia.workbook_example import example_content

        content = example_content(lang, _resolve_matrix(matrix, lang))
    if authority:
        content = with_authority(content or Content(), authority, lang)
    write_workbook(target, lang=lang, matrix=matrix, content=content, force=force)


def with_authority(content: Content, key: str, lang: str) -> Content:
    """``content`` with the Authority field set to ``key`` and, after its Screening rows, a
    row per item of that authority's list (``AP 9 Cameratoezicht``), unanswered unless
    ``content`` answers it, its Criterion cell noting what the item covers and its source."""
    if key not in authorities.KEYS:
        raise OutputError(f"unknown authority {key!r}; choose one of "
                          f"{', '.join(authorities.KEYS)}")
    authority = authorities.get(key)
    screening = dict(content.screening or {})
    notes = dict(content.screening_notes)
    text = _TEXT[lang]
    for item in authority.items:
        row = authorities.row_text(item)
        screening.setdefault(row, (None, ""))
        notes.setdefault(row, "\n".join(part for part in (
            item.summary_in(lang), text["list_" + item.rule.replace("-", "_")],
            f"{text['list_source']}: {authority.title}, {authority.citation}",
        ) if part))
    return replace(content, info={**content.info, "authority": key}, screening=screening,
                   screening_notes=notes)


def write_workbook(
    target: str | Path | IO[bytes],
    *,
    lang: str = "en",
    matrix: str | Matrix = "ico",
    content: Content | None = None,
    force: bool = False,
) -> None:
    """Write the workbook with every sheet of the format, filled with ``content`` if given."""
    data = workbook_bytes(lang=lang, matrix=matrix, content=content)
    if isinstance(target, (str, Path)):
        write_atomic(Path(target), data, force=force)
    else:
        target.write(data)


def workbook_bytes(
    *, lang: str = "en", matrix: str | Matrix = "ico", content: Content | None = None
) -> bytes:
    """The workbook as deterministic .xlsx bytes."""
    if lang not in LANGUAGES:
        raise OutputError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    the_matrix = _resolve_matrix(matrix, lang)
    book = build_workbook(lang, the_matrix, content or Content())
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())


def _resolve_matrix(matrix: str | Matrix, lang: str) -> Matrix:
    if isinstance(matrix, Matrix):
        return matrix
    if matrix not in PRESETS:
        raise OutputError(f"unknown matrix preset {matrix!r}; choose one of {', '.join(PRESETS)}")
    return preset(matrix, lang)


# --- the workbook ------------------------------------------------------------------------


def build_workbook(lang: str, matrix: Matrix, content: Content) -> openpyxl.Workbook:
    """The openpyxl workbook: Instructions first, then every sheet of the format."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    writer = _Writer(book, lang, matrix)
    writer.instructions()
    writer.assessment(content.info)
    writer.table(schema.PROCESSING, content.processing)
    writer.table(schema.RISKS, content.risks)
    writer.table(schema.MEASURES, content.measures)
    if content.screening is not None:
        writer.screening(content.screening, content.screening_notes)
    writer.sign_off(content.sign_off)
    writer.table(schema.HISTORY, content.history)
    writer.scales()
    writer.risk_levels()
    if _needs_grid(matrix):
        writer.grid()
    writer.validations()
    for title, rows in content.extra_sheets:
        writer.plain_sheet(title, rows)
    book.active = 0
    return book


def _needs_grid(matrix: Matrix) -> bool:
    """A Matrix sheet is written unless every level has a score band that gives the grid."""
    if any(level.from_score is None or level.to_score is None for level in matrix.levels):
        return True
    try:
        return grid_from_bands(len(matrix.likelihood), len(matrix.impact), matrix.levels) != (
            matrix.grid
        )
    except ValueError:
        return True


def header_text(column: schema.Column, lang: str) -> str:
    """A header as written by ``dpia init``: the name, `` *`` when required."""
    name = column.name(lang)
    return f"{name} *" if column.required == schema.YES else name


class _Writer:
    """Writes the sheets of one workbook; remembers where the drop-down lists live."""

    def __init__(self, book: openpyxl.Workbook, lang: str, matrix: Matrix):
        self.book, self.lang, self.matrix = book, lang, matrix
        self.text = _TEXT[lang]
        self.sheets: dict[str, Worksheet] = {}
        self.letters: dict[str, dict[str, str]] = {}  # sheet key -> column key -> letter
        self.status_row = 0  # Assessment rows holding a value with a drop-down
        self.language_row = 0
        self.matrix_row = 0
        self.n_likelihood, self.n_impact = len(matrix.likelihood), len(matrix.impact)
        self.grid_range = ""

    # -- helpers ------------------------------------------------------------------------

    def word(self, group: str, key: str) -> str:
        return schema.value_word(group, key, self.lang)

    def new_sheet(self, sheet: schema.Sheet, columns: Sequence[schema.Column]) -> Worksheet:
        """A sheet with its styled header row, frozen, widths and wrapped columns set."""
        ws = self.book.create_sheet(sheet.name(self.lang))
        self.sheets[sheet.key] = ws
        self.letters[sheet.key] = {}
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            self.letters[sheet.key][column.key] = letter
            cell = ws.cell(row=1, column=index, value=header_text(column, self.lang))
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            explanation = COLUMN_HELP.get((sheet.key, column.key))
            if explanation:
                comment = Comment(explanation[self.lang], "dpia")
                comment.width, comment.height = 300, 120
                cell.comment = comment
            dimension = ws.column_dimensions[letter]
            dimension.width = WIDTHS.get(column.key, DEFAULT_WIDTH)
            # A column style: cells typed later wrap and align to the top as well.
            dimension.alignment = WRAP_TOP
            if column.kind == schema.DATE:
                dimension.number_format = "yyyy-mm-dd"
        ws.row_dimensions[1].height = 30
        ws.freeze_panes = "B2" if sheet.key in ("processing", "risks", "measures") else "A2"
        # Printed for review meetings: landscape, one page wide, headers on every page.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        return ws

    def put(self, ws: Worksheet, row: int, col: int, value: object):
        cell = ws.cell(row=row, column=col, value=_cell_value(value))
        cell.alignment = WRAP_TOP
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        return cell

    # -- sheets -------------------------------------------------------------------------

    def instructions(self) -> None:
        ws = self.book.create_sheet(INSTRUCTIONS_NAME[self.lang])
        widths = {"A": 22, "B": 26, "C": 80, "D": 26}
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        intro = INTRO[self.lang]
        ws.cell(row=1, column=1, value=intro[0]).font = Font(bold=True, size=14)
        row = 2
        for paragraph in intro[1:]:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            cell = ws.cell(row=row, column=1, value=paragraph)
            cell.alignment = WRAP_TOP
            ws.row_dimensions[row].height = _height([paragraph], [150])
            row += 1
        row += 1
        heads = TABLE_HEADS[self.lang]
        for col, head in enumerate(heads, start=1):
            cell = ws.cell(row=row, column=col, value=head)
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        row += 1
        for sheet in schema.SHEETS:
            help_text = SHEET_HELP[sheet.key]
            about, article = help_text[self.lang], help_text["art_" + self.lang]
            values = [sheet.name(self.lang), "", about, article]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value or None)
                cell.fill, cell.border, cell.alignment = SECTION_FILL, BORDER, WRAP_TOP
                cell.font = Font(bold=True) if col == 1 else Font()
            ws.row_dimensions[row].height = _height([about], [widths["C"]])
            row += 1
            columns = schema.ASSESSMENT_FIELDS if sheet.key == "assessment" else sheet.columns
            for column in columns:
                help_text = (
                    FIELD_HELP.get(column.key) if sheet.key == "assessment"
                    else COLUMN_HELP.get((sheet.key, column.key))
                )
                if not help_text:
                    continue
                explanation, article = help_text[self.lang], help_text["art_" + self.lang]
                values = ["", header_text(column, self.lang), explanation, article]
                for col, value in enumerate(values, start=1):
                    cell = ws.cell(row=row, column=col, value=value or None)
                    cell.border, cell.alignment = BORDER, WRAP_TOP
                ws.row_dimensions[row].height = _height([explanation], [widths["C"]])
                row += 1
        ws.freeze_panes = None

    def assessment(self, info: Mapping[str, object]) -> None:
        columns = schema.ASSESSMENT.columns
        ws = self.new_sheet(schema.ASSESSMENT, columns)
        ws.column_dimensions["B"].width = 90
        defaults = {"language": self.lang, "matrix": self.matrix.name}
        for row, field_column in enumerate(schema.ASSESSMENT_FIELDS, start=2):
            # Required fields in bold (a `*` would show up in the reader's messages).
            cell = self.put(ws, row, 1, field_column.name(self.lang))
            cell.font = Font(bold=field_column.required == schema.YES)
            help_text = FIELD_HELP.get(field_column.key)
            if help_text:
                comment = Comment(help_text[self.lang], "dpia")
                comment.width, comment.height = 300, 120
                cell.comment = comment
            value = info.get(field_column.key, defaults.get(field_column.key))
            if field_column.key == "status" and value in schema.VALUE_WORDS["assessment_status"]:
                value = self.word("assessment_status", str(value))
            self.put(ws, row, 2, value)
            if isinstance(value, str) and len(value) > 90:
                ws.row_dimensions[row].height = _height([value], [90])
            if field_column.key == "status":
                self.status_row = row
            elif field_column.key == "authority":
                self.authority_row = row
            elif field_column.key == "language":
                self.language_row = row
            elif field_column.key == "matrix":
                self.matrix_row = row

    def table(self, sheet: schema.Sheet, rows: Sequence[Mapping[str, object]]) -> None:
        ws = self.new_sheet(sheet, sheet.columns)
        widths = [WIDTHS.get(c.key, DEFAULT_WIDTH) for c in sheet.columns]
        for number, row in enumerate(rows, start=2):
            unknown = set(row) - {c.key for c in sheet.columns}
            if unknown:
                raise ValueError(f"{sheet.en}: unknown column keys {sorted(unknown)}")
            texts = []
            for col, column in enumerate(sheet.columns, start=1):
                value = self.convert(column, row.get(column.key))
                self.put(ws, number, col, value)
                texts.append(value if isinstance(value, str) else "")
            ws.row_dimensions[number].height = _height(texts, widths)

    def convert(self, column: schema.Column, value: object) -> object:
        """A content value as the DPO would type it in this workbook's language."""
        if value is None or value == "":
            return None
        if column.kind == schema.LEVEL and isinstance(value, int):
            scale = self.matrix.likelihood if "likelihood" in column.key else self.matrix.impact
            return scale[value - 1].name
        if column.kind == schema.ENUM and isinstance(value, str):
            if value in schema.VALUE_WORDS[column.enum]:
                return self.word(column.enum, value)
        if isinstance(value, bool):
            return self.word("yesno", "yes" if value else "no")
        if isinstance(value, (list, tuple)):
            joiner = ", " if column.kind == schema.IDS else "\n"
            return joiner.join(str(item) for item in value)
        return value

    def screening(self, answers: Mapping[str, tuple[bool | None, str]],
                  notes: Mapping[str, str] | None = None) -> None:
        sheet = schema.SCREENING
        ws = self.new_sheet(sheet, sheet.columns)
        index = 0 if self.lang == "en" else 1
        rows = [(names[index], answers.get(key)) for key, names in
                schema.SCREENING_CRITERIA.items()]
        rows += [(key, answer) for key, answer in answers.items()
                 if key not in schema.SCREENING_CRITERIA]
        widths = [WIDTHS["criterion"], WIDTHS["applies"], WIDTHS["justification"]]
        for number, (criterion, answer) in enumerate(rows, start=2):
            applies, justification = answer if answer else (None, "")
            applies_word = None if applies is None else self.word(
                "yesno", "yes" if applies else "no")
            for col, value in enumerate((criterion, applies_word, justification), start=1):
                cell = self.put(ws, number, col, value)
                if col == 1 and notes and criterion in notes:
                    cell.comment = Comment(notes[criterion], "dpia")
                    cell.comment.width, cell.comment.height = 360, 160
            ws.row_dimensions[number].height = _height([criterion, "", justification], widths)

    def plain_sheet(self, title: str, rows: Sequence[Sequence[object]]) -> None:
        """A sheet the reader does not read: a styled header row, then the rows as given."""
        ws = self.book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for col, value in enumerate(row, start=1):
                cell = self.put(ws, number, col, value)
                if number == 1:
                    cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        widths = [max((len(str(row[i])) for row in rows if i < len(row) and row[i]),
                      default=8) for i in range(max((len(row) for row in rows), default=0))]
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60)
        ws.freeze_panes = "A2"

    def sign_off(self, answers: Mapping[str, tuple[str, dt.date | None, str]]) -> None:
        sheet = schema.SIGN_OFF
        ws = self.new_sheet(sheet, sheet.columns)
        index = 0 if self.lang == "en" else 1
        unknown = set(answers) - set(schema.SIGN_OFF_ITEMS)
        if unknown:
            raise ValueError(f"Sign-off: unknown items {sorted(unknown)}")
        for number, (key, names) in enumerate(schema.SIGN_OFF_ITEMS.items(), start=2):
            name, date, notes = answers.get(key, ("", None, ""))
            for col, value in enumerate((names[index], name, date, notes), start=1):
                self.put(ws, number, col, value)
            ws.row_dimensions[number].height = _height(
                [names[index], name, "", notes], [44, 22, 13, 44])

    def scales(self) -> None:
        sheet = schema.SCALES
        ws = self.new_sheet(sheet, sheet.columns)
        row = 2
        for axis, scale in (("likelihood", self.matrix.likelihood),
                            ("impact", self.matrix.impact)):
            for level in scale:
                values = (AXIS_WORDS[self.lang][axis], level.value, level.name,
                          level.description)
                for col, value in enumerate(values, start=1):
                    self.put(ws, row, col, value)
                row += 1

    def risk_levels(self) -> None:
        sheet = schema.RISK_LEVELS
        ws = self.new_sheet(sheet, sheet.columns)
        grid_defined = _needs_grid(self.matrix)
        for row, level in enumerate(self.matrix.levels, start=2):
            values = (
                level.name,
                None if grid_defined else level.from_score,
                None if grid_defined else level.to_score,
                f"#{level.colour}",
                self.word("yesno", "yes" if level.acceptable else "no"),
            )
            for col, value in enumerate(values, start=1):
                cell = self.put(ws, row, col, value)
                if col in (1, 4):
                    _colour(cell, level.colour)

    def grid(self) -> None:
        ws = self.book.create_sheet(schema.MATRIX_SHEET.name(self.lang))
        self.sheets["matrix"] = ws
        corner = ws.cell(row=1, column=1, value=self.text["matrix_corner"])
        corner.font, corner.fill, corner.border = HEADER_FONT, HEADER_FILL, BORDER
        ws.column_dimensions["A"].width = 22
        for col, level in enumerate(self.matrix.impact, start=2):
            cell = ws.cell(row=1, column=col, value=level.name)
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
            ws.column_dimensions[get_column_letter(col)].width = 16
        for row, likelihood in enumerate(self.matrix.likelihood, start=2):
            cell = ws.cell(row=row, column=1, value=likelihood.name)
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
            ws.row_dimensions[row].height = 30
            for col, impact in enumerate(self.matrix.impact, start=2):
                level = self.matrix.level(likelihood.value, impact.value)
                cell = ws.cell(row=row, column=col, value=level.name)
                cell.alignment = Alignment(horizontal="center", vertical="center")
                cell.border = BORDER
                _colour(cell, level.colour)
        # Recolour a cell when the DPO changes its level (the static fill shows the preset).
        last = f"{get_column_letter(len(self.matrix.impact) + 1)}{len(self.matrix.likelihood) + 1}"
        for level in self.matrix.levels:
            ws.conditional_formatting.add(
                f"B2:{last}",
                CellIsRule(
                    operator="equal", formula=[_excel_string(level.name)],
                    fill=PatternFill("solid", fgColor=level.colour, bgColor=level.colour),
                    font=Font(color=text_colour(level.colour)),
                ),
            )
        self.grid_range = f"B2:{last}"

    # -- drop-down lists --------------------------------------------------------------

    def validations(self) -> None:
        """Data validation on every column with a fixed set of answers."""
        text = self.text
        scales = quote_sheetname(self.sheets["scales"].title)
        name_col = self.letters["scales"]["name"]
        first, split = 2, 2 + self.n_likelihood
        likelihood_list = f"{scales}!${name_col}${first}:${name_col}${split - 1}"
        impact_list = f"{scales}!${name_col}${split}:${name_col}${split + self.n_impact - 1}"
        yes_no = [self.word("yesno", "yes"), self.word("yesno", "no")]

        def words(group: str) -> list[str]:
            return [self.word(group, key) for key in schema.VALUE_WORDS[group]]

        strict = {"error_style": "warning", "error": text["choose"]}
        level_rule = {"error_style": "warning", "error": text["choose_level"]}
        free = {"show_error": False}
        self.validate("risks", "likelihood", likelihood_list, **level_rule)
        self.validate("risks", "residual_likelihood", likelihood_list, **level_rule)
        self.validate("risks", "impact", impact_list, **level_rule)
        self.validate("risks", "residual_impact", impact_list, **level_rule)
        self.validate("risks", "treatment", words("treatment"), **strict)
        self.validate("measures", "type", words("measure_type"), **strict)
        self.validate("measures", "status", words("measure_status"), **strict)
        if "screening" in self.sheets:
            self.validate("screening", "applies", yes_no, **strict)
        self.validate("risk_levels", "acceptable", yes_no, **strict)
        self.validate("scales", "axis", list(AXIS_WORDS[self.lang].values()), **strict)
        self.validate("processing", "lawful_basis", list(LAWFUL_BASIS_CHOICES[self.lang]),
                      prompt=text["basis_prompt"], **free)
        self.validate("processing", "processor_agreement", yes_no,
                      prompt=text["agreement_prompt"], **free)
        # Single cells of the Assessment sheet.
        ws = self.sheets["assessment"]
        for row, choices, options in (
            (self.status_row, words("assessment_status"), strict),
            (self.language_row, list(LANGUAGES), strict),
            (self.matrix_row, [*PRESETS, "custom"],
             {"show_error": False, "prompt": text["matrix_field"]}),
            (self.authority_row, list(authorities.KEYS),
             {"show_error": False, "prompt": text["authority_field"]}),
        ):
            self._add(ws, f"B{row}", _list_formula(choices), **options)
        if "matrix" in self.sheets:
            levels = quote_sheetname(self.sheets["risk_levels"].title)
            level_col = self.letters["risk_levels"]["level"]
            last = 1 + len(self.matrix.levels)
            self._add(self.sheets["matrix"], self.grid_range,
                      f"{levels}!${level_col}$2:${level_col}${last}",
                      error_style="warning", error=text["choose"], prompt=text["grid_prompt"])

    def validate(self, sheet_key: str, column_key: str, choices: list[str] | str,
                 **options) -> None:
        letter = self.letters[sheet_key][column_key]
        formula = choices if isinstance(choices, str) else _list_formula(choices)
        self._add(self.sheets[sheet_key], f"{letter}2:{letter}{LAST_ROW}", formula, **options)

    def _add(self, ws: Worksheet, ref: str, formula: str, *, error_style: str = "warning",
             error: str = "", show_error: bool = True, prompt: str = "") -> None:
        validation = DataValidation(
            type="list", formula1=formula, allow_blank=True,
            showErrorMessage=show_error, errorStyle=error_style,
            errorTitle=self.text["not_in_list"] if show_error else None,
            error=error or None,
            showInputMessage=bool(prompt), prompt=prompt or None,
        )
        validation.add(ref)
        ws.add_data_validation(validation)


# --- small helpers ---------------------------------------------------------------------


def _list_formula(choices: Sequence[str]) -> str:
    """A literal list for a data validation (Excel limits it to 255 characters)."""
    formula = '"' + ",".join(choices) + '"'
    if len(formula) > 257 or any("," in c or '"' in c for c in choices):
        raise ValueError(f"cannot write {choices!r} as a drop-down list")
    return formula


def _excel_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cell_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _colour(cell, colour: str) -> None:
    cell.fill = PatternFill("solid", fgColor=colour)
    cell.font = Font(color=text_colour(colour), bold=cell.font.bold)


def _height(texts: Sequence[object], widths: Sequence[int]) -> float:
    """A row height that shows wrapped text whole (Excel does not fit heights on open)."""
    lines = 1
    for text, width in zip(texts, widths):
        if not isinstance(text, str) or not text:
            continue
        per_line = max(int(width * 1.1), 1)
        count = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, count)
    return min(15.0 * lines + 3, 409.0)


_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _deterministic(data: bytes) -> bytes:
    """Rewrite the .xlsx with fixed zip times and document dates (same input, same bytes)."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


# --- the words of the Instructions sheet and the header notes -----------------------------


def _help(en: str, nl: str, art_en: str = "", art_nl: str = "") -> dict[str, str]:
    return {"en": en, "nl": nl, "art_en": art_en, "art_nl": art_nl or art_en}


INTRO: dict[str, tuple[str, ...]] = {
    "en": (
        "How to fill in this DPIA workbook",
        "This workbook is the input of a data protection impact assessment (DPIA, GDPR "
        "Art. 35). Fill in the sheets, then run `dpia validate FILE.xlsx` to check it and "
        "`dpia build FILE.xlsx -o report.docx` to write the Word report. Every problem is "
        "reported with its sheet and cell.",
        "Each sheet has its headers in the first row. Type one item per row below the headers; "
        "empty rows are skipped. Headers marked * must be filled in on every row. You may "
        "reorder columns and add rows; columns that the format does not know are left out "
        "of the report. Hover over a header to see what it asks for.",
        "Lists (several data subjects, data categories or IDs) go in one cell, one item per "
        "line or separated by ; or ,. Dates may be typed as 2026-05-25 or 25-05-2026. Cells "
        "with a drop-down offer the usual answers; Lawful basis and Processor agreement also "
        "accept your own text (for example the law the basis rests on, or the date signed).",
        "The risk matrix is written out in the Scales, Risk levels and Matrix sheets: the "
        "names there are the names you choose from in the Likelihood and Impact columns. You "
        "may rename or redefine the levels; set the Matrix field of the Assessment sheet to "
        "custom when you do. Every risk gets a score (likelihood value × impact value) and the "
        "level of its cell in the matrix; a residual risk at a level that is not acceptable "
        "means the supervisory authority must be consulted before processing (Art. 36).",
        "Screening (the need for a DPIA): answer yes or no for each criterion. Two or more "
        "criteria, or one Art. 35(3) case, mean a DPIA is required (EDPB guidelines WP248 "
        "rev.01).",
    ),
    "nl": (
        "Zo vult u deze DPIA-werkmap in",
        "Deze werkmap is de invoer van een gegevensbeschermingseffectbeoordeling (DPIA, AVG "
        "art. 35). Vul de tabbladen in, controleer de werkmap met `dpia validate BESTAND.xlsx` "
        "en maak het Word-rapport met `dpia build BESTAND.xlsx -o rapport.docx`. Elk probleem "
        "wordt gemeld met het tabblad en de cel.",
        "Elk tabblad heeft de kolomkoppen in de eerste rij. Typ per rij één item onder de "
        "koppen; lege rijen worden overgeslagen. Kolommen met * moeten op elke rij zijn "
        "ingevuld. U mag kolommen verplaatsen en rijen toevoegen; kolommen die het formaat "
        "niet kent, komen niet in het rapport. Wijs een kolomkop aan om te zien wat er "
        "gevraagd wordt.",
        "Lijsten (meerdere betrokkenen, gegevenscategorieën of ID's) staan in één cel, één "
        "item per regel of gescheiden door ; of ,. Datums mag u typen als 2026-05-25 of "
        "25-05-2026. Cellen met een keuzelijst bieden de gebruikelijke antwoorden; Grondslag en "
        "Verwerkersovereenkomst accepteren ook eigen tekst (bijvoorbeeld de wet waarop de "
        "grondslag rust, of de datum van ondertekening).",
        "De risicomatrix staat uitgeschreven op de tabbladen Schalen, Risiconiveaus en Matrix: "
        "de namen daar zijn de namen waaruit u kiest in de kolommen Kans en Impact. U mag de "
        "niveaus hernoemen of anders indelen; zet dan het veld Matrix op het tabblad "
        "Beoordeling op custom. Elk risico krijgt een score (waarde kans × waarde impact) en "
        "het niveau van zijn cel in de matrix; een restrisico op een niveau dat niet "
        "aanvaardbaar is, betekent dat de Autoriteit Persoonsgegevens vooraf moet worden "
        "geraadpleegd (art. 36).",
        "Voortoets (is een DPIA nodig): beantwoord elk criterium met ja of nee. Twee of meer "
        "criteria, of één geval van art. 35 lid 3, betekenen dat een DPIA verplicht is "
        "(EDPB-richtsnoeren WP248 rev.01).",
    ),
}

TABLE_HEADS = {
    "en": ("Sheet", "Column", "What to fill in", "Where the GDPR asks for it"),
    "nl": ("Tabblad", "Kolom", "Wat vult u in", "Waar de AVG erom vraagt"),
}

SHEET_HELP: dict[str, dict[str, str]] = {
    "assessment": _help(
        "About the assessment as a whole: one field per row, its answer in the Value column.",
        "Over de beoordeling als geheel: één veld per rij, het antwoord in de kolom Waarde.",
        "Art. 35(7)", "Art. 35 lid 7"),
    "processing": _help(
        "One row per processing operation: what is done with personal data, why, on what "
        "lawful basis, about whom, with whom it is shared and how long it is kept.",
        "Eén rij per verwerking: wat er met persoonsgegevens gebeurt, waarom, op welke "
        "grondslag, over wie, met wie ze worden gedeeld en hoe lang ze worden bewaard.",
        "Art. 35(7)(a), Art. 30", "Art. 35 lid 7 sub a, art. 30"),
    "risks": _help(
        "One row per risk to the people whose data is processed (not to the organisation): "
        "what could happen, how likely it is and how badly it would affect them, before and "
        "after the measures.",
        "Eén rij per risico voor de mensen van wie de gegevens zijn (niet voor de organisatie): "
        "wat er kan gebeuren, hoe waarschijnlijk dat is en hoe erg het voor hen zou zijn, vóór "
        "en na de maatregelen.",
        "Art. 35(7)(c)", "Art. 35 lid 7 sub c"),
    "measures": _help(
        "One row per safeguard that reduces a risk; refer to it by its ID in the Risks sheet.",
        "Eén rij per maatregel die een risico vermindert; verwijs ernaar met het ID op het "
        "tabblad Risico's.",
        "Art. 35(7)(d), Art. 25, Art. 32", "Art. 35 lid 7 sub d, art. 25, art. 32"),
    "screening": _help(
        "Is a DPIA required? Answer each criterion of the EDPB guidelines and the three cases "
        "of Art. 35(3). You may add criteria of your national list as extra rows.",
        "Is een DPIA verplicht? Beantwoord elk criterium van de EDPB-richtsnoeren en de drie "
        "gevallen van art. 35 lid 3. Criteria van de lijst van de AP kunt u als extra rijen "
        "toevoegen.",
        "Art. 35(1), 35(3), 35(4)", "Art. 35 lid 1, 3 en 4"),
    "sign_off": _help(
        "Who approved the measures and residual risks, the DPO's advice and who keeps the "
        "DPIA under review.",
        "Wie de maatregelen en restrisico's heeft goedgekeurd, het advies van de FG en wie de "
        "DPIA bewaakt.",
        "Art. 35(2), 35(11)", "Art. 35 lid 2 en 11"),
    "history": _help(
        "One row per version of this DPIA: what changed and who changed it.",
        "Eén rij per versie van deze DPIA: wat er veranderde en wie het veranderde.",
        "Art. 5(2), 35(11)", "Art. 5 lid 2, 35 lid 11"),
    "scales": _help(
        "The likelihood and impact scales of the risk matrix, lowest first; the names are "
        "what you choose in the Risks sheet.",
        "De schalen voor kans en impact van de risicomatrix, laagste eerst; de namen zijn waar "
        "u uit kiest op het tabblad Risico's.",
        "Recital 76", "Overweging 76"),
    "risk_levels": _help(
        "The risk levels, lowest first: the colour in the report and whether the level is "
        "acceptable without consulting the supervisory authority. With score bands (From/To "
        "score) a level covers the scores likelihood × impact in its band.",
        "De risiconiveaus, laagste eerst: de kleur in het rapport en of het niveau aanvaardbaar "
        "is zonder de toezichthouder te raadplegen. Met scoregrenzen (Vanaf/Tot en met score) "
        "valt een score kans × impact binnen de grenzen van een niveau.",
        "Art. 36(1)", "Art. 36 lid 1"),
    "matrix": _help(
        "The level of every cell: rows are likelihood, columns impact. When this sheet is "
        "present it decides the level, not the score bands.",
        "Het niveau van elke cel: rijen zijn kans, kolommen impact. Als dit tabblad er is, "
        "bepaalt het het niveau, niet de scoregrenzen.",
        "Recital 76", "Overweging 76"),
}

FIELD_HELP: dict[str, dict[str, str]] = {
    "title": _help("The name of the assessment, e.g. the project or system.",
                   "De naam van de beoordeling, bijvoorbeeld het project of systeem."),
    "organisation": _help("The controller: the organisation responsible for the processing.",
                          "De verwerkingsverantwoordelijke: de organisatie die verantwoordelijk "
                          "is voor de verwerking.", "Art. 4(7)", "Art. 4 punt 7"),
    "version": _help("Version of this document, e.g. 1.0.", "Versie van dit document, bijv. 1.0."),
    "date": _help("Date of this version.", "Datum van deze versie."),
    "status": _help("draft, final or approved.", "concept, definitief of goedgekeurd."),
    "author": _help("Who prepared the assessment.", "Wie de beoordeling heeft opgesteld."),
    "owner": _help("The accountable business owner of the processing.",
                   "De verantwoordelijke eigenaar van de verwerking in de organisatie."),
    "dpo": _help("The data protection officer who advises on this DPIA.",
                 "De functionaris gegevensbescherming die over deze DPIA adviseert.",
                 "Art. 35(2)", "Art. 35 lid 2"),
    "classification": _help("Printed in the report's header, e.g. Confidential.",
                            "Staat in de koptekst van het rapport, bijv. Vertrouwelijk."),
    "review_date": _help("When the DPIA will next be reviewed.",
                         "Wanneer de DPIA opnieuw wordt beoordeeld.",
                         "Art. 35(11)", "Art. 35 lid 11"),
    "authority": _help(
        "The supervisory authority whose list of processing that always needs a DPIA "
        "applies: ap, ico or cnil (or its name). Its items are Screening rows starting with "
        "their code (AP 9 ...); dpia init --authority writes them.",
        "De toezichthouder wiens lijst van verwerkingen waarvoor een DPIA altijd verplicht is "
        "geldt: ap, ico of cnil (of de naam). De onderdelen ervan zijn rijen op het tabblad "
        "Voortoets die met hun code beginnen (AP 9 ...); dpia init --authority schrijft ze.",
        "Art. 35(4)", "Art. 35 lid 4"),
    "language": _help("Language of the report: en or nl.", "Taal van het rapport: en of nl."),
    "matrix": _help("The risk matrix: ico, cnil, 5x5, enisa, or custom when you changed the "
                    "Scales, Risk levels or Matrix sheets.",
                    "De risicomatrix: ico, cnil, 5x5, enisa, of custom als u de tabbladen "
                    "Schalen, Risiconiveaus of Matrix hebt aangepast."),
    "nature": _help("The nature of the processing: how data is collected, used, stored and "
                    "deleted; the technology involved.",
                    "De aard van de verwerking: hoe gegevens worden verzameld, gebruikt, "
                    "opgeslagen en verwijderd; de gebruikte techniek.",
                    "Art. 35(7)(a)", "Art. 35 lid 7 sub a"),
    "scope": _help("The scope: what data, how much, how often, how long, how many people, "
                   "which area.",
                   "De reikwijdte: welke gegevens, hoeveel, hoe vaak, hoe lang, hoeveel mensen, "
                   "welk gebied.", "Art. 35(7)(a)", "Art. 35 lid 7 sub a"),
    "context": _help("The context: relationship with the people concerned, their "
                     "expectations, vulnerable groups, earlier concerns, state of the art.",
                     "De context: de relatie met de betrokkenen, hun verwachtingen, kwetsbare "
                     "groepen, eerdere zorgen, de stand van de techniek.",
                     "Art. 35(7)(a)", "Art. 35 lid 7 sub a"),
    "purposes": _help("What the processing is meant to achieve, for the organisation and for "
                      "the people concerned.",
                      "Wat de verwerking moet bereiken, voor de organisatie en voor de "
                      "betrokkenen.", "Art. 35(7)(a)", "Art. 35 lid 7 sub a"),
    "consultation": _help("Who was consulted (data subjects or their representatives, "
                          "processors, security experts) and how.",
                          "Wie is geraadpleegd (betrokkenen of hun vertegenwoordigers, "
                          "verwerkers, beveiligingsdeskundigen) en hoe.",
                          "Art. 35(9)", "Art. 35 lid 9"),
    "necessity": _help("Why the processing is necessary and proportionate: could less data "
                       "or a less intrusive way achieve the purpose?",
                       "Waarom de verwerking noodzakelijk en evenredig is: kan het doel met "
                       "minder gegevens of op een minder ingrijpende manier worden bereikt?",
                       "Art. 35(7)(b), Art. 5(1)(c)", "Art. 35 lid 7 sub b, art. 5 lid 1 sub c"),
    "rights": _help("How requests for access, rectification, erasure, objection and "
                    "portability are handled.",
                    "Hoe verzoeken om inzage, rectificatie, wissing, bezwaar en "
                    "overdraagbaarheid worden afgehandeld.", "Art. 15–22", "Art. 15–22"),
    "information": _help("How the people concerned are informed: the privacy notice and where "
                         "they find it.",
                         "Hoe de betrokkenen worden geïnformeerd: de privacyverklaring en waar "
                         "zij die vinden.", "Art. 12–14", "Art. 12–14"),
    "breach_procedure": _help("How breaches are detected, recorded and notified.",
                              "Hoe datalekken worden ontdekt, geregistreerd en gemeld.",
                              "Art. 33–34", "Art. 33–34"),
    "dpo_advice": _help("A summary of the DPO's advice.", "Een samenvatting van het advies van "
                        "de FG.", "Art. 35(2)", "Art. 35 lid 2"),
    "conclusion": _help("The assessor's overall conclusion.",
                        "De eindconclusie van de opsteller."),
}

COLUMN_HELP: dict[tuple[str, str], dict[str, str]] = {
    ("assessment", "field"): _help("The name of the field (do not change it).",
                                   "De naam van het veld (niet wijzigen)."),
    ("assessment", "value"): _help("Your answer for the field.", "Uw antwoord voor het veld."),
    ("processing", "id"): _help("A short unique ID, e.g. P1; risks refer to it.",
                                "Een kort uniek ID, bijv. P1; risico's verwijzen ernaar."),
    ("processing", "name"): _help("A short name for the processing operation.",
                                  "Een korte naam voor de verwerking."),
    ("processing", "purpose"): _help("Why the data is processed, specific and explicit.",
                                     "Waarom de gegevens worden verwerkt, welbepaald en "
                                     "uitdrukkelijk.", "Art. 5(1)(b)", "Art. 5 lid 1 sub b"),
    ("processing", "lawful_basis"): _help(
        "The Art. 6(1) basis: consent, contract, legal obligation, vital interests, public "
        "task or legitimate interests; you may add the law it rests on after it.",
        "De grondslag van art. 6 lid 1: toestemming, overeenkomst, wettelijke verplichting, "
        "vitaal belang, publieke taak of gerechtvaardigd belang; u kunt de wet waarop die rust "
        "erachter zetten.", "Art. 6(1)", "Art. 6 lid 1"),
    ("processing", "legitimate_interest"): _help(
        "Only with legitimate interests: the interest pursued, and why it is not overridden "
        "by the interests of the people concerned.",
        "Alleen bij gerechtvaardigd belang: het belang dat wordt nagestreefd, en waarom de "
        "belangen van de betrokkenen niet zwaarder wegen.",
        "Art. 6(1)(f), 35(7)(a)", "Art. 6 lid 1 sub f, 35 lid 7 sub a"),
    ("processing", "data_subjects"): _help("Whose data: e.g. customers, employees, children.",
                                           "Van wie de gegevens zijn: bijv. klanten, "
                                           "medewerkers, kinderen.", "Art. 30(1)(c)",
                                           "Art. 30 lid 1 sub c"),
    ("processing", "personal_data"): _help("The categories of personal data, one per line.",
                                           "De categorieën persoonsgegevens, één per regel.",
                                           "Art. 30(1)(c)", "Art. 30 lid 1 sub c"),
    ("processing", "special_categories"): _help(
        "Health, ethnicity, religion, biometrics, criminal data and other special categories; "
        "leave empty (or none) when there are none.",
        "Gezondheid, etniciteit, religie, biometrie, strafrechtelijke en andere bijzondere "
        "gegevens; leeg laten (of geen) als er geen zijn.", "Art. 9, Art. 10",
        "Art. 9, art. 10"),
    ("processing", "art9_condition"): _help(
        "Required with special categories: the Art. 9(2) exception that allows it.",
        "Verplicht bij bijzondere gegevens: de uitzondering van art. 9 lid 2 die het toestaat.",
        "Art. 9(2)", "Art. 9 lid 2"),
    ("processing", "recipients"): _help("Who receives the data, inside or outside the "
                                        "organisation.", "Wie de gegevens ontvangt, binnen of "
                                        "buiten de organisatie.", "Art. 30(1)(d)",
                                        "Art. 30 lid 1 sub d"),
    ("processing", "processors"): _help("Suppliers that process the data on your behalf.",
                                        "Leveranciers die de gegevens in uw opdracht verwerken.",
                                        "Art. 28", "Art. 28"),
    ("processing", "processor_agreement"): _help(
        "With processors: is there a processor agreement? yes, no or the date signed.",
        "Bij verwerkers: is er een verwerkersovereenkomst? ja, nee of de datum van "
        "ondertekening.", "Art. 28(3)", "Art. 28 lid 3"),
    ("processing", "transfers"): _help("Countries outside the EEA the data goes to; empty "
                                       "for none.", "Landen buiten de EER waar de gegevens "
                                       "heen gaan; leeg als er geen zijn.", "Art. 44",
                                       "Art. 44"),
    ("processing", "transfer_safeguard"): _help(
        "Required with transfers: adequacy decision, standard contractual clauses, binding "
        "corporate rules or a derogation.",
        "Verplicht bij doorgifte: adequaatheidsbesluit, modelcontractbepalingen, bindende "
        "bedrijfsvoorschriften of een uitzondering.", "Art. 45–49", "Art. 45–49"),
    ("processing", "retention"): _help("How long the data is kept, or the rule that decides.",
                                       "Hoe lang de gegevens worden bewaard, of de regel die "
                                       "dat bepaalt.", "Art. 5(1)(e)", "Art. 5 lid 1 sub e"),
    ("processing", "systems"): _help("The systems and applications that support it.",
                                     "De systemen en applicaties die de verwerking "
                                     "ondersteunen."),
    ("processing", "data_subjects_count"): _help("Roughly how many people are concerned.",
                                                 "Ongeveer hoeveel mensen het betreft."),
    ("risks", "id"): _help("A short unique ID, e.g. R1.", "Een kort uniek ID, bijv. R1."),
    ("risks", "processing"): _help("The IDs of the processing operations concerned, or all.",
                                   "De ID's van de betrokken verwerkingen, of alle."),
    ("risks", "risk"): _help("What could happen to the people concerned.",
                             "Wat de betrokkenen zou kunnen overkomen.",
                             "Art. 35(7)(c)", "Art. 35 lid 7 sub c"),
    ("risks", "risk_source"): _help("Who or what could cause it: an outsider, staff, a "
                                    "supplier, an error.", "Wie of wat het kan veroorzaken: "
                                    "een buitenstaander, een medewerker, een leverancier, een "
                                    "fout."),
    ("risks", "impact_on_individuals"): _help("The consequence for the people concerned.",
                                              "Het gevolg voor de betrokkenen.",
                                              "Recital 75", "Overweging 75"),
    ("risks", "likelihood"): _help("How likely it is before the measures (a name from the "
                                   "Scales sheet).", "Hoe waarschijnlijk het is vóór de "
                                   "maatregelen (een naam van het tabblad Schalen).",
                                   "Recital 76", "Overweging 76"),
    ("risks", "impact"): _help("How severe it would be for them (a name from the Scales sheet).",
                               "Hoe ernstig het voor hen zou zijn (een naam van het tabblad "
                               "Schalen).", "Recital 76", "Overweging 76"),
    ("risks", "measures"): _help("The IDs of the measures that address it.",
                                 "De ID's van de maatregelen die het aanpakken.",
                                 "Art. 35(7)(d)", "Art. 35 lid 7 sub d"),
    ("risks", "residual_likelihood"): _help("The likelihood once the measures are in place.",
                                            "De kans als de maatregelen zijn genomen.",
                                            "Art. 36(1)", "Art. 36 lid 1"),
    ("risks", "residual_impact"): _help("The impact once the measures are in place.",
                                        "De impact als de maatregelen zijn genomen.",
                                        "Art. 36(1)", "Art. 36 lid 1"),
    ("risks", "treatment"): _help("reduce, accept, avoid or transfer.",
                                  "verminderen, accepteren, vermijden of overdragen."),
    ("risks", "owner"): _help("Who is responsible for the risk.",
                              "Wie verantwoordelijk is voor het risico."),
    ("risks", "likelihood_rationale"): _help(
        "Optional: why the likelihood is what it is (facts, incidents, exposure).",
        "Optioneel: waarom de kans is wat ze is (feiten, incidenten, blootstelling).",
        "Model DPIA point 16", "Model DPIA punt 16"),
    ("risks", "impact_rationale"): _help(
        "Optional: why the impact is what it is (who is harmed, how badly, how reversibly).",
        "Optioneel: waarom de impact is wat ze is (wie, hoe ernstig, hoe herstelbaar).",
        "Model DPIA point 16", "Model DPIA punt 16"),
    ("risks", "residual_rationale"): _help(
        "Optional: why the measures bring the risk to its residual rating.",
        "Optioneel: waarom de maatregelen het risico op de restbeoordeling brengen.",
        "Model DPIA point 16", "Model DPIA punt 16"),
    ("measures", "id"): _help("A short unique ID, e.g. M1.", "Een kort uniek ID, bijv. M1."),
    ("measures", "measure"): _help("A short name for the safeguard.",
                                   "Een korte naam voor de maatregel."),
    ("measures", "type"): _help("technical, organisational or legal.",
                                "technisch, organisatorisch of juridisch.", "Art. 32",
                                "Art. 32"),
    ("measures", "description"): _help("What exactly is done.", "Wat er precies gebeurt."),
    ("measures", "status"): _help("implemented, in progress or planned (empty means "
                                  "planned).", "geïmplementeerd, in uitvoering of gepland "
                                  "(leeg betekent gepland)."),
    ("measures", "owner"): _help("Who carries it out.", "Wie de maatregel uitvoert."),
    ("measures", "due_date"): _help("When it will be in place.",
                                    "Wanneer de maatregel gereed is."),
    ("screening", "criterion"): _help("The criterion (do not change the pre-filled ones).",
                                      "Het criterium (wijzig de voorgevulde niet)."),
    ("screening", "applies"): _help("yes or no.", "ja of nee."),
    ("screening", "justification"): _help("Why it does or does not apply.",
                                          "Waarom het wel of niet van toepassing is."),
    ("sign_off", "item"): _help("What is signed off (pre-filled).",
                                "Wat wordt afgetekend (voorgevuld)."),
    ("sign_off", "name"): _help("The name and role of the person.",
                                "De naam en functie van de persoon."),
    ("sign_off", "date"): _help("The date of sign-off.", "De datum van aftekening."),
    ("sign_off", "notes"): _help("Any remark, e.g. why the DPO's advice was overruled.",
                                 "Een opmerking, bijv. waarom het advies van de FG niet is "
                                 "gevolgd.", "Art. 35(2)", "Art. 35 lid 2"),
    ("history", "version"): _help("The version number.", "Het versienummer."),
    ("history", "date"): _help("The date of the version.", "De datum van de versie."),
    ("history", "author"): _help("Who made the changes.", "Wie de wijzigingen maakte."),
    ("history", "changes"): _help("What changed.", "Wat er veranderde."),
    ("scales", "axis"): _help("likelihood or impact.", "kans of impact."),
    ("scales", "value"): _help("1 for the lowest level, then 2, 3… without gaps.",
                               "1 voor het laagste niveau, dan 2, 3… zonder gaten."),
    ("scales", "name"): _help("The name offered in the Risks sheet.",
                              "De naam waaruit u kiest op het tabblad Risico's."),
    ("scales", "description"): _help("What the level means, shown in the report.",
                                     "Wat het niveau betekent; staat in het rapport."),
    ("risk_levels", "level"): _help("The name of the risk level.", "De naam van het "
                                    "risiconiveau."),
    ("risk_levels", "from_score"): _help("Lowest score of the level (not needed when the "
                                         "Matrix sheet is present).", "Laagste score van het "
                                         "niveau (niet nodig als er een tabblad Matrix is)."),
    ("risk_levels", "to_score"): _help("Highest score of the level (optional).",
                                       "Hoogste score van het niveau (optioneel)."),
    ("risk_levels", "colour"): _help("Colour in the report, e.g. #C00000 or red.",
                                     "Kleur in het rapport, bijv. #C00000 of rood."),
    ("risk_levels", "acceptable"): _help(
        "yes when a residual risk at this level is acceptable without consulting the "
        "supervisory authority.",
        "ja als een restrisico op dit niveau aanvaardbaar is zonder de toezichthouder te "
        "raadplegen.", "Art. 36(1)", "Art. 36 lid 1"),
}
