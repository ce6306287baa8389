"""The DPO's portfolio: every DPIA in a folder tree, summarised once, for the register, the
deadlines (``dpia due``), the calendar file and the board summary.

``collect`` walks folders (subfolders too), reads each workbook (``load_scored``) and each
dpia report from its embedded record, in parallel worker processes, and gives one ``Entry``
per DPIA: a file that cannot be read is an entry with its error, never a stop. A report
whose workbook lies beside it (same folder, the name in its record) is not a DPIA of its
own: its check (``check_report``) is shown on the workbook's row. Nothing here reads the
clock: what is overdue is decided against the ``as_of`` date the caller gives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from traceback import format_exc

from dpia.batch import WORKBOOK_SUFFIXES, Skipped, _not_a_workbook_name, first_error
from dpia.errors import DpiaError, NotAReport, one_line
from dpia.i18n import N_, _
from dpia.model import Matrix, ScoredAssessment

REPORT_SUFFIXES = (".docx",)
WORKBOOK, REPORT = "workbook", "report"
# what a report check found (``check_report``)
INTACT = "intact"  # consistent; no workbook beside it to compare with
CURRENT = "intact, current"  # consistent and built from the workbook beside it as it is now
OUT_OF_DATE = "out of date"  # the workbook beside it changed since the report was built
ALTERED = "not intact"  # the report was changed after it was built
NOT_VERIFIABLE = "not verifiable"
NOT_A_REPORT = N_("a Word document without a dpia record")
# the keyword dpia register writes into its .xlsx, so that a register saved in the folder
# it lists is not read as a broken workbook the next time
REGISTER_KEYWORD = "dpia register"
ART35_7 = {"a": "description", "b": "necessity and proportionality", "c": "risks",
           "d": "measures"}


@dataclass(frozen=True)
class Action:
    """A measure not yet implemented: planned or in progress, with its owner and due date."""

    measure_id: str
    measure: str
    owner: str = ""
    due: dt.date | None = None
    status: str = "planned"  # canonical: "planned" | "in_progress" | free text

    def overdue(self, as_of: dt.date) -> bool:
        """Due before ``as_of`` and still not implemented."""
        return self.due is not None and self.due < as_of


@dataclass(frozen=True)
class ReportCheck:
    """What checking one report found: ``outcome`` is one of INTACT, CURRENT, OUT_OF_DATE,
    ALTERED, NOT_VERIFIABLE; ``detail`` says why it is not verifiable."""

    report: str  # the report as shown (path relative to the folder given)
    outcome: str
    detail: str = ""
    workbook: str = ""  # the workbook beside it it was compared with, "" for none

    def __str__(self) -> str:
        text = self.outcome
        if self.outcome in (CURRENT, OUT_OF_DATE) and self.workbook:
            text += f" ({'against' if self.outcome == OUT_OF_DATE else 'with'} "\
                    f"{Path(self.workbook).name})"
        if self.detail:
            text += f": {self.detail}"
        return one_line(text)


@dataclass(frozen=True)
class Entry:
    """One DPIA of the portfolio, read from a workbook or (without its workbook) a report;
    or a file that could not be read, with its ``error``."""

    path: Path
    label: str  # the file as shown: its path as found under the folder given
    kind: str = WORKBOOK  # WORKBOOK | REPORT
    error: str | None = None  # one line: why it could not be read
    internal: bool = False  # the error is a bug in dpia, not the file's fault
    traceback: str = ""
    title: str = ""
    organisation: str = ""
    owner: str = ""
    dpo: str = ""
    version: str = ""
    status: str = ""
    date: dt.date | None = None
    review_date: dt.date | None = None
    language: str = "en"
    dpia_required: bool | None = None  # None: no Screening sheet
    matrix: Matrix | None = None
    risks: int = 0
    inherent_counts: tuple[int, ...] = ()
    residual_counts: tuple[int, ...] = ()
    prior_consultation: bool = False
    gaps: tuple[str, ...] = ()  # Art. 35(7) elements the DPIA leaves open, one line each
    measures: int = 0
    actions: tuple[Action, ...] = ()  # its measures not yet implemented
    residual_cells: tuple[tuple[int, int, int], ...] = ()  # (likelihood, impact, risks)
    warnings: int = 0  # the reader's warnings (a workbook)
    input_name: str = ""  # a report: the workbook it was built from (name only)
    checks: tuple[ReportCheck, ...] = ()  # its reports' checks (a report: its own)
    skip: str | None = None  # not a DPIA at all (a Word document without dpia inside): why
    ident: str = ""  # its path relative to the folder given (a file given: its name)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def highest_residual(self) -> int | None:
        """Index into the matrix's levels of the highest residual level, None without risks."""
        for index in range(len(self.residual_counts) - 1, -1, -1):
            if self.residual_counts[index]:
                return index
        return None

    def review_overdue(self, as_of: dt.date) -> bool:
        """The review date has passed."""
        return self.review_date is not None and self.review_date < as_of

    def overdue_actions(self, as_of: dt.date) -> tuple[Action, ...]:
        return tuple(action for action in self.actions if action.overdue(as_of))

    def level_name(self, index: int | None) -> str:
        if index is None or self.matrix is None:
            return ""
        return self.matrix.levels[index].name

    def counts_text(self, counts: Sequence[int]) -> str:
        """``High 1, Medium 2, Low 0``: the counts per level, highest first."""
        if self.matrix is None:
            return ""
        return ", ".join(f"{level.name} {count}" for level, count in
                         reversed(list(zip(self.matrix.levels, counts, strict=False))))


