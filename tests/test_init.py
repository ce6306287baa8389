"""`dpia init`: the workbook a DPO fills in, blank or with the worked example."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import range_boundaries

from dpia import schema
from dpia.cli import cli
from dpia.matrix import PRESETS, preset
from dpia.workbook_template import instructions_name, lawful_basis_choices, write_template

LANGS = ("en", "nl")


def make(tmp_path, *args: str, name: str = "new.xlsx"):
    """Run ``dpia init`` and open the result."""
    path = tmp_path / name
    result = CliRunner().invoke(cli, ["init", str(path), *args])
    assert result.exit_code == 0, result.output + result.stderr
    return path, openpyxl.load_workbook(path)


def headers(ws) -> list[str]:
    return [cell.value for cell in ws[1] if cell.value is not None]


def column_values(ws, header: str) -> list:
    index = headers(ws).index(header) + 1
    return [ws.cell(row=r, column=index).value for r in range(2, ws.max_row + 1)]


def validation_for(book, ws, header: str):
    """The data validation covering the cell below ``header``, or None."""
    letter = openpyxl.utils.get_column_letter(headers(ws).index(header) + 1)
    for validation in ws.data_validations.dataValidation:
        if f"{letter}2" in validation.sqref:
            return validation
    return None


def choices(book, validation) -> list[str]:
    """What a drop-down offers: a literal list, or the cells of the range it points at."""
    formula = validation.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, ref = formula.rsplit("!", 1)
    ws = book[sheet.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    return [ws.cell(row=r, column=min_col).value for r in range(min_row, max_row + 1)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_sheet_of_the_format_follows_the_instructions(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)
    expected = [instructions_name(lang)] + [sheet.name(lang) for sheet in schema.SHEETS]
    assert book.sheetnames == expected


def test_dutch_workbook_has_dutch_sheets_headers_and_level_names(tmp_path):
    _, book = make(tmp_path, "--lang", "nl")
    assert "Risico's" in book.sheetnames and "Voortoets" in book.sheetnames
    assert headers(book["Risico's"])[:7] == [
        "ID *", "Verwerking *", "Risico *", "Bron", "Gevolgen voor betrokkenen", "Kans *",
        "Impact *"]
    assert column_values(book["Risiconiveaus"], "Niveau *") == ["Laag", "Midden", "Hoog"]
    assert column_values(book["Schalen"], "As *") == ["kans"] * 3 + ["impact"] * 3
    assert book["Instructies"]["A1"].value == "Zo vult u deze DPIA-werkmap in"


@pytest.mark.parametrize("lang", LANGS)
def test_required_headers_are_marked_with_a_star_and_read_back_by_the_schema(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)
    for sheet in schema.SHEETS:
        if not sheet.columns:
            continue
        written = headers(book[sheet.name(lang)])
        assert len(written) == len(sheet.columns)
        for text, column in zip(written, sheet.columns):
            assert text.endswith(" *") == (column.required == schema.YES), text
            assert schema.find_column(sheet, text) is column


@pytest.mark.parametrize("lang", LANGS)
def test_header_rows_are_frozen_and_columns_wide_enough(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)
    for sheet in schema.SHEETS:
        if not sheet.columns:
            continue
        ws = book[sheet.name(lang)]
        assert ws.freeze_panes in ("A2", "B2"), ws.title
        for index in range(1, len(sheet.columns) + 1):
            letter = openpyxl.utils.get_column_letter(index)
            assert ws.column_dimensions[letter].width >= 7
            assert ws.column_dimensions[letter].alignment.wrap_text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("matrix", PRESETS)
def test_level_drop_downs_offer_the_scale_names_of_the_matrix(tmp_path, lang, matrix):
    _, book = make(tmp_path, "--lang", lang, "--matrix", matrix)
    risks = book[schema.RISKS.name(lang)]
    expected = preset(matrix, lang)
    for column, scale in (("likelihood", expected.likelihood), ("impact", expected.impact),
                          ("residual_likelihood", expected.likelihood),
                          ("residual_impact", expected.impact)):
        header = [h for h in headers(risks)
                  if schema.find_column(schema.RISKS, h).key == column][0]
        validation = validation_for(book, risks, header)
        assert validation is not None, header
        assert validation.type == "list"
        assert choices(book, validation) == [level.name for level in scale]
        assert "2:" in str(validation.sqref) and "1048576" in str(validation.sqref)


@pytest.mark.parametrize("lang", LANGS)
def test_value_drop_downs_offer_the_words_in_the_language(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)

    def words(group):
        return [schema.value_word(group, key, lang) for key in schema.VALUE_WORDS[group]]

    yes_no = words("yesno")
    cases = [
        (schema.RISKS, "treatment", words("treatment")),
        (schema.MEASURES, "type", words("measure_type")),
        (schema.MEASURES, "status", words("measure_status")),
        (schema.SCREENING, "applies", yes_no),
        (schema.RISK_LEVELS, "acceptable", yes_no),
        (schema.PROCESSING, "processor_agreement", yes_no),
    ]
    for sheet, key, expected in cases:
        ws = book[sheet.name(lang)]
        header = [h for h in headers(ws) if schema.find_column(sheet, h).key == key][0]
        validation = validation_for(book, ws, header)
        assert validation is not None, header
        assert choices(book, validation) == expected, header
    assert set(yes_no) == ({"yes", "no"} if lang == "en" else {"ja", "nee"})


@pytest.mark.parametrize("lang", LANGS)
def test_lawful_basis_offers_six_bases_and_accepts_text_after_them(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)
    ws = book[schema.PROCESSING.name(lang)]
    validation = validation_for(book, ws, schema.PROCESSING.column("lawful_basis").name(lang)
                                + " *")
    offered = choices(book, validation)
    assert offered == list(lawful_basis_choices(lang))
    # each choice names exactly its own Art. 6(1) point, so the reader recognises it
    for point, choice in zip("abcdef", offered):
        named = [p for p, words in schema.LAWFUL_BASES.items()
                 if any(word in choice.casefold() for word in words)]
        assert named == [point], choice
    # free text after the basis must not be rejected
    assert not validation.showErrorMessage or validation.errorStyle == "information"
    agreement = validation_for(book, ws, schema.PROCESSING.column(
        "processor_agreement").name(lang))
    assert not agreement.showErrorMessage or agreement.errorStyle == "information"


@pytest.mark.parametrize("lang", LANGS)
def test_screening_and_sign_off_are_pre_filled_to_answer(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)
    screening = book[schema.SCREENING.name(lang)]
    assert [row[0] for row in screening.iter_rows(min_row=2, values_only=True)] == [
        names[lang] for names in schema.SCREENING_CRITERIA.values()]
    assert all(row[1] is None for row in screening.iter_rows(min_row=2, values_only=True))
    sign_off = book[schema.SIGN_OFF.name(lang)]
    assert [row[0] for row in sign_off.iter_rows(min_row=2, values_only=True)] == [
        names[lang] for names in schema.SIGN_OFF_ITEMS.values()]


@pytest.mark.parametrize("lang", LANGS)
def test_assessment_lists_every_field_with_language_and_matrix_filled(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang, "--matrix", "cnil")
    ws = book[schema.ASSESSMENT.name(lang)]
    fields = {schema.find_field(row[0]).key: row[1]
              for row in ws.iter_rows(min_row=2, values_only=True)}
    assert list(fields) == [column.key for column in schema.ASSESSMENT_FIELDS]
    assert fields["language"] == lang and fields["matrix"] == "cnil"
    assert fields["title"] is None and fields["organisation"] is None
    # no rows that would fail validation in the sheets the DPO fills in
    for sheet in (schema.PROCESSING, schema.RISKS, schema.MEASURES, schema.HISTORY):
        assert book[sheet.name(lang)].max_row == 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("matrix", PRESETS)
def test_matrix_is_written_out_in_the_matrix_sheets(tmp_path, lang, matrix):
    _, book = make(tmp_path, "--lang", lang, "--matrix", matrix)
    expected = preset(matrix, lang)
    scales = list(book[schema.SCALES.name(lang)].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[3]) for r in scales] == [
        (level.value, level.name, level.description)
        for level in (*expected.likelihood, *expected.impact)]
    levels = book[schema.RISK_LEVELS.name(lang)]
    rows = list(levels.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [level.name for level in expected.levels]
    assert [r[3] for r in rows] == [f"#{level.colour}" for level in expected.levels]
    assert [levels.cell(row=n, column=4).fill.fgColor.rgb[-6:]
            for n in range(2, len(rows) + 2)] == [level.colour for level in expected.levels]
    yes, no = (schema.value_word("yesno", k, lang) for k in ("yes", "no"))
    assert [r[4] for r in rows] == [yes] * (len(rows) - 1) + [no]
    if matrix == "5x5":  # a band preset: From/To score, no grid to override them
        assert [(r[1], r[2]) for r in rows] == [(1, 3), (4, 6), (8, 12), (15, 25)]
        assert "Matrix" not in book.sheetnames
    else:
        grid = list(book["Matrix"].iter_rows(values_only=True))
        assert list(grid[0][1:]) == [level.name for level in expected.impact]
        assert [row[0] for row in grid[1:]] == [level.name for level in expected.likelihood]
        assert [list(row[1:]) for row in grid[1:]] == [
            [expected.levels[cell].name for cell in row] for row in expected.grid]


def test_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "dpia.xlsx"
    path.write_bytes(b"my own work")
    result = CliRunner().invoke(cli, ["init", str(path)])
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert path.read_bytes() == b"my own work"
    result = CliRunner().invoke(cli, ["init", str(path), "--force"])
    assert result.exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "Instructions"


def test_unknown_preset_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "x.xlsx"), "--matrix", "nist"])
    assert result.exit_code == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_same_options_give_the_same_bytes(tmp_path):
    first, second = io.BytesIO(), io.BytesIO()
    write_template(first, lang="nl", matrix="enisa", example=True)
    write_template(second, lang="nl", matrix="enisa", example=True)
    assert first.getvalue() == second.getvalue()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("matrix", PRESETS)
def test_example_rates_risks_on_every_level_and_ends_acceptable(tmp_path, lang, matrix):
    _, book = make(tmp_path, "--lang", lang, "--matrix", matrix, "--example")
    the_matrix = preset(matrix, lang)
    ws = book[schema.RISKS.name(lang)]
    by_key = {schema.find_column(schema.RISKS, h).key: h for h in headers(ws)}

    def values(key, scale):
        names = [level.name for level in scale]
        return [names.index(v) + 1 for v in column_values(ws, by_key[key])]

    inherent = zip(values("likelihood", the_matrix.likelihood),
                   values("impact", the_matrix.impact))
    residual = zip(values("residual_likelihood", the_matrix.likelihood),
                   values("residual_impact", the_matrix.impact))
    assert {the_matrix.level_index(*cell) for cell in inherent} == set(
        range(len(the_matrix.levels)))
    assert all(the_matrix.level(*cell).acceptable for cell in residual)
    statuses = set(column_values(book[schema.MEASURES.name(lang)], "Status"))
    assert statuses == {schema.value_word("measure_status", k, lang)
                        for k in schema.VALUE_WORDS["measure_status"]}
    sign_off = list(book[schema.SIGN_OFF.name(lang)].iter_rows(min_row=2, values_only=True))
    assert all(row[1] for row in sign_off)
    screening = list(book[schema.SCREENING.name(lang)].iter_rows(min_row=2, values_only=True))
    assert all(row[1] for row in screening)
    assert isinstance(book[schema.HISTORY.name(lang)]["B2"].value, dt.datetime)


# --- read back by the reader: what init writes is what validate and score accept ----------


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("matrix", PRESETS)
def test_example_validates_without_errors_or_warnings(tmp_path, lang, matrix):
    path, _ = make(tmp_path, "--lang", lang, "--matrix", matrix, "--example")
    result = run("--lang", "en", "validate", str(path))  # messages in English (test_messages)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "valid (0 warning(s))" in result.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("matrix", PRESETS)
def test_matrix_sheets_read_back_as_the_preset(tmp_path, lang, matrix):
    from dpia.reader import read_workbook

    path, _ = make(tmp_path, "--lang", lang, "--matrix", matrix)
    assessment, problems = read_workbook(path)
    expected = preset(matrix, lang)
    assert assessment.matrix.name == matrix
    assert assessment.matrix.likelihood == expected.likelihood
    assert assessment.matrix.impact == expected.impact
    assert assessment.matrix.levels == expected.levels
    assert assessment.matrix.grid == expected.grid
    matrix_sheets = {sheet.name(lang) for sheet in (
        schema.SCALES, schema.RISK_LEVELS, schema.MATRIX_SHEET)}
    assert not [p for p in problems if p.sheet in matrix_sheets]


@pytest.mark.parametrize("lang", LANGS)
def test_blank_workbook_only_asks_for_what_a_person_must_fill_in(tmp_path, lang):
    path, _ = make(tmp_path, "--lang", lang)
    result = run("--lang", "en", "validate", str(path))  # the sheets in lang, messages English
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    # Only Title, Organisation, a processing operation and a risk are missing (each at its
    # header row); everything the template wrote is valid.
    assessment = schema.ASSESSMENT.name(lang)
    assert [e.split(": error: ")[0] for e in errors] == [
        f"{path}:{assessment}!B2", f"{path}:{assessment}!B3",
        f"{path}:{schema.PROCESSING.name(lang)}!1", f"{path}:{schema.RISKS.name(lang)}!1"]
    warned = {line.split("!")[0].split(":")[-1] for line in result.stderr.splitlines()
              if ": warning: " in line}
    assert warned <= {schema.SCREENING.name(lang), schema.SIGN_OFF.name(lang)}


def fill_in(path, sheet_name: str, rows: list[dict[str, object]], start: int = 2) -> None:
    """Type ``rows`` under the headers of a sheet, the way a person would: by header text."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet_name]
    columns = {schema.header_key(cell.value): cell.column for cell in ws[1] if cell.value}
    for offset, row in enumerate(rows):
        for header, value in row.items():
            ws.cell(row=start + offset, column=columns[schema.header_key(header)], value=value)
    book.save(path)


