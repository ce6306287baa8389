"""``dpia verify``: does a report show what its record says, and (given the workbook) is
it the workbook's?

1. The record (the embedded provenance): its assessment and render inputs match their
   SHA-256; its scores, levels and conclusions follow from its own matrix; the input hash it
   states is the one inside its assessment; there is one record. Otherwise the *record* is
   suspect, and the body is not blamed for disagreeing with it.
2. The body: the report is rendered again from the record with this dpia
   (``dpia.report.render``), and what a reader sees of the two documents is compared element
   by element (``dpia.visible``): every paragraph and table in order, every table row by its
   ID and column, level colours, headers and footers; hidden, unreadable or tracked text is a
   finding. So verify expects exactly what a build writes, and cannot drift from it.
3. What could not be compared (pictures, text boxes, comments, a record this dpia cannot
   render) is named; "verified" is said only when everything was compared.
4. Given the workbook: its assessment is read and compared with the record's (not a stated
   hash): the report is current when the content is the same, whatever the file's bytes.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from dpia import __version__, diff, i18n, languages, provenance, signing, visible
from dpia.errors import DamagedProvenance, FileFormatError, Problem, one_line
from dpia.i18n import N_, _, ngettext
from dpia.loading import load_scored
from dpia.model import Matrix, Rating, ScoredAssessment
from dpia.scoring import score


@dataclass(frozen=True)
class Verification:
    """The outcome of verifying one report."""

    report: str  # the report's path as given
    title: str
    version: str
    risks: int
    measures: int
    input_name: str
    input_sha256: str
    assessment_sha256: str
    record_findings: tuple[str, ...] = ()  # the record is suspect: one line each
    findings: tuple[str, ...] = ()  # where the body differs from the record's report
    uncompared: tuple[str, ...] = ()  # what could not be compared
    compared: str = ""  # "31 tables, 212 paragraphs, 1 header, 1 footer"
    notes: tuple[str, ...] = ()  # said, but not a failure
    workbook: str | None = None  # the workbook compared against, if any
    current: bool | None = None  # None: no workbook given
    same_file: bool = False  # the workbook's bytes are the ones the record names
    workbook_sha256: str = ""
    changes: diff.Changes | None = None  # record -> workbook, when not current
    warnings: tuple[Problem, ...] = field(default=())  # the workbook reader's warnings
    signature: signing.SignatureCheck | None = None  # None: not looked at
    language: str | None = None  # the report's, when it is the language of the messages

    @property
    def ok(self) -> bool:
        """Everything compared, nothing differs, the record consistent, and current when a
        workbook was given, and the signature good (or none required)."""
        return (not self.record_findings and not self.findings and not self.uncompared
                and self.current is not False and self.signature_ok)

    @property
    def signature_ok(self) -> bool:
        """No signature that fails, and none missing when a key was given."""
        return self.signature is None or self.signature.ok


# --- text as compared --------------------------------------------------------------------------


def _same(text: str) -> str:
    """Text as compared: white space collapsed (Word may re-wrap or re-space a cell)."""
    return " ".join(text.split())


def _show(text: str, limit: int = 80) -> str:
    text = _same(text)
    if len(text) > limit:
        text = text[:limit - 3] + "..."
    return f'"{text}"' if text else _("(empty)")


def _scale(matrix: Matrix, which: str, value: int) -> list[str]:
    scale = matrix.likelihood if which == "likelihood" else matrix.impact
    return [s.name for s in scale if s.value == value] or [str(value)]


# --- comparing the body with the record's report -----------------------------------------------


def _shown_blocks(blocks: list[visible.Block]) -> list[visible.Block]:
    """The blocks a reader sees: empty paragraphs (spacing, section breaks, which word
    processors move and merge) left out unless something is hidden in them."""
    return [block for block in blocks
            if not isinstance(block, visible.Paragraph) or _same(block.text) or block.issues]


def _key(block: visible.Block) -> tuple:
    if isinstance(block, visible.Paragraph):
        return ("p", _same(block.text))
    rows = block.shown
    return ("t", tuple(_same(cell.text) for cell in rows[0].cells) if rows else ())


@dataclass
class _Places:
    """Names of the places of the record's report, for messages: the section (last heading)
    of each block and the title of each table (its caption, else its section)."""

    section: list[str]
    table: list[str]


def _heading_styles(archive: zipfile.ZipFile | visible.Parts) -> set[str]:
    """Style ids of the headings in a document (what starts a section)."""
    styles = visible._Styles(_read_styles(archive))
    return {style_id for style_id, name in styles.names.items()
            if name.lower().startswith("heading") or name.lower() == "toc heading"}


def _caption_styles(archive: zipfile.ZipFile | visible.Parts) -> set[str]:
    styles = visible._Styles(_read_styles(archive))
    return {style_id for style_id, name in styles.names.items() if name.lower() == "caption"}


def _read_styles(archive: zipfile.ZipFile | visible.Parts) -> bytes | None:
    try:
        return archive.read("word/styles.xml")
    except KeyError:
        return None


class _Comparison:
    """The body of a report against the body of the report its record renders."""

    def __init__(self, expected: list[visible.Block], actual: list[visible.Block],
                 places: _Places, before: str):
        self.expected = expected
        self.actual = actual
        self.places = places
        self.before = before  # the section the blocks follow
        self.findings: list[str] = []

    def run(self) -> list[str]:
        expected, actual = self.expected, self.actual
        pairs = []
        for tag, e1, e2, a1, a2 in _aligned([_key(b) for b in expected],
                                            [_key(b) for b in actual]):
            if tag == "equal":
                pairs.extend(zip(range(e1, e2), range(a1, a2)))
                continue
            # a block changed in place: pair blocks of the same kind, in order
            exp_left, act_left = list(range(e1, e2)), list(range(a1, a2))
            while exp_left and act_left and type(expected[exp_left[0]]) is type(
                    actual[act_left[0]]):
                pairs.append((exp_left.pop(0), act_left.pop(0)))
            for index in exp_left:
                self.findings.append(_("{where}: missing: {what}").format(
                    where=self._where(index), what=self._describe(expected[index])))
            for index in act_left:
                issues = _issues_of(actual[index])
                hidden = " " + _("({count} hidden: {first})").format(
                    count=len(issues), first=issues[0]) if issues else ""
                self.findings.append(_("{where}: not in the record's report: {what}").format(
                    where=self._where(self._near(index, pairs)),
                    what=self._describe(actual[index])) + hidden)
        for exp_index, act_index in sorted(pairs):
            self._pair(exp_index, expected[exp_index], actual[act_index])
        return self.findings

    def _near(self, act_index: int, pairs: list[tuple[int, int]]) -> int | None:
        """The expected block just before actual block ``act_index``."""
        before = [e for e, a in pairs if a < act_index]
        return max(before) if before else None

    def _where(self, index: int | None) -> str:
        if index is None or not self.expected:
            return _("section {name}").format(name=_show(self.before, 60))
        index = min(index, len(self.expected) - 1)
        return _("section {name}").format(name=_show(self.places.section[index], 60))

    def _describe(self, block: visible.Block) -> str:
        if isinstance(block, visible.Paragraph):
            return _("paragraph {text}").format(text=_show(block.text))
        rows = block.shown
        header = " | ".join(_same(c.text) for c in rows[0].cells) if rows else ""
        return ngettext("a table of {count} row headed {header}",
                        "a table of {count} rows headed {header}", len(rows)).format(
            count=len(rows), header=_show(header))

    def _pair(self, index: int, want: visible.Block, got: visible.Block) -> None:
        if isinstance(want, visible.Paragraph):
            where = _("{where}, paragraph {text}").format(where=self._where(index),
                                                          text=_show(want.text, 40))
            for issue in got.issues:
                self.findings.append(_at(where, issue))
            if _same(got.text) != _same(want.text):
                self.findings.append(_says(where, _show(got.text, 200), _show(want.text, 200)))
            return
        self.findings.extend(_compare_table(self.places.table[index], want, got))


def _at(place: str, finding: str) -> str:
    """``place: finding``, as the language writes it."""
    return _("{place}: {finding}").format(place=place, finding=finding)


def _says(place: str, got: str, want: str) -> str:
    return _("{place}: the report says {got}, the record says {want}").format(
        place=place, got=got, want=want)


def _row_place(table: str, row_id: str) -> str:
    """``table, row ID`` (a row without an ID too)."""
    return _("{table}, row {row}").format(table=table, row=row_id or _("(no ID)"))


def _issues_of(block: visible.Block) -> list[str]:
    """What hides or changes text in a block (a table: in its rows and cells too)."""
    if isinstance(block, visible.Paragraph):
        return list(block.issues)
    found = list(block.issues)
    for row in block.rows:
        found.extend(row.issues)
        if row.hidden:
            found.append(visible.hidden_row(row))
        for cell in row.cells:
            found.extend(cell.issues)
    return found


def _row_id(row: visible.Row) -> str:
    return _same(row.cells[0].text) if row.cells else ""


def _compare_table(name: str, want: visible.Table, got: visible.Table) -> Iterator[str]:
    """Findings where a table differs from the record's: by row ID and column."""
    for issue in got.issues:
        yield _at(name, issue)
    for row in got.rows:
        issues = row.issues or row.hidden or any(cell.issues for cell in row.cells)
        if not issues:  # the common case: no message worded
            continue
        label = _row_place(name, _row_id(row))
        for issue in row.issues:
            yield _at(label, issue)
        if row.hidden:
            text = visible._quote(visible._row_text(row))
            yield (_("{place}: the row is hidden: {text}").format(place=label, text=text)
                   if row.hidden == visible.HIDDEN_BY_WORD else
                   _("{place}: the row is {how}: {text}").format(
                       place=label, how=visible.row_height(row), text=text))
        else:
            for cell in row.cells:
                for issue in cell.issues:
                    yield _at(label, issue)
    want_rows, got_rows = want.shown, got.shown
    if not want_rows or not got_rows:
        if len(want_rows) != len(got_rows):
            yield _rows_differ(name, len(got_rows), len(want_rows))
        return
    header = [_same(cell.text) for cell in want_rows[0].cells]
    yield from _compare_row(functools.partial(_("{table}, header row").format, table=name), header,
                            want_rows[0], got_rows[0])
    want_body, got_body = want_rows[1:], got_rows[1:]
    want_ids = [_row_id(row) for row in want_body]
    got_by_id: dict[str, visible.Row] = {}
    for row in got_body:
        row_id = _row_id(row)
        if row_id in got_by_id:
            yield _("{table}: lists row {row} twice").format(table=name,
                                                            row=row_id or _("(no ID)"))
        else:
            got_by_id[row_id] = row
    if len(set(want_ids)) != len(want_ids):  # no unique IDs: by position
        for number, (w, g) in enumerate(zip(want_body, got_body), start=1):
            yield from _compare_row(functools.partial(_row_place, name, str(number)), header,
                                    w, g)
        if len(want_body) != len(got_body):
            yield _rows_differ(name, len(got_body), len(want_body))
        return
    wanted = set(want_ids)
    for row_id, row in zip(want_ids, want_body):
        found = got_by_id.get(row_id)
        if found is None:
            yield _("{place}: missing; the record has {text}").format(
                place=_row_place(name, row_id), text=visible._quote(visible._row_text(row)))
        else:
            yield from _compare_row(functools.partial(_row_place, name, row_id), header, row,
                                    found)
    for row_id, row in got_by_id.items():
        if row_id not in wanted:
            yield _("{place}: not in the record: {text}").format(
                place=_row_place(name, row_id), text=visible._quote(visible._row_text(row)))
    order = [_row_id(row) for row in got_body if _row_id(row) in wanted]
    if len(order) != len(set(order)) or order == [i for i in want_ids if i in got_by_id]:
        return
    yield _("{table}: the rows are not in the record's order").format(table=name)


