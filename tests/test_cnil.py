"""Import and export of the CNIL PIA software's JSON: what a DPO sees."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from cnil_exports import answer, complete_export, english_export, evaluation, write

from dpia import languages, provenance
from dpia.cli import cli
from dpia.cnil import load_export
from dpia.cnil.htmltext import html_to_text, text_to_html
from dpia.cnil.importer import lawful_basis_text


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _plain(value):
    """A model as plain data, without where each value was read (origins, source)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()
                if k not in ("origin", "origins", "source", "columns")}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _report_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --- import: a complete export ----------------------------------------------------------


def test_import_writes_a_workbook_that_validates(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    result = run("import", source, "-o", tmp_path / "pia.xlsx", "--organisation", "Exemple SA")
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'pia.xlsx'}: workbook written from {source}" in result.stdout
    validated = run("validate", tmp_path / "pia.xlsx")
    assert validated.exit_code == 0, validated.output
    assert "valid" in validated.stdout


def test_import_maps_answers_ratings_and_evaluations(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    assessment, _warnings = load_export(source)
    info = assessment.info
    assert info.title == "Vidéoprotection du parking"
    assert info.status == "approved"  # 2: simple validation
    assert info.author == "Camille Martin" and info.dpo == "Jeanne Moreau (DPO)"
    assert info.matrix == "cnil" and assessment.matrix.name == "cnil"
    assert info.nature.startswith("Le parking est filmé par 12 caméras.")
    # a list in the HTML is kept as bullet lines, under its question's title
    assert "Responsibilities:\n• Responsable : Société Exemple\n• Sous-traitant" in info.nature
    [operation] = assessment.processing
    assert operation.lawful_bases == ("f",)  # "Intérêt légitime" read as legitimate interests
    assert operation.retention == "30 jours, puis effacement automatique."
    risks = {risk.id: risk for risk in assessment.risks}
    access = risks["R1"]
    assert access.risk == "Illegitimate access to data"
    assert (access.impact, access.likelihood) == (3, 2)  # gauges of 325 and 326
    assert (access.residual_impact, access.residual_likelihood) == (2, 1)  # evaluation x, y
    assert access.owner == "Louis Bernard"
    measures = {m.id: m for m in assessment.measures}
    assert [measures[i].measure for i in access.measures] == [
        "Chiffrement", "Contrôle des accès logiques",
        "Action plan (3.2): Illegitimate access to data"]
    # 3.3 judged acceptable without re-rating: residual = the author's rating
    assert (risks["R2"].residual_impact, risks["R2"].residual_likelihood) == (2, 1)
    assert measures["M1"].status == "implemented" and measures["M1"].type == "technical"
    assert measures["M2"].status == "planned" and measures["M2"].owner == "Service informatique"
    assert str(measures["M2"].due_date) == "2026-05-31"
    assert "Action plan: Activer la double authentification." in measures["M2"].description
    plan = measures["A2"]
    assert plan.measure == "Action plan (2.2.221): Information of data subjects"
    assert plan.description == "• Ajouter l'identité du DPO aux panneaux"
    assert assessment.source.name == "pia.json"


def test_every_imported_value_names_its_json_path_and_question(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    run("import", source, "-o", tmp_path / "pia.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "pia.xlsx")["CNIL import"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Sheet", "Cell", "Field", "From (JSON path)", "CNIL question", "Note"]
    assert rows[1][3] == "pia.json" and rows[1][4].startswith("SHA-256 ")
    by_cell = {(r[0], r[1]): r for r in rows[2:] if r[0]}
    assert by_cell[("Risks", "G2")][3:5] == [
        "answers[22].data.gauge", "325 Illegitimate access to data: severity"]
    assert by_cell[("Risks", "J2")][3] == "evaluations[6].gauges.x"
    assert by_cell[("Processing", "D2")][4] == "212 Lawful basis"
    # what has no place: kept with its path
    notes = {r[3]: r[5] for r in rows[2:] if not r[0]}
    assert notes["answers[16].data.text"].startswith("Contrat de sous-traitance")
    assert notes["comments[0].description"] == "Vérifier la mise en balance des intérêts."
    assert notes["evaluations[6].evaluation_comment"] == "Risque encore élevé."


def test_what_has_no_place_is_listed_as_warnings(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    result = run("import", source, "-o", tmp_path / "pia.xlsx")
    assert f"{source}:answers[16]: warning: question 226 (Processors) is prose" in result.stderr
    assert f"{source}:comments: warning: 1 comment(s) have no place" in result.stderr
    assert f"{source}:evaluations: warning: 4 evaluation comment(s)" in result.stderr
    assert f"{source}:pia: warning: the CNIL PIA has no organisation" in result.stderr


def test_import_never_overwrites_without_force(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    target = tmp_path / "pia.xlsx"
    target.write_bytes(b"mine")
    result = run("import", source, "-o", target)
    assert result.exit_code == 1
    assert target.read_bytes() == b"mine"
    assert run("import", source, "-o", target, "--force").exit_code == 0


def test_import_is_deterministic(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    run("import", source, "-o", tmp_path / "a.xlsx")
    run("import", source, "-o", tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_english_export_in_a_dutch_workbook(tmp_path):
    source = write(tmp_path / "en.json", english_export())
    result = run("import", source, "-o", tmp_path / "en.xlsx", "--lang", "nl",
                 "--organisation", "Bakkerij BV")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert "Risico's" in book.sheetnames and "CNIL-import" in book.sheetnames
    risks = list(book["Risico's"].iter_rows(min_row=2, values_only=True))
    assert risks[0][2] == "Onrechtmatige toegang tot gegevens"
    assert risks[0][5] == "Belangrijk" and risks[0][6] == "Beperkt"  # 326 = 3, 325 = 2
    assert run("validate", tmp_path / "en.xlsx").exit_code == 0


# --- build, validate, score an export directly ------------------------------------------


def test_build_an_export_directly_names_the_json_in_the_record(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    result = run("build", source, "-o", tmp_path / "pia.docx")
    assert result.exit_code == 0, result.output
    text = _report_text(tmp_path / "pia.docx")
    assert "Vidéoprotection du parking" in text
    assert "Restreindre le visionnage à deux agents." in text  # the action plan
    record = provenance.extract(tmp_path / "pia.docx")
    assert record["input"] == {"name": "pia.json",
                               "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    verified = run("verify", tmp_path / "pia.docx", source)
    assert verified.exit_code == 0, verified.output
    assert "pia.json" in verified.stdout


def test_score_and_validate_accept_an_export(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    scored = run("score", source, "--format", "json")
    assert scored.exit_code == 0, scored.output
    risks = json.loads(scored.stdout)["risks"]
    assert [r["id"] for r in risks] == ["R1", "R2", "R3"]
    validated = run("validate", source)
    assert validated.exit_code == 0
    assert f"{source}: valid (" in validated.stdout


def test_a_partial_export_names_what_is_missing(tmp_path):
    data = complete_export()
    data["answers"] = [a for a in data["answers"] if a["reference_to"] not in (212, 326)]
    source = write(tmp_path / "partial.json", data)
    result = run("build", source, "-o", tmp_path / "partial.docx")
    assert result.exit_code == 1
    assert not (tmp_path / "partial.docx").exists()
    assert f"{source}:answers: error: question 212 (lawful basis) is not answered" in (
        result.stderr)
    assert f"{source}:answers: error: question 326 (illegitimate access to data: " \
           "likelihood) has no gauge" in result.stderr
    # import still writes the workbook to complete, and says what remains
    imported = run("import", source, "-o", tmp_path / "partial.xlsx")
    assert imported.exit_code == 1  # the export's errors: nothing written
    assert not (tmp_path / "partial.xlsx").exists()


def test_empty_answers_give_placeholders_not_inventions(tmp_path):
    data = complete_export()
    for item in data["answers"]:
        if item["reference_to"] in (211, 215):
            item["data"]["text"] = "   "
        if item["reference_to"] == 111:
            item["data"] = {"text": None, "gauge": None, "list": None}
    source = write(tmp_path / "empty.json", data)
    assessment, warnings = load_export(source)
    [operation] = assessment.processing
    assert operation.purpose == "Not stated in the CNIL PIA"
    assert operation.retention == "Not stated in the CNIL PIA"
    assert not assessment.info.nature.startswith("Le parking")
    assert any("question 211 (Purposes) is not answered" in p.message for p in warnings)


# --- untrusted JSON ---------------------------------------------------------------------


@pytest.mark.parametrize(("change", "where", "says"), [
    (lambda d: d["answers"][12]["data"].update(text=["x"]), "answers[12].data.text",
     "expected text, found a list"),
    (lambda d: d["answers"][22]["data"].update(gauge=7), "answers[22].data.gauge",
     "expected a whole number from 0 to 4, found 7"),
    (lambda d: d["evaluations"][6]["gauges"].update(x="high"), "evaluations[6].gauges.x",
     "found text"),
    (lambda d: d.update(measures={"a": 1}), "measures", "expected a list, found an object"),
    (lambda d: d["pia"].update(status=True), "pia.status", "found true/false (true)"),
    (lambda d: d["evaluations"][3].update(estimated_implementation_date="soon"),
     "evaluations[3].estimated_implementation_date", "expected a date"),
])
def test_a_wrong_value_names_its_json_path_and_nothing_is_written(tmp_path, change, where,
                                                                   says):
    data = complete_export()
    change(data)
    source = write(tmp_path / "bad.json", data)
    result = run("import", source, "-o", tmp_path / "bad.xlsx")
    assert result.exit_code == 1
    assert not (tmp_path / "bad.xlsx").exists()
    line = next(line for line in result.stderr.splitlines() if ": error: " in line)
    assert line.startswith(f"{source}:{where}: error: ") and says in line
    built = run("build", source, "-o", tmp_path / "bad.docx")
    assert built.exit_code == 1 and not (tmp_path / "bad.docx").exists()
    assert "Traceback" not in built.output


@pytest.mark.parametrize(("content", "says"), [
    (b'{"pia": {"name": "x"}, "answers": [', "not valid JSON"),
    (b'{"pia": {}, "pia": {}, "answers": []}', "the key 'pia' appears twice"),
    (b'{"pia": {"name": NaN}, "answers": []}', "NaN is not a JSON number"),
    (b'{"answers": []}', "not an export of the CNIL PIA software"),
    (b'{"pia": {"name": "x"}}', "no 'answers' list"),
    (b'{"pia": ' * 100 + b"{}" + b"}" * 100, "nested more than 64 levels"),
    (b'{"pia": {"name": "\xff"}, "answers": []}', "not UTF-8 text"),
])
def test_a_file_that_is_no_export_is_refused_in_one_line(tmp_path, content, says):
    source = tmp_path / "odd.json"
    source.write_bytes(content)
    for args in (("import", source, "-o", tmp_path / "odd.xlsx"),
                 ("build", source, "-o", tmp_path / "odd.docx"), ("validate", source)):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(f"dpia: error: {source}: ") and says in result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "odd.xlsx").exists() and not (tmp_path / "odd.docx").exists()


def test_hostile_html_reaches_the_report_as_text_only(tmp_path):
    data = complete_export()
    data["answers"][0]["data"]["text"] = (
        "<script>alert('x')</script><style>p{}</style><p onclick=\"x()\">Vu &amp; "
        "<b>validé</b> {{ 7*7 }}</p><!-- caché --><iframe src=\"http://evil\">dedans</iframe>"
        "&lt;b&gt;tapé&lt;/b&gt;\x07")
    data["measures"][0]["title"] = "<b>Chiffrement</b> & {{ x }}"
    data["answers"][21]["data"]["list"][0] = "<b>Chiffrement</b> & {{ x }}"
    source = write(tmp_path / "hostile.json", data)
    result = run("build", source, "-o", tmp_path / "hostile.docx")
    assert result.exit_code == 0, result.output
    text = _report_text(tmp_path / "hostile.docx")
    assert "Vu & validé {{ 7*7 }}" in text
    assert "<b>tapé</b>" in text  # typed as text in the editor: shown as typed
    assert "<b>Chiffrement</b> & {{ x }}" in text  # a plain field: exactly as typed
    for gone in ("alert", "p{}", "caché", "dedans", "onclick", "evil", "\x07"):
        assert gone not in text


def test_double_encoded_utf8_is_decoded_with_a_warning(tmp_path):
    text = json.dumps(english_export() | {"pia": english_export()["pia"] | {
        "name": "Café fidélité"}}, ensure_ascii=False)
    source = tmp_path / "twice.json"
    source.write_bytes(text.encode("utf-8").decode("latin-1").encode("utf-8"))
    assessment, warnings = load_export(source)
    assert assessment.info.title == "Café fidélité"
    assert any("encoded twice" in p.message for p in warnings)


# --- HTML and lawful basis ---------------------------------------------------------------


def test_html_to_text_keeps_lines_and_lists():
    assert html_to_text("Intro :<br />\n<ul>\n<li>un</li>\n<li><strong>deux</strong> "
                        "et <em>trois</em></li>\n</ul><div>fin</div>") == (
        "Intro :\n• un\n• deux et trois\nfin")
    assert html_to_text("<p>a</p><p></p><br><br><br><p>b&nbsp;c</p>") == "a\n\nb c"


@pytest.mark.parametrize("text", [
    "one line", "a\nb", "a\n\nb", "intro\n• x\n• y\nend", "5 < 6 & 7 > 3 <b>bold</b>",
    "Accès: été\n\n• « guillemets »",
])
def test_text_to_html_and_back_is_the_same_text(text):
    assert html_to_text(text_to_html(text)) == text


def test_french_lawful_basis_is_named_in_english_before_the_answer():
    # words the reader knows itself (templates/fr/workbook.toml) stay as written
    written = "Exécution d'un contrat et intérêt légitime."
    assert lawful_basis_text(written) == (written, written)
    # others (no accents here) get the English names of the bases first
    basis, interest = lawful_basis_text("Interets legitimes de l'entreprise.")
    assert basis == "Legitimate interests — Interets legitimes de l'entreprise."
    assert interest == "Interets legitimes de l'entreprise."
    assert lawful_basis_text(basis) == (basis, interest)  # again: unchanged
    assert lawful_basis_text("Consent (Art. 6(1)(a))") == ("Consent (Art. 6(1)(a))", "")


# --- export -----------------------------------------------------------------------------


def _exported(tmp_path, workbook) -> dict:
    target = tmp_path / "out.json"
    result = run("export", workbook, "--to", "cnil-pia", "-o", target, "--force")
    assert result.exit_code == 0, result.output
    return json.loads(target.read_text(encoding="utf-8"))


def test_export_has_what_the_cnil_import_reads(tmp_path):
    workbook = tmp_path / "example.xlsx"
    assert run("init", workbook, "--example", "--matrix", "cnil").exit_code == 0
    data = _exported(tmp_path, workbook)
    assert set(data) == {"pia", "answers", "measures", "evaluations", "comments"}
    assert data["pia"]["dbVersion"] and isinstance(data["pia"]["status"], int)
    assert data["pia"]["name"].startswith("Employee monitoring")
    for item in data["answers"]:
        assert isinstance(item["reference_to"], int)
        assert set(item["data"]) == {"text", "gauge", "list"}
        assert item["created_at"].endswith("Z")
    for item in data["evaluations"]:
        assert isinstance(item["reference_to"], str) and item["reference_to"][0] in "123"
        assert set(item["gauges"]) == {"x", "y"}
    refs = {item["reference_to"] for item in data["answers"]}
    assert {325, 326, 335, 336, 345, 346} & refs  # at least one risk rated
    for gauge in (a["data"]["gauge"] for a in data["answers"] if a["reference_to"] % 10 in
                  (5, 6) and a["reference_to"] > 300):
        assert 1 <= gauge <= 4
    assert all(m["title"] and isinstance(m["id"], int) for m in data["measures"])


def test_export_refuses_a_matrix_it_cannot_map(tmp_path):
    workbook = tmp_path / "ico.xlsx"
    run("init", workbook, "--example")
    result = run("export", workbook, "--to", "cnil-pia", "-o", tmp_path / "ico.json")
    assert result.exit_code == 1
    assert "CNIL" in result.stderr and "4" in result.stderr
    assert not (tmp_path / "ico.json").exists()


def test_import_of_export_keeps_every_field_both_formats_hold(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    first, _ = load_export(source)
    again = tmp_path / "again.json"
    assert run("export", source, "--to", "cnil-pia", "-o", again).exit_code == 0
    second, _ = load_export(again)
    before, after = _plain(asdict(first)), _plain(asdict(second))
    for measure in before["measures"] + after["measures"]:
        measure.pop("type")  # the CNIL holds a knowledge-base link, not a type
    assert after == before


def test_a_native_assessment_keeps_its_shared_fields_through_the_cnil_format(tmp_path):
    workbook = tmp_path / "example.xlsx"
    run("init", workbook, "--example", "--matrix", "cnil")
    from dpia.loading import load_scored
    original = load_scored(workbook)[0].assessment
    _exported(tmp_path, workbook)
    back = load_export(tmp_path / "out.json")[0]
    for key in ("title", "author", "dpo", "dpo_advice", "consultation", "nature", "scope",
                "context", "necessity", "information", "rights", "date", "status"):
        assert getattr(back.info, key) == getattr(original.info, key), key
    kept = {m.measure: m for m in back.measures}
    for measure in original.measures:
        assert kept[measure.measure].description == measure.description
        assert kept[measure.measure].status == (
            "planned" if measure.status == "in_progress" else measure.status)
    # the most severe risk of each CNIL group gives the group its rating
    from dpia.scoring import score
    worst = max(score(original).risks, key=lambda r: (r.inherent.level, r.inherent.score))
    rated = {(r.likelihood, r.impact) for r in back.risks}
    assert (worst.risk.likelihood, worst.risk.impact) in rated
    assert max(r.inherent.level for r in score(back).risks) == worst.inherent.level


def test_export_does_not_overwrite_and_needs_a_json_name(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    target = tmp_path / "out.json"
    target.write_text("mine")
    assert run("export", source, "--to", "cnil-pia", "-o", target).exit_code == 1
    assert target.read_text() == "mine"
    wrong = run("export", source, "--to", "cnil-pia", "-o", tmp_path / "out.xlsx")
    assert wrong.exit_code == 1 and "must end in .json" in wrong.stderr


def test_unknown_question_and_duplicate_answer_are_warnings(tmp_path):
    data = complete_export()
    data["answers"].append(answer(999, "Question maison"))
    data["answers"].append(answer(211, "Doublon"))
    data["evaluations"].append(evaluation("9.9", 3))
    source = write(tmp_path / "odd.json", data)
    assessment, warnings = load_export(source)
    messages = [str(p) for p in warnings]
    assert any("answers[36]: warning: question 999 is not a question" in m for m in messages)
    assert any("answers[37]: warning: a second answer to question 211" in m for m in messages)
    assert assessment.processing[0].purpose == "Assurer la sécurité des biens et des personnes."
    assert copy.deepcopy(data) == data


# --- languages: the bridge's words are data (templates/<lang>/cnil.toml) -------------------


def test_a_german_import_writes_german_sheets_that_validate(tmp_path):
    source = write(tmp_path / "pia.json", complete_export())
    result = run("import", source, "-o", tmp_path / "de.xlsx", "--lang", "de",
                 "--organisation", "Beispiel GmbH")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "de.xlsx")
    assert {"Risiken", "Maßnahmen", "CNIL-Import"} <= set(book.sheetnames)
    risks = [row[2] for row in book["Risiken"].iter_rows(min_row=2, values_only=True)]
    assert risks == ["Unrechtmäßiger Zugriff auf Daten", "Unerwünschte Änderung von Daten",
                     "Verschwinden von Daten"]
    measures = [row[1] for row in book["Maßnahmen"].iter_rows(min_row=2, values_only=True)]
    assert "Aktionsplan (3.2): Unrechtmäßiger Zugriff auf Daten" in measures
    trace = list(book["CNIL-Import"].iter_rows(values_only=True))
    assert trace[0][:5] == ("Tabellenblatt", "Zelle", "Feld", "Aus (JSON-Pfad)", "CNIL-Frage")
    assert any(row[4] == "325 Unrechtmäßiger Zugriff auf Daten: Schwere" for row in trace)
    validated = run("validate", tmp_path / "de.xlsx")
    assert validated.exit_code == 0, validated.output
    assert "valid" in validated.stdout


@pytest.mark.parametrize("code", languages.codes())
def test_a_workbook_imported_in_any_language_exports_the_same_pia(tmp_path, code):
    """The headings of the composite fields and the names of the risks and action plans are
    read back in every language: import in ``code``, export, import in English = import in
    English."""
    source = write(tmp_path / "pia.json", complete_export())
    assert run("import", source, "-o", tmp_path / "wb.xlsx", "--lang", code).exit_code == 0
    again = tmp_path / "again.json"
    exported = run("export", tmp_path / "wb.xlsx", "--to", "cnil-pia", "-o", again)
    assert exported.exit_code == 0, exported.output
    before, after = _plain(asdict(load_export(source)[0])), _plain(asdict(load_export(again)[0]))
    for measure in before["measures"] + after["measures"]:
        measure.pop("type")  # the CNIL holds a knowledge-base link, not a type
    # what only the workbook says in its language: placeholders the CNIL has no field for
    for processing in before["processing"] + after["processing"]:
        processing.pop("data_subjects"), processing.pop("personal_data")
    assert after == before


@pytest.mark.parametrize("code", [c for c in languages.codes() if c != languages.FALLBACK])
def test_every_shipped_language_names_every_part_english_names(code):
    def keys(value, path=()):
        if isinstance(value, dict):
            return {k for key, item in value.items() for k in keys(item, (*path, key))}
        return {path}

    english = keys(languages.optional_data(languages.FALLBACK, "cnil.toml"))
    assert english and keys(languages.optional_data(code, "cnil.toml")) == english


def test_a_language_without_cnil_words_imports_with_the_english_ones(tmp_path):
    folder = tmp_path / "languages" / "xx"
    folder.mkdir(parents=True)
    for name in languages.FILES:  # English's files, without the optional cnil.toml
        (folder / name).write_bytes(
            languages.folder(languages.FALLBACK).joinpath(name).read_bytes())
    source = write(tmp_path / "pia.json", complete_export())
    env = {**os.environ, languages.ENVIRONMENT_VARIABLE: str(tmp_path / "languages")}
    done = subprocess.run([sys.executable, "-m", "dpia", "import", str(source), "-o",
                           str(tmp_path / "xx.xlsx"), "--lang", "xx"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(tmp_path / "xx.xlsx")
    assert "CNIL import" in book.sheetnames
    risks = [row[2] for row in book["Risks"].iter_rows(min_row=2, values_only=True)]
    assert risks[0] == "Illegitimate access to data"
    assert book["Assessment"]["B13"].value == "xx"
