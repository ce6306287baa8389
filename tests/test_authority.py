"""National Art. 35(4) DPIA lists: the lists as data, the Authority field, init --authority,
and Screening rows that name a list item deciding by its rule, cited by screen and the report."""

from __future__ import annotations

import configparser
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import minimal_sheets, write_workbook

from dpia import authorities
from dpia.cli import cli
from dpia.matrix import preset
from dpia.model import Assessment, AssessmentInfo, ProcessingOperation, ScreeningAnswer
from dpia.scoring import screening_outcome

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def screened(tmp_path: Path, rows: list[list], authority: str | None = None,
             name: str = "w.xlsx") -> Path:
    """The minimal workbook with these Screening rows (and an Authority field if given)."""
    sheets = minimal_sheets()
    if authority is not None:
        sheets["Assessment"].append(["Authority", authority])
    sheets["Screening"] = [["Criterion", "Applies", "Justification"], *rows]
    return write_workbook(tmp_path / name, sheets)


def report_text(path: Path) -> str:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


# --- the lists as data -----------------------------------------------------------------------


@pytest.mark.parametrize("key,count", [("ap", 17), ("ico", 10), ("cnil", 14)])
def test_each_list_loads_with_codes_wording_source_and_rule(key, count):
    authority = authorities.get(key)
    assert len(authority.items) == count
    assert [item.number for item in authority.items] == list(range(1, count + 1))
    assert authority.title and authority.citation and authority.url.startswith("https://")
    for item in authority.items:
        assert item.code == f"{authority.prefix} {item.number}"
        assert item.name.strip() and item.rule in authorities.RULES
        if authority.language != "en":
            assert item.name_en, f"{item.code} has no English rendering"


def test_the_published_wording_and_rules():
    ap, ico, cnil = (authorities.get(key) for key in ("ap", "ico", "cnil"))
    assert ap.item(9).name == "Cameratoezicht" and ap.item(17).name == "Biometrische gegevens"
    assert {item.rule for item in ap.items} == {"alone"}
    assert ap.date == "2019-11-27" and "64418" in ap.citation
    # the ICO requires a DPIA for these only when combined with another WP248 criterion
    assert [i.name for i in ico.items if i.rule == "with-another"] == [
        "Innovative technology", "Biometric data", "Genetic data", "Invisible processing",
        "Tracking"]
    assert cnil.item(14).name == "Traitements de données de localisation à large échelle"
    assert "identifier une personne physique de manière unique" in cnil.item(11).name


def test_a_malformed_list_is_refused_naming_the_file_and_item():
    with pytest.raises(ValueError, match=r"x.toml: item 2: rule must be one of"):
        authorities._parse({
            "key": "x", "prefix": "X", "language": "en", "name": "X", "name_en": "X",
            "publication": {"title": "T", "citation": "C", "url": "https://x"},
            "items": [{"number": 1, "name": "A", "rule": "alone"},
                      {"number": 2, "name": "B", "rule": "sometimes"}],
        }, "x.toml")


def test_an_item_is_cited_with_its_rendering_in_a_report_of_another_language():
    ap, ico = authorities.get("ap"), authorities.get("ico")
    camera = ap.list_item(ap.item(9))
    assert authorities.cited_name(camera, "en") == "AP 9 Cameratoezicht (Camera surveillance)"
    assert authorities.cited_name(camera, "nl") == "AP 9 Cameratoezicht"  # the list's own
    assert authorities.cited_name(camera, "de") == "AP 9 Cameratoezicht"  # no German one
    tracking = ico.list_item(next(i for i in ico.items if i.name == "Tracking"))
    assert authorities.cited_name(tracking, "nl") == f"{tracking.code} Tracking"


def test_a_rendering_in_any_language_of_the_list_data_is_cited(monkeypatch):
    """Renderings are data: a list with a German rendering (``name_de``) shows it in a German
    report, and the English one in an English report."""
    listed = authorities._parse({
        "key": "x", "prefix": "X", "language": "fr", "name": "X", "name_en": "X",
        "publication": {"title": "T", "citation": "C", "url": "https://x"},
        "items": [{"number": 1, "name": "Vidéo", "name_en": "Video", "name_de": "Videoüberwachung",
                   "rule": "alone"}],
    }, "x.toml")
    monkeypatch.setattr(authorities, "authorities", lambda: {"x": listed})
    item = listed.list_item(listed.item(1))
    assert authorities.cited_name(item, "de") == "X 1 Vidéo (Videoüberwachung)"
    assert authorities.cited_name(item, "en") == "X 1 Vidéo (Video)"
    assert authorities.cited_name(item, "fr") == "X 1 Vidéo"
    assert authorities.cited_name(item, "nl") == "X 1 Vidéo"


