"""Property-based tests: whatever a workbook holds, in any cell of any sheet, with sheets
removed or duplicated, reading gives an assessment or a list of problems that say where,
and never an exception; a valid result always scores, and the CLI never reports a bug."""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import os
import re

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from workbooks import minimal_sheets, write_workbook

from dpia import schema
from dpia.cli import cli
from dpia.errors import ERROR, has_errors
from dpia.reader import read_workbook
from dpia.scoring import score
from dpia.workbook_template import write_template

# DPIA_FUZZ_EXAMPLES=2000 for a longer hunt; the default keeps the suite fast
EXAMPLES = int(os.environ.get("DPIA_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def _example_rows() -> dict[str, tuple[tuple, ...]]:
    buffer = io.BytesIO()
    write_template(buffer, example=True)
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    return {sheet.title: tuple(tuple(row) for row in sheet.iter_rows(values_only=True))
            for sheet in workbook.worksheets}


def example_sheets() -> dict[str, list[list]]:
    """The worked example of ``dpia init --example`` as rows: every sheet of the format."""
    return {title: [list(row) for row in rows] for title, rows in _example_rows().items()}


# --- values a cell can hold ---------------------------------------------------------------------

def _writable(text: str) -> str:
    # openpyxl refuses these on writing; control characters get in through _xHHHH_ escapes
    return ILLEGAL_CHARACTERS_RE.sub("", text)


odd_text = st.one_of(
    st.text(max_size=40).map(_writable),
    st.sampled_from([
        "{{ 7*7 }}", "{% for x in y %}", "<w:p/>", "<b>&amp;</b>", "A & B < C",
        "\u202eevil\u202c", "\u200f\u0645\u0631\u062d\u0628\u0627", "🦆🏳️‍🌈", "_x0007_bell",
        "_x0000_", "  ", "\n", "none", "n/a", "=", "R1\nR1", "R1;R2,,;", "#N/A", "3", "3.0",
        "2.5", "-1", "1e400", "yes", "ja", "TRUE", "2026-02-30", "25/05/2026", "all",
        "Risks", "ID", "Likelihood (1-3)", "Field*",
    ]),
    st.integers(min_value=1, max_value=32_000).map(lambda n: "é" * n),
)
cell_values = st.one_of(
    st.none(),
    st.just(""),
    odd_text,
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2, 3, 5, 10**20, -0.0, 1e308, math.nan, math.inf]),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.times(),
    st.sampled_from(["=1/0", "=SUM(A1:A3)", "=NOW()", '="x"&"y"', "=Risks!A1", "=A1"]),
)


@st.composite
def changed_cells(draw, sheets: dict[str, list[list]]):
    """Some (sheet, row, column, value) changes, anywhere in or just outside the data."""
    changes = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        title = draw(st.sampled_from(sorted(sheets)))
        rows = sheets[title]
        row = draw(st.integers(min_value=0, max_value=len(rows)))
        width = max((len(r) for r in rows), default=1)
        column = draw(st.integers(min_value=0, max_value=width))
        changes.append((title, row, column, draw(cell_values)))
    return changes


def apply(sheets: dict[str, list[list]], changes) -> None:
    for title, row, column, value in changes:
        rows = sheets[title]
        while len(rows) <= row:
            rows.append([])
        while len(rows[row]) <= column:
            rows[row].append(None)
        rows[row][column] = value


# --- what must always hold ------------------------------------------------------------------------

_CELL = re.compile(r"^(?:[A-Z]{1,3}\d+|\d+)$")


def _sheet_names(path) -> set[str]:
    """The workbook's sheets as openpyxl lists them or, for a damaged file that only the
    reader's other path (python-calamine) reads, as that lists them."""
    try:
        return set(openpyxl.load_workbook(path, read_only=True).sheetnames)
    except Exception:
        import python_calamine

        return set(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)


def assert_well_formed(path, assessment, problems) -> None:
    """An assessment or errors; every problem names the file and, where it names a cell, a
    real cell reference; a valid assessment scores."""
    assert isinstance(problems, list)
    if assessment is None:
        assert has_errors(problems), "no assessment, yet no error says why"
    sheet_names = _sheet_names(path)
    for problem in problems:
        assert problem.severity in (ERROR, "warning")
        assert problem.file == str(path)
        assert problem.message and "Traceback" not in problem.message
        assert "\n" not in str(problem) and "\r" not in str(problem)  # one problem, one line
        if problem.sheet:
            assert problem.sheet in sheet_names, problem
        if problem.cell:
            assert problem.sheet and _CELL.match(problem.cell), problem
    if assessment is not None and not has_errors(problems):
        scored = score(assessment)
        assert len(scored.risks) == len(assessment.risks)


def write(tmp_path, sheets, name="fuzz.xlsx"):
    path = tmp_path / name
    if path.exists():
        path.unlink()
    return write_workbook(path, sheets)


