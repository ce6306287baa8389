"""The sections of the report, in order: each a function of the document and the context.

Wording comes from ``templates/<lang>/narrative.j2`` (sentences) and ``labels.toml``
(headings, column headers, value words); data from the workbook goes in as values only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dpia import __version__, authorities, checks, languages, schema
from dpia.cells import agreement_key
from dpia.model import Measure, ProcessingOperation, ScoredRisk
from dpia.report.cell import Cell
from dpia.report.changes import KEYS as CHANGES_KEYS
from dpia.report.changes import changes_section
from dpia.report.context import Context, colour_name
from dpia.report.document import ReportDocument
from dpia.schema import SIGN_OFF_ITEMS, sign_off_item, value_key

PROCESSING_KEYS: tuple[str, ...] = (
    "id", "name", "purpose", "lawful_basis", "legitimate_interest", "data_subjects",
    "personal_data", "special_categories", "art9_condition", "recipients", "processors",
    "processor_agreement", "transfers", "transfer_safeguard", "retention", "systems",
    "data_subjects_count",
)


def _report_columns(sheet: schema.Sheet) -> tuple[schema.Column, ...]:
    """The columns of a sheet that its report table shows (``Column.report``), in order."""
    return tuple(column for column in sheet.columns if column.report)


# the risk register: the Risks columns the schema shows, then the inherent score and level
REGISTER_COLUMNS = _report_columns(schema.RISKS)
RISK_REGISTER_KEYS = (*(column.key for column in REGISTER_COLUMNS), "score", "level")
RISK_REGISTER_WIDTHS = (*(column.report for column in REGISTER_COLUMNS), 0.6, 1.1)
RESIDUAL_KEYS = (
    "id", "risk", "score", "level", "measures", "residual_likelihood", "residual_impact",
    "residual_score", "residual_level",
)
# the residual table's column headers (labels.toml [columns]): its score and level are the
# inherent ones, named so beside the residual ones
RESIDUAL_HEADERS = tuple(
    {"score": "inherent_score", "level": "inherent_level"}.get(key, key) for key in RESIDUAL_KEYS
)
# who owns each risk and how it is treated: a table of its own, as the residual table has no
# room for two more columns in a Dutch report
TREATMENT_KEYS = ("id", "risk", "residual_level", "treatment", "owner")
SUMMARY_KEYS = ("level", "inherent", "residual")
RATIONALE_KEYS = ("likelihood_rationale", "impact_rationale", "residual_rationale")
# all measures: the Measures columns the schema shows, then the risks each one treats
MEASURE_COLUMNS = _report_columns(schema.MEASURES)
MEASURE_KEYS = (*(column.key for column in MEASURE_COLUMNS), "risks")
MEASURE_WIDTHS = (*(column.report for column in MEASURE_COLUMNS), 1.0)
ACTION_PLAN_KEYS = ("id", "measure", "status", "owner", "due_date", "risks")


def _headers(ctx: Context, keys) -> list[str]:
    return [ctx.label("columns", key) for key in keys]


def _shown(column: schema.Column) -> Callable[[Context, object], object]:
    """How a report table cell shows a workbook value of ``column``, by its kind: a list one
    item a line, IDs on one line, a level by its name, a value word in the report language
    (``labels.toml`` ``[values.<column key>]``), an empty optional value noted as such."""
    kind, key = column.kind, column.key
    if kind == schema.LIST:
        return lambda ctx, value: ctx.optional(_list(value))
    if kind == schema.IDS:
        return lambda ctx, value: ctx.optional(", ".join(value))
    if kind == schema.LEVEL:
        name_of = f"{column.scale}_name"  # Context.likelihood_name, impact_name
        return lambda ctx, value: getattr(ctx, name_of)(value) if value else ctx.optional("")
    if kind == schema.DATE:
        return lambda ctx, value: ctx.optional(ctx.date(value))
    if kind == schema.ENUM:
        return lambda ctx, value: ctx.optional(ctx.word(key, value))
    if kind == schema.YESNO:
        return lambda ctx, value: ctx.yes_no(value)
    return lambda ctx, value: ctx.optional(value)


# (column key, how its cell is shown) of each column of the two tables (built once)
REGISTER_CELLS = tuple((column.key, _shown(column)) for column in REGISTER_COLUMNS)
MEASURE_CELLS = tuple((column.key, _shown(column)) for column in MEASURE_COLUMNS)


# --- title page and document control ----------------------------------------------------------


def title_page(doc: ReportDocument, ctx: Context) -> None:
    """Title, organisation and date; document control; version history; contents."""
    info = ctx.info
    doc.paragraph(info.title, style="Title")
    doc.paragraph(ctx.label("document", "subtitle"))
    doc.paragraph(info.organisation)
    version = " · ".join(part for part in (
        f"{ctx.label('document', 'version')} {info.version}" if info.version else "",
        ctx.word("assessment_status", info.status) if info.status else "",
        ctx.date(info.date),
    ) if part)
    if version:
        doc.paragraph(version)
    if info.classification:
        doc.paragraph(info.classification)
    _sign_off_incomplete(doc, ctx)
    doc.page_break()

    doc.heading(ctx.label("headings", "document_control"), 1)
    fields = (
        ("title", info.title), ("organisation", info.organisation),
        ("version", info.version), ("date", ctx.date(info.date)),
        ("status", ctx.word("assessment_status", info.status)),
        ("classification", info.classification), ("author", info.author),
        ("owner", info.owner), ("dpo", info.dpo), ("review_date", ctx.date(info.review_date)),
    )
    doc.table(
        [ctx.label("columns", "field"), ctx.label("columns", "value")],
        [(ctx.label("fields", key), ctx.optional(value)) for key, value in fields],
        (1.35, 2.5), kind="document-control", header_column=True,
    )

    doc.heading(ctx.label("headings", "version_history"), 2)
    history = ctx.scored.assessment.history
    if history:
        keys = ("version", "date", "author", "changes")
        doc.table(
            _headers(ctx, keys),
            [(h.version, ctx.optional(ctx.date(h.date)), ctx.optional(h.author),
              ctx.optional(h.changes)) for h in history],
            (0.9, 1.8, 1.7, 3.6), kind="history",
        )
    else:
        doc.missing()

    if ctx.previous is not None:
        changes_section(doc, ctx)

    doc.page_break()
    style = "TOC Heading" if doc.has_style("TOC Heading") else "Heading 1"
    doc.paragraph(ctx.label("headings", "contents"), style=style)
    doc.toc()


def _sign_off_incomplete(doc: ReportDocument, ctx: Context) -> None:
    """On the title page of a version whose Status is final or approved: what it lacks to
    be one (``checks.final_gaps``), so that no reader takes it for the signed version."""
    assessment = ctx.scored.assessment
    if not checks.is_final(assessment) or not checks.final_gaps(assessment):
        return
    lines = [ctx.label("document", "signoff_incomplete")]
    unsigned = checks.unsigned_items(assessment)
    if unsigned:
        lines.append(ctx.label("document", "signoff_unsigned").format(
            items="; ".join(sign_off_item(key, ctx.lang) for key in unsigned)))
    if assessment.info.review_date is None:
        lines.append(ctx.label("document", "signoff_no_review"))
    count = sum(len(list(rule(assessment))) for rule in checks.CONCLUSION_RULES)
    if count:
        lines.append(ctx.label("document", "signoff_warnings").format(count=count))
    doc.paragraph(lines[0], style="Subtitle" if doc.has_style("Subtitle") else None)
    for line in lines[1:]:
        doc.paragraph(line)


# --- 1 summary --------------------------------------------------------------------------------


def summary(doc: ReportDocument, ctx: Context) -> None:
    """Counts, the highest residual risks, planned measures and the conclusion."""
    doc.heading(ctx.section_title("summary"), 1, new_page=True)
    scored = ctx.scored
    measures = scored.assessment.measures
    doc.paragraphs(ctx.text(
        "summary",
        processing_count=len(scored.assessment.processing),
        risk_count=len(scored.risks),
        measure_count=len(measures),
    ))

    doc.heading(ctx.label("headings", "risk_overview"), 2)
    rows = (_summary_row(ctx, index) for index in _levels_highest_first(ctx))
    doc.table(_headers(ctx, SUMMARY_KEYS), rows, (2, 1, 1), kind="summary")

    doc.heading(ctx.label("headings", "highest_residual"), 2)
    top = ctx.by_residual[:5]  # the five highest, whatever their level
    if top:
        _risk_lines(doc, ctx, top)
    else:
        doc.missing()

    doc.heading(ctx.label("headings", "planned_measures"), 2)
    open_measures = ctx.open_measures
    doc.paragraphs(ctx.text(
        "summary_measures",
        open_count=len(open_measures),
        implemented_count=sum(m.status == "implemented" for m in measures),
        measure_count=len(measures),
        action_plan=ctx.section_title("measures"),
    ))
    for measure in open_measures[:10]:  # the first of the action plan, by due date
        doc.paragraphs(ctx.text(
            "measure_line", id=measure.id, measure=measure.measure,
            status=ctx.word("status", measure.status),
            due_date=ctx.date(measure.due_date),
            owner=measure.owner,
        ))

    doc.heading(ctx.label("headings", "conclusion"), 2)
    doc.paragraphs(ctx.text(
        "summary_conclusion",
        required=scored.screening.required,
        prior=scored.prior_consultation,
        non_acceptable=len(ctx.non_acceptable()),
        screening_section=ctx.section_title("screening"),
    ))
    doc.paragraphs(ctx.text("assessor_conclusion", conclusion=ctx.info.conclusion))


def _risk_lines(doc: ReportDocument, ctx: Context, items: Iterable[ScoredRisk],
                keep_next: bool = False) -> None:
    """One line per scored risk: its ID, residual level and score, and the risk."""
    for item in items:
        doc.paragraphs(ctx.text(
            "risk_line", id=item.risk.id, level=ctx.level_name(item.residual.level),
            score=item.residual.score, risk=item.risk.risk,
        ), keep_next=keep_next)


def _levels_highest_first(ctx: Context) -> range:
    return range(len(ctx.matrix.levels) - 1, -1, -1)


def _summary_row(ctx: Context, index: int) -> tuple:
    scored = ctx.scored
    return (ctx.level_cell(index), ctx.count(scored.inherent_counts[index]),
            ctx.count(scored.residual_counts[index]))


# --- 2 need for a DPIA ------------------------------------------------------------------------


def screening(doc: ReportDocument, ctx: Context) -> None:
    """The screening criteria that apply, with justification, and the outcome."""
    doc.heading(ctx.section_title("screening"), 1, new_page=True)
    answers = ctx.scored.assessment.screening
    outcome = ctx.scored.screening
    if answers is None:
        doc.paragraphs(ctx.text("screening_missing"))
        return
    keys = ("criterion", "applies", "justification")
    items = list(dict.fromkeys(a.list_item for a in answers or () if a.list_item))
    if answers:
        doc.paragraphs(ctx.text("screening_intro"), keep_next=True)
        for item in {i.authority_name: i for i in items}.values():
            # the national list the Screening rows cite, from the rows themselves (the record)
            doc.paragraphs(ctx.text("screening_list_intro", authority=item.authority_name,
                                    publication=item.publication), keep_next=True)
        doc.table(
            _headers(ctx, keys),
            [(ctx.criterion_name(a.criterion, a.key), ctx.yes_no(a.applies),
              ctx.optional(a.justification)) for a in answers],
            (3, 1.4, 4), kind="screening",
            caption=ctx.label("headings", "screening_answers"),
        )
    else:  # a Screening sheet with its headers only: a sentence, not an empty table
        doc.paragraphs(ctx.text("no_screening_answers"))
    doc.heading(ctx.label("headings", "screening_outcome"), 2)
    alone = [a for a in outcome.listed if a not in outcome.criteria_met]
    applying = list(outcome.art35_3_cases) + alone + list(outcome.criteria_met)
    doc.paragraphs(ctx.text(
        "screening_outcome",
        required=outcome.required,
        case_count=len(outcome.art35_3_cases),
        criteria_count=len(outcome.criteria_met),
        justify_single=outcome.justify_single,
        listed_count=len(alone),
        combined_count=len(outcome.listed) - len(alone),
    ))
    for answer in applying:
        if answer.list_item is not None:
            doc.paragraphs(ctx.text(
                "screening_listed",
                item=authorities.cited_name(answer.list_item, ctx.lang),
                authority=answer.list_item.authority_name,
                with_another=answer.list_item.rule != "alone",
                justification=answer.justification,
            ))
        else:
            doc.paragraphs(ctx.text(
                "screening_criterion",
                criterion=ctx.criterion_name(answer.criterion, answer.key),
                justification=answer.justification,
            ))
    cited = {a.list_item.authority_name: a.list_item for a in applying if a.list_item}
    for authority, item in cited.items():
        doc.paragraphs(ctx.text("screening_list_source", authority=authority,
                                source=authorities.cited_source(item)))


# --- 3 description ----------------------------------------------------------------------------


def _list(items) -> str:
    return "\n".join(items)


def _agreement(ctx: Context, op: ProcessingOperation) -> str:
    """The processor agreement as the report states it: a cell that says there is none (yet)
    in words, never as if it were an agreement, with the DPO's own words after it when they
    say more than one of the format's words (``none``, ``pending``)."""
    typed = op.processor_agreement
    key = agreement_key(typed)
    if key not in ("none", "pending"):
        return ctx.date_or_text(typed)  # a date cell: in words, as every other date
    word = ctx.word("processor_agreement", key)
    return word if value_key("processor_agreement", typed) == key else f"{word} ({typed})"


