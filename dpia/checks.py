"""Rules across rows and sheets, run on the assessment the reader built.

Each rule is a small function that takes the assessment and yields problems naming the cell
(``Origin.cell_of``: the row's key cell when the column is missing altogether). The reader
calls ``run_checks``; the file name is filled in there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from dpia import cells, i18n, schema
from dpia.errors import ERROR, WARNING, Problem
from dpia.i18n import _, ngettext
from dpia.model import Assessment, Origin


def _at(severity: str, origin: Origin | None, column: str, row_id: str, message: str) -> Problem:
    """A problem about the row at ``origin``, in its cell of ``column``, naming the row's ID."""
    if origin is None:
        return Problem(severity, f"{row_id}: {message}")
    return Problem(severity, f"{row_id}: {message}", sheet=origin.sheet,
                   cell=origin.cell_of(column))


def unknown_processing_ids(assessment: Assessment) -> Iterator[Problem]:
    """Every ID in a risk's Processing cell is a row of the Processing sheet."""
    if not assessment.processing:
        # no Processing sheet, an unreadable or an empty one: reported once by the reader,
        # not again for every risk
        return
    known = {p.id for p in assessment.processing}
    for risk in assessment.risks:
        if risk.applies_to_all:
            continue
        for item in risk.processing:
            if item not in known:
                yield _at(ERROR, risk.origin, "processing", risk.id,
                          _("unknown processing ID {id!r}").format(id=item))


def unknown_measure_ids(assessment: Assessment) -> Iterator[Problem]:
    """Every ID in a risk's Measures cell is a row of the Measures sheet."""
    known = {m.id for m in assessment.measures}
    for risk in assessment.risks:
        for item in risk.measures:
            if item not in known:
                hint = "" if assessment.measures else _(" (the workbook has no measures)")
                yield _at(ERROR, risk.origin, "measures", risk.id,
                          _("unknown measure ID {id!r}{hint}").format(id=item, hint=hint))


def duplicate_ids(assessment: Assessment) -> Iterator[Problem]:
    """IDs are unique on Processing, Risks and Measures (ignoring case)."""
    for rows in (assessment.processing, assessment.risks, assessment.measures):
        first: dict[str, Origin | None] = {}
        for row in rows:
            folded = row.id.casefold()
            if folded in first:
                where = _(" (first in row {row})").format(row=first[folded].row) \
                    if first[folded] else ""
                yield _at(ERROR, row.origin, "id", row.id,
                          _("duplicate ID{where}").format(where=where))
            else:
                first[folded] = row.origin


def special_categories_need_condition(assessment: Assessment) -> Iterator[Problem]:
    """Special category data needs an Art. 9(2) condition (unlawful without one)."""
    for p in assessment.processing:
        if p.special_categories and not p.art9_condition:
            yield _at(ERROR, p.origin, "art9_condition", p.id,
                      _("special categories of data are processed but no Art. 9 condition "
                        "is given"))


def transfers_need_safeguard(assessment: Assessment) -> Iterator[Problem]:
    """A transfer to a third country needs a safeguard (Chapter V)."""
    for p in assessment.processing:
        if p.transfers and not p.transfer_safeguard:
            yield _at(ERROR, p.origin, "transfer_safeguard", p.id,
                      _("data are transferred to {countries} but no transfer safeguard is "
                        "given (adequacy decision, SCC, BCR or a derogation)").format(
                          countries=", ".join(p.transfers)))


def legitimate_interest_stated(assessment: Assessment) -> Iterator[Problem]:
    """Legitimate interests as a basis: the interest pursued is stated (Art. 35(7)(a))."""
    for p in assessment.processing:
        if "f" in p.lawful_bases and not p.legitimate_interest:
            yield _at(WARNING, p.origin, "legitimate_interest", p.id,
                      _("the basis is legitimate interests but the interest pursued is not "
                        "stated (Legitimate interest)"))


