"""Languages are data: every language folder says everything English says, and a language
added from a folder of its own (DPIA_LANGUAGE_PATH) works end to end without code changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import docx
import openpyxl
import pytest

from dpia import languages, schema

OTHERS = [code for code in languages.codes() if code != languages.FALLBACK]
TOML_FILES = [name for name in languages.FILES if name.endswith(".toml")]
# lists of words a language may leave empty (a language without such a phrase)
MAY_BE_EMPTY = {("words", "citation_first_paragraph")}


def _optional(path: tuple[str, ...]) -> bool:
    """Keys a language has only when it has such words: further names of a preset's level
    (``also``) and the colours it names."""
    return path[-1:] == ("also",) or (path[:1] == ("colours",) and len(path) > 1)


def _paths(value: object, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    """Every key path of a TOML document -> its value (lists of tables by index)."""
    found: dict[tuple[str, ...], object] = {path: value}
    if isinstance(value, dict):
        for key, item in value.items():
            found.update(_paths(item, (*path, key)))
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        for index, item in enumerate(value):
            found.update(_paths(item, (*path, str(index))))
    return found


def _kind(value: object) -> str:
    return "table" if isinstance(value, dict) else "list" if isinstance(value, list) else "text"


@pytest.mark.parametrize("name", TOML_FILES)
@pytest.mark.parametrize("code", OTHERS)
def test_every_language_has_every_key_english_has(code, name):
    """A label, column name or help text added to English without a translation fails here
    (at run time the English one would be shown), and so does a key English does not know."""
    english = _paths(languages.data(languages.FALLBACK, name))
    other = _paths(languages.data(code, name))
    missing = sorted(".".join(p) for p in english if p not in other and not _optional(p))
    unknown = sorted(".".join(p) for p in other if p not in english and not _optional(p))
    assert not missing, f"templates/{code}/{name} lacks {missing}"
    assert not unknown, f"templates/{code}/{name} has keys English does not: {unknown}"
    for path, value in english.items():
        if path not in other:
            continue
        assert _kind(other[path]) == _kind(value), (code, name, path)
        if isinstance(value, list) and value and path[-2:] not in MAY_BE_EMPTY:
            assert other[path], f"templates/{code}/{name}: {'.'.join(path)} is empty"


_MACRO = re.compile(r"{%-?\s*macro\s+(\w+)\(([^)]*)\)")


@pytest.mark.parametrize("code", OTHERS)
def test_every_language_has_every_passage_of_the_narrative(code):
    def macros(lang: str) -> dict[str, str]:
        text = languages.read_text(lang, "narrative.j2")
        return {name: " ".join(args.split()) for name, args in _MACRO.findall(text)}

    assert macros(code) == macros(languages.FALLBACK)


def test_the_languages_are_found_in_the_templates_folder_english_first():
    assert languages.codes()[0] == "en"
    assert {"en", "nl", "de", "fr"} <= set(languages.codes())


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(languages.UnknownLanguage, match="choose one of en, "):
        languages.check("xx")


@pytest.mark.parametrize("code", languages.codes())
def test_every_language_names_every_sheet_and_column_differently(code):
    """Within a language, no two sheets and no two columns of a sheet share a name (the
    reader could not tell them apart)."""
    sheets = [schema.header_key(sheet.name(code)) for sheet in schema.SHEETS]
    assert len(set(sheets)) == len(sheets), sheets
    for sheet in schema.SHEETS:
        names = [schema.column_key(column.name(code)) for column in sheet.columns]
        assert len(set(names)) == len(names), (sheet.key, names)


# --- a language from a folder of its own ----------------------------------------------------


def _new_language(root: Path) -> Path:
    """``xx``: a copy of English with its own sheet names, a heading and a yes word."""
    folder = root / "xx"
    source = languages.folder(languages.FALLBACK)
    folder.mkdir(parents=True)
    for name in languages.FILES:
        (folder / name).write_bytes(source.joinpath(name).read_bytes())
    words = (folder / "workbook.toml").read_text(encoding="utf-8")
    words = words.replace('risks = ["Risks"]', 'risks = ["Hazards XX"]')
    words = words.replace('yes = ["yes",', 'yes = ["aye",')
    words = words.replace('words = ["en", "english"', 'words = ["xx", "xxish"')
    (folder / "workbook.toml").write_text(words, encoding="utf-8")
    labels = (folder / "labels.toml").read_text(encoding="utf-8")
    labels = labels.replace('summary = "Summary"', 'summary = "Summary in XX"')
    (folder / "labels.toml").write_text(labels, encoding="utf-8")
    tomllib.loads(words), tomllib.loads(labels)  # still TOML
    return folder


def _dpia(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dpia", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_language_added_from_a_folder_writes_a_workbook_and_builds_a_report(tmp_path):
    _new_language(tmp_path / "languages")
    env = {**os.environ, languages.ENVIRONMENT_VARIABLE: str(tmp_path / "languages")}

    init = _dpia(tmp_path, "init", "--lang", "xx", "--example", "wb.xlsx", env=env)
    assert init.returncode == 0, init.stderr
    book = openpyxl.load_workbook(tmp_path / "wb.xlsx")
    assert "Hazards XX" in book.sheetnames
    levels = book[schema.RISK_LEVELS.name("en")]
    assert [row[4] for row in levels.iter_rows(min_row=2, values_only=True)][:-1] == [
        "aye", "aye"]  # the new yes word, read back below

    build = _dpia(tmp_path, "build", "wb.xlsx", "-o", "report.docx", env=env)
    assert build.returncode == 0, build.stderr
    text = [p.text for p in docx.Document(tmp_path / "report.docx").paragraphs]
    assert any(line.endswith("Summary in XX") for line in text), text[:40]

    verify = _dpia(tmp_path, "verify", "report.docx", "wb.xlsx", env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_without_the_folder_the_language_is_unknown(tmp_path):
    _new_language(tmp_path / "languages")
    env = {k: v for k, v in os.environ.items() if k != languages.ENVIRONMENT_VARIABLE}

    init = _dpia(tmp_path, "init", "--lang", "xx", "wb.xlsx", env=env)

    assert init.returncode == 2
    assert "'xx' is not one of" in init.stderr
    assert not (tmp_path / "wb.xlsx").exists()


@pytest.mark.parametrize("code", OTHERS)
def test_each_shipped_language_reads_its_own_worked_example_without_problems(tmp_path, code):
    from dpia.reader import read_workbook
    from dpia.workbook_template import write_template

    path = tmp_path / f"{code}.xlsx"
    write_template(path, lang=code, matrix="cnil", example=True)
    assessment, problems = read_workbook(path)
    assert problems == []
    assert assessment.info.language == code
