"""Provenance: the scored assessment as canonical JSON, embedded in the report it built.

``to_dict``/``from_dict`` turn a :class:`~dpia.model.ScoredAssessment` into plain JSON data
and back (dates as ISO text, tuples as lists, every row's workbook origin as ``"Risks!A5"``).
``canonical_json`` gives the bytes that are hashed. ``embed`` adds the JSON to a python-docx
document as a custom XML part (Word keeps custom XML parts when it re-saves a document, so a
report edited by hand still carries what it was built from); ``extract`` reads it back.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import operator
import types
import typing
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from dpia import __version__
from dpia.errors import DamagedProvenance, FileFormatError, NotAReport
from dpia.i18n import _
from dpia.model import (
    Assessment,
    AssessmentInfo,
    HistoryEntry,
    Matrix,
    Measure,
    Origin,
    ProcessingOperation,
    Rating,
    ScaleLevel,
    ScoredAssessment,
    ScoredRisk,
    ScreeningAnswer,
    ScreeningOutcome,
    SignOff,
    SourceFile,
)
from dpia.model import Risk as RiskRow

# 2: the record also holds what rendering needs besides the assessment (``render``: report
# language, the earlier version a "changes" section lists, the reference document's name and
# hash) and the SHA-256 of that. Format 1 records are still read.
FORMAT = 2
READABLE_FORMATS = (1, 2)
NAMESPACE = "urn:x-dpia:provenance:1"
ROOT_TAG = f"{{{NAMESPACE}}}provenance"
PART_NAME = "/customXml/dpia-provenance.xml"
PROPS_PART_NAME = "/customXml/dpia-provenance-props.xml"
# A fixed data-store item ID: the same workbook must give the same bytes.
ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)).upper() + "}"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


# --- model <-> plain data ----------------------------------------------------------------


def _origin_text(origin: Origin | None) -> str | None:
    return str(origin) if origin is not None else None


def _origin_from_text(text: str | None) -> Origin | None:
    if text is None:
        return None
    if not isinstance(text, str) or "!" not in text:
        raise ValueError(_("bad source {text!r}").format(text=text))
    sheet, _bang, cell = text.rpartition("!")
    digits = "".join(ch for ch in cell if ch.isdigit())
    return Origin(sheet, int(digits) if digits else 0, cell)


# Types that are JSON data as they are: the bulk of a large assessment's values.
_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A model value as JSON data; dataclasses become dicts with ``origin`` as ``source``."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [item if type(item) in _SCALARS else _plain(item) for item in value]
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            if isinstance(value, (tuple, list)):
                return [_plain(item) for item in value]
            if isinstance(value, dt.date):
                return value.isoformat()
            return value
        # field names looked up once per class: dataclasses.fields() per object was the
        # larger part of serialising 5,000 risks
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    if kind is Origin:
        return str(value)
    out = {}
    for name in names:
        item = getattr(value, name)
        if name == "origin":
            out["source"] = _origin_text(item)
        elif name == "origins":  # AssessmentInfo: field key -> where it was read
            out["origins"] = [[key, _origin_text(where)] for key, where in item]
        else:
            out[name] = item if type(item) in _SCALARS else _plain(item)
    return out


def _rating(rating: Rating, matrix: Matrix) -> dict:
    """A rating with the names a reader of the JSON needs, next to the numbers."""

    def name(scale: tuple[ScaleLevel, ...], value: int) -> str | None:
        return next((s.name for s in scale if s.value == value), None)

    level = matrix.levels[rating.level] if 0 <= rating.level < len(matrix.levels) else None
    return {
        "likelihood": rating.likelihood,
        "likelihood_name": name(matrix.likelihood, rating.likelihood),
        "impact": rating.impact,
        "impact_name": name(matrix.impact, rating.impact),
        "score": rating.score,
        "level": rating.level,
        "level_name": level.name if level else None,
    }


def _assessment_data(scored: ScoredAssessment, plain: Callable[[Any], Any], risks: list) -> dict:
    """The assessment's JSON object around its scored risk rows, each other part of the model
    passed through ``plain``: ``to_dict`` and ``_assessment_text`` share this layout."""
    assessment = scored.assessment
    return {
        "info": plain(assessment.info),
        "processing": plain(assessment.processing),
        "risks": risks,
        "measures": plain(assessment.measures),
        "screening": {
            "answers": plain(assessment.screening),
            "outcome": plain(scored.screening),
        },
        "sign_off": plain(assessment.sign_off),
        "history": plain(assessment.history),
        "matrix": plain(assessment.matrix),
        "source": plain(assessment.source),
        "prior_consultation": scored.prior_consultation,
        "inherent_counts": list(scored.inherent_counts),
        "residual_counts": list(scored.residual_counts),
    }


def to_dict(scored: ScoredAssessment) -> dict:
    """The complete scored assessment as JSON data (see the module docstring).

    This is the definition of the record's assessment; ``_assessment_text`` writes its
    canonical JSON faster, and a test holds the two to the same bytes."""
    matrix = scored.assessment.matrix
    risks = []
    for item in scored.risks:
        row = _plain(item.risk)
        row["inherent"] = _rating(item.inherent, matrix)
        row["residual"] = _rating(item.residual, matrix)
        row["reassessed"] = item.reassessed
        risks.append(row)
    return _assessment_data(scored, _plain, risks)


# --- the same, as canonical JSON text, fast --------------------------------------------------
#
# Building a report serialises the whole assessment once (for its hash and the record). At
# 5,000 risks, making the JSON data of ``to_dict`` (a dict per row, a list per tuple, names
# looked up per rating) cost about as much as json.dumps writing it. ``_assessment_text``
# hands json.dumps the model's own values instead: tuples, text and numbers are JSON as they
# are; a row becomes a dict of its fields in one C call (``operator.attrgetter``); what JSON
# has no type for (dataclasses, origins, dates) reaches ``_json_value`` through json.dumps'
# ``default``, which turns it into what ``_plain`` makes of it, so the text is the same for
# any assessment, not only for the shapes the reader makes.


def _values_getter(names: list[str]) -> Callable[[Any], tuple]:
    """A function giving an object's attributes ``names`` as a tuple, in one C call when it
    can (``attrgetter`` of one name gives the value itself, of none is an error)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: tuple(getattr(value, name) for name in names)


