"""What a reader of a .docx sees, as plain data that two documents can be compared by.

``read(archive)`` gives the body as blocks in order (paragraphs and tables, content
controls read through, never skipped) and the text of every header and footer part. Each
paragraph and table cell carries its visible text and what hides or alters text there:

- hidden text (``w:vanish``, ``w:specVanish``, directly or through a style), text in the
  colour of what is behind it (white on white, a run's shading or the cell's fill), tiny
  text: left out of the visible text and named as a finding;
- hidden rows (``w:trPr/w:hidden``, an exact height too small to read): rows left out;
- tracked changes (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, formatting changes):
  a change not accepted is a finding; inserted text counts as shown, deleted as not;
- what cannot be compared as text (pictures, text boxes, embedded objects, imported
  documents, comments, footnotes): named, so that a verification is never claimed for it.

What a plain re-save by Word, LibreOffice or python-docx changes is left out: how text is
split into runs, bookmarks, proofing marks, revision ids, rendered page breaks, field codes
(the results are read; page numbers and page references, which a word processor
recalculates, are not), empty paragraphs (LibreOffice merges a section break's paragraph
into the one before), white space runs. Raw XML is read here only; ``dpia.verify`` compares.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

from lxml import etree

from dpia.i18n import N_, _

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RT_HEADER = _R + "/header"
_RT_FOOTER = _R + "/footer"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MAIN_CT = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

# Smaller than this (half-points) nobody reads it: 4 pt. The report's smallest text is 9 pt.
TINY_HALF_POINTS = 8
# A row of an exact height below this (twips) shows nothing: 4 pt.
TINY_ROW_TWIPS = 80
# Text and background closer than this (WCAG contrast ratio, 1..21) cannot be told apart.
MIN_CONTRAST = 1.6
# Fields whose result a word processor recalculates: their results are not compared.
RECALCULATED_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF"})


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_SECT_PR = _w("sectPr")
P, TBL, TR, TC, R, T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
SDT, SDT_CONTENT, CUSTOM_XML, SMART_TAG = _w("sdt"), _w("sdtContent"), _w("customXml"), \
    _w("smartTag")
HYPERLINK, FLD_SIMPLE, FLD_CHAR, INSTR = _w("hyperlink"), _w("fldSimple"), _w("fldChar"), \
    _w("instrText")
INS, DEL, MOVE_FROM, MOVE_TO = _w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")
PPR, RPR, TRPR, TCPR, SHD = _w("pPr"), _w("rPr"), _w("trPr"), _w("tcPr"), _w("shd")
VAL, FILL, COLOR = _w("val"), _w("fill"), _w("color")
VANISH, SPEC_VANISH, SZ, HIGHLIGHT = _w("vanish"), _w("specVanish"), _w("sz"), _w("highlight")
R_STYLE, P_STYLE, TBL_STYLE, TBL_PR = _w("rStyle"), _w("pStyle"), _w("tblStyle"), _w("tblPr")
FLD_CHAR_TYPE, INSTR_ATTR, HIDDEN, TR_HEIGHT, H_RULE = (
    _w("fldCharType"), _w("instr"), _w("hidden"), _w("trHeight"), _w("hRule"))
CELL_INS, CELL_DEL, DEL_TEXT, TAB, PTAB, BR, CR, NB_HYPHEN, SYM, TYPE, CHAR = (
    _w("cellIns"), _w("cellDel"), _w("delText"), _w("tab"), _w("ptab"), _w("br"), _w("cr"),
    _w("noBreakHyphen"), _w("sym"), _w("type"), _w("char"))
_BODY, _BACKGROUND = _w("body"), _w("background")
# a paragraph, run or table style named in the body, whatever the namespace prefix
_STYLE_REF = re.compile(rb"""Style\b[^>]*?\bval\s*=\s*["']([^"']*)["']""")
_CHANGE_MARKS = (_w("rPrChange"), _w("pPrChange"), _w("sectPrChange"), _w("tblPrChange"),
                 _w("trPrChange"), _w("tcPrChange"), _w("numberingChange"))
# what makes a paragraph more than plain runs of text (sizes are checked on their own)
_NOT_PLAIN = (
    SDT, CUSTOM_XML, SMART_TAG, HYPERLINK, FLD_SIMPLE, FLD_CHAR, INSTR, INS, DEL, MOVE_FROM,
    MOVE_TO, VANISH, SPEC_VANISH, COLOR, SHD, HIGHLIGHT, R_STYLE, TAB, PTAB, BR, CR, NB_HYPHEN,
    SYM, _w("drawing"), _w("pict"), _w("object"), _w("footnoteReference"),
    _w("endnoteReference"), _w("commentReference"), _w("dir"), _w("bdo"), *_CHANGE_MARKS,
)
# what can stand in the body, and the page colour before it
_TOP_LEVEL = (P, TBL, SDT, CUSTOM_XML, INS, DEL, MOVE_FROM, MOVE_TO, _w("altChunk"),
              _BACKGROUND)
_PASS_THROUGH = (HYPERLINK, SMART_TAG, CUSTOM_XML, _w("dir"), _w("bdo"))
# what cannot be compared, in English (N_): translated when named (``_Reader._uncompared``)
PICTURE = N_("a picture")  # a picture with no text in it (a logo of a reference document)
_TEXT_BOX = _w("txbxContent")
_UNCOMPARED_IN_RUN = {
    _w("drawing"): PICTURE, _w("pict"): PICTURE,
    _w("object"): N_("an embedded object"), _w("footnoteReference"): N_("a footnote"),
    _w("endnoteReference"): N_("an endnote"), _w("commentReference"): N_("a comment"),
}
_UNCOMPARED_BLOCKS = {_w("altChunk"): N_("an imported document (altChunk)")}
_THEME_WHITE = frozenset({"background1", "light1"})
_THEME_BLACK = frozenset({"text1", "dark1"})


class DamagedPart(ValueError):
    """A part of the document is not well-formed XML: ``part`` names it."""

    def __init__(self, part: str, error: Exception):
        super().__init__(f"{part}: {error}")
        self.part = part


def _parse(archive: zipfile.ZipFile, part: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(part), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise DamagedPart(part, exc) from None


# --- what is read ------------------------------------------------------------------------


@dataclass(slots=True)
class Paragraph:
    """A paragraph: its visible text, style id and what hides or changes text in it."""

    text: str
    style: str = ""
    issues: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Cell:
    """A table cell: visible text (its paragraphs joined by new lines), fill, issues."""

    text: str
    fill: str | None
    issues: list[str] = field(default_factory=list)


# what hides a row or a run of text when Word is told to hide it (w:vanish, w:hidden); the
# other reasons are said in the language of messages
HIDDEN_BY_WORD = "hidden"


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    hidden: str = ""  # HIDDEN_BY_WORD (w:hidden), its height in pt when too low to read, or ""
    issues: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Table:
    rows: list[Row]  # including hidden rows (``Row.hidden``)
    issues: list[str] = field(default_factory=list)

    @property
    def shown(self) -> list[Row]:
        return [row for row in self.rows if not row.hidden]


Block = Paragraph | Table


@dataclass(slots=True)
class Part:
    """A header or footer part: its name, visible text and issues."""

    name: str
    text: str
    issues: list[str] = field(default_factory=list)


class Document:
    """What a reader sees of one .docx. The body is streamed (``elements``) and read element
    by element on demand (``blocks_of``): a caller that knows an element is unchanged need
    not read it, and a large body is never held whole in memory."""

    def __init__(self, xml: bytes, styles: _Styles, headers: list[Part], footers: list[Part],
                 issues: list[str], uncompared: list[str], part: str = "word/document.xml"):
        self.xml = xml  # the main document part
        self.part = part
        self.styles = styles
        self._reader = _Reader(styles, uncompared, _("body"))
        self.background = "FFFFFF"  # the page colour, once the body is reached
        self.headers = headers
        self.footers = footers
        self.issues = issues  # of the document as a whole (styles that hide text...)
        self.uncompared = uncompared  # what is there but cannot be compared as text
        self.part_pictures: list[str] = []  # those of ``uncompared`` that are pictures in
        # headers and footers (a reference document's logo)

    def elements(self) -> Iterator[etree._Element]:
        """The body's top-level elements in order, each complete when given and freed once
        the next is read."""
        events = etree.iterparse(io.BytesIO(self.xml), events=("end",), tag=_TOP_LEVEL,
                                 resolve_entities=False, no_network=True, huge_tree=True)
        try:
            for _event, element in events:
                parent = element.getparent()
                if element.tag == _BACKGROUND:
                    self.background = _hex(element.get(COLOR)) or "FFFFFF"
                    continue
                if parent is None or parent.tag != _BODY or element.tag == _SECT_PR:
                    continue  # a paragraph in a table cell, read with its table
                yield element
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            raise DamagedPart(self.part, exc) from None

    def style_issues(self) -> list[str]:
        """The styles that hide text and that the body uses (by name), or that apply
        without being named (the defaults)."""
        hiding = self.styles.hiding()
        if not hiding:
            return []
        used = {"Normal", "DefaultParagraphFont", "TableNormal"}
        used.update(value.decode("utf-8", "replace") for value in _STYLE_REF.findall(self.xml))
        return [_("style {style!r} makes text {how}").format(
                    style=self.styles.names.get(style_id, style_id), how=why)
                for style_id, why in hiding.items() if style_id in used]

    def element(self, xml: bytes) -> etree._Element:
        """A top-level element again, from its XML (``etree.tostring`` of it)."""
        return etree.fromstring(xml, _PARSER)

    def blocks_of(self, element: etree._Element) -> list[Block]:
        """The blocks a reader sees of one top-level body element."""
        out: list[Block] = []
        self._reader._blocks([element], out, self.background)
        return out

    @property
    def body(self) -> list[Block]:
        """The blocks of the whole body, in order."""
        return [block for element in self.elements() for block in self.blocks_of(element)]


# --- formatting that hides text ----------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """The run properties that decide whether text can be seen."""

    hidden: bool = False
    colour: str | None = None  # RRGGBB, None for automatic
    size: int | None = None  # half-points
    shading: str | None = None  # RRGGBB behind the run (w:shd fill or w:highlight)

    def over(self, rpr: etree._Element | None) -> _Look:
        """These properties with ``rpr``'s set on top."""
        if rpr is None:
            return self
        hidden, colour, size, shading = self.hidden, self.colour, self.size, self.shading
        for child in rpr:
            tag = child.tag
            if tag == VANISH or tag == SPEC_VANISH:
                hidden = _on(child)
            elif tag == COLOR:
                colour = _colour_of(child)
            elif tag == SZ:
                value = child.get(VAL, "")
                size = int(value) if value.isdigit() else size
            elif tag == SHD:
                shading = _hex(child.get(FILL)) or shading
            elif tag == HIGHLIGHT:
                shading = _HIGHLIGHTS.get(child.get(VAL, ""), shading)
        return _Look(hidden, colour, size, shading)