def processors_have_agreement(assessment: Assessment) -> Iterator[Problem]:
    """Processors are bound by an agreement (Art. 28)."""
    for p in assessment.processing:
        if not p.processors:
            continue
        agreement = cells.agreement_key(p.processor_agreement)
        if agreement == "":
            yield _at(WARNING, p.origin, "processor_agreement", p.id,
                      _("processors are listed but the processor agreement is not filled in "
                        "(Art. 28)"))
        elif agreement in ("none", "pending"):
            yield _at(WARNING, p.origin, "processor_agreement", p.id,
                      _("processors are listed without a processor agreement ({typed!r}; "
                        "Art. 28)").format(typed=p.processor_agreement))


def risks_reassessed(assessment: Assessment) -> Iterator[Problem]:
    """A risk with both residual columns empty was never re-assessed after the measures;
    unless it is accepted as it is (treatment accept, no measures): there are no measures
    to re-assess it after, and its residual risk is its inherent risk by that decision."""
    for risk in assessment.risks:
        if risk.accepted_as_is:
            continue
        if risk.residual_likelihood is None and risk.residual_impact is None:
            yield _at(WARNING, risk.origin, "residual_likelihood", risk.id,
                      _("not re-assessed after the measures (Residual likelihood and Residual "
                        "impact are empty); the residual risk is taken to be the inherent "
                        "risk"))


def accepted_risks_not_lowered(assessment: Assessment) -> Iterator[Problem]:
    """A risk accepted as it is (treatment accept, no measures) is not rated lower after the
    measures than before: with no measure, a lower residual rating would lower the residual
    level, and with it the Art. 36 conclusion, on nothing the report can show."""
    for risk in assessment.risks:
        if not risk.accepted_as_is:
            continue
        lowered = [
            (column, header) for column, header, residual, inherent in (
                ("residual_likelihood", _("Residual likelihood"), risk.residual_likelihood,
                 risk.likelihood),
                ("residual_impact", _("Residual impact"), risk.residual_impact, risk.impact),
            ) if residual is not None and residual < inherent
        ]
        if lowered:
            yield _at(WARNING, risk.origin, lowered[0][0], risk.id,
                      ngettext("accepted without measures (Treatment accept, Measures empty), "
                               "yet {columns} is lower than before the measures; list the "
                               "measures that lower the risk, or give the inherent rating",
                               "accepted without measures (Treatment accept, Measures empty), "
                               "yet {columns} are lower than before the measures; list the "
                               "measures that lower the risk, or give the inherent rating",
                               len(lowered)).format(
                          columns=_(" and ").join(header for _key, header in lowered)))


def measures_address_risks(assessment: Assessment) -> Iterator[Problem]:
    """Every measure is listed under Measures by at least one risk."""
    if not assessment.risks:
        # no Risks sheet, an unreadable or an empty one: reported once by the reader, not
        # again for every measure
        return
    used = {item for risk in assessment.risks for item in risk.measures}
    for measure in assessment.measures:
        if measure.id not in used:
            yield _at(WARNING, measure.origin, "id", measure.id,
                      _("addresses no risk (no Risks row lists it under Measures)"))


def screening_answered(assessment: Assessment) -> Iterator[Problem]:
    """Every screening criterion is answered; an empty Applies counts as no."""
    for answer in assessment.screening or ():
        if answer.applies is None:
            # name the column as the DPO sees it: "Van toepassing" on a Dutch Voortoets sheet
            sheet = schema.SCREENING
            lang = sheet.language_of(answer.origin.sheet) if answer.origin else "en"
            header = sheet.column("applies").name(lang)
            yield _at(WARNING, answer.origin, "applies", answer.criterion,
                      _("{column} is not answered (counts as no)").format(column=header))


def screening_criteria_once(assessment: Assessment) -> Iterator[Problem]:
    """Each screening criterion is listed once (twice would count twice towards a DPIA)."""
    first: dict[str, Origin | None] = {}
    for answer in assessment.screening or ():
        key = answer.key or (answer.list_item.code if answer.list_item else
                             " ".join(answer.criterion.split()).casefold())
        if key in first:
            where = _(" (first in row {row})").format(row=first[key].row) if first[key] else ""
            yield _at(WARNING, answer.origin, "criterion", answer.criterion,
                      _("criterion listed twice{where}; remove one, or it counts twice")
                      .format(where=where))
        else:
            first[key] = answer.origin