@functools.cache
def _layout(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple], bool]:
    """A dataclass's JSON keys, sorted (``origin`` as ``source``), a getter of its field values
    in that order, and whether it has an ``origin``. Sorted keys make json.dumps' sort cheap."""
    names = [f.name for f in dataclasses.fields(cls)]
    pairs = sorted(("source" if name == "origin" else name, name) for name in names)
    getter = _values_getter([name for _, name in pairs])
    return tuple(key for key, _ in pairs), getter, "origin" in names


def _object(value: Any) -> dict:
    """A dataclass as a JSON object whose values json.dumps (with ``_json_value``) can write."""
    keys, values, has_origin = _layout(type(value))
    out = dict(zip(keys, values(value)))
    if has_origin:  # as _plain does; _json_value would give the same, at one more call a row
        out["source"] = _origin_text(out["source"])
    return out


def _json_value(value: Any) -> Any:
    """json.dumps' ``default`` for model values: a value as ``_plain`` would have made it."""
    kind = type(value)
    if kind is Origin:
        return str(value)
    if dataclasses.is_dataclass(kind):  # an instance: the type of a class is not a dataclass
        return _object(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON data: {kind.__name__}")


def _unchanged(value: Any) -> Any:
    """``_assessment_data``'s ``plain`` for the text: json.dumps and ``_json_value`` convert."""
    return value


def _assessment_text(scored: ScoredAssessment) -> str:
    """``_canonical_text(to_dict(scored))``, without making ``to_dict``'s JSON data first."""
    matrix = scored.assessment.matrix
    # A matrix has few cells, so the same ratings recur: each is named once and its dict
    # shared by the rows that have it (json.dumps writes it out at every row).
    named: dict[tuple[int, int, int, int], dict] = {}
    rating_key = operator.attrgetter("likelihood", "impact", "score", "level")
    risks = []
    for item in scored.risks:
        row = _object(item.risk)
        for name, rating in (("inherent", item.inherent), ("residual", item.residual)):
            key = rating_key(rating)
            if key not in named:
                named[key] = _rating(rating, matrix)
            row[name] = named[key]
        row["reassessed"] = item.reassessed
        risks.append(row)
    data = _assessment_data(scored, _unchanged, risks)
    # _canonical_text's options, without json's check for circular references (3 ms at 5,000
    # risks): the model is frozen dataclasses and tuples, which cannot contain themselves;
    # the shared rating dicts are siblings, never nested in each other.
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_json_value, check_circular=False)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, data: Any) -> Any:
    """A dataclass ``cls`` from JSON data, guided by its field types; unknown keys ignored."""
    if not isinstance(data, dict):
        raise ValueError(_("{name}: expected an object, got {kind}").format(
            name=cls.__name__, kind=type(data).__name__))
    kwargs = {}
    for name, convert in _fields_of(cls):
        if name == "origin":
            kwargs["origin"] = _origin_from_text(data.get("source"))
        elif name == "origins":
            kwargs["origins"] = tuple(
                (str(key), _origin_from_text(where)) for key, where in data.get("origins", ())
            )
        elif name in data:
            kwargs[name] = convert(data[name])
    return cls(**kwargs)


