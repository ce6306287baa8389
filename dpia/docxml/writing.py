"""Writing WordprocessingML with lxml where python-docx has no API: runs and complex
fields (PAGE, NUMPAGES, TOC), paragraphs as XML text, page orientation and section breaks,
the body, headers and footers (placeholders filled), the document's language, hyphenation
and field settings, and styles copied from a reference document."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence

from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from lxml import etree

from dpia.docxml.ns import _SECT_PR, _SPECIAL, _XML_SPACE, W, _attr, _sub, _text, _w
from dpia.sanitise import word_text

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


# --- the body, headers and footers ----------------------------------------------------------

_RUN_BREAKS = re.compile("([\t\r\n])")
_PICTURES = (_w("drawing"), _w("pict"), _w("object"))


def last_in_body(body: etree._Element) -> etree._Element | None:
    """The element :func:`append_to_body` appended last (the one before the final
    ``w:sectPr``), or None."""
    try:
        last = body[-1]
    except IndexError:
        return None
    return last.getprevious() if last.tag == _SECT_PR else last


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
