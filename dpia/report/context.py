"""What every section needs besides the document: the scored assessment, the language, its
labels, and small formatting helpers (dates, level cells, scale names, value words)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from functools import cached_property

from dpia.docxml import Cell
from dpia.matrix import text_colour
from dpia.model import Measure, ScoredAssessment, ScoredRisk, SignOff
from dpia.report.document import NOT_PROVIDED_COLOUR
from dpia.report.text import Paragraph, labels, narrative
from dpia.schema import SCREENING_CRITERIA, SIGN_OFF_ITEMS, criterion_name, header_key

_WHOLE_NUMBER = re.compile(r"[+-]?\d{4,15}(?:\.0+)?")


@functools.lru_cache(maxsize=4096)
def _long_date(value: dt.date, locale: str) -> str:
    # cached: a large report repeats a few hundred due dates thousands of times
    from babel.dates import format_date

    return format_date(value, format="long", locale=locale.replace("-", "_"))


@functools.lru_cache(maxsize=256)
def _grouped(value: int, locale: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale.replace("-", "_"))


@dataclass
class Context:
    """The scored assessment in one report language, with formatting helpers."""

    scored: ScoredAssessment
    lang: str
    previous: ScoredAssessment | None = None
    numbers: dict[str, str] = field(default_factory=dict)  # section key -> "3" / "A"
    _level_cells: dict[tuple, Cell] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def labels(self) -> dict:
        return labels(self.lang)

    @property
    def info(self):
        return self.scored.assessment.info

    @property
    def matrix(self):
        return self.scored.matrix

    def label(self, group: str, key: str) -> str:
        """A label from labels.toml."""
        return self.labels[group][key]

    def text(self, name: str, /, **values: object) -> list[Paragraph]:
        """Narrative macro ``name`` rendered with ``values``."""
        return narrative(self.lang, name, **values)

    def section_title(self, key: str) -> str:
        """A numbered main heading, e.g. ``"3 Description of the processing"``."""
        number = self.numbers.get(key)
        title = self.label("headings", key)
        if number is None or not number.isdigit():
            return title  # the annexes carry their letter in the label
        return f"{number} {title}"

    def section_ref(self, key: str) -> str:
        """How narrative refers to a section: its number and title."""
        return self.section_title(key)

    # --- values -----------------------------------------------------------------------

    def date(self, value: dt.date | None) -> str:
        """A date as words in the report's locale (CLDR's long form: ``25 May 2026``,
        ``25 mei 2026``), ``""`` for none."""
        if value is None:
            return ""
        return _long_date(value, self.labels["document"]["locale"])

    def number(self, text: str) -> str:
        """A count typed in the workbook (``850000``) with the locale's digit grouping
        (``850,000``, ``850.000``); any other text (``about 2 million``) as typed."""
        if not _WHOLE_NUMBER.fullmatch(text.strip()):
            return text
        return _grouped(int(float(text.strip())), self.labels["document"]["locale"])

    def word(self, group: str, key: str) -> str:
        """A canonical value (status, type, treatment) in the report language; free text
        (a value the workbook format does not know) is shown as typed."""
        return self.labels["values"].get(group, {}).get(key, key)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.labels["values"]["not_answered"]
        return self.labels["values"]["yes" if value else "no"]

    def missing_cell(self) -> Cell:
        return Cell(self.labels["values"]["not_provided"], colour=NOT_PROVIDED_COLOUR, italic=True)

    def optional(self, text: str) -> Cell | str:
        """A table cell for an optional workbook value: the value or the "not provided" note."""
        return text if str(text).strip() else self.missing_cell()

    def level_name(self, index: int) -> str:
        return self.matrix.levels[index].name

    def level_cell(self, index: int, text: str | None = None, *, bold: bool = True) -> Cell:
        """A cell shaded in the level's colour with readable text."""
        key = (index, text, bold)
        cell = self._level_cells.get(key)
        if cell is None:  # a few distinct cells, asked for once or twice per risk
            colour = self.matrix.levels[index].colour
            cell = self._level_cells[key] = Cell(
                text if text is not None else self.level_name(index), fill=colour,
                colour=text_colour(colour), bold=bold)
        return cell

    def likelihood_name(self, value: int) -> str:
        return self.matrix.likelihood[value - 1].name

    def impact_name(self, value: int) -> str:
        return self.matrix.impact[value - 1].name

    def criterion_name(self, criterion: str, key: str | None) -> str:
        """A screening criterion in the report language (free criteria as typed)."""
        if key in SCREENING_CRITERIA:
            return criterion_name(key, self.lang)
        return criterion

    @staticmethod
    def join(items) -> str:
        return ", ".join(str(item) for item in items)

    # --- derived data -------------------------------------------------------------------

    @cached_property
    def measures_by_id(self) -> dict[str, Measure]:
        return {measure.id: measure for measure in self.scored.assessment.measures}

    @cached_property
    def risks_of_measure(self) -> dict[str, list[str]]:
        """Measure ID -> IDs of the risks it addresses, in risk order."""
        found: dict[str, list[str]] = {m.id: [] for m in self.scored.assessment.measures}
        for item in self.scored.risks:
            for measure_id in item.risk.measures:
                found.setdefault(measure_id, []).append(item.risk.id)
        return found

    @cached_property
    def by_residual(self) -> list[ScoredRisk]:
        """Risks from the highest residual level and score down; workbook order on ties."""
        order = {id(item): n for n, item in enumerate(self.scored.risks)}
        return sorted(
            self.scored.risks,
            key=lambda r: (-r.residual.level, -r.residual.score, order[id(r)]),
        )

    @cached_property
    def open_measures(self) -> list[Measure]:
        """Measures planned or in progress: by due date, undated last, then workbook order."""
        measures = [m for m in self.scored.assessment.measures
                    if m.status in ("planned", "in_progress")]
        return sorted(
            measures,
            key=lambda m: (m.due_date is None, m.due_date or dt.date.min),
        )

    @cached_property
    def sign_off_rows(self) -> tuple[dict[str, list[SignOff]], list[SignOff]]:
        """The Sign-off rows by ICO item (``SIGN_OFF_ITEMS`` key, any language), and the
        rows of other items, in workbook order."""
        names = {header_key(name): key for key, by_language in SIGN_OFF_ITEMS.items()
                 for name in by_language.values()}
        by_key: dict[str, list[SignOff]] = {}
        others: list[SignOff] = []
        for row in self.scored.assessment.sign_off:
            key = names.get(header_key(row.item))
            if key is None:
                others.append(row)
            else:
                by_key.setdefault(key, []).append(row)
        return by_key, others

    def non_acceptable(self) -> list[ScoredRisk]:
        """Risks whose residual level is not acceptable (Art. 36)."""
        levels = self.matrix.levels
        return [r for r in self.by_residual if not levels[r.residual.level].acceptable]