_HIGHLIGHTS = {"white": "FFFFFF", "black": "000000", "yellow": "FFFF00", "green": "00FF00",
               "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF", "red": "FF0000",
               "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
               "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
               "darkGray": "808080", "lightGray": "C0C0C0"}


def _on(element: etree._Element) -> bool:
    return element.get(VAL, "true") not in ("0", "false", "off")


def _hex(value: str | None) -> str | None:
    if not value or value == "auto" or len(value) != 6:
        return None
    try:
        int(value, 16)
    except ValueError:
        return None
    return value.upper()


def _colour_of(element: etree._Element) -> str | None:
    theme = element.get(_w("themeColor"), "")
    if theme in _THEME_WHITE:
        return "FFFFFF"
    if theme in _THEME_BLACK:
        return "000000"
    return _hex(element.get(VAL))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two RRGGBB colours (1: the same, 21: black on white)."""
    a, b = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


class _Styles:
    """The looks of the document defaults and of each style (``w:basedOn`` followed)."""

    def __init__(self, styles_xml: bytes | None):
        self.default = _Look()
        self._elements: dict[str, etree._Element] = {}
        self._looks: dict[str, _Look] = {}
        self.names: dict[str, str] = {}
        if not styles_xml:
            return
        root = etree.fromstring(styles_xml, _PARSER)
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{RPR}")
        self.default = _Look().over(defaults)
        for style in root.iter(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id:
                self._elements.setdefault(style_id, style)
                name = style.find(_w("name"))
                self.names[style_id] = name.get(VAL, style_id) if name is not None else style_id

    def look(self, style_id: str | None, base: _Look | None = None) -> _Look:
        """The look a style gives (over the document defaults, or over ``base``)."""
        own = self._own(style_id, set()) if style_id else []
        look = base if base is not None else self.default
        for rpr in own:
            look = look.over(rpr)
        return look

    def _own(self, style_id: str, seen: set[str]) -> list[etree._Element]:
        """The rPr elements of a style and what it is based on, base first."""
        style = self._elements.get(style_id)
        if style is None or style_id in seen:
            return []
        seen.add(style_id)
        based = style.find(_w("basedOn"))
        chain = self._own(based.get(VAL, ""), seen) if based is not None else []
        rpr = style.find(RPR)
        return chain + ([rpr] if rpr is not None else [])

    def hiding(self) -> dict[str, str]:
        """Style id -> how the style hides text, for the styles that do."""
        found = {}
        for style_id in self._elements:
            why = _why_unreadable(self.look(style_id), "FFFFFF")
            if why:
                found[style_id] = why
        return found


def _why_unreadable(look: _Look, background: str) -> str:
    """How ``look`` keeps text from being read on ``background`` (in the language of
    messages; ``HIDDEN_BY_WORD`` for hidden text), or ""."""
    if look.hidden:
        return HIDDEN_BY_WORD
    if look.size is not None and look.size < TINY_HALF_POINTS:
        return _("{size} pt").format(size=f"{look.size / 2:g}")
    behind = look.shading or background
    if look.colour is not None and contrast(look.colour, behind) < MIN_CONTRAST:
        return _("colour {colour} on {background}").format(colour=look.colour,
                                                             background=behind)
    return ""


# --- reading a part ----------------------------------------------------------------------


class _Reader:
    """Walks one part (body, header or footer) once, in document order."""

    def __init__(self, styles: _Styles, uncompared: list[str], where: str,
                 pictures: list[str] | None = None):
        self.styles = styles
        self.uncompared = uncompared
        self.where = where  # the part, as messages name it
        self.pictures = pictures  # receives the notes of pictures, if given
        self._style_looks: dict[str, _Look] = {}

    def _uncompared(self, what: str) -> None:
        """Name ``what`` (an N_ message) as there and not compared."""
        note = _("{place}: {what}").format(place=self.where, what=_(what))
        if note not in self.uncompared:
            self.uncompared.append(note)
            if what == PICTURE and self.pictures is not None:
                self.pictures.append(note)

    def blocks(self, container: etree._Element, background: str = "FFFFFF") -> list[Block]:
        out: list[Block] = []
        self._blocks(container, out, background)
        return out

    def _blocks(self, children, out: list[Block], background: str) -> None:
        for child in children:
            tag = child.tag
            if tag == P:
                out.append(self.paragraph(child, background))
            elif tag == TBL:
                out.append(self.table(child))
            elif tag == SDT:
                self._blocks(_content(child), out, background)
            elif tag == CUSTOM_XML:
                self._blocks(child, out, background)
            elif tag in (INS, DEL, MOVE_FROM, MOVE_TO):
                shown: list[Block] = []
                self._blocks(child, shown, background)
                text = " ".join(_block_text(block) for block in shown)
                issue = _tracked(tag, text)
                if tag in (INS, MOVE_TO):
                    out.extend(shown)
                if shown or text:
                    out.append(Paragraph("", issues=[issue]))
            elif tag in _UNCOMPARED_BLOCKS:
                self._uncompared(_UNCOMPARED_BLOCKS[tag])

    def paragraph(self, p: etree._Element, background: str = "FFFFFF") -> Paragraph:
        ppr = p.find(PPR)
        style = ""
        issues: list[str] = []
        if ppr is not None:
            style_element = ppr.find(P_STYLE)
            style = style_element.get(VAL, "") if style_element is not None else ""
            if any(ppr.iter(*_CHANGE_MARKS)):
                issues.append(_("a tracked formatting change not accepted"))
        look = self._look(style)
        if not issues and self._plain(p, look, background):
            # the common case, read in C: runs of text, readable, nothing else in them
            return Paragraph("".join(p.itertext(T)), style, issues)
        state = _Inline(self, look, background, issues)
        state.walk(p)
        return Paragraph(state.text(), style, issues)

    def _look(self, style: str) -> _Look:
        look = self._style_looks.get(style)
        if look is None:
            look = self._style_looks[style] = self.styles.look(style or None)
        return look

    def _plain(self, p: etree._Element, look: _Look, background: str) -> bool:
        """True when ``p`` holds nothing but readable runs of text: no field, tracked
        change, content control, picture, hidden or coloured text, tab or break."""
        if _why_unreadable(look, background) or next(p.iter(*_NOT_PLAIN), None) is not None:
            return False
        if look.size is None or look.size >= TINY_HALF_POINTS:
            return all(int(size.get(VAL, "0") or 0) >= TINY_HALF_POINTS
                       if size.get(VAL, "").isdigit() else True for size in p.iter(SZ))
        return False

    def table(self, tbl: etree._Element) -> Table:
        rows = []
        issues: list[str] = []
        for tr in _children(tbl, TR):
            rows.append(self.row(tr))
        tblpr = tbl.find(TBL_PR)
        if tblpr is not None and any(tblpr.iter(*_CHANGE_MARKS)):
            issues.append(_("a tracked formatting change not accepted"))
        return Table(rows, issues)

    def row(self, tr: etree._Element) -> Row:
        hidden = ""
        issues: list[str] = []
        trpr = tr.find(TRPR)
        if trpr is not None:
            for child in trpr:
                if child.tag == HIDDEN and _on(child):
                    hidden = HIDDEN_BY_WORD
                elif child.tag == TR_HEIGHT and child.get(H_RULE) == "exact":
                    value = child.get(VAL, "")
                    if value.isdigit() and int(value) < TINY_ROW_TWIPS:
                        hidden = f"{int(value) / 20:g}"
                elif child.tag in (INS, DEL):
                    issues.append(_("a tracked change (inserted row) not accepted")
                                  if child.tag == INS
                                  else _("a tracked change (deleted row) not accepted"))
                elif child.tag in _CHANGE_MARKS:
                    issues.append(_("a tracked formatting change not accepted"))
        cells = [self.cell(tc) for tc in _children(tr, TC)]
        return Row(cells, hidden, issues)

    def cell(self, tc: etree._Element) -> Cell:
        fill = None
        tcpr = tc.find(TCPR)
        issues: list[str] = []
        if tcpr is not None:
            shd = tcpr.find(SHD)
            if shd is not None:
                fill = _hex(shd.get(FILL))
            if any(tcpr.iter(CELL_INS, CELL_DEL, *_CHANGE_MARKS)):
                issues.append(_("a tracked change not accepted"))
        blocks = self.blocks(tc, fill or "FFFFFF")
        texts = []
        for block in blocks:
            issues.extend(block.issues)
            if isinstance(block, Table):
                for row in block.rows:
                    issues.extend(row.issues)
                    if row.hidden:
                        issues.append(hidden_row(row, _quote(_row_text(row))))
                    for inner in row.cells if not row.hidden else ():
                        issues.extend(inner.issues)
            text = _block_text(block)
            if text:
                texts.append(text)
        return Cell("\n".join(texts), fill, issues)


def _content(sdt: etree._Element) -> etree._Element:
    content = sdt.find(SDT_CONTENT)
    return content if content is not None else etree.Element(SDT_CONTENT)


def _children(parent: etree._Element, tag: str):
    """``parent``'s children ``tag``, read through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            yield from _children(_content(child), tag)
        elif child.tag == CUSTOM_XML:
            yield from _children(child, tag)


