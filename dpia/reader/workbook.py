"""Read a whole workbook: the sheets in order, then the cross-reference checks."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from dpia import checks, i18n, languages, schema
from dpia import matrix as matrices
from dpia.errors import ERROR, Problem, WorkbookInvalid, has_errors
from dpia.filetype import open_workbook
from dpia.model import Assessment, AssessmentInfo, SourceFile
from dpia.reader.assessment import read_info
from dpia.reader.backends import load_raw_sheets
from dpia.reader.matrix_sheets import read_matrix
from dpia.reader.rows import (
    read_history,
    read_measures,
    read_processing,
    read_risks,
    read_screening,
    read_sign_off,
)
from dpia.reader.tables import Reader, missing_sheet


def _read(path: Path, name: str, lang: str | None,
          password: str | None = None) -> tuple[Assessment | None, list[Problem]]:
    opened = open_workbook(path, name=name, password=password)
    sheets = load_raw_sheets(opened.data, name, scan=opened.scan)
    # the file as stored (encrypted or not) is what the record names: what sha256sum and
    # dpia verify see
    data = path.read_bytes() if opened.encrypted else opened.data
    reader = Reader(name, sheets, lang)
    # problems are in the workbook's language (dpia.i18n): --lang, else its Language field
    with i18n.workbook_language(lang):
        return _read_sheets(reader, sheets, name, lang, data)


def _read_sheets(reader: Reader, sheets, name: str, lang: str | None,
                 data: bytes) -> tuple[Assessment | None, list[Problem]]:
    before = len(reader.problems)
    info, origins = read_info(reader)
    if lang is None and info is not None and "language" in origins \
            and info.language != i18n.current():
        # the Assessment sheet says the language: read it again so that its own problems
        # are in that language too (a sheet of a few rows)
        i18n.set_workbook_language(info.language)
        del reader.problems[before:]
        info, origins = read_info(reader)
    report_lang = info.language if info else (lang or "en")
    matrix = read_matrix(reader, info, origins, report_lang)
    processing = read_processing(reader)
    measures = read_measures(reader)
    if "processing" not in reader.sheets:
        reader.error("", "", missing_sheet(schema.PROCESSING))
    risks = read_risks(reader, matrix, [p.id for p in processing], [m.id for m in measures])
    if "risks" not in reader.sheets:
        reader.error("", "", missing_sheet(schema.RISKS))
    screening = read_screening(reader, info.authority if info else "")
    sign_off = read_sign_off(reader)
    history = read_history(reader)

    sheet_rows = tuple(
        (sheet.title, reader.sheet_rows[sheet.title])
        for sheet in sheets if sheet.title in reader.sheet_rows
    )
    source = SourceFile(Path(name).name, hashlib.sha256(data).hexdigest(), sheet_rows)
    everything = Assessment(
        info=info or AssessmentInfo(title="", organisation=""),
        processing=tuple(processing),
        risks=tuple(risk for risk, _ in risks),
        matrix=matrix or matrices.preset(matrices.DEFAULT_PRESET, report_lang),
        measures=tuple(measures),
        # a wrong Applies cell counts as answered here, so it is not also "not answered"
        screening=None if screening is None else tuple(
            answer if ok else replace(answer, applies=False) for answer, ok in screening
        ),
        sign_off=sign_off,
        history=history,
        source=source,
    )
    reader.problems.extend(checks.run_checks(everything, name))
    problems = reader.sorted_problems()
    required_sheets = all(key in reader.sheets for key in ("assessment", "processing", "risks"))
    if info is None or matrix is None or not required_sheets:
        return None, problems
    return replace(
        everything,
        risks=tuple(risk for risk, ok in risks if ok),
        screening=None if screening is None else tuple(answer for answer, _ in screening),
    ), problems


def read_workbook(
    path: str | Path, *, name: str | None = None, password: str | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """Read and check a workbook: the assessment (None when errors make it impossible to
    build) and every problem, errors and warnings, by sheet, row and column.

    ``name`` is how messages name the file (default: ``path`` as given); ``password`` opens
    an encrypted .xlsx. Raises ``FileFormatError`` when the file is not a readable
    .xlsx/.xlsm workbook or .ods spreadsheet (``PasswordNeeded``: encrypted, no password).
    """
    return _read(Path(path), str(path) if name is None else name, None, password)


def load_assessment(
    path: str | Path, *, strict: bool = False, lang: str | None = None, name: str | None = None,
    password: str | None = None,
) -> tuple[Assessment, list[Problem]]:
    """The assessment of a valid workbook and its warnings.

    Raises ``WorkbookInvalid`` (with every problem) on errors, or on warnings when ``strict``.
    ``lang`` (a language code) overrides the workbook's Language: the report language and, for a
    preset matrix, the names of its levels (a matrix defined in the workbook keeps its names).
    """
    if lang is not None and lang not in languages.codes():
        raise ValueError(f"unknown report language {lang!r}")
    assessment, problems = _read(Path(path), str(path) if name is None else name, lang,
                                 password)
    if strict:  # --strict: every warning is an error
        problems = [replace(p, severity=ERROR) for p in problems]
    if has_errors(problems) or assessment is None:
        raise WorkbookInvalid(problems)
    return assessment, problems
