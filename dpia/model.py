"""The assessment as frozen dataclasses: what the workbook said, and what scoring computed.

No I/O here. The reader builds these objects, ``scoring`` computes the scored view, the
report, ``provenance``, ``verify`` and ``diff`` only read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a row came from in the workbook: sheet name as it stands, 1-based row, key cell."""

    sheet: str
    row: int
    cell: str  # e.g. "A5": the row's key cell
    # column key -> column letter on this sheet, so checks can name any cell of the row
    columns: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"

    def cell_of(self, column_key: str) -> str:
        """The cell of this row in the column ``column_key`` (the key cell if unknown)."""
        for key, letter in self.columns:
            if key == column_key:
                return f"{letter}{self.row}"
        return self.cell


# --- the risk matrix ---------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleLevel:
    """One level of a likelihood or impact scale."""

    value: int  # 1..n
    name: str  # in the report language
    description: str = ""
    aliases: tuple[str, ...] = ()  # other accepted names (other languages, synonyms)


@dataclass(frozen=True)
class RiskLevel:
    """One risk level of a matrix, lowest first."""

    name: str
    colour: str  # "RRGGBB", upper case, no '#'
    acceptable: bool  # acceptable without consulting the supervisory authority
    from_score: int | None = None  # score band, when the matrix is defined by bands
    to_score: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """A risk matrix: two scales, ordered levels and the level of every cell.

    ``grid[likelihood - 1][impact - 1]`` is the index into ``levels``.
    """

    name: str  # preset key ("ico", "cnil", "5x5", "enisa") or the workbook's name/"custom"
    likelihood: tuple[ScaleLevel, ...]
    impact: tuple[ScaleLevel, ...]
    levels: tuple[RiskLevel, ...]
    grid: tuple[tuple[int, ...], ...]
    preset: bool = True  # False for a matrix defined in the workbook
    title: str = ""  # human name, e.g. "ICO (3×3)"

    def level_index(self, likelihood: int, impact: int) -> int:
        """Index into ``levels`` of the cell (likelihood value, impact value)."""
        return self.grid[likelihood - 1][impact - 1]

    def level(self, likelihood: int, impact: int) -> RiskLevel:
        """The risk level of the cell (likelihood value, impact value)."""
        return self.levels[self.level_index(likelihood, impact)]


# --- what the workbook says ------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentInfo:
    """The Assessment sheet: key/value fields. Empty text is ``""``, a missing date ``None``."""

    title: str
    organisation: str
    version: str = ""
    date: dt.date | None = None
    status: str = ""  # canonical: "draft" | "final" | "approved" | free text
    author: str = ""
    owner: str = ""
    dpo: str = ""
    classification: str = ""
    review_date: dt.date | None = None
    authority: str = ""  # the supervisory authority whose Art. 35(4) list applies: "ap", ...
    language: str = "en"  # a code of dpia.languages: "en", "nl", "de", "fr", ...
    matrix: str = ""  # as typed in the Matrix field ("" when empty)
    nature: str = ""
    scope: str = ""
    context: str = ""
    purposes: str = ""
    consultation: str = ""
    necessity: str = ""
    rights: str = ""
    information: str = ""
    breach_procedure: str = ""
    dpo_advice: str = ""
    conclusion: str = ""
    origins: tuple[tuple[str, Origin], ...] = ()  # field key -> where it was read


@dataclass(frozen=True)
class ProcessingOperation:
    """One row of the Processing sheet."""

    id: str
    name: str
    purpose: str
    lawful_basis: str  # the cell as typed (shown in the report)
    lawful_bases: tuple[str, ...]  # the Art. 6(1) points named: subset of "a".."f", sorted
    legitimate_interest: str = ""
    data_subjects: tuple[str, ...] = ()
    personal_data: tuple[str, ...] = ()
    special_categories: tuple[str, ...] = ()
    art9_condition: str = ""
    recipients: tuple[str, ...] = ()
    processors: tuple[str, ...] = ()
    processor_agreement: str = ""
    transfers: tuple[str, ...] = ()
    transfer_safeguard: str = ""
    retention: str = ""
    systems: str = ""
    data_subjects_count: str = ""
    origin: Origin | None = None


@dataclass(frozen=True)
class Risk:
    """One row of the Risks sheet. Likelihood and impact are scale values (1..n)."""

    id: str
    processing: tuple[str, ...]  # processing IDs; ("all",) is expanded by the reader
    risk: str
    likelihood: int
    impact: int
    risk_source: str = ""  # the threat / risk source column ("Source")
    impact_on_individuals: str = ""
    measures: tuple[str, ...] = ()
    residual_likelihood: int | None = None  # None: not given in the workbook
    residual_impact: int | None = None
    treatment: str = ""  # canonical: "reduce" | "accept" | "avoid" | "transfer" | ""
    owner: str = ""
    # why each rating is what it is (Model DPIA point 16: motivate likelihood and impact)
    likelihood_rationale: str = ""
    impact_rationale: str = ""
    residual_rationale: str = ""  # why the measures bring the risk to its residual rating
    applies_to_all: bool = False  # the Processing cell said all / alle
    origin: Origin | None = None

    @property
    def accepted_as_is(self) -> bool:
        """Treatment accept and no measures: a decision to bear the risk as it is (its
        residual rating is its inherent one unless the workbook gives one), not a gap."""
        return self.treatment == "accept" and not self.measures