@functools.cache
def _fields_of(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field of ``cls`` with the converter of its type (worked out once per class: a
    record of 5,000 risks builds 18,000 objects)."""
    hints = _hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def _convert(hint: Any, value: Any) -> Any:
    """``value`` as the type ``hint`` (int, str, bool, date, tuples, optionals, dataclasses)."""
    return _converter(hint)(value)


@functools.cache
def _converter(hint: Any) -> Callable[[Any], Any]:
    """The function that converts JSON data to the type ``hint``, made once per type."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        optional = type(None) in options
        converters = [_converter(option) for option in options if option is not type(None)]

        def union(value: Any) -> Any:
            if value is None and optional:
                return None
            errors = []
            for convert in converters:
                try:
                    return convert(value)
                except (TypeError, ValueError) as exc:
                    errors.append(str(exc))
            raise ValueError("; ".join(errors))
        return union
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])

            def sequence(value: Any) -> tuple:
                if not isinstance(value, list):
                    raise ValueError(_("expected a list, got {kind}").format(
                        kind=type(value).__name__))
                return tuple(map(item, value))
            return sequence
        items = [_converter(arg) for arg in args]

        def fixed(value: Any) -> tuple:
            if not isinstance(value, list):
                raise ValueError(_("expected a list, got {kind}").format(
                    kind=type(value).__name__))
            if len(items) != len(value):
                raise ValueError(_("expected {count} items, got {got}").format(
                    count=len(items), got=len(value)))
            return tuple(convert(part) for convert, part in zip(items, value))
        return fixed
    if dataclasses.is_dataclass(hint):
        return functools.partial(_build, hint)
    return _LEAVES.get(hint, _as_is)


def _date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(_("expected a date, got {value!r}").format(value=value))
    return dt.date.fromisoformat(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true/false, got {value!r}").format(value=value))
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("expected a whole number, got {value!r}").format(value=value))
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("expected text, got {value!r}").format(value=value))
    return value


def _as_is(value: Any) -> Any:
    return value


_LEAVES: dict[Any, Callable[[Any], Any]] = {dt.date: _date, bool: _bool, int: _int, str: _str}


def _rating_from(data: Any) -> Rating:
    return _build(Rating, data)