def _processing_rows(ctx: Context, op: ProcessingOperation) -> list[tuple[str, object]]:
    # a conditional column whose condition does not hold is not applicable, not missing
    applicable = {
        "legitimate_interest": "f" in op.lawful_bases or bool(op.legitimate_interest),
        "art9_condition": bool(op.special_categories or op.art9_condition),
        "processor_agreement": bool(op.processors or op.processor_agreement),
        "transfer_safeguard": bool(op.transfers or op.transfer_safeguard),
    }
    values = {
        "id": op.id, "name": op.name, "purpose": op.purpose, "lawful_basis": op.lawful_basis,
        "legitimate_interest": op.legitimate_interest,
        "data_subjects": _list(op.data_subjects), "personal_data": _list(op.personal_data),
        "special_categories": _list(op.special_categories) or ctx.label("values", "none"),
        "art9_condition": op.art9_condition, "recipients": _list(op.recipients),
        "processors": _list(op.processors) or ctx.label("values", "none"),
        "processor_agreement": _agreement(ctx, op),
        "transfers": _list(op.transfers) or ctx.label("values", "none"),
        "transfer_safeguard": op.transfer_safeguard, "retention": op.retention,
        "systems": op.systems, "data_subjects_count": ctx.number(op.data_subjects_count),
    }
    not_applicable = Cell(ctx.label("values", "not_applicable"), italic=True)
    return [
        (ctx.label("columns", key),
         ctx.optional(values[key]) if applicable.get(key, True) else not_applicable)
        for key in PROCESSING_KEYS[1:]
    ]