# --- plausibility: each compares with the workbook's own Date, never the clock, so that the
# same workbook always gives the same report


def _field_problem(assessment: Assessment, key: str, message: str) -> Problem:
    """A warning at the Value cell of the Assessment field ``key``."""
    origin = dict(assessment.info.origins).get(key)
    if origin is None:
        return Problem(WARNING, message)
    return Problem(WARNING, message, sheet=origin.sheet, cell=origin.cell)


def _day(date) -> str:
    return date.isoformat()


def review_date_after_assessment(assessment: Assessment) -> Iterator[Problem]:
    """The Review date is not before the assessment's Date."""
    info = assessment.info
    if info.date is not None and info.review_date is not None and info.review_date < info.date:
        yield _field_problem(
            assessment, "review_date",
            _("Review date: {review_date} is before the assessment's Date {date}").format(
                review_date=_day(info.review_date), date=_day(info.date)),
        )


def measures_not_overdue(assessment: Assessment) -> Iterator[Problem]:
    """A planned or in-progress measure is not due before the assessment's Date."""
    date = assessment.info.date
    if date is None:
        return
    for measure in assessment.measures:
        if measure.status != "implemented" and measure.due_date is not None \
                and measure.due_date < date:
            status = schema.value_word("measure_status", measure.status, i18n.current())
            yield _at(WARNING, measure.origin, "due_date", measure.id,
                      _("overdue: {status} but due {due}, before the assessment's Date {date}")
                      .format(status=status, due=_day(measure.due_date), date=_day(date)))


def residual_not_above_inherent(assessment: Assessment) -> Iterator[Problem]:
    """Measures do not raise a risk: residual likelihood and impact are at most the inherent
    ones."""
    for risk in assessment.risks:
        for key, residual, inherent in (
            ("residual_likelihood", risk.residual_likelihood, risk.likelihood),
            ("residual_impact", risk.residual_impact, risk.impact),
        ):
            # a level the reader could not read is 0 here (reported already)
            if residual and inherent and residual > inherent:
                # in the message's language: the column as named there, the axis as in
                # cells.AXES
                name = schema.RISKS.column(key).name(i18n.current())
                before = _(key.removeprefix("residual_"))
                yield _at(WARNING, risk.origin, key, risk.id,
                          _("{column} ({residual}) is above the inherent {before} ({inherent}); "
                            "measures do not raise a risk — check the two cells").format(
                              column=name, residual=residual, before=before,
                              inherent=inherent))


# --- the final version: sign-off complete, a review date, no warning that changes a conclusion

FINAL_STATUSES = frozenset({"final", "approved"})
"""The Status values (canonical; ``schema.VALUE_WORDS`` has their words in every language)
of a version that is meant to be the final one."""

FINAL_SIGN_OFF = ("measures_approved", "residual_approved", "dpo_advice", "dpo_advice_accepted")
"""The ICO sign-off items (``schema.SIGN_OFF_ITEMS`` keys) a final version has signed."""

# warnings whose cause changes the Art. 35 or the Art. 36 conclusion: a residual risk taken
# to be the inherent one, a residual rating that cannot be, a screening answer that counts
# as no or counts twice
CONCLUSION_RULES: tuple[Callable[[Assessment], Iterator[Problem]], ...] = (
    risks_reassessed,
    accepted_risks_not_lowered,
    residual_not_above_inherent,
    screening_answered,
    screening_criteria_once,
)


def is_final(assessment: Assessment) -> bool:
    """Whether the Status says this is the final (or approved) version."""
    return assessment.info.status in FINAL_STATUSES


def sign_off_by_item(assessment: Assessment) -> dict[str, list]:
    """The Sign-off rows of each ICO item (``SIGN_OFF_ITEMS`` key), whichever language the
    item is typed in; other rows are left out."""
    names = {schema.header_key(name): key
             for key, names in schema.SIGN_OFF_ITEMS.items() for name in names.values()}
    found: dict[str, list] = {}
    for row in assessment.sign_off:
        key = names.get(schema.header_key(row.item))
        if key is not None:
            found.setdefault(key, []).append(row)
    return found


