"""Provenance: the canonical JSON of a scored assessment, embedded in and read back from a .docx."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import zipfile

import docx
import pytest

from dpia import provenance
from dpia.errors import FileFormatError, NotAReport
from dpia.matrix import preset
from tests.factories import sample_assessment, sample_scored


def test_round_trip_gives_the_same_scored_assessment():
    scored = sample_scored()
    data = json.loads(provenance.canonical_json(provenance.to_dict(scored)))
    assert provenance.from_dict(data) == scored


def test_round_trip_without_screening_sheet_or_source():
    scored = sample_scored(screening=None, source=None, sign_off=(), history=())
    data = json.loads(provenance.canonical_json(provenance.to_dict(scored)))
    back = provenance.from_dict(data)
    assert back == scored
    assert back.assessment.screening is None and back.screening.required is None


def test_round_trip_of_a_dutch_five_by_five_matrix_with_bands():
    matrix = preset("5x5", "nl")
    scored = sample_scored(matrix=matrix)
    back = provenance.from_dict(json.loads(provenance.canonical_json(provenance.to_dict(scored))))
    assert back.matrix == matrix
    assert back.matrix.levels[0].from_score == matrix.levels[0].from_score


def test_rows_carry_their_workbook_cell_and_ratings_their_names():
    data = provenance.to_dict(sample_scored())
    r1 = data["risks"][0]
    assert r1["source"] == "Risks!A2"
    assert data["measures"][1]["source"] == "Measures!A3"
    assert data["processing"][0]["source"] == "Processing!A2"
    assert r1["inherent"] == {
        "likelihood": 2, "likelihood_name": "Possible", "impact": 3, "impact_name": "Severe",
        "score": 6, "level": 2, "level_name": "High",
    }
    assert r1["residual"]["level_name"] == "Low"
    assert data["measures"][1]["due_date"] == "2026-09-01"
    assert data["matrix"]["levels"][2] == {
        "name": "High", "colour": "C00000", "acceptable": False, "from_score": None,
        "to_score": None, "aliases": ["Hohes Risiko", "Élevé", "Hoog"],
    }
    assert data["matrix"]["grid"] == [[0, 0, 0], [0, 1, 2], [0, 2, 2]]
    assert data["screening"]["outcome"]["required"] is True


def test_canonical_json_is_sorted_compact_utf8():
    assert provenance.canonical_json({"b": "é", "a": [1, dt.date(2026, 1, 2)]}) == (
        '{"a":[1,"2026-01-02"],"b":"é"}'.encode()
    )


def test_canonical_json_is_the_same_for_equal_assessments():
    one = provenance.canonical_json(provenance.to_dict(sample_scored()))
    two = provenance.canonical_json(provenance.to_dict(sample_scored()))
    assert one == two
    changed = sample_assessment()
    changed = dataclasses.replace(
        changed, info=dataclasses.replace(changed.info, version="1.1")
    )
    from dpia.scoring import score

    assert provenance.canonical_json(provenance.to_dict(score(changed))) != one


@pytest.mark.parametrize("title", [
    "plain ASCII", "Beoordeling é ü ß", "DEL \x7f, NEL \x85, \u2028 and \ufeff",
    "astral 😀 \U0010ffff", 'quotes " \\ <&> \n\t', "]]> &amp; <!-- -->",
])
def test_record_json_is_the_record_dumped_as_ascii(title):
    # record_json serialises the assessment once and makes the ASCII form itself: it must
    # give exactly what json.dumps(record, ensure_ascii=True) gives
    scored = sample_scored()
    info = dataclasses.replace(scored.assessment.info, title=title, author=title)
    scored = dataclasses.replace(
        scored, assessment=dataclasses.replace(scored.assessment, info=info))
    source = dataclasses.replace(scored.assessment.source, name=f"{title}.xlsx")
    scored = dataclasses.replace(
        scored, assessment=dataclasses.replace(scored.assessment, source=source))
    text = provenance.record_json(scored)
    assert text.isascii()
    assert text == json.dumps(provenance.record(scored), sort_keys=True, separators=(",", ":"),
                              ensure_ascii=True)
    assert json.loads(text)["assessment"]["info"]["title"] == title
    # the embedded part, made without lxml, is what lxml makes of the record
    assert provenance._record_part_xml(scored) == provenance._part_xml(provenance.record(scored))


def _embedded(tmp_path, scored=None, name="report.docx"):
    document = docx.Document()
    document.add_paragraph("A report")
    provenance.embed(document, scored or sample_scored())
    path = tmp_path / name
    document.save(path)
    return path


def test_embed_then_extract_gives_the_record(tmp_path):
    scored = sample_scored()
    data = provenance.extract(_embedded(tmp_path, scored))
    assert data["format"] == provenance.FORMAT
    assert data["input"] == {"name": "loyalty.xlsx", "sha256": "ab" * 32}
    canonical = provenance.canonical_json(data["assessment"])
    assert data["assessment_sha256"] == hashlib.sha256(canonical).hexdigest()
    assert provenance.from_dict(data["assessment"]) == scored


def test_embedded_part_survives_a_python_docx_resave(tmp_path):
    path = _embedded(tmp_path)
    document = docx.Document(path)
    document.add_paragraph("edited")
    document.save(tmp_path / "edited.docx")
    assert provenance.extract(tmp_path / "edited.docx")["format"] == provenance.FORMAT


def test_embedded_part_is_a_related_custom_xml_part(tmp_path):
    path = _embedded(tmp_path)
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
        part = archive.read("customXml/dpia-provenance.xml").decode()
    assert "../customXml/dpia-provenance.xml" in rels
    assert "/customXml/dpia-provenance-props.xml" in types
    # workbook text stays data: escaped in the XML, literal in the JSON
    assert "<offers>" not in part and "{{ not a template }}" in part


def test_embedding_is_deterministic(tmp_path):
    def part(name):
        with zipfile.ZipFile(_embedded(tmp_path, name=name)) as archive:
            return archive.read("customXml/dpia-provenance.xml")

    assert part("a.docx") == part("b.docx")


def test_extract_from_a_docx_without_provenance_is_not_a_report(tmp_path):
    path = tmp_path / "plain.docx"
    docx.Document().save(path)
    with pytest.raises(NotAReport, match="not a dpia report"):
        provenance.extract(path)


def test_extract_from_a_non_docx_is_a_file_format_error(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("just text")
    with pytest.raises(FileFormatError, match="plain text file"):
        provenance.extract(path)
    with pytest.raises(FileFormatError, match="no such file"):
        provenance.extract(tmp_path / "missing.docx")


def test_from_dict_of_damaged_data_names_the_problem():
    data = provenance.to_dict(sample_scored())
    data["risks"][0]["likelihood"] = "two"
    with pytest.raises(provenance.DamagedProvenance, match="expected a whole number"):
        provenance.from_dict(data)
    del data["matrix"]
    with pytest.raises(provenance.DamagedProvenance, match="missing 'matrix'"):
        provenance.from_dict(data)


def test_an_old_report_used_as_template_keeps_only_the_new_record(tmp_path):
    old = _embedded(tmp_path, name="old.docx")
    # Word renames custom XML parts when it saves; simulate an old report re-saved by Word
    with zipfile.ZipFile(old) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    renamed = {}
    for name, data in parts.items():
        name = name.replace("dpia-provenance-props.xml", "itemProps7.xml")
        name = name.replace("dpia-provenance.xml", "item7.xml")
        data = data.replace(b"dpia-provenance-props.xml", b"itemProps7.xml")
        renamed[name] = data.replace(b"dpia-provenance.xml", b"item7.xml")
    with zipfile.ZipFile(old, "w") as archive:
        for name, data in renamed.items():
            archive.writestr(name, data)
    assert provenance.extract(old)["format"] == provenance.FORMAT

    document = docx.Document(old)
    newer = sample_scored(info=dataclasses.replace(sample_assessment().info, version="2.0"))
    provenance.embed(document, newer)
    document.save(tmp_path / "new.docx")
    with zipfile.ZipFile(tmp_path / "new.docx") as archive:
        records = [n for n in archive.namelist()
                   if n.startswith("customXml/") and b"urn:x-dpia:provenance:1" in archive.read(n)
                   and "Props" not in n and "props" not in n]
    assert records == ["customXml/dpia-provenance.xml"]
    data = provenance.extract(tmp_path / "new.docx")
    assert data["assessment"]["info"]["version"] == "2.0"
