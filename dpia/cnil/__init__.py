"""The CNIL PIA software (LINCnil/pia): import its JSON exports, export an assessment to it.

An export becomes the content of a dpia workbook (``importer``), written by the workbook
writer of ``dpia init`` with an extra sheet that traces every value to its JSON path and
CNIL question. ``dpia build/validate/score PIA.json`` read that workbook in memory, so an
export is checked exactly as a workbook is; messages name the JSON path of the value.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dpia import languages
from dpia.errors import ERROR, OutputError, Problem, WorkbookInvalid, has_errors
from dpia.fsutil import write_atomic
from dpia.i18n import _
from dpia.model import Assessment, ScoredAssessment, SourceFile

if TYPE_CHECKING:
    from dpia.cnil.importer import Imported

# The importer and exporter are imported where used: telling a JSON file from a workbook
# (``is_json``, on every load) must not load the workbook writer.
__all__ = ["is_json", "ImportResult", "read_export", "workbook_of", "load_export",
           "read_checked", "import_file", "export_json"]


def is_json(path: Path) -> bool:
    """True for a file whose content starts as a JSON object (after a BOM and white space):
    the CNIL tool's export, told by its content, not its name."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"{")


@dataclass
class ImportResult:
    """An export read and mapped: the content and trace, its problems, the file's SHA-256."""

    imported: Imported
    problems: list[Problem]
    name: str
    sha256: str


def read_export(path: Path, *, name: str | None = None, lang: str = languages.FALLBACK,
                organisation: str | None = None) -> ImportResult:
    """Read the CNIL export at ``path`` and map it onto the workbook's content. Raises
    FileFormatError when it is not a readable export; problems with its values are in the
    result (errors and warnings, each naming the file and the JSON path)."""
    from dpia.cnil.importer import import_export
    from dpia.cnil.jsonin import read_json

    path = Path(path)
    name = name or str(path)
    data, warnings = read_json(path, name)
    imported = import_export(data, name=name, lang=lang, organisation=organisation)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ImportResult(imported, warnings + imported.problems, name, digest)


def workbook_of(result: ImportResult) -> bytes:
    """The workbook of an import, with its trace sheet, as deterministic .xlsx bytes."""
    from dpia.cnil.importer import trace_sheet
    from dpia.workbook_template import workbook_bytes

    content = replace(result.imported.content, extra_sheets=[
        trace_sheet(result.imported, Path(result.name).name, result.sha256)])
    return workbook_bytes(lang=result.imported.lang, matrix="cnil", content=content)


def _in_json_terms(problems: list[Problem], result: ImportResult) -> list[Problem]:
    """The reader's problems about the workbook made in memory, naming the JSON file and,
    where the value came from the export, its JSON path (and the workbook's cell)."""
    out = []
    paths = result.imported.paths
    for problem in problems:
        where = f"{problem.sheet}!{problem.cell}" if problem.cell else problem.sheet
        path = paths.get((problem.sheet, problem.cell)) or paths.get(
            (problem.sheet, "".join(ch for ch in problem.cell if ch.isdigit())))
        message = problem.message
        if where:
            message = _("{message} [{where} of the imported workbook]").format(
                message=message, where=where)
        out.append(Problem(problem.severity, message, result.name, path or ""))
    return out


def _read_in_memory(result: ImportResult, *, lang: str | None, strict: bool
                    ) -> tuple[Assessment | None, list[Problem]]:
    from dpia import reader

    with tempfile.TemporaryDirectory(prefix="dpia-cnil-") as folder:
        workbook = Path(folder) / "import.xlsx"
        workbook.write_bytes(workbook_of(result))
        try:
            if lang is None and not strict:
                assessment, problems = reader.read_workbook(workbook, name=result.name)
            else:
                assessment, problems = reader.load_assessment(
                    workbook, strict=strict, lang=lang, name=result.name)
        except WorkbookInvalid as exc:
            assessment, problems = None, exc.problems
    problems = _in_json_terms(list(problems), result)
    if assessment is not None:
        rows = assessment.source.sheet_rows if assessment.source else ()
        assessment = replace(assessment, source=SourceFile(
            Path(result.name).name, result.sha256, rows))
    return assessment, problems


def read_checked(path: Path, *, name: str | None = None
                 ) -> tuple[Assessment | None, list[Problem]]:
    """As ``reader.read_workbook`` for a CNIL export: the assessment (None when errors make
    it impossible) and every problem, for ``dpia validate``."""
    result = read_export(path, name=name)
    if has_errors(result.problems):
        return None, result.problems
    assessment, problems = _read_in_memory(result, lang=None, strict=False)
    return assessment, result.problems + problems


def load_export(path: Path, *, name: str | None = None, lang: str | None = None,
                strict: bool = False) -> tuple[Assessment, list[Problem]]:
    """As ``reader.load_assessment`` for a CNIL export: the assessment and its warnings;
    raises WorkbookInvalid on errors (and, with ``strict``, on warnings)."""
    result = read_export(path, name=name, lang=lang or languages.FALLBACK)
    problems = list(result.problems)
    if strict:
        problems = [replace(p, severity=ERROR) for p in problems]
    if has_errors(problems):
        raise WorkbookInvalid(problems)
    assessment, more = _read_in_memory(result, lang=lang, strict=strict)
    problems += more
    if assessment is None or has_errors(problems):
        raise WorkbookInvalid(problems)
    return assessment, problems


def import_file(source: Path, target: Path, *, name: str | None = None,
                lang: str = languages.FALLBACK,
                organisation: str | None = None, force: bool = False
                ) -> tuple[list[Problem], list[Problem]]:
    """``dpia import``: write the workbook of the CNIL export ``source`` to ``target``
    (never over an existing file without ``force``). Returns the import's warnings and the
    problems of the workbook written (what remains to fill in before a build). Raises
    WorkbookInvalid, writing nothing, when the export has errors."""
    source, target = Path(source), Path(target)
    if target.suffix.lower() != ".xlsx":
        raise OutputError(_("{file}: the workbook's name must end in .xlsx").format(file=target))
    result = read_export(source, name=name, lang=lang, organisation=organisation)
    if has_errors(result.problems):
        raise WorkbookInvalid(result.problems)
    write_atomic(target, workbook_of(result), force=force, inputs=(source,))
    from dpia.reader import read_workbook

    _assessment, problems = read_workbook(target, name=str(target))
    return result.problems, problems


def export_json(scored: ScoredAssessment, target: Path, *, force: bool = False,
                inputs: tuple[Path, ...] = ()) -> None:
    """``dpia export --to cnil-pia``: write the CNIL export of ``scored`` to ``target``."""
    from dpia.cnil.exporter import to_export

    target = Path(target)
    if target.suffix.lower() != ".json":
        raise OutputError(_("{file}: the export's name must end in .json").format(file=target))

    text = json.dumps(to_export(scored), ensure_ascii=False, indent=2) + "\n"
    write_atomic(target, text.encode("utf-8"), force=force, inputs=inputs)
