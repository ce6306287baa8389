"""The sheets of rows: Processing, Measures, Risks, Screening, Sign-off and History."""

from __future__ import annotations

from dpia import authorities, cells, i18n, languages, schema
from dpia.cells import CellError
from dpia.errors import WARNING
from dpia.i18n import _
from dpia.model import (
    HistoryEntry,
    Matrix,
    Measure,
    ProcessingOperation,
    Risk,
    ScreeningAnswer,
    SignOff,
)
from dpia.reader.matrix_sheets import scale_lookup
from dpia.reader.tables import Reader, Row, Table, free_word

# Placeholder level for a risk whose level cell is wrong: such a risk is kept only for the
# cross-reference checks (so one bad cell does not hide or invent other problems), never
# returned in the Assessment. 0 is no level, so no check compares it with another level.
_PLACEHOLDER_LEVEL = 0


# --- the generic row reader: each cell read as its column's kind says ------------------------


def _words(group: str, lang: str) -> str:
    """``reduce, accept, avoid, transfer``: the words of a group as ``dpia init`` writes them
    in the sheet's language, and in English after them (``; en: ...``) when that is another."""

    def words(code: str) -> str:
        return ", ".join(schema.value_word(group, key, code) for key in schema.VALUE_KEYS[group])

    own, english = words(lang), words(languages.FALLBACK)
    return own if own == english else f"{own}; {languages.FALLBACK}: {english}"


def _cell_reader(reader: Reader, table: Table, column: schema.Column, matrix: Matrix | None):
    """A function that reads the cell of ``column`` in a row: (its value, whether it could
    be read), for every kind but text. What it needs is looked up once, not for every row."""
    key, kind, required = column.key, column.kind, column.required == schema.YES
    if kind == schema.LIST:
        # an optional list may say there is nothing ("none", "geen"); a required one lists
        # something, so such a word is kept as typed there
        items, none_words = reader.items, not required
        return lambda row: (items(row, key, table, required=required, none_words=none_words),
                            True)
    if kind == schema.IDS:
        items = reader.items
        return lambda row: (items(row, key, table, required=required), True)
    if kind == schema.DATE:
        date = reader.date
        return lambda row: (date(row, key, table), True)
    if kind == schema.YESNO:
        def yesno(row: Row) -> tuple[object, bool]:
            value, ok = reader.yesno(row, key, table)
            return value, ok and key not in row.unreadable
        return yesno
    if kind == schema.LEVEL:
        axis, level = column.scale, reader.level
        scale = getattr(matrix, axis) if matrix is not None else None

        def read_level(row: Row) -> tuple[object, bool]:
            value, fine = level(row, key, table, scale, axis, required=required)
            # kept for the checks only; a wrong optional cell counts as given, so that it
            # does not also draw a warning about a level not given (a residual one: "never
            # re-assessed")
            if not fine and (required or key in row.unreadable or not cells.is_empty(
                    row.values.get(key))):
                value = _PLACEHOLDER_LEVEL
            return value, fine
        return read_level
    if kind == schema.ENUM:
        group = column.enum
        if column.free_text:
            prefix = f"{table.header(key)}: "
            return lambda row: (free_word(reader, row, key, group, prefix), True)

        def read_word(row: Row) -> tuple[object, bool]:
            text = reader.text(row, key, table)
            value = cells.as_enum(text, group) if text else column.default
            if value is None:
                reader.row_error(
                    row, key,
                    _("{column}: '{typed}' is not a {what} ({words}){hint}").format(
                        column=table.header(key), typed=cells.as_typed(row.values.get(key)),
                        what=column.name(i18n.current()).casefold(),
                        words=_words(group, table.lang), hint=cells.enum_hint(text, group)),
                )
                value = column.default
            return value, True
        return read_word
    raise ValueError(f"column {key!r}: no reader for cells of kind {kind!r}")