def unsigned_items(assessment: Assessment) -> tuple[str, ...]:
    """The ``FINAL_SIGN_OFF`` items that no Sign-off row signs (a name)."""
    rows = sign_off_by_item(assessment)
    return tuple(key for key in FINAL_SIGN_OFF
                 if not any(row.name.strip() for row in rows.get(key, ())))


def _item_name(assessment: Assessment, key: str) -> str:
    names = schema.SIGN_OFF_ITEMS[key]
    return names.get(assessment.info.language) or names["en"]


def _sign_off_sheet(assessment: Assessment) -> str:
    for row in assessment.sign_off:
        if row.origin is not None:
            return row.origin.sheet
    return ""


def final_gaps(assessment: Assessment) -> list[Problem]:
    """What a final version lacks, each naming its cell: a sign-off item without a name, no
    Review date, and every warning of ``CONCLUSION_RULES``. Empty when the workbook may be
    final. Warnings; ``build --final`` makes them errors."""
    problems = _sign_off_gaps(assessment, signed_rows_too=True)
    for rule in CONCLUSION_RULES:
        problems.extend(rule(assessment))
    return problems


def _sign_off_gaps(assessment: Assessment, *, signed_rows_too: bool) -> list[Problem]:
    """Sign-off items without a name (``signed_rows_too=False``: only those without a row,
    as the reader warns of a row without a name already) and a missing Review date."""
    problems: list[Problem] = []
    rows = sign_off_by_item(assessment)
    sheet = _sign_off_sheet(assessment)
    for key in unsigned_items(assessment):
        name = _item_name(assessment, key)
        present = rows.get(key, ())
        if present:
            if signed_rows_too:
                problems.append(_at(WARNING, present[0].origin, "name", present[0].item,
                                    _("not signed; a final version is signed by each item")))
            continue
        where = (_("add a row {name!r} to the {sheet} sheet, with the name of who signed")
                 .format(name=name, sheet=sheet)
                 if sheet else _("add a Sign-off sheet with a row {name!r} and the name of "
                                 "who signed").format(name=name))
        problems.append(Problem(WARNING, _("sign-off item {name!r} is missing: a final version "
                                           "is signed by each item; {where}").format(
            name=name, where=where), sheet=sheet))
    if assessment.info.review_date is None:
        problem = _field_problem(
            assessment, "review_date",
            _("Review date is not set: a final version says when it will be reviewed"))
        if not problem.sheet:  # no Review date row: name the Assessment sheet
            sheets = [origin.sheet for _, origin in assessment.info.origins]
            problem = replace(problem, sheet=sheets[0] if sheets else "")
        problems.append(problem)
    return problems


def final_status_signed_off(assessment: Assessment) -> Iterator[Problem]:
    """A workbook whose Status is final or approved has its sign-off items and a Review
    date (the warnings that change a conclusion, and rows without a name, are reported by
    their own rules): a warning each, so that such a workbook still builds."""
    if not is_final(assessment):
        return
    status = schema.value_word("assessment_status", assessment.info.status, i18n.current())
    for problem in _sign_off_gaps(assessment, signed_rows_too=False):
        yield replace(problem, message=_("Status is {status}, but {problem}").format(
            status=status, problem=problem.message))



RULES: tuple[Callable[[Assessment], Iterator[Problem]], ...] = (
    duplicate_ids,
    unknown_processing_ids,
    unknown_measure_ids,
    legitimate_interest_stated,
    special_categories_need_condition,
    processors_have_agreement,
    transfers_need_safeguard,
    risks_reassessed,
    accepted_risks_not_lowered,
    measures_address_risks,
    screening_answered,
    screening_criteria_once,
    review_date_after_assessment,
    measures_not_overdue,
    residual_not_above_inherent,
    final_status_signed_off,
)


def run_checks(assessment: Assessment, file: str = "") -> list[Problem]:
    """Every rule's problems, with ``file`` as the file name in their location."""
    # one problem, one line: IDs and values quoted in a message may hold line breaks
    return [
        replace(problem, file=file, message=" ".join(problem.message.split()))
        for rule in RULES for problem in rule(assessment)
    ]
