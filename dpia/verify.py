"""``dpia verify``: is a report intact, consistent and (given the workbook) still current?

Checks, each giving one finding per problem found:

1. the embedded assessment matches the SHA-256 recorded next to it;
2. every score and level in it follows from its own matrix;
3. the data tables in the document body (found by their alt text ``dpia:KIND``) still say
   what the embedded assessment says: a level, score, status or measure edited by hand, or a
   row deleted or added, is named with its risk or measure ID;
4. given the workbook: the workbook's SHA-256 is the one the report was built from; if not,
   the report is out of date and the differences are listed (``dpia.diff``).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from dpia import diff, docxml, provenance, signing
from dpia.errors import FileFormatError, Problem, one_line
from dpia.loading import load_scored
from dpia.model import Matrix, Rating, ScoredAssessment
from dpia.scoring import score

LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class Verification:
    """The outcome of verifying one report."""

    report: str  # the report's path as given
    title: str
    version: str
    risks: int
    measures: int
    input_name: str
    input_sha256: str
    assessment_sha256: str
    findings: tuple[str, ...] = ()  # integrity and consistency problems, one line each
    workbook: str | None = None  # the workbook compared against, if any
    current: bool | None = None  # None: no workbook given
    workbook_sha256: str = ""
    changes: diff.Changes | None = None  # report -> workbook, when out of date
    warnings: tuple[Problem, ...] = field(default=())  # the workbook reader's warnings
    signature: signing.SignatureCheck | None = None  # None: not looked at

    @property
    def ok(self) -> bool:
        """Intact, consistent, and current when a workbook was given."""
        return not self.findings and self.current is not False


# --- reading the document body ---------------------------------------------------------------


@dataclass(frozen=True)
class BodyTable:
    """A data table of the report body: its kind, column keys and cell texts per row."""

    kind: str
    keys: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def body_tables(document_xml: bytes) -> list[BodyTable]:
    """Every table of the body in document order (one pass); KIND from the ``dpia:KIND``
    alt text, ``""`` for a table without it."""
    tables = []
    for tag, rows in docxml.read_tables(document_xml):
        kind, keys = tag if tag is not None else ("", ())
        header = rows[0] if rows else ()
        tables.append(BodyTable(kind, tuple(keys), header, tuple(rows[1:])))
    return tables


def _signatures(langs: tuple[str, ...]) -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Header row (as compared) -> (KIND, keys) of the tables the report writes, per language."""
    from dpia.report import sections
    from dpia.report.text import labels

    found = {}
    for lang in langs:
        try:
            columns = labels(lang)["columns"]
        except (FileNotFoundError, OSError, KeyError):
            continue
        for kind, keys, names in (
            ("risk-register", sections.RISK_REGISTER_KEYS, sections.RISK_REGISTER_KEYS),
            ("residual", sections.RESIDUAL_KEYS, sections.RESIDUAL_HEADERS),
            ("treatment", sections.TREATMENT_KEYS, sections.TREATMENT_KEYS),
            ("measures", sections.MEASURE_KEYS, sections.MEASURE_KEYS),
            ("action-plan", sections.ACTION_PLAN_KEYS, sections.ACTION_PLAN_KEYS),
        ):
            header = [columns.get(name, name) for name in names]
            found[tuple(_same(text) for text in header)] = (kind, tuple(keys))
    return found


def recognise(tables: list[BodyTable], scored: ScoredAssessment,
              langs: tuple[str, ...] = LANGUAGES) -> list[BodyTable]:
    """Give a KIND to tables that lost their alt text (LibreOffice drops it when it saves a
    .docx): the data tables by their header row, the three matrix-shaped tables (matrix, heat
    map of inherent risks, heat map after measures) by their place, in the report's order."""
    if all(table.kind for table in tables):
        return tables
    signatures = _signatures(langs)
    impact_names = tuple(_same(level.name) for level in scored.matrix.impact)
    grid_kinds = iter(("matrix", "heatmap-inherent", "heatmap-residual"))
    out = []
    for table in tables:
        if not table.kind:
            header = tuple(_same(text) for text in table.header)
            if header in signatures:
                kind, keys = signatures[header]
                table = BodyTable(kind, keys, table.header, table.rows)
            elif header[1:] == impact_names and len(header) > 1:
                kind = next(grid_kinds, "")
                keys = ("likelihood",) + tuple(str(n) for n in range(1, len(header)))
                table = BodyTable(kind, keys if kind else (), table.header, table.rows)
        out.append(table)
    return out


