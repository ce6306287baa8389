"""``dpia register`` and ``dpia due`` over a generated folder tree of about 50 workbooks:
English and Dutch, four matrices, subfolders, broken files, an Excel lock file, reports
beside their workbooks (current and out of date), reports on their own, a Word document that
is no report. The folder is built once per session; each test reads it, never changes it."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from icalendar import Calendar
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia import portfolio as pf
from dpia import portfolio_output as words
from dpia.build import build_one
from dpia.cli import cli
from dpia.labels import labels
from dpia.matrix import preset
from dpia.workbook_template import write_template

AS_OF = "2026-12-05"
AS_OF_DATE = dt.date(2026, 12, 5)
MATRICES = ("ico", "5x5", "cnil", "enisa")
GENERATED = 36  # workbooks in en/ (dpia-00 .. dpia-35)
INJECTED_TITLE = "=1+1 {{ x }} <b>& Co"


def _generated_sheets(number: int) -> dict:
    """Workbook ``number`` of en/: its matrix, review date, measure and residual levels
    follow from the number (see the comments), so tests can count what to expect."""
    sheets = minimal_sheets()
    matrix = preset(MATRICES[number % 4], "en")
    top_l, top_i = len(matrix.likelihood), len(matrix.impact)
    title = INJECTED_TITLE if number == 7 else f"DPIA {number:02d}"
    set_cell(sheets, "Assessment", "Title", "Value", title)
    set_cell(sheets, "Assessment", "Version", "Value", f"1.{number}")
    sheets["Assessment"] += [
        ["Matrix", MATRICES[number % 4]],
        ["Owner", f"Owner {number % 5}"],
        ["DPO", "D. P. Officer"],
        # review: overdue (n % 3 == 0), due within 30 days (1), next year (2)
        ["Review date", {0: dt.date(2026, 6, 1), 1: dt.date(2026, 12, 20),
                         2: dt.date(2027, 6, 1)}[number % 3]],
    ]
    for row in sheets["Risks"][1:]:
        row[5], row[6] = top_l, top_i  # inherent: the top cell
        # residual: the top cell again for n % 5 == 0 (prior consultation), else the lowest
        row[8], row[9] = (top_l, top_i) if number % 5 == 0 else (1, 1)
    # M2: planned and overdue for even n, in progress and due next year for odd n
    set_cell(sheets, "Measures", "M2", "Status", "planned" if number % 2 == 0 else
             "in progress")
    set_cell(sheets, "Measures", "M2", "Due date",
             dt.date(2026, 9, 1) if number % 2 == 0 else dt.date(2027, 2, 1))
    return sheets


@pytest.fixture(scope="session")
def tree(tmp_path_factory) -> Path:
    """The folder tree (see the module docstring)."""
    root = tmp_path_factory.mktemp("portfolio")
    (root / "en").mkdir()
    for number in range(GENERATED):
        write_workbook(root / "en" / f"dpia-{number:02d}.xlsx", _generated_sheets(number))
    # the injected title as text, as Excel keeps a cell typed with a leading apostrophe
    book = openpyxl.load_workbook(root / "en" / "dpia-07.xlsx")
    title = next(row[1] for row in book["Assessment"].iter_rows() if row[0].value == "Title")
    title.data_type = "s"
    book.save(root / "en" / "dpia-07.xlsx")
    (root / "en" / "~$dpia-00.xlsx").write_bytes(b"lock")
    examples = root / "examples"
    for lang in ("en", "nl"):
        (examples / lang).mkdir(parents=True)
        for matrix in MATRICES:
            write_template(examples / lang / f"{lang}-{matrix}.xlsx", lang=lang, matrix=matrix,
                           example=True)
    broken = root / "broken"
    broken.mkdir()
    (broken / "text.xlsx").write_text("id;risk\n1;leak\n")
    (broken / "random.xlsx").write_bytes(bytes(range(256)) * 4)
    sheets = minimal_sheets()
    set_cell(sheets, "Assessment", "Title", "Value", "")
    write_workbook(broken / "no-title.xlsx", sheets)
    whole = (root / "en" / "dpia-04.xlsx").read_bytes()
    (broken / "truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    (broken / "damaged.docx").write_bytes(b"PK\x03\x04 not really")
    # reports: beside their workbook and current; beside it and out of date; on their own
    build_one(root / "en" / "dpia-01.xlsx", None)
    build_one(root / "en" / "dpia-02.xlsx", None)
    write_workbook(root / "en" / "dpia-02.xlsx", _generated_sheets(2) | {
        "Assessment": _generated_sheets(2)["Assessment"] + [["Scope", "changed after"]]})
    (root / "reports").mkdir()
    build_one(root / "en" / "dpia-03.xlsx", root / "reports" / "archived-03.docx")
    build_one(examples / "nl" / "nl-cnil.xlsx", root / "reports" / "nl-cnil.docx")
    letter = docx.Document()
    letter.add_paragraph("Dear DPO,")
    letter.save(root / "reports" / "letter.docx")
    return root


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="session")
def collected(tree) -> pf.Portfolio:
    return pf.collect([tree], jobs=2)


# --- collecting -------------------------------------------------------------------------------


def test_every_workbook_and_lone_report_is_one_row_and_broken_files_are_rows_too(collected):
    labels = [Path(entry.label).name for entry in collected.entries]
    # 36 generated + 8 examples + 4 broken workbooks + damaged.docx + 2 lone reports
    assert len(labels) == GENERATED + 8 + 4 + 1 + 2
    assert "~$dpia-00.xlsx" not in labels
    # reports beside their workbook are no DPIA of their own
    assert "dpia-01.docx" not in labels and "dpia-02.docx" not in labels
    assert {"archived-03.docx", "nl-cnil.docx"} <= set(labels)
    failed = {Path(entry.label).name: entry.error for entry in collected.failed}
    assert set(failed) == {"text.xlsx", "random.xlsx", "no-title.xlsx", "truncated.xlsx",
                           "damaged.docx"}
    assert "Title" in failed["no-title.xlsx"] and "Assessment!B2" in failed["no-title.xlsx"]
    assert "plain text" in failed["text.xlsx"]


def test_lock_file_and_word_document_without_record_are_skipped_with_why(collected):
    reasons = {item.path.name: item.reason for item in collected.skipped}
    assert "lock file" in reasons["~$dpia-00.xlsx"]
    assert reasons["letter.docx"] == pf.NOT_A_REPORT


def test_report_checks_say_current_out_of_date_and_intact(collected):
    by_name = {Path(entry.label).name: entry for entry in collected.entries}
    assert [c.outcome for c in by_name["dpia-01.xlsx"].checks] == [pf.CURRENT]
    assert [c.outcome for c in by_name["dpia-02.xlsx"].checks] == [pf.OUT_OF_DATE]
    assert by_name["dpia-03.xlsx"].checks == ()
    lone = by_name["archived-03.docx"]
    assert lone.kind == pf.REPORT and lone.title == "DPIA 03"
    assert [c.outcome for c in lone.checks] == [pf.INTACT]


def test_parallel_and_serial_reading_give_the_same_register(tree, collected):
    serial = pf.collect([tree], jobs=1)
    assert words.portfolio_dict(serial, AS_OF_DATE) == words.portfolio_dict(collected, AS_OF_DATE)


def test_dutch_and_english_presets_share_one_heat_map(collected):
    maps = {m.matrix.name: m for m in pf.heat_maps(collected)}
    assert set(maps) == set(MATRICES)
    cnil = maps["cnil"]
    names = {Path(label).name for label in cnil.dpias}
    # the Dutch example, its lone report and the English ones: one matrix, English names
    assert {"nl-cnil.xlsx", "nl-cnil.docx", "en-cnil.xlsx", "dpia-02.xlsx"} <= names
    assert cnil.matrix.levels[0].name == preset("cnil", "en").levels[0].name
    total = sum(entry.risks for entry in collected.dpias)
    assert sum(m.risks for m in maps.values()) == total


def test_a_shared_heat_map_takes_the_names_of_a_dpia_in_the_language_asked(collected):
    """The register is English (pf.REGISTER_LANGUAGE); asked in Dutch, the cnil map shared
    by Dutch and English DPIAs takes the Dutch example's names."""
    assert pf.REGISTER_LANGUAGE == "en"
    dutch = {m.matrix.name: m for m in pf.heat_maps(collected, "nl")}["cnil"]
    assert dutch.matrix.levels[0].name == preset("cnil", "nl").levels[0].name
    assert preset("cnil", "nl").levels[0].name != preset("cnil", "en").levels[0].name


