"""Tables as XML text, built in one pass (linear in rows; ``table.cell(r, c)`` re-scans the
table on every call): fixed column widths, a header row repeated on every page, cell
shading, alt text and the hidden bookmark naming the table's kind (:mod:`dpia.docxml.reading`).
A table goes into the body as a placeholder and its XML is spliced in when the package is
written (:mod:`dpia.docxml.packaging`).

A cell is plain text, or any object with the attributes of :class:`StyledCell` (the
report's ``dpia.report.cell.Cell``): the writer never imports the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, Protocol

from docx.oxml import parse_xml
from lxml import etree

from dpia.docxml.ns import _SPECIAL, W, _attr, _text
from dpia.docxml.reading import _marker_xml
from dpia.sanitise import word_text

HEADER_FILL = "D9D9D9"  # light grey behind header rows: readable in print and on screen
TABLE_FONT_HALF_POINTS = 18  # 9 pt: wide tables stay readable and fit the page


class StyledCell(Protocol):
    """A table cell with more than text (``dpia.report.cell.Cell``): text (lines become
    paragraphs), optional shading and text colour (``"RRGGBB"``), bold, italic, and a note
    on a last line in small regular type. Any other value is a plain cell showing its text."""

    text: str
    fill: str | None
    colour: str | None
    bold: bool
    italic: bool
    note: str | None


class _Cell(NamedTuple):
    """A plain value as a styled cell; the first cell of a key/value row, bold and grey."""

    text: str
    fill: str | None = None
    colour: str | None = None
    bold: bool = False
    italic: bool = False
    note: str | None = None


def _styled(value: object) -> bool:
    """Whether a value given as a table cell is a :class:`StyledCell` (not plain text)."""
    return not isinstance(value, str) and hasattr(value, "fill")


def _as_cell(value: object) -> StyledCell:
    return value if _styled(value) else _Cell(word_text(value))


def shown_text(value: object) -> str:
    """The text a table cell shows for a value given to :func:`table_xml` (a string or a
    :class:`StyledCell`): cleaned as it is written, a note as its last line."""
    if not _styled(value):
        return word_text(value)
    text = word_text(value.text)
    if value.note:
        return f"{text}\n{word_text(value.note)}" if text else word_text(value.note)
    return text


_SIZE = f'<w:sz w:val="{TABLE_FONT_HALF_POINTS}"/><w:szCs w:val="{TABLE_FONT_HALF_POINTS}"/>'
NOTE_HALF_POINTS = 15  # 7.5 pt: a cell's note (a heat map cell's level) under its text
_NOTE_SIZE = f'<w:sz w:val="{NOTE_HALF_POINTS}"/><w:szCs w:val="{NOTE_HALF_POINTS}"/>'
# keep each header paragraph with the next so a header row never ends a page alone
_HEADER_PARAGRAPH = '<w:p><w:pPr><w:keepNext/><w:spacing w:before="20" w:after="20"/></w:pPr>'
_BODY_PARAGRAPH = '<w:p><w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>'
_PLAIN_RUN = f'<w:r><w:rPr>{_SIZE}</w:rPr><w:t xml:space="preserve">'


def _paragraphs_xml(out: list[str], text: str, paragraph: str, run: str) -> None:
    """One ``w:p`` per line of ``text`` (already cleaned); an empty line has no run."""
    for line in text.split("\n") if text else ("",):
        if line:
            out.append(f"{paragraph}{run}{_text(line)}</w:t></w:r></w:p>")
        else:
            out.append(f"{paragraph}</w:p>")


def _cell_xml(out: list[str], cell: StyledCell, width: int, *, header: bool,
              keep_next: bool = False, marker: str | None = None) -> None:
    """Append the XML of one ``w:tc`` to ``out`` (strings: the fastest way to many cells);
    ``marker``: the bookmark (its XML start and end) around the text of its first paragraph."""
    fill = cell.fill or (HEADER_FILL if header else None)
    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
    if fill:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(fill)}"/>')
    out.append("</w:tcPr>")
    props = ""
    if cell.bold or header:
        props += "<w:b/>"
    if cell.italic:
        props += "<w:i/>"
    if cell.colour:
        props += f'<w:color w:val="{_attr(cell.colour)}"/>'
    run = f'<w:r><w:rPr>{props}{_SIZE}</w:rPr><w:t xml:space="preserve">'
    paragraph = _HEADER_PARAGRAPH if header or keep_next else _BODY_PARAGRAPH
    start = len(out)
    text = word_text(cell.text) if cell.text else ""
    if text or not cell.note:
        _paragraphs_xml(out, text, paragraph, run)
    if cell.note:
        colour = f'<w:color w:val="{_attr(cell.colour)}"/>' if cell.colour else ""
        note_run = f'<w:r><w:rPr>{colour}{_NOTE_SIZE}</w:rPr><w:t xml:space="preserve">'
        _paragraphs_xml(out, word_text(cell.note), paragraph, note_run)
    if marker is not None:
        first = out[start]
        opening = first.index("</w:pPr>") + len("</w:pPr>")
        begin, end = marker
        closing = first.rindex("</w:p>")
        out[start] = f"{first[:opening]}{begin}{first[opening:closing]}{end}{first[closing:]}"
    out.append("</w:tc>")


# Shaded cells (levels, "not provided") and the labels of key/value tables repeat, in one
# table and from table to table: the same cell at the same width gives the same XML, made
# once. Bounded: a report has a few hundred distinct ones.
_made_cells: dict[tuple, str] = {}
_MADE_CELLS_MAX = 4096


def table_xml(**arguments) -> str:
    """The XML text of the ``w:tbl`` of :func:`table_blocks` (same arguments), whole."""
    return "".join(table_blocks(**arguments))


def table_xml_utf8(**arguments) -> list[bytes]:
    """The ``w:tbl`` of :func:`table_blocks` (same arguments) in UTF-8, block by block:
    cheaper than encoding it whole, as a table of 5,000 risks is 10 MB of text and joining
    and encoding it in one piece makes two copies that large."""
    return [block.encode("utf-8") for block in table_blocks(**arguments)]


_BLOCK_PIECES = 4096  # pieces of XML text joined into one block by table_blocks


def table_blocks(
    *,
    style_id: str,
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float],
    total_width: int,
    kind: str | None = None,
    number: int = 1,
    title: str = "",
    description: str = "",
    header_column: bool = False,
    keep_together: bool = False,
    keep_with_next: bool = False,
) -> Iterator[str]:
    """The XML text of a ``w:tbl`` (no namespace declaration: it is spliced into a document
    whose root declares ``w:``) in consecutive blocks of whole rows, a few hundred kB each,
    built in one pass: header row repeated on every page, fixed column widths (``widths``
    are relative, scaled to ``total_width`` twips), alt text ``title`` and ``description``
    (for people), the hidden bookmark of :func:`table_marker` when ``kind`` is given
    (``number``: the table's number among the marked ones, as bookmark names are unique).
    Cells are strings or :class:`StyledCell`.

    ``header_column`` makes the first cell of each body row bold and grey (key/value tables);
    ``keep_together`` keeps a small table (a heat map) on one page, ``keep_with_next`` also
    on the page of the paragraph after it (its key).
    Every text is escaped and stripped of control characters. Linear in the number of cells:
    plain text cells, the bulk of a large table, take a short path through ready-made pieces.
    """
    scale = sum(widths)
    columns = [int(total_width * w / scale) for w in widths]
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{_attr(style_id)}"/>'
        f'<w:tblW w:w="{sum(columns)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    ]
    if title:  # CT_TblPr: tblCaption and tblDescription come last
        out.append(f'<w:tblCaption w:val="{_attr(word_text(title))}"/>')
    if description:
        out.append(f'<w:tblDescription w:val="{_attr(word_text(description))}"/>')
    out.append("</w:tblPr><w:tblGrid>")
    out.extend(f'<w:gridCol w:w="{width}"/>' for width in columns)
    out.append("</w:tblGrid>")
    marker = _marker_xml(kind, number) if kind else None
    if headers:
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        for index, (value, width) in enumerate(zip(headers, columns)):
            _cell_xml(out, _as_cell(value), width, header=True,
                      marker=marker if index == 0 else None)
        out.append("</w:tr>")
    plain_cells = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                   for width in columns]
    # the whole cell up to its text, for a one-line text with nothing to escape or clean
    plain_openings = [f"{cell}{_BODY_PARAGRAPH}{_PLAIN_RUN}" for cell in plain_cells]
    plain_empty = [f"{cell}{_BODY_PARAGRAPH}</w:p></w:tc>" for cell in plain_cells]
    rows = list(rows) if keep_together else rows
    last = (len(rows) if keep_with_next else len(rows) - 1) if keep_together else -1
    append = out.append
    for number, values in enumerate(rows):
        append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        keep_next = number < last
        for index, value in enumerate(values):
            if index >= len(columns):
                break
            if type(value) is str and not keep_next and not (header_column and index == 0):
                if not value:
                    append(plain_empty[index])
                elif _SPECIAL.search(value) is None:
                    append(f"{plain_openings[index]}{value}</w:t></w:r></w:p></w:tc>")
                else:
                    append(plain_cells[index])
                    _paragraphs_xml(out, word_text(value), _BODY_PARAGRAPH, _PLAIN_RUN)
                    append("</w:tc>")
                continue
            first = header_column and index == 0
            # only shaded cells and key/value labels repeat: other texts are not kept
            key = (type(value), value, columns[index], first, keep_next) \
                if first or _styled(value) else None
            xml = _made_cells.get(key) if key is not None else None
            if xml is None:
                cell_out: list[str] = []
                width = columns[index]
                if first:
                    cell = _as_cell(value)
                    cell = _Cell(cell.text, cell.fill or HEADER_FILL, cell.colour, True,
                                 cell.italic)
                    _cell_xml(cell_out, cell, width, header=False, keep_next=keep_next)
                elif _styled(value) or keep_next:
                    _cell_xml(cell_out, _as_cell(value), width, header=False,
                              keep_next=keep_next)
                else:
                    cell_out.append(plain_cells[index])
                    _paragraphs_xml(cell_out, word_text(value), _BODY_PARAGRAPH, _PLAIN_RUN)
                    cell_out.append("</w:tc>")
                xml = "".join(cell_out)
                if key is not None:
                    if len(_made_cells) >= _MADE_CELLS_MAX:
                        _made_cells.clear()
                    _made_cells[key] = xml
            append(xml)
        append("</w:tr>")
        if len(out) >= _BLOCK_PIECES:
            yield "".join(out)
            out.clear()  # ``append`` stays bound to it
    append("</w:tbl>")
    yield "".join(out)


def build_table(**arguments) -> etree._Element:
    """The table of :func:`table_xml` as an element (parsed: for small tables and tests; a
    report splices large ones in as text, see :func:`xml_placeholder`)."""
    text = table_xml(**arguments)
    return parse_xml(f'<w:tbl xmlns:w="{W}"{text[len("<w:tbl"):]}'.encode())


# A table goes into the body as this processing instruction and its XML text replaces it
# when the package is written: parsing a large table and moving it into the document tree
# costs more than building it, and its elements would fill hundreds of MB. Paragraphs
# nothing reads back before saving (narrative, headings outside the table of contents, the
# empty one after each table) go in the same way, several after one another under one
# placeholder: building them as elements cost five times as much.
_TABLE_PI = "dpia-table"
_TABLE_PI_PATTERN = re.compile(rb"<\?dpia-table (\d+)\?>")


def xml_placeholder(index: int) -> etree._Element:
    """The stand-in for entry ``index`` of the list of XML texts (each a list of UTF-8
    pieces: a table, paragraphs) given to ``deterministic_zip``."""
    return etree.PI(_TABLE_PI, str(index))


def _spliced(document_xml: bytes, tables: Sequence[Sequence[bytes]]) -> Iterable[bytes]:
    """``document_xml`` with each placeholder replaced by its XML, as pieces: the whole
    document is never joined in memory (it can be a hundred MB)."""
    position = 0
    # workbook text cannot produce "<?": a "<" in text is always written as "&lt;"
    for match in _TABLE_PI_PATTERN.finditer(document_xml):
        yield document_xml[position:match.start()]
        yield from tables[int(match.group(1))]
        position = match.end()
    yield document_xml[position:]


def _batched(pieces: Iterable[bytes], size: int) -> Iterator[bytes]:
    """``pieces`` joined into runs of at least ``size`` bytes (the last may be shorter)."""
    batch: list[bytes] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield b"".join(batch)
            batch.clear()
            length = 0
    if batch:
        yield b"".join(batch)
