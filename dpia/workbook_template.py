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
from dataclasses import replace
from pathlib import Path
from typing import IO

import openpyxl
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dpia import authorities, languages, schema
from dpia.errors import OutputError
from dpia.fsutil import write_atomic
from dpia.i18n import _
from dpia.labels import fill
from dpia.matrix import PRESETS, grid_from_bands, preset, text_colour
from dpia.model import Matrix
from dpia.workbook_content import Content
from dpia.workbook_example import example_content

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

_INSTRUCTIONS = "instructions.toml"  # each language's Instructions sheet and sheet notes


def instructions(lang: str) -> dict:
    """The words ``dpia init`` writes in ``lang`` that are not a column's: the Instructions
    sheet, the sheets' notes, drop-down messages (``templates/<lang>/instructions.toml``)."""
    return languages.data(lang, _INSTRUCTIONS)


def instructions_name(lang: str) -> str:
    """The name of the Instructions sheet in ``lang``."""
    return str(languages.lookup(lang, _INSTRUCTIONS, "sheet_name"))


def lawful_basis_choices(lang: str) -> tuple[str, ...]:
    """The six Art. 6(1) bases as the drop-down offers them; each names its basis for the
    reader."""
    return tuple(schema.LAWFUL_BASIS_NAMES[point][lang] for point in schema.LAWFUL_BASIS_POINTS)


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

        content = example_content(lang, _resolve_matrix(matrix, lang))
    if authority:
        content = with_authority(content or Content(), authority, lang)
    write_workbook(target, lang=lang, matrix=matrix, content=content, force=force)


def with_authority(content: Content, key: str, lang: str) -> Content:
    """``content`` with the Authority field set to ``key`` and, after its Screening rows, a
    row per item of that authority's list (``AP 9 Cameratoezicht``), unanswered unless
    ``content`` answers it, its Criterion cell noting what the item covers and its source."""
    if key not in authorities.KEYS:
        raise OutputError(_("unknown authority {key!r}; choose one of {keys}")
                          .format(key=key, keys=", ".join(authorities.KEYS)))
    authority = authorities.get(key)
    screening = dict(content.screening or {})
    notes = dict(content.screening_notes)
    text = instructions(lang)["text"]
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
    if lang not in languages.codes():
        raise OutputError(str(languages.UnknownLanguage(lang)))
    the_matrix = _resolve_matrix(matrix, lang)
    book = build_workbook(lang, the_matrix, content or Content())
    buffer = io.BytesIO()
    book.save(buffer)
    return _deterministic(buffer.getvalue())