def description(doc: ReportDocument, ctx: Context) -> None:
    """Nature, scope, context, purposes; a table per processing operation; legitimate interests."""
    doc.heading(ctx.section_title("description"), 1, new_page=True)
    info = ctx.info
    for key, text in (("nature", info.nature), ("scope", info.scope),
                      ("context", info.context), ("purposes", info.purposes)):
        doc.heading(ctx.label("headings", key), 2)
        doc.text_or_missing(text)

    doc.heading(ctx.label("headings", "processing_operations"), 2)
    operations = ctx.scored.assessment.processing
    # the reader refuses a workbook without operations; an assessment built in code may have none
    doc.paragraphs(ctx.text("processing_intro", count=len(operations)) if operations
                   else ctx.text("no_processing"))
    for op in operations:
        doc.heading(f"{op.id} {op.name}", 3)
        # transposed: one row per Processing column; the header row holds the ID
        doc.table(
            [ctx.label("columns", "id"), op.id], _processing_rows(ctx, op), (1.25, 2.6),
            kind="processing", about={"id": op.id, "name": op.name}, header_column=True,
            keep_together=True,
        )

    doc.heading(ctx.label("headings", "legitimate_interests"), 2)
    relying = [op for op in operations if "f" in op.lawful_bases]
    if not relying:
        doc.paragraphs(ctx.text("no_legitimate_interests"))
    for op in relying:
        doc.paragraphs(ctx.text(
            "legitimate_interest", id=op.id, name=op.name, interest=op.legitimate_interest,
        ))