_TRACKED = {
    INS: N_("a tracked change (inserted) not accepted: {text}"),
    DEL: N_("a tracked change (deleted) not accepted: {text}"),
    MOVE_FROM: N_("a tracked change (moved away) not accepted: {text}"),
    MOVE_TO: N_("a tracked change (moved here) not accepted: {text}"),
}
_TRACKED_OTHER = N_("a tracked change (change) not accepted: {text}")


def _tracked(tag: str, text: str) -> str:
    """The finding of a tracked change ``tag`` not accepted, of ``text``."""
    return _(_TRACKED.get(tag, _TRACKED_OTHER)).format(text=_quote(text))


def hidden_row(row: Row, text: str | None = None) -> str:
    """``a row hidden`` (``a row 0.5 pt high``), with ``: text`` when given: whole phrases,
    so that a translation can inflect "hidden" for a row."""
    if row.hidden == HIDDEN_BY_WORD:
        return _("a row hidden") if text is None else _("a row hidden: {text}").format(text=text)
    if text is None:
        return _("a row {how}").format(how=row_height(row))
    return _("a row {how}: {text}").format(how=row_height(row), text=text)


def row_height(row: Row) -> str:
    """``0.5 pt high``: the height of a row too low to read, as a message says it."""
    return _("{size} pt high").format(size=row.hidden)


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"' if text else _("(no text)")


