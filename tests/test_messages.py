"""dpia's own messages in the DPO's language (dpia.i18n, templates/<lang>/messages.po):
chosen by --lang, else the workbook's language, else the locale, else English. JSON keys
and severities stay English."""

from __future__ import annotations

import json
import os
import shutil
import string
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from click.testing import CliRunner
from workbooks import minimal_sheets, set_cell, write_workbook

from dpia import languages, schema
from dpia.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [code for code in languages.codes() if code != languages.FALLBACK]
NO_LOCALE = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8"}


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env={**NO_LOCALE, **(env or {})})


def dutch_workbook(tmp_path: Path, *, likelihood: object = "xyz") -> Path:
    """``dpia init --lang nl --example`` with the first risk's Likelihood set to
    ``likelihood`` (an unknown level by default; None: left as written)."""
    path = tmp_path / "dpia.xlsx"
    result = run("init", str(path), "--lang", "nl", "--example")
    assert result.exit_code == 0, result.output
    if likelihood is None:
        return path
    book = openpyxl.load_workbook(path)
    sheet = book[schema.RISKS.name("nl")]
    header = [str(cell.value or "").removesuffix(" *") for cell in sheet[1]]
    column = header.index(schema.RISKS.column("likelihood").name("nl")) + 1
    sheet.cell(row=2, column=column).value = likelihood
    book.save(path)
    return path


def test_a_dutch_workbooks_problems_and_summary_are_in_dutch(tmp_path):
    path = dutch_workbook(tmp_path)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert ": fout: " in result.stderr
    assert "'xyz' is geen niveau van de schaal kans (" in result.stderr
    assert "is not a level" not in result.stderr
    assert f"{path}: 1 fout(en), 0 waarschuwing(en)" in result.stdout


def test_a_dutch_workbooks_missing_sheet_and_valid_line_are_in_dutch(tmp_path):
    path = dutch_workbook(tmp_path, likelihood=None)
    assert run("validate", str(path)).stdout == f"{path}: geldig (0 waarschuwing(en))\n"
    book = openpyxl.load_workbook(path)
    del book[schema.RISKS.name("nl")]
    book.save(path)
    result = run("validate", str(path))
    assert f"{path}: fout: verplicht werkblad 'Risks' ontbreekt (" in result.stderr


def test_the_workbooks_language_wins_over_the_locale(tmp_path):
    path = dutch_workbook(tmp_path)
    result = run("validate", str(path), env={"LANG": "de_DE.UTF-8"})
    assert "geen niveau van de schaal kans" in result.stderr


def test_the_locale_chooses_for_a_command_without_a_workbook(tmp_path):
    result = run("template", str(tmp_path / "house.docx"), env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'house.docx'}: Referenzdokument geschrieben",
        f"Weiter: passen Sie die Formatierung an, dann  dpia build ARBEITSMAPPE --template "
        f"{tmp_path / 'house.docx'}",
    ]


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"}, "document de référence écrit"),
    ({"LC_ALL": "nl_BE.UTF-8", "LANG": "de_DE.UTF-8"}, "referentiedocument geschreven"),
    ({"LC_MESSAGES": "de_AT", "LANG": "en_GB.UTF-8"}, "Referenzdokument geschrieben"),
    ({"LANG": "pt_BR.UTF-8"}, "reference document written"),  # a language dpia lacks
    ({"LANG": "C"}, "reference document written"),
])
def test_locale_variables_are_read_in_gettexts_order(tmp_path, env, expected):
    result = run("template", str(tmp_path / "house.docx"), env=env)
    assert expected in result.stdout


FRENCH = ": erreur: R1: Kans: 'xyz' n'est pas un niveau de l'échelle vraisemblance ("


def test_lang_wins_over_the_workbooks_language_and_the_locale(tmp_path):
    path = dutch_workbook(tmp_path)
    result = run("--lang", "fr", "validate", str(path), env={"LANG": "de_DE.UTF-8"})
    assert FRENCH in result.stderr
    assert f"{path} : 1 erreur(s), 0 avertissement(s)" in result.stdout
    # a command's own --lang (the report's language) is the messages' language too
    result = run("score", str(path), "--lang", "fr")
    assert result.exit_code == 1
    assert FRENCH in result.stderr


def test_init_speaks_the_language_it_writes_and_else_the_locales(tmp_path):
    target = tmp_path / "nieuw.xlsx"
    result = run("init", str(target), "--lang", "nl", env={"LANG": "de_DE.UTF-8"})
    assert result.stdout.splitlines() == [
        f"{target}: werkmap geschreven (nl, matrix ico)",
        f"Volgende stap: vul hem in en voer dan  dpia validate {target}  en  dpia build "
        f"{target}  uit",
    ]
    # --lang en by default writes an English workbook; the messages follow the locale
    result = run("init", str(tmp_path / "neu.xlsx"), env={"LANG": "de_DE.UTF-8"})
    assert "neu.xlsx: Arbeitsmappe geschrieben (en, Matrix ico)" in result.stdout


def test_json_keys_and_severities_stay_english(tmp_path):
    path = dutch_workbook(tmp_path)
    result = run("validate", str(path), "--format", "json")
    document = json.loads(result.stdout)
    problem = document["problems"][0]
    assert set(problem) == {"file", "sheet", "cell", "severity", "message"}
    assert problem["severity"] == "error"
    assert "geen niveau van de schaal kans" in problem["message"]


