"""Paragraphs the report writes as XML text are the XML lxml writes for the same elements,
and they land in the document where they were added (see docs/performance.md)."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import zlib

import docx
import pytest
from lxml import etree

from dpia import docxml
from dpia.report.cell import Cell
from dpia.report.document import ReportDocument
from dpia.report.text import Segment, labels

TEXTS = ["plain", "", "A & B <c> >", "two\nlines", "\n", "trailing\n", " lead", "trail ",
         "é 😀 \u00a0", "next\x85line", "]]>", "\u2028"]


def _as_elements(texts_and_options, style_id):
    """A w:p built as elements, the way the report built every paragraph before."""
    body = etree.Element(docxml._w("body"), nsmap={"w": docxml.W})
    paragraph = etree.SubElement(body, docxml._w("p"))
    if style_id is not None:
        docxml.set_paragraph_style(paragraph, style_id)
    for text, options in texts_and_options:
        docxml.add_text_run(paragraph, text, **options)
    return etree.tostring(body, encoding="UTF-8")


def _as_text(texts_and_options, style_id):
    runs = [docxml.run_xml(text, **options) for text, options in texts_and_options]
    xml = docxml.paragraph_xml(runs, style_id)
    return (f'<w:body xmlns:w="{docxml.W}">{xml}</w:body>').encode()


@pytest.mark.parametrize("style_id", [None, "ListBullet"])
@pytest.mark.parametrize("options", [{}, {"italic": True, "colour": "7F7F7F"},
                                     {"bold": True}])
def test_paragraph_written_as_text_is_what_lxml_writes(style_id, options):
    for text in TEXTS:
        runs = [(text, options)]
        assert _as_text(runs, style_id) == _as_elements(runs, style_id), text
    several = [(text, options) for text in TEXTS]
    assert _as_text(several, style_id) == _as_elements(several, style_id)


@pytest.mark.parametrize("style_id", [None, "Normal"])
def test_empty_paragraph_written_as_text_is_what_lxml_writes(style_id):
    assert _as_text([], style_id) == _as_elements([], style_id)


def test_text_paragraphs_tables_and_headings_keep_their_order():
    # paragraphs written as text share a placeholder until something else is added
    doc = ReportDocument(None, labels("en"))
    doc.heading("First", 1)
    doc.paragraphs([])
    doc.text_or_missing("one\ntwo & <three>")
    doc.table(["ID", "Risk"], [("R1", "x")], (1, 2), kind="risk-register")
    doc.missing()
    doc.heading("Second", 2)
    doc.bullets([[Segment("a "), Segment("{{ 7*7 }}", value=True)], "b"])
    doc.table(["ID"], [("R2",)], (1,), kind="risk-register")
    doc.table(["ID"], [("R3",)], (1,), kind="risk-register")
    doc.new_section(landscape=True)
    doc.text_or_missing("")
    data = doc.to_bytes(title="T", author="A", date=None, language="en")
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    seen = []
    for child in body.iterchildren(docxml._w("p"), docxml._w("tbl")):
        if child.tag == docxml._w("tbl"):
            seen.append("table " + docxml.cell_text(child.findall(f".//{docxml._w('tc')}")[-1]))
        else:
            seen.append("".join(t.text or "" for t in child.iter(docxml._w("t"))))
    not_provided = labels("en")["values"]["not_provided"]
    # after R3 only the section break's paragraph: no second empty one (a blank page when
    # the table fills its page)
    assert seen == ["First", "one", "two & <three>", "table x", "", not_provided, "Second",
                    "a {{ 7*7 }}", "b", "table R2", "", "table R3", "", not_provided]
    styles = [p.style.name for p in document.paragraphs if p.text in ("a {{ 7*7 }}", "b")]
    assert styles == ["List Bullet", "List Bullet"]


def test_every_placeholder_is_replaced():
    doc = ReportDocument(None, labels("en"))
    for number in range(3):
        doc.table(["ID"], [(f"R{number}",)], (1,), kind="risk-register")
        doc.missing()
    data = doc.to_bytes(title="T", author="A", date=None, language="en")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml")
    assert b"<?dpia" not in body
    tables = etree.fromstring(body).iter(docxml._w("tbl"))
    assert [docxml.cell_text(table.findall(f".//{docxml._w('tc')}")[-1]) for table in tables] \
        == ["R0", "R1", "R2"]


@pytest.mark.parametrize("text", TEXTS + ["a\tb\r\nc", "x\t", "  ", "\t lead", "Heading"])
def test_plain_run_written_as_text_is_what_add_plain_run_writes(text):
    # headings outside the table of contents are written as text: the run of add_plain_run
    # (itself python-docx's add_run, see test_report.py)
    body = etree.Element(docxml._w("body"), nsmap={"w": docxml.W})
    docxml.add_plain_run(etree.SubElement(body, docxml._w("p")), text)
    xml = docxml.paragraph_xml([docxml.plain_run_xml(text)])
    assert f'<w:body xmlns:w="{docxml.W}">{xml}</w:body>'.encode() \
        == etree.tostring(body, encoding="UTF-8")


def test_headings_outside_the_contents_keep_their_level_and_text():
    doc = ReportDocument(None, labels("en"))
    doc.toc()
    doc.heading("Section", 1)
    doc.heading("P1 Payroll & <HR>", 3)
    doc.heading("Sub", 2, new_page=True)
    doc.finish()
    document = docx.Document(io.BytesIO(doc.to_bytes(title="T", author="A", date=None,
                                                     language="en")))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "Section"), ("Heading 3", "P1 Payroll & <HR>"),
                        ("Heading 2", "Sub")]
    toc = [p.text for p in document.paragraphs if not p.style.name.startswith("Heading")]
    assert "Section" in toc and "Sub" in toc and "P1 Payroll & <HR>" not in toc


@pytest.mark.parametrize("batch", [1, 7, 1 << 20])
def test_body_deflated_in_batches_is_the_zip_entry(monkeypatch, batch):
    # the background deflate joins small pieces into batches: any cut gives the same stream
    doc = ReportDocument(None, labels("en"))
    for number in range(20):
        doc.table(["ID", "Risk"], [(f"R{number}", "x" * number)], (1, 2), kind="risk-register")
        doc.text_or_missing(f"after table {number}")
    plain = doc.to_bytes(title="T", author="A", date=None, language="en")
    monkeypatch.setattr(docxml.BackgroundDeflate, "BATCH", batch)
    used = []
    result = docxml.BackgroundDeflate.result
    monkeypatch.setattr(docxml.BackgroundDeflate, "result",
                        lambda self: used.append(self) or result(self))
    doc.start_deflating()
    assert doc.to_bytes(title="T", author="A", date=None, language="en") == plain
    assert used  # the stream made in the thread is the one stored


def _large_report(monkeypatch, deflate_early: bool) -> bytes:
    """A report whose body is over docxml.packaging.LARGE_BODY (lowered for the test)."""
    monkeypatch.setattr(docxml.packaging, "LARGE_BODY", 50_000)
    doc = ReportDocument(None, labels("en"))
    doc.table(["ID", "Risk"], [(f"R{n}", f"risk number {n}") for n in range(2000)], (1, 2),
              kind="risk-register")
    if deflate_early:
        doc.start_deflating()
    return doc.to_bytes(title="T", author="A", date=None, language="en")


def test_a_large_body_is_deflated_faster_the_same_way_in_both_paths(monkeypatch):
    # the level follows from the body alone: deflated in the background or when saved, the
    # same input gives the same bytes
    early = _large_report(monkeypatch, deflate_early=True)
    late = _large_report(monkeypatch, deflate_early=False)
    assert early == late
    archive = zipfile.ZipFile(io.BytesIO(early))
    assert archive.testzip() is None
    body = archive.read("word/document.xml")
    entry = archive.getinfo("word/document.xml")
    fast = zlib.compressobj(docxml.LARGE_BODY_LEVEL, zlib.DEFLATED, -15)
    assert entry.compress_size == len(fast.compress(body) + fast.flush())
    assert docxml.LARGE_BODY_LEVEL < 6


@pytest.mark.parametrize("change", ["paragraph", "table"])
def test_a_body_changed_after_deflating_started_is_saved_whole(change):
    # the stream made in the background is of the body as it was: a paragraph added to the
    # last piece of XML, or a new table, after it started must not leave a stale entry
    doc = ReportDocument(None, labels("en"))
    doc.table(["ID", "Risk"], [("R1", "first")], (1, 2), kind="risk-register")
    doc.text_or_missing("before")
    doc.start_deflating()
    if change == "paragraph":
        doc.text_or_missing("added later")
    else:
        doc.table(["ID", "Risk"], [("R2", "added later")], (1, 2), kind="risk-register")
    data = doc.to_bytes(title="T", author="A", date=None, language="en")
    import zipfile

    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None  # every CRC right
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "before" in texts and "added later" in texts


def test_table_in_utf8_blocks_is_the_table_text_encoded():
    # large tables are encoded block by block; the blocks must join to the same XML
    rows = [(f"R{n}", f"risk {n} é & <b>", Cell("High", fill="FF0000"), "two\nlines")
            for n in range(3000)]
    arguments = dict(style_id="TableGrid", headers=["ID", "Risk", "Level", "Notes"],
                     rows=rows, widths=(1, 4, 1, 2), total_width=9000, kind="risk-register",
                     title="Risks", description="Each risk & its level.")
    blocks = docxml.table_xml_utf8(**arguments)
    assert len(blocks) > 1
    assert all(block.decode("utf-8").endswith("</w:tr>") for block in blocks[:-1])
    # the blocks join to one well-formed table with every row and the text as typed
    table = etree.fromstring(
        b'<w:body xmlns:w="' + docxml.W.encode() + b'">' + b"".join(blocks) + b"</w:body>")[0]
    trs = table.findall(docxml._w("tr"))
    assert len(trs) == 3001
    assert [docxml.cell_text(tc) for tc in trs[1].findall(docxml._w("tc"))] == [
        "R0", "risk 0 é & <b>", "High", "two\nlines"]


def test_the_xml_layer_imports_nothing_of_the_report():
    # dpia.report imports its sections, which import dpia.docxml: the other way round would
    # be an import cycle, so the writer takes any cell with the attributes of StyledCell
    code = ("import sys, dpia.docxml; "
            "print(sorted(m for m in sys.modules if m.startswith('dpia.report')))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert shown.strip() == "[]"


def test_a_styled_cell_is_any_object_with_its_attributes():
    class Shaded:  # not dpia.report.cell.Cell: the writer reads the attributes only
        text, fill, colour, bold, italic, note = "High", "FF0000", "FFFFFF", True, False, "x"

    arguments = dict(style_id="TableGrid", headers=["ID", "Level"], widths=(1, 1),
                     total_width=2000)
    mine = docxml.table_xml(rows=[("R1", Shaded())], **arguments)
    report = docxml.table_xml(rows=[("R1", Cell("High", "FF0000", "FFFFFF", True, note="x"))],
                              **arguments)
    assert mine == report
    assert 'w:fill="FF0000"' in mine and docxml.shown_text(Shaded()) == "High\nx"