def _row_text(row: Row) -> str:
    return " | ".join(cell.text for cell in row.cells)


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(_row_text(row) for row in block.shown)


class _Inline:
    """The runs of one paragraph: visible text, fields, hidden text."""

    def __init__(self, reader: _Reader, look: _Look, background: str, issues: list[str]):
        self.reader = reader
        self.look = look
        self.background = background
        self.issues = issues
        self.pieces: list[str] = []
        self.fields: list[list] = []  # per open field: [instruction, in result?]
        self.unreadable: dict[str, list[str]] = {}  # why -> the texts

    def text(self) -> str:
        for why, texts in self.unreadable.items():
            if why == HIDDEN_BY_WORD:
                issue = _("hidden text: {text}").format(text=_quote(" ".join(texts)))
            else:
                issue = _("unreadable ({how}) text: {text}").format(
                    how=why, text=_quote(" ".join(texts)))
            self.issues.append(issue)
        return "".join(self.pieces)

    def walk(self, element: etree._Element, recalculated: bool = False) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                self.run(child, recalculated)
            elif tag in _PASS_THROUGH:
                self.walk(child, recalculated)
            elif tag == SDT:
                self.walk(_content(child), recalculated)
            elif tag == FLD_SIMPLE:
                instruction = child.get(INSTR_ATTR, "")
                self.walk(child, recalculated or _recalculated(instruction))
            elif tag in (INS, MOVE_TO):
                before = len(self.pieces)
                self.walk(child, recalculated)
                added = "".join(self.pieces[before:])
                self.issues.append(_tracked(tag, added))
            elif tag in (DEL, MOVE_FROM):
                removed = "".join(t.text or "" for t in child.iter(DEL_TEXT, T))
                self.issues.append(_tracked(tag, removed))

    def run(self, r: etree._Element, recalculated: bool) -> None:
        rpr = r.find(RPR)
        look = self.look
        if rpr is not None:
            style = rpr.find(R_STYLE)
            if style is not None:
                look = self.reader.styles.look(style.get(VAL), look)
            look = look.over(rpr)
            if any(rpr.iter(*_CHANGE_MARKS)):
                self.issues.append(_("a tracked formatting change not accepted"))
        why = _why_unreadable(look, self.background)
        for child in r:
            tag = child.tag
            if tag == FLD_CHAR:
                kind = child.get(FLD_CHAR_TYPE)
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == INSTR:
                if self.fields:
                    self.fields[-1][0] += child.text or ""
                continue
            if tag in _UNCOMPARED_IN_RUN:
                what = _UNCOMPARED_IN_RUN[tag]
                if what == PICTURE and next(child.iter(_TEXT_BOX), None) is not None:
                    what = N_("a text box")
                self.reader._uncompared(what)
                continue
            text = _run_text(child)
            if not text:
                continue
            if self.fields and (not self.fields[-1][1] or any(
                    _recalculated(instruction) for instruction, _ in self.fields)):
                continue  # a field's code, or a result a word processor recalculates
            if recalculated:
                continue
            if why and text.strip():
                self.unreadable.setdefault(why, []).append(text)
                continue
            self.pieces.append(text)