def test_the_lists_are_package_data():
    """A plain ``pip install .`` installs dpia/authorities/*.toml (setup.cfg package_data)."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    packages = config["options"]["packages"].split()
    patterns = config["options.package_data"]["dpia.authorities"].split(",")
    assert "dpia.authorities" in packages
    assert [p.strip() for p in patterns] == ["*.toml"]
    assert sorted(p.name for p in (ROOT / "dpia" / "authorities").glob("*.toml")) == [
        "ap.toml", "cnil.toml", "ico.toml"]


# --- the rule, as a pure function ------------------------------------------------------------


def outcome(*answers: tuple[str, bool], authority: str = ""):
    rows = []
    for criterion, applies in answers:
        found = authorities.match(criterion, authority)
        key = criterion if criterion in ("evaluation", "monitoring", "art35-3c") else None
        rows.append(ScreeningAnswer(criterion, key, applies,
                                    list_item=found.item if found else None))
    info = AssessmentInfo(title="T", organisation="O", authority=authority)
    processing = (ProcessingOperation("P1", "N", "Purpose", "consent", ("a",)),)
    return screening_outcome(Assessment(info, processing, (), preset("ico"),
                                        screening=tuple(rows)))


def test_an_alone_item_requires_a_dpia_by_itself():
    result = outcome(("AP 9 Cameratoezicht", True), authority="ap")
    assert result.required is True
    assert [a.list_item.code for a in result.listed] == ["AP 9"]
    assert outcome(("AP 9 Cameratoezicht", False), authority="ap").required is False


def test_a_with_another_item_needs_one_more_criterion():
    alone = outcome(("ICO 4 Biometric data", True))
    assert alone.required is False and alone.justify_single and not alone.listed
    combined = outcome(("ICO 4 Biometric data", True), ("evaluation", True))
    assert combined.required is True
    assert [a.list_item.code for a in combined.listed] == ["ICO 4"]


# --- the Authority field ---------------------------------------------------------------------


def test_authority_by_key_or_name(tmp_path):
    for value in ("ap", "Autoriteit Persoonsgegevens", "ICO", "Commission nationale de "
                  "l'informatique et des libertés"):
        path = screened(tmp_path, [], authority=value)
        result = run("validate", path)
        assert result.exit_code == 0, (value, result.output)


def test_an_unknown_authority_is_an_error_naming_the_cell(tmp_path):
    path = screened(tmp_path, [["AP 9 Cameratoezicht", "yes", "Cameras"]], authority="apx")
    result = run("validate", path)
    assert result.exit_code == 1
    assert ("w.xlsx:Assessment!B9: error: Authority: 'apx' is not a supervisory authority "
            "whose Art. 35(4) list dpia holds (ap, cnil, ico, or the authority's name) "
            "(did you mean 'ap'?)") in result.output
    build = run("build", path, "-o", tmp_path / "r.docx")
    assert build.exit_code == 1 and not (tmp_path / "r.docx").exists()


def test_a_code_of_another_list_counts_as_a_criterion_of_its_own(tmp_path):
    path = screened(tmp_path, [["ICO 3 Large-scale profiling", "yes", "Profiles"]],
                    authority="ap")
    result = run("validate", path)
    assert ("w.xlsx:Screening!A2: warning: ICO 3 Large-scale profiling: ICO 3 is an item of "
            "the ICO list, but the Authority is ap: it counts as a criterion of its own"
            ) in result.output
    assert run("screen", path).stdout.startswith("DPIA required: no")


def test_a_code_not_on_the_list_or_named_otherwise_is_a_warning(tmp_path):
    path = screened(tmp_path, [["AP 18 Drones", "yes", ""], ["AP 9 Profilering", "no", ""]])
    result = run("validate", path)
    assert "AP 18: the AP list has no item 18 (its items are AP 1 to AP 17)" in result.output
    assert ("AP 9 is 'Cameratoezicht' on the AP list, not 'Profilering'; check the code"
            in result.output)


# --- dpia init --authority -------------------------------------------------------------------


def test_init_authority_writes_the_list_items_with_drop_downs(tmp_path):
    path = tmp_path / "wb.xlsx"
    result = run("init", "--lang", "nl", "--authority", "ap", path)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    sheet = book["Voortoets"]
    criteria = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    listed = [c for c in criteria if c.startswith("AP ")]
    assert listed[0] == "AP 1 Heimelijk onderzoek" and listed[8] == "AP 9 Cameratoezicht"
    assert len(listed) == 17 and criteria.index(listed[0]) == 12  # after WP248 and Art. 35(3)
    last = 1 + len(criteria)
    applies = [dv for dv in sheet.data_validations.dataValidation
               if dv.formula1 == '"ja,nee"']
    assert applies and any(f"B{last}" in dv.sqref for dv in applies)
    note = sheet.cell(row=criteria.index("AP 9 Cameratoezicht") + 2, column=1).comment.text
    assert "openbaar toegankelijke ruimten" in note and "Staatscourant 2019, nr. 64418" in note
    fields = {row[0]: row[1] for row in book["Beoordeling"].iter_rows(values_only=True)}
    assert fields["Toezichthouder"] == "ap"
    unknown = run("init", "--authority", "edpb", tmp_path / "x.xlsx")
    assert unknown.exit_code == 2 and not (tmp_path / "x.xlsx").exists()


def test_init_authority_rows_answered_are_read_as_list_items(tmp_path):
    path = tmp_path / "wb.xlsx"
    assert run("init", "--authority", "ico", "--example", path).exit_code == 0
    book = openpyxl.load_workbook(path)
    sheet = book["Screening"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value and str(row[0].value).startswith("ICO "):
            row[1].value = "no"
        if row[0].value == "ICO 9 Targeting of children or other vulnerable individuals":
            row[1].value, row[2].value = "yes", "An app for pupils"
    book.save(path)
    result = run("screen", path)
    assert result.exit_code == 0, result.output
    assert ("  - ICO 9 Targeting of children or other vulnerable individuals (national list, "
            "Art. 35(4)): An app for pupils") in result.stdout


# --- screen and the report cite the item ----------------------------------------------------


def test_an_alone_item_answered_yes_requires_a_dpia_citing_it(tmp_path):
    path = screened(tmp_path, [["AP 9 Cameratoezicht", "yes", "Cameras on the square"]],
                    authority="ap")
    result = run("screen", path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "DPIA required: yes"
    assert ("  - AP 9 Cameratoezicht (national list, Art. 35(4)): Cameras on the square"
            in lines)
    assert ("Reason: on the list of processing for which the Autoriteit Persoonsgegevens "
            "requires a DPIA (Art. 35(4) GDPR): AP 9 Cameratoezicht (Camera surveillance)."
            in lines)
    assert any(line.startswith("Source (Autoriteit Persoonsgegevens): Besluit inzake lijst "
                               "van verwerkingen") and "Staatscourant 2019, nr. 64418, "
               "2019-11-27, https://zoek.officielebekendmakingen.nl/stcrt-2019-64418.html"
               in line for line in lines)
    document = json.loads(run("screen", "--format", "json", path).stdout)
    assert document["dpia_required"] is True and document["authority"] == "ap"
    [listed] = document["listed"]
    assert (listed["code"], listed["rule"], listed["name"]) == ("AP 9", "alone",
                                                                 "Cameratoezicht")

    report = tmp_path / "r.docx"
    built = run("build", path, "-o", report)
    assert built.exit_code == 0, built.output
    text = report_text(report)
    assert ("The processing is of a type on the list of the supervisory authority "
            "(Article 35(4) GDPR) for which a DPIA is always required, so a DPIA is "
            "required.") in text
    assert ("AP 9 Cameratoezicht (Camera surveillance), on the list of the Autoriteit "
            "Persoonsgegevens: Cameras on the square") in text
    assert "Source of the list of the Autoriteit Persoonsgegevens: Besluit inzake" in text
    assert run("verify", report, path).exit_code == 0


def test_a_with_another_item_alone_is_not_enough_but_with_another_criterion_is(tmp_path):
    single = screened(tmp_path, [["ICO 1 Innovative technology", "yes", "A new AI model"],
                                 ["Evaluation or scoring", "no", ""]], name="one.xlsx")
    assert run("screen", single).stdout.startswith("DPIA required: no")
    both = screened(tmp_path, [["ICO 1 Innovative technology", "yes", "A new AI model"],
                               ["Evaluation or scoring", "yes", "Scores applicants"]],
                    name="two.xlsx")
    result = run("screen", both)
    assert result.stdout.startswith("DPIA required: yes")
    assert ("Reason: on the list of the Information Commissioner's Office, requiring a DPIA "
            "together with at least one more criterion (2 criteria apply): ICO 1 Innovative "
            "technology.") in result.stdout
    report = tmp_path / "r.docx"
    assert run("build", both, "-o", report).exit_code == 0
    text = report_text(report)
    assert ("ICO 1 Innovative technology, on the list of the Information Commissioner's Office "
            "(a DPIA is required together with at least one more criterion): A new AI model"
            ) in text


def test_workbook_text_in_a_listed_row_stays_data(tmp_path):
    path = screened(tmp_path, [["AP 7 Gezondheidsgegevens", "yes", "{{ x }} <b> & co"]],
                    authority="ap")
    report = tmp_path / "r.docx"
    assert run("build", path, "-o", report).exit_code == 0
    assert "Gezondheidsgegevens (Health data), on the list of the Autoriteit " \
           "Persoonsgegevens: {{ x }} <b> & co" in report_text(report)


def test_the_dutch_sample_cites_ap_items():
    workbook = SAMPLES / "gemeente-jeugdhulp.xlsx"
    result = run("screen", workbook)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("DPIA verplicht: ja")
    assert ("  - AP 8 Samenwerkingsverbanden (nationale lijst, art. 35 lid 4): Wijkteam, "
            "Veilig Thuis") in result.stdout
    assert ("Reden: op de lijst van verwerkingen waarvoor de Autoriteit Persoonsgegevens een "
            "DPIA verplicht stelt (art. 35 lid 4 AVG): AP 8 Samenwerkingsverbanden."
            ) in result.stdout
    text = report_text(SAMPLES / "gemeente-jeugdhulp.docx")
    assert "AP 8 Samenwerkingsverbanden, op de lijst van de Autoriteit Persoonsgegevens" in text
    assert "Bron van de lijst van de Autoriteit Persoonsgegevens: Besluit inzake lijst" in text
