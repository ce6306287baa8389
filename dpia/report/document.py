"""The Word document being built: a python-docx Document started from a reference .docx,
with small methods for headings, narrative paragraphs, tables and page layout."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph as DocxParagraph

from dpia import docxml, schema
from dpia.errors import TemplateError
from dpia.i18n import _, ngettext
from dpia.report.text import Paragraph, Segment
from dpia.sanitise import word_text

# Every style the report uses: a reference document that lacks one gets dpia's own.
REQUIRED_STYLES: tuple[str, ...] = (
    "Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid", "List Bullet",
    "Caption",
)
# Used where the reference has them: the contents' entries
OPTIONAL_STYLES: tuple[str, ...] = ("toc 1", "toc 2")
# A table of up to this many rows is kept on one page (moved whole to the next when it does
# not fit): a page that ends with a header row and a row or two of it reads badly
SMALL_TABLE_ROWS = 10
# grey: visibly a note, not an answer, and 5.7:1 on white (WCAG AA asks 4.5:1)
NOT_PROVIDED_COLOUR = "666666"
# A bullet as DPOs type one at the start of a line in a cell: a mark, then a space
TYPED_BULLET = re.compile(r"[•·▪◦‣∙*\-–—]\s+(?=\S)")
# [Page] and [Pages] in a house template's header or footer: the page number fields
PAGE_PLACEHOLDERS = {"page": "PAGE", "pagina": "PAGE", "pages": "NUMPAGES",
                     "pagina's": "NUMPAGES", "paginas": "NUMPAGES"}


_FILL_IN = re.compile(r"\{([a-z_]+)\}")


def fill_in(text: str, values: Mapping[str, str] | None) -> str:
    """``text`` (a label) with each ``{name}`` replaced by ``values[name]`` in one pass: a
    value that itself holds ``{name}`` stays as it is. Names not given stay as written."""
    if not values:
        return text
    return _FILL_IN.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def default_reference() -> bytes:
    """The shipped reference document (``templates/reference.docx``)."""
    return resources.files("dpia.templates").joinpath("reference.docx").read_bytes()


def open_reference(template: Path | None,
                   notes: list[str] | None = None) -> docx.document.Document:
    """A Document started from ``template`` (or the shipped reference), body cleared.

    Styles the report uses that ``template`` lacks (a reference made in LibreOffice or
    Google Docs defines only the styles it uses) are taken from the shipped reference, each
    named in ``notes``. Raises TemplateError when the file is not a usable .docx.
    """
    if template is None:
        data, label = default_reference(), "reference.docx"
    else:
        from dpia.filetype import check_template

        label = str(template)
        check_template(Path(template))  # macros, entity declarations, non-docx files
        try:
            data = Path(template).read_bytes()
        except OSError as exc:
            raise TemplateError(_("{file}: cannot read the template: {reason}")
                                .format(file=label, reason=exc.strerror)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds for a non-docx file
        raise TemplateError(
            _("{file}: not a Word document (.docx); give a reference .docx saved by Word or "
              "LibreOffice").format(file=label)
        ) from None
    try:
        docxml.clear_body(document.element.body)  # the template's own text is not the report's
        if template is not None:
            # the report sets every document property itself: a template's own core
            # properties, damaged or not, are replaced
            docxml.reset_core_properties(document.part.package)
            ours = docx.Document(io.BytesIO(default_reference()))
            copied = docxml.copy_styles(document, ours, REQUIRED_STYLES + OPTIONAL_STYLES)
            document.settings.element  # noqa: B018 (read now: a damaged part fails here)
            for section in document.sections:
                for part in (section.header, section.footer, section.first_page_header,
                             section.first_page_footer, section.even_page_header,
                             section.even_page_footer):
                    if not part.is_linked_to_previous:
                        part._element  # noqa: B018
        names = {style.name for style in document.styles}
    except Exception:  # parts python-docx read but cannot use: a damaged document
        raise TemplateError(
            _("{file}: the reference document is damaged (its styles or body cannot be "
              "read); open it in Word and save it again").format(file=label)
        ) from None
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:  # only our own reference could lack one: a bug caught by the tests
        raise TemplateError(f"{label}: the reference document has no style '{missing[0]}'")
    if template is not None:
        wanted = [name for name in copied if name in REQUIRED_STYLES]
        if wanted and notes is not None:
            notes.append(
                ngettext("the reference document has no style {names}; dpia's own is used "
                         "(define it in your reference document to restyle it)",
                         "the reference document has no styles {names}; dpia's own are used "
                         "(define them in your reference document to restyle them)",
                         len(wanted)).format(names=", ".join(f"'{name}'" for name in wanted)))
        # a reference document may come from anyone: the report must not make Word fetch
        # its attached template, linked pictures or data sources from a server
        docxml.drop_external_links(document.part.package)
    return document


class ReportDocument:
    """A report under construction: wraps the python-docx Document."""

    def __init__(self, template: Path | None, labels: dict, notes: list[str] | None = None):
        self.document = open_reference(template, notes)
        self.labels = labels
        self._style_ids: dict[str, str] = {}
        for style in self.document.styles:  # the first of two styles with one name wins
            self._style_ids.setdefault(style.name, style.style_id)
        # the report's language for spelling, screen readers and hyphenation; titles and
        # headings stay whole words
        docxml.set_language(self.document, labels["document"]["locale"])
        docxml.update_fields_on_open(self.document)
        docxml.suppress_hyphenation(self.document, (
            self._style_ids[name] for name in ("Title", "Heading 1", "Heading 2", "Heading 3")))
        # the w:body element, kept: python-docx looks it up among the document's children
        # on every access, thousands of times in a large report
        self._body = self.document.element.body
        self._tables = 0  # tables with a caption ("Table 3: ...")
        self._marked = 0  # tables with alt text and a hidden bookmark naming their kind
        self._toc = None
        # style id -> level of the headings listed in the table of contents
        self._toc_styles = {self._style_ids.get(f"Heading {n}"): n for n in (1, 2)}
        self._section_start = True  # nothing written yet in the current section
        # Kept here, not looked up per table: ``document.sections[-1]`` runs an XPath over
        # the whole body, which made reports with many tables quadratic.
        self._text_width = docxml.text_width_twips(self.document.sections[-1])
        section = self.document.sections[-1]
        self._portrait_width = docxml.text_width_twips(section) if \
            section.page_width <= section.page_height else \
            int((section.page_height - section.left_margin - section.right_margin) / 635)
        # Tables and paragraphs written as XML text, spliced in for their placeholders by
        # to_bytes (see docxml.xml_placeholder): for each placeholder, its pieces. UTF-8
        # at once: one non-ASCII letter would make a str of a big table 2-4 times larger.
        self._xml_pieces: list[list[bytes]] = []
        self._placeholder = None  # the last placeholder appended, to add paragraphs to
        # the pieces whose last one is the empty paragraph after the last table, if nothing
        # came after it (see new_section)
        self._gap_after_table: list[bytes] | None = None
        self._deflating: docxml.BackgroundDeflate | None = None  # see start_deflating

    def _add_paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        """``Document.add_paragraph`` in constant time: python-docx finds the place before
        the final ``w:sectPr`` by scanning the whole body on every call (quadratic in the
        number of paragraphs). Same XML: a run with ``text``, the style's id (none for the
        default paragraph style)."""
        body = self._body
        p = body._new_p()
        docxml.append_to_body(body, p)
        if style is not None:
            # by id from our own name map: python-docx's lookup by name misses styles that
            # LibreOffice saves as "Heading 1" where Word writes "heading 1"
            docxml.set_paragraph_style(p, self._style_ids[style])
        if text:
            docxml.add_plain_run(p, text)
        return DocxParagraph(p, self.document._body)

    # --- text ---------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1, *, new_page: bool = False) -> None:
        """A heading in style Heading ``level``; ``new_page`` starts it on a new page."""
        text = word_text(text)
        style_id = self._style_ids[f"Heading {level}"]
        page_break = new_page and not self._section_start
        self._section_start = False
        if style_id not in self._toc_styles and style_id.isalnum() and not page_break:
            # not in the table of contents (which finish() reads from the body): written as
            # XML text like narrative, a thousand of them for as many processing operations
            runs = (docxml.plain_run_xml(text),) if text else ()
            self._append_xml(docxml.paragraph_xml(runs, style_id, keep_next=True).encode("utf-8"))
            return
        paragraph = self._add_paragraph(text, f"Heading {level}")
        # kept with what follows even where a house style's headings are not
        paragraph.paragraph_format.keep_with_next = True
        if page_break:
            paragraph.paragraph_format.page_break_before = True

    def paragraph(self, segments: Sequence[Segment] | str = (), *, style: str | None = None):
        """A paragraph of segments (template wording and values) or plain text."""
        paragraph = self._add_paragraph(style=style)
        if isinstance(segments, str):
            segments = (Segment(segments),)
        for segment in segments:
            self._run(paragraph, segment)
        self._section_start = False
        return paragraph

    def _run(self, paragraph, segment: Segment) -> None:
        if segment.missing:
            docxml.add_text_run(paragraph._p, segment.text, italic=True,
                                colour=NOT_PROVIDED_COLOUR)
        else:
            docxml.add_text_run(paragraph._p, word_text(segment.text))

    def _text_paragraph(self, segments: Sequence[Segment] | str,
                        style: str | None = None, *, keep_next: bool = False) -> None:
        """:meth:`paragraph` for a paragraph nothing changes afterwards, written as XML text
        (``docxml.paragraph_xml``, the same XML): narrative runs to thousands of them."""
        style_id = self._style_ids[style] if style is not None else None
        if style_id is not None and not style_id.isalnum():  # rare: let lxml escape it
            self.paragraph(segments, style=style).paragraph_format.keep_with_next = \
                keep_next or None
            return
        if isinstance(segments, str):
            segments = (Segment(segments),)
        runs = (docxml.run_xml(segment.text, italic=True, colour=NOT_PROVIDED_COLOUR)
                if segment.missing else docxml.run_xml(word_text(segment.text))
                for segment in segments)
        self._append_xml(docxml.paragraph_xml(runs, style_id, keep_next=keep_next)
                         .encode("utf-8"))
        self._section_start = False

    def _append_xml(self, *xml: bytes) -> None:
        """Append ``xml`` (UTF-8, in pieces) to the body: to the XML of the last placeholder
        when nothing came after it, else under a new placeholder."""
        body = self._body
        if self._placeholder is None or docxml.last_in_body(body) is not self._placeholder:
            self._xml_pieces.append([])
            self._placeholder = docxml.xml_placeholder(len(self._xml_pieces) - 1)
            docxml.append_to_body(body, self._placeholder)
        self._xml_pieces[-1].extend(xml)
        self._gap_after_table = None

    def paragraphs(self, paragraphs: Iterable[Paragraph], *, keep_next: bool = False) -> None:
        """Rendered narrative: bullets in List Bullet, the rest in Normal; ``keep_next``: on
        the page of what follows (the sentence that introduces a table)."""
        for item in paragraphs:
            self._text_paragraph(item.segments, "List Bullet" if item.bullet else None,
                                 keep_next=keep_next)

    def text_or_missing(self, text: str) -> None:
        """A workbook text field as paragraphs (one per line), or the "not provided" note.
        A line typed as a bullet (``• ``, ``- ``, ``* ``...) becomes a List Bullet paragraph
        without its mark."""
        text = word_text(text).strip()
        if not text:
            self.missing()
            return
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            bullet = TYPED_BULLET.match(line)
            if bullet:
                self._text_paragraph(line[bullet.end():], "List Bullet")
            else:
                self._text_paragraph(line)

    def missing(self, text: str | None = None) -> None:
        """The visible "not provided" note."""
        note = text or self.labels["values"]["not_provided"]
        self._text_paragraph((Segment(note, value=True, missing=True),))

    def bullets(self, items: Iterable[Sequence[Segment] | str]) -> None:
        """One List Bullet paragraph per item."""
        for item in items:
            self._text_paragraph(item, "List Bullet")

    def page_break(self) -> None:
        """Continue on a new page."""
        self._add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._section_start = True

    # --- tables -------------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[object],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float],
        *,
        kind: str,
        about: Mapping[str, str] | None = None,
        caption: str | None = None,
        header_column: bool = False,
        keep_together: bool = False,
        keep_with_next: bool = False,
        portrait_width: bool = False,
    ) -> None:
        """A table as wide as the text area of the current section, built as XML in one pass.

        Its alt text is the title and sentence of ``[tables.KIND]`` in labels.toml, with
        ``{name}`` filled from ``about``; a hidden bookmark names its kind for programs
        (``docxml.table_marker``). ``keep_together``: on one page (as is a list of up to
        ``SMALL_TABLE_ROWS`` rows);
        ``keep_with_next``: also on the page of what follows (a heat map and its key);
        ``portrait_width``: no wider than on a portrait page (a grid in a landscape section)."""
        if not keep_together and isinstance(rows, Sequence) and len(rows) <= SMALL_TABLE_ROWS:
            keep_together = True
        if caption:
            self._tables += 1
            label = self.labels["document"]["caption_table"]
            title = self.paragraph(f"{label} {self._tables}: {caption}", style="Caption")
            title.paragraph_format.keep_with_next = True
        self._marked += 1
        alt = self.labels["tables"][kind]
        xml = docxml.table_xml_utf8(
            style_id=self._style_ids["Table Grid"],
            headers=headers,
            rows=rows,
            widths=widths,
            total_width=min(self._text_width, self._portrait_width) if portrait_width
            else self._text_width,
            kind=kind,
            number=self._marked,
            title=fill_in(alt["title"], about),
            description=fill_in(alt["description"], about),
            header_column=header_column,
            keep_together=keep_together,
            keep_with_next=keep_with_next,
        )
        # as text, not elements: see docxml.xml_placeholder
        self._append_xml(*xml)
        # an empty paragraph after each table keeps consecutive tables apart
        self._append_xml(docxml.paragraph_xml((), keep_next=keep_with_next).encode("utf-8"))
        self._gap_after_table = self._xml_pieces[-1]
        self._section_start = False

    def legend(self, intro: str, items: Iterable[tuple[str, str, str, str]], *,
               keep_next: bool = False) -> None:
        """A key to colours: ``intro``, then each (name, fill, text colour, colour's name)
        as the name on its colour, and the colour's name in words after it."""
        runs = [docxml.run_xml(word_text(intro))]
        for name, fill, colour, colour_name in items:
            runs.append(docxml.run_xml(" "))
            runs.append(docxml.run_xml(f"\u00a0{word_text(name)}\u00a0", bold=True,
                                       colour=colour, fill=fill))
            runs.append(docxml.run_xml(f" ({colour_name})"))
        self._append_xml(docxml.paragraph_xml(runs, keep_next=keep_next).encode("utf-8"))
        self._section_start = False

    # --- layout -------------------------------------------------------------------------

    def new_section(self, *, landscape: bool) -> None:
        """Start a new page in a new section, landscape or portrait."""
        pieces = self._gap_after_table
        if pieces is not None and docxml.last_in_body(self._body) is self._placeholder \
                and pieces is self._xml_pieces[-1]:
            # The section break's own paragraph already follows the table: a second empty
            # paragraph after a table that fills its page would make a blank page.
            pieces.pop()
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        docxml.shrink_section_break(self._body)
        docxml.set_orientation(section, landscape)
        self._text_width = docxml.text_width_twips(section)
        self._section_start = True

    def header_footer(self, header_text: str, version_text: str,
                      values: Mapping[str, str] | None = None) -> None:
        """Header with classification and title; footer with version and "Page X of Y".

        Written into every header/footer the reference defines (default, and first-page or
        even-page ones where it has them); pictures there (a logo) are kept, text replaced.
        A header or footer of a house template that has text of its own is kept as it is,
        its placeholders filled: ``[Title]``, ``[Version]``... (any Assessment field, by its
        name in any language, from ``values``) and ``[Page]``, ``[Pages]``. (The shipped
        reference's headers and footers are empty.)"""
        values = values or {}
        section = self.document.sections[0]
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False

        def resolve(name: str) -> tuple[str, str] | None:
            field = PAGE_PLACEHOLDERS.get(name.casefold())
            if field:
                return ("field", field)
            column = schema.find_field(name)
            if column is not None and column.key in values:
                return ("text", values[column.key])
            return None

        for kind in ("header", "first_page_header", "even_page_header",
                     "footer", "first_page_footer", "even_page_footer"):
            part = getattr(section, kind)
            if part.is_linked_to_previous:
                continue
            if docxml.has_text(part._element):  # the organisation's own: kept, filled in
                docxml.fill_placeholders(part._element, resolve)
                continue
            paragraph = docxml.clear_header_footer(part._element)
            if kind.endswith("header"):
                docxml.add_text_run(paragraph, word_text(header_text))
            else:
                self._footer(paragraph, version_text)

    def _footer(self, paragraph, version_text: str) -> None:
        labels = self.labels["document"]
        paragraph.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.CENTER
        if version_text:
            docxml.add_text_run(paragraph, word_text(version_text) + "    ")
        docxml.add_text_run(paragraph, f"{labels['page']} ")
        docxml.add_field(paragraph, "PAGE", "1")
        docxml.add_text_run(paragraph, f" {labels['of']} ")
        docxml.add_field(paragraph, "NUMPAGES", "1")

    def toc(self) -> None:
        """A table of contents field, marked for update when Word opens the document; its
        entries are filled in by :meth:`finish` (for readers that do not update fields)."""
        self._toc = self._add_paragraph()
        self._section_start = False

    def finish(self) -> None:
        """Fill the table of contents with the headings written (levels 1 and 2)."""
        if getattr(self, "_toc", None) is None:
            return
        entries = docxml.paragraphs_by_style(self._body, self._toc_styles)
        # the contents styles where the reference defines them (Word's "toc 1", "toc 2")
        entry_styles = {level: self._style_ids.get(f"toc {level}") for level in (1, 2)}
        docxml.add_toc(self._toc._p, 'TOC \\o "1-2" \\h \\z \\u', entries,
                       self.labels["document"]["toc_placeholder"], entry_styles)

    def has_style(self, name: str) -> bool:
        return name in self._style_ids

    # --- saving -------------------------------------------------------------------------

    def to_bytes(self, *, title: str, author: str, date: dt.date | None, language: str) -> bytes:
        """The .docx bytes, reproducible: fixed core properties, deterministic zip."""
        props = self.document.core_properties
        # core.xml holds workbook text too: control characters would make lxml refuse it
        # (python-docx also caps these fields at 255 characters)
        props.title = word_text(title).replace("\n", " ")[:255]
        props.author = word_text(author).replace("\n", " ")[:255]
        props.last_modified_by = props.author
        props.subject = self.labels["document"]["subtitle"]
        props.language = language
        props.comments = ""
        props.keywords = "DPIA"
        props.category = ""
        props.revision = 1
        props.content_status = ""
        props.identifier = ""
        props.version = ""
        if date is not None:
            moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
            props.created = moment
            props.modified = moment
        # no wall clock and no date from the reference document: only the assessment's date
        docxml.remove_core_dates(props._element, keep=date is not None)
        return docxml.deterministic_zip(docxml.package_parts(self.document),
                                        tables=self._xml_pieces, deflated=self._deflating)

    def header_footer_texts(self) -> tuple[list[str], list[str]]:
        """The visible text of each header and of each footer the sections define."""
        from dpia import visible

        headers, footers = [], []
        for section in self.document.sections:
            for kind in ("header", "first_page_header", "even_page_header",
                         "footer", "first_page_footer", "even_page_footer"):
                part = getattr(section, kind)
                if part.is_linked_to_previous:  # no part of its own (asking would add one)
                    continue
                text = visible.part_text(part._element)
                (headers if kind.endswith("header") else footers).append(text)
        return headers, footers

    def parts(self) -> dict[str, bytes]:
        """The document's parts as they are now (zip member name -> bytes), the body with its
        tables, unzipped: for comparing, not for saving (no fixed core properties)."""
        parts = docxml.package_parts(self.document)
        if self._xml_pieces:
            body = parts["word/document.xml"]
            parts["word/document.xml"] = b"".join(docxml._spliced(body, self._xml_pieces))
        return parts

    def start_deflating(self) -> None:
        """Start deflating the body with its tables in a thread (see
        ``docxml.BackgroundDeflate``): call once the body is complete, then do other work
        (the provenance record) before :meth:`to_bytes`. A body changed after this call is
        deflated again when saved, never stored stale."""
        if self._xml_pieces:
            self._deflating = docxml.BackgroundDeflate(self.document.part.blob,
                                                       self._xml_pieces)