def _rows_differ(table: str, got: int, want: int) -> str:
    return ngettext("{table}: has {count} row, the record's {expected}",
                    "{table}: has {count} rows, the record's {expected}", got).format(
        table=table, count=got, expected=want)


def _compare_row(where: Callable[[], str], header: list[str], want: visible.Row,
                 got: visible.Row) -> Iterator[str]:
    """Findings of one row against the record's. ``where`` words its table and row, called
    only for a finding: most rows of a large report have none, and a message is dearer than
    the comparison."""
    if len(want.cells) != len(got.cells):
        yield ngettext("{place}: has {count} cell, the record's {expected}",
                       "{place}: has {count} cells, the record's {expected}",
                       len(got.cells)).format(place=where(), count=len(got.cells),
                                              expected=len(want.cells))
    for index, (w, g) in enumerate(zip(want.cells, got.cells)):
        same_text = _same(g.text) == _same(w.text)
        same_fill = (g.fill or "FFFFFF") == (w.fill or "FFFFFF")
        if same_text and same_fill:
            continue
        column = _("{place}, column {column}").format(
            place=where(),
            column=header[index] if index < len(header) and header[index] else index + 1)
        if not same_text:
            yield _says(column, _show(g.text), _show(w.text))
        if not same_fill:
            yield _("{place}: shaded {got}, the record's report shades it {want}").format(
                place=column, got=g.fill or _("none"), want=w.fill or _("none"))


