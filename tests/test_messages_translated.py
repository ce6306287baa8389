"""The messages issue 14 translated last, as a Dutch, German or French DPO sees them: the
diff of two Dutch workbooks, a missing file with --lang de, a matrix problem of a French
workbook, dpia due in a Dutch locale; English stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from dpia import schema
from dpia.cli import cli

NO_LOCALE = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], env={**NO_LOCALE, **(env or {})})


def example(path: Path, lang: str) -> Path:
    """``dpia init --example`` in ``lang``."""
    result = run("init", path, "--lang", lang, "--example")
    assert result.exit_code == 0, result.output
    return path


def set_value(path: Path, sheet_key: str, lang: str, row: int, column_key: str,
              value: object, target: Path) -> Path:
    """``path`` saved as ``target`` with one cell of a sheet (found by its column's name in
    ``lang``) set to ``value``."""
    book = openpyxl.load_workbook(path)
    spec = sheet_spec(sheet_key)
    sheet = book[spec.name(lang)]
    header = [str(cell.value or "").removesuffix(" *") for cell in sheet[1]]
    sheet.cell(row=row, column=header.index(spec.column(column_key).name(lang)) + 1).value = value
    book.save(target)
    return target


def sheet_spec(key: str) -> schema.Sheet:
    return next(sheet for sheet in schema.SHEETS if sheet.key == key)


def test_a_diff_of_two_dutch_workbooks_is_in_dutch(tmp_path):
    old = example(tmp_path / "v1.xlsx", "nl")
    new = set_value(old, "risks", "nl", 2, "impact", "Hoog", tmp_path / "v2.xlsx")
    result = run("diff", old, new)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"Wijzigingen van {old} (versie 1.0) naar {new} (versie 1.0)"
    # the field as the Risico's sheet heads it, a computed one in Dutch words
    assert "      Impact: Midden -> Hoog" in lines
    assert "      Score: 6 -> 9" in lines
    # JSON keeps the fields' keys
    document = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert '"field": "impact"' in json.dumps(document)
    assert "Impact" not in json.dumps(document)


def test_a_missing_file_in_german(tmp_path):
    missing = tmp_path / "fehlt.xlsx"
    result = run("--lang", "de", "validate", missing)
    assert result.exit_code == 1
    assert result.stderr == (f"dpia: Fehler: {missing}: Datei nicht gefunden; prüfen Sie den "
                             "Namen und den Ordner\n")
    assert "Traceback" not in result.output
    english = run("validate", missing)
    assert english.stderr == (f"dpia: error: {missing}: no such file; check the name and the "
                              "folder\n")


def test_an_existing_output_in_german_needs_force(tmp_path):
    existing = example(tmp_path / "dpia.xlsx", "de")
    before = existing.read_bytes()
    result = run("--lang", "de", "init", existing)
    assert result.exit_code == 1
    assert result.stderr == (f"dpia: Fehler: {existing} existiert bereits; verwenden Sie "
                             "--force, um die Datei zu überschreiben\n")
    assert existing.read_bytes() == before


def test_a_matrix_problem_of_a_french_workbook_is_in_french(tmp_path):
    path = example(tmp_path / "aipd.xlsx", "fr")
    book = openpyxl.load_workbook(path)
    grid = book[sheet_spec("matrix").name("fr")]
    assert grid["A3"].value == "Possible"
    grid["C3"] = "Énorme"  # no risk level of the matrix
    book.save(path)
    result = run("validate", path)  # no --lang, no locale: the workbook's Language
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:Matrice!C3: erreur: Possible : 'Énorme' n'est pas un "
                             "niveau de risque (Faible, Moyen, Élevé)\n")
    assert result.stdout == f"{path} : 1 erreur(s), 0 avertissement(s)\n"
    english = run("--lang", "en", "validate", path)
    assert "Possible: 'Énorme' is not a risk level (Faible, Moyen, Élevé)" in english.stderr


def test_a_scales_problem_of_a_french_workbook_names_the_axis_in_french(tmp_path):
    path = example(tmp_path / "aipd.xlsx", "fr")
    book = openpyxl.load_workbook(path)
    scales = book[schema.SCALES.name("fr")]
    header = [str(cell.value or "").removesuffix(" *") for cell in scales[1]]
    value_column = header.index(schema.SCALES.column("value").name("fr")) + 1
    scales.cell(row=3, column=value_column).value = 1  # the second likelihood level too
    book.save(path)
    result = run("validate", path)
    assert result.exit_code == 1
    assert "la valeur 1 de vraisemblance apparaît deux fois (d'abord à la ligne 2)" \
        in result.stderr


def test_dpia_due_in_a_dutch_locale(tmp_path):
    example(tmp_path / "dpia.xlsx", "nl")
    result = run("due", tmp_path, "--as-of", "2027-03-10", env={"LANG": "nl_NL.UTF-8"})
    assert result.exit_code == 1  # actions are overdue
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Datum", "Bestand", "DPIA", "Wat"]
    assert any("TE LAAT" in line and "(eigenaar: Security officer)" in line for line in lines)
    assert any(line.split()[1:2] == ["binnenkort"] and line.endswith("herbeoordeling")
               for line in lines)
    assert lines[-1] == "3 te laat, 1 binnen 30 dag(en) na 2027-03-10"
    english = run("due", tmp_path, "--as-of", "2027-03-10").stdout.splitlines()
    assert english[-1] == "3 overdue, 1 due within 30 day(s) of 2027-03-10"


def test_a_skipped_file_is_a_note_in_the_messages_language(tmp_path):
    workbook = example(tmp_path / "dpia.xlsx", "en")
    (tmp_path / "~$dpia.xlsx").write_bytes(b"lock")  # as a glob dpia*.xlsx would pick up
    result = run("--lang", "fr", "validate", tmp_path / "~$dpia.xlsx", workbook)
    assert f"{tmp_path / '~$dpia.xlsx'}: note: ignoré (le fichier de verrouillage d'Excel " \
        "d'un classeur ouvert dans Excel)" in result.stderr


def validate_lines(path: Path, *options: str, env: dict | None = None) -> tuple[int, list[str]]:
    """``dpia [options] validate path``: exit code and message lines."""
    result = run(*options, "validate", path, env=env)
    return result.exit_code, result.stderr.splitlines()


def test_a_basis_in_a_german_message_is_named_in_german_words(tmp_path):
    """The Art. 6(1) basis a message names is the German drop-down word and citation, not
    the English name inside a German sentence."""
    path = set_value(example(tmp_path / "v1.xlsx", "de"), "processing", "de", 2, "lawful_basis",
                     "keine Einwilligung", tmp_path / "basis.xlsx")
    code, lines = validate_lines(path)
    assert code == 1
    problem = next(line for line in lines if "keine Einwilligung" in line)
    assert ("'keine Einwilligung' sagt, welche Rechtsgrundlage nicht gilt (Einwilligung (6 Abs. 1 "
            "lit. a)), aber nicht, welche gilt") in problem
    assert "consent" not in problem.casefold()
    # the same cell with --lang en speaks English, and names the basis as English does
    code, lines = validate_lines(path, "--lang", "en")
    assert any("says which basis does not apply (Consent (6(1)(a)))" in line for line in lines)


def test_a_date_read_day_first_is_spelt_out_in_the_messages_language(tmp_path):
    path = set_value(example(tmp_path / "v1.xlsx", "nl"), "measures", "nl", 2, "due_date",
                     "01-12-2026", tmp_path / "datum.xlsx")
    code, lines = validate_lines(path)
    assert code == 0
    note = next(line for line in lines if "01-12-2026" in line)
    assert note.endswith("'01-12-2026' is gelezen met eerst de dag, als 1 december 2026; bedoelde "
                         "u 12 januari 2026, schrijf dan 2026-01-12")
    code, lines = validate_lines(path, "--lang", "de")
    assert any("als 1. Dezember 2026" in line and "12. Januar 2026" in line for line in lines)


def test_an_item_of_another_authoritys_list_is_a_french_warning(tmp_path):
    """A French workbook for the CNIL whose Screening names an item of the Dutch AP's list."""
    french = tmp_path / "cnil.xlsx"
    result = run("init", french, "--lang", "fr", "--example", "--authority", "cnil")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(french)
    sheet = book[sheet_spec("screening").name("fr")]
    row = sheet.max_row + 1
    sheet.cell(row=row, column=1).value = "AP 9 Cameratoezicht"
    sheet.cell(row=row, column=2).value = "Non"
    book.save(tmp_path / "liste.xlsx")
    code, lines = validate_lines(tmp_path / "liste.xlsx")
    warning = next(line for line in lines if "AP 9" in line)
    assert warning.endswith("AP 9 est un point de la liste AP, mais l'Autorité de contrôle est "
                            "cnil : il compte comme un critère à part")
    assert f"liste.xlsx:{sheet.title}!A{row}" in warning


