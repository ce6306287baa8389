"""Build many workbooks at once, in parallel processes, and keep going past bad ones.

``build_many`` gives one ``BuildResult`` per workbook, in the order given: the report written,
or the first error that stopped it. Each report is byte for byte what ``build_one`` writes for
that workbook alone; only the work is spread over ``jobs`` worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from traceback import format_exc

from dpia.build import build_one
from dpia.errors import ERROR, NOTE, DpiaError, OutputError, Problem, WorkbookInvalid
from dpia.i18n import N_, _, severity_label
from dpia.signing import SigningKey

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")


@dataclass(frozen=True)
class BuildResult:
    """What became of one workbook of a batch: the report written, or the first error."""

    workbook: Path
    output: Path | None = None
    error: str | None = None  # one line naming the workbook: why it failed
    problems: tuple[Problem, ...] = ()  # its warnings, or all its problems when invalid
    internal: bool = False  # failed by a bug in dpia (or a worker that died), not the input
    traceback: str = ""  # of that bug, for --debug

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Skipped:
    """A file named on the command line, or found in a folder, that is not a workbook to
    build, and why."""

    path: Path
    reason: str

    def as_problem(self) -> Problem:
        """A note (never an error, even under --strict) naming the file and why."""
        # the reason is kept in English (it is compared); shown in the messages' language
        return Problem(NOTE, _("skipped ({reason})").format(reason=_(self.reason)),
                       file=str(self.path))

    def __str__(self) -> str:
        return str(self.as_problem())


# Files that sit beside workbooks but are never one, told by their name (case ignored):
# (fnmatch pattern, what the file is). A glob such as ``folder/*.xlsx`` picks up Excel's lock
# file, so these are skipped even when named on the command line.
NOT_WORKBOOK_NAMES: tuple[tuple[str, str], ...] = (
    ("~$*", N_("Excel's lock file of a workbook open in Excel")),
    (".~lock.*#", N_("LibreOffice's lock file of a workbook open in LibreOffice")),
    ("._*", N_("a macOS metadata file, AppleDouble")),
    ("*.tmp", N_("a temporary file")),
    ("*~", N_("a backup copy")),
)


def _not_a_workbook_name(path: Path) -> str | None:
    """Why ``path`` is skipped by its name alone, or None."""
    name = path.name.casefold()
    for pattern, reason in NOT_WORKBOOK_NAMES:
        if fnmatchcase(name, pattern):
            return reason
    return None


def _skip_in_folder(child: Path) -> str | None:
    """Why an entry of a folder given to ``dpia build`` is not built, or None to build it."""
    reason = _not_a_workbook_name(child)
    if reason is not None:
        return reason
    if child.name.startswith("."):
        return N_("a hidden file")
    if child.is_dir():
        return N_("a folder; folders inside a folder are not searched")
    if child.suffix.lower() not in WORKBOOK_SUFFIXES:
        return N_("not an .xlsx, .xlsm or .ods workbook")
    if not child.is_file():
        return N_("not a regular file")
    return None


def find_workbooks(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """The workbooks named by ``paths``, and the files skipped with why. A file is taken as
    given unless its name says it is a lock, temporary or backup file (``NOT_WORKBOOK_NAMES``);
    a folder stands for its .xlsx/.xlsm/.ods files (sorted by name, not recursive), and every
    other entry in it is skipped with why."""
    workbooks: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                reason = _skip_in_folder(child)
                if reason is None:
                    workbooks.append(child)
                else:
                    skipped.append(Skipped(child, reason))
            continue
        reason = _not_a_workbook_name(path)
        if reason is None:
            workbooks.append(path)
        else:
            skipped.append(Skipped(path, reason))
    return workbooks, skipped


def expand_workbooks(paths: Iterable[Path]) -> list[Path]:
    """The workbooks named by ``paths`` (see ``find_workbooks``), without the skipped files."""
    return find_workbooks(paths)[0]


def output_path(workbook: Path, output_dir: Path | None) -> Path | None:
    """Where a batch writes the report of ``workbook``: ``OUTPUT_DIR/NAME.docx``, or None for
    ``build_one``'s own default (next to the workbook)."""
    if output_dir is None:
        return None
    return Path(output_dir) / (workbook.stem + ".docx")