_PART_PLACES = {"header": N_("header ({part})"), "footer": N_("footer ({part})")}
_PART_MISSING = {"header": N_("the header is missing: the record's report has {text}"),
                 "footer": N_("the footer is missing: the record's report has {text}")}


def _compare_parts(what: str, want: list[visible.Part], got: list[visible.Part]
                   ) -> Iterator[str]:
    """Every header (footer) part says what the record's report's says."""
    texts = {_same(part.text) for part in want}
    expected = next(iter(texts)) if len(texts) == 1 else None
    for part in got:
        place = _(_PART_PLACES[what]).format(part=part.name)
        for issue in part.issues:
            yield _at(place, issue)
        if expected is not None and _same(part.text) != expected:
            yield _says(place, _show(part.text), _show(expected))
        elif expected is None and _same(part.text) not in texts:
            yield _("{place}: {text} is not in the record's report").format(
                place=place, text=_show(part.text))
    if want and any(_same(p.text) for p in want) and not got:
        yield _(_PART_MISSING[what]).format(text=_show(want[0].text))


def _aligned(want: list, got: list) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes of two sequences, with equal beginnings and ends paired directly (in
    linear time: an unchanged report is never searched for a best alignment)."""
    start = 0
    while start < len(want) and start < len(got) and want[start] == got[start]:
        start += 1
    end = 0
    while (end < len(want) - start and end < len(got) - start
           and want[-1 - end] == got[-1 - end]):
        end += 1
    opcodes = [("equal", 0, start, 0, start)] if start else []
    for tag, w1, w2, g1, g2 in difflib.SequenceMatcher(
            None, want[start:len(want) - end], got[start:len(got) - end],
            autojunk=False).get_opcodes():
        opcodes.append((tag, w1 + start, w2 + start, g1 + start, g2 + start))
    if end:
        opcodes.append(("equal", len(want) - end, len(want), len(got) - end, len(got)))
    return opcodes


def _paragraph_facts(element: etree._Element) -> tuple[str, str]:
    """(style id, text) of a top-level paragraph, read cheaply (for names in messages)."""
    found = element.find(f"{visible.PPR}/{visible.P_STYLE}")
    style = found.get(visible.VAL, "") if found is not None else ""
    return style, _same("".join(element.itertext(visible.T)))


def _count_blocks(document: visible.Document, element: etree._Element) -> tuple[int, int]:
    """(tables, paragraphs with text) of a top-level element, read cheaply where it can."""
    if element.tag == visible.TBL:
        return 1, 0
    if element.tag == visible.P:
        return 0, int(any((t.text or "").strip() for t in element.iter(visible.T)))
    blocks = _shown_blocks(document.blocks_of(element))
    return (sum(isinstance(b, visible.Table) for b in blocks),
            sum(isinstance(b, visible.Paragraph) for b in blocks))


_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>|<w:p/>", re.S)
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>[^<]*?\S")


def _counted(xml: bytes) -> tuple[int, int]:
    """(tables, paragraphs with text) of the body of a report as ``dpia`` writes it (tables
    not nested, no content controls): as ``_count_blocks`` counts them, in C."""
    tables, position, outside = 0, 0, []
    while (start := xml.find(b"<w:tbl>", position)) >= 0:
        outside.append(xml[position:start])
        tables += 1
        end = xml.find(b"</w:tbl>", start)
        position = len(xml) if end < 0 else end + len(b"</w:tbl>")
    outside.append(xml[position:])
    text = b"".join(outside)
    return tables, sum(1 for p in _PARAGRAPH.findall(text) if _TEXT.search(p))


def compare_documents(expected: zipfile.ZipFile | visible.Parts, actual: zipfile.ZipFile,
                      reference: dict | None = None, logos: list[str] | None = None
                      ) -> tuple[list[str], list[str], str]:
    """(findings, what could not be compared, what was compared) of ``actual`` against the
    document ``expected`` rendered from the record.

    Top-level body elements whose XML is the same in both are the same to a reader; the
    others are read as a reader sees them (``dpia.visible``) and compared block by block.
    The two bodies are streamed side by side, once; from where they first differ, the XML
    of each element is kept to be read again. ``logos``, if given, receives what could not
    be compared that is a picture in a header or footer (as named in the second list)."""
    want = visible.read(expected)
    got = visible.read(actual)
    if logos is not None:
        logos.extend(got.part_pictures)
    findings = got.style_issues()
    if want.xml == got.xml:
        # the body is the record's report's, byte for byte: nothing to read but counts
        tables, paragraphs = _counted(got.xml)
    else:
        (tables, paragraphs), body_findings = _compare_bodies(
            want, got, _heading_styles(expected), _caption_styles(expected))
        findings.extend(body_findings)
    want_headers, want_footers = want.headers, want.footers
    if reference:  # made of a reference document, whose own text they may keep
        want_headers = [visible.Part("record", text) for text in reference.get("headers", [])]
        want_footers = [visible.Part("record", text) for text in reference.get("footers", [])]
    findings.extend(_compare_parts("header", want_headers, got.headers))
    findings.extend(_compare_parts("footer", want_footers, got.footers))
    headers, footers = len(got.headers), len(got.footers)
    compared = ", ".join((
        ngettext("{count} table", "{count} tables", tables).format(count=tables),
        ngettext("{count} paragraph", "{count} paragraphs", paragraphs).format(
            count=paragraphs),
        ngettext("{count} header", "{count} headers", headers).format(count=headers),
        ngettext("{count} footer", "{count} footers", footers).format(count=footers)))
    return findings, list(got.uncompared), compared


def _compare_bodies(want: visible.Document, got: visible.Document, headings: set[str],
                    captions: set[str]) -> tuple[tuple[int, int], list[str]]:
    """((tables, paragraphs) of ``got``'s body, findings) of two bodies that differ."""
    tables = paragraphs = 0
    want_digests: list[bytes] = []
    got_digests: list[bytes] = []
    want_saved: dict[int, bytes] = {}
    got_saved: dict[int, bytes] = {}
    places: list[tuple[str, str]] = []
    section, caption = _("title page"), ""
    diverged = False
    for index, (w, g) in enumerate(itertools.zip_longest(want.elements(), got.elements())):
        w_xml = g_xml = None
        if w is not None:
            w_xml = etree.tostring(w)
            want_digests.append(hashlib.sha256(w_xml).digest())
            if w.tag == visible.P:
                style, text = _paragraph_facts(w)
                places.append((section, caption))  # a heading is named in the one before
                if style in headings:
                    section = text
                caption = text if style in captions else (caption if not text else "")
            else:
                places.append((section, caption))
                caption = "" if w.tag == visible.TBL else caption
        if g is not None:
            g_xml = etree.tostring(g)
            got_digests.append(hashlib.sha256(g_xml).digest())
            more_tables, more_paragraphs = _count_blocks(got, g)
            tables += more_tables
            paragraphs += more_paragraphs
        if not diverged and w is not None and g is not None \
                and want_digests[-1] == got_digests[-1]:
            continue
        diverged = True
        if w_xml is not None:
            want_saved[index] = w_xml
        if g_xml is not None:
            got_saved[index] = g_xml
    opcodes = [op for op in _aligned(want_digests, got_digests) if op[0] != "equal"]
    findings = []
    for _tag, w1, w2, g1, g2 in opcodes:
        expected, sections, names = [], [], []
        for index in range(w1, w2):
            section, caption = places[index]
            for block in _shown_blocks(want.blocks_of(want.element(want_saved[index]))):
                expected.append(block)
                sections.append(section)
                names.append(caption or _("the table under {section}").format(
                    section=_show(section)))
        shown = [block for index in range(g1, g2)
                 for block in _shown_blocks(got.blocks_of(got.element(got_saved[index])))]
        before = places[w1 - 1][0] if w1 else _("title page")
        findings.extend(_Comparison(expected, shown, _Places(sections, names), before).run())
    return (tables, paragraphs), findings


# --- the embedded assessment itself ------------------------------------------------------------


def _check_matrix(matrix: Matrix) -> list[str]:
    """The matrix is well formed: a grid cell for every pair of scale values, valid levels."""
    findings = []
    if not matrix.levels or not matrix.likelihood or not matrix.impact:
        return [_("the embedded matrix has no levels or an empty scale")]
    for message, scale in (
            (N_("the embedded likelihood scale is not numbered 1..{size}"), matrix.likelihood),
            (N_("the embedded impact scale is not numbered 1..{size}"), matrix.impact)):
        if [s.value for s in scale] != list(range(1, len(scale) + 1)):
            findings.append(_(message).format(size=len(scale)))
    if len(matrix.grid) != len(matrix.likelihood) or any(
        len(row) != len(matrix.impact) for row in matrix.grid
    ):
        findings.append(_("the embedded matrix grid does not match its scales"))
    elif any(not 0 <= cell < len(matrix.levels) for row in matrix.grid for cell in row):
        findings.append(_("the embedded matrix grid names a risk level that does not exist"))
    return findings


def _rating_text(matrix: Matrix, rating: Rating) -> str:
    likelihood = next(iter(_scale(matrix, "likelihood", rating.likelihood)))
    impact = next(iter(_scale(matrix, "impact", rating.impact)))
    return f"{likelihood} × {impact}"


def check_scores(scored: ScoredAssessment, data: dict | None = None) -> list[str]:
    """Findings where a score, level or conclusion in the embedded assessment does not follow
    from its matrix (recomputed with ``dpia.scoring``)."""
    matrix = scored.matrix
    findings = _check_matrix(matrix)
    if findings:
        return findings
    for item in scored.risks:
        risk = item.risk
        for message, value, size in (
            (N_("{risk}: likelihood {value} is not on the matrix's scale"),
             risk.likelihood, len(matrix.likelihood)),
            (N_("{risk}: impact {value} is not on the matrix's scale"),
             risk.impact, len(matrix.impact)),
            (N_("{risk}: residual likelihood {value} is not on the matrix's scale"),
             risk.residual_likelihood, len(matrix.likelihood)),
            (N_("{risk}: residual impact {value} is not on the matrix's scale"),
             risk.residual_impact, len(matrix.impact)),
        ):
            if value is not None and not 1 <= value <= size:
                findings.append(_(message).format(risk=risk.id, value=value))
    if findings:
        return findings
    recomputed = score(scored.assessment)
    for stored, fresh in zip(scored.risks, recomputed.risks):
        risk_id = stored.risk.id
        for label, old, new in (("inherent", stored.inherent, fresh.inherent),
                                ("residual", stored.residual, fresh.residual)):
            says = _RATING_FINDINGS[label]
            if (old.likelihood, old.impact) != (new.likelihood, new.impact):
                findings.append(_(says["rating"]).format(
                    risk=risk_id, rating=_rating_text(matrix, old),
                    expected=_rating_text(matrix, new)))
                continue
            if old.score != new.score:
                findings.append(_(says["score"]).format(
                    risk=risk_id, score=old.score, rating=_rating_text(matrix, new),
                    expected=new.score))
            if old.level != new.level:
                findings.append(_(says["level"]).format(
                    risk=risk_id, level=_show_level(matrix, old.level),
                    rating=_rating_text(matrix, new), expected=_show_level(matrix, new.level)))
    if data is not None:
        findings.extend(_check_names(data, matrix))
    if scored.prior_consultation != recomputed.prior_consultation:
        findings.append(_(
            "prior consultation is recorded as {recorded}, but the residual levels give "
            "{computed}").format(recorded=_yes(scored.prior_consultation),
                                 computed=_yes(recomputed.prior_consultation)))
    if scored.screening.required != recomputed.screening.required:
        findings.append(_(
            "DPIA required is recorded as {recorded}, but the screening answers give "
            "{computed}").format(recorded=_yes(scored.screening.required),
                                 computed=_yes(recomputed.screening.required)))
    if (scored.inherent_counts, scored.residual_counts) != (
        recomputed.inherent_counts, recomputed.residual_counts
    ):
        findings.append(_("the risk counts per level do not follow from the risks"))
    return findings


# one message per rating (inherent, residual): a translation may inflect them differently
_RATING_FINDINGS = {
    "inherent": {
        "rating": N_("{risk}: inherent rating {rating} does not match the risk's own "
                     "likelihood and impact ({expected})"),
        "score": N_("{risk}: inherent score {score} does not follow from the matrix "
                    "({rating} gives {expected})"),
        "level": N_("{risk}: inherent level {level} does not follow from the matrix "
                    "({rating} is {expected})"),
        "name": N_("{risk}: inherent level is named {name!r}, but level {number} of the "
                   "matrix is {expected!r}"),
    },
    "residual": {
        "rating": N_("{risk}: residual rating {rating} does not match the risk's own "
                     "likelihood and impact ({expected})"),
        "score": N_("{risk}: residual score {score} does not follow from the matrix "
                    "({rating} gives {expected})"),
        "level": N_("{risk}: residual level {level} does not follow from the matrix "
                    "({rating} is {expected})"),
        "name": N_("{risk}: residual level is named {name!r}, but level {number} of the "
                   "matrix is {expected!r}"),
    },
}


def _check_names(data: dict, matrix: Matrix) -> list[str]:
    """The level and scale names written next to each rating are the matrix's names."""
    findings = []
    for row in data.get("risks", []):
        for label in ("inherent", "residual"):
            rating = row.get(label, {})
            level = rating.get("level")
            if isinstance(level, int) and 0 <= level < len(matrix.levels):
                name = rating.get("level_name")
                if name is not None and name != matrix.levels[level].name:
                    findings.append(_(_RATING_FINDINGS[label]["name"]).format(
                        risk=row.get("id"), name=name, number=level + 1,
                        expected=matrix.levels[level].name))
    return findings


def _show_level(matrix: Matrix, index: int) -> str:
    return matrix.levels[index].name if 0 <= index < len(matrix.levels) else f"#{index + 1}"


def _yes(value: Any) -> str:
    return _({True: N_("yes"), False: N_("no"), None: N_("unknown")}[value])


# --- the record itself -------------------------------------------------------------------------


def _check_record(record: dict) -> list[str]:
    """Findings that make the record suspect: hashes, the input it names."""
    findings = []
    data = record["assessment"]
    recorded = str(record.get("assessment_sha256", ""))
    computed = provenance.assessment_hash(data)
    if recorded != computed:
        findings.append(_(
            "the embedded assessment does not match its SHA-256 (recorded {recorded}, "
            "computed {computed}): it was changed after the report was built").format(
            recorded=recorded or "-", computed=computed))
    render = record.get("render")
    if record.get("format", 1) >= 2:
        if not isinstance(render, dict):
            findings.append(_("the record has no render inputs, though its format says it "
                              "should"))
        elif str(record.get("render_sha256", "")) != provenance.assessment_hash(render):
            findings.append(_(
                "the record's render inputs (language, earlier version, reference document) "
                "do not match their SHA-256: they were changed after the report was built"))
    stated = record.get("input") or {}
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    if isinstance(stated, dict) and source is not None:
        for key, message in (
                ("sha256", N_("the record states input SHA-256 {stated}, but its assessment "
                              "was read from {source}")),
                ("name", N_("the record states input name {stated}, but its assessment was "
                            "read from {source}"))):
            if str(stated.get(key, "")) != str((source or {}).get(key, "")):
                findings.append(_(message).format(stated=stated.get(key) or "-",
                                                  source=(source or {}).get(key) or "-"))
    return findings


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _content(scored: ScoredAssessment) -> dict:
    """The record data of an assessment without what only names the file (its name and
    hash): two workbooks with this equal say the same."""
    data = provenance.to_dict(scored)
    source = data.get("source")
    if isinstance(source, dict):
        source.pop("name", None)
        source.pop("sha256", None)
    return data


def _reference(record: dict) -> dict | None:
    """The record's reference document (``--template``), if it names one with the text of
    its headers and footers (records made since that was recorded)."""
    render = record.get("render")
    reference = render.get("template") if isinstance(render, dict) else None
    if isinstance(reference, dict) and isinstance(reference.get("headers"), list) \
            and isinstance(reference.get("footers"), list):
        return reference
    return None


def _render_again(record: dict, scored: ScoredAssessment, report: Path
                  ) -> tuple[dict[str, bytes] | None, list[str], list[str]]:
    """(the parts of the report the record renders, record findings, notes)."""
    from dpia.report import render_parts

    render_inputs = record.get("render") if isinstance(record.get("render"), dict) else {}
    notes = []
    lang = render_inputs.get("lang")
    if lang not in languages.codes():
        lang = provenance.report_language(report) or "en"
        notes.append(_("the record (format {format}) does not say the report's language: "
                       "rendered in {lang!r}, the language its properties name").format(
            format=record.get("format"), lang=lang))
    previous = None
    if render_inputs.get("previous") is not None:
        try:
            previous = provenance.from_dict(render_inputs["previous"])
        except DamagedProvenance as exc:
            return None, [_("the record's earlier version cannot be read: {problem}").format(
                problem=exc)], notes
    try:
        return render_parts(scored, lang=lang, previous=previous), [], notes
    except Exception as exc:  # noqa: BLE001 - a record that passes from_dict but cannot be
        # rendered is suspect, never a traceback
        return None, [_("this dpia ({version}) cannot render the record: {kind}: {problem}")
                      .format(version=__version__, kind=type(exc).__name__, problem=exc)], notes


def verify(
    report: Path,
    workbook: Path | None = None,
    *,
    load_workbook: Callable[[Path], tuple[ScoredAssessment, list[Problem]]] | None = None,
    trusted: tuple[signing.TrustedKey, ...] | None = None,
    password: str | None = None,
) -> Verification:
    """Verify ``report`` (and whether it is current against ``workbook``); a signature, if
    it has one, is checked, and with ``trusted`` keys it must have one by such a key.

    Raises NotAReport for a .docx without dpia provenance and FileFormatError for a file
    that is not a .docx; everything else found is a finding of the result. ``password``
    opens an encrypted ``workbook``.

    Its findings are in the language ``--lang`` chose, else the locale's, else the
    report's (``_language``), else English: verify has no workbook language of its own.
    """
    report = Path(report)
    records = provenance.extract_all(report)
    language = _language(records[0][1], report) if i18n.from_locale() is None else None
    with i18n.workbook_language(language):
        return _verify(report, records, language, workbook, load_workbook=load_workbook,
                       trusted=trusted, password=password)


def _language(record: dict, report: Path) -> str | None:
    """The report's language, as its properties say (what a build writes there), else as
    its record's render inputs say: the language its reader sees, also when the record was
    forged to say another."""
    render = record.get("render")
    lang = render.get("lang") if isinstance(render, dict) else None
    return provenance.report_language(report) or (lang if lang in languages.codes() else None)


def _verify(report: Path, records: list[tuple[str, dict]], language: str | None,
            workbook: Path | None, *,
            load_workbook: Callable[[Path], tuple[ScoredAssessment, list[Problem]]] | None,
            trusted: tuple[signing.TrustedKey, ...] | None, password: str | None
            ) -> Verification:
    record_findings: list[str] = []
    if len(records) > 1:
        record_findings.append(_(
            "the report holds {count} dpia records ({names}); a report has one: compared "
            "with the first ({first}), but which one it was built from cannot be told").format(
            count=len(records), names=", ".join(part for part, _data in records),
            first=records[0][0]))
    for name, data in records:
        findings = _check_record(data)
        record_findings.extend(_at(name, finding) if len(records) > 1 else finding
                               for finding in findings)
    record = records[0][1]
    data = record["assessment"]
    signature = _check_signature(report, record, trusted)
    try:
        scored = provenance.from_dict(data)
    except DamagedProvenance as exc:
        record_findings.append(str(exc))
        scored = None
    source = record.get("input") or {}
    info = data.get("info", {}) if isinstance(data.get("info"), dict) else {}
    result: dict[str, Any] = dict(
        report=str(report),
        title=str(info.get("title", "")),
        version=str(info.get("version", "")),
        risks=len(data.get("risks", []) or []),
        measures=len(data.get("measures", []) or []),
        input_name=str(source.get("name", "")) if isinstance(source, dict) else "",
        input_sha256=str(source.get("sha256", "")) if isinstance(source, dict) else "",
        assessment_sha256=str(record.get("assessment_sha256", "")),
        signature=signature,
        language=language,
    )
    findings: list[str] = []
    uncompared: list[str] = []
    notes: list[str] = []
    compared = ""
    logo_notes: list[str] = []  # pictures in headers and footers
    if scored is not None:
        record_findings.extend(check_scores(scored, data))
        expected, problems, notes = _render_again(record, scored, report)
        record_findings.extend(problems)
        if expected is None:
            uncompared.append(_("the body: the record cannot be rendered"))
        else:
            try:
                with zipfile.ZipFile(report) as got:
                    findings, uncompared, compared = compare_documents(
                        visible.Parts(expected), got, _reference(record), logo_notes)
            except (visible.DamagedPart, KeyError, zipfile.BadZipFile) as exc:
                raise FileFormatError(_(
                    "{report}: the report is damaged ({problem}); ask for a fresh copy").format(
                    report=report, problem=exc)) from None
        reference = (record.get("render") or {}).get("template") if isinstance(
            record.get("render"), dict) else None
        if reference:
            # a reference document's logo in a header or footer is its own, not the record's
            logos = [what for what in uncompared if what in logo_notes]
            uncompared = [what for what in uncompared if what not in logos]
            notes.extend(_("{what} of the reference document {name!r} (SHA-256 in the "
                           "record; pictures are not compared)").format(
                what=what, name=reference.get("name")) for what in logos)
        built_by = str(record.get("dpia_version", ""))
        if findings and built_by != __version__:
            # the differences may be this version's, not edits: compare with the right one
            uncompared.append(ngettext(
                "the body: the report was built by dpia {built_by}, and this dpia ({version}) "
                "renders its record differently in {count} place (first: {first}); verify it "
                "with dpia {built_with}",
                "the body: the report was built by dpia {built_by}, and this dpia ({version}) "
                "renders its record differently in {count} places (first: {first}); verify it "
                "with dpia {built_with}", len(findings)).format(
                built_by=built_by or _("(unknown)"), version=__version__, count=len(findings),
                first=findings[0], built_with=built_by))
            findings = []
    else:
        uncompared.append(_("the body: the record cannot be read"))
    result.update(record_findings=tuple(record_findings), findings=tuple(findings),
                  uncompared=tuple(uncompared), compared=compared, notes=tuple(notes))
    if workbook is None:
        return Verification(**result)
    workbook = Path(workbook)
    workbook_hash = file_sha256(workbook) if workbook.is_file() else ""
    if load_workbook is not None:
        fresh, warnings = load_workbook(workbook)
    else:
        lang = (record.get("render") or {}).get("lang") if isinstance(
            record.get("render"), dict) else None
        fresh, warnings = load_scored(
            workbook, lang=lang or provenance.report_language(report), name=str(workbook),
            reports=True, password=password)
    current = scored is not None and _content(fresh) == _content(scored)
    same_file = bool(workbook_hash) and workbook_hash == result["input_sha256"]
    if same_file and not current and scored is not None:
        result["record_findings"] += (_(
            "{workbook} has the SHA-256 the record states ({sha256}), but not the content of "
            "the record's assessment: the record is suspect").format(
            workbook=workbook, sha256=workbook_hash),)
    changes = diff.compare(scored, fresh) if scored is not None and not current else None
    return Verification(
        **result, workbook=str(workbook), current=current, same_file=same_file,
        workbook_sha256=workbook_hash, changes=changes, warnings=tuple(warnings),
    )


def _check_signature(report: Path, record: dict, trusted: tuple[signing.TrustedKey, ...] | None
                     ) -> signing.SignatureCheck:
    """The report's signature (``dpia.signing``), checked over the record as embedded."""
    return signing.check_report(report, record, trusted)


def render_text(result: Verification) -> str:
    """``verified: ...`` with what was compared when all holds; otherwise one line per
    finding (``REPORT: finding``), and for a workbook that is not the report's, what
    differs; in the language of the findings (the report's, unless --lang chose one)."""
    with i18n.workbook_language(result.language):
        return _render_text(result)


def _render_text(result: Verification) -> str:
    lines = []
    title = result.title + (_(", version {version}").format(version=result.version)
                            if result.version else "")
    name = result.report
    if not result.signature_ok:
        # said first and loudly: whoever the report claims signed it did not sign this
        lines.append(_("{name}: verification failed: {title}").format(name=name, title=title))
        lines.append(_at(name, result.signature.problem))
    if result.record_findings:
        lines.append(_("{name}: the record is suspect: {title}").format(name=name, title=title))
        lines.extend(_at(name, _("record: {finding}").format(finding=finding))
                     for finding in result.record_findings)
    if result.findings and result.record_findings:
        lines.append(_("{name}: the document differs from what its suspect record renders "
                       "(the record, not the document, may be what was changed):")
                     .format(name=name))
    elif result.findings:
        lines.append(_("{name}: the report does not show what its record says: {title}")
                     .format(name=name, title=title))
    lines.extend(_at(name, finding) for finding in result.findings)
    if result.uncompared:
        lines.append(_("{name}: not verified: could not compare everything").format(name=name))
        lines.extend(_at(name, _("not compared: {what}").format(what=what))
                     for what in result.uncompared)
    if result.ok:
        lines.append(_("verified: {title}").format(title=title))
    elif result.signature_ok and not (result.record_findings or result.findings
                                      or result.uncompared):
        lines.append(_("{name}: intact: {title}").format(name=name, title=title))
    if result.compared:
        lines.append(_("  compared: {compared}").format(compared=result.compared))
    lines.extend(_("  note: {note}").format(note=note) for note in result.notes)
    lines.append(_("  risks: {risks}, measures: {measures}").format(
        risks=result.risks, measures=result.measures))
    if result.input_name or result.input_sha256:
        lines.append(_("  input: {name} (SHA-256 {sha256})").format(
            name=result.input_name, sha256=result.input_sha256))
    lines.append(_("  assessment SHA-256: {sha256}").format(sha256=result.assessment_sha256))
    signature = result.signature
    if signature is not None and signature.ok:
        # also when the pages fail: a good signature says the record is genuine, not the pages
        lines.extend(signature.lines())
    if result.current is True:
        if result.same_file:
            lines.append(_("  current: {workbook} is the workbook the report was built from")
                         .format(workbook=result.workbook))
        else:
            lines.append(_(
                "  current: {workbook} has the same content as the workbook the report was "
                "built from; the file differs (SHA-256 {sha256}, built from {built_from})"
            ).format(workbook=result.workbook, sha256=result.workbook_sha256 or "-",
                     built_from=result.input_sha256 or "-"))
    elif result.current is False:
        lines.append(_(
            "{name}: report out of date: {workbook} does not have the content of the "
            "workbook the report was built from ({input}); its SHA-256 {sha256}"
        ).format(name=name, workbook=result.workbook, input=result.input_name or "?",
                 sha256=result.workbook_sha256 or "-"))
        if result.changes is not None and result.changes.changed:
            text = diff.render_text(result.changes, result.report, result.workbook)
            lines.extend("  " + line if line else line for line in text.splitlines())
    # each line one line: a title or a value in a finding cannot add lines of its own
    return "\n".join(one_line(line) for line in lines) + "\n"
