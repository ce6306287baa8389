"""Loading a scored assessment: the one place that reads a workbook (or a report) and scores
it, used by the commands (score, matrix, screen), build, diff and verify. An export of the
CNIL PIA software (a JSON object, told by its content) is read here too, through its import
(``dpia.cnil``), and from then on is a workbook like any other."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dpia.errors import Problem
from dpia.model import Assessment, ScoredAssessment


def is_report(path: Path) -> bool:
    """True for a Word document (a zip with ``word/document.xml``), judged by its content,
    not its name; by its name only when its content cannot even be listed."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except Exception:  # noqa: BLE001 - zipfile raises many kinds (a damaged version field:
        # NotImplementedError); the checks of a report or a workbook then name the damage
        return path.suffix.lower() == ".docx"


def load_scored(
    path: Path,
    *,
    lang: str | None = None,
    strict: bool = False,
    name: str | None = None,
    reports: bool = False,
    password: str | None = None,
) -> tuple[ScoredAssessment, list[Problem]]:
    """The scored assessment of a workbook, read in ``lang`` (``strict``: warnings are
    errors; ``name``: how messages name the file; ``password`` opens an encrypted .xlsx),
    with the reader's warnings.

    With ``reports``, a Word document is taken as a dpia report (by its content, whatever its
    name) and its embedded assessment returned, without warnings. Raises WorkbookInvalid for
    a workbook with errors, NotAReport for a Word document without dpia provenance.
    """
    path = Path(path)
    if reports and is_report(path):
        from dpia import provenance

        return provenance.load_report(path), []
    from dpia.scoring import score

    if _is_cnil_export(path):
        from dpia.cnil import load_export

        assessment, warnings = load_export(path, strict=strict, lang=lang, name=name)
    else:
        from dpia.reader import load_assessment

        assessment, warnings = load_assessment(path, strict=strict, lang=lang, name=name,
                                               password=password)
    return score(assessment), list(warnings)


def read_checked(path: Path, *, name: str | None = None, password: str | None = None
                 ) -> tuple[Assessment | None, list[Problem]]:
    """Every problem of a workbook (or a CNIL export) to validate, and its assessment (None
    when errors make it impossible to build); see ``reader.read_workbook``."""
    path = Path(path)
    if _is_cnil_export(path):
        from dpia.cnil import read_checked as read_export_checked

        return read_export_checked(path, name=name)
    from dpia.reader import read_workbook

    return read_workbook(path, name=name, password=password)


def _is_cnil_export(path: Path) -> bool:
    """A JSON object, whatever its name: what the CNIL PIA software exports."""
    from dpia.cnil import is_json

    return path.is_file() and is_json(path)