def first_error(workbook: Path, exc: BaseException) -> str:
    """The one line that says why ``workbook`` failed: its first error, or the error itself."""
    if isinstance(exc, WorkbookInvalid):
        errors = [p for p in exc.problems if p.severity == ERROR] or exc.problems
        if errors:
            return str(errors[0])
    if isinstance(exc, DpiaError):
        message = str(exc)
        # most messages already start with the file's name; say it once
        if message.startswith(f"{workbook}: "):
            message = message[len(f"{workbook}: "):]
        return f"{workbook}: {severity_label(ERROR)}: {message}"
    # A bug in dpia: keep going with the other workbooks, but say what it was.
    return _("{workbook}: internal error ({kind}): {error}").format(
        workbook=workbook, kind=type(exc).__name__, error=exc)


def _build_task(workbook: Path, output: Path | None, options: dict) -> BuildResult:
    """Build one workbook (in a worker); never raises for a bad workbook, nor for a bug."""
    warnings: list[Problem] = []
    try:
        written = build_one(workbook, output, name=str(workbook), on_warnings=warnings.extend,
                            **options)
    except WorkbookInvalid as exc:
        return BuildResult(workbook, None, first_error(workbook, exc), tuple(exc.problems))
    except DpiaError as exc:
        return BuildResult(workbook, None, first_error(workbook, exc), tuple(warnings))
    except Exception as exc:  # noqa: BLE001 - a bug: keep going with the other workbooks
        return BuildResult(workbook, None, first_error(workbook, exc), tuple(warnings),
                           internal=True, traceback=format_exc())
    return BuildResult(workbook, written, None, tuple(warnings))


def _warm_up() -> None:
    """Import everything a build needs once per worker process, before the first task."""
    import dpia.reader  # noqa: F401
    import dpia.report  # noqa: F401
    import dpia.scoring  # noqa: F401


def _duplicate_outputs(workbooks: Sequence[Path], outputs: Sequence[Path | None]) -> dict[int, str]:
    """Workbooks whose report would land on a file another workbook of the batch writes too
    (``a/x.xlsx`` and ``b/x.xlsx`` into one folder): index -> error line."""
    seen: dict[Path, Path] = {}
    clashes: dict[int, str] = {}
    for index, (workbook, output) in enumerate(zip(workbooks, outputs, strict=True)):
        target = (output or workbook.with_suffix(".docx")).resolve()
        if target in seen:
            clashes[index] = f"{workbook}: {severity_label(ERROR)}: " + _(
                "its report {report} would also be the report of {other}; build these "
                "workbooks separately or rename one").format(report=output or target,
                                                             other=seen[target])
        else:
            seen[target] = workbook
    return clashes


def check_shared_options(template: Path | None, pdf: bool,
                         soffice: str | None = None) -> str | None:
    """Check the options every workbook of a batch shares once, before any work: a bad
    ``--template`` or a missing LibreOffice is one error, not the same failure per workbook.
    Returns the LibreOffice to use for ``pdf`` (None without ``pdf``)."""
    if template is not None:
        from dpia.filetype import check_template

        check_template(Path(template))
    if pdf:
        from dpia import build

        return build.require_soffice(soffice)
    return None


