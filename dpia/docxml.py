"""Raw WordprocessingML helpers: the one place where the report touches XML directly.

Everything python-docx has no API for lives here: complex fields (PAGE, NUMPAGES, TOC), cell
shading, landscape sections, repeated header rows, table alt text, tables built as XML in one
pass (linear in rows; ``table.cell(r, c)`` re-scans the table on every call) and the
deterministic re-zip that makes two builds byte-identical.

Tables carry alt text for people (``w:tblCaption``: a title; ``w:tblDescription``: one
sentence), and the kind of table for programs as a hidden bookmark around the text of their
first cell, ``_dpia_KIND_N`` (see :func:`table_marker`): a name Word shows only under "Hidden
bookmarks", which Word and LibreOffice keep when they save the file again, and no screen
reader announces. The first row is the header, the first column the row's ID. The kinds the
report writes are listed in :mod:`dpia.report` (module docstring).
"""

from __future__ import annotations

import copy
import io
import re
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from dpia.sanitise import NOT_ONE_PLAIN_RUN, word_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SECT_PR = f"{{{W}}}sectPr"

HEADER_FILL = "D9D9D9"  # light grey behind header rows: readable in print and on screen
TABLE_FONT_HALF_POINTS = 18  # 9 pt: wide tables stay readable and fit the page
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        element.set(_w(key), value)
    return element


# --- runs and fields ------------------------------------------------------------------


def add_text_run(
    paragraph_element: etree._Element,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    half_points: int | None = None,
    fill: str | None = None,
) -> etree._Element:
    """Append a run holding ``text`` (already cleaned) to a ``w:p``; new lines become breaks.
    ``fill``: the run's background ("RRGGBB")."""
    run = _sub(paragraph_element, "r")
    if bold or italic or colour or half_points or fill:
        props = _sub(run, "rPr")
        if bold:
            _sub(props, "b")
        if italic:
            _sub(props, "i")
        if colour:
            _sub(props, "color", val=colour)
        if half_points:
            _sub(props, "sz", val=str(half_points))
            _sub(props, "szCs", val=str(half_points))
        if fill:  # CT_RPr order: color, ..., sz, szCs, highlight, u, effect, bdr, shd
            _sub(props, "shd", val="clear", color="auto", fill=fill)
    for index, line in enumerate(text.split("\n")):
        if index:
            _sub(run, "br")
        t = _sub(run, "t")
        t.text = line
        t.set(_XML_SPACE, "preserve")
    return run