@SETTINGS
@given(data=st.data())
def test_any_values_in_any_cell_of_the_example(tmp_path, data):
    sheets = example_sheets()
    apply(sheets, data.draw(changed_cells(sheets)))
    path = write(tmp_path, sheets)
    assert_well_formed(path, *read_workbook(path))


@SETTINGS
@given(data=st.data())
def test_any_values_in_any_cell_of_the_minimal_workbook(tmp_path, data):
    sheets = minimal_sheets()
    apply(sheets, data.draw(changed_cells(sheets)))
    path = write(tmp_path, sheets)
    assert_well_formed(path, *read_workbook(path))


def _other_names(title: str) -> list[str]:
    sheet = schema.find_sheet(title)
    names = [title.upper(), f" {title.lower()}  ", f"{title} (2)"]
    if sheet is not None:
        names += [name for name in sheet.names() if name != title]
    return names[:31]


@st.composite
def reshaped(draw):
    """The example with sheets removed, duplicated under another accepted name, emptied or
    reordered."""
    sheets = example_sheets()
    result: dict[str, list[list]] = {}
    for title, rows in sheets.items():
        action = draw(st.sampled_from(["keep", "keep", "drop", "duplicate", "empty", "header"]))
        if action == "drop":
            continue
        result[title] = [] if action == "empty" else rows[:1] if action == "header" else rows
        if action == "duplicate":
            copy = draw(st.sampled_from(_other_names(title)))[:31]
            if copy not in result:
                result[copy] = [list(row) for row in rows]
    order = draw(st.permutations(list(result)))
    return {title: result[title] for title in order}


@SETTINGS
@given(sheets=reshaped())
def test_sheets_removed_duplicated_or_emptied(tmp_path, sheets):
    if not sheets:
        sheets = {"Sheet1": []}
    path = write(tmp_path, sheets)
    assert_well_formed(path, *read_workbook(path))


@settings(max_examples=max(EXAMPLES // 3, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_cli_never_reports_a_bug(tmp_path, data):
    sheets = example_sheets()
    apply(sheets, data.draw(changed_cells(sheets)))
    path = write(tmp_path, sheets)
    runner = CliRunner()
    for command in (["validate"], ["score"], ["screen"], ["validate", "--format", "json"]):
        result = runner.invoke(cli, [*command, str(path)])
        assert result.exit_code in (0, 1), (command, result.stderr, result.exception)
        assert "internal error" not in result.stderr
        if result.exit_code == 1:  # the problems, on stderr or in the JSON document
            assert f"{path}:" in result.stderr or str(path) in result.stdout


def test_a_line_break_in_a_quoted_cell_stays_on_one_line(tmp_path):
    # found by the property test above: a field named "R1<newline>R1" split its warning in two
    sheets = minimal_sheets()
    sheets["Assessment"][1][0] = "Tit\nle"
    path = write(tmp_path, sheets)
    _, problems = read_workbook(path, name="fuzz.xlsx")
    lines = [str(p) for p in problems if p.cell == "A2"]
    assert lines == ["fuzz.xlsx:Assessment!A2: warning: Tit le: unknown field (ignored); did "
                     "you mean 'Title'?"]


# --- the scorer on any ratings of any preset ----------------------------------------------------

@st.composite
def rated_assessments(draw):
    """The sample assessment on any preset and language, its risks rated anywhere on it."""
    import dataclasses

    from factories import sample_assessment

    from dpia.matrix import PRESETS, preset

    matrix = preset(draw(st.sampled_from(PRESETS)), draw(st.sampled_from(["en", "nl"])))
    likelihood = st.integers(1, len(matrix.likelihood))
    impact = st.integers(1, len(matrix.impact))
    base = sample_assessment(matrix=matrix).risks[0]
    risks = tuple(
        dataclasses.replace(
            base, id=f"R{n}", likelihood=draw(likelihood), impact=draw(impact),
            residual_likelihood=draw(st.none() | likelihood),
            residual_impact=draw(st.none() | impact))
        for n in range(1, draw(st.integers(0, 30)) + 1))
    return sample_assessment(matrix=matrix, risks=risks)


@SETTINGS
@given(assessment=rated_assessments())
def test_scoring_any_ratings_of_any_preset(assessment):
    scored = score(assessment)
    levels = len(assessment.matrix.levels)
    assert sum(scored.inherent_counts) == sum(scored.residual_counts) == len(assessment.risks)
    for item in scored.risks:
        assert 0 <= item.inherent.level < levels and 0 <= item.residual.level < levels
        assert item.inherent.score == item.risk.likelihood * item.risk.impact
        if item.risk.residual_likelihood is None and item.risk.residual_impact is None:
            assert item.residual == item.inherent
    assert scored.prior_consultation in (True, False)


@pytest.mark.parametrize("key", ["ico", "cnil", "5x5", "enisa"])
def test_a_higher_rating_never_gives_a_lower_level(key):
    from dpia.matrix import preset

    matrix = preset(key, "en")
    n_l, n_i = len(matrix.likelihood), len(matrix.impact)
    for likelihood in range(1, n_l + 1):
        for impact in range(1, n_i + 1):
            level = matrix.level_index(likelihood, impact)
            if likelihood < n_l:
                assert matrix.level_index(likelihood + 1, impact) >= level
            if impact < n_i:
                assert matrix.level_index(likelihood, impact + 1) >= level


# --- any text reaches the report as typed -------------------------------------------------------

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
report_text_values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_LINE_BREAKS),
    min_size=1, max_size=60,
).map(_writable)