@dataclass(frozen=True)
class Portfolio:
    """Every DPIA found, in path order, and the files skipped with why."""

    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def dpias(self) -> tuple[Entry, ...]:
        """The entries read (no error)."""
        return tuple(entry for entry in self.entries if entry.ok)

    @property
    def failed(self) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if not entry.ok)

    def actions(self) -> list[tuple[Entry, Action]]:
        """Every open action of every DPIA, by due date (undated last), then file."""
        pairs = [(entry, action) for entry in self.dpias for action in entry.actions]
        return sorted(pairs, key=lambda pair: (pair[1].due is None, pair[1].due or dt.date.min,
                                               pair[0].label, pair[1].measure_id))


# --- Art. 35(7) -----------------------------------------------------------------------------


def art35_7_gaps(scored: ScoredAssessment) -> tuple[str, ...]:
    """The Art. 35(7) elements (a)-(d) the assessment leaves open, each with what is missing:
    the same rule as the report's Annex A (``report.sections.annex_a``), in English."""
    assessment = scored.assessment
    info = assessment.info

    def empty(pairs) -> list[str]:
        return [name for name, value in pairs if not str(value).strip()]

    missing_interest = [op.id for op in assessment.processing
                        if "f" in op.lawful_bases and not op.legitimate_interest.strip()]
    without_impact = [r.id for r in assessment.risks if not r.impact_on_individuals.strip()]
    without_measures = [r.id for r in assessment.risks
                        if not r.measures and not r.accepted_as_is]
    gaps = {
        "a": empty((("nature", info.nature), ("scope", info.scope), ("context", info.context),
                    ("purposes", info.purposes)))
        + ([f"legitimate interests ({', '.join(missing_interest)})"] if missing_interest
           else []),
        "b": empty((("necessity", info.necessity), ("rights", info.rights),
                    ("information", info.information),
                    ("breach procedure", info.breach_procedure))),
        "c": [f"impact on individuals ({', '.join(without_impact)})"] if without_impact else [],
        "d": (["no measures"] if not assessment.measures else [])
        + ([f"measures ({', '.join(without_measures)})"] if without_measures else []),
    }
    return tuple(f"({letter}) {', '.join(items)}" for letter, items in gaps.items() if items)


# --- reading one file -------------------------------------------------------------------------


def summarise(scored: ScoredAssessment, path: Path, label: str, kind: str = WORKBOOK,
              warnings: int = 0) -> Entry:
    """The register's view of one scored assessment."""
    assessment = scored.assessment
    info = assessment.info
    cells: dict[tuple[int, int], int] = {}
    for risk in scored.risks:
        key = (risk.residual.likelihood, risk.residual.impact)
        cells[key] = cells.get(key, 0) + 1
    levels = len(scored.matrix.levels)
    return Entry(
        path=path, label=label, kind=kind, title=info.title, organisation=info.organisation,
        owner=info.owner, dpo=info.dpo, version=info.version, status=info.status,
        date=info.date, review_date=info.review_date, language=info.language,
        dpia_required=scored.screening.required, matrix=scored.matrix,
        risks=len(scored.risks),
        inherent_counts=tuple(scored.inherent_counts) or (0,) * levels,
        residual_counts=tuple(scored.residual_counts) or (0,) * levels,
        prior_consultation=scored.prior_consultation, gaps=art35_7_gaps(scored),
        measures=len(assessment.measures),
        actions=tuple(Action(m.id, m.measure, m.owner, m.due_date, m.status)
                      for m in assessment.measures if m.status != "implemented"),
        residual_cells=tuple((like, imp, n) for (like, imp), n in sorted(cells.items())),
        warnings=warnings,
        input_name=assessment.source.name if kind == REPORT and assessment.source else "",
    )


