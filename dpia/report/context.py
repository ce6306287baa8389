"""What every section needs besides the document: the scored assessment, the language, its
labels, and small formatting helpers (dates, level cells, scale names, value words)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from functools import cached_property

from dpia.matrix import text_colour
from dpia.model import Measure, ScoredAssessment, ScoredRisk, SignOff
from dpia.report.cell import Cell
from dpia.report.document import NOT_PROVIDED_COLOUR
from dpia.report.text import Paragraph, grouped, labels, narrative
from dpia.schema import SCREENING_CRITERIA, SIGN_OFF_ITEMS, criterion_name, header_key

_WHOLE_NUMBER = re.compile(r"[+-]?\d{4,15}(?:\.0+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@functools.lru_cache(maxsize=4096)
def _long_date(value: dt.date, locale: str) -> str:
    # cached: a large report repeats a few hundred due dates thousands of times
    from babel.dates import format_date

    return format_date(value, format="long", locale=locale.replace("-", "_"))


# Hue ranges (degrees, upper bound) and the [colours] label of each, for naming a level's
# colour in the key under a heat map
_HUES = ((15, "red"), (40, "orange"), (50, "amber"), (70, "yellow"), (170, "green"),
         (255, "blue"), (290, "purple"), (335, "pink"), (360, "red"))


def colour_name(colour: str) -> str:
    """The ``[colours]`` label key naming an "RRGGBB" colour by its hue and lightness
    (``C00000``: ``dark_red``, ``92D050``: ``light_green``, ``FFC000``: ``amber``)."""
    import colorsys

    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.15 or lightness < 0.08 or lightness > 0.95:
        return "black" if lightness < 0.2 else "white" if lightness > 0.9 else "grey"
    name = next(name for limit, name in _HUES if hue * 360 < limit)
    if lightness < {"red": 0.4, "green": 0.3}.get(name, 0):  # C00000, Office's "dark red"
        return f"dark_{name}"
    if name == "green" and lightness > 0.5:
        return "light_green"
    return name


@dataclass
class Context:
    """The scored assessment in one report language, with formatting helpers."""

    scored: ScoredAssessment
    lang: str
    previous: ScoredAssessment | None = None
    # numbered section key -> "3" (``dpia.report.sections.section_numbers``)
    numbers: dict[str, str] = field(default_factory=dict)
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
        if number is None:
            return title  # the title page and annexes: an annex's letter is in its label
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

    def date_or_text(self, text: str) -> str:
        """A value read from a cell that may hold a date (a processor agreement: "yes", a
        reference, or the date it was signed): a date, which the reader gives as
        ``2025-12-01``, as words like every other date; any other text as typed."""
        stripped = text.strip()
        if _ISO_DATE.fullmatch(stripped):
            try:
                return self.date(dt.date.fromisoformat(stripped))
            except ValueError:
                pass
        return text

    def count(self, value: int) -> str:
        """A count (risks per level, rows of a sheet) with the locale's digit grouping."""
        return grouped(value, self.labels["document"]["locale"]) if value >= 1000 \
            else str(value)

    def number(self, text: str) -> str:
        """A count typed in the workbook (``850000``) with the locale's digit grouping
        (``850,000``, ``850.000``); any other text (``about 2 million``) as typed."""
        if not _WHOLE_NUMBER.fullmatch(text.strip()):
            return text
        return grouped(int(float(text.strip())), self.labels["document"]["locale"])

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

    def level_cell(self, index: int, text: str | None = None, *, bold: bool = True,
                   note: str | None = None) -> Cell:
        """A cell shaded in the level's colour with readable text (black or white, whichever
        contrasts more: at least 4.58:1 on any colour); ``note``, a last line in small type."""
        key = (index, text, bold, note)
        cell = self._level_cells.get(key)
        if cell is None:  # a few distinct cells, asked for once or twice per risk
            colour = self.matrix.levels[index].colour
            cell = self._level_cells[key] = Cell(
                text if text is not None else self.level_name(index), fill=colour,
                colour=text_colour(colour), bold=bold, note=note)
        return cell

    @staticmethod
    def text_colour(fill: str) -> str:
        """Black or white: the text colour that reads best on ``fill``."""
        return text_colour(fill)

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