def test_english_stays_english_in_an_english_locale(tmp_path):
    path = dutch_workbook(tmp_path)
    result = run("--lang", "en", "validate", str(path), env={"LANG": "nl_NL.UTF-8"})
    assert ": error: R1: Kans: 'xyz' is not a level of the likelihood scale (" in result.stderr
    assert f"{path}: 1 error(s), 0 warning(s)" in result.stdout


def _run_with_language_path(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DPIA_LANGUAGE_PATH": str(folder), "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "dpia", *args], capture_output=True,
                          text=True, env=env, check=False)


def test_a_language_without_messages_po_speaks_english(tmp_path):
    added = tmp_path / "langs" / "li"  # a copy of Dutch as Limburgish, without messages
    shutil.copytree(languages.folder("nl"), added)
    (added / "messages.po").unlink()
    result = _run_with_language_path(tmp_path / "langs", "--lang", "li", "template",
                                     str(tmp_path / "house.docx"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{tmp_path / 'house.docx'}: reference document written"


def test_a_message_a_catalogue_leaves_out_or_marks_fuzzy_is_english(tmp_path):
    added = tmp_path / "langs" / "li"
    shutil.copytree(languages.folder("nl"), added)
    (added / "messages.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "{file}: reference document written"\n'
        'msgstr "{file}: referentiedokument gesjreve"\n\n'
        '#, fuzzy\nmsgid "Next: restyle it, then run  dpia build WORKBOOK --template {file}"\n'
        'msgstr "Volgende: {file}"\n', encoding="utf-8")
    result = _run_with_language_path(tmp_path / "langs", "--lang", "li", "template",
                                     str(tmp_path / "house.docx"))
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'house.docx'}: referentiedokument gesjreve",
        f"Next: restyle it, then run  dpia build WORKBOOK --template {tmp_path / 'house.docx'}",
    ]


# -- the catalogues against the code: no drift


def _code_messages() -> set[str]:
    """Every message the code marks (``_``, ``ngettext``, ``N_``), extracted as
    ``pybabel extract -F babel.cfg -o messages.pot dpia`` does."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / "dpia", method_map, options_map):
        found.update(message if isinstance(message, tuple) else (message,))
    return found


def _catalogue(code: str):
    with languages.folder(code).joinpath("messages.po").open("rb") as handle:
        return read_po(handle, locale=code)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's id or string as a tuple: a plural message (``ngettext``) has several."""
    return text if isinstance(text, tuple) else (text,)


def test_the_code_marks_the_messages_a_dpo_sees_most():
    messages = _code_messages()
    for message in ("{workbook}: {errors} error(s), {warnings} warning(s)",
                    "missing required sheet '{sheet}' ({others})",
                    "missing required column {name!r}", "{column} is empty (required)",
                    "'{text}' is not a valid date", "verified: {title}", "error", "warning"):
        assert message in messages


@pytest.mark.parametrize("code", SHIPPED)
def test_every_shipped_catalogue_translates_every_message_and_no_other(code):
    """A message added to the code without a translation fails here (it would be shown in
    English): add it to each templates/<lang>/messages.po. So does a translation whose
    message the code no longer has."""
    catalogue = _catalogue(code)
    translated = {form for message in catalogue
                  if message.id and all(_forms(message.string)) and not message.fuzzy
                  for form in _forms(message.id)}
    in_code = _code_messages()
    assert sorted(in_code - translated) == [], f"templates/{code}/messages.po lacks these"
    obsolete = {form for message in catalogue if message.id
                for form in _forms(message.id)} - in_code
    assert sorted(obsolete) == [], f"templates/{code}/messages.po has messages the code lost"


@pytest.mark.parametrize("code", SHIPPED)
def test_translations_use_only_the_placeholders_of_their_message(code):
    """A placeholder the English message does not fill would raise KeyError at run time."""
    for message in _catalogue(code):
        if message.id and message.string:
            allowed = set().union(*map(_fields, _forms(message.id)))
            for form in _forms(message.string):
                assert _fields(form) <= allowed, (code, message.id)



def test_a_workbook_without_a_language_field_speaks_the_locales_language(tmp_path):
    sheets = minimal_sheets()
    set_cell(sheets, "Risks", "R1", "Likelihood", "Often")
    path = write_workbook(tmp_path / "wb.xlsx", sheets)
    result = run("validate", str(path), env={"LANG": "de_DE.UTF-8"})
    assert f"{path}:Risks!F2: Fehler: R1: Likelihood: 'Often' ist keine Stufe der Skala " \
        "Eintrittswahrscheinlichkeit (" in result.stderr
    assert result.stdout == f"{path}: 1 Fehler, 0 Warnung(en)\n"


def test_verify_speaks_the_locales_language(tmp_path):
    workbook = write_workbook(tmp_path / "wb.xlsx", minimal_sheets())
    report = tmp_path / "wb.docx"
    assert run("build", str(workbook), "-o", str(report)).exit_code == 0
    result = run("verify", str(report), str(workbook), env={"LANG": "fr_FR.UTF-8"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "vérifié : Customer loyalty programme, version 1.0"
    assert f"  à jour : {workbook} est le classeur dont le rapport a été produit" in lines