# --- 4 necessity and proportionality ----------------------------------------------------------


def necessity(doc: ReportDocument, ctx: Context) -> None:
    """Lawful bases, Art. 9 conditions, retention, processors, transfers, rights, information,
    breaches and the necessity text."""
    doc.heading(ctx.section_title("necessity"), 1, new_page=True)
    operations = ctx.scored.assessment.processing
    none = ctx.label("values", "none")

    doc.heading(ctx.label("headings", "lawfulness"), 2)
    keys = ("id", "lawful_basis", "lawful_points", "special_categories", "art9_condition")
    point_label = ctx.label("values", "lawful_point")
    if operations:
        doc.table(
            _headers(ctx, keys),
            [(op.id, op.lawful_basis,
              ", ".join(point_label.replace("{point}", p) for p in op.lawful_bases),
              _list(op.special_categories) or none,
              ctx.optional(op.art9_condition) if op.special_categories
              else Cell(ctx.label("values", "not_applicable"), italic=True))
             for op in operations],
            (0.8, 2.6, 1.6, 2.2, 2.4), kind="lawfulness",
        )
    else:
        doc.paragraphs(ctx.text("no_processing"))

    doc.heading(ctx.label("headings", "retention"), 2)
    keys = ("id", "name", "retention")
    if operations:
        doc.table(_headers(ctx, keys),
                  [(op.id, op.name, ctx.optional(op.retention)) for op in operations],
                  (0.8, 3, 5), kind="retention")
    else:
        doc.paragraphs(ctx.text("no_processing"))

    _operations_listing(doc, ctx, operations, "processors", "processor_agreement", _agreement)
    _operations_listing(doc, ctx, operations, "transfers", "transfer_safeguard")

    info = ctx.info
    for key, text in (("rights", info.rights), ("information", info.information),
                      ("breach_procedure", info.breach_procedure),
                      ("necessity_text", info.necessity)):
        doc.heading(ctx.label("headings", key), 2)
        doc.text_or_missing(text)


def _operations_listing(doc: ReportDocument, ctx: Context, operations, key: str,
                        detail: str, detail_text: Callable | None = None) -> None:
    """The operations whose list ``key`` (processors, transfers) is not empty, with its
    ``detail`` (the processor agreement, the transfer safeguard; ``detail_text(ctx, op)``
    when given, else as typed); a sentence if none has."""
    doc.heading(ctx.label("headings", key), 2)
    listed = [op for op in operations if getattr(op, key)]
    if not listed:
        doc.paragraphs(ctx.text(f"no_{key}"))
        return
    keys = ("id", key, detail)
    doc.table(
        _headers(ctx, keys),
        [(op.id, _list(getattr(op, key)),
          ctx.optional(detail_text(ctx, op) if detail_text else getattr(op, detail)))
         for op in listed],
        (0.8, 4, 4), kind=key,
    )


# --- 5 consultation ---------------------------------------------------------------------------


def consultation(doc: ReportDocument, ctx: Context) -> None:
    """Who was consulted, and the DPO's advice."""
    doc.heading(ctx.section_title("consultation"), 1, new_page=True)
    doc.heading(ctx.label("headings", "consulted"), 2)
    doc.text_or_missing(ctx.info.consultation)
    doc.heading(ctx.label("headings", "dpo_advice"), 2)
    if ctx.info.dpo:
        doc.paragraphs(ctx.text("dpo_name", dpo=ctx.info.dpo))
    doc.text_or_missing(ctx.info.dpo_advice)


# --- 6 risk assessment ------------------------------------------------------------------------


def _grid_rows(ctx: Context, cell_of: Callable[[int, int, int], Cell]) -> list[list[object]]:
    """Rows of a matrix-shaped table: likelihood highest first; ``cell_of(likelihood,
    impact, level index)`` gives each cell."""
    matrix = ctx.matrix
    rows = []
    for likelihood in reversed(matrix.likelihood):
        row: list[object] = [Cell(likelihood.name, bold=True)]
        for impact in matrix.impact:
            index = matrix.level_index(likelihood.value, impact.value)
            row.append(cell_of(likelihood.value, impact.value, index))
        rows.append(row)
    return rows


