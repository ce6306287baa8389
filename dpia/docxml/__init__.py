"""Raw WordprocessingML: the one place where dpia touches a Word document's XML directly.

Everything python-docx has no API for lives here, in four modules along its seams:

- :mod:`dpia.docxml.writing`: runs, paragraphs, complex fields (PAGE, NUMPAGES, TOC),
  landscape sections, the body, headers and footers, language and settings, styles;
- :mod:`dpia.docxml.tables`: tables built as XML text in one pass (linear in rows;
  ``table.cell(r, c)`` re-scans the table on every call), with cell shading, repeated
  header rows and alt text;
- :mod:`dpia.docxml.reading`: a report's tables read back (``dpia verify``) and the hidden
  bookmark that names a table's kind;
- :mod:`dpia.docxml.packaging`: the package's parts, the deterministic re-zip that makes
  two builds byte-identical (the body deflated beforehand on a second core), custom XML
  parts and core properties;

and :mod:`dpia.docxml.ns`, the namespace and escaping they share. Their public names are
re-exported here: ``from dpia import docxml`` then ``docxml.table_kind``. Settings read at
run time (``LARGE_BODY``) are changed in their own module (``dpia.docxml.packaging``).

Tables carry alt text for people (``w:tblCaption``: a title; ``w:tblDescription``: one
sentence), and the kind of table for programs as a hidden bookmark around the text of their
first cell, ``_dpia_KIND_N`` (see :func:`table_marker`): a name Word shows only under "Hidden
bookmarks", which Word and LibreOffice keep when they save the file again, and no screen
reader announces. The first row is the header, the first column the row's ID. The kinds the
report writes are listed in :mod:`dpia.report` (module docstring).
"""

from __future__ import annotations

from dpia.docxml.ns import (
    W,
    _w,
)
from dpia.docxml.packaging import (
    CUSTOM_XML_CT,
    CUSTOM_XML_PROPS_CT,
    FIXED_ZIP_TIME,
    LARGE_BODY_LEVEL,
    RT_CUSTOM_XML,
    RT_CUSTOM_XML_PROPS,
    BackgroundDeflate,
    add_custom_xml_part,
    body_deflate_level,
    custom_xml_part,
    custom_xml_props,
    deterministic_zip,
    drop_custom_xml_parts,
    drop_external_links,
    package_parts,
    remove_core_dates,
    reset_core_properties,
)
from dpia.docxml.reading import (
    MARKER_PREFIX,
    cell_text,
    read_tables,
    table_kind,
    table_marker,
)
from dpia.docxml.tables import (
    HEADER_FILL,
    NOTE_HALF_POINTS,
    TABLE_FONT_HALF_POINTS,
    StyledCell,
    _spliced,
    build_table,
    shown_text,
    table_blocks,
    table_xml,
    table_xml_utf8,
    xml_placeholder,
)
from dpia.docxml.writing import (
    add_field,
    add_plain_run,
    add_text_run,
    add_toc,
    append_to_body,
    clear_body,
    clear_header_footer,
    copy_styles,
    fill_placeholders,
    has_text,
    last_in_body,
    paragraph_xml,
    paragraphs_by_style,
    plain_run_xml,
    run_xml,
    set_language,
    set_orientation,
    set_paragraph_style,
    shrink_section_break,
    suppress_hyphenation,
    text_width_twips,
    update_fields_on_open,
)

__all__ = [
    "StyledCell",
    "W",
    "_w",
    "add_field",
    "add_plain_run",
    "add_text_run",
    "add_toc",
    "append_to_body",
    "clear_body",
    "clear_header_footer",
    "copy_styles",
    "fill_placeholders",
    "has_text",
    "last_in_body",
    "paragraph_xml",
    "paragraphs_by_style",
    "plain_run_xml",
    "run_xml",
    "set_language",
    "set_orientation",
    "set_paragraph_style",
    "shrink_section_break",
    "suppress_hyphenation",
    "text_width_twips",
    "update_fields_on_open",
    "HEADER_FILL",
    "NOTE_HALF_POINTS",
    "TABLE_FONT_HALF_POINTS",
    "_spliced",
    "build_table",
    "shown_text",
    "table_blocks",
    "table_xml",
    "table_xml_utf8",
    "xml_placeholder",
    "MARKER_PREFIX",
    "cell_text",
    "read_tables",
    "table_kind",
    "table_marker",
    "BackgroundDeflate",
    "CUSTOM_XML_CT",
    "CUSTOM_XML_PROPS_CT",
    "FIXED_ZIP_TIME",
    "LARGE_BODY_LEVEL",
    "RT_CUSTOM_XML",
    "RT_CUSTOM_XML_PROPS",
    "add_custom_xml_part",
    "body_deflate_level",
    "custom_xml_part",
    "custom_xml_props",
    "deterministic_zip",
    "drop_custom_xml_parts",
    "drop_external_links",
    "package_parts",
    "remove_core_dates",
    "reset_core_properties",
]
