"""What a cell's value means (issue 11, items 5-9), as ``dpia validate`` tells the DPO.

The words come from the schema (``VALUE_WORDS``, ``LAWFUL_BASIS_NAMES``, ...), so every word
the format accepts is tried, not one example; each message names FILE:SHEET!CELL.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, set_cell, use_shared_strings, write_workbook

from dpia import cells, docxml, schema
from dpia.cli import cli
from dpia.labels import labels
from dpia.matrix import preset
from dpia.reader import calamine_cells, read_workbook

ICO = preset("ico", "en")


def validate(tmp_path: Path, sheets: dict, *options: str) -> tuple[int, list[str]]:
    """``dpia validate`` on ``sheets``: its exit code and its problem lines, without the
    file name in front."""
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = CliRunner().invoke(cli, ["validate", *options, str(path)])
    prefix = f"{path}:"
    lines = result.stderr.splitlines()
    assert all(line.startswith(prefix) for line in lines), result.stderr
    return result.exit_code, [line.removeprefix(prefix) for line in lines]


def read(tmp_path: Path, sheets: dict):
    assessment, _ = read_workbook(write_workbook(tmp_path / "wb.xlsx", sheets))
    return assessment


def words(group: str) -> list[tuple[str, str]]:
    """(key, word) for every word of a VALUE_WORDS group."""
    return [(key, word) for key, ws in schema.VALUE_WORDS[group].items() for word in ws]


def typo(word: str) -> str:
    """``word`` with two letters in its middle swapped, as fast typing does."""
    middle = len(word) // 2
    return word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:]


# --- everyday answers: yes/no, statuses, treatments (item 7) ------------------------------


@pytest.mark.parametrize(("key", "word"), words("yesno"))
def test_every_yes_no_word_answers_a_screening_criterion(tmp_path, key, word):
    sheets = minimal_sheets()
    sheets["Screening"] = [["Criterion", "Applies"], ["monitoring", f" {word.upper()} "]]
    code, lines = validate(tmp_path, sheets)
    assert (code, lines) == (0, [])
    assert read(tmp_path, sheets).screening[0].applies is (key == "yes")


@pytest.mark.parametrize(("key", "word"), words("measure_status"))
def test_every_status_word_reads_as_its_status(tmp_path, key, word):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M2", "Status", word.capitalize())
    set_cell(sheets, "Measures", "M2", "Due date", dt.date(2026, 12, 1))
    assert validate(tmp_path, sheets) == (0, [])
    assert read(tmp_path, sheets).measures[1].status == key


@pytest.mark.parametrize(("key", "word"), words("treatment"))
def test_every_treatment_word_reads_as_its_treatment(tmp_path, key, word):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Treatment", word.upper())
    assert validate(tmp_path, sheets) == (0, [])
    assert read(tmp_path, sheets).risks[0].treatment == key


@pytest.mark.parametrize(("group", "header", "cell", "sheet", "row"), [
    ("treatment", "Treatment", "Risks!K2", "Risks", "R1"),
    ("measure_status", "Status", "Measures!E2", "Measures", "M1"),
])
def test_a_misspelt_word_gets_did_you_mean(tmp_path, group, header, cell, sheet, row):
    for word in (w for _, w in words(group) if len(w) >= 6 and w.isalpha()):
        misspelt = typo(word)
        if schema.value_key(group, misspelt) is not None:
            continue
        sheets = minimal_sheets()
        set_cell(sheets, sheet, row, header, misspelt)
        code, lines = validate(tmp_path, sheets)
        assert code == 1
        assert len(lines) == 1 and lines[0].startswith(f"{cell}: error: {row}: {header}: "
                                                       f"{misspelt!r} is not a ")
        suggested = lines[0].rpartition("(did you mean ")[2].removesuffix("?)")
        # the word typed wrong, or one that means the same in another language
        assert schema.value_key(group, suggested.strip("'")) == schema.value_key(group, word), \
            lines[0]


@pytest.mark.parametrize(("group", "where", "cell", "prefix"), [
    ("assessment_status", ("Assessment", "Status", "Value"), "Assessment!B6", "Status: "),
    ("measure_type", ("Measures", "M1", "Type"), "Measures!C2", "M1: Type: "),
])
def test_a_near_miss_in_a_free_text_column_is_kept_with_a_warning(tmp_path, group, where,
                                                                  cell, prefix):
    for key, word in ((k, w) for k, w in words(group) if len(w) >= 6 and w.isalpha()):
        misspelt = typo(word)
        sheets = minimal_sheets()
        set_cell(sheets, *where, misspelt)
        code, lines = validate(tmp_path, sheets)
        assert code == 0 and len(lines) == 1
        start = f"{cell}: warning: {prefix}{misspelt!r} is kept as typed (did you mean '"
        assert lines[0].startswith(start) and lines[0].endswith("'?)"), lines[0]
        # the word or a spelling of the same value (organisational / organizational)
        assert schema.value_key(group, lines[0][len(start):-3]) == key


@pytest.mark.parametrize(("header", "cell", "what"), [
    ("Treatment", "Risks!K2", "treatment"), ("Status", "Measures!E2", "status")])
def test_a_boolean_in_a_word_column_is_quoted_as_excel_shows_it(tmp_path, header, cell, what):
    sheets = minimal_sheets()
    set_cell(sheets, cell.split("!")[0], "R1" if what == "treatment" else "M1", header, True)
    code, lines = validate(tmp_path, sheets)
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith(f"{cell}: error: ") and f"{header}: 'TRUE' is not a {what}" \
        in lines[0]


def test_a_word_that_is_merely_different_gets_no_guess(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [["Criterion", "Applies"], ["monitoring", "perhaps"]]
    assert validate(tmp_path, sheets) == (
        1, ["Screening!B2: error: monitoring: Applies: 'perhaps' is not yes or no"])


@pytest.mark.parametrize(("value", "typed"), [(True, "TRUE"), (False, "FALSE")])
def test_a_boolean_cell_is_quoted_as_excel_shows_it(tmp_path, value, typed):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", value)
    code, lines = validate(tmp_path, sheets)
    assert code == 1
    assert lines == [f"Risks!F2: error: R1: Likelihood: '{typed}' is not a level of the "
                     "likelihood scale (Remote, Possible, Probable, or a value 1-3)"]


# --- levels written with their number and name (item 7) -----------------------------------


LEVEL_FORMS = ("{value} - {name}", "{value} ({name})", "{name} ({value})", "{value}: {name}",
               "{value} – {name}", "{name} - {value}", "{value},0", "{value}.0", "{value}")


@pytest.mark.parametrize("form", LEVEL_FORMS)
@pytest.mark.parametrize("axis", ["likelihood", "impact"])
def test_a_level_by_number_and_name_reads_as_that_level(form, axis):
    scale = getattr(ICO, axis)
    for level in scale:
        for name in (level.name, *level.aliases):
            text = form.format(value=level.value, name=name)
            assert cells.as_level(text, scale, axis) == level.value, text


def test_a_number_and_a_name_of_different_levels_is_an_error_naming_the_cell(tmp_path):
    for number in ICO.likelihood:
        for named in ICO.likelihood:
            if named.value == number.value:
                continue
            sheets = minimal_sheets()
            typed = f"{number.value} - {named.name}"
            set_cell(sheets, "Risks", "R1", "Likelihood", typed)
            code, lines = validate(tmp_path, sheets)
            assert code == 1
            assert lines == [
                f"Risks!F2: error: R1: Likelihood: '{typed}': the number and the name are "
                f"different levels of the likelihood scale ({number.value} is "
                f"{number.name!r}, {named.name!r} is {named.value}); write one of them"]


def test_a_misspelt_level_gets_did_you_mean(tmp_path):
    for axis, header, cell in (("likelihood", "Likelihood", "F2"), ("impact", "Impact", "G2")):
        for level in getattr(ICO, axis):
            misspelt = typo(level.name)
            sheets = minimal_sheets()
            set_cell(sheets, "Risks", "R1", header, misspelt)
            code, lines = validate(tmp_path, sheets)
            assert code == 1 and len(lines) == 1
            assert lines[0].startswith(f"Risks!{cell}: error: R1: {header}: '{misspelt}' is not")
            assert lines[0].endswith(f"(did you mean {level.name!r}?)"), lines[0]


# --- lawful basis: negation and citations (item 5) ----------------------------------------


NAMES = {point: names for point, names in schema.LAWFUL_BASIS_NAMES.items()}
# (a negated form of a basis name) per language
DENIALS = ("not {basis}", "{basis} is not the basis", "not based on {basis}", "geen {basis}",
           "niet op basis van {basis}", "{basis} niet")
CITATIONS = ("Art. 6(1)({p})", "Article 6.1.{p} GDPR", "6 (1) {p}", "art. 6 lid 1 sub {p} AVG",
             "artikel 6, eerste lid, onder {p}, AVG", "Art. 6 Abs. 1 lit. {p} DSGVO",
             "Art.6(1)({p})", "6(1){p}", "art. 6, lid 1, onder {p}")
PAIRS = [(p, q) for p in NAMES for q in NAMES if p != q]


def processing_with_basis(basis: str) -> dict:
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Lawful basis", basis)
    set_cell(sheets, "Processing", "P1", "Legitimate interest", "Fraud prevention")
    return sheets


@pytest.mark.parametrize("form", CITATIONS)
def test_every_citation_form_gives_its_point(form):
    for point in NAMES:
        assert cells.lawful_bases(form.format(p=point)) == (point,), form.format(p=point)


@pytest.mark.parametrize("denial", DENIALS)
@pytest.mark.parametrize(("denied", "given"), PAIRS)
def test_a_denied_basis_is_left_out(denial, denied, given):
    for language in ("en", "nl"):  # the English and the Dutch name
        basis = denial.format(basis=NAMES[denied][language])
        for text in (f"{basis}; {NAMES[given][language]}",
                     f"{NAMES[given][language]}, {basis}",
                     f"{NAMES[given][language]} ({basis})"):
            assert cells.lawful_bases(text) == (given,), text


@pytest.mark.parametrize(("text", "points"), [
    ("Not based on contract; legal obligation", ("c",)),
    ("Vital interests; consent cannot be given", ("d",)),
    ("Contract - not consent", ("b",)),
    ("Consent (e.g. the newsletter). Not contract.", ("a",)),
    ("art. 6 lid 1 sub c. Geen toestemming.", ("c",)),
    ("Legal obligation under Act No. 52", ("c",)),
    ("Legal obligation instead of consent", ("c",)),
    ("Wettelijke verplichting in plaats van toestemming", ("c",)),
    ("geen toestemming maar wettelijke verplichting", ("c",)),
    ("Not only consent but also contract", ("a", "b")),
    ("Art. 6(1)(a) and (e)", ("a", "e")),
    ("Legal obligation: Tax Act No. 52", ("c",)),
    ("Consent (not needed for staff: contract)", ("a", "b")),
])
def test_lawful_basis_sentences_as_dpos_write_them(tmp_path, text, points):
    code, lines = validate(tmp_path, processing_with_basis(text))
    assert (code, lines) == (0, [])
    assert read(tmp_path, processing_with_basis(text)).processing[0].lawful_bases == points


@pytest.mark.parametrize("denial", DENIALS)
def test_a_cell_that_only_denies_is_an_error_naming_the_cell(tmp_path, denial):
    for point, names in NAMES.items():
        english, dutch = names["en"], names["nl"]
        for text in (denial.format(basis=english), denial.format(basis=dutch)):
            code, lines = validate(tmp_path, processing_with_basis(text))
            assert code == 1
            assert lines == [
                f"Processing!D2: error: P1: Lawful basis: '{text}' says which basis does not "
                f"apply ({english} (6(1)({point}))) but not which one does; write the "
                "basis, or its letter as in 'Art. 6(1)(c)'"]


def test_a_negation_over_two_bases_is_an_error_never_a_guess(tmp_path):
    for denied, given in PAIRS:
        for language in ("en", "nl"):
            text = f"not {NAMES[denied][language]} or {NAMES[given][language]}"
            with pytest.raises(cells.CellError, match="cannot tell which Art. 6.1. basis"):
                cells.lawful_bases(text)
    text = "Not consent or contract"
    code, lines = validate(tmp_path, processing_with_basis(text))
    assert code == 1
    assert lines == [
        f"Processing!D2: error: P1: Lawful basis: '{text}': dpia cannot tell which Art. "
        "6(1) basis applies (a negation with several bases in 'not consent or contract'); "
        "write the basis, or its letter as in 'Art. 6(1)(c)'"]


def test_a_basis_both_given_and_denied_is_an_error(tmp_path):
    text = "Consent; no consent for minors"
    code, lines = validate(tmp_path, processing_with_basis(text))
    assert code == 1
    assert lines == [
        f"Processing!D2: error: P1: Lawful basis: '{text}': dpia cannot tell which Art. 6(1) "
        "basis applies (Consent (6(1)(a)) is both given and denied); write the basis, or its "
        "letter as in 'Art. 6(1)(c)'"]


# --- processor agreement (item 6) ---------------------------------------------------------


def with_agreement(value) -> dict:
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Processor agreement", value)
    return sheets


@pytest.mark.parametrize(("key", "word"), words("processor_agreement"))
def test_a_word_for_no_agreement_gives_the_art_28_warning(tmp_path, key, word):
    code, lines = validate(tmp_path, with_agreement(word.upper()))
    assert code == 0
    assert lines == [f"Processing!L2: warning: P1: processors are listed without a processor "
                     f"agreement ({word.upper()!r}; Art. 28)"]


@pytest.mark.parametrize("value", [
    "yes", "Ja", True, "✓", dt.date(2025, 11, 3), "03-11-2025", "DPA 2025-17", "No. 2025-17",
    "Signed 3 November", "Verwerkersovereenkomst getekend", "standard DPA of the supplier",
])
def test_an_agreement_in_any_usual_form_is_read_as_one(tmp_path, value):
    assert validate(tmp_path, with_agreement(value)) == (0, [])


@pytest.mark.parametrize("value", ["perhaps", "ask legal", "DPA without annex"])
def test_an_agreement_answer_that_is_not_understood_is_an_error(tmp_path, value):
    code, lines = validate(tmp_path, with_agreement(value))
    assert code == 1
    assert lines == [
        f"Processing!L2: error: P1: Processor agreement: '{value}' is not understood: write "
        "yes, no, not yet, the date it was signed or its reference (Art. 28)"]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("key", "typed", "more"), [
    (key, f"{ws[0]}, asked on 3 May", True) for key, ws in
    schema.VALUE_WORDS["processor_agreement"].items()] + [
    (key, ws[-1].upper(), False) for key, ws in
    schema.VALUE_WORDS["processor_agreement"].items()])
def test_the_report_never_prints_no_agreement_as_an_agreement(tmp_path, lang, key, typed,
                                                              more):
    path = write_workbook(tmp_path / "wb.xlsx", with_agreement(typed))
    report = tmp_path / "wb.docx"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(report), "--lang", lang])
    assert result.exit_code == 0, result.stderr
    words_of = labels(lang)
    word = words_of["values"]["processor_agreement"][key]
    document = docx.Document(str(report))
    listing = [[cell.text for cell in row.cells] for table in document.tables
               if docxml.table_kind(table._tbl) == "processors"
               for row in table.rows]
    shown = f"{word} ({typed})" if more else word  # the DPO's words when they say more
    assert listing[1] == ["P1", "MailCo", shown]
    # the description of P1: the row under the column's name
    header = words_of["columns"]["processor_agreement"]
    described = [row.cells[1].text for table in document.tables for row in table.rows
                 if len(row.cells) == 2 and row.cells[0].text == header]
    assert described[0] == shown


# --- dates (item 8) -----------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["-", "/", "."])
def test_an_ambiguous_text_date_is_read_day_first_with_a_warning(tmp_path, separator):
    for day, month in ((3, 4), (12, 1), (1, 12)):
        typed = f"{day:02d}{separator}{month:02d}{separator}2027"
        sheets = minimal_sheets()
        set_cell(sheets, "Measures", "M2", "Due date", typed)
        read_as, other = dt.date(2027, month, day), dt.date(2027, day, month)
        code, lines = validate(tmp_path, sheets)
        assert code == 0
        assert lines == [
            f"Measures!G3: warning: M2: Due date: '{typed}' is read day first, as "
            f"{day} {read_as:%B} 2027; if you meant {month} {other:%B} 2027, write "
            f"{other.isoformat()}"]
        assert read(tmp_path, sheets).measures[1].due_date == read_as


@pytest.mark.parametrize("typed", ["05/05/2027", "25/12/2026", "2027-04-03"])
def test_a_text_date_that_reads_one_way_only_gives_no_warning(tmp_path, typed):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M2", "Due date", typed)
    assert validate(tmp_path, sheets) == (0, [])


def test_a_month_first_date_says_text_dates_are_read_day_first(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M2", "Due date", "12/31/2026")
    assert validate(tmp_path, sheets) == (1, [
        "Measures!G3: error: M2: Due date: '12/31/2026' is not a valid date (text dates are "
        "read day first, then the month); write it as a date cell, 2026-05-25, or day first: "
        "25-05-2026, 25/05/2026, 25.05.2026"])


# --- plausibility (item 9) ----------------------------------------------------------------


def test_a_review_date_before_the_assessment_date_is_a_warning(tmp_path):
    sheets = minimal_sheets()
    sheets["Assessment"].append(["Review date", dt.date(2026, 5, 24)])  # row 9
    assert validate(tmp_path, sheets) == (0, [
        "Assessment!B9: warning: Review date: 2026-05-24 is before the assessment's Date "
        "2026-05-25"])
    sheets["Assessment"][-1][1] = dt.date(2026, 5, 25)
    assert validate(tmp_path, sheets) == (0, [])


@pytest.mark.parametrize(("key", "word"), [
    (key, ws[-1]) for key, ws in schema.VALUE_WORDS["measure_status"].items()])
def test_a_measure_not_done_and_due_before_the_assessment_date_is_overdue(tmp_path, key, word):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M2", "Status", word)
    set_cell(sheets, "Measures", "M2", "Due date", dt.date(2026, 5, 24))
    expected = [] if key == "implemented" else [
        f"Measures!G3: warning: M2: overdue: {key.replace('_', ' ')} but due 2026-05-24, "
        "before the assessment's Date 2026-05-25"]
    assert validate(tmp_path, sheets) == (0, expected)


def test_the_date_checks_compare_with_the_workbook_never_the_clock(tmp_path):
    # without a Date the checks have nothing to compare with: no warning, whatever today is
    sheets = minimal_sheets()
    del sheets["Assessment"][4]
    sheets["Assessment"].append(["Review date", dt.date(2000, 1, 1)])
    set_cell(sheets, "Measures", "M2", "Due date", dt.date(2000, 1, 1))
    assert validate(tmp_path, sheets) == (0, [])


@pytest.mark.parametrize(("header", "inherent", "cell"), [
    ("Residual likelihood", "Likelihood", "I2"), ("Residual impact", "Impact", "J2")])
def test_a_residual_level_above_the_inherent_one_is_a_warning(tmp_path, header, inherent, cell):
    for low in ICO.likelihood:
        for high in ICO.likelihood:
            if high.value <= low.value:
                continue
            sheets = minimal_sheets()
            set_cell(sheets, "Risks", "R1", inherent, low.value)
            set_cell(sheets, "Risks", "R1", header, high.value)
            set_cell(sheets, "Risks", "R1", "Residual impact" if header.endswith("likelihood")
                     else "Residual likelihood", 1)
            assert validate(tmp_path, sheets) == (0, [
                f"Risks!{cell}: warning: R1: {header} ({high.value}) is above the inherent "
                f"{inherent.lower()} ({low.value}); measures do not raise a risk — check the "
                "two cells"])


def test_strict_refuses_a_workbook_with_a_doubtful_value(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Measures", "M2", "Due date", "03/04/2026")
    code, lines = validate(tmp_path, sheets, "--strict")
    assert code == 1 and lines[0].startswith("Measures!G3: error: M2: Due date: '03/04/2026'")


# --- as LibreOffice saves a workbook ------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_everyday_answers_saved_by_libreoffice_read_the_same(tmp_path):
    sheets = minimal_sheets()
    sheets["Screening"] = [["Criterion", "Applies"], ["monitoring", "x"], ["matching", True],
                           ["evaluation", 0], ["sensitive", "n/a"]]
    set_cell(sheets, "Risks", "R1", "Likelihood", "2 - Possible")
    set_cell(sheets, "Risks", "R1", "Treatment", "mitigeren")
    set_cell(sheets, "Measures", "M2", "Status", "loopt")
    set_cell(sheets, "Processing", "P1", "Lawful basis", "artikel 6, eerste lid, onder b, AVG")
    set_cell(sheets, "Processing", "P1", "Processor agreement", "pending")
    original = write_workbook(tmp_path / "wb.xlsx", sheets)
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(original)],
        capture_output=True, timeout=300,
    )
    saved = out / "wb.xlsx"
    if not saved.exists():
        pytest.skip("this LibreOffice has no Calc")
    assessment, problems = read_workbook(saved, name="wb.xlsx")
    assert [str(p) for p in problems] == [
        "wb.xlsx:Processing!L2: warning: P1: processors are listed without a processor "
        "agreement ('pending'; Art. 28)"]
    assert [a.applies for a in assessment.screening] == [True, True, False, False]
    assert assessment.processing[0].lawful_bases == ("b",)
    r1 = assessment.risks[0]
    assert (r1.likelihood, r1.treatment) == (2, "reduce")
    assert assessment.measures[1].status == "in_progress"


def test_everyday_answers_as_excel_stores_them_read_the_same(tmp_path, monkeypatch):
    # Excel keeps text in the shared-string table and TRUE as a boolean cell; both readers
    # (python-calamine and openpyxl) must give the same meaning
    sheets = minimal_sheets()
    set_cell(sheets, "Processing", "P1", "Lawful basis", "Not consent; Art. 6(1)(b)")
    set_cell(sheets, "Processing", "P1", "Processor agreement", "nog niet")
    set_cell(sheets, "Risks", "R1", "Likelihood", "2 (Possible)")
    set_cell(sheets, "Risks", "R1", "Treatment", "Mitigeren")
    set_cell(sheets, "Measures", "M2", "Status", "loopt")
    sheets["Screening"] = [["Criterion", "Applies"], ["monitoring", True], ["matching", "✓"]]
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    use_shared_strings(path, 2, ["D2", "L2"])  # the helper makes one table, for one sheet
    expected = ["wb.xlsx:Processing!L2: warning: P1: processors are listed without a "
                "processor agreement ('nog niet'; Art. 28)"]
    for _ in ("calamine", "openpyxl"):
        assessment, problems = read_workbook(path, name="wb.xlsx")
        assert [str(p) for p in problems] == expected
        assert assessment.processing[0].lawful_bases == ("b",)
        assert (assessment.risks[0].likelihood, assessment.risks[0].treatment) == (2, "reduce")
        assert assessment.measures[1].status == "in_progress"
        assert [a.applies for a in assessment.screening] == [True, True]
        monkeypatch.setattr(calamine_cells, "import_calamine", lambda: None)  # then openpyxl