def _grid_table(doc: ReportDocument, ctx: Context, kind: str, caption: str,
                cell_of: Callable[[int, int, int], Cell], *, legend: bool = False,
                keep_next: bool = False) -> None:
    """A matrix-shaped table (the grid of level names, or a heat map), and under a heat map
    the key to its colours (``keep_next``: kept on the page of what follows)."""
    matrix = ctx.matrix
    headers = [ctx.label("columns", "likelihood_impact")] + [i.name for i in matrix.impact]
    doc.table(headers, _grid_rows(ctx, cell_of), [1.7] + [1] * len(matrix.impact),
              kind=kind, caption=caption, keep_together=True, keep_with_next=legend,
              portrait_width=True)
    if legend:
        doc.legend(ctx.label("legend", "intro"), [
            (level.name, level.colour, ctx.text_colour(level.colour),
             ctx.label("colours", colour_name(level.colour)))
            for level in matrix.levels], keep_next=keep_next)


def _heatmap(doc: ReportDocument, ctx: Context, kind: str, caption: str, residual: bool,
             keep_next: bool = False) -> None:
    """The risk IDs (regular type: a long list reads better so) in the cell of their
    likelihood and impact, each cell naming its level under them (not by colour alone)."""
    cells: dict[tuple[int, int], list[str]] = {}
    for item in ctx.scored.risks:
        rating = item.residual if residual else item.inherent
        cells.setdefault((rating.likelihood, rating.impact), []).append(item.risk.id)
    _grid_table(doc, ctx, kind, caption, lambda lk, im, index: ctx.level_cell(
        index, ", ".join(cells.get((lk, im), ())), bold=False, note=ctx.level_name(index)),
        legend=True, keep_next=keep_next)


def risk_assessment(doc: ReportDocument, ctx: Context) -> None:
    """The matrix legend and grid, the inherent heat map and (landscape) the risk register."""
    doc.heading(ctx.section_title("risk_assessment"), 1, new_page=True)
    matrix = ctx.matrix
    doc.heading(ctx.label("headings", "matrix"), 2)
    doc.paragraphs(ctx.text("matrix_intro", title=_matrix_title(matrix),
                            preset=matrix.preset), keep_next=True)
    keys = ("value", "name", "description")
    for axis, scale in (("likelihood", matrix.likelihood), ("impact", matrix.impact)):
        doc.table(
            _headers(ctx, keys),
            [(str(s.value), s.name, ctx.optional(s.description)) for s in scale],
            (1.2, 1.8, 6), kind=f"{axis}-scale", keep_together=True,
            caption=ctx.label("headings", f"{axis}_scale"),
        )
    banded = all(level.from_score is not None and level.to_score is not None
                 for level in matrix.levels)
    # score bands only where the matrix is defined by them; a grid matrix has none to show
    keys = ("level", "score_band", "acceptable") if banded else ("level", "acceptable")
    rows = []
    for index, level in enumerate(matrix.levels):
        band = [f"{level.from_score}–{level.to_score}"] if banded else []
        rows.append((ctx.level_cell(index), *band, ctx.yes_no(level.acceptable)))
    doc.table(_headers(ctx, keys), rows, (2, 1.5, 1.5)[: len(keys)], kind="risk-levels",
              caption=ctx.label("headings", "risk_levels"), keep_together=True)
    _grid_table(doc, ctx, "matrix", ctx.label("headings", "matrix_grid"),
                lambda lk, im, index: ctx.level_cell(index))

    doc.heading(ctx.label("headings", "heatmap_inherent"), 2)
    doc.paragraphs(ctx.text("heatmap_intro"), keep_next=True)
    _heatmap(doc, ctx, "heatmap-inherent", ctx.label("headings", "heatmap_inherent"), False)

    doc.new_section(landscape=True)
    doc.heading(ctx.label("headings", "risk_register"), 2)
    if not ctx.scored.risks:  # the reader refuses this; an assessment built in code may not
        doc.paragraphs(ctx.text("no_risks"))
        return
    doc.paragraphs(ctx.text("register_intro", count=len(ctx.scored.risks)), keep_next=True)
    doc.table(
        _headers(ctx, RISK_REGISTER_KEYS),
        (_register_row(ctx, item) for item in ctx.scored.risks),
        RISK_REGISTER_WIDTHS,  # 'Likelihood', 'Verwerking' on one line
        kind="risk-register",
        caption=ctx.label("headings", "risk_register"),
    )
    _rationales(doc, ctx)


def _rationales(doc: ReportDocument, ctx: Context) -> None:
    """Why each rating is what it is, per risk that gives a reason (Model DPIA point 16):
    the risk, then one line per rating with the rating and its reason, under the register
    whose cells have no room for a paragraph of text."""
    given = [item for item in ctx.scored.risks if any(
        getattr(item.risk, key) for key in RATIONALE_KEYS)]
    if not given:
        return
    doc.heading(ctx.label("headings", "rationales"), 3)
    for item in given:
        risk = item.risk
        doc.paragraph(f"{risk.id}: {risk.risk}")
        lines = []
        for key, rating in (
            ("likelihood_rationale", ctx.likelihood_name(item.inherent.likelihood)),
            ("impact_rationale", ctx.impact_name(item.inherent.impact)),
            ("residual_rationale", ctx.level_name(item.residual.level)),
        ):
            reason = getattr(risk, key)
            if reason:
                lines.append(f"{ctx.label('columns', key)} ({rating}): {reason}")
        doc.bullets(lines)


