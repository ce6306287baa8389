"""``dpia verify`` compares what a reader sees with the report its record renders.

Each edit is made the way someone with Word or a zip tool would, found by visible content
(the table by its header text, the row by its risk ID), never through dpia's own alt text;
the edit classes are those of the issue "verify tells the whole truth": values and colours
changed, rows and cells hidden, white or tiny text, forged rows inside content controls, a
forged copy of a table, tables deleted, conclusions rewritten, tracked changes. Each is
caught on the report as built and on the report after LibreOffice saved it.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import docx.table
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from outcomes import png_pixel

from dpia import provenance
from dpia.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "clinic-telemonitoring.xlsx"  # R6 stays Very high after measures
HAS_SOFFICE = shutil.which("soffice") is not None


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def resave_with_libreoffice(source: Path, folder: Path) -> Path:
    """``source`` opened and saved as .docx by LibreOffice, without edits."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(folder / "lo"), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return folder / "lo" / source.name


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    target = folder / "clinic.docx"
    result = run("build", SAMPLE, "-o", target)
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def libreoffice(built, tmp_path_factory) -> Path:
    if not HAS_SOFFICE:
        pytest.skip("LibreOffice not installed")
    return resave_with_libreoffice(built, tmp_path_factory.mktemp("libreoffice"))


@pytest.fixture(params=["built", "libreoffice"])
def report(request, tmp_path) -> Path:
    """A copy of the sample report, as built and as saved again by LibreOffice."""
    source = request.getfixturevalue(request.param)
    path = tmp_path / "report.docx"
    shutil.copyfile(source, path)
    return path


# --- finding what a reader sees ------------------------------------------------------------


def texts(cells) -> list[str]:
    return [cell.text for cell in cells]


def table_with(document, *headers: str):
    """The first table whose header row has all of ``headers``."""
    for table in document.tables:
        if all(h in texts(table.rows[0].cells) for h in headers):
            return table
    raise AssertionError(f"no table headed {headers}")


def row_of(table, row_id: str):
    for row in table.rows:
        if row.cells[0].text == row_id:
            return row
    raise AssertionError(f"no row {row_id}")


def column(table, header: str) -> int:
    return texts(table.rows[0].cells).index(header)


def paragraph_with(document, words: str):
    for paragraph in document.paragraphs:
        if words in paragraph.text:
            return paragraph
    raise AssertionError(f"no paragraph with {words!r}")


def set_text(cell_or_paragraph, text: str) -> None:
    """Type over the text, keeping the formatting of its first run (as Word does)."""
    paragraphs = getattr(cell_or_paragraph, "paragraphs", [cell_or_paragraph])
    first = paragraphs[0]
    first.runs[0].text = text
    for run_ in first.runs[1:]:
        run_._r.getparent().remove(run_._r)
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)


def run_property(run_element, tag: str, **attrs: str) -> None:
    rpr = run_element.get_or_add_rPr()
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    rpr.append(element)


def edit(path: Path, change) -> None:
    document = docx.Document(path)
    change(document)
    document.save(path)


def verify_lines(path: Path, *more: object) -> tuple[int, list[str]]:
    result = run("verify", path, *more)
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def assert_found(path: Path, *fragments: str) -> list[str]:
    """verify fails, and each fragment is in one of its lines; the lines."""
    code, lines = verify_lines(path)
    assert code == 1, "\n".join(lines)
    assert not any(line.startswith("verified") for line in lines)
    for fragment in fragments:
        assert any(fragment in line for line in lines), (fragment, "\n".join(lines))
    return lines


# --- the untouched report ------------------------------------------------------------------


def test_the_report_as_built_and_resaved_verifies_and_says_what_was_compared(report):
    code, lines = verify_lines(report)
    assert code == 0, "\n".join(lines)
    assert lines[0] == ("verified: HeartWatch: remote monitoring of heart failure patients, "
                        "version 0.9")
    compared = next(line for line in lines if line.startswith("  compared: "))
    assert re.fullmatch(r"  compared: 31 tables, \d+ paragraphs, \d+ headers?, \d+ footers?",
                        compared), compared


