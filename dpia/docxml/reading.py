"""Reading a report's tables back (``dpia verify``, ``dpia.visible``): each table's kind,
from the hidden bookmark the writer puts around the text of its first cell, and its cells'
text, parsed safely (the report is the user's file)."""

from __future__ import annotations

import re

from lxml import etree

from dpia.docxml.ns import _w

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
