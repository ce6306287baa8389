"""A report of an assessment with nothing in a table (no processing operations, no risks, a
Screening sheet without rows) says so in a sentence instead of showing a table of headers.

The reader refuses such a workbook (tests/test_missing_sheets.py); an assessment built in code
or embedded in an older report can still have none, and its report must read as complete.
"""

from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner
from factories import sample_scored

from dpia import docxml
from dpia.cli import cli
from dpia.report import render

SENTENCES = {
    "en": ("Processing operations: not provided. The workbook describes no processing "
           "operations.",
           "Risks: not provided. The workbook identifies no risks to the rights and freedoms "
           "of the data subjects.",
           "Screening criteria: not provided. The Screening sheet of the workbook lists no "
           "criteria."),
    "nl": ("Verwerkingen: niet ingevuld. Het werkboek beschrijft geen verwerkingen.",
           "Risico's: niet ingevuld. Het werkboek noemt geen risico's voor de rechten en "
           "vrijheden van de betrokkenen.",
           "Voortoetscriteria: niet ingevuld. Het werkblad Voortoets van het werkboek noemt "
           "geen criteria."),
}


def empty_report(tmp_path, lang):
    # measures stay: they address no risk, but their own table has rows
    scored = sample_scored(processing=(), risks=(), screening=())
    path = tmp_path / f"empty-{lang}.docx"
    path.write_bytes(render(scored, lang=lang))
    return path


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_no_table_is_headers_only_and_a_sentence_says_what_is_missing(tmp_path, lang):
    document = docx.Document(empty_report(tmp_path, lang))
    for table in document.tables:
        assert len(table.rows) > 1, [cell.text for cell in table.rows[0].cells]
    kinds = {docxml.table_kind(table._tbl) for table in document.tables} - {None}
    assert not kinds & {"processing", "lawfulness", "retention", "risk-register", "residual",
                        "treatment", "screening"}
    assert {"measures", "summary", "heatmap-inherent"} <= kinds
    texts = [p.text for p in document.paragraphs]
    processing, risks, screening = SENTENCES[lang]
    assert texts.count(processing) == 3  # description, lawful bases, retention
    assert texts.count(risks) == 3  # register, inherent against residual, treatment
    assert texts.count(screening) == 1


def test_the_report_without_tables_still_verifies(tmp_path):
    result = CliRunner().invoke(cli, ["verify", str(empty_report(tmp_path, "en"))])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("verified: Customer loyalty programme, version 1.0\n")