def workbook_beside(report: Path, input_name: str) -> Path | None:
    """The workbook in the report's folder whose name is the one in its record (case
    ignored when no exact match), or None."""
    if not input_name or Path(input_name).name != input_name:
        return None
    exact = report.parent / input_name
    if exact.is_file():
        return exact
    wanted = input_name.casefold()
    try:
        for child in report.parent.iterdir():
            if child.name.casefold() == wanted and child.is_file():
                return child
    except OSError:
        return None
    return None


def check_report(report: Path, workbook: Path | None) -> tuple[str, str]:
    """Verify ``report`` (against ``workbook`` when given): (outcome, detail). The one place
    the portfolio calls ``dpia.verify``, and only for ``ok`` and ``current``."""
    from dpia import verify

    try:
        result = verify.verify(report, workbook)
    except DpiaError as exc:
        return NOT_VERIFIABLE, one_line(str(exc).removeprefix(f"{report}: "))
    if result.current is False:
        return OUT_OF_DATE, ""
    if not result.ok:
        return ALTERED, "changed after it was built; run dpia verify for the findings"
    return (CURRENT if result.current else INTACT), ""


def _is_register(path: Path) -> bool:
    """A register written by ``dpia register`` (its core properties say so)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 64 * 1024:
                return False
            return REGISTER_KEYWORD.encode() in archive.read(info)
    except Exception:  # noqa: BLE001 - not a zip, no such part: not a register
        return False


def read_entry(path: Path, label: str, ident: str = "") -> Entry:
    """The entry of one file (in a worker): never raises for a bad file, nor for a bug."""
    entry = _read_entry(Path(path), label)
    return replace(entry, ident=ident or Path(label).name)


def _read_entry(path: Path, label: str) -> Entry:
    from dpia import loading, provenance

    try:
        if path.suffix.lower() in REPORT_SUFFIXES or loading.is_report(path):
            try:
                scored = provenance.load_report(path)
            except NotAReport:
                return Entry(path, label, REPORT, skip=NOT_A_REPORT)
            entry = summarise(scored, path, label, REPORT)
            workbook = workbook_beside(path, entry.input_name)
            outcome, detail = check_report(path, workbook)
            workbook_label = str(Path(label).parent / workbook.name) if workbook else ""
            return replace(entry, checks=(ReportCheck(label, outcome, detail, workbook_label),))
        scored, warnings = loading.load_scored(path, name=label)
        return summarise(scored, path, label, WORKBOOK, len(warnings))
    except DpiaError as exc:
        if _is_register(path):
            return Entry(path, label, skip=N_("a register written by dpia register"))
        return Entry(path, label, REPORT if path.suffix.lower() in REPORT_SUFFIXES
                     else WORKBOOK, error=_error_line(label, exc))
    except Exception as exc:  # noqa: BLE001 - a bug: one row, the others go on
        return Entry(path, label, error=_error_line(label, exc), internal=True,
                     traceback=format_exc())


def _error_line(label: str, exc: BaseException) -> str:
    """The first error, without the file's name in front (the register names the file)."""
    line = first_error(Path(label), exc)
    if line.startswith(f"{label}:"):
        line = line[len(label) + 1:].lstrip().removeprefix("error: ")
    return one_line(line)


# --- finding the files ----------------------------------------------------------------------