def run_xml(text: str, *, bold: bool = False, italic: bool = False,
            colour: str | None = None, fill: str | None = None) -> str:
    """The XML text of the run :func:`add_text_run` appends for ``text`` (already cleaned),
    byte for byte as lxml writes it, for paragraphs spliced in as text (see
    :func:`paragraph_xml`)."""
    props = ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if colour:
        props += f'<w:color w:val="{_attr(colour)}"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(fill)}"/>'
    out = [f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>"]
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append("<w:br/>")
        if _SPECIAL.search(line):
            line = _text(line).replace("\r", "&#13;")  # as lxml escapes text
        out.append(f'<w:t xml:space="preserve">{line}</w:t>')
    out.append("</w:r>")
    return "".join(out)


def paragraph_xml(runs: Iterable[str], style_id: str | None = None, *,
                  keep_next: bool = False) -> str:
    """The XML text of a ``w:p`` of ``runs`` (from :func:`run_xml`) in paragraph style
    ``style_id`` (none: the default style), as lxml writes the same paragraph built as
    elements; ``keep_next`` keeps it on the page of the next paragraph. A style id is
    written as it is: give only alphanumeric ones (lxml would escape other characters in an
    attribute its own way)."""
    content = "".join(runs)
    props = (f'<w:pStyle w:val="{style_id}"/>' if style_id is not None else "") \
        + ("<w:keepNext/>" if keep_next else "")
    if props:
        content = f"<w:pPr>{props}</w:pPr>{content}"
    return f"<w:p>{content}</w:p>" if content else "<w:p/>"


def add_field(paragraph_element: etree._Element, instruction: str, placeholder: str = "",
              *, dirty: bool = False) -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES``, ``TOC \\o "1-3"``) to a ``w:p``.

    ``placeholder`` is the cached result shown until the field is updated; ``dirty`` asks
    Word to update it when the document is opened (used for the table of contents).
    """
    begin = _sub(_sub(paragraph_element, "r"), "fldChar", fldCharType="begin")
    if dirty:
        begin.set(_w("dirty"), "true")
    instr = _sub(_sub(paragraph_element, "r"), "instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    _sub(_sub(paragraph_element, "r"), "fldChar", fldCharType="separate")
    if placeholder:
        add_text_run(paragraph_element, placeholder)
    _sub(_sub(paragraph_element, "r"), "fldChar", fldCharType="end")


def add_toc(paragraph_element: etree._Element, instruction: str,
            entries: Sequence[tuple[int, str]], placeholder: str,
            styles: Mapping[int, str | None] | None = None) -> None:
    """A table of contents field starting in ``paragraph_element``, its cached result one
    paragraph per (level, text) entry (in ``styles[level]``, a style id, where given), marked
    dirty so Word rebuilds it with page numbers. Readers that do not update fields show the
    entries as they are.
    """
    begin = _sub(_sub(paragraph_element, "r"), "fldChar", fldCharType="begin")
    begin.set(_w("dirty"), "true")
    instr = _sub(_sub(paragraph_element, "r"), "instrText")
    instr.text = f" {instruction} "
    instr.set(_XML_SPACE, "preserve")
    _sub(_sub(paragraph_element, "r"), "fldChar", fldCharType="separate")
    if not entries:
        add_text_run(paragraph_element, placeholder)
        _sub(_sub(paragraph_element, "r"), "fldChar", fldCharType="end")
        return
    previous = paragraph_element
    for index, (level, text) in enumerate(entries):
        paragraph = etree.Element(_w("p"))
        props = _sub(paragraph, "pPr")
        style = (styles or {}).get(level)
        if style:
            _sub(props, "pStyle", val=style)
        else:
            _sub(props, "spacing", before="0", after="40")
            _sub(props, "ind", left=str(360 * (level - 1)))
        add_text_run(paragraph, word_text(text), bold=level == 1)
        if index == len(entries) - 1:
            _sub(_sub(paragraph, "r"), "fldChar", fldCharType="end")
        previous.addnext(paragraph)
        previous = paragraph


# --- sections ---------------------------------------------------------------------------


def set_orientation(section, landscape: bool) -> None:
    """Make a python-docx section landscape or portrait, swapping the page size if needed."""
    width, height = section.page_width, section.page_height
    wide = width > height
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if wide != landscape:
        section.page_width, section.page_height = height, width


def shrink_section_break(body: etree._Element) -> None:
    """Make the paragraph that ends the last section but one (the body's last paragraph,
    holding its ``w:sectPr``) one twip high: it carries no text, and at full height after a
    table that fills the page it would make a page of its own."""
    paragraph = body[-2] if len(body) > 1 else None
    if paragraph is None or paragraph.tag != _w("p"):
        return
    props = paragraph.find(_w("pPr"))
    section = props.find(_w("sectPr")) if props is not None else None
    if section is None:
        return
    # CT_PPr order: ..., spacing, ..., rPr, sectPr
    spacing = etree.Element(_w("spacing"))
    for name, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(_w(name), value)
    section.addprevious(spacing)
    mark = etree.Element(_w("rPr"))
    for tag in ("sz", "szCs"):
        _sub(mark, tag, val="2")
    section.addprevious(mark)


def text_width_twips(section) -> int:
    """The width between the margins of a section, in twentieths of a point."""
    emu = section.page_width - section.left_margin - section.right_margin
    return int(emu / 635)


# --- tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A table cell: text (lines become paragraphs) and optional shading and text colour."""

    text: str
    fill: str | None = None  # "RRGGBB" background
    colour: str | None = None  # "RRGGBB" text colour
    bold: bool = False
    italic: bool = False
    note: str | None = None  # a last line in small regular type (a heat map cell's level)


def _as_cell(value: object) -> Cell:
    return value if isinstance(value, Cell) else Cell(word_text(value))


def shown_text(value: object) -> str:
    """The text a table cell shows for a value given to :func:`table_xml` (a string or a
    :class:`Cell`): cleaned as it is written, a note as its last line."""
    if not isinstance(value, Cell):
        return word_text(value)
    text = word_text(value.text)
    if value.note:
        return f"{text}\n{word_text(value.note)}" if text else word_text(value.note)
    return text


def _attr(value: str) -> str:
    if value.isalnum():  # colours, style ids: nothing to escape
        return value
    return _text(value).replace('"', "&quot;")