def _matrix_title(matrix) -> str:
    """The matrix's human name; "" for a workbook matrix that has none ("custom")."""
    if matrix.title:
        return matrix.title
    return "" if matrix.name.casefold() in ("", "custom") else matrix.name


def _register_row(ctx: Context, item: ScoredRisk) -> tuple:
    risk, rating = item.risk, item.inherent
    return (*[show(ctx, getattr(risk, key)) for key, show in REGISTER_CELLS],
            str(rating.score), ctx.level_cell(rating.level))


# --- 7 measures -------------------------------------------------------------------------------


def measures(doc: ReportDocument, ctx: Context) -> None:
    """All measures, then the action plan (planned and in progress, by due date)."""
    # in the landscape run of tables from the risk register on, a section follows on the
    # page where the last table ended: a new page would leave the last rows of a long
    # register or action plan alone on a page
    doc.heading(ctx.section_title("measures"), 1)
    all_measures = ctx.scored.assessment.measures
    doc.heading(ctx.label("headings", "all_measures"), 2)
    if not all_measures:
        doc.paragraphs(ctx.text("no_measures"))
    else:
        doc.table(
            _headers(ctx, MEASURE_KEYS), (_measure_row(ctx, m) for m in all_measures),
            MEASURE_WIDTHS, kind="measures",
            caption=ctx.label("headings", "all_measures"),
        )
    doc.heading(ctx.label("headings", "action_plan"), 2)
    open_measures = ctx.open_measures
    doc.paragraphs(ctx.text("action_plan_intro", count=len(open_measures)), keep_next=True)
    if open_measures:
        doc.table(
            _headers(ctx, ACTION_PLAN_KEYS), [_action_row(ctx, m) for m in open_measures],
            (0.6, 4, 1.3, 1.6, 1.4, 1.4), kind="action-plan",
            caption=ctx.label("headings", "action_plan"),
        )


def _measure_row(ctx: Context, m: Measure) -> tuple:
    return (*[show(ctx, getattr(m, key)) for key, show in MEASURE_CELLS],
            ctx.optional(", ".join(ctx.risks_of_measure.get(m.id, ()))))


def _action_row(ctx: Context, m: Measure) -> tuple:
    return (m.id, m.measure, ctx.word("status", m.status), ctx.optional(m.owner),
            ctx.date(m.due_date) or Cell(ctx.label("values", "undated"), italic=True),
            ctx.optional(", ".join(ctx.risks_of_measure.get(m.id, ()))))


# --- 8 residual risk --------------------------------------------------------------------------


def residual(doc: ReportDocument, ctx: Context) -> None:
    """Inherent against residual per risk, treatment and owner, the heat map after measures,
    the risks that stay at a non-acceptable level and the Art. 36 conclusion: all in the
    landscape run of tables, so that what follows a long table fills its last page (after a
    section break it made pages of two lines, or of a few rows)."""
    doc.heading(ctx.section_title("residual"), 1)  # on the same page: see measures()
    doc.heading(ctx.label("headings", "inherent_vs_residual"), 2)
    if ctx.scored.risks:
        doc.table(
            _headers(ctx, RESIDUAL_HEADERS),
            (_residual_row(ctx, item) for item in ctx.scored.risks),
            (0.6, 3.4, 0.9, 1.1, 1.5, 1.2, 1.2, 0.9, 1.2), kind="residual",
            caption=ctx.label("headings", "inherent_vs_residual"),
        )
    else:
        doc.paragraphs(ctx.text("no_risks"))
    not_reassessed = [item.risk.id for item in ctx.scored.risks
                      if not item.reassessed and not item.risk.accepted_as_is]
    if not_reassessed:
        doc.paragraphs(ctx.text("not_reassessed", ids=", ".join(not_reassessed),
                                count=len(not_reassessed)))
    _accepted_as_is(doc, ctx)

    doc.heading(ctx.label("headings", "risk_treatment"), 2)
    if ctx.scored.risks:
        doc.table(
            _headers(ctx, TREATMENT_KEYS),
            (_treatment_row(ctx, item) for item in ctx.scored.risks),
            (0.6, 5.2, 1.3, 1.5, 2.6), kind="treatment",
            caption=ctx.label("headings", "risk_treatment"),
        )
    else:
        doc.paragraphs(ctx.text("no_risks"))

    doc.heading(ctx.label("headings", "heatmap_residual"), 2)
    # the heat map, its key and the conclusions after it stay together: on the page after a
    # long table rather than leave the last lines of the section alone on a page
    _heatmap(doc, ctx, "heatmap-residual", ctx.label("headings", "heatmap_residual"), True,
             keep_next=True)

    doc.heading(ctx.label("headings", "remaining_risks"), 2)
    remaining = ctx.non_acceptable()
    if remaining:
        _risk_lines(doc, ctx, remaining, keep_next=True)
    else:
        doc.paragraphs(ctx.text("no_remaining_risks"), keep_next=True)

    doc.heading(ctx.label("headings", "art36"), 2)
    doc.paragraphs(ctx.text("art36", prior=ctx.scored.prior_consultation,
                            count=len(remaining)))
    doc.new_section(landscape=False)