def test_a_missing_libreoffice_is_explained_in_dutch(tmp_path):
    path = example(tmp_path / "v1.xlsx", "nl")
    nowhere = tmp_path / "geen-soffice"
    # checked before the workbook is read, so the locale chooses the language
    result = run("build", path, "-o", tmp_path / "rapport.docx", "--pdf",
                 "--soffice", nowhere, env={"LANG": "nl_NL.UTF-8"})
    assert result.exit_code == 1
    assert (f"{nowhere}: daar staat geen LibreOffice-programma (opgegeven met --soffice of "
            "DPIA_SOFFICE); geef het pad van het programma soffice") in result.stderr
    assert not (tmp_path / "rapport.docx").exists()
    assert "Traceback" not in result.output



def test_verify_rebuild_of_a_dutch_report_speaks_dutch_throughout():
    """verify's lines and --rebuild's are in the report's language (no --lang, no locale)."""
    root = Path(__file__).resolve().parent.parent / "samples"
    report, workbook = root / "gemeente-jeugdhulp.docx", root / "gemeente-jeugdhulp.xlsx"
    result = run("verify", report, workbook, "--rebuild")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("  herbouwd: alle ")
    assert lines[-1].endswith(f" onderdelen gelijk aan een nieuw rapport uit {workbook}")
    assert not any("rebuilt" in line for line in lines)