def _text(value: str) -> str:
    """Escape text for element content, as ``xml.sax.saxutils.escape`` does (not imported:
    it pulls in urllib.request, http.client and ssl, 20 ms at every start)."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    return value


_SIZE = f'<w:sz w:val="{TABLE_FONT_HALF_POINTS}"/><w:szCs w:val="{TABLE_FONT_HALF_POINTS}"/>'
NOTE_HALF_POINTS = 15  # 7.5 pt: a cell's note (a heat map cell's level) under its text
_NOTE_SIZE = f'<w:sz w:val="{NOTE_HALF_POINTS}"/><w:szCs w:val="{NOTE_HALF_POINTS}"/>'
# keep each header paragraph with the next so a header row never ends a page alone
_HEADER_PARAGRAPH = '<w:p><w:pPr><w:keepNext/><w:spacing w:before="20" w:after="20"/></w:pPr>'
_BODY_PARAGRAPH = '<w:p><w:pPr><w:spacing w:before="20" w:after="20"/></w:pPr>'
_PLAIN_RUN = f'<w:r><w:rPr>{_SIZE}</w:rPr><w:t xml:space="preserve">'
_SPECIAL = NOT_ONE_PLAIN_RUN  # see dpia.sanitise


def _paragraphs_xml(out: list[str], text: str, paragraph: str, run: str) -> None:
    """One ``w:p`` per line of ``text`` (already cleaned); an empty line has no run."""
    for line in text.split("\n") if text else ("",):
        if line:
            out.append(f"{paragraph}{run}{_text(line)}</w:t></w:r></w:p>")
        else:
            out.append(f"{paragraph}</w:p>")


def _cell_xml(out: list[str], cell: Cell, width: int, *, header: bool,
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
    Cells are strings or :class:`Cell`.

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
                if first or isinstance(value, Cell) else None
            xml = _made_cells.get(key) if key is not None else None
            if xml is None:
                cell_out: list[str] = []
                width = columns[index]
                if first:
                    cell = _as_cell(value)
                    cell = Cell(cell.text, cell.fill or HEADER_FILL, cell.colour, True,
                                cell.italic)
                    _cell_xml(cell_out, cell, width, header=False, keep_next=keep_next)
                elif isinstance(value, Cell) or keep_next:
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


def last_in_body(body: etree._Element) -> etree._Element | None:
    """The element :func:`append_to_body` appended last (the one before the final
    ``w:sectPr``), or None."""
    try:
        last = body[-1]
    except IndexError:
        return None
    return last.getprevious() if last.tag == _SECT_PR else last


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


# A body of more XML than this (about 800 risks) is deflated at a faster level: at 5,000
# risks (53 MB of XML) level 6 costs 0.22 s of CPU for a 1.1 MB part, level 3 0.09 s for
# 1.6 MB. Smaller bodies, nearly every report, keep zlib's default level 6. The level
# follows from the content alone, so the same input still gives the same bytes.
LARGE_BODY = 8 << 20
LARGE_BODY_LEVEL = 3


def body_deflate_level(document_xml: bytes, tables: Sequence[Sequence[bytes]]) -> int:
    """The deflate level of a body of ``document_xml`` with ``tables`` spliced in."""
    size = len(document_xml) + sum(len(piece) for pieces in tables for piece in pieces)
    return LARGE_BODY_LEVEL if size > LARGE_BODY else 6


class BackgroundDeflate:
    """Deflates a document body with its tables in a thread, as the zip will store it.

    zlib lets other threads run while it deflates, so the rest of a build (the provenance
    record, the other parts) goes on meanwhile on a second core. The result is the same
    bytes: the zip's own deflate stream (raw, at :func:`body_deflate_level`) over the same
    input."""

    # Bytes deflated per call: after each call the thread waits to take the GIL back from
    # the main thread; after each of thousands of small pieces (paragraphs, small tables)
    # that added about 0.04 s to the deflate of 5,000 risks on a busy machine.
    BATCH = 4 << 20

    def __init__(self, document_xml: bytes, tables: Sequence[Sequence[bytes]]):
        self.document_xml = document_xml
        # a copy of the lists of pieces (not of the bytes): pieces added to the caller's
        # lists later must not slip into the stream unnoticed (see made_of)
        self._tables = tuple(tuple(pieces) for pieces in tables)
        self._deflated: bytes | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dpia-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            level = body_deflate_level(self.document_xml, self._tables)
            compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
            out = [compressor.compress(batch) for batch in _batched(
                _spliced(self.document_xml, self._tables), self.BATCH)]
            out.append(compressor.flush())
            self._deflated = b"".join(out)
        except BaseException as exc:  # given to the caller of result()  # noqa: BLE001
            self._error = exc

    def made_of(self, document_xml: bytes, tables: Sequence[Sequence[bytes]]) -> bool:
        """Whether this stream is of this very body: the same document XML and the same
        pieces (the same objects, in the same places) under each placeholder."""
        return document_xml == self.document_xml and len(tables) == len(self._tables) and all(
            len(pieces) == len(mine) and all(a is b for a, b in zip(pieces, mine, strict=True))
            for pieces, mine in zip(tables, self._tables, strict=True))

    def result(self) -> bytes:
        """The raw deflate stream (waits for the thread)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._deflated


