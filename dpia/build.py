"""Building one report: load -> score -> render -> write (and optionally a PDF).

``build_one`` is a pure function of its arguments (no printing, no global state), so a batch
can run it in worker processes. Warnings of the workbook go to ``on_warnings`` if given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dpia import i18n
from dpia.checks import final_gaps
from dpia.errors import ERROR, NOTE, OutputError, Problem, WorkbookInvalid
from dpia.fsutil import check_target, write_atomic
from dpia.loading import load_scored
from dpia.model import ScoredAssessment
from dpia.pdf import require_soffice, to_pdf
from dpia.signing import SigningKey


def default_output(workbook: Path) -> Path:
    """The report next to the workbook: same name, ``.docx``."""
    return Path(workbook).with_suffix(".docx")


def check_report_name(target: Path) -> None:
    """Refuse a report name not ending in ``.docx``: the file is always a Word document, and
    ``-o report.pdf`` or ``-o report.xlsx`` would otherwise hide one under a wrong name."""
    if target.suffix.lower() == ".docx":
        return
    docx_name = target.with_suffix(".docx") if target.suffix else target.with_name(
        target.name + ".docx")
    if target.suffix.lower() == ".pdf":
        raise OutputError(
            f"{target}: -o names the Word report, which must end in .docx; for a PDF add "
            f"--pdf and the PDF is written beside it (give -o {docx_name} --pdf)")
    raise OutputError(
        f"{target}: the report is a Word document, so its name must end in .docx "
        f"(give -o {docx_name}; add --pdf for a PDF as well)")


def load_previous(path: Path, *, lang: str | None = None,
                  password: str | None = None) -> ScoredAssessment:
    """An earlier version to compare with: a dpia report or a workbook (told apart by their
    content, not their names); its warnings are not shown."""
    return load_scored(path, lang=lang, reports=True, password=password)[0]


def build_one(
    workbook: Path,
    output: Path | None,
    *,
    force: bool = False,
    lang: str | None = None,
    template: Path | None = None,
    pdf: bool = False,
    soffice: str | None = None,
    previous: Path | ScoredAssessment | None = None,
    name: str | None = None,
    on_warnings: Callable[[list[Problem]], None] | None = None,
    strict: bool = False,
    sign: SigningKey | None = None,
    password: str | None = None,
    final: bool = False,
) -> Path:
    """Build the Word DPIA of ``workbook`` into ``output`` (default: next to the workbook)
    and return its path. Never overwrites without ``force``, never the workbook itself;
    with ``pdf`` also writes the PDF beside it through LibreOffice (``soffice``, or the one
    :func:`dpia.pdf.find_soffice` finds); with ``sign``, the report carries a signature by
    that key (``dpia.signing``). With ``strict`` a warning is an error: ``WorkbookInvalid``
    is raised and nothing is written. ``password`` opens an encrypted workbook. With
    ``final`` the workbook must be ready to be the final version (``checks.final_gaps``):
    otherwise ``WorkbookInvalid`` names every gap and nothing is written."""
    from dpia.report import render

    workbook = Path(workbook)
    target = Path(output) if output is not None else default_output(workbook)
    inputs = (workbook,) + ((Path(template),) if template is not None else ())
    # fail before the work: an existing report, a missing folder, LibreOffice absent
    check_target(target, force=force, inputs=inputs)
    check_report_name(target)
    pdf_target = target.with_suffix(".pdf")
    if pdf:
        soffice = require_soffice(soffice)
        check_target(pdf_target, force=force, inputs=inputs)
    # --template is checked once, where it is read (report.document.open_reference)

    scored, warnings = load_scored(workbook, lang=lang, name=name, strict=strict,
                                   password=password)
    if final:
        with i18n.workbook_language(scored.assessment.info.language):  # a Dutch one's in Dutch
            gaps = final_gaps(scored.assessment)

        if gaps:
            raise WorkbookInvalid([
                replace(gap, severity=ERROR, file=name or str(workbook),
                        message=f"--final: {gap.message}") for gap in gaps])
    if warnings and on_warnings is not None:
        on_warnings(list(warnings))
    report_lang = lang or scored.assessment.info.language or "en"
    earlier = None
    if isinstance(previous, ScoredAssessment):
        earlier = previous
    elif previous is not None:
        earlier = load_previous(Path(previous), lang=report_lang, password=password)
    notes: list[str] = []
    data = render(scored, lang=report_lang, template=template, previous=earlier, notes=notes,
                  signer=sign.sign if sign is not None else None)
    if notes and on_warnings is not None:
        on_warnings([Problem(NOTE, note, str(template)) for note in notes])
    write_atomic(target, data, force=force, inputs=inputs)
    if pdf:
        notes = []
        write_atomic(pdf_target, to_pdf(target, soffice, notes=notes), force=force,
                     inputs=inputs)
        if notes and on_warnings is not None:
            on_warnings([Problem(NOTE, note, str(pdf_target)) for note in notes])
    return target