def _accepted_as_is(doc: ReportDocument, ctx: Context) -> None:
    """The risks accepted as they are (treatment accept, no measures): a decision, with who
    approved the residual risks and when (Sign-off), and which of them stay at a level that
    is not acceptable, so that accepting them is seen not to avoid prior consultation."""
    accepted = [item for item in ctx.scored.risks if item.risk.accepted_as_is]
    if not accepted:
        return
    levels = ctx.matrix.levels
    staying = [item.risk.id for item in accepted if not levels[item.residual.level].acceptable]
    approvals = ctx.sign_off_rows[0].get("residual_approved", ())
    doc.paragraphs(ctx.text(
        "accepted_as_is",
        ids=", ".join(item.risk.id for item in accepted), count=len(accepted),
        unrated=any(not item.reassessed for item in accepted),
        approvals=[(row.name, ctx.date(row.date)) for row in approvals],
        non_acceptable=", ".join(staying), non_acceptable_count=len(staying),
        sign_off_section=ctx.section_title("sign_off"),
    ))


def _measures_cell(ctx: Context, item: ScoredRisk) -> Cell | str:
    """A risk's measure IDs; for a risk accepted as it is, that none were meant."""
    if item.risk.accepted_as_is:
        return Cell(ctx.label("values", "accepted_without_measures"), italic=True)
    return ctx.optional(", ".join(item.risk.measures))


def _residual_row(ctx: Context, item: ScoredRisk) -> tuple:
    risk, inherent, rating = item.risk, item.inherent, item.residual
    return (
        risk.id, risk.risk, str(inherent.score), ctx.level_cell(inherent.level),
        _measures_cell(ctx, item), ctx.likelihood_name(rating.likelihood),
        ctx.impact_name(rating.impact), str(rating.score), ctx.level_cell(rating.level),
    )


def _treatment_row(ctx: Context, item: ScoredRisk) -> tuple:
    risk = item.risk
    return (
        risk.id, risk.risk, ctx.level_cell(item.residual.level),
        ctx.optional(ctx.word("treatment", risk.treatment)), ctx.optional(risk.owner),
    )


# --- 9 sign-off -------------------------------------------------------------------------------


def sign_off(doc: ReportDocument, ctx: Context) -> None:
    """The ICO sign-off items (filled from the workbook, empty rows to sign otherwise), any
    further workbook rows, and the review date."""
    doc.heading(ctx.section_title("sign_off"), 1, new_page=True)
    doc.heading(ctx.label("headings", "sign_off_table"), 2)
    rows_by_key, others = ctx.sign_off_rows
    table_rows = []
    for key in SIGN_OFF_ITEMS:
        item = sign_off_item(key, ctx.lang)
        filled = rows_by_key.get(key)
        if not filled:
            table_rows.append((item, "", "", ""))  # left blank to sign on paper
        for row in filled or ():
            table_rows.append((item, row.name, ctx.date(row.date), row.notes))
    for row in others:
        table_rows.append((row.item, row.name, ctx.date(row.date), row.notes))
    keys = ("item", "name", "date", "notes")
    doc.paragraphs(ctx.text("sign_off_intro"), keep_next=True)
    doc.table(_headers(ctx, keys), table_rows, (2.8, 2, 1.7, 2.5), kind="sign-off")
    doc.heading(ctx.label("headings", "review"), 2)
    doc.paragraphs(ctx.text("review", date=ctx.date(ctx.info.review_date)))


# --- annexes ----------------------------------------------------------------------------------


def annex_a(doc: ReportDocument, ctx: Context) -> None:
    """Art. 35(7)(a)-(d): the section covering each element, and gaps the workbook left."""
    doc.heading(ctx.section_title("annex_a"), 1, new_page=True)
    doc.paragraphs(ctx.text("annex_a_intro"), keep_next=True)
    info = ctx.info
    assessment = ctx.scored.assessment
    field = ctx.labels["headings"]

    def gaps_of(pairs) -> list[str]:
        return [label for label, value in pairs if not str(value).strip()]

    missing_interest = [op.id for op in assessment.processing
                        if "f" in op.lawful_bases and not op.legitimate_interest.strip()]
    gaps = {
        "a": gaps_of(((field["nature"], info.nature), (field["scope"], info.scope),
                      (field["context"], info.context), (field["purposes"], info.purposes)))
        + ([f"{field['legitimate_interests']} ({', '.join(missing_interest)})"]
           if missing_interest else []),
        "b": gaps_of(((field["necessity_text"], info.necessity), (field["rights"], info.rights),
                      (field["information"], info.information),
                      (field["breach_procedure"], info.breach_procedure))),
        "c": [f"{ctx.label('columns', 'impact_on_individuals')} ({', '.join(ids)})"
              for ids in [[r.id for r in assessment.risks if not r.impact_on_individuals.strip()]]
              if ids],
        "d": ([field["all_measures"]] if not assessment.measures else [])
        + [f"{ctx.label('columns', 'measures')} ({', '.join(ids)})"
           for ids in [[r.id for r in assessment.risks
                        if not r.measures and not r.accepted_as_is]] if ids],
    }
    # a risk accepted as it is has no measures by decision: said, not flagged as a gap
    accepted = [r.id for r in assessment.risks if r.accepted_as_is]
    notes = {"d": f"; {ctx.label('values', 'accepted_without_measures_ids')}: "
                  f"{', '.join(accepted)} ({ctx.section_title('residual')})" if accepted else ""}
    sections = {"a": "description", "b": "necessity", "c": "risk_assessment", "d": "measures"}
    rows = []
    for letter in "abcd":
        note = notes.get(letter, "")
        if gaps[letter]:
            finding = Cell(f"{ctx.label('values', 'gap')}: " + "; ".join(gaps[letter]) + note,
                           fill="FFC000", colour="000000", bold=True)
        else:
            finding = ctx.label("values", "covered") + note
        rows.append((ctx.label("annex_a", letter), ctx.section_title(sections[letter]), finding))
    keys = ("element", "section", "finding")
    doc.table(_headers(ctx, keys), rows, (4, 2.2, 2.6), kind="annex-a")


