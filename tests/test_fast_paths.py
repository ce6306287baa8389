"""Short cuts taken for speed give exactly what the plain way gives (see docs/performance.md)."""

from __future__ import annotations

import io
import zipfile

import docx

from dpia.report.document import ReportDocument
from dpia.report.text import labels


def _document() -> ReportDocument:
    doc = ReportDocument(None, labels("en"))
    doc.heading("Risks", 1)
    doc.table(["ID", "Risk"], [(f"R{n}", f"Risk number {n} & more") for n in range(200)],
              (1, 4), kind="risk-register", keys=("id", "risk"))
    return doc


def _save(doc: ReportDocument) -> bytes:
    return doc.to_bytes(title="T", author="A", date=None, language="en")


def test_body_deflated_in_the_background_is_stored_as_deflating_it_at_save():
    plain = _save(_document())
    doc = _document()
    doc.start_deflating()
    assert _save(doc) == plain


def test_body_changed_after_deflating_started_is_saved_as_changed():
    doc = _document()
    doc.start_deflating()
    doc.heading("Added afterwards", 2)
    data = _save(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # CRCs match what is stored
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Added afterwards" in texts
    assert len(docx.Document(io.BytesIO(data)).tables[0].rows) == 201