def test_a_report_resaved_by_python_docx_verifies(built, tmp_path):
    path = tmp_path / "resaved.docx"
    docx.Document(built).save(path)
    assert verify_lines(path)[0] == 0


# --- values, colours and visibility in tables ----------------------------------------------


def test_a_residual_level_changed_and_recoloured_is_named(report):
    def change(document):
        table = table_with(document, "Residual level", "Measures")
        cell = row_of(table, "R6").cells[column(table, "Residual level")]
        set_text(cell, "Medium")
        cell._tc.get_or_add_tcPr().find(qn("w:shd")).set(qn("w:fill"), "FFC000")

    edit(report, change)
    assert_found(report,
                 'Inherent and residual risk, row R6, column Residual level: the report says '
                 '"Medium", the record says "Very high"',
                 "row R6, column Residual level: shaded FFC000")


def test_a_level_cell_only_recoloured_is_named(report):
    def change(document):
        table = table_with(document, "Residual level", "Treatment")
        cell = row_of(table, "R6").cells[column(table, "Residual level")]
        cell._tc.get_or_add_tcPr().find(qn("w:shd")).set(qn("w:fill"), "92D050")

    edit(report, change)
    assert_found(report, "Treatment and owner of each risk, row R6, column Residual level: "
                         "shaded 92D050")


def test_a_hidden_register_row_is_named(report):
    def change(document):
        row = row_of(table_with(document, "Impact on individuals"), "R6")
        hidden = OxmlElement("w:hidden")
        row._tr.get_or_add_trPr().append(hidden)

    edit(report, change)
    assert_found(report, "Risk register, row R6: the row is hidden",
                 "Risk register, row R6: missing; the record has")


def test_a_heat_map_cell_hidden_with_vanish_is_named(report):
    def change(document):
        heat_map = [t for t in document.tables
                    if t.rows[0].cells[0].text == "Likelihood \\ impact"][1]
        cell = next(cell for row in heat_map.rows for cell in row.cells if "R6" in cell.text)
        for run_ in cell.paragraphs[0].runs:
            run_property(run_._r, "w:vanish")

    edit(report, change)
    assert_found(report, 'hidden text: "', "Heat map of inherent risks, row")


def test_white_on_white_and_tiny_text_are_named(report):
    def change(document):
        conclusion = paragraph_with(document, "The supervisory authority must be consulted")
        for run_ in conclusion.runs:
            run_property(run_._r, "w:color", val="FFFFFF")
        r6 = row_of(table_with(document, "Residual level", "Treatment"), "R6")
        for run_ in r6.cells[1].paragraphs[0].runs:
            run_property(run_._r, "w:sz", val="2")

    edit(report, change)
    assert_found(report, "unreadable (colour FFFFFF on FFFFFF) text:",
                 'section "Conclusion"', "unreadable (1 pt) text:")


def test_a_forged_row_in_a_content_control_beside_the_hidden_genuine_one_is_named(report):
    def change(document):
        table = table_with(document, "Impact on individuals")
        genuine = row_of(table, "R6")
        forged = copy.deepcopy(genuine._tr)
        genuine._tr.get_or_add_trPr().append(OxmlElement("w:hidden"))
        sdt = OxmlElement("w:sdt")
        content = OxmlElement("w:sdtContent")
        sdt.append(content)
        content.append(forged)
        genuine._tr.addnext(sdt)
        level = forged.findall(qn("w:tc"))[column(table, "Level")]
        level.findall(f".//{qn('w:t')}")[0].text = "Medium"

    edit(report, change)
    assert_found(report, "Risk register, row R6: the row is hidden",
                 'Risk register, row R6, column Level: the report says "Medium", the record '
                 'says "Very high"')


def test_a_forged_copy_of_a_table_with_the_genuine_one_hidden_is_named(report):
    def change(document):
        genuine = table_with(document, "Residual level", "Measures")
        forged = copy.deepcopy(genuine._tbl)
        for t in genuine._tbl.iter(qn("w:r")):
            rpr = t.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                t.insert(0, rpr)
            rpr.append(OxmlElement("w:vanish"))
        genuine._tbl.addnext(forged)
        copy_ = docx.table.Table(forged, genuine._parent)
        set_text(row_of(copy_, "R6").cells[column(copy_, "Residual level")], "Low")

    edit(report, change)
    assert_found(report, "hidden text:", 'the report says "Low", the record says "Very high"')


