"""The sheets of rows: Processing, Measures, Risks, Screening, Sign-off and History."""

from __future__ import annotations

from dpia import cells, schema
from dpia.cells import CellError
from dpia.errors import WARNING
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
    _require_rows(reader, table, "no processing operations: describe each one in a row "
                  "under this header row (Art. 35(7)(a) GDPR)")
    out = []
    for row in table.rows:
        basis = reader.text(row, "lawful_basis", table, required=True)
        try:
            bases = cells.lawful_bases(basis)
        except CellError as exc:
            reader.row_error(row, "lawful_basis", f"{table.header('lawful_basis')}: {exc}")
            bases = ()
        agreement = row.values.get("processor_agreement")
        if cells.agreement_key(agreement) is None:
            reader.row_error(
                row, "processor_agreement",
                f"{table.header('processor_agreement')}: '{cells.as_typed(agreement)}' is not "
                "understood: write yes, no, not yet, the date it was signed or its reference "
                "(Art. 28)",
            )
        out.append(ProcessingOperation(
            id=cells.as_text(row.values.get("id")),
            name=reader.text(row, "name", table, required=True),
            purpose=reader.text(row, "purpose", table, required=True),
            lawful_basis=basis,
            lawful_bases=bases,
            legitimate_interest=reader.text(row, "legitimate_interest", table),
            data_subjects=reader.items(row, "data_subjects", table, required=True),
            personal_data=reader.items(row, "personal_data", table, required=True),
            special_categories=reader.items(row, "special_categories", table, none_words=True),
            art9_condition=reader.text(row, "art9_condition", table),
            recipients=reader.items(row, "recipients", table, none_words=True),
            processors=reader.items(row, "processors", table, none_words=True),
            processor_agreement=cells.as_text(agreement),
            transfers=reader.items(row, "transfers", table, none_words=True),
            transfer_safeguard=reader.text(row, "transfer_safeguard", table),
            retention=reader.text(row, "retention", table, required=True),
            systems=reader.text(row, "systems", table),
            data_subjects_count=reader.text(row, "data_subjects_count", table),
            origin=row.origin,
        ))
    return out


def read_measures(reader: Reader) -> list[Measure]:
    table = reader.table(schema.MEASURES)
    if table is None:
        return []
    out = []
    for row in table.rows:
        status_text = reader.text(row, "status", table)
        status = cells.as_enum(status_text, "measure_status") if status_text else "planned"
        if status is None:
            reader.row_error(
                row, "status",
                f"{table.header('status')}: '{cells.as_typed(row.values.get('status'))}' is "
                "not a status (implemented, "
                "planned, in progress; nl: geïmplementeerd, gepland, in uitvoering)"
                + cells.enum_hint(status_text, "measure_status"),
            )
            status = "planned"
        out.append(Measure(
            id=cells.as_text(row.values.get("id")),
            measure=reader.text(row, "measure", table, required=True),
            type=free_word(reader, row, "type", "measure_type", f"{table.header('type')}: "),
            description=reader.text(row, "description", table),
            status=status,
            owner=reader.text(row, "owner", table),
            due_date=reader.date(row, "due_date", table),
            origin=row.origin,
        ))
    return out


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
        header = table.header(key) if table.has(key) else schema.RISKS.column(key).en
        reader.row_error(
            row, key if table.has(key) else "id",
            f"{header} is empty, but the rating is at the level {rated.name!r}, which is not "
            "acceptable: say why (Model DPIA point 16)", WARNING)