def from_dict(data: dict) -> ScoredAssessment:
    """The :class:`ScoredAssessment` that ``to_dict`` serialised (ratings as stored, not
    recomputed, so that ``verify`` can check them). Raises DamagedProvenance on bad data."""
    try:
        matrix = _build(Matrix, data["matrix"])
        risks = []
        for row in data["risks"]:
            risks.append(
                ScoredRisk(
                    risk=_build(RiskRow, row),
                    inherent=_rating_from(row["inherent"]),
                    residual=_rating_from(row["residual"]),
                    reassessed=_convert(bool, row["reassessed"]),
                )
            )
        screening = data["screening"]
        answers = screening.get("answers")
        assessment = Assessment(
            info=_build(AssessmentInfo, data["info"]),
            processing=_convert(tuple[ProcessingOperation, ...], data["processing"]),
            risks=tuple(item.risk for item in risks),
            matrix=matrix,
            measures=_convert(tuple[Measure, ...], data.get("measures", [])),
            screening=None if answers is None else _convert(tuple[ScreeningAnswer, ...], answers),
            sign_off=_convert(tuple[SignOff, ...], data.get("sign_off", [])),
            history=_convert(tuple[HistoryEntry, ...], data.get("history", [])),
            source=None if data.get("source") is None else _build(SourceFile, data["source"]),
        )
        return ScoredAssessment(
            assessment=assessment,
            risks=tuple(risks),
            screening=_build(ScreeningOutcome, screening["outcome"]),
            prior_consultation=_convert(bool, data["prior_consultation"]),
            inherent_counts=_convert(tuple[int, ...], data.get("inherent_counts", [])),
            residual_counts=_convert(tuple[int, ...], data.get("residual_counts", [])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = _("missing {key}").format(key=exc) if isinstance(exc, KeyError) else str(exc)
        raise DamagedProvenance(_("the embedded assessment cannot be read: {problem}").format(
            problem=detail)) from None


# --- canonical bytes and the embedded record -----------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON data: {type(value).__name__}")


def _canonical_text(data: Any) -> str:
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no insignificant white space, UTF-8, dates ISO: the bytes that are hashed."""
    return _canonical_text(data).encode("utf-8")


def assessment_hash(assessment: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of an assessment dict."""
    return hashlib.sha256(canonical_json(assessment)).hexdigest()


def render_inputs(lang: str, *, template: Path | None = None,
                  previous: ScoredAssessment | None = None,
                  headers: list[str] | None = None, footers: list[str] | None = None) -> dict:
    """What ``dpia.report.render`` was given besides the assessment, as record data: the
    language, the earlier version (its whole assessment: the "changes" section is made from
    it) and the reference document (name and SHA-256 only: its styles are not the record's,
    with the text of the headers and footers made of it, which may be its own)."""
    reference = None
    if template is not None:
        reference = {"name": Path(template).name, "sha256": _file_sha256(Path(template)),
                     "headers": sorted(set(headers or ())),
                     "footers": sorted(set(footers or ()))}
    return {"lang": lang, "template": reference,
            "previous": to_dict(previous) if previous is not None else None}


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _record_header(scored: ScoredAssessment, digest: str, render: dict | None) -> dict:
    source = scored.assessment.source
    header = {
        "format": FORMAT,
        "dpia_version": __version__,
        "input": {"name": source.name, "sha256": source.sha256} if source else None,
        "assessment_sha256": digest,
    }
    if render is not None:
        header["render"] = render
        header["render_sha256"] = assessment_hash(render)
    return header


def record(scored: ScoredAssessment, render: dict | None = None) -> dict:
    """What a report embeds: format, dpia version, input file, the assessment and its hash,
    and (``render_inputs``) what else rendering was given, with its hash."""
    assessment = to_dict(scored)
    return {**_record_header(scored, assessment_hash(assessment), render),
            "assessment": assessment}


def _json_escape(char: str) -> str:
    """A character ASCII cannot hold as json.dumps(ensure_ascii=True) writes it."""
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a surrogate pair, as json.dumps writes it
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: what ASCII cannot encode, escaped as JSON escapes it."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start:error.end]
    return "".join(_json_escape(char) for char in chars), error.end


# Encoding with this handler runs at the speed of the ASCII codec and calls back only for the
# runs of other characters (a workbook has few); a regular expression over the whole text
# took five times as long.
_JSON_ESCAPES = "dpia.json-ascii"
codecs.register_error(_JSON_ESCAPES, _json_escapes)


def _ascii_json(text: str) -> bytes:
    """``text`` (JSON written with ensure_ascii=False) as ensure_ascii=True writes it, in
    ASCII bytes. The control characters below space are escaped in both modes, the same way;
    DEL is ASCII but json escapes it."""
    if "\x7f" in text:
        text = text.replace("\x7f", "\\u007f")
    return text.encode("ascii", _JSON_ESCAPES)


def record_json(scored: ScoredAssessment, render: dict | None = None) -> str:
    """``record(scored, render)`` as ASCII JSON, sorted keys, no white space (what is
    embedded)."""
    return _record_part_xml(scored, render, xml=False).decode("ascii")


def record_part(record_data: dict) -> bytes:
    """The bytes of the provenance part that holds ``record_data`` (a record as ``extract``
    reads it back), exactly as a build writes them: what ``dpia.signing`` signs."""
    return _part_xml(record_data)


def _part_xml(data: dict | str) -> bytes:
    """The custom XML part holding a record (a dict, or its JSON from ``record_json``)."""
    root = etree.Element(ROOT_TAG, nsmap={None: NAMESPACE})
    root.set("format", str(FORMAT))
    # ASCII-escaped JSON: any character of the workbook is then valid XML text.
    root.text = data if isinstance(data, str) else json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# What _part_xml writes around the JSON (lxml's serialisation, pinned by a test).
_PART_HEAD = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
              b'<provenance xmlns="' + NAMESPACE.encode() + b'" format="' +
              str(FORMAT).encode() + b'">')
_PART_TAIL = b"</provenance>"


def _xml_text(data: bytes) -> bytes:
    """ASCII ``data`` escaped as lxml escapes element text (it has no raw control character)."""
    return data.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")


def _record_part_xml(scored: ScoredAssessment, render: dict | None = None, *,
                     xml: bool = True) -> bytes:
    """``_part_xml(record(scored, render))`` (or, without ``xml``, its JSON), made with one
    ``json.dumps`` of the assessment for both its hash and the record, and at most two copies
    of that text alive at a time (it is 10 MB at 10,000 risks). Sorted, ``"assessment"`` is
    the record's first key."""
    text = _assessment_text(scored)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    body = _ascii_json(text)
    del text
    if xml:
        body = _xml_text(body)
    rest = json.dumps(_record_header(scored, digest, render), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=True).encode("ascii")
    if xml:
        rest = _xml_text(rest)
    pieces = [b'{"assessment":', body, b",", rest[1:]]
    if xml:
        pieces = [_PART_HEAD, *pieces, _PART_TAIL]
    return b"".join(pieces)


def _is_record(blob: bytes) -> bool:
    """True for the XML of a dpia provenance part."""
    try:
        return etree.fromstring(blob, _PARSER).tag == ROOT_TAG
    except etree.XMLSyntaxError:
        return False


def embed(document: Any, scored: ScoredAssessment, render: dict | None = None) -> None:
    """Add the provenance record to a python-docx ``Document`` (call before saving it);
    ``render``: ``render_inputs`` of the report, so that ``dpia verify`` can render it again."""
    from dpia import docxml

    # A record already there (embedding twice, or an old report used as --template, maybe
    # renamed by Word to customXml/itemN.xml) is replaced, never kept beside the new one.
    docxml.add_custom_xml_part(
        document, PART_NAME, _record_part_xml(scored, render), props_partname=PROPS_PART_NAME,
        props=docxml.custom_xml_props(ITEM_ID, NAMESPACE), replaces=_is_record)


# --- reading it back -----------------------------------------------------------------------


def extract_all(path: str | Path) -> list[tuple[str, dict]]:
    """Every provenance record embedded in the report at ``path``, with its part name, in
    part-name order (a report has one; ``dpia verify`` calls two a finding).

    Raises FileFormatError for a file that is not a .docx, NotAReport for a .docx without
    dpia provenance, DamagedProvenance when a record is there but unreadable.
    """
    path = Path(path)
    from dpia.filetype import check_report

    check_report(path)  # a report may come from anyone: limits and no XML entities first
    texts: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise FileFormatError(_("{path}: not a Word document (.docx)").format(
                    path=path))
            candidates = sorted(
                n for n in names if n.startswith("customXml/") and n.count("/") == 1
                and n.endswith(".xml")
            )
            for name in candidates:
                try:
                    root = etree.fromstring(archive.read(name), _PARSER)
                except etree.XMLSyntaxError:
                    continue
                if root.tag == ROOT_TAG:
                    texts.append((name, root.text or ""))
    except FileNotFoundError:
        raise FileFormatError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise FileFormatError(_("{path}: is a folder, not a file").format(path=path)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            raise FileFormatError(_("{path}: cannot read the file: {problem}").format(
                path=path, problem=exc.strerror or exc)) from None
        raise FileFormatError(_("{path}: not a Word document (.docx)").format(
            path=path)) from None
    if not texts:
        raise NotAReport(_("{path}: not a dpia report (no dpia provenance inside)").format(
            path=path))
    return [(name, _parse_record(path, name, text, several=len(texts) > 1))
            for name, text in texts]


def _parse_record(path: Path, name: str, text: str, *, several: bool) -> dict:
    where = f"{path}: {name}" if several else f"{path}"
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DamagedProvenance(_("{where}: the embedded provenance is not valid JSON: "
                                  "{problem}").format(where=where, problem=exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("assessment"), dict):
        raise DamagedProvenance(_("{where}: the embedded provenance has no assessment").format(
            where=where))
    if data.get("format") not in READABLE_FORMATS:
        raise DamagedProvenance(_(
            "{where}: provenance format {format!r} is not supported by dpia {version}").format(
            where=where, format=data.get("format"), version=__version__))
    return data


def extract(path: str | Path) -> dict:
    """The provenance record embedded in the report at ``path``.

    Raises FileFormatError for a file that is not a .docx, NotAReport for a .docx without
    dpia provenance, DamagedProvenance when the record is unreadable or there are two: which
    of them the report was built from cannot be told, and neither is picked silently.
    """
    records = extract_all(path)
    if len(records) > 1:
        raise DamagedProvenance(_(
            "{path}: the report holds {count} dpia provenance records ({names}); a report has "
            "one, so it is suspect").format(
            path=path, count=len(records), names=", ".join(part for part, _data in records)))
    return records[0][1]


_DC = "http://purl.org/dc/elements/1.1/"


# docProps/core.xml is a few hundred bytes; a report may come from anyone (a zip bomb)
MAX_CORE_PROPERTIES_BYTES = 64 * 1024


def report_language(path: str | Path) -> str | None:
    """The language a report was written in (its core properties), or None if not known.

    Read before the report is checked (``check_report``), so it reads at most
    ``MAX_CORE_PROPERTIES_BYTES``, whatever the zip says the part's size is."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > MAX_CORE_PROPERTIES_BYTES:
                return None
            with archive.open(info) as handle:
                data = handle.read(MAX_CORE_PROPERTIES_BYTES + 1)
            if len(data) > MAX_CORE_PROPERTIES_BYTES:
                return None
            root = etree.fromstring(data, _PARSER)
    except Exception:  # noqa: BLE001 - zipfile and lxml raise many kinds on damage (a
        # damaged version field: NotImplementedError): not known; reading the report proper
        # names the damage
        return None
    element = root.find(f"{{{_DC}}}language")
    text = (element.text or "").strip()[:2].lower() if element is not None else ""
    from dpia import languages

    return text if text in languages.codes() else None


def load_report(path: str | Path) -> ScoredAssessment:
    """The scored assessment a report was built from (``extract`` + ``from_dict``)."""
    data = extract(path)
    try:
        return from_dict(data["assessment"])
    except DamagedProvenance as exc:
        raise DamagedProvenance(f"{path}: {exc}") from None