def type_answers(path, sheet_name: str, column: int, answers: list[object]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet_name]
    for row, answer in enumerate(answers, start=2):
        ws.cell(row=row, column=column, value=answer)
    book.save(path)


# Each case: language, preset, the names a person picks in the drop-downs (inherent
# likelihood, impact, residual likelihood, impact) and the score and level the spec's tables
# give for those cells.
FILLED_IN = [
    ("en", "ico", ("Possible", "Severe", "Remote", "Severe"), (6, "High", 3, "Low")),
    ("nl", "ico", ("Hoog", "Midden", "Midden", "Midden"), (6, "Hoog", 4, "Midden")),
    ("nl", "5x5", ("Waarschijnlijk", "Groot", "Klein", "Groot"), (16, "Hoog", 8, "Matig")),
    ("en", "cnil", ("Maximum", "Limited", "Limited", "Limited"), (8, "Medium", 4, "Low")),
    ("en", "enisa", ("High", "Low", "Low", "Low"), (3, "Medium", 1, "Low")),
]


@pytest.mark.parametrize("lang,matrix,picked,expected", FILLED_IN)
def test_blank_workbook_filled_in_by_hand_validates_and_scores(
    tmp_path, lang, matrix, picked, expected
):
    path, book = make(tmp_path, "--lang", lang, "--matrix", matrix)
    risks = book[schema.RISKS.name(lang)]
    offered = {key: choices(book, validation_for(book, risks, header))
               for key, header in (("likelihood", schema.RISKS.column("likelihood").name(lang)
                                    + " *"),
                                   ("impact", schema.RISKS.column("impact").name(lang) + " *"))}
    assert picked[0] in offered["likelihood"] and picked[1] in offered["impact"]
    nl = lang == "nl"

    def h(sheet, key):
        return sheet.column(key).name(lang)

    type_answers(path, schema.ASSESSMENT.name(lang), 2,
                 ["Bezoekersregistratie" if nl else "Visitor registration",
                  "Gemeente Voorbeeld" if nl else "Example Council"])
    fill_in(path, schema.PROCESSING.name(lang), [{
        h(schema.PROCESSING, "id"): "P1",
        h(schema.PROCESSING, "name"): "Registratie" if nl else "Registration",
        h(schema.PROCESSING, "purpose"): "Toegang" if nl else "Access control",
        h(schema.PROCESSING, "lawful_basis"): lawful_basis_choices(lang)[4] + " (Wet X)",
        h(schema.PROCESSING, "data_subjects"): "Bezoekers" if nl else "Visitors",
        h(schema.PROCESSING, "personal_data"): "Naam; tijdstip" if nl else "Name; time",
        h(schema.PROCESSING, "retention"): "1 maand" if nl else "1 month",
    }])
    fill_in(path, schema.MEASURES.name(lang), [{
        h(schema.MEASURES, "id"): "M1",
        h(schema.MEASURES, "measure"): "Toegangsbeheer" if nl else "Access control",
        h(schema.MEASURES, "status"): schema.value_word("measure_status", "in_progress", lang),
        h(schema.MEASURES, "due_date"): dt.date(2026, 9, 1),
    }])
    fill_in(path, schema.RISKS.name(lang), [{
        h(schema.RISKS, "id"): "R1",
        h(schema.RISKS, "processing"): "P1",
        h(schema.RISKS, "risk"): "Onbevoegde inzage" if nl else "Unauthorised access",
        h(schema.RISKS, "likelihood"): picked[0],
        h(schema.RISKS, "impact"): picked[1],
        h(schema.RISKS, "measures"): "M1",
        h(schema.RISKS, "residual_likelihood"): picked[2],
        h(schema.RISKS, "residual_impact"): picked[3],
        h(schema.RISKS, "treatment"): schema.value_word("treatment", "reduce", lang),
    }])
    yes, no = (schema.value_word("yesno", key, lang) for key in ("yes", "no"))
    type_answers(path, schema.SCREENING.name(lang), 2, [yes, no, yes] + [no] * 9)
    type_answers(path, schema.SIGN_OFF.name(lang), 2, ["A. de Vries"] * 6)

    result = run("--lang", "en", "validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert "valid (0 warning(s))" in result.stdout, result.stderr

    scored = run("score", str(path), "--format", "json")
    assert scored.exit_code == 0, scored.stderr
    risk = json.loads(scored.stdout)["risks"][0]
    assert (risk["likelihood"], risk["impact"]) == picked[:2]
    assert (risk["residual_likelihood"], risk["residual_impact"]) == picked[2:]
    assert (risk["score"], risk["level"], risk["residual_score"], risk["residual_level"]) == (
        expected)


def test_a_name_not_ending_in_xlsx_is_a_usage_error(tmp_path):
    result = run("init", str(tmp_path / "dpia.xls"))
    assert result.exit_code == 2
    assert ".xlsx" in result.stderr
    assert not (tmp_path / "dpia.xls").exists()


def test_a_missing_folder_is_reported_without_a_traceback(tmp_path):
    result = run("init", str(tmp_path / "no" / "such" / "dpia.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.startswith("dpia: error: ") and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_tells_what_to_do_next(tmp_path):
    path = tmp_path / "dpia.xlsx"
    result = run("init", str(path))
    assert f"dpia validate {path}" in result.stdout


@pytest.mark.parametrize("lang,matrix", [("en", "ico"), ("nl", "5x5")])
def test_example_builds_into_a_report(tmp_path, lang, matrix):
    import docx

    from dpia import languages

    path, _ = make(tmp_path, "--lang", lang, "--matrix", matrix, "--example")
    report = tmp_path / "example.docx"
    result = run("build", str(path), "-o", str(report))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(report)
    info = languages.data(lang, "example.toml")["info"]
    assert document.paragraphs[0].text == info["title"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert info["conclusion"] in text


@pytest.mark.parametrize("lang", LANGS)
def test_instructions_explain_every_sheet_column_and_field(tmp_path, lang):
    _, book = make(tmp_path, "--lang", lang)
    rows = list(book[instructions_name(lang)].iter_rows(values_only=True))
    explained_sheets = {row[0] for row in rows if row[0] and row[2]}
    assert {sheet.name(lang) for sheet in schema.SHEETS} <= explained_sheets
    explained = [schema.header_key(row[1]) for row in rows if row[1] and row[2]]
    for sheet in schema.SHEETS:
        names = schema.ASSESSMENT_FIELDS if sheet.key == "assessment" else sheet.columns
        for column in names:
            assert schema.header_key(column.name(lang)) in explained, (sheet.key, column.key)
    # where the GDPR asks for it: e.g. the Risks sheet points at Art. 35(7)(c)
    risks_row = next(row for row in rows if row[0] == schema.RISKS.name(lang))
    assert risks_row[3] == ("Art. 35(7)(c)" if lang == "en" else "Art. 35 lid 7 sub c")


def test_the_worked_example_does_not_import_the_workbook_writer():
    # Content lives in its own module: the example (and the CNIL import) build one without
    # the writer, which imports the example; no import cycle between the two
    import subprocess
    import sys

    code = ("import sys, dpia.workbook_example, dpia.cnil.importer; "
            "print('dpia.workbook_template' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