def _resolve_matrix(matrix: str | Matrix, lang: str) -> Matrix:
    if isinstance(matrix, Matrix):
        return matrix
    if matrix not in PRESETS:
        raise OutputError(_("unknown matrix preset {preset!r}; choose one of {presets}")
                          .format(preset=matrix, presets=", ".join(PRESETS)))
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
        self.words = instructions(lang)
        self.text = self._filled(self.words["text"])
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

    @staticmethod
    def _filled(texts: Mapping[str, str]) -> dict[str, str]:
        """Texts with ``{presets}``, ``{languages}`` and ``{authorities}`` filled in."""
        values = {"presets": ", ".join(PRESETS), "languages": ", ".join(languages.codes()),
                  "authorities": ", ".join(authorities.KEYS)}
        return {key: fill(text, **values) for key, text in texts.items()}

    def help(self, *path: str) -> tuple[str, str]:
        """(explanation, article) of a sheet (``instructions.toml``), field or column (its
        ``help`` and ``article`` in ``workbook.toml``); ("", "") when none."""
        where = _INSTRUCTIONS if path[0] == "sheets" else schema.WORDS
        try:
            entry = languages.lookup(self.lang, where, *path)
        except KeyError:
            return "", ""
        values = self._filled({"help": entry.get("help", ""), "article": entry.get("article", "")})
        return values["help"], values["article"]

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
            explanation, _ = self.help("columns", sheet.key, column.key)
            if explanation:
                comment = Comment(explanation, "dpia")
                comment.width, comment.height = 300, 120
                cell.comment = comment
            dimension = ws.column_dimensions[letter]
            dimension.width = column.width
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
        ws = self.book.create_sheet(instructions_name(self.lang))
        widths = {"A": 22, "B": 26, "C": 80, "D": 26}
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        intro = self.words["intro"]
        ws.cell(row=1, column=1, value=intro[0]).font = Font(bold=True, size=14)
        row = 2
        for paragraph in intro[1:]:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            cell = ws.cell(row=row, column=1, value=paragraph)
            cell.alignment = WRAP_TOP
            ws.row_dimensions[row].height = _height([paragraph], [150])
            row += 1
        row += 1
        heads = self.words["table_heads"]
        for col, head in enumerate(heads, start=1):
            cell = ws.cell(row=row, column=col, value=head)
            cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        row += 1
        for sheet in schema.SHEETS:
            about, article = self.help("sheets", sheet.key)
            values = [sheet.name(self.lang), "", about, article]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value or None)
                cell.fill, cell.border, cell.alignment = SECTION_FILL, BORDER, WRAP_TOP
                cell.font = Font(bold=True) if col == 1 else Font()
            ws.row_dimensions[row].height = _height([about], [widths["C"]])
            row += 1
            columns = schema.ASSESSMENT_FIELDS if sheet.key == "assessment" else sheet.columns
            for column in columns:
                explanation, article = (
                    self.help("fields", column.key) if sheet.key == "assessment"
                    else self.help("columns", sheet.key, column.key)
                )
                if not explanation:
                    continue
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
        defaults = {"language": self.lang, "matrix": self.matrix.name}
        for row, field_column in enumerate(schema.ASSESSMENT_FIELDS, start=2):
            # Required fields in bold (a `*` would show up in the reader's messages).
            cell = self.put(ws, row, 1, field_column.name(self.lang))
            cell.font = Font(bold=field_column.required == schema.YES)
            help_text, _ = self.help("fields", field_column.key)
            if help_text:
                comment = Comment(help_text, "dpia")
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
        widths = [c.width for c in sheet.columns]
        for number, row in enumerate(rows, start=2):
            unknown = set(row) - {c.key for c in sheet.columns}
            if unknown:
                raise ValueError(f"{sheet.key}: unknown column keys {sorted(unknown)}")
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
        rows = [(schema.criterion_name(key, self.lang), answers.get(key))
                for key in schema.SCREENING_CRITERIA]
        rows += [(key, answer) for key, answer in answers.items()
                 if key not in schema.SCREENING_CRITERIA]
        widths = [column.width for column in sheet.columns]
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
        unknown = set(answers) - set(schema.SIGN_OFF_ITEMS)
        if unknown:
            raise ValueError(f"Sign-off: unknown items {sorted(unknown)}")
        for number, key in enumerate(schema.SIGN_OFF_ITEMS, start=2):
            item = schema.sign_off_item(key, self.lang)
            name, date, notes = answers.get(key, ("", None, ""))
            for col, value in enumerate((item, name, date, notes), start=1):
                self.put(ws, number, col, value)
            ws.row_dimensions[number].height = _height(
                [item, name, "", notes], [44, 22, 13, 44])

    def scales(self) -> None:
        sheet = schema.SCALES
        ws = self.new_sheet(sheet, sheet.columns)
        row = 2
        for axis, scale in (("likelihood", self.matrix.likelihood),
                            ("impact", self.matrix.impact)):
            for level in scale:
                values = (self.word("axis", axis), level.value, level.name,
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
        self.validate("scales", "axis", words("axis"), **strict)
        self.validate("processing", "lawful_basis", list(lawful_basis_choices(self.lang)),
                      prompt=text["basis_prompt"], **free)
        self.validate("processing", "processor_agreement", yes_no,
                      prompt=text["agreement_prompt"], **free)
        # Single cells of the Assessment sheet.
        ws = self.sheets["assessment"]
        for row, choices, options in (
            (self.status_row, words("assessment_status"), strict),
            (self.language_row, list(languages.codes()), strict),
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