def test_art35_7_gaps_follow_the_reports_annex_a(tmp_path):
    from factories import rich_assessment

    from dpia.report import render
    from dpia.scoring import score

    scored = score(rich_assessment())
    path = tmp_path / "r.docx"
    path.write_bytes(render(scored, lang="en"))
    document = docx.Document(path)
    annex = next(t for t in document.tables if t.rows[0].cells[0].text == "Element")
    gap_word = labels("en")["values"]["gap"]
    flagged = {re.search(r"\(7\)\((\w)\)", row.cells[0].text).group(1)
               for row in annex.rows[1:] if row.cells[2].text.startswith(gap_word)}
    gaps = pf.art35_7_gaps(scored)
    assert {gap[1] for gap in gaps} == flagged and flagged
    assert any("context" in gap for gap in gaps)


def test_a_path_that_does_not_exist_is_an_error(tmp_path):
    result = run("register", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "nowhere: no such file or folder" in result.output


# --- dpia register: the workbook ---------------------------------------------------------------


@pytest.fixture(scope="session")
def register_book(tree, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "register.xlsx"
    result = run("register", tree, "-o", out, "--as-of", AS_OF, "-j", "2")
    assert result.exit_code == 0, result.output
    assert f"{out}: written" in result.output
    return openpyxl.load_workbook(out)


def _rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (cell.value for cell in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]


def test_register_has_three_sheets_with_filters_and_frozen_header(register_book):
    assert register_book.sheetnames == ["Register", "Actions", "Heat map"]
    register = register_book["Register"]
    assert register.freeze_panes == "C2"
    assert register.auto_filter.ref == f"A1:X{register.max_row}"
    assert register["A1"].value == "File" and register["A1"].font.bold
    assert register.column_dimensions["C"].width >= len("DPIA 00")
    actions = register_book["Actions"]
    assert actions.freeze_panes == "B2"
    assert actions.auto_filter.ref == f"A1:H{actions.max_row}"


def test_register_rows_show_review_overdue_prior_consultation_and_level_colours(register_book):
    rows = {Path(row["File"]).name: row for row in _rows(register_book["Register"])}
    assert len(rows) == GENERATED + 8 + 4 + 1 + 2
    for number in range(GENERATED):
        row = rows[f"dpia-{number:02d}.xlsx"]
        assert row["Review overdue"] == ("yes" if number % 3 == 0 else "no"), number
        assert row["Prior consultation"] == ("yes" if number % 5 == 0 else "no"), number
        assert row["Measures overdue"] == (1 if number % 2 == 0 else 0), number
        assert row["Measures planned"] + row["Measures in progress"] == 1
    sheet = register_book["Register"]
    column = [cell.value for cell in sheet[1]].index("Highest residual")
    for sheet_row in sheet.iter_rows(min_row=2):
        name = Path(sheet_row[0].value).name
        if not name.startswith("dpia-"):
            continue
        number = int(name[5:7])
        matrix = preset(MATRICES[number % 4], "en")
        level = matrix.levels[-1] if number % 5 == 0 else matrix.level(1, 1)
        cell = sheet_row[column]
        assert cell.value == level.name
        assert cell.fill.fgColor.rgb.endswith(level.colour)
    assert rows["dpia-02.xlsx"]["Report check"].startswith("dpia-02.docx: out of date")
    assert rows["text.xlsx"]["Error"].startswith("this is a plain text file")
    assert rows["text.xlsx"]["Title"] is None


def test_register_keeps_text_from_a_workbook_as_text(register_book):
    sheet = register_book["Register"]
    cells = [row[2] for row in sheet.iter_rows(min_row=2)
             if Path(row[0].value).name == "dpia-07.xlsx"]
    assert cells[0].value == INJECTED_TITLE
    assert cells[0].data_type == "s"  # not a formula


def test_actions_sheet_lists_every_open_measure_with_overdue_ones_flagged(register_book,
                                                                           collected):
    actions = _rows(register_book["Actions"])
    assert len(actions) == sum(len(entry.actions) for entry in collected.dpias)
    generated = [row for row in actions if Path(row["File"]).name.startswith("dpia-")
                 and Path(row["File"]).suffix == ".xlsx"]
    assert len(generated) == GENERATED
    for row in generated:
        number = int(Path(row["File"]).name[5:7])
        assert row["Measure ID"] == "M2"
        assert row["Overdue"] == ("yes" if number % 2 == 0 else "no")
        assert row["Due"].date() == (dt.date(2026, 9, 1) if number % 2 == 0
                                     else dt.date(2027, 2, 1))
    dues = [row["Due"] for row in actions if row["Due"] is not None]
    assert dues == sorted(dues)


def test_heat_map_sheet_counts_residual_risks_per_cell_across_dpias(register_book, collected):
    sheet = register_book["Heat map"]
    titles = [row[0].value for row in sheet.iter_rows() if row[0].value
              and str(row[0].value).startswith("Residual risks:")]
    assert len(titles) == len(MATRICES)
    numbers = [cell.value for row in sheet.iter_rows() for cell in row[1:]
               if isinstance(cell.value, int)]
    assert sum(numbers) == sum(entry.risks for entry in collected.dpias)
    ico = preset("ico", "en")
    # ico's top cell: 2 risks for each ico DPIA of en/ with prior consultation (n % 20 == 0)
    start = next(i for i, title in enumerate(sheet.iter_rows(values_only=True))
                 if title[0] and str(title[0]).startswith("Residual risks: ICO"))
    top_row = list(sheet.iter_rows(min_row=start + 3, max_row=start + 3))[0]
    assert top_row[0].value == ico.likelihood[-1].name
    assert top_row[3].fill.fgColor.rgb.endswith(ico.level(3, 3).colour)


def test_register_is_not_read_again_from_the_folder_it_lists(tree, tmp_path):
    folder = tmp_path / "tree"
    shutil.copytree(tree / "en", folder)
    first = run("register", folder, "-o", folder / "register.xlsx", "--as-of", AS_OF)
    assert first.exit_code == 0, first.output
    again = run("register", folder, "--format", "json", "--as-of", AS_OF)
    assert again.exit_code == 0
    files = [Path(d["file"]).name for d in json.loads(again.stdout)["dpias"]]
    assert "register.xlsx" not in files
    assert "register.xlsx: note: skipped (a register written by dpia register)" in again.output


def test_register_never_overwrites_without_force(tree, tmp_path):
    out = tmp_path / "register.xlsx"
    out.write_bytes(b"mine")
    result = run("register", tree / "en", "-o", out)
    assert result.exit_code == 1
    assert "already exists; use --force" in result.output
    assert out.read_bytes() == b"mine"
    assert run("register", tree / "en", "-o", out, "--force", "-q").exit_code == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Register"


def test_register_refuses_an_unknown_output_kind_and_a_template_without_docx(tree, tmp_path):
    result = run("register", tree / "en", "-o", tmp_path / "r.pdf")
    assert result.exit_code == 2 and ".xlsx" in result.output
    result = run("register", tree / "en", "--template", tmp_path / "t.docx")
    assert result.exit_code == 2 and "-o FILE.docx" in result.output
    assert not list(tmp_path.iterdir())


# --- text, CSV and JSON --------------------------------------------------------------------------


def test_register_text_lists_each_dpia_and_the_files_not_read(tree):
    result = run("register", tree, "--as-of", AS_OF, "-q")
    assert result.exit_code == 0
    assert "DPIA 05" in result.stdout
    assert "Could not be read:" in result.stdout
    assert "no-title.xlsx: Assessment!B2: error: Title" in result.stdout
    assert f"{GENERATED + 8 + 2} DPIA(s) as of {AS_OF}" in result.stdout
    assert "1 Word document(s) without a dpia record skipped" in result.output


def test_register_csv_has_one_row_per_dpia(tree):
    result = run("register", tree / "en", "--format", "csv", "--as-of", AS_OF)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("File,Kind,Title,Organisation")
    assert len(lines) == 1 + GENERATED
    # a cell Excel would run as a formula is quoted as text
    assert any("'=1+1 {{ x }} <b>& Co" in line for line in lines)


def test_register_json_gives_levels_actions_and_report_checks(tree):
    result = run("register", tree / "en", "--format", "json", "--as-of", AS_OF)
    data = json.loads(result.stdout)
    by_file = {Path(d["file"]).name: d for d in data["dpias"]}
    entry = by_file["dpia-00.xlsx"]
    assert entry["residual"] == {"Low": 0, "Medium": 0, "High": 2}
    assert entry["prior_consultation"] is True and entry["review_overdue"] is True
    assert entry["actions"][0] == {"id": "M2", "measure": "Opt-out in every offer",
                                   "owner": "Marketing", "due": "2026-09-01",
                                   "status": "planned", "overdue": True}
    assert by_file["dpia-01.xlsx"]["reports"][0]["outcome"] == pf.CURRENT


# --- dpia due and the calendar --------------------------------------------------------------


def test_due_lists_overdue_and_upcoming_and_exits_1(tree):
    result = run("due", tree / "en", "--as-of", AS_OF, "-q")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    overdue_reviews = sum(n % 3 == 0 for n in range(GENERATED))
    upcoming_reviews = sum(n % 3 == 1 for n in range(GENERATED))
    overdue_actions = sum(n % 2 == 0 for n in range(GENERATED))
    assert sum("OVERDUE" in line and line.rstrip().endswith("review") for line in lines) \
        == overdue_reviews
    assert sum(" due " in line and line.rstrip().endswith("review") for line in lines) \
        == upcoming_reviews
    assert f"{overdue_reviews + overdue_actions} overdue, {upcoming_reviews} due within 30 " \
        f"day(s) of {AS_OF}" in result.stdout


def test_due_exits_0_when_nothing_is_overdue(tree):
    result = run("due", tree / "en", "--as-of", "2026-05-01", "--within", "2w")
    assert result.exit_code == 0
    assert "Nothing due. 0 overdue, 0 due within 14 day(s) of 2026-05-01" in result.stdout


def test_due_rejects_a_window_it_cannot_read(tree):
    result = run("due", tree / "en", "--within", "soon")
    assert result.exit_code == 2
    assert "'soon' is not a number of days" in result.output


def test_due_writes_a_calendar_with_stable_uids(tree, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("due", tree / "en", "--as-of", AS_OF, "--ics", first, "-q").exit_code == 1
    calendar = Calendar.from_ical(first.read_bytes())
    events = calendar.walk("VEVENT")
    result = run("due", tree / "en", "--as-of", AS_OF, "--format", "json")
    items = json.loads(result.stdout)["items"]
    assert len(events) == len(items) > 0
    assert len({str(event["UID"]) for event in events}) == len(events)
    overdue = [event for event in events if str(event["SUMMARY"]).startswith("OVERDUE")]
    assert len(overdue) == sum(item["overdue"] for item in items)
    event = next(e for e in events if "Review DPIA: DPIA 00" in str(e["SUMMARY"]))
    assert event["DTSTART"].dt == dt.date(2026, 6, 1)
    assert event["DTSTAMP"].dt == dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
    # a day later: the same events (same UIDs), a higher SEQUENCE, so the import updates them
    assert run("due", tree / "en", "--as-of", "2026-12-06", "--ics", second, "-q").exit_code == 1
    later = {str(e["UID"]): e for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")}
    assert set(later) == {str(e["UID"]) for e in events}
    assert later[str(event["UID"])]["SEQUENCE"] > event["SEQUENCE"]


def test_calendar_is_reproducible_and_moves_an_event_when_its_date_changes(tree, tmp_path):
    folder = tmp_path / "en"
    shutil.copytree(tree / "en", folder)
    once, twice = tmp_path / "1.ics", tmp_path / "2.ics"
    run("due", folder, "--as-of", AS_OF, "--ics", once, "--within", "400d")
    run("due", folder, "--as-of", AS_OF, "--ics", twice, "--within", "400d")
    assert once.read_bytes() == twice.read_bytes()
    sheets = _generated_sheets(5)
    set_cell(sheets, "Measures", "M2", "Due date", dt.date(2027, 3, 3))
    write_workbook(folder / "dpia-05.xlsx", sheets)
    moved = tmp_path / "3.ics"
    run("due", folder, "--as-of", AS_OF, "--ics", moved, "--within", "400d")

    def m2_of_05(path):
        return [e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
                if "(DPIA 05)" in str(e["SUMMARY"])]

    before, after = m2_of_05(once), m2_of_05(moved)
    assert len(before) == len(after) == 1
    assert str(before[0]["UID"]) == str(after[0]["UID"])
    assert after[0]["DTSTART"].dt == dt.date(2027, 3, 3)


# --- the board summary ----------------------------------------------------------------------


def test_board_summary_has_heat_maps_prior_consultation_and_overdue_items(tree, tmp_path):
    out = tmp_path / "portfolio.docx"
    result = run("register", tree / "en", "-o", out, "--as-of", AS_OF, "-q")
    assert result.exit_code == 0, result.output
    document = docx.Document(out)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:1] == ["Residual risk across the portfolio"]
    assert "Prior consultation needed (Art. 36)" in headings
    assert "Overdue reviews" in headings and "Overdue actions" in headings
    tables = document.tables
    heat = [t for t in tables if t.rows[0].cells[0].text == "Likelihood \\ Impact"]
    assert len(heat) == len(MATRICES)
    counted = sum(int(c.text) for t in heat for row in t.rows[1:] for c in row.cells[1:]
                  if c.text)
    assert counted == 2 * GENERATED  # two risks per generated workbook
    prior = next(t for t in tables if t.rows[0].cells[3].text == "Highest residual")
    assert sorted(row.cells[0].text for row in prior.rows[1:]) == \
        sorted(f"DPIA {n:02d}" for n in range(GENERATED) if n % 5 == 0)
    reviews = next(t for t in tables if t.rows[0].cells[-1].text == "Review date")
    assert len(reviews.rows) - 1 == sum(n % 3 == 0 for n in range(GENERATED))
    assert document.core_properties.title == f"DPIA portfolio as of {AS_OF}"


def test_board_summary_takes_the_house_style(tree, tmp_path):
    reference = tmp_path / "house.docx"
    assert run("template", reference).exit_code == 0
    house = docx.Document(reference)
    house.styles["Heading 1"].font.name = "Georgia"
    house.save(reference)
    out = tmp_path / "board.docx"
    result = run("register", tree / "en", "-o", out, "--template", reference, "-q")
    assert result.exit_code == 0, result.output
    assert docx.Document(out).styles["Heading 1"].font.name == "Georgia"


def test_board_summary_with_a_bad_template_writes_nothing(tree, tmp_path):
    bad = tmp_path / "house.docx"
    bad.write_text("not a document")
    out = tmp_path / "board.docx"
    result = run("register", tree / "en", "-o", out, "--template", bad)
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert not out.exists()


def test_benchmark_times_the_register(tmp_path):
    """benchmarks/bench.py --register runs end to end (figures are not checked here)."""
    import subprocess
    import sys

    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"
    result = subprocess.run(
        [sys.executable, str(bench), "--sizes", "0", "--register", "3", "--batch-risks", "4",
         "--runs", "1", "--work", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "register: 3 workbooks of 4 risks" in result.stdout
    register = openpyxl.load_workbook(tmp_path / "register.xlsx")["Register"]
    assert register.max_row == 4 and register["X2"].value is None  # no error column filled
