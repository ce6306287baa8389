"""The WordprocessingML namespace, element helpers and the escaping every writer of XML text
in :mod:`dpia.docxml` shares."""

from __future__ import annotations

from lxml import etree

from dpia.sanitise import NOT_ONE_PLAIN_RUN

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SECT_PR = f"{{{W}}}sectPr"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        element.set(_w(key), value)
    return element


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


_SPECIAL = NOT_ONE_PLAIN_RUN  # see dpia.sanitise
