"""The Word report as a reader sees it: re-opened with python-docx, from model objects."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import RGBColor
from factories import (
    HOSTILE,
    HOSTILE_SHOWN,
    big_scored,
    rich_assessment,
    rich_scored,
    with_info,
)
from outcomes import png_pixel

from dpia import docxml
from dpia.cli import cli
from dpia.errors import TemplateError
from dpia.matrix import text_colour
from dpia.model import ScreeningAnswer
from dpia.report import render
from dpia.report.sections import table_keys
from dpia.report.text import labels
from dpia.scoring import score

MAIN_HEADINGS = (
    "summary", "screening", "description", "necessity", "consultation", "risk_assessment",
    "measures", "residual", "sign_off", "annex_a", "annex_b",
)


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def tables_by_kind(document) -> dict[str, list]:
    """Marked tables: kind -> [(keys, rows of cell texts, the w:tbl element)]."""
    found: dict[str, list] = {}
    for table in document.tables:
        kind = docxml.table_kind(table._tbl)
        if kind is None:
            continue
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        keys = list(table_keys(kind, len(rows[0])))
        found.setdefault(kind, []).append((keys, rows, table._tbl))
    return found


def one_table(document, kind: str) -> tuple[list[str], list[list[str]], object]:
    tables = tables_by_kind(document)[kind]
    assert len(tables) == 1
    return tables[0]


def body_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def english() -> bytes:
    return render(rich_scored("en"), lang="en")


@pytest.fixture(scope="module")
def dutch() -> bytes:
    return render(rich_scored("nl"), lang="nl")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_section_heading_in_order_in_the_report_language(lang, english, dutch):
    document = open_docx(english if lang == "en" else dutch)
    words = labels(lang)["headings"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    found = []
    for key in MAIN_HEADINGS:
        matches = [n for n, text in enumerate(headings) if text.endswith(words[key])]
        assert matches, f"{lang}: no heading {words[key]!r} in {headings}"
        found.append(matches[0])
    assert found == sorted(found)
    assert headings[0] == words["document_control"]
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Customer loyalty programme"


def test_dutch_report_uses_dutch_words_in_tables(dutch):
    document = open_docx(dutch)
    keys, rows, _ = one_table(document, "measures")
    assert rows[0][:4] == ["ID", "Maatregel", "Type", "Beschrijving"]
    status = {row[0]: row[4] for row in rows[1:]}
    assert status == {"M1": "geïmplementeerd", "M2": "gepland", "M3": "in uitvoering",
                      "M4": "gepland"}
    assert "niet ingevuld" in body_text(document)
    assert "25 mei 2026" in body_text(document)


def test_risk_register_lists_every_risk_with_its_level_and_shaded_level_cell(english):
    document = open_docx(english)
    scored = rich_scored()
    keys, rows, tbl = one_table(document, "risk-register")
    assert keys == ["id", "processing", "risk", "risk_source", "impact_on_individuals",
                    "likelihood", "impact", "score", "level"]
    body = {row[0]: row for row in rows[1:]}
    assert list(body) == ["R1", "R2", "R3", "R4", "R5"]
    assert body["R1"][5:] == ["Possible", "Severe", "6", "High"]
    assert body["R2"][5:] == ["Possible", "Significant", "4", "Medium"]
    assert body["R3"][5:] == ["Remote", "Minimal", "1", "Low"]
    assert body["R3"][1] == "P1, P2, P3"
    assert body["R3"][4] == "not provided"  # impact on individuals left empty
    level_of = {item.risk.id: scored.matrix.levels[item.inherent.level] for item in scored.risks}
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = list(tr.iterchildren(qn("w:tc")))
        risk_id = cells[0].xpath("string(.)")
        if risk_id not in level_of:
            continue
        fill = cells[-1].find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
        assert fill == level_of[risk_id].colour
        colour = cells[-1].find(f".//{qn('w:color')}").get(qn("w:val"))
        assert colour == text_colour(level_of[risk_id].colour)


def test_residual_table_compares_inherent_and_residual(english):
    keys, rows, _ = one_table(open_docx(english), "residual")
    assert keys[:4] == ["id", "risk", "score", "level"]
    body = {row[0]: dict(zip(keys, row)) for row in rows[1:]}
    assert body["R4"]["level"] == "High" and body["R4"]["residual_level"] == "High"
    assert body["R1"]["residual_level"] == "Low" and body["R1"]["residual_score"] == "3"
    assert body["R4"]["measures"] == "M3, M4"


def test_residual_risk_section_shows_who_owns_each_risk_and_its_treatment(english, dutch):
    document = open_docx(english)
    keys, rows, _ = one_table(document, "treatment")
    assert keys == ["id", "risk", "residual_level", "treatment", "owner"]
    assert rows[0] == ["ID", "Risk", "Residual level", "Treatment", "Owner"]
    body = {row[0]: row[2:] for row in rows[1:]}
    assert body["R1"] == ["Low", "reduce", "IT"]
    assert body["R2"] == ["Low", "reduce", "Marketing"]
    assert body["R3"] == ["Low", "not provided", "not provided"]
    assert body["R4"] == ["High", "reduce", "not provided"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings.index("Treatment and owner of each risk") == \
        headings.index("Inherent and residual risk") + 1
    _, rows, _ = one_table(open_docx(dutch), "treatment")
    assert rows[0][-2:] == ["Behandeling", "Eigenaar"]
    assert {row[0]: row[-2:] for row in rows[1:]}["R1"] == ["verminderen", "IT"]


def test_heat_maps_place_risk_ids_in_their_cells(english):
    document = open_docx(english)
    _, rows, _ = one_table(document, "heatmap-inherent")
    matrix = rich_scored().matrix

    def ids(cell: str) -> str:  # each cell: the risk IDs, then its level on a line of its own
        return cell.rpartition("\n")[0]

    assert rows[0][1:] == ["Minimal", "Significant", "Severe"]
    assert [row[0] for row in rows[1:]] == ["Probable", "Possible", "Remote"]
    assert [ids(cell) for cell in rows[1][2:]] == ["R5", "R4"]  # Probable: Significant, Severe
    assert [ids(cell) for cell in rows[2][2:]] == ["R2", "R1"]
    assert ids(rows[3][1]) == "R3"
    assert [[cell.rpartition("\n")[2] for cell in row[1:]] for row in rows[1:]] == [
        [matrix.level(likelihood, impact).name for impact in (1, 2, 3)]
        for likelihood in (3, 2, 1)]
    _, _, tbl = one_table(document, "heatmap-inherent")
    fills = [
        [tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
         for tc in list(tr.iterchildren(qn("w:tc")))[1:]]
        for tr in list(tbl.iterchildren(qn("w:tr")))[1:]
    ]
    expected = [
        [matrix.level(likelihood, impact).colour for impact in (1, 2, 3)]
        for likelihood in (3, 2, 1)
    ]
    assert fills == expected
    _, after, _ = one_table(document, "heatmap-residual")
    assert ids(after[2][3]) == "R4"  # Possible x Severe after measures
    assert [ids(cell) for cell in after[3][1:]] == ["R3", "R2, R5", "R1"]


def test_measures_and_action_plan_by_due_date_undated_last(english):
    document = open_docx(english)
    keys, rows, _ = one_table(document, "measures")
    body = {row[0]: dict(zip(keys, row)) for row in rows[1:]}
    assert list(body) == ["M1", "M2", "M3", "M4"]
    assert body["M4"]["risks"] == "R4, R5"
    assert body["M2"]["due_date"] == "1 September 2026"
    assert body["M1"]["type"] == "technical" and body["M4"]["owner"] == "not provided"
    keys, rows, _ = one_table(document, "action-plan")
    assert [row[0] for row in rows[1:]] == ["M3", "M2", "M4"]
    assert rows[-1][keys.index("due_date")] == "no date"


def test_one_processing_table_per_operation_with_every_column(english):
    tables = tables_by_kind(open_docx(english))["processing"]
    assert [rows[0][1] for _, rows, _ in tables] == ["P1", "P2", "P3"]
    keys, rows, _ = tables[2]
    values = dict(zip(keys[1:], (row[1] for row in rows[1:])))
    assert len(keys) == 17
    assert values["special_categories"] == "Health"
    assert values["art9_condition"] == "Explicit consent (Art. 9(2)(a))"
    assert values["processors"] == "none"
    _, rows, _ = tables[0]
    values = dict((row[0], row[1]) for row in rows)
    assert values["Personal data"] == "Name\nE-mail\nPurchases"
    assert values["Legitimate interest"] == "not applicable"  # the basis is contract
    assert values["Art. 9 condition"] == "not applicable"
    assert values["Systems"] == "CRM"


def test_screening_lists_criteria_and_outcome(english):
    document = open_docx(english)
    _, rows, _ = one_table(document, "screening")
    assert [row[1] for row in rows[1:]] == ["yes", "yes", "no", "not answered"]
    text = body_text(document)
    assert "2 criteria apply. Where two or more criteria apply, a DPIA is required." in text
    assert "Sensitive data or data of a highly personal nature: Health data" in text


def test_sparse_assessment_says_not_provided_instead_of_leaving_sections_out():
    from dpia.model import Assessment, AssessmentInfo

    base = rich_assessment()
    sparse = Assessment(
        AssessmentInfo(title="Bare", organisation="Org"), base.processing[:1],
        (dataclasses.replace(base.risks[2], processing=("P1",)),), base.matrix,
    )
    document = open_docx(render(score(sparse), lang="en"))
    text = body_text(document)
    words = labels("en")["headings"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert all(any(h.endswith(words[key]) for h in headings) for key in MAIN_HEADINGS)
    assert text.count("not provided") >= 15
    assert "Measures: not provided." in text and "Screening: not provided." in text
    _, rows, _ = one_table(document, "sign-off")
    assert len(rows) == 7 and all(row[1:] == ["", "", ""] for row in rows[1:])
    assert "measures" not in tables_by_kind(document)
    _, rows, _ = one_table(document, "document-control")
    assert dict(rows)["Version"] == "not provided"


def test_exactly_one_criterion_says_the_decision_must_be_justified():
    base = rich_assessment()
    answers = (ScreeningAnswer("monitoring", "monitoring", True, "CCTV at the entrance"),)
    scored = score(dataclasses.replace(base, screening=answers))
    text = body_text(open_docx(render(scored, lang="en")))
    assert "the decision not to carry out a full DPIA must be justified" in text
    dutch = body_text(open_docx(render(scored, lang="nl")))
    assert "het besluit om geen volledige DPIA uit te voeren moet worden onderbouwd" in dutch


def test_no_screening_sheet_is_shown_as_not_provided():
    scored = score(dataclasses.replace(rich_assessment(), screening=None))
    document = open_docx(render(scored, lang="en"))
    assert "screening" not in tables_by_kind(document)
    assert "Screening: not provided." in body_text(document)


def test_empty_optional_fields_show_not_provided(english):
    document = open_docx(english)
    paragraphs = [p.text for p in document.paragraphs]
    # the last one: the table of contents lists the same headings first
    context_heading = len(paragraphs) - 1 - paragraphs[::-1].index("Context of the processing")
    assert paragraphs[context_heading + 1] == "not provided"
    breach = len(paragraphs) - 1 - paragraphs[::-1].index("Personal data breaches")
    assert paragraphs[breach + 1] == "not provided"


def test_summary_lists_the_planned_measures_by_due_date(english):
    text = body_text(open_docx(english))
    first = text.index("M3 Separate health data store (in progress, due 1 July 2026; owner: IT)")
    second = text.index("M2 Opt-out in every offer (planned, due 1 September 2026")
    third = text.index("M4 Transfer impact assessment (planned, no due date)")
    assert first < second < third
    assert "Version 1.2 · draft · 25 May 2026" in text


def test_prior_consultation_conclusion_when_a_high_residual_risk_remains(english):
    text = body_text(open_docx(english))
    assert "prior consultation, Article 36 GDPR" in text
    assert "R4 (High, score 6): Health data disclosed to insurers" in text


def test_no_prior_consultation_when_every_residual_risk_is_acceptable():
    base = rich_assessment()
    risks = tuple(dataclasses.replace(r, residual_likelihood=1) for r in base.risks)
    text = body_text(open_docx(render(score(dataclasses.replace(base, risks=risks)),
                                      lang="en")))
    assert "prior consultation of the supervisory authority (Article 36 GDPR) is not required" \
        in text
    assert "No risk remains at a level that is not acceptable." in text


def test_sign_off_has_every_ico_item_and_the_workbook_rows(english):
    keys, rows, _ = one_table(open_docx(english), "sign-off")
    assert keys == ["item", "name", "date", "notes"]
    items = [row[0] for row in rows[1:]]
    assert items[:6] == [
        "Measures approved by", "Residual risks approved by", "DPO advice provided",
        "DPO advice accepted or overruled by", "Consultation responses reviewed by",
        "This DPIA will be kept under review by",
    ]
    assert rows[1][1:3] == ["Head of Marketing", "1 June 2026"]
    assert rows[2][1:] == ["", "", ""]  # left blank to sign
    assert rows[-1][:2] == ["Board approval", "Board"]


def test_annex_a_flags_what_the_workbook_left_empty(english):
    _, rows, _ = one_table(open_docx(english), "annex-a")
    findings = {row[0][:15]: row[2] for row in rows[1:]}
    assert "Context of the processing" in findings["Art. 35(7)(a): "]
    assert "Personal data breaches" in findings["Art. 35(7)(b): "]
    assert "R3" in findings["Art. 35(7)(c): "]
    assert findings["Art. 35(7)(d): "].startswith("Not provided in the workbook: ")


def test_annex_b_gives_the_input_hash_and_rows(english):
    document = open_docx(english)
    _, rows, _ = one_table(document, "provenance")
    values = dict((row[0], row[1]) for row in rows[1:])
    assert values["File name"] == "loyalty.xlsx"
    assert values["SHA-256"] == "ab" * 32
    _, rows, _ = one_table(document, "sheets")
    assert ["Risks", "5"] in rows
    assert "dpia verify REPORT.docx loyalty.xlsx" in body_text(document)


def test_hostile_workbook_text_comes_out_literally():
    base = rich_assessment()
    risks = (dataclasses.replace(base.risks[0], risk=HOSTILE),) + base.risks[1:]
    assessment = with_info(dataclasses.replace(base, risks=risks), nature=HOSTILE,
                           conclusion=HOSTILE, title="A & B <Title>\x00",
                           author="Ann\x07 <b>")
    document = open_docx(render(score(assessment), lang="en"))
    text = body_text(document)
    assert HOSTILE_SHOWN in text
    assert f"Conclusion of the assessor: {HOSTILE_SHOWN}" in text
    assert "49" not in text.replace("1.2", "")
    assert "\x00" not in text and "\x1b" not in text
    _, rows, _ = one_table(document, "risk-register")
    assert rows[1][2] == HOSTILE_SHOWN
    header = document.sections[0].header.paragraphs[0].text
    assert header == "DRAFT | Confidential | A & B <Title>"
    assert document.core_properties.title == "A & B <Title>"
    assert document.core_properties.author == "Ann <b>"


def test_header_and_footer_with_page_fields(english):
    document = open_docx(english)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "DRAFT | Confidential | Customer loyalty programme"
    footer = section.footer.paragraphs[0]._p
    instructions = [node.text.strip() for node in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Version 1.2" in footer.xpath("string(.)")
    assert "Page" in footer.xpath("string(.)") and " of " in footer.xpath("string(.)")


def test_table_of_contents_field_lists_the_headings(english):
    document = open_docx(english)
    body = document.element.body
    instructions = [node.text for node in body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC") for text in instructions)
    assert "6 Risk assessment" in body_text(document)


def _section_of_each_table(document) -> list[tuple[object, int]]:
    """(w:tbl, index of its section) in body order."""
    found, section = [], 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            found.append((child, section))
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            section += 1
    return found


def test_wide_tables_are_landscape_and_every_table_fits_its_page(english):
    document = open_docx(english)
    sections = document.sections
    placed = _section_of_each_table(document)
    for tbl, index in placed:
        section = sections[index]
        width = sum(int(col.get(qn("w:w"))) for col in tbl.iter(qn("w:gridCol")))
        assert width <= docxml.text_width_twips(section)
        if docxml.table_kind(tbl) in ("risk-register", "residual", "measures"):
            assert section.orientation == WD_ORIENT.LANDSCAPE
            assert section.page_width > section.page_height
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert sections[-1].orientation == WD_ORIENT.PORTRAIT


def test_data_tables_repeat_their_header_row(english):
    for kind, tables in tables_by_kind(open_docx(english)).items():
        for _, _, tbl in tables:
            first = tbl.find(qn("w:tr"))
            assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, kind


def test_two_builds_are_byte_identical_and_dated_from_the_assessment(english):
    assert render(rich_scored("en"), lang="en") == english
    document = open_docx(english)
    assert document.core_properties.created.date().isoformat() == "2026-05-25"
    assert document.core_properties.title == "Customer loyalty programme"
    with zipfile.ZipFile(io.BytesIO(english)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_without_a_date_the_document_carries_none():
    scored = score(with_info(rich_assessment(), date=None))
    data = render(scored, lang="en")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "created" not in core and "modified" not in core
    assert render(scored, lang="en") == data


def _reference_copy(tmp_path: Path) -> Path:
    from dpia.report.document import default_reference

    path = tmp_path / "house.docx"
    path.write_bytes(default_reference())
    return path


def test_custom_reference_restyles_headings(tmp_path):
    reference = _reference_copy(tmp_path)
    house = docx.Document(str(reference))
    house.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    house.save(str(reference))
    document = open_docx(render(rich_scored(), lang="en", template=reference))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings and "1 Summary" in [p.text for p in headings]


def test_reference_with_capitalised_style_names_as_libreoffice_saves_them(tmp_path):
    reference = _reference_copy(tmp_path)
    house = docx.Document(str(reference))
    for style in house.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")).startswith("heading "):
            name.set(qn("w:val"), name.get(qn("w:val")).capitalize())
    house.save(str(reference))
    document = open_docx(render(rich_scored(), lang="en", template=reference))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "1 Summary" in headings


def test_reference_header_with_only_a_logo_gets_our_text_and_keeps_the_logo(tmp_path):
    reference = _reference_copy(tmp_path)
    (tmp_path / "logo.png").write_bytes(png_pixel())
    house = docx.Document(str(reference))
    section = house.sections[0]
    section.header.paragraphs[0].add_run().add_picture(str(tmp_path / "logo.png"))
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].add_run().add_picture(str(tmp_path / "logo.png"))
    section.first_page_footer.is_linked_to_previous = False  # defined, empty
    house.save(str(reference))
    document = open_docx(render(rich_scored(), lang="en", template=reference))
    section = document.sections[0]
    header = section.header.paragraphs[0]
    assert header.text == "DRAFT | Confidential | Customer loyalty programme"
    assert header._p.findall(f".//{qn('w:drawing')}")
    assert section.first_page_header.paragraphs[0].text == header.text
    footer = section.first_page_footer.paragraphs[0]._p
    assert [n.text.strip() for n in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]


def test_house_header_and_footer_with_text_are_kept_and_their_placeholders_filled(tmp_path):
    reference = _reference_copy(tmp_path)
    (tmp_path / "logo.png").write_bytes(png_pixel())
    house = docx.Document(str(reference))
    section = house.sections[0]
    header = section.header.paragraphs[0]
    header.add_run().add_picture(str(tmp_path / "logo.png"))
    bold = header.add_run("[Organisation] - [Titel]")
    bold.bold = True
    header.add_run(" (versie [Version], [Draft])")
    section.footer.paragraphs[0].text = "[Classification] · Page [Page] of [pages]"
    house.save(str(reference))
    scored = rich_scored()
    info = scored.assessment.info
    data = render(scored, lang="en", template=reference)
    document = open_docx(data)
    header = document.sections[0].header.paragraphs[0]
    assert header.text == (f"{info.organisation} - {info.title} (versie {info.version}, [Draft])")
    assert header._p.findall(f".//{qn('w:drawing')}")
    assert all(run.bold for run in header.runs if run.text)  # the first run's formatting
    footer = document.sections[0].footer.paragraphs[0]
    assert [n.text.strip() for n in footer._p.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith(f"{info.classification} · Page ")


def test_workbook_text_in_a_house_header_is_data(tmp_path):
    reference = _reference_copy(tmp_path)
    house = docx.Document(str(reference))
    house.sections[0].header.paragraphs[0].text = "[Title]"
    house.save(str(reference))
    title = "R&D {{ 7*7 }} <b>[Page]</b>\x07"
    scored = rich_scored()
    scored = dataclasses.replace(scored, assessment=dataclasses.replace(
        scored.assessment, info=dataclasses.replace(scored.assessment.info, title=title)))
    document = open_docx(render(scored, lang="en", template=reference))
    header = document.sections[0].header.paragraphs[0]
    assert header.text == "R&D {{ 7*7 }} <b>[Page]</b>"
    assert not list(header._p.iter(qn("w:instrText")))


def test_reference_missing_a_style_gets_ours_and_a_note(tmp_path):
    reference = _reference_copy(tmp_path)
    house = docx.Document(str(reference))
    caption = house.styles["Caption"]
    caption.element.getparent().remove(caption.element)
    house.save(str(reference))
    notes = []
    document = open_docx(render(rich_scored(), lang="en", template=reference, notes=notes))
    assert notes == ["the reference document has no style 'Caption'; dpia's own is used "
                     "(define it in your reference document to restyle it)"]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions and captions[0].startswith("Table 1: ")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_a_reference_document_made_in_libreoffice_is_accepted(tmp_path):
    # LibreOffice's new document defines only the styles it uses: no Title, headings,
    # table or list styles
    (tmp_path / "house.txt").write_text("Our house style\n")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path),
         str(tmp_path / "house.txt")], check=True, capture_output=True, timeout=120)
    workbook = Path(__file__).resolve().parent.parent / "samples" / "retail-loyalty.xlsx"
    target = tmp_path / "report.docx"
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(target),
                                      "--template", str(tmp_path / "house.docx")])
    assert result.exit_code == 0, result.output
    assert "note: the reference document has no styles 'Title', 'Heading 1'" in result.output
    document = docx.Document(str(target))
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet"} <= used
    bullets = [p for p in document.paragraphs if p.style is not None
               and p.style.name == "List Bullet"]
    num_id = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    assert any(n.numId == num_id for n in numbering.num_lst), "the bullets' list is defined"
    assert bullets


def test_reference_that_is_not_a_docx_is_refused(tmp_path):
    fake = tmp_path / "house.docx"
    fake.write_text("not a word document")
    with pytest.raises(TemplateError, match="house.docx"):
        render(rich_scored(), lang="en", template=fake)


def test_changes_since_a_previous_version():
    previous = rich_scored()
    base = rich_assessment()
    measures = tuple(dataclasses.replace(m, status="implemented") if m.id == "M2" else m
                     for m in base.measures)
    current = score(dataclasses.replace(base, risks=base.risks[:4], measures=measures))
    text = body_text(open_docx(render(current, lang="en", previous=previous)))
    assert "Changes since version 1.2" in text
    assert "Risks removed: R5." in text
    assert "Measure M2: status planned became implemented." in text


def test_dutch_and_english_labels_have_the_same_keys():
    def keys(table: dict, prefix: str = "") -> set[str]:
        found = set()
        for key, value in table.items():
            found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
        return found

    assert keys(labels("en")) == keys(labels("nl"))


def test_a_thousand_risks_fill_the_register():
    data = render(big_scored(1000), lang="en")
    document = open_docx(data)
    _, rows, _ = one_table(document, "risk-register")
    assert len(rows) == 1001
    assert rows[-1][0] == "R1000"


def test_shipped_reference_defines_every_style_the_report_uses():
    from dpia.report.document import REQUIRED_STYLES, default_reference

    names = {style.name for style in open_docx(default_reference()).styles}
    assert set(REQUIRED_STYLES) <= names


def test_reference_script_reproduces_the_shipped_reference(tmp_path):
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "tools" / "make_reference.py"
    if not script.exists():
        pytest.skip("not a source checkout")
    spec = importlib.util.spec_from_file_location("make_reference", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from dpia.report.document import default_reference

    assert module.make() == default_reference()
    shutil.rmtree(tmp_path)


def test_table_cells_of_plain_text_are_escaped_cleaned_and_split_into_lines():
    # plain one-line texts take a short path in table_xml; every other text the long one:
    # both must give what a reader sees as the text typed
    texts = ["plain", "", "A & B <c>", "two\nlines", "tab\there", "bell\x07 end", "\r\nx",
             "é 😀"]
    table = docxml.build_table(style_id="TableGrid", headers=["h"] * len(texts),
                               rows=[texts, texts], widths=[1] * len(texts),
                               total_width=9000)
    rows = table.findall(qn("w:tr"))
    for row in rows[1:]:
        cells = row.findall(qn("w:tc"))
        lines = [["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in c.findall(qn("w:p"))]
                 for c in cells]
        assert lines == [["plain"], [""], ["A & B <c>"], ["two", "lines"], ["tab here"],
                         ["bell end"], ["", "x"], ["é 😀"]]
        # every cell has the table's text size, and its width
        for cell in cells:
            assert cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}") is not None
            for run in cell.iter(qn("w:r")):
                assert run.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "18"


@pytest.mark.parametrize("text", ["Heading", " lead", "trail ", "a\nb", "a\tb\r\nc", "\n",
                                  "x\t", "  ", "é\u00a0"])
def test_headings_have_the_run_python_docx_would_write(text):
    # ReportDocument writes paragraph runs itself (python-docx's add_run was a tenth of the
    # build time); the XML must stay what python-docx writes
    from lxml import etree

    from dpia.docxml import add_plain_run

    ours, theirs = docx.Document(), docx.Document()
    add_plain_run(ours.add_paragraph()._p, text)
    theirs.add_paragraph().add_run(text)
    assert etree.tostring(ours.paragraphs[-1]._p) == etree.tostring(theirs.paragraphs[-1]._p)


def test_package_parts_are_what_python_docx_saves(english):
    # the report takes its parts from python-docx's package writer without zipping them;
    # they must be the bytes Document.save would write
    document = open_docx(english)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        expected = {name: saved.read(name) for name in saved.namelist()}
    assert docxml.package_parts(open_docx(english)) == expected