class _Deflated:
    """Stands in for zipfile's compressor of one entry: hands out the stream deflated in the
    background, while zipfile still counts the size and CRC of what is written. The thread
    is waited for only at the end of the entry, so that the CRC (53 MB for 5,000 risks)
    is worked out while it still deflates."""

    def __init__(self, deflated: BackgroundDeflate):
        self._deflated = deflated

    def compress(self, data) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self._deflated.result()


def _write_spliced(target: zipfile.ZipFile, info: zipfile.ZipInfo, document_xml: bytes,
                   tables: Sequence[Sequence[bytes]],
                   deflated: BackgroundDeflate | None = None) -> None:
    """Write ``document_xml`` with each placeholder replaced by its XML, piece by piece.

    Same bytes as ``writestr(info, joined, compresslevel=level)`` with the level of
    :func:`body_deflate_level`: deflate's output does not depend on how the input is cut
    into writes. ``deflated``: the same stream made beforehand in a thread, used when it was
    made of this very document."""
    # ZipFile.open(info, "w") takes the level from the entry (compress_level since 3.13,
    # which keeps _compresslevel as its alias)
    info._compresslevel = body_deflate_level(document_xml, tables)
    with target.open(info, "w") as stream:
        if deflated is not None and deflated.made_of(document_xml, tables) \
                and getattr(stream, "_compressor", None) is not None:
            stream._compressor = _Deflated(deflated)
        for piece in _spliced(document_xml, tables):
            stream.write(piece)


MARKER_PREFIX = "_dpia_"
# Word's bookmark names: a letter or "_" (hidden), then letters, digits and "_", 40 at most
_MARKER_NAME = re.compile(r"_dpia_([a-z0-9_]+)_(\d+)")
_MARKER_ID_BASE = 7000  # bookmark ids apart from any a word processor numbers from 0


def table_marker(kind: str, number: int) -> str:
    """The name of the hidden bookmark that marks table ``number`` (1, 2, ...) as one of
    kind ``kind`` (``risk-register``: ``_dpia_risk_register_3``)."""
    return f"{MARKER_PREFIX}{kind.replace('-', '_')}_{number}"


def _marker_xml(kind: str, number: int) -> tuple[str, str]:
    bookmark = _MARKER_ID_BASE + number
    return (f'<w:bookmarkStart w:id="{bookmark}" w:name="{table_marker(kind, number)}"/>',
            f'<w:bookmarkEnd w:id="{bookmark}"/>')


def table_kind(table_element: etree._Element) -> str | None:
    """The kind of a table the report wrote (``risk-register``), from the hidden bookmark in
    its first cell; None for any other table."""
    first_row = table_element.find(_w("tr"))
    first_cell = first_row.find(_w("tc")) if first_row is not None else None
    if first_cell is None:
        return None
    for bookmark in first_cell.iter(_w("bookmarkStart")):
        match = _MARKER_NAME.fullmatch(bookmark.get(_w("name"), ""))
        if match:
            return match.group(1).replace("_", "-")
    return None


# --- the body, headers and footers ----------------------------------------------------------

_RUN_BREAKS = re.compile("([\t\r\n])")
_PICTURES = (_w("drawing"), _w("pict"), _w("object"))


def add_plain_run(paragraph_element: etree._Element, text: str) -> None:
    """``Paragraph.add_run(text)`` of python-docx, the same XML without its per-character
    loop and XPath: a ``w:t`` per stretch of text (``xml:space="preserve"`` when it starts or
    ends with white space), ``w:br`` for each line end, ``w:tab`` for each tab."""
    run = etree.SubElement(paragraph_element, _w("r"))
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(run, _w("tab"))
        elif piece in ("\r", "\n"):
            etree.SubElement(run, _w("br"))
        elif piece:
            t = etree.SubElement(run, _w("t"))
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")


def plain_run_xml(text: str) -> str:
    """The XML text of the run :func:`add_plain_run` appends for ``text``, byte for byte as
    lxml writes it (see :func:`paragraph_xml`)."""
    out = []
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            if _SPECIAL.search(piece):
                piece = _text(piece)  # no "\r" left: it was split off above
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{piece}</w:t>")
    return f"<w:r>{''.join(out)}</w:r>" if out else "<w:r/>"


def set_paragraph_style(paragraph_element: etree._Element, style_id: str) -> None:
    """Give a new ``w:p`` (no ``w:pPr`` yet) the paragraph style ``style_id``."""
    _sub(_sub(paragraph_element, "pPr"), "pStyle", val=style_id)


