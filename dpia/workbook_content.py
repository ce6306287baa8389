"""What ``dpia init`` (``dpia.workbook_template``) writes below a workbook's headers: the
rows of each sheet as plain data. Its own module, so that the worked example
(``dpia.workbook_example``), the CNIL import and the samples can build one without importing
the writer, and the writer can import the example without a cycle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