def _recalculated(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in RECALCULATED_FIELDS


def _run_text(child: etree._Element) -> str:
    tag = child.tag
    if tag == T:
        return child.text or ""
    if tag == TAB or tag == PTAB:
        return "\t"
    if tag == BR or tag == CR:
        return "\n" if child.get(TYPE, "textWrapping") == "textWrapping" else ""
    if tag == NB_HYPHEN:
        return "-"
    if tag == SYM:
        code = child.get(CHAR, "")
        try:
            return chr(int(code, 16))
        except ValueError:
            return ""
    return ""


# --- the document ------------------------------------------------------------------------


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rId -> (type, target part name) of ``part``'s relationships."""
    folder, name = dirname(part), part.rsplit("/", 1)[-1]
    rels_name = join(folder, "_rels", name + ".rels")
    try:
        root = etree.fromstring(archive.read(rels_name), _PARSER)
    except KeyError:
        return {}
    except etree.XMLSyntaxError as exc:
        raise DamagedPart(rels_name, exc) from None
    out = {}
    for rel in root:
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else normpath(join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return out


def main_part(archive: zipfile.ZipFile) -> str:
    """The name of the main document part (``word/document.xml`` unless renamed)."""
    for rel in _rels(archive, "").values():
        if rel[0].endswith("/officeDocument"):
            return rel[1]
    return "word/document.xml"


class Parts:
    """A document's parts (name -> bytes) read as ``read`` reads a zip archive."""

    def __init__(self, parts: dict[str, bytes]):
        self._parts = parts

    def read(self, name: str) -> bytes:
        return self._parts[name]

    def namelist(self) -> list[str]:
        return list(self._parts)


def read(archive: zipfile.ZipFile | Parts) -> Document:
    """What a reader sees of the .docx open in ``archive`` (already checked as safe to read:
    ``dpia.filetype.check_report``), or of a document's ``Parts``."""
    main = main_part(archive)
    rels = _rels(archive, main)
    styles_name = next((target for kind, target in rels.values() if kind.endswith("/styles")),
                       None)
    try:
        styles = _Styles(archive.read(styles_name) if styles_name in archive.namelist() else None)
    except etree.XMLSyntaxError as exc:
        raise DamagedPart(str(styles_name), exc) from None
    uncompared: list[str] = []
    pictures: list[str] = []  # of them, pictures in headers and footers
    headers, footers = [], []
    main_xml = archive.read(main)
    shown = _referenced(main_xml)
    for kind, target in sorted({rels[rid] for rid in shown if rid in rels},
                               key=lambda rel: rel[1]):
        if kind not in (_RT_HEADER, _RT_FOOTER) or target not in archive.namelist():
            continue
        element = _parse(archive, target)
        where = (_("header {part}") if kind == _RT_HEADER else _("footer {part}")).format(
            part=target)
        blocks = _Reader(styles, uncompared, where, pictures).blocks(element)
        part_issues = [issue for block in blocks for issue in _all_issues(block)]
        text = "\n".join(text for text in (_block_text(block) for block in blocks) if text)
        (headers if kind == _RT_HEADER else footers).append(Part(target, text, part_issues))
    for note_part, message in (("comments", N_("comments ({part})")),
                               ("footnotes", N_("footnotes ({part})")),
                               ("endnotes", N_("endnotes ({part})"))):
        # parts Word writes with separators only are fine; text in them is not compared
        name = next((t for k, t in rels.values() if k.endswith("/" + note_part)), None)
        if name and name in archive.namelist() and _has_text(_parse(archive, name)):
            uncompared.append(_(message).format(part=name))
    document = Document(main_xml, styles, headers, footers, [], uncompared, main)
    document.part_pictures = pictures
    return document


_REFERENCE = re.compile(rb"Reference\b([^>]*)>")
_ID = re.compile(rb"""(?:^|\s)(?:[\w.-]+:)?id\s*=\s*["']([^"']*)["']""")


def _referenced(xml: bytes) -> set[str]:
    """The relationship ids of the headers and footers the sections show: a part a
    reference document left in the package without a section showing it is not seen."""
    found = set()
    for match in _REFERENCE.finditer(xml):
        if xml[max(0, match.start() - 6):match.start()] not in (b"header", b"footer"):
            continue
        for value in _ID.findall(match.group(1)):
            found.add(html.unescape(value.decode("utf-8", "replace")))
    return found


def part_text(element: etree._Element) -> str:
    """The visible text of a header or footer (its root element), as ``read`` gives it."""
    blocks = _Reader(_Styles(None), [], "part").blocks(element)
    return "\n".join(text for text in (_block_text(block) for block in blocks) if text)


def _all_issues(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return list(block.issues)
    found = list(block.issues)
    for row in block.rows:
        found.extend(row.issues)
        for cell in row.cells:
            found.extend(cell.issues)
    return found


def _has_text(root: etree._Element) -> bool:
    return any((t.text or "").strip() for t in root.iter(T))