def append_to_body(body: etree._Element, element: etree._Element) -> None:
    """Append ``element`` to a ``w:body`` before its final ``w:sectPr`` (the last section's
    properties stay last). Constant time: looked at from the end, unlike python-docx, which
    scans the whole body on every paragraph added."""
    try:
        last = body[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(element)
    else:
        body.append(element)


def clear_body(body: etree._Element) -> None:
    """Remove everything from a ``w:body`` but its section properties."""
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)


def set_language(document, locale: str) -> None:
    """Mark the whole document as written in ``locale`` (``en-GB``, ``nl-NL``) and turn
    automatic hyphenation on: the default run properties, every style that names a language
    (a house template's Normal may say en-US), and the theme font language in the settings.
    Spell-checkers, screen readers, hyphenation and a PDF's /Lang follow it."""
    styles = document.styles.element
    defaults = styles.find(_w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(_w("docDefaults"))
        styles.insert(0, defaults)
    run_defaults = defaults.find(_w("rPrDefault"))
    if run_defaults is None:
        run_defaults = etree.Element(_w("rPrDefault"))
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(_w("rPr"))
    if properties is None:
        properties = _sub(run_defaults, "rPr")
    if properties.find(_w("lang")) is None:
        _sub(properties, "lang")
    for lang in styles.iter(_w("lang")):
        lang.set(_w("val"), locale)
    settings = document.settings.element
    theme_lang = settings.find(_w("themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(_w("val"), locale)
    if settings.find(_w("autoHyphenation")) is None:
        # schema order: autoHyphenation comes right after the proof and zoom settings
        hyphenation = etree.Element(_w("autoHyphenation"))
        after = [child for child in settings if etree.QName(child).localname in _BEFORE_HYPHENATION]
        if after:
            after[-1].addnext(hyphenation)
        else:
            settings.insert(0, hyphenation)


def suppress_hyphenation(document, style_ids: Iterable[str]) -> None:
    """No automatic hyphenation in the paragraph styles ``style_ids`` (a title or heading
    broken "gege-vensuitwisseling" reads badly)."""
    wanted = set(style_ids)
    for style in document.styles.element.iterchildren(_w("style")):
        if style.get(_w("styleId")) in wanted:
            properties = style.find(_w("pPr"))
            if properties is None:
                properties = etree.Element(_w("pPr"))
                # CT_Style: name, aliases, basedOn, next, ... come before pPr; rPr after it
                run = style.find(_w("rPr"))
                if run is not None:
                    run.addprevious(properties)
                else:
                    style.append(properties)
            if properties.find(_w("suppressAutoHyphens")) is None:
                # CT_PPrBase order: suppressAutoHyphens follows these
                before = [child for child in properties
                          if etree.QName(child).localname in _BEFORE_SUPPRESS_HYPHENS]
                element = etree.Element(_w("suppressAutoHyphens"))
                if before:
                    before[-1].addnext(element)
                else:
                    properties.insert(0, element)


_BEFORE_SUPPRESS_HYPHENS = frozenset({
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs",
})


def update_fields_on_open(document) -> None:
    """Ask Word to update the document's fields when it opens it, so the contents get their
    page numbers without a right-click (LibreOffice's PDF export is updated by dpia.pdf)."""
    settings = document.settings.element
    if settings.find(_w("updateFields")) is None:
        # schema order: updateFields comes before the compatibility settings and the rsids
        update = etree.Element(_w("updateFields"))
        update.set(_w("val"), "true")
        later = [child for child in settings
                 if etree.QName(child).localname in _AFTER_UPDATE_FIELDS]
        if later:
            later[0].addprevious(update)
        else:
            settings.append(update)


# w:settings children that come after w:updateFields in the schema (CT_Settings)
_AFTER_UPDATE_FIELDS = frozenset({
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
})


# w:settings children that come before w:autoHyphenation in the schema (CT_Settings)
_BEFORE_HYPHENATION = frozenset({
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
    "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
    "defaultTabStop",
})


def reset_core_properties(package) -> None:
    """Drop a package's core properties part (``docProps/core.xml``), so that python-docx
    makes a fresh one when the report's properties are set: a template's part may be of
    another kind altogether (python-docx then fails on the first property)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.CORE_PROPERTIES:
            del package.rels[rel_id]


def copy_styles(document, source, names: Iterable[str]) -> list[str]:
    """Copy the styles ``names`` that ``document`` lacks from ``source`` (python-docx
    documents), with what they need: the styles they are based on or linked to when missing
    too, and the list definitions of a list style. Returns the names copied, in order.

    For a reference document made in LibreOffice or Google Docs, which define only the
    styles they use."""
    styles = document.styles.element
    # names as python-docx gives them ("Caption", where the XML may say "caption")
    have_names = {style.name for style in document.styles}
    have_ids = {style.style_id for style in document.styles}
    by_name = {style.name: style.element for style in source.styles}
    name_of_id = {style.style_id: style.name for style in source.styles}
    copied: list[str] = []
    wanted = [name for name in names if name not in have_names and name in by_name]
    while wanted:
        name = wanted.pop(0)
        if name in have_names:
            continue
        element = copy.deepcopy(by_name[name])
        for tag in ("basedOn", "link", "next"):
            reference = element.find(_w(tag))
            if reference is None or reference.get(_w("val")) in have_ids:
                continue
            base = name_of_id.get(reference.get(_w("val")))
            if tag == "basedOn" and base is not None:
                wanted.append(base)
            else:
                element.remove(reference)  # a link or next style it can do without
        numbering = element.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
        if numbering is not None:
            numbering.set(_w("val"), _copy_list(document, source, numbering.get(_w("val"))))
        styles.append(element)
        have_names.add(name)
        have_ids.add(element.get(_w("styleId")))
        copied.append(name)
    return copied


def _numbering(document) -> etree._Element:
    """The ``w:numbering`` of ``document``, adding an empty numbering part if it has none
    (python-docx cannot create one)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        pass
    part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING,
                         parse_xml(f'<w:numbering xmlns:w="{W}"/>'), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
    return part.element


def _copy_list(document, source, num_id: str) -> str:
    """Copy the list ``num_id`` of ``source`` (its w:num and w:abstractNum) into
    ``document``'s numbering part under new ids; the new w:numId."""
    source_numbering = source.part.numbering_part.element
    target = _numbering(document)
    num = next(n for n in source_numbering.iterchildren(_w("num")) if n.get(_w("numId")) == num_id)
    abstract_id = num.find(_w("abstractNumId")).get(_w("val"))
    abstract = next(a for a in source_numbering.iterchildren(_w("abstractNum"))
                    if a.get(_w("abstractNumId")) == abstract_id)

    def free(tag: str, attribute: str) -> str:
        used = [int(e.get(_w(attribute))) for e in target.iterchildren(_w(tag))]
        return str(max(used, default=0) + 1)

    new_abstract = copy.deepcopy(abstract)
    new_abstract.set(_w("abstractNumId"), free("abstractNum", "abstractNumId"))
    for child in list(new_abstract):  # ties to the source's own numbering styles
        if etree.QName(child).localname in ("nsid", "tmpl", "numStyleLink", "styleLink"):
            new_abstract.remove(child)
    new_num = copy.deepcopy(num)
    new_num.set(_w("numId"), free("num", "numId"))
    new_num.find(_w("abstractNumId")).set(_w("val"), new_abstract.get(_w("abstractNumId")))
    # schema order: every w:abstractNum before the first w:num
    nums = list(target.iterchildren(_w("num")))
    if nums:
        nums[0].addprevious(new_abstract)
    else:
        target.append(new_abstract)
    target.append(new_num)
    return new_num.get(_w("numId"))


def _has_picture(element: etree._Element) -> bool:
    return any(True for _ in element.iter(*_PICTURES))


def clear_header_footer(container) -> etree._Element:
    """Empty a header or footer (python-docx's ``w:hdr``/``w:ftr`` element) but for its
    pictures (a logo); its first paragraph, emptied of text, ready for new runs."""
    paragraphs = [child for child in container if child.tag == _w("p")]
    for child in list(container):
        if child.tag == _w("tbl") or (
            child.tag == _w("p") and child is not paragraphs[0] and not _has_picture(child)
        ):
            container.remove(child)
    first = paragraphs[0] if paragraphs else container.add_p()
    for run in list(first.iterchildren(_w("r"), _w("hyperlink"), _w("fldSimple"))):
        if not _has_picture(run):
            first.remove(run)
    return first


_PLACEHOLDER = re.compile(r"\[([^\[\]\n]{1,40})\]")
_SPECIAL_RUN_CHILDREN = (_w("drawing"), _w("pict"), _w("object"), _w("fldChar"), _w("instrText"))


def has_text(container: etree._Element) -> bool:
    """Whether a header or footer shows any text or field of its own (not only a logo)."""
    return any((t.text or "").strip() for t in container.iter(_w("t"))) or any(
        True for _ in container.iter(_w("fldSimple"), _w("instrText")))


def fill_placeholders(container: etree._Element, resolve) -> int:
    """Replace each ``[Name]`` in the paragraphs of ``container`` (a header or footer) that
    ``resolve(name)`` knows: it returns ``("text", value)``, ``("field", instruction)`` (a
    field such as ``PAGE``) or None (the brackets stay as typed). The paragraph's text runs
    are written again in the formatting of its first one; pictures and fields stay.
    Returns the number of placeholders filled."""
    filled = 0
    for paragraph in container.iter(_w("p")):
        runs = [run for run in paragraph.iterchildren(_w("r"))
                if run.find(_w("t")) is not None
                and not any(True for _ in run.iter(*_SPECIAL_RUN_CHILDREN))]
        text = "".join(t.text or "" for run in runs for t in run.iter(_w("t")))
        parts: list[tuple[str, str]] = []
        position = 0
        for match in _PLACEHOLDER.finditer(text):
            found = resolve(match.group(1).strip())
            if found is None:
                continue
            parts.append(("text", text[position:match.start()]))
            parts.append(found)
            position = match.end()
            filled += 1
        if not parts:
            continue
        parts.append(("text", text[position:]))
        properties = runs[0].find(_w("rPr"))
        anchor = etree.Element(_w("r"))
        runs[0].addprevious(anchor)
        for run in runs:
            paragraph.remove(run)
        holder = etree.Element(_w("p"))  # runs are built here, then moved into place
        for kind, value in parts:
            if kind == "field":
                add_field(holder, value, "1")
            elif value:
                add_text_run(holder, word_text(value))
        for run in list(holder):
            if properties is not None:
                run.insert(0, copy.deepcopy(properties))
            anchor.addprevious(run)
        paragraph.remove(anchor)
    return filled


def paragraphs_by_style(body: etree._Element,
                        levels: Mapping[str | None, int]) -> list[tuple[int, str]]:
    """(level, text) of each body paragraph whose style id is in ``levels`` (style id ->
    level) and that has text: the headings of a table of contents."""
    found = []
    for paragraph in body.iterchildren(_w("p")):
        style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
        level = levels.get(style.get(_w("val")) if style is not None else None)
        if level:
            text = "".join(t.text or "" for t in paragraph.iter(_w("t")))
            if text.strip():
                found.append((level, text))
    return found


# --- reading tables back (dpia verify) ------------------------------------------------------

# a report is the user's file: no entities expanded, nothing fetched
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def cell_text(tc: etree._Element) -> str:
    """The text of a ``w:tc``: its paragraphs joined by new lines, breaks as new lines, tabs
    as spaces (deleted text of tracked changes left out)."""
    lines = []
    t, br, tab = _w("t"), _w("br"), _w("tab")
    for paragraph in tc.iter(_w("p")):
        parts = []
        for node in paragraph.iter(t, br, tab):
            if node.tag == t:
                parts.append(node.text or "")
            elif node.tag == br:
                parts.append("\n")
            else:
                parts.append(" ")
        lines.append("".join(parts))
    return "\n".join(lines)


def read_tables(
    document_xml: bytes,
) -> list[tuple[str | None, list[tuple[str, ...]]]]:
    """Every table of a ``word/document.xml`` in document order (one pass): its
    :func:`table_kind` and its rows of cell texts. Raises ``etree.XMLSyntaxError`` for XML
    that does not parse."""
    root = etree.fromstring(document_xml, _SAFE_PARSER)
    return [
        (table_kind(tbl), [tuple(cell_text(tc) for tc in tr.iterchildren(_w("tc")))
                          for tr in tbl.iterchildren(_w("tr"))])
        for tbl in root.iter(_w("tbl"))
    ]


# --- custom XML parts (the provenance record, its signature) ---------------------------------

RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)
CUSTOM_XML_CT = "application/xml"
CUSTOM_XML_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def custom_xml_props(item_id: str, namespace: str) -> bytes:
    """The properties part of a custom XML part: its data-store item ID (fixed, so the same
    input gives the same bytes) and the namespace of its root element."""
    root = etree.Element(f"{{{_DS_NS}}}datastoreItem", nsmap={"ds": _DS_NS})
    root.set(f"{{{_DS_NS}}}itemID", item_id)
    refs = etree.SubElement(root, f"{{{_DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{_DS_NS}}}schemaRef").set(f"{{{_DS_NS}}}uri", namespace)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_custom_xml_part(document, partname: str, blob: bytes, *, props_partname: str,
                        props: bytes, replaces: Callable[[bytes], bool]) -> None:
    """Add a custom XML part (and its properties part) to a python-docx ``Document``, related
    from the main document, where Word keeps it when it re-saves the file. A custom XML part
    already there under ``partname``, or whose bytes ``replaces`` accepts (the same part
    renamed by Word to ``customXml/itemN.xml``), is dropped first, never kept beside it."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = document.part
    drop_custom_xml_parts(
        document, lambda part: part.partname == partname or replaces(part.blob))
    part = Part(PackURI(partname), CUSTOM_XML_CT, blob, main.package)
    part.relate_to(Part(PackURI(props_partname), CUSTOM_XML_PROPS_CT, props, main.package),
                   RT_CUSTOM_XML_PROPS)
    main.relate_to(part, RT_CUSTOM_XML)


def drop_custom_xml_parts(document, which: Callable) -> None:
    """Unrelate from the main document (so they are not saved) the custom XML parts for
    which ``which(part)`` is true."""
    main = document.part
    for rel in list(main.rels.values()):
        if rel.reltype == RT_CUSTOM_XML and not rel.is_external and which(rel.target_part):
            main.drop_rel(rel.rId)


def custom_xml_part(document, partname: str) -> bytes | None:
    """The bytes of the custom XML part ``partname`` of a python-docx ``Document``, or None."""
    for rel in document.part.rels.values():
        if rel.reltype == RT_CUSTOM_XML and not rel.is_external \
                and rel.target_part.partname == partname:
            return rel.target_part.blob
    return None


# --- the package ----------------------------------------------------------------------


class _PartCollector:
    """Stands in for python-docx's zip writer: keeps each part's bytes, deflates nothing."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}

    def write(self, pack_uri, blob: bytes) -> None:
        self.parts[pack_uri.membername] = blob

    def close(self) -> None:
        pass


def package_parts(document) -> dict[str, bytes]:
    """The parts of a python-docx ``Document`` as ``Document.save`` writes them: zip member
    name -> bytes. Saving deflates every part, which ``deterministic_zip`` then inflated
    again only to deflate it once more (0.05 s for a report of 5,000 risks); this takes the
    same bytes from python-docx's package writer without the zip. Falls back to saving
    when that writer is not what it was in python-docx 1.1-1.2."""
    package = document.part.package
    try:
        from docx.opc.pkgwriter import PackageWriter

        parts = package.parts
        for part in parts:
            part.before_marshal()
        collector = _PartCollector()
        PackageWriter._write_content_types_stream(collector, parts)
        PackageWriter._write_pkg_rels(collector, package.rels)
        PackageWriter._write_parts(collector, parts)
        return collector.parts
    except (ImportError, AttributeError, TypeError):
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as saved:
            return {name: saved.read(name) for name in saved.namelist()}


def deterministic_zip(data: bytes | Mapping[str, bytes], *,
                      tables: Sequence[Sequence[bytes]] = (),
                      deflated: BackgroundDeflate | None = None) -> bytes:
    """Re-zip a saved .docx (or its parts, from :func:`package_parts`) with fixed entry times
    and attributes, ``[Content_Types].xml`` first and the rest in name order, so equal
    content gives equal bytes. ``tables`` are the XML texts (each a list of UTF-8 pieces)
    that replace the :func:`xml_placeholder` marks in the body; ``deflated``, the body with
    them, deflated beforehand."""
    if isinstance(data, Mapping):
        parts = data
    else:
        source = zipfile.ZipFile(io.BytesIO(data))
        parts = {name: source.read(name) for name in source.namelist()}
    ordered = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            if tables and name == "word/document.xml":
                _write_spliced(target, info, parts[name], tables, deflated)
            else:
                target.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()


def remove_core_dates(core: etree._Element, *, keep: bool) -> None:
    """Drop the print date and, unless ``keep``, the created/modified dates from core.xml."""
    names = ["lastPrinted"] + ([] if keep else ["created", "modified"])
    for child in list(core):
        if etree.QName(child).localname in names:
            core.remove(child)


_R_ATTRIBUTE = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Settings that make Word load a file when it opens the document: the attached template
# (and the style update from it), a mail-merge data source.
_FETCHING_SETTINGS = ("w:attachedTemplate", "w:linkStyles", "w:mailMerge")


def drop_external_links(package) -> list[str]:
    """Remove from a python-docx package everything that makes Word fetch a file from
    elsewhere when it opens the document: the settings above, and every relationship to a
    target outside the package (linked pictures, frames, data sources, OLE links), with the
    attributes that referred to it. Hyperlinks stay: Word follows them only when clicked.
    Returns the targets removed (for tests and messages)."""
    removed: list[str] = []
    for part in package.iter_parts():
        element = getattr(part, "_element", None)  # None for parts python-docx keeps as bytes
        if element is not None and element.tag == qn("w:settings"):
            for tag in _FETCHING_SETTINGS:
                for child in element.findall(qn(tag)):
                    element.remove(child)
        dropped = {rel_id for rel_id, rel in part.rels.items()
                   if rel.is_external and rel.reltype != _HYPERLINK}
        for rel_id in sorted(dropped):
            removed.append(part.rels.pop(rel_id).target_ref)
        if dropped and element is not None:
            for node in element.iter():
                for name, value in list(node.attrib.items()):
                    if value in dropped and name.startswith(_R_ATTRIBUTE):
                        del node.attrib[name]
    return removed