def _shown(text: str) -> str:
    """What the report must show of ``text``: control characters removed, tabs as spaces."""
    kept = "".join(ch for ch in text if not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)
                   or ch == "\t")
    return kept.replace("\t", " ").replace("\ufffe", "").replace("\uffff", "")


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=st.lists(report_text_values, min_size=4, max_size=4))
def test_any_text_in_free_text_fields_reaches_the_report_as_typed(tmp_path, values):
    from test_hardening import report_text
    from workbooks import set_cell

    sheets = minimal_sheets()
    # «» anchor each value, so leading and trailing spaces are inside it
    typed = [f"«{value}»" for value in values]
    sheets["Assessment"].append(["Nature", typed[0]])
    set_cell(sheets, "Processing", "P1", "Purpose", typed[1])
    set_cell(sheets, "Risks", "R1", "Risk", typed[2])
    set_cell(sheets, "Measures", "M1", "Description", typed[3])
    workbook = write(tmp_path, sheets)
    report = tmp_path / "fuzz.docx"
    if report.exists():
        report.unlink()
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    text = report_text(report)
    for value in typed:
        assert _shown(value) in text, (value, _shown(value))


# --- damaged files: only ever a FileFormatError ---------------------------------------------------

@functools.cache
def _valid_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in minimal_sheets().items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(buffer)
    return buffer.getvalue()


def _damage(draw, data: bytes, junk: bytes) -> bytes:
    """``data`` (a zip) cut short, with bytes overwritten, or with one of its parts damaged
    (cut, or with ``junk`` bytes written into it) inside an intact zip."""
    import zipfile

    data = bytearray(data)
    how = draw(st.sampled_from(["cut", "bytes", "part"]))
    if how == "cut":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    if how == "bytes":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    source = zipfile.ZipFile(io.BytesIO(bytes(data)))
    parts = {info.filename: bytearray(source.read(info)) for info in source.infolist()}
    name = draw(st.sampled_from(sorted(parts)))
    part = parts[name]
    if draw(st.booleans()):
        del part[draw(st.integers(0, len(part))):]
    else:
        for _ in range(draw(st.integers(1, 4))):
            part[draw(st.integers(0, len(part) - 1))] = draw(st.sampled_from(junk))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in parts.items():
            archive.writestr(member, bytes(content))
    return buffer.getvalue()


@st.composite
def damaged(draw):
    """A valid workbook cut short, with some bytes overwritten, or with one of its XML parts
    damaged inside an intact zip."""
    return _damage(draw, _valid_bytes(), b"<>&\"'/=x0\x00\xff")


@SETTINGS
@given(data=damaged())
def test_damaged_file_gives_a_file_format_error_or_a_result(tmp_path, data):
    from dpia.errors import FileFormatError

    path = tmp_path / "damaged.xlsx"
    path.write_bytes(data)
    try:
        assessment, problems = read_workbook(path)
    except FileFormatError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
    else:
        assert_well_formed(path, assessment, problems)


@functools.cache
def _report_bytes() -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        workbook = write_workbook(Path(folder) / "w.xlsx", minimal_sheets())
        report = Path(folder) / "w.docx"
        result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(report)])
        assert result.exit_code == 0, result.stderr
        return report.read_bytes()


@st.composite
def damaged_report(draw):
    """A dpia report cut short, with bytes overwritten, or with one part damaged."""
    return _damage(draw, _report_bytes(), b"<>&\"'/=x0{}[]:,\x00\xff")


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=damaged_report())
def test_damaged_report_or_template_never_an_internal_error(tmp_path, data):
    report = tmp_path / "damaged.docx"
    report.write_bytes(data)
    workbook = tmp_path / "w.xlsx"
    if not workbook.exists():
        write_workbook(workbook, minimal_sheets())
    runner = CliRunner()
    commands = (["verify", str(report)], ["verify", str(report), str(workbook)],
                ["diff", str(report), str(workbook)],
                ["build", str(workbook), "-o", str(tmp_path / "out.docx"), "--force",
                 "--template", str(report)])
    for command in commands:
        result = runner.invoke(cli, command)
        # the message, not the (huge) example, says what went wrong
        assert result.exit_code in (0, 1), (command[0], result.stderr[:300])
        assert "internal error" not in result.stderr
