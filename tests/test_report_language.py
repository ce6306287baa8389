"""The report says which language it is in: styles, settings and (through LibreOffice) the
PDF, so spell-checkers, screen readers and hyphenation treat Dutch as Dutch."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from factories import sample_scored

from dpia.labels import labels
from dpia.report import render
from dpia.report.document import default_reference

LANGUAGES = ("en", "nl")


def _parts(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_in_the_styles_is_the_reports(lang):
    document = _parts(render(sample_scored(), lang=lang))
    locale = labels(lang)["document"]["locale"]
    styles = document.styles.element
    path = "/".join(qn(tag) for tag in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"))
    default = styles.find(path)
    assert default is not None and default.get(qn("w:val")) == locale
    assert {lang_.get(qn("w:val")) for lang_ in styles.iter(qn("w:lang"))} == {locale}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hyphenation_is_on_but_not_in_titles_and_headings(lang):
    document = _parts(render(sample_scored(), lang=lang))
    assert document.settings.element.find(qn("w:autoHyphenation")) is not None
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name].element
        assert style.find(f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}") is not None, name
    assert document.styles["Normal"].element.find(
        f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}") is None


def test_a_house_template_in_us_english_gives_a_dutch_report_in_dutch(tmp_path):
    template = docx.Document(io.BytesIO(default_reference()))
    normal = template.styles["Normal"].element
    run = normal.get_or_add_rPr()
    lang = run.makeelement(qn("w:lang"), {qn("w:val"): "en-US"})
    run.append(lang)
    path = tmp_path / "house.docx"
    template.save(path)
    data = render(sample_scored(), lang="nl", template=path)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml").decode()
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {"nl-NL"}