def row_reader(reader: Reader, table: Table, *, matrix: Matrix | None = None,
               skip: tuple[str, ...] = ()):
    """A function that reads one row of ``table``: (the value of each column of its sheet
    but ``skip``, by column key; whether every level and yes/no cell could be read).

    A column's kind chooses how its cell is read, and ``required`` whether an empty one is an
    error (``dpia.schema``); a level cell names a level of ``matrix``. A wrong cell is
    reported at its cell; a sheet reads a column with a rule of its own itself (``skip``)."""
    columns = [column for column in table.spec.columns if column.key not in skip]
    # text cells, most of a sheet, are read without a further call (this runs for every row)
    texts = tuple((column.key, column.required == schema.YES) for column in columns
                  if column.kind == schema.TEXT)
    others = tuple((column.key, _cell_reader(reader, table, column, matrix))
                   for column in columns if column.kind != schema.TEXT)
    text = reader.text

    def read(row: Row) -> tuple[dict[str, object], bool]:
        values: dict[str, object] = {key: text(row, key, table, required=required)
                                     for key, required in texts}
        ok = True
        for key, read_cell in others:
            values[key], fine = read_cell(row)
            if not fine:
                ok = False
        return values, ok

    return read


# --- the sheets ------------------------------------------------------------------------------


def _require_rows(reader: Reader, table: Table, message: str) -> None:
    """A required sheet with its header row but no row under it: an error at the header row.
    (A sheet whose header row or key column is missing has that error already.)"""
    readable = table.header_row is not None and all(
        key in table.columns for key in table.spec.key_columns)
    if readable and not table.rows:
        reader.error(table.raw.title, str(table.header_row), message)


def read_processing(reader: Reader) -> list[ProcessingOperation]:
    table = reader.table(schema.PROCESSING)
    if table is None:
        return []
    # Art. 35(7)(a): without a processing operation there is nothing to assess
    _require_rows(reader, table, _("no processing operations: describe each one in a row "
                                   "under this header row (Art. 35(7)(a) GDPR)"))
    read = row_reader(reader, table)
    out = []
    for row in table.rows:
        values, _ok = read(row)
        try:
            bases = cells.lawful_bases(values["lawful_basis"])
        except CellError as exc:
            reader.row_error(row, "lawful_basis", f"{table.header('lawful_basis')}: {exc}")
            bases = ()
        agreement = row.values.get("processor_agreement")
        if cells.agreement_key(agreement) is None:
            reader.row_error(
                row, "processor_agreement",
                _("{column}: '{typed}' is not understood: write yes, no, not yet, the date it "
                  "was signed or its reference (Art. 28)").format(
                    column=table.header("processor_agreement"), typed=cells.as_typed(agreement)),
            )
        out.append(ProcessingOperation(**values, lawful_bases=bases, origin=row.origin))
    return out


def read_measures(reader: Reader) -> list[Measure]:
    table = reader.table(schema.MEASURES)
    if table is None:
        return []
    read = row_reader(reader, table)
    return [Measure(**read(row)[0], origin=row.origin) for row in table.rows]


def _by_fold(known: list[str]) -> dict[str, str]:
    """Case-folded ID -> the ID as its sheet spells it (built once per sheet, not per row)."""
    by_fold: dict[str, str] = {}
    for item in known:
        by_fold.setdefault(item.casefold(), item)
    return by_fold


def _canonical_ids(items: tuple[str, ...], by_fold: dict[str, str]) -> tuple[str, ...]:
    """IDs as the sheet spells them when they differ only in case (``p1`` -> ``P1``)."""
    return tuple(by_fold.get(item.casefold(), item) for item in items)


RATIONALE_KEYS = ("likelihood_rationale", "impact_rationale", "residual_rationale")


def _rationales_given(reader: Reader, table: Table, row: Row, risk: Risk,
                      matrix: Matrix) -> None:
    """A warning for a rating at a level that is not acceptable without the reason for it."""
    def level(likelihood: int, impact: int):
        return matrix.level(likelihood, impact)

    inherent = level(risk.likelihood, risk.impact)
    residual = level(risk.residual_likelihood or risk.likelihood,
                     risk.residual_impact or risk.impact)
    needed = []
    if not inherent.acceptable:
        needed += [(key, inherent) for key in ("likelihood_rationale", "impact_rationale")]
    if not residual.acceptable and (risk.residual_likelihood or risk.residual_impact):
        needed.append(("residual_rationale", residual))
    for key, rated in needed:
        if getattr(risk, key):
            continue
        header = table.header(key) if table.has(key) else schema.RISKS.column(key).name("en")
        reader.row_error(
            row, key if table.has(key) else "id",
            _("{column} is empty, but the rating is at the level {level!r}, which is not "
              "acceptable: say why (Model DPIA point 16)").format(column=header, level=rated.name),
            WARNING)