def test_an_alt_text_changed_to_another_kind_does_not_exempt_a_table(report):
    def change(document):
        table = table_with(document, "Residual level", "Measures")
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        if caption is not None:
            caption.set(qn("w:val"), "dpia:sheets")
        set_text(row_of(table, "R6").cells[column(table, "Residual level")], "Low")

    edit(report, change)
    assert_found(report, 'row R6, column Residual level: the report says "Low"')


@pytest.mark.parametrize("headers", [
    ("Residual level", "Measures"),  # residual table
    ("Residual level", "Treatment"),  # treatment
    ("Level", "Inherent", "Residual"),  # summary
    ("Measure", "Description"),  # measures
    ("Measure", "Due date", "Risks"),  # action plan
    ("ID", "P3"),  # a processing operation
    ("Level", "Acceptable"),  # risk levels and their acceptability
    ("Item", "Name", "Date", "Notes"),  # sign-off
    ("ID", "Transfers", "Transfer safeguard"),  # transfers
])
def test_a_deleted_table_is_named(report, headers):
    def change(document):
        table = table_with(document, *headers)
        table._tbl.getparent().remove(table._tbl)

    edit(report, change)
    assert_found(report, "missing: a table of")


def test_the_heat_maps_and_the_matrix_deleted_are_named(report):
    def change(document):
        for table in [t for t in document.tables
                      if t.rows[0].cells[0].text == "Likelihood \\ impact"]:
            table._tbl.getparent().remove(table._tbl)

    edit(report, change)
    lines = assert_found(report, 'missing: a table of 5 rows headed "Likelihood \\ impact')
    assert sum("missing: a table of 5 rows" in line for line in lines) == 3


# --- sentences, lists, title page, headers and footers ---------------------------------------


@pytest.mark.parametrize(("words", "forged", "section"), [
    ("The supervisory authority must be consulted",
     "No residual risk remains at a level that is not acceptable.", "Conclusion"),
    ("A DPIA is required for this processing", "A DPIA is not required.", "Conclusion"),
    ("After the measures, 1 residual risk remains",
     "After the measures, no residual risk remains.", "Prior consultation (Article 36 GDPR)"),
    ("6 criteria apply", "1 criterion applies.", "Outcome"),
])
def test_a_rewritten_conclusion_is_named_with_both_texts(report, words, forged, section):
    original = []

    def change(document):
        paragraph = paragraph_with(document, words)
        original.append(" ".join(paragraph.text.split()))
        set_text(paragraph, forged)

    edit(report, change)
    lines = assert_found(report, f'section "{section}"', f'the report says "{forged}"')
    assert any(f'the report says "{forged}", the record says "{original[0][:60]}' in line
               for line in lines), lines


def test_a_highest_residual_risk_line_changed_is_named(report):
    def change(document):
        line = paragraph_with(document, "R6 (Very high, score 12)")
        run_ = next(r for r in line.runs if "Very high" in r.text)
        run_.text = run_.text.replace("Very high", "Medium")

    edit(report, change)
    assert_found(report, 'section "Highest residual risks"', 'the report says "R6 (Medium')


def test_title_page_document_control_header_and_footer_edits_are_named(report):
    def change(document):
        title = next(p for p in document.paragraphs if p.style.name == "Title")
        set_text(title, "Some other assessment")
        control = table_with(document, "Field", "Value")
        set_text(row_of(control, "Status").cells[1], "approved")
        for section in document.sections:
            for paragraph in section.header.paragraphs:
                if paragraph.runs:
                    set_text(paragraph, "Public")
            for paragraph in section.footer.paragraphs:
                if paragraph.runs:
                    paragraph.runs[0].text = "Version 2.0    "

    edit(report, change)
    assert_found(report, 'section "title page"', 'the report says "Some other assessment"',
                 'row Status, column Value: the report says "approved"',
                 'header (', 'the report says "Public"', 'footer (',
                 'the report says "Version 2.0')


