"""The board summary of a portfolio: a short Word document in the reports' house style
(``--template``), made with the report's own document machinery (``ReportDocument``).

In order: the portfolio in numbers, the heat map of residual risks per matrix in use, the
DPIAs that need prior consultation (Art. 36), the overdue reviews, the overdue actions, and
the files that could not be read. In English.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dpia import portfolio as pf
from dpia import portfolio_output as words
from dpia.fsutil import write_atomic
from dpia.labels import labels
from dpia.register_xlsx import text_colour
from dpia.report.cell import Cell
from dpia.report.context import colour_name
from dpia.report.document import ReportDocument

TITLE = "DPIA portfolio"
_LABELS = labels("en")


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else ""


def _level_cell(entry: pf.Entry, index: int | None) -> Cell | str:
    if index is None or entry.matrix is None:
        return "-"
    level = entry.matrix.levels[index]
    return Cell(level.name, fill=level.colour, colour=text_colour(level.colour), bold=True)


def _heat_map(doc: ReportDocument, heat_map: pf.HeatMap) -> None:
    matrix = heat_map.matrix
    doc.heading(f"{matrix.title or matrix.name}: {len(heat_map.dpias)} DPIA(s), "
                f"{heat_map.risks} residual risk(s)", 3)
    headers = ["Likelihood \\ Impact"] + [level.name for level in matrix.impact]
    rows = []
    for likelihood in reversed(matrix.likelihood):
        row: list[object] = [likelihood.name]
        for impact in matrix.impact:
            colour = matrix.level(likelihood.value, impact.value).colour
            count = heat_map.cells.get((likelihood.value, impact.value), 0)
            row.append(Cell(str(count) if count else "", fill=colour,
                            colour=text_colour(colour), bold=True))
        rows.append(row)
    doc.table(headers, rows, [1.6] + [1] * len(matrix.impact), header_column=True,
              keep_together=True, keep_with_next=True, kind="portfolio-heatmap",
              about={"name": matrix.title or matrix.name})
    # the key names each level on its colour and the colour in words: not by colour alone
    doc.legend("Key:", [(level.name, level.colour, text_colour(level.colour),
                         _LABELS["colours"][colour_name(level.colour)])
                        for level in matrix.levels])


def render(portfolio: pf.Portfolio, as_of: dt.date, *, template: Path | None = None,
           notes: list[str] | None = None) -> bytes:
    """The board summary as .docx bytes; the same portfolio and date give the same bytes."""
    doc = ReportDocument(template, _LABELS, notes)
    doc.header_footer(f"{TITLE} as of {as_of.isoformat()}", "")
    doc.paragraph(TITLE, style="Title")
    dpias = portfolio.dpias
    doc.paragraph(words.summary_line(portfolio, as_of, pf.REGISTER_LANGUAGE) + ".")

    doc.heading("Residual risk across the portfolio", 1)
    maps = pf.heat_maps(portfolio)
    if not maps:
        doc.paragraph("No DPIA could be read.")
    doc.paragraph("Each cell counts the risks of all DPIAs on that matrix that remain at that "
                  "likelihood and impact after their measures.")
    for heat_map in maps:
        _heat_map(doc, heat_map)

    doc.heading("Prior consultation needed (Art. 36)", 1)
    prior = [entry for entry in dpias if entry.prior_consultation]
    if prior:
        doc.table(["DPIA", "File", "Owner", "Highest residual", "Residual risks"],
                  [[e.title, e.label, e.owner, _level_cell(e, e.highest_residual),
                    e.counts_text(e.residual_counts)] for e in prior],
                  (3, 2.4, 1.6, 1.4, 2.2), kind="portfolio-prior-consultation")
    else:
        doc.paragraph("None: every DPIA leaves its risks at an acceptable level.")

    doc.heading("Overdue reviews", 1)
    reviews = sorted((e for e in dpias if e.review_overdue(as_of)),
                     key=lambda e: (e.review_date, e.label))
    if reviews:
        doc.table(["DPIA", "File", "Owner", "DPO", "Review date"],
                  [[e.title, e.label, e.owner, e.dpo, _day(e.review_date)] for e in reviews],
                  (3, 2.4, 1.6, 1.6, 1.4), kind="portfolio-overdue-reviews")
    else:
        doc.paragraph("None.")

    doc.heading("Overdue actions", 1)
    actions = [(entry, action) for entry, action in portfolio.actions()
               if action.overdue(as_of)]
    if actions:
        doc.table(["DPIA", "Measure", "Owner", "Due", "Status"],
                  [[entry.title, f"{action.measure_id} {action.measure}", action.owner,
                    _day(action.due), words.status_word(action.status)]
                   for entry, action in actions],
                  (2.6, 3.2, 1.6, 1.2, 1.2), kind="portfolio-overdue-actions")
    else:
        doc.paragraph("None.")

    if portfolio.failed:
        doc.heading("Files that could not be read", 1)
        doc.table(["File", "Error"], [[e.label, e.error or ""] for e in portfolio.failed],
                  (2.5, 6), kind="portfolio-errors")
    doc.finish()
    return doc.to_bytes(title=f"{TITLE} as of {as_of.isoformat()}", author="dpia",
                        date=as_of, language=pf.REGISTER_LANGUAGE)


def write_summary(path: Path, portfolio: pf.Portfolio, as_of: dt.date, *,
                  template: Path | None = None, force: bool = False,
                  notes: list[str] | None = None) -> None:
    """Write the board summary to ``path`` (.docx) atomically."""
    from dpia.fsutil import check_target

    inputs = (Path(template),) if template is not None else ()
    check_target(Path(path), force=force, inputs=inputs)  # before the work
    write_atomic(Path(path), render(portfolio, as_of, template=template, notes=notes),
                 force=force, inputs=inputs)