@dataclass(frozen=True)
class Measure:
    """One row of the Measures sheet."""

    id: str
    measure: str
    type: str = ""  # canonical: "technical" | "organisational" | "legal" | free text | ""
    description: str = ""
    status: str = "planned"  # canonical: "implemented" | "planned" | "in_progress"
    owner: str = ""
    due_date: dt.date | None = None
    origin: Origin | None = None


@dataclass(frozen=True)
class ListItem:
    """The item of a supervisory authority's Art. 35(4) list that a Screening row names
    (its Criterion starts with the item's code, ``AP 9 Cameratoezicht``): what the report
    cites, kept with the answer so that a record is read the same whatever lists a later
    version of dpia ships."""

    authority: str  # key: "ap", "ico", "cnil"
    authority_name: str
    code: str  # "AP 9"
    name: str  # the item's heading as published
    name_en: str = ""  # an English rendering of it ("" for an English list)
    rule: str = "alone"  # "alone": a yes requires a DPIA; "with-another": with one more criterion
    publication: str = ""  # the title of the publication the list comes from
    citation: str = ""  # where it was published ("Staatscourant 2019, nr. 64418")
    date: str = ""  # ISO date of the publication, "" when it states none
    url: str = ""


@dataclass(frozen=True)
class ScreeningAnswer:
    """One row of the Screening sheet."""

    criterion: str  # as typed
    key: str | None  # "evaluation" .. "prevents-rights", "art35-3a".."art35-3c"; None: free
    applies: bool | None  # None: not answered (counts as no)
    justification: str = ""
    origin: Origin | None = None
    list_item: ListItem | None = None  # the national list item the Criterion names


@dataclass(frozen=True)
class SignOff:
    """One row of the Sign-off sheet."""

    item: str
    name: str
    date: dt.date | None = None
    notes: str = ""
    origin: Origin | None = None


@dataclass(frozen=True)
class HistoryEntry:
    """One row of the History sheet."""

    version: str
    date: dt.date | None = None
    author: str = ""
    changes: str = ""
    origin: Origin | None = None


@dataclass(frozen=True)
class SourceFile:
    """The input workbook, for provenance."""

    name: str  # file name only, no folders
    sha256: str
    sheet_rows: tuple[tuple[str, int], ...] = ()  # (sheet name as in workbook, data rows)


@dataclass(frozen=True)
class Assessment:
    """Everything read from one workbook."""

    info: AssessmentInfo
    processing: tuple[ProcessingOperation, ...]
    risks: tuple[Risk, ...]
    matrix: Matrix
    measures: tuple[Measure, ...] = ()
    screening: tuple[ScreeningAnswer, ...] | None = None  # None: no Screening sheet
    sign_off: tuple[SignOff, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    source: SourceFile | None = None


# --- what scoring computes ---------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    """A point on the matrix and what it scores."""

    likelihood: int
    impact: int
    score: int  # likelihood value x impact value
    level: int  # index into Matrix.levels


@dataclass(frozen=True)
class ScoredRisk:
    """A risk with its inherent and residual rating."""

    risk: Risk
    inherent: Rating
    residual: Rating
    reassessed: bool  # False when both residual columns were empty


@dataclass(frozen=True)
class ScreeningOutcome:
    """Whether a DPIA is required and why."""

    required: bool | None  # None: no Screening sheet
    criteria_met: tuple[ScreeningAnswer, ...] = ()  # WP248 and free criteria that apply
    art35_3_cases: tuple[ScreeningAnswer, ...] = ()  # Art. 35(3) cases that apply
    justify_single: bool = False  # exactly one criterion: a no-DPIA decision needs a reason
    # national list items (Art. 35(4)) that require the DPIA: an "alone" item answered yes,
    # a "with-another" one answered yes with at least one more criterion
    listed: tuple[ScreeningAnswer, ...] = ()


@dataclass(frozen=True)
class ScoredAssessment:
    """The assessment with every risk scored; what the report and JSON are built from."""

    assessment: Assessment
    risks: tuple[ScoredRisk, ...]
    screening: ScreeningOutcome
    prior_consultation: bool  # a residual risk at a non-acceptable level (Art. 36)
    inherent_counts: tuple[int, ...] = field(default=())  # per level index
    residual_counts: tuple[int, ...] = field(default=())

    @property
    def matrix(self) -> Matrix:
        return self.assessment.matrix