def _wanted(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES + REPORT_SUFFIXES


def find_files(paths: Iterable[Path], exclude: Iterable[Path] = ()
               ) -> tuple[list[tuple[Path, str, str]], list[Skipped]]:
    """The workbooks and reports under ``paths``, each with its label (its path as found)
    and identity (relative to the folder given; a file's name), and the files skipped with
    why. Folders are walked with their
    subfolders (hidden ones and symbolic links to folders are not); lock, temporary and
    backup files are skipped with a note, other kinds of files silently."""
    excluded = [Path(p) for p in exclude]
    found: list[tuple[Path, str, str]] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path, label: str, ident: str) -> None:
        if any(_same(path, other) for other in excluded):
            return
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        found.append((path, label, ident))

    for given in paths:
        given = Path(given)
        if not given.is_dir():
            reason = _not_a_workbook_name(given)
            if reason is not None:
                skipped.append(Skipped(given, reason))
            else:
                add(given, str(given), given.name)
            continue
        for folder, subfolders, files in os.walk(given):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if not _wanted(path):
                    continue
                reason = _not_a_workbook_name(path)
                if reason is None and name.startswith("."):
                    reason = N_("a hidden file")
                if reason is not None:
                    skipped.append(Skipped(path, reason))
                    continue
                add(path, str(path), path.relative_to(given).as_posix())
    return found, skipped


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# --- collecting -------------------------------------------------------------------------------


def _warm_up() -> None:
    """Import what reading a workbook or a report needs, once per worker process."""
    import dpia.provenance  # noqa: F401
    import dpia.reader  # noqa: F401
    import dpia.scoring  # noqa: F401
    import dpia.verify  # noqa: F401


def _read_all(files: Sequence[tuple[Path, str, str]], jobs: int,
              on_progress: Callable[[], None] | None) -> list[Entry]:
    """``read_entry`` of every file, ``jobs`` at a time in worker processes, in input order."""
    entries: list[Entry | None] = [None] * len(files)

    def done(index: int, entry: Entry) -> None:
        entries[index] = entry
        if on_progress is not None:
            on_progress()

    jobs = max(1, min(jobs, len(files)))
    if jobs == 1:
        for index, (path, label, ident) in enumerate(files):
            done(index, read_entry(path, label, ident))
        return [entry for entry in entries if entry is not None]
    _warm_up()  # with fork, the workers inherit these imports
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        futures: dict[Future, int] = {
            pool.submit(read_entry, path, label, ident): index
            for index, (path, label, ident) in enumerate(files)
        }
        remaining = set(futures)
        try:
            while remaining:
                finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                for future in finished:
                    index = futures[future]
                    try:
                        entry = future.result()
                    except Exception as exc:  # noqa: BLE001 - a worker died (killed, OOM)
                        path, label, ident = files[index]
                        entry = Entry(path, label, error=_error_line(label, exc),
                                      internal=True, traceback=format_exc(), ident=ident)
                    done(index, entry)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [entry for entry in entries if entry is not None]


def _attach_reports(entries: list[Entry]) -> list[Entry]:
    """A report whose workbook beside it is in the portfolio too becomes a check on that
    workbook's row, not a DPIA of its own (the workbook is the live version)."""
    workbooks = {entry.path.resolve(): position for position, entry in enumerate(entries)
                 if entry.kind == WORKBOOK and entry.ok}
    checks: dict[int, list[ReportCheck]] = {}
    attached: set[int] = set()
    for position, entry in enumerate(entries):
        if entry.kind != REPORT or not entry.ok or not entry.checks \
                or not entry.checks[0].workbook:
            continue
        beside = workbook_beside(entry.path, entry.input_name)
        workbook = workbooks.get(beside.resolve()) if beside is not None else None
        if workbook is not None:
            checks.setdefault(workbook, []).extend(entry.checks)
            attached.add(position)
    return [replace(entry, checks=entry.checks + tuple(checks[position]))
            if position in checks else entry
            for position, entry in enumerate(entries) if position not in attached]


def collect(paths: Iterable[Path], *, jobs: int = 1, exclude: Iterable[Path] = (),
            on_progress: Callable[[], None] | None = None,
            on_files: Callable[[int], None] | None = None) -> Portfolio:
    """Every DPIA under ``paths`` (workbooks, and reports without their workbook beside
    them), read ``jobs`` at a time; ``exclude``: files not to read (the output being
    written). ``on_files`` is told how many files will be read (for a progress bar),
    ``on_progress`` is called once per file read. Raises DpiaError for a path that does not
    exist; a file that cannot be read is an entry with its error."""
    paths = [Path(p) for p in paths]
    for path in paths:
        if not path.exists():
            raise DpiaError(_("{path}: no such file or folder").format(path=path))
    files, skipped = find_files(paths, exclude)
    if on_files is not None:
        on_files(len(files))
    entries = _read_all(files, jobs, on_progress)
    for entry in entries:
        if entry.skip is not None:
            skipped.append(Skipped(entry.path, entry.skip))
    entries = [entry for entry in entries if entry.skip is None]
    entries = _attach_reports(entries)
    return Portfolio(tuple(entries), tuple(skipped))