def read_risks(reader: Reader, matrix: Matrix | None, processing_ids: list[str],
                measure_ids: list[str]) -> list[tuple[Risk, bool]]:
    """Every risk row, each with whether it is complete (levels all readable)."""
    scale_of = {"likelihood": matrix.likelihood, "residual_likelihood": matrix.likelihood,
                "impact": matrix.impact, "residual_impact": matrix.impact} if matrix else {}

    def could_hold(key: str, values: list[object]) -> bool:
        """Whether every value could be a level of the column ``key``'s scale."""
        scale = scale_of.get(key)
        return scale is None or all(scale_lookup(scale, value) is not None for value in values)

    table = reader.table(schema.RISKS, could_hold=could_hold)
    if table is None:
        return []
    # Art. 35(7)(c): a DPIA assesses the risks to the data subjects; one that identifies none
    # is unfinished, not a finding (a processing with little risk still lists what was weighed)
    _require_rows(reader, table, "no risks: list each risk to the rights and freedoms of the "
                  "data subjects in a row under this header row (Art. 35(7)(c) GDPR)")
    likelihood = matrix.likelihood if matrix else None
    impact = matrix.impact if matrix else None
    processing_by_fold, measures_by_fold = _by_fold(processing_ids), _by_fold(measure_ids)
    out = []
    for row in table.rows:
        ok = matrix is not None
        items = reader.items(row, "processing", table, required=True)
        applies_to_all = any(item.casefold() in schema.ALL_WORDS for item in items)
        if applies_to_all:
            if len(items) > 1:
                reader.row_error(
                    row, "processing",
                    f"{table.header('processing')}: 'all' stands alone; list IDs or write "
                    "only 'all'",
                )
            processing = tuple(processing_ids)
        else:
            processing = _canonical_ids(items, processing_by_fold)
        levels = {}
        for key, scale, axis, required in (
            ("likelihood", likelihood, "likelihood", True),
            ("impact", impact, "impact", True),
            ("residual_likelihood", likelihood, "likelihood", False),
            ("residual_impact", impact, "impact", False),
        ):
            value, fine = reader.level(row, key, table, scale, axis, required=required)
            if not fine:
                ok = False
                # kept for the checks only; a wrong residual cell counts as given, so it
                # does not also draw the "never re-assessed" warning
                if required or key in row.unreadable or not cells.is_empty(
                    row.values.get(key)
                ):
                    value = _PLACEHOLDER_LEVEL
            levels[key] = value
        treatment_text = reader.text(row, "treatment", table)
        treatment = cells.as_enum(treatment_text, "treatment") if treatment_text else ""
        if treatment is None:
            reader.row_error(
                row, "treatment",
                f"{table.header('treatment')}: '{cells.as_typed(row.values.get('treatment'))}' "
                "is not a treatment (reduce, "
                "accept, avoid, transfer; nl: verminderen, accepteren, vermijden, overdragen)"
                + cells.enum_hint(treatment_text, "treatment"),
            )
            treatment = ""
        risk = Risk(
            id=cells.as_text(row.values.get("id")),
            processing=processing,
            risk=reader.text(row, "risk", table, required=True),
            likelihood=levels["likelihood"],
            impact=levels["impact"],
            risk_source=reader.text(row, "risk_source", table),
            impact_on_individuals=reader.text(row, "impact_on_individuals", table),
            measures=_canonical_ids(reader.items(row, "measures", table), measures_by_fold),
            residual_likelihood=levels["residual_likelihood"],
            residual_impact=levels["residual_impact"],
            treatment=treatment,
            owner=reader.text(row, "owner", table),
            likelihood_rationale=reader.text(row, "likelihood_rationale", table),
            impact_rationale=reader.text(row, "impact_rationale", table),
            residual_rationale=reader.text(row, "residual_rationale", table),
            applies_to_all=applies_to_all,
            origin=row.origin,
        )
        out.append((risk, ok))
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
        if wanted == key or wanted in (schema.header_key(n) for n in names):
            return key
    return None


def read_screening(reader: Reader) -> list[tuple[ScreeningAnswer, bool]] | None:
    """Every screening row, each with whether its Applies cell was readable."""
    table = reader.table(schema.SCREENING)
    if table is None:
        return None
    out = []
    for row in table.rows:
        criterion = cells.as_text(row.values.get("criterion"))
        applies, ok = reader.yesno(row, "applies", table)
        ok = ok and "applies" not in row.unreadable
        out.append((ScreeningAnswer(
            criterion=criterion,
            key=_screening_key(criterion),
            applies=applies,
            justification=reader.text(row, "justification", table),
            origin=row.origin,
        ), ok))
    return out


def read_sign_off(reader: Reader) -> tuple[SignOff, ...]:
    table = reader.table(schema.SIGN_OFF)
    if table is None:
        return ()
    out = []
    for row in table.rows:
        name = reader.text(row, "name", table)
        if not name and table.has("name") and "name" not in row.unreadable:
            # The item waits for its signature (the lines dpia init writes, a draft): a
            # warning, not an error, so that drafts can still be built and circulated.
            reader.row_error(
                row, "name", f"not signed yet ({table.header('name')} is empty)", WARNING
            )
        out.append(SignOff(
            item=cells.as_text(row.values.get("item")),
            name=name,
            date=reader.date(row, "date", table),
            notes=reader.text(row, "notes", table),
            origin=row.origin,
        ))
    return tuple(out)


def read_history(reader: Reader) -> tuple[HistoryEntry, ...]:
    table = reader.table(schema.HISTORY)
    if table is None:
        return ()
    return tuple(
        HistoryEntry(
            version=cells.as_text(row.values.get("version")),
            date=reader.date(row, "date", table),
            author=reader.text(row, "author", table),
            changes=reader.text(row, "changes", table),
            origin=row.origin,
        )
        for row in table.rows
    )