def test_a_german_workbook_is_built_with_a_german_line(tmp_path):
    """validate and build of a German workbook say what they did in German, as the workbook
    is (no --lang, no locale)."""
    workbook = example(tmp_path / "dsfa.xlsx", "de")
    assert run("validate", workbook).stdout == f"{workbook}: gültig (0 Warnung(en))\n"
    report = tmp_path / "dsfa.docx"
    result = run("build", workbook, "-o", report)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{report}: geschrieben\n"
    # --lang chooses the messages' language (and the report's)
    again = run("--lang", "en", "build", workbook, "-o", tmp_path / "en.docx")
    assert again.stdout == f"{tmp_path / 'en.docx'}: written\n"


def test_dpia_due_writes_its_calendar_in_the_locales_language(tmp_path):
    """The .ics events speak as dpia due's lines do: a Dutch locale gives Dutch events, with
    the measure's status in the report's Dutch word."""
    from icalendar import Calendar

    folder = tmp_path / "dpias"
    folder.mkdir()
    example(folder / "dpia.xlsx", "nl")
    dutch, english = tmp_path / "nl.ics", tmp_path / "en.ics"
    run("due", folder, "--as-of", "2027-03-10", "--ics", dutch, "-q",
        env={"LANG": "nl_NL.UTF-8"})
    run("due", folder, "--as-of", "2027-03-10", "--ics", english, "-q")
    calendar = Calendar.from_ical(dutch.read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "DPIA-termijnen"
    events = calendar.walk("VEVENT")
    assert any(str(event["SUMMARY"]).startswith("TE LAAT: ") for event in events)
    action = next(event for event in events if "Maatregel " in str(event["DESCRIPTION"]))
    description = str(action["DESCRIPTION"]).splitlines()
    assert description[1].startswith("Bestand: ") and description[1].endswith("dpia.xlsx")
    assert description[-1] in {"Status: gepland", "Status: in uitvoering",
                               "Status: geïmplementeerd"}
    review = next(event for event in events
                  if "DPIA herbeoordelen: " in str(event["SUMMARY"]))
    assert "art. 35 lid 11 AVG" in str(review["DESCRIPTION"])
    # the same deadlines in English, with the same UIDs: only the words differ
    events_en = Calendar.from_ical(english.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in events_en] == [str(e["UID"]) for e in events]
    assert any(str(e["SUMMARY"]).startswith("OVERDUE: ") for e in events_en)