def test_a_paragraph_added_and_sections_reordered_are_named(report):
    def change(document):
        anchor = paragraph_with(document, "The supervisory authority must be consulted")
        added = copy.deepcopy(anchor._p)
        anchor._p.addnext(added)
        for t in added.iter(qn("w:t")):
            t.text = ""
        added.find(f".//{qn('w:t')}").text = "All risks were accepted by the board."

    edit(report, change)
    assert_found(report, "not in the record's report: paragraph "
                         '"All risks were accepted by the board."')


def test_a_tracked_change_not_accepted_is_named(report):
    def change(document):
        paragraph = paragraph_with(document, "The supervisory authority must be consulted")
        ins = OxmlElement("w:ins")
        for key, value in (("id", "1"), ("author", "x"), ("date", "2026-01-01T00:00:00Z")):
            ins.set(qn(f"w:{key}"), value)
        new_run = copy.deepcopy(paragraph.runs[0]._r)
        for t in new_run.iter(qn("w:t")):
            t.text = " (not really)"
        ins.append(new_run)
        paragraph._p.append(ins)

    edit(report, change)
    assert_found(report, 'a tracked change (inserted) not accepted: "(not really)"')


# --- the record -----------------------------------------------------------------------------


def rewrite_record(path: Path, change, *, add: bool = False) -> None:
    """Edit the embedded JSON with a zip tool; ``add``: as a second record beside it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = next(n for n in parts if n.startswith("customXml/")
                and b"urn:x-dpia:provenance" in parts[n] and "Props" not in n
                and "props" not in n)
    xml = parts[name].decode()
    match = re.search(r"(<(?:\w+:)?provenance[^>]*>)(.*)(</(?:\w+:)?provenance>)", xml, re.S)
    record = json.loads(match.group(2).replace("&quot;", '"').replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"))
    change(record)
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    new = (xml[: match.start(2)] + text + xml[match.end(2):]).encode()
    parts["customXml/zz-second.xml" if add else name] = new
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def test_a_record_edited_and_rehashed_is_suspect_not_the_body(report):
    def forge(record):
        risk = next(r for r in record["assessment"]["risks"] if r["id"] == "R6")
        risk["residual"]["level"] = 1
        risk["residual"]["level_name"] = "Medium"
        record["assessment_sha256"] = provenance.assessment_hash(record["assessment"])

    rewrite_record(report, forge)
    lines = assert_found(report, "the record is suspect",
                         "record: R6: residual level Medium does not follow from the matrix")
    assert lines[0].endswith("the record is suspect: HeartWatch: remote monitoring of heart "
                             "failure patients, version 0.9")


def test_two_records_are_named_never_one_picked_silently(report):
    def forge(record):
        record["assessment"]["info"]["title"] = "Another title"
        record["assessment_sha256"] = provenance.assessment_hash(record["assessment"])

    rewrite_record(report, forge, add=True)
    assert_found(report, "the record is suspect", "the report holds 2 dpia records")


def test_render_inputs_edited_without_their_hash_make_the_record_suspect(built, tmp_path):
    path = tmp_path / "r.docx"
    shutil.copyfile(built, path)

    def forge(record):
        record["render"]["lang"] = "nl"

    rewrite_record(path, forge)
    assert_found(path, "record: the record's render inputs", "do not match their SHA-256")


def test_an_old_format_record_says_what_it_could_not_know(built, tmp_path):
    path = tmp_path / "old.docx"
    shutil.copyfile(built, path)

    def old(record):
        record["format"] = 1
        del record["render"], record["render_sha256"]

    rewrite_record(path, old)
    code, lines = verify_lines(path)
    assert code == 0, lines
    assert ("  note: the record (format 1) does not say the report's language: rendered in "
            "'en', the language its properties name") in lines


def test_a_report_of_another_dpia_version_is_not_claimed_verified(built, tmp_path):
    path = tmp_path / "other.docx"
    shutil.copyfile(built, path)

    def other(record):
        record["dpia_version"] = "0.0.1"

    rewrite_record(path, other)
    edit(path, lambda document: set_text(
        paragraph_with(document, "A DPIA is required for this processing"), "Changed."))
    code, lines = verify_lines(path)
    assert code == 1
    assert any("not compared: the body: the report was built by dpia 0.0.1" in line
               and "verify it with dpia 0.0.1" in line for line in lines), lines


# --- with the workbook -------------------------------------------------------------------


def test_a_forged_report_stating_the_genuine_workbook_hash_is_not_current(tmp_path):
    """The issue's forgery: a report rebuilt from a forged workbook, with only the record's
    outer input hash set to the genuine workbook's."""
    import openpyxl

    genuine = tmp_path / "clinic.xlsx"
    shutil.copyfile(SAMPLE, genuine)
    forged_workbook = tmp_path / "forged" / "clinic.xlsx"
    forged_workbook.parent.mkdir()
    book = openpyxl.load_workbook(genuine)
    sheet = book["Risks"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "R6":
            row[headers.index("Residual likelihood")].value = "Unlikely"
            row[headers.index("Residual impact")].value = "Minor"
    book.save(forged_workbook)
    report = tmp_path / "forged.docx"
    assert run("build", forged_workbook, "-o", report).exit_code == 0
    genuine_hash = provenance.hashlib.sha256(genuine.read_bytes()).hexdigest()

    def state_genuine_hash(record):
        record["input"]["sha256"] = genuine_hash

    rewrite_record(report, state_genuine_hash)
    code, lines = verify_lines(report, genuine)
    assert code == 1
    text = "\n".join(lines)
    assert "verified" not in text.split("\n")[0]
    assert "current:" not in text
    assert "the record is suspect" in text
    assert f"record: the record states input SHA-256 {genuine_hash}" in text
    assert "report out of date" in text
    assert "R6" in text  # what differs from the genuine workbook


def test_a_content_identical_workbook_saved_again_is_current(tmp_path):
    import openpyxl

    workbook = tmp_path / "clinic.xlsx"
    shutil.copyfile(SAMPLE, workbook)
    report = tmp_path / "clinic.docx"
    assert run("build", workbook, "-o", report).exit_code == 0
    book = openpyxl.load_workbook(workbook)
    book.properties.creator = "Someone else"
    book.save(workbook)
    code, lines = verify_lines(report, workbook)
    assert code == 0, lines
    assert any(line.startswith("verified: ") for line in lines), lines  # after the warnings
    assert any(line.startswith(f"  current: {workbook} has the same content as the workbook "
                               "the report was built from; the file differs") for line in lines)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice not installed")
def test_edits_saved_again_by_libreoffice_are_still_named(built, tmp_path):
    """Edited in Word, then opened and saved by LibreOffice (which drops the tables' alt
    text): the edits are still named, by table caption, row ID and column. (A row hidden in
    Word is shown again by LibreOffice, which has no hidden rows: no longer an edit.)"""
    path = tmp_path / "edited.docx"
    shutil.copyfile(built, path)

    def change(document):
        table = table_with(document, "Residual level", "Measures")
        set_text(row_of(table, "R6").cells[column(table, "Residual level")], "Medium")
        register = table_with(document, "Impact on individuals")
        cell = row_of(register, "R6").cells[column(register, "Level")]
        cell._tc.get_or_add_tcPr().find(qn("w:shd")).set(qn("w:fill"), "92D050")
        set_text(paragraph_with(document, "A DPIA is required for this processing"),
                 "A DPIA is not required.")

    edit(path, change)
    resaved = resave_with_libreoffice(path, tmp_path)
    assert_found(resaved,
                 'Inherent and residual risk, row R6, column Residual level: the report says '
                 '"Medium", the record says "Very high"',
                 "Risk register, row R6, column Level: shaded 92D050",
                 'the report says "A DPIA is not required.", the record says "A DPIA is '
                 'required for this processing')


def test_a_report_built_with_a_template_previous_and_dutch_verifies(tmp_path, monkeypatch):
    """The record holds what else the report was made with; a reference document's own
    header and footer parts, left in the package but shown by no section, are not seen."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # no locale dpia speaks: the report's language
    report = tmp_path / "r.docx"
    assert run("build", SAMPLE, "-o", report, "--lang", "nl",
               "--template", ROOT / "samples" / "retail-loyalty.docx",
               "--previous", ROOT / "samples" / "retail-loyalty.xlsx").exit_code == 0
    code, lines = verify_lines(report)
    assert code == 0, lines
    record = provenance.extract(report)
    assert record["render"]["lang"] == "nl"
    assert record["render"]["template"]["name"] == "retail-loyalty.docx"
    assert record["render"]["previous"]["info"]["title"] == "Greenleaf Rewards loyalty programme"

    def change(document):
        for paragraph in document.sections[0].header.paragraphs:
            if paragraph.runs:
                set_text(paragraph, "Openbaar")

    edit(report, change)
    assert_found(report, 'het rapport zegt "Openbaar"')  # a Dutch report: Dutch findings


PIXEL = png_pixel()


def test_a_picture_in_the_body_is_not_compared_so_not_verified(built, tmp_path):
    path = tmp_path / "r.docx"
    shutil.copyfile(built, path)
    (tmp_path / "pixel.png").write_bytes(PIXEL)
    edit(path, lambda document: document.add_picture(str(tmp_path / "pixel.png")))
    code, lines = verify_lines(path)
    assert code == 1
    assert any("not verified: could not compare everything" in line for line in lines), lines
    assert any(line.endswith("not compared: body: a picture") for line in lines), lines
    assert not any(line.startswith("verified") for line in lines)


def test_a_logo_in_the_header_of_the_reference_document_is_named_not_failed(tmp_path):
    from dpia.report.document import default_reference

    reference = tmp_path / "reference.docx"
    reference.write_bytes(default_reference())
    (tmp_path / "logo.png").write_bytes(PIXEL)
    document = docx.Document(reference)
    document.sections[0].header.paragraphs[0].add_run().add_picture(str(tmp_path / "logo.png"))
    document.save(reference)
    report = tmp_path / "r.docx"
    result = run("build", SAMPLE, "-o", report, "--template", reference)
    assert result.exit_code == 0, result.output
    code, lines = verify_lines(report)
    assert code == 0, lines
    assert any(line.startswith("  note: header ") and "a picture of the reference document "
               "'reference.docx'" in line for line in lines), lines


@pytest.mark.parametrize("name", ["retail-loyalty", "clinic-telemonitoring",
                                  "gemeente-jeugdhulp"])
def test_the_committed_samples_verify_after_python_docx_and_libreoffice_saves(name, tmp_path,
                                                                             monkeypatch):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    sample = ROOT / "samples" / f"{name}.docx"
    workbook = ROOT / "samples" / f"{name}.xlsx"
    resaved = tmp_path / f"{name}.docx"
    docx.Document(sample).save(resaved)
    code, lines = verify_lines(resaved, workbook)
    assert code == 0, lines
    # a Dutch report's verification speaks Dutch (the report's language, the locale being C)
    current = "  actueel: " if name == "gemeente-jeugdhulp" else "  current: "
    assert any(line.startswith(current) for line in lines), lines
    if HAS_SOFFICE:
        code, lines = verify_lines(resave_with_libreoffice(sample, tmp_path), workbook)
        assert code == 0, lines


def test_a_house_template_header_of_its_own_is_recorded_and_checked(tmp_path):
    """A reference document whose header has text of its own keeps it (its placeholders
    filled): the record holds that text, so verify checks it, and an edit of it is named."""
    from dpia.report.document import default_reference

    reference = tmp_path / "house.docx"
    reference.write_bytes(default_reference())
    document = docx.Document(reference)
    document.sections[0].header.paragraphs[0].add_run("ACME Corp — [Title]")
    document.save(reference)
    report = tmp_path / "r.docx"
    assert run("build", SAMPLE, "-o", report, "--template", reference).exit_code == 0
    code, lines = verify_lines(report)
    assert code == 0, lines
    assert provenance.extract(report)["render"]["template"]["headers"] == [
        "ACME Corp — HeartWatch: remote monitoring of heart failure patients"]

    def change(document):
        document.sections[0].header.paragraphs[0].runs[0].text = "EVIL Corp — "

    edit(report, change)
    assert_found(report, 'the report says "EVIL Corp — HeartWatch', 'the record says "ACME Corp')
