"""A data sheet as a table: its header row found (the header problems named), its data rows
(blank, typed-ahead and unreadable rows dealt with) and the cell readers that report.

:class:`Reader` holds the problems of one read and the workbook's data sheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dpia import cells, languages, schema
from dpia.cells import CellError, SpreadsheetError, UncachedFormula
from dpia.errors import ERROR, WARNING, Problem
from dpia.i18n import _, ngettext
from dpia.model import Origin
from dpia.reader import headers
from dpia.reader.raw import RawSheet

HEADER_SEARCH_ROWS = 10
"""The header row is looked for in this many rows at the top of a sheet."""


_UNREADABLE = (UncachedFormula, SpreadsheetError)


def letter(column: int) -> str:
    """Column letter of a 0-based column index: A for 0, AA for 26."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _group_advice(spec: schema.Sheet, lang: str) -> str:
    """``, or above 'Likelihood | Impact' a group dpia knows ('Inherent risk', ...)``, for a
    sheet with columns that a group row can name; else nothing."""
    subs = [spec.column(sub) for sub in dict.fromkeys(sub for _, sub in schema.GROUPED_COLUMNS)
            if sub in {column.key for column in spec.columns}]
    if not subs:
        return ""
    names = " | ".join(column.name(lang) for column in subs)
    groups = ", ".join(repr(words[lang][0]) for words in schema.HEADER_GROUPS.values())
    return _(", or above {names!r} a group dpia knows ({groups})").format(
        names=names, groups=groups)


