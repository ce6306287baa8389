"""What a Dutch, German or French auditor sees of ``dpia verify`` (issue 14): a table cell
edited by hand, a tampered record, a bad signature, a key file that is not there; in the
language chosen with --lang, else the locale's, else the report's own."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from dpia import docxml
from dpia.cli import cli
from dpia.report import render
from tests.factories import sample_scored
from tests.test_signing import make_key
from tests.test_verify import _rewrite_provenance
from tests.workbooks import minimal_sheets, write_workbook

NO_LOCALE = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}
LOCALES = {"nl": "nl_NL.UTF-8", "de": "de_DE.UTF-8", "fr": "fr_FR.UTF-8"}


def run(*args: object, env: dict | None = None):
    return CliRunner().invoke(cli, [str(arg) for arg in args], env={**NO_LOCALE, **(env or {})})


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory) -> dict[str, Path]:
    """The example workbook of each language, built into a report in that language."""
    folder = tmp_path_factory.mktemp("examples")
    reports = {}
    for lang in ("nl", "de", "fr"):
        workbook = folder / f"{lang}.xlsx"
        assert run("init", workbook, "--lang", lang, "--example").exit_code == 0
        report = folder / f"{lang}.docx"
        result = run("build", workbook, "-o", report)
        assert result.exit_code == 0, result.output
        reports[lang] = report
    return reports


def type_over_score(source: Path, target: Path, row_id: str, text: str) -> str:
    """``source`` saved as ``target`` with the Score cell of risk ``row_id`` in the risk
    register typed over with ``text``, as in Word; the score the report said."""
    document = docx.Document(source)
    table = next(t for t in document.tables if docxml.table_kind(t._tbl) == "risk-register")
    row = next(r for r in table.rows if r.cells[0].text == row_id)
    cell = row.cells[7]  # ID, processing, risk, source, impact, likelihood, impact, score
    before = cell.text
    cell.text = text
    document.save(target)
    return before


EDITED_CELL = {
    "nl": ('{report}: het rapport toont niet wat zijn vastlegging zegt: ',
           '{report}: Tabel 7: Risicoregister, rij R1, kolom Score: het rapport zegt "1", de '
           'vastlegging zegt "{before}"'),
    "de": ('{report}: der Bericht zeigt nicht, was sein Nachweis sagt: ',
           '{report}: Tabelle 7: Risikoregister, Zeile R1, Spalte Punkte: der Bericht sagt "1", '
           'der Nachweis sagt "{before}"'),
    "fr": ('{report} : le rapport ne montre pas ce que dit son enregistrement : ',
           '{report} : Tableau 7: Registre des risques, ligne R1, colonne Score : le rapport '
           'indique "1", l\'enregistrement indique "{before}"'),
}


@pytest.mark.parametrize("lang", ["nl", "de", "fr"])
def test_an_edited_cell_is_named_by_row_and_column_in_the_reports_language(
        lang, example_reports, tmp_path):
    report = tmp_path / "edited.docx"
    before = type_over_score(example_reports[lang], report, "R1", "1")
    assert before == "6"
    result = run("verify", report)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    headline, finding = EDITED_CELL[lang]
    assert lines[0].startswith(headline.format(report=report))
    assert lines[1] == finding.format(report=report, before=before)
    # the column is named as the report heads it, the row by its ID: nothing else in English
    assert "the record says" not in result.stdout


def test_an_untouched_report_in_each_language_verifies_in_it(example_reports):
    expected = {"nl": "geverifieerd: ", "de": "verifiziert: ", "fr": "vérifié : "}
    for lang, report in example_reports.items():
        result = run("verify", report)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0].startswith(expected[lang]), lines
        counted = {"nl": " tabellen, ", "de": " Tabellen, ", "fr": " tableaux, "}[lang]
        assert counted in lines[1], lines


def test_lang_and_the_locale_come_before_the_reports_language(example_reports, tmp_path):
    report = tmp_path / "edited.docx"
    type_over_score(example_reports["nl"], report, "R1", "1")
    german = run("verify", report, env={"LANG": LOCALES["de"]})
    # the report's caption and column stay Dutch (the report's words), the finding is German
    assert (f'{report}: Tabel 7: Risicoregister, Zeile R1, Spalte Score: der Bericht sagt '
            f'"1", der Nachweis sagt "6"') in german.stdout.splitlines()
    french = run("--lang", "fr", "verify", report, env={"LANG": LOCALES["de"]})
    assert (f'{report} : Tabel 7: Risicoregister, ligne R1, colonne Score : le rapport indique '
            f'"1", l\'enregistrement indique "6"') in french.stdout.splitlines()
    english = run("--lang", "en", "verify", report)
    assert (f'{report}: Tabel 7: Risicoregister, row R1, column Score: the report says "1", '
            f'the record says "6"') in english.stdout.splitlines()


@pytest.fixture
def tampered(tmp_path) -> Path:
    """An English report whose embedded record was edited with a zip tool (R1's inherent
    level lowered) without its hash recomputed."""
    report = tmp_path / "report.docx"
    report.write_bytes(render(sample_scored(), lang="en"))

    def lower_level(record):
        record["assessment"]["risks"][0]["inherent"]["level"] = 1

    _rewrite_provenance(report, lower_level)
    return report


TAMPERED = {
    "nl": ("{report}: de vastlegging is verdacht: Customer loyalty programme, versie 1.0",
           "{report}: vastlegging: de ingebedde beoordeling past niet bij haar SHA-256 "
           "(vastgelegd ",
           "berekend ", "): ze is gewijzigd nadat het rapport is gemaakt"),
    "de": ("{report}: der Nachweis ist verdächtig: Customer loyalty programme, Version 1.0",
           "{report}: Nachweis: die eingebettete Bewertung passt nicht zu ihrem SHA-256 "
           "(festgehalten ",
           "berechnet ", "): sie wurde geändert, nachdem der Bericht erstellt wurde"),
    "fr": ("{report} : l'enregistrement est suspect : Customer loyalty programme, version 1.0",
           "{report} : enregistrement : l'évaluation intégrée ne correspond pas à son SHA-256 "
           "(enregistré ",
           "calculé ", ") : elle a été modifiée après la création du rapport"),
}


@pytest.mark.parametrize("lang", ["nl", "de", "fr"])
@pytest.mark.parametrize("how", ["--lang", "locale"])
def test_a_tampered_record_is_named_in_the_auditors_language(lang, how, tampered):
    if how == "--lang":
        result = run("--lang", lang, "verify", tampered)
    else:
        result = run("verify", tampered, env={"LANG": LOCALES[lang]})
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    suspect, start, computed, end = TAMPERED[lang]
    assert lines[0] == suspect.format(report=tampered)
    finding = lines[1]
    assert finding.startswith(start.format(report=tampered)), lines
    assert computed in finding and finding.endswith(end), finding


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> tuple[Path, Path]:
    """(an English report signed with a key, the public key of another)."""
    folder = tmp_path_factory.mktemp("signed")
    workbook = write_workbook(folder / "loyalty.xlsx", minimal_sheets())
    private, _public = make_key(folder)
    report = folder / "report.docx"
    result = run("build", workbook, "-o", report, "--sign", private)
    assert result.exit_code == 0, result.output
    return report, make_key(folder, "stranger")[1]


BAD_SIGNATURE = {
    "nl": ("{report}: verificatie mislukt: Customer loyalty programme, versie 1.0",
           "{report}: HANDTEKENING ONGELDIG: ondertekend met de ED25519-sleutel SHA256:",
           ", die niet hoort bij de opgegeven sleutels ({key}) voor dpia-rapporten"),
    "de": ("{report}: Prüfung fehlgeschlagen: Customer loyalty programme, Version 1.0",
           "{report}: SIGNATUR UNGÜLTIG: signiert mit dem ED25519-Schlüssel SHA256:",
           ", der nicht zu den angegebenen Schlüsseln ({key}) für dpia-Berichte gehört"),
    "fr": ("{report} : échec de la vérification : Customer loyalty programme, version 1.0",
           "{report} : SIGNATURE INVALIDE : signé avec la clé ED25519 SHA256:",
           ", qui ne fait pas partie des clés indiquées ({key}) pour les rapports dpia"),
}


@pytest.mark.parametrize("lang", ["nl", "de", "fr"])
def test_a_signature_by_another_key_is_said_loudly_in_the_auditors_language(lang, signed):
    report, stranger = signed
    result = run("--lang", lang, "verify", report, "--key", stranger)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    failed, start, end = BAD_SIGNATURE[lang]
    assert lines[0] == failed.format(report=report)
    assert lines[1].startswith(start.format(report=report)), lines
    assert lines[1].endswith(end.format(key=stranger)), lines


def test_a_good_signature_is_summed_up_in_the_locales_language(signed):
    report, _stranger = signed
    result = run("verify", report, env={"LANG": LOCALES["de"]})
    assert result.exit_code == 0, result.output
    assert any(line.startswith("  Signatur: gültig für ihren eigenen Schlüssel (ED25519-Schlüssel "
                               "SHA256:") for line in result.stdout.splitlines()), result.stdout


@pytest.mark.parametrize("lang, expected", [
    ("nl", "{key}: bestand bestaat niet (publieke sleutel)"),
    ("de", "{key}: Datei nicht gefunden (öffentlicher Schlüssel)"),
    ("fr", "{key} : fichier introuvable (clé publique)"),
])
def test_a_missing_key_file_is_named_in_the_auditors_language(lang, expected, signed, tmp_path):
    report, _stranger = signed
    missing = tmp_path / "nobody.pub"
    result = run("--lang", lang, "verify", report, "--key", missing)
    assert result.exit_code == 1
    assert expected.format(key=missing) in result.output
    assert "Traceback" not in result.output


def test_a_hidden_row_in_a_dutch_report_is_named_in_dutch(example_reports, tmp_path):
    report = tmp_path / "hidden.docx"
    document = docx.Document(example_reports["nl"])
    table = next(t for t in document.tables if docxml.table_kind(t._tbl) == "measures")
    row = next(r for r in table.rows if r.cells[0].text == "M1")
    tr_pr = row._tr.get_or_add_trPr()
    from docx.oxml import OxmlElement

    tr_pr.append(OxmlElement("w:hidden"))
    document.save(report)
    result = run("verify", report)
    assert result.exit_code == 1
    assert any(line.startswith(f"{report}: Tabel 8: Alle maatregelen, rij M1: de rij is "
                               'verborgen: "M1 | Monitoringreglement')
               for line in result.stdout.splitlines()), result.stdout