def annex_b(doc: ReportDocument, ctx: Context) -> None:
    """Input file and hash, sheets and rows, matrix, dpia version, how to verify."""
    doc.heading(ctx.section_title("annex_b"), 1, new_page=True)
    source = ctx.scored.assessment.source
    matrix = ctx.matrix
    doc.heading(ctx.label("headings", "source"), 2)
    rows = [
        (ctx.label("fields", "file"), ctx.optional(source.name if source else "")),
        (ctx.label("fields", "sha256"), ctx.optional(source.sha256 if source else "")),
        (ctx.label("fields", "matrix"),
         f"{matrix.title} ({matrix.name})" if matrix.title else matrix.name),
        (ctx.label("fields", "language"), languages.name(ctx.lang)),
        (ctx.label("fields", "dpia_version"), __version__),
    ]
    doc.table([ctx.label("columns", "field"), ctx.label("columns", "value")], rows, (1, 3),
              kind="provenance", header_column=True)
    doc.heading(ctx.label("headings", "sheets"), 2)
    if source and source.sheet_rows:
        keys = ("sheet", "rows")
        doc.table(_headers(ctx, keys), [(name, ctx.count(count))
                                        for name, count in source.sheet_rows],
                  (3, 1), kind="sheets")
    else:
        doc.missing()
    doc.heading(ctx.label("headings", "verification"), 2)
    doc.paragraphs(ctx.text("verification", workbook=source.name if source else "WORKBOOK.xlsx"))


@dataclass(frozen=True)
class Section:
    """A part of the report: ``write`` puts it into the document; ``key`` names its heading
    (``labels.toml`` ``[headings]``) for ``Context.section_title``. A numbered section is
    numbered 1, 2, ... in the order of :data:`SECTIONS`; the title page and the annexes are
    not (an annex carries its letter in its heading label)."""

    key: str
    write: Callable[[ReportDocument, Context], None]
    numbered: bool = True


# The report, in order: the one place a section is added, moved or renumbered.
SECTIONS: tuple[Section, ...] = (
    Section("title_page", title_page, numbered=False),
    Section("summary", summary),
    Section("screening", screening),
    Section("description", description),
    Section("necessity", necessity),
    Section("consultation", consultation),
    Section("risk_assessment", risk_assessment),
    Section("measures", measures),
    Section("residual", residual),
    Section("sign_off", sign_off),
    Section("annex_a", annex_a, numbered=False),
    Section("annex_b", annex_b, numbered=False),
)


def section_numbers(sections: Iterable[Section]) -> dict[str, str]:
    """The number shown in the heading of each numbered section of ``sections`` (in order):
    key -> ``"1"``, ``"2"``..."""
    numbered = (section.key for section in sections if section.numbered)
    return {key: str(number) for number, key in enumerate(numbered, 1)}


# What the columns of each kind of table hold (the rows, for the transposed ``processing``
# tables), in order: for programs that read a report's tables by the hidden bookmark that
# names their kind (``docxml.table_kind``), whatever the report's language.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "document-control": ("field", "value"),
    "history": ("version", "date", "author", "changes"),
    "changes": CHANGES_KEYS,
    "summary": SUMMARY_KEYS,
    "screening": ("criterion", "applies", "justification"),
    "processing": PROCESSING_KEYS,
    "lawfulness": ("id", "lawful_basis", "lawful_points", "special_categories", "art9_condition"),
    "retention": ("id", "name", "retention"),
    "processors": ("id", "processors", "processor_agreement"),
    "transfers": ("id", "transfers", "transfer_safeguard"),
    "likelihood-scale": ("value", "name", "description"),
    "impact-scale": ("value", "name", "description"),
    "risk-register": RISK_REGISTER_KEYS,
    "measures": MEASURE_KEYS,
    "action-plan": ACTION_PLAN_KEYS,
    "residual": RESIDUAL_KEYS,
    "treatment": TREATMENT_KEYS,
    "sign-off": ("item", "name", "date", "notes"),
    "annex-a": ("element", "section", "finding"),
    "provenance": ("field", "value"),
    "sheets": ("sheet", "rows"),
}
_GRIDS = ("matrix", "heatmap-inherent", "heatmap-residual")


def table_keys(kind: str, columns: int) -> tuple[str, ...]:
    """The keys of a table of ``kind`` with ``columns`` columns: :data:`TABLE_KEYS`, or for
    the tables whose columns depend on the matrix, ``likelihood`` then the impact values
    1..n (grids) and ``level``, ``score_band`` where the matrix has score bands,
    ``acceptable`` (risk levels)."""
    if kind in _GRIDS:
        return ("likelihood", *(str(value) for value in range(1, columns)))
    if kind == "risk-levels":
        return ("level", "score_band", "acceptable") if columns == 3 else ("level", "acceptable")
    return TABLE_KEYS[kind]
