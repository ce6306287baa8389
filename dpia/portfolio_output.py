"""The portfolio in words: the register's rows (``COLUMNS``), as text for the terminal, CSV
and JSON, and ``dpia due``'s list. The Excel register (``register_xlsx``) and the board
summary (``portfolio_docx``) take their rows and words from here too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from dpia.errors import one_line
from dpia.i18n import N_, _, translate
from dpia.portfolio import (
    REGISTER_LANGUAGE,
    WORKBOOK,
    Action,
    Deadline,
    Entry,
    Portfolio,
    heat_maps,
)


def deadlines_text(items: Sequence[Deadline], as_of: dt.date, within: int) -> str:
    """``dpia due`` for the terminal: one line per deadline, then a count."""
    from dpia.output import text_table

    rows = []
    for item in items:
        if item.kind == "review":
            what = _("review")
        else:
            what = f"{item.item} {item.what}" + (
                _(" (owner: {owner})").format(owner=item.owner) if item.owner else "")
        rows.append([item.date.isoformat(), _("OVERDUE") if item.overdue else _("due"),
                     item.entry, _short(item.title), what])
    overdue = sum(item.overdue for item in items)
    summary = _("{overdue} overdue, {due} due within {within} day(s) of {date}").format(
        overdue=overdue, due=len(items) - overdue, within=within, date=as_of.isoformat())
    if not rows:
        return _("Nothing due. {summary}").format(summary=summary) + "\n"
    return text_table([_("Date"), "", _("File"), "DPIA", _("What")], rows) + f"\n\n{summary}\n"


def _short(text: str, width: int = 48) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# --- the register as rows --------------------------------------------------------------------

COLUMNS: tuple[str, ...] = (
    "File", "Kind", "Title", "Organisation", "Owner", "DPO", "Version", "Status", "Date",
    "Review date", "Review overdue", "DPIA required", "Matrix", "Risks", "Inherent risks",
    "Residual risks", "Highest residual", "Prior consultation", "Art. 35(7) gaps",
    "Measures planned", "Measures in progress", "Measures overdue", "Report check", "Error",
)


def _yes_no(value: bool | None, none: str = "") -> str:
    return none if value is None else ("yes" if value else "no")


def status_word(status: str) -> str:
    """A measure's or an assessment's status as the register shows it."""
    return {"in_progress": "in progress"}.get(status, status)


def register_row(entry: Entry, as_of: dt.date) -> list:
    """One row of the register, in ``COLUMNS`` order: text, numbers and dates (None: empty)."""
    checks = "; ".join(f"{Path(check.report).name}: {check}" if entry.kind == WORKBOOK
                       else str(check) for check in entry.checks)
    if not entry.ok:
        return [entry.label, entry.kind] + [None] * (len(COLUMNS) - 4) + [checks or None,
                                                                         entry.error]
    actions = entry.actions
    return [
        entry.label, entry.kind, entry.title, entry.organisation, entry.owner, entry.dpo,
        entry.version, status_word(entry.status), entry.date, entry.review_date,
        "yes" if entry.review_overdue(as_of) else ("no" if entry.review_date else ""),
        _yes_no(entry.dpia_required, "not screened"),
        entry.matrix.title or entry.matrix.name if entry.matrix else "",
        entry.risks, entry.counts_text(entry.inherent_counts),
        entry.counts_text(entry.residual_counts), entry.level_name(entry.highest_residual),
        _yes_no(entry.prior_consultation), "; ".join(entry.gaps),
        sum(a.status == "planned" for a in actions),
        sum(a.status == "in_progress" for a in actions),
        len(entry.overdue_actions(as_of)), checks, None,
    ]


def entry_dict(entry: Entry, as_of: dt.date) -> dict:
    """One DPIA as JSON data."""
    data: dict = {"file": entry.label, "kind": entry.kind}
    if not entry.ok:
        data["error"] = entry.error
        return data
    levels = entry.matrix.levels if entry.matrix else ()
    data.update({
        "title": entry.title, "organisation": entry.organisation, "owner": entry.owner,
        "dpo": entry.dpo, "version": entry.version, "status": entry.status,
        "date": entry.date.isoformat() if entry.date else None,
        "review_date": entry.review_date.isoformat() if entry.review_date else None,
        "review_overdue": entry.review_overdue(as_of),
        "dpia_required": entry.dpia_required,
        "matrix": entry.matrix.name if entry.matrix else None,
        "risks": entry.risks,
        "inherent": {lv.name: n for lv, n in zip(levels, entry.inherent_counts, strict=False)},
        "residual": {lv.name: n for lv, n in zip(levels, entry.residual_counts, strict=False)},
        "highest_residual": entry.level_name(entry.highest_residual) or None,
        "prior_consultation": entry.prior_consultation,
        "art35_7_gaps": list(entry.gaps),
        "actions": [action_dict(action, as_of) for action in entry.actions],
        "warnings": entry.warnings,
    })
    if entry.checks:
        data["reports"] = [{"report": c.report, "outcome": c.outcome, "detail": c.detail or None,
                            "workbook": c.workbook or None} for c in entry.checks]
    return data


def action_dict(action: Action, as_of: dt.date) -> dict:
    """One open action as JSON data."""
    return {"id": action.measure_id, "measure": action.measure, "owner": action.owner,
            "due": action.due.isoformat() if action.due else None,
            "status": action.status, "overdue": action.overdue(as_of)}


def portfolio_dict(portfolio: Portfolio, as_of: dt.date) -> dict:
    """The whole register as JSON data: DPIAs, open actions, heat maps, skipped files."""
    return {
        "as_of": as_of.isoformat(),
        "dpias": [entry_dict(entry, as_of) for entry in portfolio.entries],
        "heat_maps": [
            {"matrix": m.matrix.name, "dpias": list(m.dpias), "risks": m.risks,
             "cells": [{"likelihood": like, "impact": imp, "risks": n}
                       for (like, imp), n in sorted(m.cells.items())]}
            for m in heat_maps(portfolio)
        ],
        "skipped": [{"file": str(s.path), "reason": s.reason} for s in portfolio.skipped],
    }


def deadline_dict(deadline: Deadline) -> dict:
    return {"file": deadline.entry, "title": deadline.title, "kind": deadline.kind,
            "date": deadline.date.isoformat(), "id": deadline.item or None,
            "measure": deadline.what or None, "owner": deadline.owner or None,
            "status": deadline.status or None, "overdue": deadline.overdue,
            "uid": deadline.uid}


def register_csv(portfolio: Portfolio, as_of: dt.date) -> str:
    """One CSV row per DPIA, ``COLUMNS`` as the header; dates as YYYY-MM-DD."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in portfolio.entries:
        writer.writerow(_csv_cell(value) for value in register_row(entry, as_of))
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = one_line(str(value))
    # a cell starting with = + - @ is a formula to Excel: data stays data
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def register_text(portfolio: Portfolio, as_of: dt.date) -> str:
    """The register for the terminal: one line per DPIA, then what needs attention."""
    from dpia.output import text_table

    header = ["File", "Title", "Status", "Review", "Highest residual", "Art. 36",
              "Gaps", "Open actions", "Report check"]
    rows = []
    for entry in portfolio.entries:
        if not entry.ok:
            rows.append([entry.label, "(could not be read: see below)"] + ["-"] * 7)
            continue
        review = entry.review_date.isoformat() if entry.review_date else "-"
        if entry.review_overdue(as_of):
            review += " OVERDUE"
        overdue = len(entry.overdue_actions(as_of))
        open_actions = str(len(entry.actions)) + (f" ({overdue} overdue)" if overdue else "")
        rows.append([
            entry.label, _short(entry.title), status_word(entry.status), review,
            entry.level_name(entry.highest_residual) or "-",
            "yes" if entry.prior_consultation else "no",
            ", ".join(gap.split(" ", 1)[0] for gap in entry.gaps) or "-", open_actions,
            "; ".join(str(check) for check in entry.checks) or "-",
        ])
    text = text_table(header, rows) + "\n"
    if portfolio.failed:
        text += "\nCould not be read:\n" + "".join(
            f"  {entry.label}: {entry.error}\n" for entry in portfolio.failed)
    return text + "\n" + summary_line(portfolio, as_of, REGISTER_LANGUAGE) + "\n"


def summary_line(portfolio: Portfolio, as_of: dt.date, lang: str | None = None) -> str:
    """``N DPIAs (as of DATE): ... `` in one line, in ``lang`` (default: the messages'
    language; the register itself is in ``REGISTER_LANGUAGE``)."""
    dpias = portfolio.dpias
    reviews = sum(entry.review_overdue(as_of) for entry in dpias)
    actions = sum(len(entry.overdue_actions(as_of)) for entry in dpias)
    prior = sum(entry.prior_consultation for entry in dpias)
    parts = [translate(N_("{count} DPIA(s) as of {date}"), lang).format(
                 count=len(dpias), date=as_of.isoformat()),
             translate(N_("{count} review(s) overdue"), lang).format(count=reviews),
             translate(N_("{count} action(s) overdue"), lang).format(count=actions),
             translate(N_("{count} needing prior consultation"), lang).format(count=prior)]
    if portfolio.failed:
        parts.append(translate(N_("{count} file(s) could not be read"), lang).format(
            count=len(portfolio.failed)))
    return ", ".join(parts)

