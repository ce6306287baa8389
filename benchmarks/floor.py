"""The floor: the least work any workbook-to-Word tool must do for a given workbook.

Read every cell of every sheet (python-calamine, the fastest reader there is) and write each
sheet as one plain Word table (lxml, a minimal .docx package). No validation, no scoring, no
styling, no text: ``dpia build`` is measured as a ratio to this.

    python benchmarks/floor.py IN.xlsx OUT.docx
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree
from python_calamine import CalamineWorkbook

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def read_cells(path: Path) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's name and rows of cell values, as calamine reads them."""
    workbook = CalamineWorkbook.from_path(str(path))
    return [(name, workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names]


def document_xml(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    """A document body with, per sheet, a heading paragraph and one plain table."""
    document = etree.Element(_W + "document", nsmap={"w": W})
    body = etree.SubElement(document, _W + "body")
    sub = etree.SubElement
    for name, rows in sheets:
        sub(sub(sub(body, _W + "p"), _W + "r"), _W + "t").text = name
        table = sub(body, _W + "tbl")
        width = max((len(row) for row in rows), default=0)
        grid = sub(table, _W + "tblGrid")
        for _ in range(width):
            sub(grid, _W + "gridCol")
        for row in rows:
            tr = sub(table, _W + "tr")
            for value in row:
                text = sub(sub(sub(sub(tr, _W + "tc"), _W + "p"), _W + "r"), _W + "t")
                text.text = "" if value is None else str(value)
        sub(body, _W + "p")
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_floor(workbook: Path, output: Path) -> None:
    """Read ``workbook`` and write its cells as plain Word tables to ``output``."""
    body = document_xml(read_cells(workbook))
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", body)


if __name__ == "__main__":
    write_floor(Path(sys.argv[1]), Path(sys.argv[2]))
