"""The Word report: ``render(scored, lang=...) -> bytes`` (a reproducible .docx).

Sections in order (``dpia.report.sections``): title page and document control, summary,
need for a DPIA, description, necessity and proportionality, consultation, risk assessment,
measures, residual risk, sign-off, Annex A (Art. 35(7)), Annex B (provenance). The risk
register, the measures and the residual risk section (up to the Art. 36 conclusion) are in
one landscape section.

Every table has alt text for people (a title and one sentence from ``[tables.KIND]`` in
labels.toml) and its kind for programs in a hidden bookmark ``_dpia_KIND_N`` around the
text of its first cell (``dpia.docxml.table_kind`` reads it; ``dpia verify`` needs neither:
it renders the report again and compares what a reader sees). The column keys of each kind
are ``dpia.report.sections.table_keys``. First row: headers; first column: the row's ID.

An empty optional value is written as the language's "not provided" label (``labels.toml``
``values.not_provided``), an empty list as ``values.none`` and a conditional Processing
column whose condition does not hold (Art. 9 condition without special categories...) as
``values.not_applicable``. Kinds and keys:

- ``risk-register``: the Risks columns with a report width in ``dpia.schema`` (id processing
  risk risk_source impact_on_individuals likelihood impact), then score level (processing:
  IDs joined by ", "; likelihood/impact: scale names; level cell shaded in the level colour)
- ``residual``: id risk score level measures residual_likelihood residual_impact
  residual_score residual_level (score and level are the inherent ones)
- ``measures``: the Measures columns with a report width (id measure type description
  status owner due_date), then risks
- ``action-plan``: id measure status owner due_date risks (planned/in progress, by due date)
- ``heatmap-inherent``, ``heatmap-residual``, ``matrix``: keys ``likelihood`` then the impact
  values 1..n. First row: corner cell, then impact names lowest to highest; one row per
  likelihood from highest to lowest, first cell the likelihood name; heat-map cells hold the
  risk IDs joined by ", " and, on a last line in small type, the level name; matrix cells
  the level name; all shaded by level. A key under each heat map names every level and its
  colour.
- ``processing`` (one per operation, transposed): keys are the row keys id name purpose
  lawful_basis legitimate_interest data_subjects personal_data special_categories
  art9_condition recipients processors processor_agreement transfers transfer_safeguard
  retention systems data_subjects_count; the header row is (ID label, the operation's ID).
- ``sign-off``: item name date notes; ``history``: version date author changes;
  ``screening``: criterion applies justification.
- Also: ``document-control`` and ``provenance`` (field value), ``summary`` (level inherent
  residual), ``likelihood-scale``/``impact-scale`` (value name description), ``risk-levels``
  (level score_band acceptable), ``lawfulness``, ``retention``, ``processors``, ``transfers``,
  ``annex-a`` (element section finding), ``sheets`` (sheet rows).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpia import languages
from dpia.checks import FINAL_STATUSES
from dpia.model import ScoredAssessment
from dpia.report.context import Context
from dpia.report.document import ReportDocument
from dpia.report.sections import SECTIONS, section_numbers
from dpia.signing import embed_signature


def render(
    scored: ScoredAssessment,
    *,
    lang: str,
    template: Path | None = None,
    previous: ScoredAssessment | None = None,
    notes: list[str] | None = None,
    signer: Callable[[bytes], str] | None = None,
) -> bytes:
    """The Word DPIA of ``scored`` in ``lang`` as .docx bytes; the same input gives the same
    bytes. ``template``: an organisation's reference .docx (styles, page setup, fonts);
    ``previous``: an earlier version, to list what changed since; ``notes`` gets what the
    user should know about the template (styles taken from dpia's own); ``signer``: signs
    the provenance part (``dpia.signing.SigningKey.sign``)."""
    doc = _written(scored, lang, template, previous, notes)
    doc.start_deflating()  # the body is complete: deflated on a second core meanwhile
    _embed_provenance(doc, scored, lang, template, previous)
    embed_signature(doc.document, signer)  # without a signer: none a --template brought
    info = scored.assessment.info
    return doc.to_bytes(title=info.title, author=info.author, date=info.date, language=lang)


def render_parts(scored: ScoredAssessment, *, lang: str,
                 previous: ScoredAssessment | None = None) -> dict[str, bytes]:
    """What ``render`` writes, as the document's parts (zip member name -> bytes), with
    neither the provenance record nor the zip: ``dpia verify`` compares what a reader sees
    of a report with these, and needs neither."""
    return _written(scored, lang, None, previous).parts()


def _written(scored: ScoredAssessment, lang: str, template: Path | None,
             previous: ScoredAssessment | None, notes: list[str] | None = None
             ) -> ReportDocument:
    """Every section of the report written into a new document."""
    if lang not in languages.codes():
        raise ValueError(f"unsupported report language {lang!r}")
    ctx = Context(scored, lang, previous, section_numbers(SECTIONS))
    doc = ReportDocument(template, ctx.labels, notes)
    info = scored.assessment.info
    # a version that is not final says so on every page: "DRAFT | Confidential | Title"
    status = "" if not info.status or info.status in FINAL_STATUSES else ctx.word(
        "assessment_status", info.status).upper()
    header = " | ".join(part for part in (status, info.classification, info.title) if part)
    version = f"{ctx.label('document', 'version')} {info.version}" if info.version else ""
    doc.header_footer(header, version, _field_values(ctx))
    for section in SECTIONS:
        section.write(doc, ctx)
    doc.finish()
    return doc


def _field_values(ctx: Context) -> dict[str, str]:
    """The Assessment fields a house template's header or footer may name, as shown."""
    info = ctx.info
    values = {key: str(getattr(info, key) or "") for key in (
        "title", "organisation", "version", "classification", "author", "owner", "dpo")}
    values["date"] = ctx.date(info.date)
    values["review_date"] = ctx.date(info.review_date)
    values["status"] = ctx.word("assessment_status", info.status) if info.status else ""
    return values


def _embed_provenance(doc: ReportDocument, scored: ScoredAssessment, lang: str,
                      template: Path | None, previous: ScoredAssessment | None) -> None:
    """Let ``dpia.provenance`` (when installed) add the canonical JSON part before saving,
    with what this rendering was given besides ``scored`` (``dpia verify`` renders again;
    a reference document's own header and footer text is recorded as written)."""
    try:
        from dpia import provenance
    except ImportError:
        return
    embed = getattr(provenance, "embed", None)
    if embed is None:
        return
    headers, footers = doc.header_footer_texts() if template is not None else ([], [])
    embed(doc.document, scored, provenance.render_inputs(
        lang, template=template, previous=previous, headers=headers, footers=footers))