# --- the heat map across DPIAs ----------------------------------------------------------------


@dataclass(frozen=True)
class HeatMap:
    """Residual risks per cell, added up over the DPIAs that share one matrix."""

    matrix: Matrix
    dpias: tuple[str, ...]  # labels of the DPIAs counted
    cells: dict[tuple[int, int], int] = field(default_factory=dict)

    @property
    def risks(self) -> int:
        return sum(self.cells.values())


def matrix_key(matrix: Matrix) -> tuple:
    """What makes two matrices the same for adding up their cells: the scales' sizes, the
    grid and the levels' colours and acceptability; not the words (a preset in English and
    in Dutch is one matrix)."""
    return (len(matrix.likelihood), len(matrix.impact), matrix.grid,
            tuple((level.colour, level.acceptable) for level in matrix.levels))


# The language of the register (``dpia register``/``dpia portfolio`` outputs): their words
# are English, written in dpia/portfolio_*.py and dpia/register_xlsx.py.
REGISTER_LANGUAGE = "en"


def heat_maps(portfolio: Portfolio, lang: str = REGISTER_LANGUAGE) -> list[HeatMap]:
    """One heat map per matrix in use, the most used first; named in the register's
    language ``lang`` when any DPIA using it is in that language, else as its first DPIA
    names it."""
    groups: dict[tuple, list[Entry]] = {}
    for entry in portfolio.dpias:
        if entry.matrix is not None:
            groups.setdefault(matrix_key(entry.matrix), []).append(entry)
    maps = []
    for entries in groups.values():
        named = next((e for e in entries if e.language == lang), entries[0])
        cells: dict[tuple[int, int], int] = {}
        for entry in entries:
            for likelihood, impact, count in entry.residual_cells:
                cells[(likelihood, impact)] = cells.get((likelihood, impact), 0) + count
        maps.append(HeatMap(named.matrix, tuple(e.label for e in entries), cells))
    return sorted(maps, key=lambda m: (-len(m.dpias), m.matrix.title or m.matrix.name))


# --- deadlines ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A review or an action with its date, as ``dpia due`` lists it."""

    entry: str  # the DPIA's label (its file)
    title: str
    kind: str  # "review" | "action"
    date: dt.date
    item: str = ""  # the measure's ID for an action
    what: str = ""  # the measure
    owner: str = ""
    status: str = ""
    overdue: bool = False
    ident: str = ""  # the DPIA's file relative to the folder given (``Entry.ident``)

    @property
    def uid(self) -> str:
        """Stable across runs and dates: the DPIA's file (relative to the folder given, so
        the same from any working folder) and the item, hashed; the same event is updated,
        not duplicated, when a calendar imports the file again."""
        identity = "\x1f".join(((self.ident or self.entry).casefold(), self.kind,
                                self.item.casefold()))
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32] + "@dpia"


def parse_within(text: str) -> int:
    """Days in ``30d``, ``2w`` or ``30``; raises ValueError for anything else."""
    value = text.strip().lower()
    factor = 1
    if value.endswith("d"):
        value = value[:-1]
    elif value.endswith("w"):
        value, factor = value[:-1], 7
    if not value.isdigit():
        raise ValueError(_("{text!r} is not a number of days (30d) or weeks (2w)").format(
            text=text))

    return int(value) * factor


def deadlines(portfolio: Portfolio, as_of: dt.date, within: int) -> list[Deadline]:
    """Reviews and actions due on or before ``as_of + within`` days (overdue ones too), by
    date then file."""
    horizon = as_of + dt.timedelta(days=within)
    found: list[Deadline] = []
    for entry in portfolio.dpias:
        if entry.review_date is not None and entry.review_date <= horizon:
            found.append(Deadline(entry.label, entry.title, "review", entry.review_date,
                                  overdue=entry.review_overdue(as_of), ident=entry.ident))
        for action in entry.actions:
            if action.due is not None and action.due <= horizon:
                found.append(Deadline(entry.label, entry.title, "action", action.due,
                                      action.measure_id, action.measure, action.owner,
                                      action.status, action.overdue(as_of), entry.ident))
    return sorted(found, key=lambda d: (d.date, d.entry, d.kind != "review", d.item))
