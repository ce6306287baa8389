"""Short cuts taken for speed give exactly what the plain way gives (see docs/performance.md)."""

from __future__ import annotations

import io
import zipfile

import docx

from dpia.report.document import ReportDocument
from dpia.report.text import labels


def _document() -> ReportDocument:
    doc = ReportDocument(None, labels("en"))
    doc.heading("Risks", 1)
    doc.table(["ID", "Risk"], [(f"R{n}", f"Risk number {n} & more") for n in range(200)],
              (1, 4), kind="risk-register")
    return doc


def _save(doc: ReportDocument) -> bytes:
    return doc.to_bytes(title="T", author="A", date=None, language="en")


def test_body_deflated_in_the_background_is_stored_as_deflating_it_at_save():
    plain = _save(_document())
    doc = _document()
    doc.start_deflating()
    assert _save(doc) == plain


def test_body_changed_after_deflating_started_is_saved_as_changed():
    doc = _document()
    doc.start_deflating()
    doc.heading("Added afterwards", 2)
    data = _save(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # CRCs match what is stored
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Added afterwards" in texts
    assert len(docx.Document(io.BytesIO(data)).tables[0].rows) == 201


def test_common_cells_parse_as_openpyxl_parses_them():
    # the reader's short path for shared strings and plain numbers must give openpyxl's dict,
    # whatever form the cell reference takes
    import pytest
    from lxml import etree
    from openpyxl.worksheet._reader import WorkSheetParser

    from dpia.reader.openpyxl_cells import _common_cells_first

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cells = [
        '<c r="A1" t="s"><v>1</v></c>', '<c r="B1"><v>2.5</v></c>', '<c r="AB12"><v>7</v></c>',
        '<c r="ZZ9" s="1"><v>3</v></c>', '<c r="C1" s="2"><v>45000</v></c>',
        '<c r="$D$4"><v>4</v></c>', '<c r="e5" t="s"><v>0</v></c>', '<c r="A01"><v>1</v></c>',
        '<c r="XFD1048576"><v>1E3</v></c>', '<c r="B2" t="b"><v>1</v></c>',
        '<c r="B3" t="str"><v>text</v></c>', '<c><v>9</v></c>', '<c r="A0"><v>1</v></c>',
        '<c r="1A"><v>1</v></c>', '<c r="ABCD1"><v>1</v></c>',
    ]
    elements = [etree.fromstring(cell.replace("<c", f'<c xmlns="{ns}"', 1)) for cell in cells]

    def parser():
        made = WorkSheetParser(None, ["zero", "one"], date_formats={2})
        made.row_counter = 1
        return made

    fast, general = parser(), parser()
    fast_parse = _common_cells_first(fast)
    for element in elements:
        try:
            expected = general.parse_cell(element)
        except ValueError:  # openpyxl refuses the reference: so must the short path
            with pytest.raises(ValueError):
                fast_parse(element)
            continue
        assert fast_parse(element) == expected
        assert fast.col_counter == general.col_counter
