"""The .docx package: its parts without the zip (:func:`package_parts`), the deterministic
re-zip that makes two builds byte-identical (fixed times, fixed order, the tables spliced
into the body as it is written, the body deflated beforehand on a second core), custom XML
parts (the provenance record and its signature), core properties and external links."""

from __future__ import annotations

import io
import threading
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence

from docx.oxml.ns import qn
from lxml import etree

from dpia.docxml.tables import _batched, _spliced

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

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


def reset_core_properties(package) -> None:
    """Drop a package's core properties part (``docProps/core.xml``), so that python-docx
    makes a fresh one when the report's properties are set: a template's part may be of
    another kind altogether (python-docx then fails on the first property)."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.CORE_PROPERTIES:
            del package.rels[rel_id]


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