def _document_xml(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        raise FileFormatError(f"{path}: not a Word document (.docx)") from None


# --- what the tables should say ----------------------------------------------------------------


def _same(text: str) -> str:
    """Text as compared: white space collapsed (Word may re-wrap or re-space a cell)."""
    return " ".join(text.split())


def _scale(matrix: Matrix, which: str, value: int) -> list[str]:
    scale = matrix.likelihood if which == "likelihood" else matrix.impact
    return [s.name for s in scale if s.value == value] or [str(value)]


# what a row of each data table is, for messages
_ROW_NAMES = {
    "summary": "level", "processing": "processing operation", "risk-register": "risk",
    "residual": "risk", "treatment": "risk", "measures": "measure", "action-plan": "measure",
}


def _expected_rows(
    kind: str, scored: ScoredAssessment, langs: tuple[str, ...]
) -> tuple[str, dict[str, dict[str, list[str]]], list[str]] | None:
    """(what a row is, {row ID: {column key: the text the report writes there, per
    language}}, the IDs the table must list) for a data table of the report, else None.

    The texts are made by the code that writes the report's rows (``sections.DATA_TABLES``,
    with the report's own formatting of dates, lists, value words and "not provided"), so
    verify expects exactly what a build writes.
    """
    from dpia.report.context import Context
    from dpia.report.sections import DATA_TABLES

    if kind not in DATA_TABLES:
        return None
    keys, items_of, row_of = DATA_TABLES[kind]
    rows: dict[str, dict[str, list[str]]] = {}
    for lang in langs:
        ctx = Context(scored, lang)
        try:
            ctx.labels  # noqa: B018 - a language whose labels are not shipped is skipped
        except OSError:
            continue
        try:
            built = [[docxml.shown_text(value) for value in row_of(ctx, item)]
                     for item in items_of(ctx)]
        except (IndexError, KeyError, TypeError, ValueError):
            return None  # a damaged embedded assessment: check_scores names the damage
        for cells in built:
            expected = rows.setdefault(_same(cells[0]), {})
            for key, text in zip(keys, cells):
                accepted = expected.setdefault(key, [])
                if text not in accepted:  # the report language's text first
                    accepted.append(text)
    return _ROW_NAMES[kind], rows, list(rows)


_TABLE_NAMES = {
    "risk-register": "risk register", "residual": "residual risk table",
    "treatment": "risk treatment table",
    "measures": "measures table", "action-plan": "action plan",
    "heatmap-inherent": "heat map of inherent risks",
    "heatmap-residual": "heat map after measures", "processing": "processing table",
    "summary": "summary of risks per level",
}


def _table_name(kind: str) -> str:
    return _TABLE_NAMES.get(kind, f"{kind} table")


def _key_name(key: str) -> str:
    return key.replace("_", " ")


def _check_rows(table: BodyTable, scored: ScoredAssessment,
                langs: tuple[str, ...]) -> Iterator[str]:
    expected = _expected_rows(table.kind, scored, langs)
    if expected is None:
        return
    what, rows, required = expected
    name = _table_name(table.kind)
    seen = []
    for cells in table.rows:
        row_id = _same(cells[0]) if cells else ""
        if not row_id:
            yield f"{name}: a row without an ID is not in the embedded assessment"
            continue
        if row_id not in rows:
            yield (f"{row_id}: {name} has a row for {what} {row_id}, which the embedded "
                   "assessment does not list there")
            continue
        if row_id in seen:
            yield f"{row_id}: {name} lists {what} {row_id} twice"
            continue
        seen.append(row_id)
        accepted = rows[row_id]
        for index, key in enumerate(table.keys[1:], start=1):
            if key not in accepted:
                continue  # a column the report no longer writes
            text = cells[index] if index < len(cells) else ""
            allowed = [_same(value) for value in accepted[key]]
            if _same(text) not in allowed:
                want = allowed[0]  # the report language's word comes first
                yield (f"{row_id}: {name} says {_key_name(key)} {_show(text)}, the embedded "
                       f"assessment says {_show(want)}")
    for row_id in required:
        if row_id not in seen:
            yield f"{row_id}: {what} {row_id} is missing from the {name}"


def _show(text: str) -> str:
    text = _same(text)
    return f'"{text}"' if text else "(empty)"


def _split_ids(text: str) -> list[str]:
    return [part for part in (p.strip() for p in text.replace(";", ",").split(",")) if part]


def _check_heatmap(table: BodyTable, scored: ScoredAssessment) -> Iterator[str]:
    """Each risk ID in the cell of its rating, and nowhere else."""
    matrix = scored.matrix
    residual = table.kind == "heatmap-residual"
    name = _table_name(table.kind)
    impact_names = [_same(c) for c in table.header[1:]]
    placed: dict[str, list[tuple[str, str]]] = {}
    for cells in table.rows:
        if not cells:
            continue
        likelihood_name = _same(cells[0])
        for index, text in enumerate(cells[1:]):
            impact_name = impact_names[index] if index < len(impact_names) else "?"
            for risk_id in _split_ids(text):
                placed.setdefault(risk_id, []).append((likelihood_name, impact_name))
    known = set()
    for item in scored.risks:
        rating = item.residual if residual else item.inherent
        where = (
            next(iter(_scale(matrix, "likelihood", rating.likelihood))),
            next(iter(_scale(matrix, "impact", rating.impact))),
        )
        risk_id = item.risk.id
        known.add(risk_id)
        cells = placed.get(risk_id, [])
        extra = "; ".join(f"{li} × {im}" for li, im in cells if (li, im) != where)
        if not cells:
            yield f"{risk_id}: missing from the {name}"
        elif where not in cells:
            yield (f"{risk_id}: the {name} places it at {extra}, the embedded assessment at "
                   f"{where[0]} × {where[1]}")
        elif extra:
            yield (f"{risk_id}: the {name} also shows it at {extra}; the embedded assessment "
                   f"places it at {where[0]} × {where[1]} only")
    for risk_id in placed:
        if risk_id not in known:
            yield f"{risk_id}: the {name} shows a risk the embedded assessment does not have"


def _untranspose(tables: list[BodyTable]) -> BodyTable:
    """The per-operation processing tables (header: ID label and the operation's ID; one
    row per field) as one table with a row per operation."""
    rows = []
    keys = tables[0].keys
    for table in tables:
        identifier = table.header[1] if len(table.header) > 1 else ""
        rows.append((identifier, *(row[1] if len(row) > 1 else "" for row in table.rows)))
    return BodyTable("processing", keys, (), tuple(rows))


def _check_matrix_table(table: BodyTable, matrix: Matrix) -> Iterator[str]:
    """The matrix grid as shown: the level name of every cell."""
    likelihood_names = [s.name for s in reversed(matrix.likelihood)]
    for number, cells in enumerate(table.rows):
        if number >= len(likelihood_names):
            yield "the risk matrix table has more rows than the matrix has likelihood levels"
            break
        value = len(likelihood_names) - number
        for index, text in enumerate(cells[1:]):
            if index >= len(matrix.impact):
                break
            want = matrix.levels[matrix.grid[value - 1][index]].name
            if _same(text) != _same(want):
                yield (f"the risk matrix table says {_show(text)} for "
                       f"{likelihood_names[number]} × {matrix.impact[index].name}, the "
                       f"embedded matrix says {_show(want)}")
    if len(table.rows) < len(likelihood_names):
        yield "the risk matrix table has fewer rows than the matrix has likelihood levels"


def check_tables(tables: list[BodyTable], scored: ScoredAssessment,
                 langs: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Findings where the body tables no longer say what the embedded assessment says."""
    findings: list[str] = []
    present = {table.kind for table in tables}
    processing = [t for t in tables if t.kind == "processing"]
    if processing:
        tables = [t for t in tables if t.kind != "processing"] + [_untranspose(processing)]
    for table in tables:
        if not table.kind:
            continue
        if table.kind.startswith("heatmap-"):
            findings.extend(_check_heatmap(table, scored))
        elif table.kind == "matrix":
            findings.extend(_check_matrix_table(table, scored.matrix))
        else:
            findings.extend(_check_rows(table, scored, langs))
    # a data table deleted whole (or stripped of its alt text)
    if scored.risks and "risk-register" not in present:
        findings.append("the risk register table is missing (or its alt text was removed)")
    if scored.assessment.measures and "measures" not in present:
        findings.append("the measures table is missing (or its alt text was removed)")
    return findings


# --- the embedded assessment itself ------------------------------------------------------------


def _check_matrix(matrix: Matrix) -> list[str]:
    """The matrix is well formed: a grid cell for every pair of scale values, valid levels."""
    findings = []
    if not matrix.levels or not matrix.likelihood or not matrix.impact:
        return ["the embedded matrix has no levels or an empty scale"]
    for number, scale in (("likelihood", matrix.likelihood), ("impact", matrix.impact)):
        if [s.value for s in scale] != list(range(1, len(scale) + 1)):
            findings.append(f"the embedded {number} scale is not numbered 1..{len(scale)}")
    if len(matrix.grid) != len(matrix.likelihood) or any(
        len(row) != len(matrix.impact) for row in matrix.grid
    ):
        findings.append("the embedded matrix grid does not match its scales")
    elif any(not 0 <= cell < len(matrix.levels) for row in matrix.grid for cell in row):
        findings.append("the embedded matrix grid names a risk level that does not exist")
    return findings


def _rating_text(matrix: Matrix, rating: Rating) -> str:
    likelihood = next(iter(_scale(matrix, "likelihood", rating.likelihood)))
    impact = next(iter(_scale(matrix, "impact", rating.impact)))
    return f"{likelihood} × {impact}"


def check_scores(scored: ScoredAssessment, data: dict | None = None) -> list[str]:
    """Findings where a score, level or conclusion in the embedded assessment does not follow
    from its matrix (recomputed with ``dpia.scoring``)."""
    matrix = scored.matrix
    findings = _check_matrix(matrix)
    if findings:
        return findings
    for item in scored.risks:
        risk = item.risk
        for which, value, size in (
            ("likelihood", risk.likelihood, len(matrix.likelihood)),
            ("impact", risk.impact, len(matrix.impact)),
            ("residual likelihood", risk.residual_likelihood, len(matrix.likelihood)),
            ("residual impact", risk.residual_impact, len(matrix.impact)),
        ):
            if value is not None and not 1 <= value <= size:
                findings.append(f"{risk.id}: {which} {value} is not on the matrix's scale")
    if findings:
        return findings
    recomputed = score(scored.assessment)
    for stored, fresh in zip(scored.risks, recomputed.risks):
        risk_id = stored.risk.id
        for label, old, new in (("inherent", stored.inherent, fresh.inherent),
                                ("residual", stored.residual, fresh.residual)):
            if (old.likelihood, old.impact) != (new.likelihood, new.impact):
                findings.append(
                    f"{risk_id}: {label} rating {_rating_text(matrix, old)} does not match the "
                    f"risk's own likelihood and impact ({_rating_text(matrix, new)})")
                continue
            if old.score != new.score:
                findings.append(
                    f"{risk_id}: {label} score {old.score} does not follow from the matrix "
                    f"({_rating_text(matrix, new)} gives {new.score})")
            if old.level != new.level:
                findings.append(
                    f"{risk_id}: {label} level {_show_level(matrix, old.level)} does not follow "
                    f"from the matrix ({_rating_text(matrix, new)} is "
                    f"{_show_level(matrix, new.level)})")
    if data is not None:
        findings.extend(_check_names(data, matrix))
    if scored.prior_consultation != recomputed.prior_consultation:
        findings.append(
            f"prior consultation is recorded as {_yes(scored.prior_consultation)}, but the "
            f"residual levels give {_yes(recomputed.prior_consultation)}")
    if scored.screening.required != recomputed.screening.required:
        findings.append(
            f"DPIA required is recorded as {_yes(scored.screening.required)}, but the "
            f"screening answers give {_yes(recomputed.screening.required)}")
    if (scored.inherent_counts, scored.residual_counts) != (
        recomputed.inherent_counts, recomputed.residual_counts
    ):
        findings.append("the risk counts per level do not follow from the risks")
    return findings


def _check_names(data: dict, matrix: Matrix) -> list[str]:
    """The level and scale names written next to each rating are the matrix's names."""
    findings = []
    for row in data.get("risks", []):
        for label in ("inherent", "residual"):
            rating = row.get(label, {})
            level = rating.get("level")
            if isinstance(level, int) and 0 <= level < len(matrix.levels):
                name = rating.get("level_name")
                if name is not None and name != matrix.levels[level].name:
                    findings.append(
                        f"{row.get('id')}: {label} level is named {name!r}, but level "
                        f"{level + 1} of the matrix is {matrix.levels[level].name!r}")
    return findings


def _show_level(matrix: Matrix, index: int) -> str:
    return matrix.levels[index].name if 0 <= index < len(matrix.levels) else f"#{index + 1}"


def _yes(value: Any) -> str:
    return {True: "yes", False: "no", None: "unknown"}[value]


# --- putting it together -----------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(
    report: Path,
    workbook: Path | None = None,
    *,
    load_workbook: Callable[[Path], tuple[ScoredAssessment, list[Problem]]] | None = None,
    trusted: tuple[signing.TrustedKey, ...] | None = None,
) -> Verification:
    """Verify ``report`` (and whether it is current against ``workbook``); a signature, if
    it has one, is checked, and with ``trusted`` keys it must have one by such a key.

    Raises NotAReport for a .docx without dpia provenance and FileFormatError for a file
    that is not a .docx; everything else found is a finding of the result.
    """
    report = Path(report)
    record = provenance.extract(report)
    data = record["assessment"]
    findings: list[str] = []
    signature = _check_signature(report, record, trusted, findings)
    recorded = str(record.get("assessment_sha256", ""))
    computed = provenance.assessment_hash(data)
    if recorded != computed:
        findings.append(
            f"the embedded assessment does not match its SHA-256 (recorded {recorded or '-'}, "
            f"computed {computed}): it was changed after the report was built")
    try:
        scored = provenance.from_dict(data)
    except provenance.DamagedProvenance as exc:
        findings.append(str(exc))
        scored = None
    source = record.get("input") or {}
    info = data.get("info", {}) if isinstance(data.get("info"), dict) else {}
    result = dict(
        report=str(report),
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        risks=len(data.get("risks", []) or []),
        measures=len(data.get("measures", []) or []),
        input_name=str(source.get("name", "")),
        input_sha256=str(source.get("sha256", "")),
        assessment_sha256=recorded,
        signature=signature,
    )
    if scored is not None:
        findings.extend(check_scores(scored, data))
        lang = provenance.report_language(report)
        langs = (lang,) if lang else LANGUAGES
        try:
            body = body_tables(_document_xml(report))
        except etree.XMLSyntaxError as exc:  # a damaged report is the user's input, not a bug
            raise FileFormatError(
                f"{report}: the report is damaged (word/document.xml: {exc}); "
                "ask for a fresh copy") from None
        tables = recognise(body, scored, langs)
        findings.extend(check_tables(tables, scored, langs))
    if workbook is None:
        return Verification(**result, findings=tuple(findings))
    workbook = Path(workbook)
    workbook_hash = file_sha256(workbook) if workbook.is_file() else ""
    current = bool(workbook_hash) and workbook_hash == result["input_sha256"]
    changes = None
    warnings: list[Problem] = []
    if not current:
        if load_workbook is not None:
            fresh, warnings = load_workbook(workbook)
        else:
            fresh, warnings = load_scored(
                workbook, lang=provenance.report_language(report), name=str(workbook),
                reports=True)
        if scored is not None:
            changes = diff.compare(scored, fresh)
    return Verification(
        **result, findings=tuple(findings), workbook=str(workbook), current=current,
        workbook_sha256=workbook_hash, changes=changes, warnings=tuple(warnings),
    )


def _check_signature(report: Path, record: dict, trusted: tuple[signing.TrustedKey, ...] | None,
                     findings: list[str]) -> signing.SignatureCheck:
    """The report's signature (``dpia.signing``); one that fails is the first finding."""
    check = signing.check_report(report, record, trusted)
    if not check.ok:
        findings.insert(0, check.problem)
    return check


def render_text(result: Verification) -> str:
    """``verified: ...`` and a short summary when all holds; otherwise one line per finding
    (``REPORT: finding``), and for a stale report what changed in the workbook."""
    lines = []
    title = result.title + (f", version {result.version}" if result.version else "")
    if result.findings:
        lines.append(f"{result.report}: verification failed: {title}")
        lines.extend(f"{result.report}: {finding}" for finding in result.findings)
    elif result.current is False:
        lines.append(f"{result.report}: intact: {title}")
    else:
        lines.append(f"verified: {title}")
        lines.append(f"  risks: {result.risks}, measures: {result.measures}")
        if result.input_name or result.input_sha256:
            lines.append(f"  input: {result.input_name} (SHA-256 {result.input_sha256})")
        lines.append(f"  assessment SHA-256: {result.assessment_sha256}")
    signature = result.signature
    verified = not result.findings and result.current is not False
    if signature is not None and (verified or (signature.signed and signature.ok)):
        # a good signature also when the pages fail: the record is genuine, the pages not
        lines.extend(signature.lines())
    if result.current is True:
        lines.append(f"  current: {result.workbook} is the workbook the report was built from")
    elif result.current is False:
        lines.append(
            f"{result.report}: report out of date: {result.workbook} (SHA-256 "
            f"{result.workbook_sha256 or '-'}) is not the workbook it was built from "
            f"({result.input_name or '?'}, SHA-256 {result.input_sha256 or '-'})")
        if result.changes is not None:
            if result.changes.changed:
                text = diff.render_text(result.changes, result.report, result.workbook)
                lines.extend("  " + line if line else line for line in text.splitlines())
            else:
                lines.append("  the workbook's content is the same; only the file differs")
    # each line one line: a title or a value in a finding cannot add lines of its own
    return "\n".join(one_line(line) for line in lines) + "\n"