def build_many(
    workbooks: Iterable[Path],
    output_dir: Path | None = None,
    *,
    jobs: int = 1,
    force: bool = False,
    lang: str | None = None,
    template: Path | None = None,
    pdf: bool = False,
    soffice: str | None = None,
    previous: Path | None = None,
    strict: bool = False,
    sign: SigningKey | None = None,
    password: str | None = None,
    final: bool = False,
    on_result: Callable[[BuildResult], None] | None = None,
    on_progress: Callable[[], None] | None = None,
    on_skipped: Callable[[Skipped], None] | None = None,
) -> list[BuildResult]:
    """Build the report of every workbook (folders expand to their workbooks), ``jobs`` at a
    time in worker processes, and return one result per workbook in input order. With
    ``sign``, each report is signed with that key (loaded once, by the caller);
    ``password`` opens the encrypted workbooks among them.

    Files that are not workbooks to build (see ``find_workbooks``) go to ``on_skipped``.
    ``on_result`` sees each result in input order as soon as it and all before it are done
    (so output reads the same whatever the timing); ``on_progress`` is called once per
    workbook finished, in any order (for a progress bar). Both run in this process.

    Before any work it raises (a DpiaError) for what would fail every workbook alike: an
    ``output_dir`` that is missing or not a folder, ``previous`` with several workbooks, a
    bad ``template``, LibreOffice missing for ``pdf``. With ``strict`` a workbook with a
    warning fails as one with an error."""
    workbooks, skipped = find_workbooks(workbooks)
    for item in skipped:
        if on_skipped is not None:
            on_skipped(item)
    if output_dir is not None:
        output_dir = Path(output_dir)
        if output_dir.exists() and not output_dir.is_dir():
            raise OutputError(_("{folder} is not a folder; -o must name a folder for several "
                                "workbooks").format(folder=output_dir))
        if not output_dir.exists() and output_dir.suffix.lower() in (".docx", ".pdf"):
            # surely meant as a report file: do not create a folder of that name
            raise OutputError(_("{folder}: -o names a folder when building several workbooks "
                                "(or a folder of them); give a folder name").format(
                folder=output_dir))
        if not output_dir.exists():
            # as for one report: dpia never creates folders (a typo would scatter reports)
            raise OutputError(_("{folder}: the folder does not exist; create it first").format(
                folder=output_dir))
    outputs = [output_path(workbook, output_dir) for workbook in workbooks]
    if previous is not None and len(workbooks) > 1:
        raise DpiaError(_("{previous}: --previous is the earlier version of one workbook, not "
                          "of {count}; build that workbook on its own").format(
            previous=previous, count=len(workbooks)))

    soffice = check_shared_options(template, pdf, soffice)
    options = {"force": force, "lang": lang, "template": template, "pdf": pdf,
               "soffice": soffice, "previous": previous, "strict": strict, "sign": sign,
               "password": password, "final": final}
    results: list[BuildResult | None] = [None] * len(workbooks)
    released = 0  # results[:released] have been passed to on_result

    def done(index: int, result: BuildResult) -> None:
        nonlocal released
        results[index] = result
        if on_progress is not None:
            on_progress()
        while released < len(results) and results[released] is not None:
            if on_result is not None:
                on_result(results[released])
            released += 1

    for index, message in _duplicate_outputs(workbooks, outputs).items():
        done(index, BuildResult(workbooks[index], None, message))
    pending = [index for index in range(len(workbooks)) if results[index] is None]

    jobs = max(1, min(jobs, len(pending)))
    if jobs == 1:
        # One job needs no pool: the same code path as a single build, no start-up cost.
        for index in pending:
            done(index, _build_task(workbooks[index], outputs[index], options))
    else:
        _warm_up()  # with fork, the workers inherit these imports instead of each paying them
        with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
            futures: dict[Future, int] = {
                pool.submit(_build_task, workbooks[i], outputs[i], options): i for i in pending
            }
            remaining = set(futures)
            try:
                while remaining:
                    finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
                    for future in sorted(finished, key=futures.__getitem__):
                        index = futures[future]
                        try:
                            result = future.result()
                        except Exception as exc:  # noqa: BLE001 - a worker died (killed, OOM)
                            result = BuildResult(workbooks[index], None,
                                                 first_error(workbooks[index], exc),
                                                 internal=True, traceback=format_exc())
                        done(index, result)
            except BaseException:
                # Ctrl-C: leaving the block would otherwise wait for every queued workbook
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    return [result for result in results if result is not None]


def default_jobs() -> int:
    """A sensible ``-j`` when none is given: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