def _quoted(value: object, limit: int = 40) -> str:
    """A cell's value quoted for a message, a long text cut short."""
    text = cells.as_text(value)
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _rows_text(numbers: list[int]) -> str:
    """``row 7`` or ``rows 7-10, 12``: ascending row numbers, runs joined."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [str(first) if first == last else f"{first}-{last}" for first, last in runs]
    return ngettext("row {rows}", "rows {rows}", len(numbers)).format(rows=", ".join(parts))


@dataclass
class Row:
    """One data row of a table sheet: the values of its known columns and where it is."""

    number: int
    values: dict[str, object]  # column key -> raw value; None when empty or unreadable
    origin: Origin
    label: str  # the row's ID as typed, used in messages
    unreadable: set[str] = field(default_factory=set)  # columns whose cell was reported


@dataclass
class Table:
    """A sheet of rows under a header row."""

    raw: RawSheet
    spec: schema.Sheet
    lang: str
    header_row: int | None
    columns: dict[str, int]  # column key -> 0-based column index
    rows: list[Row]
    unknown: dict[int, str] = field(default_factory=dict)  # column -> unknown header
    stray: set[int] = field(default_factory=set)  # columns not read that hold data
    twice: set[int] = field(default_factory=set)  # columns of a known header given again
    also: dict[int, schema.Column] = field(default_factory=dict)  # a synonym of a column read
    view: headers.HeaderView | None = None  # the top rows as shown, merged cells filled

    def has(self, key: str) -> bool:
        return key in self.columns

    def header(self, key: str) -> str:
        """The column's name in the sheet's language, for messages."""
        return self.spec.column(key).name(self.lang)


class Reader:
    """Holds the problems of one read while the sheets are turned into model objects."""

    def __init__(self, file: str, sheets: list[RawSheet], lang: str | None):
        self.file = file
        self.lang_override = lang
        self.problems: list[Problem] = []
        self.order = {sheet.title: sheet.index for sheet in sheets}
        self.sheets: dict[str, RawSheet] = {}
        self.sheet_rows: dict[str, int] = {}
        self._levels: dict[int, tuple[tuple, dict[str, int]]] = {}  # see level()
        for sheet in sheets:
            spec = schema.find_sheet(sheet.title)
            if spec is None:
                continue  # other sheets (instructions, drop-down lists) are not data
            if spec.key in self.sheets:
                self.error(
                    sheet.title, "",
                    _("this is the {sheet} sheet a second time (already read {first}); remove "
                      "or rename one of them").format(sheet=spec.name("en"),
                                                      first=self.sheets[spec.key].title),
                )
                continue
            self.sheets[spec.key] = sheet

    # -- problems

    def add(self, severity: str, sheet: str, cell: str, message: str) -> None:
        # one problem, one line: typed text quoted in a message may hold line breaks
        message = " ".join(message.split())
        self.problems.append(Problem(severity, message, self.file, sheet, cell))

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.add(ERROR, sheet, cell, message)

    def warning(self, sheet: str, cell: str, message: str) -> None:
        self.add(WARNING, sheet, cell, message)

    def row_error(self, row: Row, key: str, message: str, severity: str = ERROR) -> None:
        self.add(severity, row.origin.sheet, row.origin.cell_of(key), f"{row.label}: {message}")

    def sorted_problems(self) -> list[Problem]:
        """Problems by sheet order, then row, then column (file-level ones first)."""

        def position(problem: Problem) -> tuple[int, int, int]:
            sheet = self.order.get(problem.sheet, -1) if problem.sheet else -1
            return (sheet, *cells.cell_position(problem.cell))

        return sorted(self.problems, key=position)

    # -- tables

    def table(self, spec: schema.Sheet, extra_required: tuple[str, ...] = (),
              could_hold=None) -> Table | None:
        """The sheet for ``spec`` as a table, or None when the workbook has no such sheet.

        ``could_hold(key, values)``: whether the values of a column not known could be those
        of the missing optional column ``key`` (default: yes), see ``_report_unknown``."""
        raw = self.sheets.get(spec.key)
        if raw is None:
            return None
        lang = spec.language_of(raw.title)
        required = [c.key for c in spec.columns if c.required == schema.YES]
        required += [key for key in extra_required if key not in required]

        view = headers.header_view(raw.rows, raw.merged, HEADER_SEARCH_ROWS)
        header_row, best, best_count = None, None, 0
        for number in range(1, min(HEADER_SEARCH_ROWS, len(raw.rows)) + 1):
            found = self._columns_of_row(view, spec, number)
            if all(key in found for key in required):
                header_row = number
                if headers.groups_above(view, spec, number + 1):
                    header_row += 1  # groups over sub-headers in the next row: both are read
                break
            if len(found) > best_count:
                best, best_count = number, len(found)
        table = Table(raw, spec, lang, None, {}, [], view=view)
        if header_row is None:
            if best is None:
                names = ", ".join(repr(spec.column(key).name(lang)) for key in required)
                self.error(
                    raw.title, "1",
                    _("no header row in the first {rows} rows: the required columns {names} "
                      "are missing").format(rows=HEADER_SEARCH_ROWS, names=names),
                )
                self.sheet_rows[raw.title] = 0
                return table
            present = self._columns_of_row(view, spec, best)
            # the missing ones may stand in the row above or below: a header in two rows
            nearby = {key: other for other in (best + 1, best - 1)
                      if 1 <= other <= len(view.rows)
                      for key in self._columns_of_row(view, spec, other) - present}
            for key in required:
                if key not in present:
                    name = spec.column(key).name(lang)
                    other = nearby.get(key)
                    self.error(
                        raw.title, str(best),
                        _("missing required column {name!r}").format(name=name) + (
                            _(" (it stands in row {row}: the headers span rows {first}-{last}, "
                              "and dpia reads one header row: write each column's name in one "
                              "row{advice})").format(
                                row=other, first=min(best, other), last=max(best, other),
                                advice=_group_advice(spec, lang))
                            if other else ""),
                    )
            header_row = best
        table.header_row = header_row
        self._map_columns(table)
        if all(key in table.columns for key in spec.key_columns):
            self._fill_merged(table)
            self._read_rows(table)
        else:  # rows cannot be told apart without their key column (already reported)
            self.sheet_rows[raw.title] = 0
            table.stray = {
                index for index in table.unknown
                if any(not cells.is_empty(raw.value(number, index))
                       for number in range(header_row + 1, len(raw.rows) + 1))
            }
        self._report_unknown(table, required, could_hold)
        return table

    def _report_unknown(self, table: Table, required: list[str], could_hold) -> None:
        """Columns not read: one warning for the sheet, naming a known column each one
        resembles; but an error at its header cell when it holds data while a column that
        decides the conclusion is missing (a required one, or a level column whose place
        its values could take): dpia does not guess which column it is."""
        raw, spec, number = table.raw, table.spec, table.header_row
        missing = [column for column in spec.columns if column.key not in table.columns]
        missing_required = [c for c in missing if c.key in required]
        missing_levels = [c for c in missing if c.kind == schema.LEVEL and c not in
                          missing_required]
        ignored = []
        for index in sorted({*table.unknown, *table.stray} - table.twice):
            text = table.unknown.get(index)
            shown = f"{text!r}" if text is not None else _("(no header)")
            if text is None and table.view.continues_left(number, index):
                merge = table.view.merge_of[(number, index)]
                shown = _("(no header: {cell} is merged over {cells})").format(
                    cell=f"{letter(merge[1])}{number}",
                    cells=f"{letter(merge[1])}{number}:{letter(merge[3])}{number}")
            closest = schema.closest_column(spec.columns, text) if text is not None else None
            hint = _("did you mean {name!r}?").format(name=closest.name(table.lang)) \
                if closest is not None \
                and closest.key not in table.columns else ""
            if index in table.also:
                column = table.also[index]
                hint = _("another name for {name!r}, which is read from {column}").format(
                    name=column.name(table.lang), column=letter(table.columns[column.key]))
            suspect = missing_required
            if index in table.stray and not suspect and missing_levels:
                values = [raw.value(row, index) for row in range(number + 1, len(raw.rows) + 1)]
                values = [v for v in values if not cells.is_empty(v)]
                suspect = [c for c in missing_levels
                           if could_hold is None or could_hold(c.key, values)]
            if index in table.stray and suspect:
                names = " and ".join(repr(c.name(table.lang)) for c in suspect)
                self.error(
                    raw.title, f"{letter(index)}{number}",
                    ngettext("unknown column {shown} holds data while {names} is missing; ",
                             "unknown column {shown} holds data while {names} are missing; ",
                             len(suspect)).format(shown=shown, names=names)
                    + (hint + " " + _("Give the column the name of what it holds (see the "
                                      "format), or move it out of this sheet")
                       if hint else _("give the column the name of what it holds (see the "
                                      "format), or move it out of this sheet")),
                )
            else:
                ignored.append(f"{shown} ({letter(index)}{', ' + hint if hint else ''})")
        if ignored:
            self.warning(raw.title, str(number), _("unknown column(s) ignored: {columns}")
                         .format(columns=", ".join(ignored)))

    def _columns_of_row(self, view: headers.HeaderView, spec: schema.Sheet,
                        number: int) -> set[str]:
        return {
            cell.column.key for cell in headers.header_cells(view, spec, number)
            if cell.column is not None
        }

    def _map_columns(self, table: Table) -> None:
        raw, number, view = table.raw, table.header_row, table.view
        header = headers.header_cells(view, table.spec, number)
        grouped = any(cell.group_row for cell in header)
        # a column's own name first: a further name of it (a synonym) next to it is a column
        # of the DPO's own, as it was before dpia knew the synonym
        own = [c for c in header if c.column and schema.is_own_name(c.column, c.text)]
        for cell in [*own, *(c for c in header if c not in own)]:
            index, text, column = cell.index, cell.text, cell.column
            if column is None:
                table.unknown[index] = text
            elif column.key in table.columns and cell not in own and any(
                    c.column == column for c in own):
                table.unknown[index] = text
                table.also[index] = column
            elif column.key in table.columns:
                table.twice.add(index)
                first = table.columns[column.key]
                above = [view.value(number - 1, i) for i in (first, index)] if number > 1 \
                    else []
                if not cell.group_row and (grouped or any(not cells.is_empty(v) for v in above)):
                    # a header in two rows that dpia cannot read as group and sub-header
                    self.error(
                        raw.title, f"{letter(index)}{number - 1}:{letter(index)}{number}",
                        _("the headers span two rows ({cells}) and {text!r} appears twice in "
                          "row {row}; dpia reads one header row: write each column's name in "
                          "one cell (such as {example!r}){advice}").format(
                            cells=f"{letter(first)}{number - 1}:{letter(index)}{number}",
                            text=text, row=number,
                            example=self._grouped_example(table, column),
                            advice=_group_advice(table.spec, table.lang)),
                    )
                else:
                    self.error(
                        raw.title, f"{letter(index)}{number}",
                        _("column {text!r} appears twice (first in {column}); only the first "
                          "is read").format(text=text, column=letter(first)),
                    )
            else:
                table.columns[column.key] = index

    @staticmethod
    def _grouped_example(table: Table, column: schema.Column) -> str:
        """The name of the residual column of the kind of ``column`` (else its own)."""
        key = schema.GROUPED_COLUMNS.get(("residual", column.key), column.key)
        return table.spec.column(key).name(table.lang)

    def _fill_merged(self, table: Table) -> None:
        """Cells merged down a column of data show their value on every row they cover, in
        Excel as in LibreOffice: read it there too, and say so, naming the range. A value
        merged across two columns is read under the first only, which is said too."""
        raw, number = table.raw, table.header_row
        column_of = {index: key for key, index in table.columns.items()}
        key_index = table.columns[table.spec.key_columns[0]]
        filled: set[tuple[int, int]] = set()  # each cell once, whatever ranges overlap
        for first_row, first_column, last_row, last_column in raw.merged:
            value = raw.value(first_row, first_column)
            if first_row <= number or (first_row, first_column) in filled or cells.is_empty(
                    value):
                continue  # the header's own merges are read with it
            keys = [column_of[index] for index in sorted(column_of)
                    if first_column <= index <= last_column]
            if not keys:
                continue
            notes = []
            if last_row > first_row and first_column in column_of:
                for row in range(first_row + 1, min(last_row, len(raw.rows)) + 1):
                    if (row, first_column) in filled:
                        break
                    filled.add((row, first_column))
                    cells_ = raw.rows[row - 1]
                    if len(cells_) <= first_column:
                        cells_.extend([None] * (first_column + 1 - len(cells_)))
                    cells_[first_column] = value
                    notes[:1] = [_("is read for rows {first}-{last}").format(
                        first=first_row, last=row)]
            if len(keys) > 1 and first_column != key_index:
                names = [table.header(key) for key in keys]
                notes.append(_("is read under {name!r} only, not under {others}").format(
                    name=names[0], others=", ".join(repr(name) for name in names[1:])))
            if notes:
                where = f"{letter(first_column)}{first_row}:{letter(last_column)}{last_row}"
                self.warning(raw.title, where,
                             _("merged cells; the value {value} {notes}").format(
                                 value=_quoted(value), notes=_(" and ").join(notes)))

    def _read_rows(self, table: Table) -> None:
        raw, spec = table.raw, table.spec
        columns = tuple((key, letter(index)) for key, index in table.columns.items())
        key_columns = list(spec.key_columns)
        mapped = set(table.columns.values())
        column_items = tuple(table.columns.items())
        key_letter = letter(table.columns[key_columns[0]])
        unmapped_of: dict[int, tuple[int, ...]] = {}  # row width -> its unmapped columns
        typed_ahead: list[tuple[int, str]] = []  # (row, ID) of rows holding only an ID
        for number in range(table.header_row + 1, len(raw.rows) + 1):
            row_cells = raw.rows[number - 1]
            width = len(row_cells)
            unmapped = unmapped_of.get(width)
            if unmapped is None:
                unmapped = unmapped_of[width] = tuple(i for i in range(width) if i not in mapped)
            row_stray = False
            for index in unmapped:
                value = row_cells[index]
                if value is not None and not cells.is_empty(value):
                    table.stray.add(index)
                    row_stray = True
            # raw.value(number, index), inlined: this runs for every cell of every row
            values = {key: row_cells[index] if index < width else None
                      for key, index in column_items}
            if all(cells.is_empty(v) for v in values.values()):
                continue
            if spec.numbered and not row_stray and all(
                cells.is_empty(value) for key, value in values.items() if key not in key_columns
            ):
                typed_ahead.append((number, cells.as_text(values[key_columns[0]])))
                continue
            origin = Origin(raw.title, number, f"{key_letter}{number}", columns)
            label = " ".join(
                cells.as_text(values[key]) for key in key_columns
                if isinstance(values[key], (str, int, float)) and not cells.is_empty(values[key])
            )
            row = Row(number, values, origin, label or _("row {number}").format(number=number))
            for key, value in values.items():
                if not isinstance(value, _UNREADABLE):
                    continue
                if isinstance(value, UncachedFormula):
                    self.row_error(
                        row, key,
                        _("formula ={formula} has no calculated value (the workbook was "
                          "written by a program and never opened in a spreadsheet "
                          "application); open it in Excel or LibreOffice and save it").format(
                            formula=value.formula.lstrip("=")),
                    )
                else:
                    self.row_error(
                        row, key, _("the cell holds the spreadsheet error {code}").format(
                            code=value.code)
                    )
                row.unreadable.add(key)
                values[key] = None
            missing_keys = [
                key for key in spec.key_columns
                if key not in row.unreadable and cells.is_empty(values.get(key))
            ]
            if missing_keys:
                for key in missing_keys:
                    self.error(
                        raw.title, row.origin.cell_of(key),
                        _("row {number} has data but no {column}").format(
                            number=number, column=table.header(key)),
                    )
                continue
            if row.unreadable & set(spec.key_columns):
                continue
            table.rows.append(row)
        if typed_ahead:
            # pre-numbered rows waiting to be filled in: one warning for the sheet
            self.warning(
                raw.title, f"{key_letter}{typed_ahead[0][0]}",
                _("{rows} skipped: only an ID is filled in ({ids})").format(
                    rows=_rows_text([number for number, _label in typed_ahead]),
                    ids=", ".join(label for _number, label in typed_ahead)),
            )
        self.sheet_rows[raw.title] = len(table.rows)

    # -- cell readers that report

    def text(self, row: Row, key: str, table: Table, *, required: bool = False) -> str:
        """The cell as text; an empty required cell is an error."""
        value = cells.as_text(row.values.get(key))
        if required and not value and key not in row.unreadable and table.has(key):
            self.row_error(row, key, _empty(table, key))
        return value

    def items(self, row: Row, key: str, table: Table, *, required: bool = False,
              none_words: bool = False) -> tuple[str, ...]:
        """A list cell; an empty required list is an error."""
        value = cells.split_list(row.values.get(key), none_words=none_words)
        if required and not value and key not in row.unreadable and table.has(key):
            self.row_error(row, key, _empty(table, key))
        return value

    def date(self, row: Row, key: str, table: Table, label: str | None = None):
        """A date cell, or None when empty or wrong (wrong is an error; a text date that
        could be read two ways, a warning saying how it was read)."""
        value = row.values.get(key)
        if cells.is_empty(value):
            return None
        prefix = f"{table.header(key)}: " if label is None else label
        try:
            date, note = cells.read_date(value)
        except CellError as exc:
            self.row_error(row, key, f"{prefix}{exc}")
            return None
        if note:
            self.row_error(row, key, f"{prefix}{note}", WARNING)
        return date

    def yesno(self, row: Row, key: str, table: Table) -> tuple[bool | None, bool]:
        """(value, ok) of a yes/no cell: (None, True) when empty; a wrong one is an error."""
        value = row.values.get(key)
        if cells.is_empty(value):
            return None, True
        try:
            return cells.as_yesno(value), True
        except CellError as exc:
            self.row_error(row, key, f"{table.header(key)}: {exc}")
            return None, False

    def level(self, row: Row, key: str, table: Table, scale, axis: str,
              *, required: bool) -> tuple[int | None, bool]:
        """(value, ok) of a level cell; empty gives (None, ok) unless required."""
        value = row.values.get(key)
        if key in row.unreadable:
            return None, False
        if cells.is_empty(value):
            if required and table.has(key):
                self.row_error(row, key, _empty(table, key))
                return None, False
            return None, not required
        if scale is None:
            return None, False  # the matrix is broken; already reported
        # a few distinct texts fill a level column: each is looked up once per scale (the
        # scale is kept with its lookups, so its id stays its own)
        known = self._levels.setdefault(id(scale), (scale, {}))[1]
        found = known.get(value) if type(value) is str else None
        if found is not None:
            return found, True
        try:
            found = cells.as_level(value, scale, axis)
        except CellError as exc:
            self.row_error(row, key, f"{table.header(key)}: {exc}")
            return None, False
        if type(value) is str:
            known[value] = found
        return found, True


def free_word(reader: Reader, row: Row, key: str, group: str, prefix: str) -> str:
    """The canonical word of a cell that may also hold free text (Assessment Status, measure
    Type), or its text as typed; a near miss of a known word is a warning saying so."""
    text = cells.as_text(row.values.get(key))
    found = cells.as_enum(text, group)
    if found is not None or not text:
        return found or text
    hint = cells.enum_hint(text, group)
    if hint:
        reader.row_error(row, key, prefix + _("{text!r} is kept as typed{hint}").format(
            text=text, hint=hint), WARNING)

    return text


def _empty(table: Table, key: str) -> str:
    """``Likelihood is empty (required)``, in the message language."""
    return _("{column} is empty (required)").format(column=table.header(key))


def missing_sheet(sheet: schema.Sheet) -> str:
    """``missing required sheet 'Risks' (nl: Risico's, ...)``: the names from the format."""
    others = ", ".join(f"{lang}: {sheet.name(lang)}" for lang in languages.codes()
                       if lang != languages.FALLBACK)
    return _("missing required sheet '{sheet}' ({others})").format(
        sheet=sheet.name(languages.FALLBACK), others=others)