def read_risks(reader: Reader, matrix: Matrix | None, processing_ids: list[str],
                measure_ids: list[str]) -> list[tuple[Risk, bool]]:
    """Every risk row, each with whether it is complete (levels all readable)."""
    scale_of = {column.key: getattr(matrix, column.scale) for column in schema.RISKS.columns
                if column.kind == schema.LEVEL} if matrix else {}

    def could_hold(key: str, values: list[object]) -> bool:
        """Whether every value could be a level of the column ``key``'s scale."""
        scale = scale_of.get(key)
        return scale is None or all(scale_lookup(scale, value) is not None for value in values)

    table = reader.table(schema.RISKS, could_hold=could_hold)
    if table is None:
        return []
    # Art. 35(7)(c): a DPIA assesses the risks to the data subjects; one that identifies none
    # is unfinished, not a finding (a processing with little risk still lists what was weighed)
    _require_rows(reader, table, _("no risks: list each risk to the rights and freedoms of "
                                   "the data subjects in a row under this header row (Art. "
                                   "35(7)(c) GDPR)"))
    read = row_reader(reader, table, matrix=matrix)
    processing_by_fold, measures_by_fold = _by_fold(processing_ids), _by_fold(measure_ids)
    out = []
    for row in table.rows:
        values, ok = read(row)
        items = values["processing"]
        applies_to_all = any(item.casefold() in schema.ALL_WORDS for item in items)
        if applies_to_all:
            if len(items) > 1:
                reader.row_error(
                    row, "processing",
                    _("{column}: 'all' stands alone; list IDs or write only 'all'").format(
                        column=table.header("processing")),

                )
            values["processing"] = tuple(processing_ids)
        else:
            values["processing"] = _canonical_ids(items, processing_by_fold)
        values["measures"] = _canonical_ids(values["measures"], measures_by_fold)
        risk = Risk(**values, applies_to_all=applies_to_all, origin=row.origin)
        out.append((risk, ok and matrix is not None))
    # reasons are asked for once the DPO gives any: a workbook that leaves the optional
    # columns empty (or has none) is not nagged for each risk
    if any(getattr(risk, key) for risk, _ in out for key in RATIONALE_KEYS):
        for (risk, ok), row in zip(out, table.rows, strict=True):
            if ok:
                _rationales_given(reader, table, row, risk, matrix)
    return out


def _screening_key(text: str) -> str | None:
    wanted = schema.header_key(text)
    for key, names in schema.SCREENING_CRITERIA.items():
        if wanted == key or wanted in (schema.header_key(n) for n in names.values()):
            return key
    return None


def read_screening(reader: Reader, authority: str) -> list[tuple[ScreeningAnswer, bool]] | None:
    """Every screening row, each with whether its Applies cell was readable. A Criterion
    that starts with an item code of a national list (``AP 9 ...``) names that item: of the
    ``authority``'s list when the Assessment names one, of any list when it does not."""
    table = reader.table(schema.SCREENING)
    if table is None:
        return None
    read = row_reader(reader, table)
    out = []
    for row in table.rows:
        values, ok = read(row)
        key = _screening_key(values["criterion"])
        listed = None if key else authorities.match(values["criterion"], authority)
        if listed is not None and listed.problem:
            reader.row_error(row, "criterion", listed.problem, WARNING)
        out.append((ScreeningAnswer(**values, key=key, origin=row.origin,
                                    list_item=listed.item if listed is not None else None), ok))
    return out


def read_sign_off(reader: Reader) -> tuple[SignOff, ...]:
    table = reader.table(schema.SIGN_OFF)
    if table is None:
        return ()
    # an empty Name is a warning, not the error of an empty required cell
    read = row_reader(reader, table, skip=("name",))
    out = []
    for row in table.rows:
        name = reader.text(row, "name", table)
        if not name and table.has("name") and "name" not in row.unreadable:
            # The item waits for its signature (the lines dpia init writes, a draft): a
            # warning, not an error, so that drafts can still be built and circulated.
            reader.row_error(
                row, "name", _("not signed yet ({column} is empty)").format(
                    column=table.header("name")), WARNING
            )
        out.append(SignOff(**read(row)[0], name=name, origin=row.origin))
    return tuple(out)


def read_history(reader: Reader) -> tuple[HistoryEntry, ...]:
    table = reader.table(schema.HISTORY)
    if table is None:
        return ()
    read = row_reader(reader, table)
    return tuple(HistoryEntry(**read(row)[0], origin=row.origin) for row in table.rows)
