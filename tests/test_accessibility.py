"""The report for screen readers, pandoc and print: language on every style and run, human
alt text on every table (its kind hidden in a bookmark), header rows that repeat, every
coloured cell readable (WCAG AA, 4.5:1), heat maps that say each level in words, and sample
PDFs that are tagged, in their language, without near-empty pages."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from factories import rich_assessment, rich_scored, sample_assessment
from lxml import etree

from dpia import docxml
from dpia.cli import cli
from dpia.loading import load_scored
from dpia.matrix import _preset_data, preset
from dpia.report import render
from dpia.report.context import colour_name
from dpia.report.sections import table_keys
from dpia.report.text import labels
from dpia.scoring import score
from dpia.visible import contrast

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_NAMES = ("retail-loyalty", "gemeente-jeugdhulp", "clinic-telemonitoring")
W = docxml.W
WCAG_AA = 4.5


@cache
def sample_report(name: str) -> bytes:
    scored, _ = load_scored(SAMPLES / f"{name}.xlsx")
    lang = "nl" if name.startswith("gemeente") else "en"
    return render(scored, lang=lang)


def sample_reports() -> list[tuple[str, bytes]]:
    return [(name, sample_report(name)) for name in SAMPLE_NAMES]


def preset_reports() -> list[tuple[str, bytes]]:
    """The rich assessment scored on every preset matrix, in both languages."""
    found = []
    for key in _preset_data():
        for lang in ("en", "nl"):
            assessment = dataclasses.replace(rich_assessment(lang), matrix=preset(key, lang))
            found.append((f"{key}-{lang}", render(score(assessment), lang=lang)))
    return found


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_style_run_and_the_default_are_in_the_reports_language(name):
    data = sample_report(name)
    locale = "nl-NL" if name.startswith("gemeente") else "en-GB"
    styles = part(data, "word/styles.xml")
    default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    assert default is not None and default.get(w("val")) == locale
    marked = [lang.get(w("val")) for root in (styles, part(data, "word/document.xml"))
              for lang in root.iter(w("lang"))]
    assert marked and set(marked) == {locale}
    assert part(data, "word/settings.xml").find(w("autoHyphenation")) is not None


# --- alt text and header rows -----------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_table_has_alt_text_a_person_would_read(name):
    document = docx.Document(io.BytesIO(sample_report(name)))
    lang = "nl" if name.startswith("gemeente") else "en"
    titles = {entry["title"].partition("{")[0] for entry in labels(lang)["tables"].values()}
    assert len(document.tables) > 20
    for table in document.tables:
        props = table._tbl.tblPr
        title = props.find(qn("w:tblCaption")).get(qn("w:val"))
        description = props.find(qn("w:tblDescription")).get(qn("w:val"))
        # a title of the report's own words, and one sentence: no machine tag, no keys
        assert any(title.startswith(start) for start in titles), title
        assert "dpia:" not in title + description and "_" not in title + description
        assert description[0].isupper() and description.endswith("."), description
        assert len(description.split()) >= 6 and description.count(". ") == 0, description
        # the kind, for programs, is a bookmark no reader is shown
        kind = docxml.table_kind(table._tbl)
        assert kind is not None
        rows = table.rows
        width = len(rows) if kind == "processing" else len(rows[0].cells)
        assert len(table_keys(kind, width)) == width, kind


def test_processing_tables_are_named_after_their_operation():
    document = docx.Document(io.BytesIO(sample_report("gemeente-jeugdhulp")))
    processing = [t for t in document.tables if docxml.table_kind(t._tbl) == "processing"]
    titles = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in processing]
    assert titles[0].startswith("Verwerking V1: ")
    assert titles[0].removeprefix("Verwerking V1: ") == processing[0].rows[1].cells[1].text


def test_a_table_kind_survives_a_save_that_drops_the_alt_text(tmp_path):
    # LibreOffice drops tblCaption and tblDescription; the bookmark stays
    document = docx.Document(io.BytesIO(sample_report("retail-loyalty")))
    before = [docxml.table_kind(t._tbl) for t in document.tables]
    for table in document.tables:
        for tag in ("w:tblCaption", "w:tblDescription"):
            table._tbl.tblPr.remove(table._tbl.tblPr.find(qn(tag)))
    path = tmp_path / "saved.docx"
    document.save(path)
    after = [docxml.table_kind(t._tbl) for t in docx.Document(path).tables]
    assert after == before and "risk-register" in after and None not in after


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_table_repeats_its_header_row_and_never_splits_a_row(name):
    body = part(sample_report(name), "word/document.xml")
    tables = list(body.iter(w("tbl")))
    assert tables
    for tbl in tables:
        rows = tbl.findall(w("tr"))
        assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
        assert all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)
        assert all(row.find(f"{w('trPr')}/{w('tblHeader')}") is None for row in rows[1:])


# --- contrast ---------------------------------------------------------------------------------


def _shaded_text(data: bytes) -> list[tuple[str, str, str]]:
    """(fill, text colour, text) of every run on a shaded cell or with a shading of its own."""
    found = []
    for tc in part(data, "word/document.xml").iter(w("tc")):
        shd = tc.find(f"{w('tcPr')}/{w('shd')}")
        cell_fill = shd.get(w("fill")) if shd is not None else None
        for run in tc.iter(w("r")):
            text = "".join(t.text or "" for t in run.iter(w("t")))
            if not text.strip():
                continue
            run_shd = run.find(f"{w('rPr')}/{w('shd')}")
            fill = run_shd.get(w("fill")) if run_shd is not None else cell_fill
            if fill is None or fill == "auto":
                continue
            colour = run.find(f"{w('rPr')}/{w('color')}")
            found.append((fill, colour.get(w("val")) if colour is not None else "000000", text))
    for p in part(data, "word/document.xml").iter(w("p")):
        for run in p.iterchildren(w("r")):
            run_shd = run.find(f"{w('rPr')}/{w('shd')}")
            if run_shd is None:
                continue
            colour = run.find(f"{w('rPr')}/{w('color')}")
            found.append((run_shd.get(w("fill")),
                          colour.get(w("val")) if colour is not None else "000000",
                          "".join(t.text or "" for t in run.iter(w("t")))))
    return found


@pytest.mark.parametrize("name, data", sample_reports() + preset_reports(),
                         ids=lambda value: value if isinstance(value, str) else "")
def test_every_coloured_cell_and_key_has_aa_contrast(name, data):
    shaded = _shaded_text(data)
    fills = {fill for fill, _, _ in shaded}
    assert len(fills) >= 4  # the header grey, the level colours
    for fill, colour, text in shaded:
        assert contrast(fill, colour) >= WCAG_AA, (name, fill, colour, text)


def test_a_workbook_colour_of_middling_lightness_still_gets_readable_text():
    base = rich_assessment()
    matrix = base.matrix
    levels = tuple(dataclasses.replace(level, colour=colour) for level, colour in
                   zip(matrix.levels, ("777777", "808080", "3399FF"), strict=False))
    matrix = dataclasses.replace(matrix, levels=levels + matrix.levels[len(levels):])
    data = render(score(dataclasses.replace(base, matrix=matrix)), lang="en")
    shaded = _shaded_text(data)
    assert {"777777", "808080"} <= {fill for fill, _, _ in shaded}
    assert min(contrast(fill, colour) for fill, colour, _ in shaded) >= WCAG_AA


# --- heat maps --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_heat_map_cells_name_their_level_and_a_key_names_each_colour(lang):
    scored = rich_scored(lang)
    document = docx.Document(io.BytesIO(render(scored, lang=lang)))
    matrix = scored.matrix
    words = labels(lang)
    heat_maps = [t for t in document.tables
                 if docxml.table_kind(t._tbl) in ("heatmap-inherent", "heatmap-residual")]
    assert len(heat_maps) == 2
    for table in heat_maps:
        for row, likelihood in zip(table.rows[1:], (3, 2, 1), strict=True):
            for cell, impact in zip(row.cells[1:], (1, 2, 3), strict=True):
                # the level in words on the cell's last line, whether or not risks are there
                assert cell.text.split("\n")[-1] == matrix.level(likelihood, impact).name
        # the paragraph after the table (and its gap) is the key
        key = table._tbl.getnext().getnext()
        text = "".join(t.text for t in key.iter(qn("w:t")))
        assert text.startswith(words["legend"]["intro"])
        for level in matrix.levels:
            colour = words["colours"][colour_name(level.colour)]
            assert f"{level.name}\u00a0 ({colour})" in text, text


def test_colours_are_named_by_their_hue():
    assert [colour_name(c) for c in ("C00000", "FF0000", "FFC000", "92D050", "00B050",
                                     "FF6600", "808080")] == \
        ["dark_red", "red", "amber", "light_green", "green", "orange", "grey"]


# --- dates and numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("lang, shown", [("en", "1 December 2025"), ("nl", "1 december 2025")])
def test_a_processor_agreement_date_is_written_as_the_other_dates(lang, shown):
    base = sample_assessment()
    operation = dataclasses.replace(base.processing[0], processors=("MailCo",),
                                    processor_agreement="2025-12-01")
    data = render(score(dataclasses.replace(base, processing=(operation,))), lang=lang)
    document = docx.Document(io.BytesIO(data))
    listing = next(t for t in document.tables if docxml.table_kind(t._tbl) == "processors")
    assert listing.rows[1].cells[2].text == shown


def test_counts_of_thousands_are_grouped_in_narrative_and_tables():
    from dpia.report.text import narrative

    assert "5,000 risks" in narrative("en", "register_intro", count=5000)[0].text
    assert "5.000 risico's" in narrative("nl", "register_intro", count=5000)[0].text


# --- the PDF ----------------------------------------------------------------------------------

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils not installed")
MIN_BODY_LINES = 4  # a page with fewer than these, besides header and footer, is near-empty


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    made = {}
    for name in SAMPLE_NAMES:
        report = folder / f"{name}.docx"
        result = CliRunner().invoke(cli, ["build", str(SAMPLES / f"{name}.xlsx"),
                                          "-o", str(report), "--pdf"])
        assert result.exit_code == 0, result.output
        made[name] = report.with_suffix(".pdf")
    return made


@needs_pdf_tools
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_pdfs_are_tagged_in_their_language_with_no_near_empty_page(sample_pdfs, name):
    path = sample_pdfs[name]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    locale = b"nl-NL" if name.startswith("gemeente") else b"en-GB"
    assert b"/Lang(" + locale + b")" in path.read_bytes()
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True).stdout
    pages = text.split("\f")[:-1]
    contents = [page for page in pages if re.search(r"\.{5,}\s*\d+\s*$", page, re.M)]
    assert len(contents) == 1  # the contents, with page numbers, on one page
    for number, page in enumerate(pages[1:], start=2):  # the title page is short by design
        lines = [line for line in page.splitlines() if line.strip()][1:-1]
        assert len(lines) >= MIN_BODY_LINES, f"{name} page {number}: {lines}"
