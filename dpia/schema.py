"""The workbook format as data: sheets, columns, their names per language, and value words.

One place for every name the reader accepts and ``dpia init`` writes, so the template and
the reader can never disagree. Matching rules (case, spaces, ``*``, bracketed hints) live in
``header_key``.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

# Kinds of cell: how the reader parses a column.
TEXT, LIST, IDS, LEVEL, DATE, YESNO, ENUM = "text", "list", "ids", "level", "date", "yesno", "enum"

# Required: YES (empty is an error), NO, IF (conditional; checked by the reader per rule).
YES, NO, IF = "yes", "no", "if"


@dataclass(frozen=True)
class Column:
    """A column of a sheet (or a field of the Assessment sheet) and every name it goes by.

    ``en``/``nl`` are the names ``dpia init`` writes; ``aliases``/``aliases_nl`` the further
    names a DPO may use for it in English/Dutch (synonyms, abbreviations, the labels ``dpia``
    itself prints). Every name is accepted in a workbook of either language."""

    key: str  # the model's field name
    en: str
    nl: str
    required: str = NO
    kind: str = TEXT
    aliases: tuple[str, ...] = ()  # further English names: synonyms, abbreviations
    enum: str = ""  # for ENUM columns: key into VALUE_WORDS
    aliases_nl: tuple[str, ...] = ()  # further Dutch names
    # How the reader reads a cell of a table sheet (dpia.reader.rows) follows from ``kind``
    # and ``required``; these say the rest:
    scale: str = ""  # LEVEL: the matrix's scale its levels are named in, likelihood or impact
    # ENUM: True when a word the format does not know is kept as typed (a warning when it is
    # close to one); False when it is an error
    free_text: bool = False
    default: str = ""  # ENUM: the value of an empty cell, and of a wrong one after its error
    # Its width in the report's table of the sheet's rows (Risks: the risk register; Measures:
    # all measures), relative to the other columns; 0: not in that table. The table shows its
    # columns in the sheet's order, then what the report works out (score and level; risks).
    report: float = 0

    def names(self) -> tuple[str, ...]:
        """Every accepted name, any language."""
        return (self.en, self.nl, *self.aliases, *self.aliases_nl)

    def names_in(self, lang: str) -> tuple[str, ...]:
        """The accepted names of one language, the one ``dpia init`` writes first."""
        return {"en": (self.en, *self.aliases), "nl": (self.nl, *self.aliases_nl)}[lang]

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Sheet:
    key: str
    en: str
    nl: str
    columns: tuple[Column, ...]
    key_columns: tuple[str, ...]  # keys of the columns that identify a row
    required: bool = False
    aliases: tuple[str, ...] = ()
    # rows are numbered by their ID: a row that holds only an ID was typed ahead (R7-R10 for
    # risks still to come), not data
    numbered: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.en, self.nl, *self.aliases)

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


# Assessment fields (key/value sheet)
ASSESSMENT_FIELDS: tuple[Column, ...] = (
    Column("title", "Title", "Titel", YES, aliases=("DPIA title", "Name of the DPIA"),
           aliases_nl=("Naam DPIA", "Titel DPIA")),
    Column("organisation", "Organisation", "Organisatie", YES,
           aliases=("Organization", "Controller", "Organisation name"),
           aliases_nl=("Verwerkingsverantwoordelijke", "Naam organisatie")),
    Column("version", "Version", "Versie", aliases=("Version number",),
           aliases_nl=("Versienummer",)),
    Column("date", "Date", "Datum", kind=DATE, aliases=("Assessment date", "Date of assessment"),
           aliases_nl=("Datum beoordeling",)),
    Column("status", "Status", "Status", kind=ENUM, enum="assessment_status"),
    Column("author", "Author", "Auteur", aliases=("Prepared by", "Assessor"),
           aliases_nl=("Opgesteld door",)),
    Column("owner", "Owner", "Eigenaar", aliases=("Business owner", "Process owner"),
           aliases_nl=("Proceseigenaar",)),
    Column("dpo", "DPO", "FG", aliases=("Data protection officer",),
           aliases_nl=("Functionaris gegevensbescherming", "Functionaris voor de "
                       "gegevensbescherming")),
    Column("classification", "Classification", "Classificatie",
           aliases=("Confidentiality",), aliases_nl=("Rubricering", "Vertrouwelijkheid")),
    Column("review_date", "Review date", "Herbeoordelingsdatum", kind=DATE,
           aliases=("Next review", "Next review date", "Review by"),
           aliases_nl=("Datum herbeoordeling", "Volgende herbeoordeling", "Evaluatiedatum")),
    # the supervisory authority whose Art. 35(4) list the Screening rows cite: a key of
    # dpia/authorities ("ap", "ico", "cnil") or the authority's name (dpia.authorities.find)
    Column("authority", "Authority", "Toezichthouder",
           aliases=("Supervisory authority", "Lead supervisory authority",
                    "Data protection authority", "Aufsichtsbehörde", "Autorité de contrôle"),
           aliases_nl=("Toezichthoudende autoriteit", "Bevoegde toezichthouder")),
    Column("language", "Language", "Taal"),
    Column("matrix", "Matrix", "Matrix", aliases=("Risk matrix",), aliases_nl=("Risicomatrix",)),
    Column("nature", "Nature", "Aard", aliases=("Nature of the processing",),
           aliases_nl=("Aard van de verwerking",)),
    Column("scope", "Scope", "Reikwijdte", aliases=("Scope of the processing",),
           aliases_nl=("Reikwijdte van de verwerking", "Omvang")),
    Column("context", "Context", "Context", aliases=("Context of the processing",),
           aliases_nl=("Context van de verwerking",)),
    Column("purposes", "Purposes", "Doeleinden", aliases=("Purposes of the processing",),
           aliases_nl=("Doeleinden van de verwerking",)),
    Column("consultation", "Consultation", "Raadpleging",
           aliases=("Consultation of stakeholders",), aliases_nl=("Raadpleging betrokkenen",)),
    Column("necessity", "Necessity", "Noodzaak",
           aliases=("Necessity and proportionality",),
           aliases_nl=("Noodzaak en evenredigheid", "Noodzakelijkheid")),
    Column("rights", "Rights", "Rechten betrokkenen", aliases=("Data subject rights",),
           aliases_nl=("Rechten",)),
    Column("information", "Information", "Informatievoorziening",
           aliases=("Information to data subjects", "Transparency"),
           aliases_nl=("Informatie aan betrokkenen", "Transparantie")),
    Column("breach_procedure", "Breach procedure", "Datalekprocedure",
           aliases=("Data breach procedure",), aliases_nl=("Procedure datalekken",)),
    Column("dpo_advice", "DPO advice", "Advies FG",
           aliases=("Advice of the DPO",), aliases_nl=("Advies van de FG",)),
    Column("conclusion", "Conclusion", "Conclusie"),
)

ASSESSMENT = Sheet(
    "assessment", "Assessment", "Beoordeling",
    (Column("field", "Field", "Veld", YES, aliases=("Question", "Item"),
            aliases_nl=("Vraag", "Onderdeel")),
     Column("value", "Value", "Waarde", aliases=("Answer",), aliases_nl=("Antwoord",))),
    ("field",), required=True,
)

PROCESSING = Sheet(
    "processing", "Processing", "Verwerkingen",
    (
        Column("id", "ID", "ID", YES, aliases=("Processing ID", "No", "Nr", "#", "Ref"),
               aliases_nl=("Nummer", "Kenmerk")),
        Column("name", "Name", "Naam", YES,
               aliases=("Processing operation", "Processing activity", "Name of the processing"),
               aliases_nl=("Verwerking", "Naam verwerking", "Verwerkingsactiviteit")),
        Column("purpose", "Purpose", "Doel", YES,
               aliases=("Purposes", "Purpose of the processing"),
               aliases_nl=("Doeleinden", "Doel van de verwerking", "Verwerkingsdoel")),
        Column("lawful_basis", "Lawful basis", "Grondslag", YES,
               aliases=("Legal basis", "Lawful ground", "Legal ground", "Basis"),
               aliases_nl=("Wettelijke grondslag", "Rechtsgrond", "Verwerkingsgrondslag",
                           "Grondslag verwerking")),
        Column("legitimate_interest", "Legitimate interest", "Gerechtvaardigd belang", IF,
               aliases=("Legitimate interests",), aliases_nl=("Gerechtvaardigde belangen",)),
        Column("data_subjects", "Data subjects", "Betrokkenen", YES, LIST,
               aliases=("Categories of data subjects", "Data subject categories"),
               aliases_nl=("Categorieën betrokkenen", "Categorieen betrokkenen")),
        Column("personal_data", "Personal data", "Persoonsgegevens", YES, LIST,
               aliases=("Categories of personal data", "Personal data categories",
                        "Data categories"),
               aliases_nl=("Categorieën persoonsgegevens", "Categorieen persoonsgegevens")),
        Column("special_categories", "Special categories", "Bijzondere persoonsgegevens", NO,
               LIST, aliases=("Special category data", "Special categories of personal data"),
               aliases_nl=("Bijzondere categorieën persoonsgegevens", "Bijzondere gegevens")),
        Column("art9_condition", "Art. 9 condition", "Uitzonderingsgrond", IF,
               aliases=("Article 9 condition", "Art. 9 exception", "Special category condition"),
               aliases_nl=("Uitzondering art. 9", "Uitzonderingsgrond art. 9")),
        Column("recipients", "Recipients", "Ontvangers", NO, LIST,
               aliases=("Recipient", "Recipients of the data"), aliases_nl=("Ontvanger",)),
        Column("processors", "Processors", "Verwerkers", NO, LIST,
               aliases=("Processor", "Data processors"), aliases_nl=("Verwerker",)),
        Column("processor_agreement", "Processor agreement", "Verwerkersovereenkomst", IF,
               aliases=("DPA", "Data processing agreement", "Processor contract"),
               aliases_nl=("Verwerkersovereenkomsten", "VWO")),
        Column("transfers", "Transfers", "Doorgiften", NO, LIST,
               aliases=("International transfers", "Transfers outside the EEA",
                        "Third countries"),
               aliases_nl=("Doorgifte", "Doorgifte buiten de EER", "Derde landen")),
        Column("transfer_safeguard", "Transfer safeguard", "Waarborg doorgifte", IF,
               aliases=("Transfer safeguards", "Transfer mechanism"),
               aliases_nl=("Waarborgen doorgifte", "Doorgiftemechanisme")),
        Column("retention", "Retention", "Bewaartermijn", YES,
               aliases=("Retention period", "Retention periods", "Storage period",
                        "Retention time"),
               aliases_nl=("Bewaartermijnen", "Bewaarperiode")),
        Column("systems", "Systems", "Systemen",
               aliases=("System", "Applications", "IT systems"),
               aliases_nl=("Systeem", "Applicaties")),
        Column("data_subjects_count", "Data subjects count", "Aantal betrokkenen",
               aliases=("Number of data subjects",), aliases_nl=("Aantal",)),
    ),
    ("id",), required=True, numbered=True,
)

# Words that name the group of a risk's level columns in a header spanning two rows
# ("Residual risk" above "Likelihood | Impact") or one merged header ("Residual (likelihood /
# impact)"): group -> language -> its words. A level column under a group is read as
# the group's column of that kind (see GROUPED_COLUMNS).
HEADER_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "inherent": {
        "en": ("Inherent risk", "Inherent", "Gross", "Gross risk", "Initial", "Initial risk",
               "Before measures", "Risk before measures", "Current risk"),
        "nl": ("Bruto risico", "Bruto", "Brutorisico", "Inherent", "Inherent risico",
               "Voor maatregelen", "Risico voor maatregelen", "Huidig risico"),
    },
    "residual": {
        "en": ("Residual risk", "Residual", "Res", "Net", "Net risk", "Remaining risk",
               "After measures", "Risk after measures", "Target risk"),
        "nl": ("Restrisico", "Rest", "Netto", "Netto risico", "Nettorisico", "Resterend risico",
               "Na maatregelen", "Risico na maatregelen"),
    },
}
# (group, column key of the sub-header) -> the column it stands for
GROUPED_COLUMNS: dict[tuple[str, str], str] = {
    ("inherent", "likelihood"): "likelihood",
    ("inherent", "impact"): "impact",
    ("residual", "likelihood"): "residual_likelihood",
    ("residual", "impact"): "residual_impact",
}

RISKS = Sheet(
    "risks", "Risks", "Risico's",
    (
        Column("id", "ID", "ID", YES, report=0.6,
               aliases=("Risk ID", "Risk no", "Risk number", "No", "Nr", "#", "Ref"),
               aliases_nl=("Risico-ID", "Risiconummer", "Nummer", "Kenmerk")),
        Column("processing", "Processing", "Verwerking", YES, IDS, report=1.35,
               aliases=("Processing ID", "Processing IDs", "Processing operation",
                        "Processing operations", "Processing activity"),
               aliases_nl=("Verwerkingen", "Verwerking ID", "Verwerkingsactiviteit")),
        Column("risk", "Risk", "Risico", YES, report=3.2,
               aliases=("Risk description", "Description", "Threat"),
               aliases_nl=("Risicobeschrijving", "Omschrijving", "Beschrijving")),
        Column("risk_source", "Source", "Bron", report=1.8, aliases=("Risk source", "Threat source"),
               aliases_nl=("Risicobron",)),
        Column("impact_on_individuals", "Impact on individuals", "Gevolgen voor betrokkenen", report=2.0,
               aliases=("Impact on data subjects", "Effect on individuals", "Consequences",
                        "Harm"),
               aliases_nl=("Gevolgen", "Impact op betrokkenen", "Schade")),
        Column("likelihood", "Likelihood", "Kans", YES, LEVEL, report=1.25, scale="likelihood",
               aliases=("Probability", "L", "Inherent likelihood", "Likelihood before measures",
                        "Gross likelihood", "Initial likelihood", "Probability before measures"),
               aliases_nl=("Waarschijnlijkheid", "Bruto kans", "Inherente kans",
                           "Kans voor maatregelen")),
        Column("impact", "Impact", "Impact", YES, LEVEL, report=1.05, scale="impact",
               aliases=("Severity", "I", "Inherent impact", "Impact before measures",
                        "Gross impact", "Initial impact", "Inherent severity",
                        "Severity before measures"),
               aliases_nl=("Ernst", "Bruto impact", "Inherente impact",
                           "Impact voor maatregelen", "Bruto ernst", "Ernst voor maatregelen")),
        Column("measures", "Measures", "Maatregelen", NO, IDS,
               aliases=("Measure", "Measure IDs", "Controls", "Mitigating measures",
                        "Mitigations", "Safeguards"),
               aliases_nl=("Maatregel", "Beheersmaatregelen", "Mitigerende maatregelen")),
        Column("residual_likelihood", "Residual likelihood", "Restkans", NO, LEVEL,
               scale="likelihood",
               aliases=("Res. likelihood", "Residual L", "Res. L", "Likelihood after measures",
                        "Net likelihood", "Residual probability", "Probability after measures",
                        "Remaining likelihood"),
               aliases_nl=("Rest kans", "Kans na maatregelen", "Netto kans", "Resterende kans",
                           "Rest waarschijnlijkheid", "Waarschijnlijkheid na maatregelen")),
        Column("residual_impact", "Residual impact", "Restimpact", NO, LEVEL, scale="impact",
               aliases=("Res. impact", "Residual I", "Res. I", "Impact after measures",
                        "Net impact", "Residual severity", "Severity after measures",
                        "Remaining impact"),
               aliases_nl=("Rest impact", "Impact na maatregelen", "Netto impact",
                           "Resterende impact", "Resternst", "Rest ernst",
                           "Ernst na maatregelen")),
        Column("treatment", "Treatment", "Behandeling", NO, ENUM, enum="treatment",
               aliases=("Risk treatment", "Risk response", "Response", "Decision"),
               aliases_nl=("Risicobehandeling", "Aanpak", "Besluit")),
        Column("owner", "Owner", "Eigenaar", aliases=("Risk owner",),
               aliases_nl=("Risico-eigenaar", "Risicoeigenaar")),
        # optional, after the version-1 columns: why each rating is what it is
        Column("likelihood_rationale", "Likelihood rationale", "Onderbouwing kans",
               aliases=("Rationale for likelihood", "Likelihood justification",
                        "Reason for likelihood", "Why this likelihood"),
               aliases_nl=("Motivering kans", "Toelichting kans", "Onderbouwing waarschijnlijkheid")),
        Column("impact_rationale", "Impact rationale", "Onderbouwing impact",
               aliases=("Rationale for impact", "Impact justification", "Reason for impact",
                        "Severity rationale", "Why this impact"),
               aliases_nl=("Motivering impact", "Toelichting impact", "Onderbouwing ernst",
                           "Motivering ernst")),
        Column("residual_rationale", "Residual rationale", "Onderbouwing restrisico",
               aliases=("Residual risk rationale", "Rationale for residual risk",
                        "Residual justification", "Reason for residual risk"),
               aliases_nl=("Motivering restrisico", "Toelichting restrisico",
                           "Onderbouwing rest")),
    ),
    ("id",), required=True, aliases=("Risicos", "Risico’s"), numbered=True,
)

MEASURES = Sheet(
    "measures", "Measures", "Maatregelen",
    (
        Column("id", "ID", "ID", YES, report=0.6, aliases=("Measure ID", "No", "Nr", "#", "Ref"),
               aliases_nl=("Nummer", "Kenmerk")),
        Column("measure", "Measure", "Maatregel", YES, report=2.2,
               aliases=("Name", "Control", "Measure name"),
               aliases_nl=("Naam", "Beheersmaatregel")),
        Column("type", "Type", "Type", NO, ENUM, report=1.5, enum="measure_type", free_text=True,
               aliases=("Measure type", "Kind"), aliases_nl=("Soort", "Soort maatregel")),
        Column("description", "Description", "Beschrijving", report=2.6, aliases=("Details",),
               aliases_nl=("Omschrijving", "Toelichting")),
        Column("status", "Status", "Status", NO, ENUM, report=1.7, enum="measure_status", default="planned",
               aliases=("Implementation status", "State"),
               aliases_nl=("Stand", "Implementatiestatus")),
        Column("owner", "Owner", "Eigenaar", report=1.3, aliases=("Responsible", "Measure owner"),
               aliases_nl=("Verantwoordelijke",)),
        Column("due_date", "Due date", "Deadline", NO, DATE, report=1.7,
               aliases=("Due", "Target date", "Planned date", "Date due"),
               aliases_nl=("Streefdatum", "Uiterste datum", "Datum gereed", "Einddatum")),
    ),
    ("id",), numbered=True,
)

SCREENING = Sheet(
    "screening", "Screening", "Voortoets",
    (
        Column("criterion", "Criterion", "Criterium", YES, aliases=("Criteria",),
               aliases_nl=("Criteria",)),
        Column("applies", "Applies", "Van toepassing", NO, YESNO,
               aliases=("Applicable", "Answer"), aliases_nl=("Antwoord", "Geldt")),
        Column("justification", "Justification", "Toelichting",
               aliases=("Explanation", "Reason", "Rationale"),
               aliases_nl=("Motivering", "Onderbouwing")),
    ),
    ("criterion",),
)

SIGN_OFF = Sheet(
    "sign_off", "Sign-off", "Ondertekening",
    (
        Column("item", "Item", "Onderdeel", YES, aliases=("Role", "Approval"),
               aliases_nl=("Rol", "Goedkeuring")),
        Column("name", "Name", "Naam", YES, aliases=("Signed by", "Approved by"),
               aliases_nl=("Ondertekend door", "Goedgekeurd door")),
        Column("date", "Date", "Datum", NO, DATE, aliases=("Date signed",),
               aliases_nl=("Datum ondertekening",)),
        Column("notes", "Notes", "Opmerkingen", aliases=("Comments", "Remarks"),
               aliases_nl=("Opmerking", "Toelichting")),
    ),
    ("item",), aliases=("Sign off", "Signoff"),
)

HISTORY = Sheet(
    "history", "History", "Versiegeschiedenis",
    (
        Column("version", "Version", "Versie", YES, aliases=("Version number",),
               aliases_nl=("Versienummer",)),
        Column("date", "Date", "Datum", NO, DATE),
        Column("author", "Author", "Auteur", aliases=("Changed by", "By"),
               aliases_nl=("Gewijzigd door", "Door")),
        Column("changes", "Changes", "Wijzigingen",
               aliases=("Change", "Description", "Summary of changes"),
               aliases_nl=("Wijziging", "Omschrijving")),
    ),
    ("version",),
)

SCALES = Sheet(
    "scales", "Scales", "Schalen",
    (
        Column("axis", "Axis", "As", YES),
        Column("value", "Value", "Waarde", YES),
        Column("name", "Name", "Naam", YES),
        Column("description", "Description", "Beschrijving"),
    ),
    ("axis", "value"),
)

RISK_LEVELS = Sheet(
    "risk_levels", "Risk levels", "Risiconiveaus",
    (
        Column("level", "Level", "Niveau", YES),
        Column("from_score", "From score", "Vanaf score", IF),
        Column("to_score", "To score", "Tot en met score"),
        Column("colour", "Colour", "Kleur", aliases=("Color",)),
        Column("acceptable", "Acceptable", "Aanvaardbaar", NO, YESNO),
    ),
    ("level",),
)

# The Matrix sheet is a free grid (no header row of named columns); listed for names only.
MATRIX_SHEET = Sheet("matrix", "Matrix", "Matrix", (), ())

SHEETS: tuple[Sheet, ...] = (
    ASSESSMENT, PROCESSING, RISKS, MEASURES, SCREENING, SIGN_OFF, HISTORY,
    SCALES, RISK_LEVELS, MATRIX_SHEET,
)

# Words accepted in value cells, per canonical key: en first, then nl, then synonyms.
VALUE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "assessment_status": {
        "draft": ("draft", "concept", "ontwerp"),
        "final": ("final", "definitief"),
        "approved": ("approved", "goedgekeurd", "vastgesteld"),
    },
    "treatment": {
        "reduce": ("reduce", "verminderen", "mitigate", "beperken", "mitigeren", "reduceren",
                   "mitigation", "reduction"),
        "accept": ("accept", "accepteren", "aanvaarden", "accepted", "acceptance",
                   "geaccepteerd", "aanvaard", "tolerate"),
        "avoid": ("avoid", "vermijden", "avoidance", "terminate", "stoppen", "vermeden"),
        "transfer": ("transfer", "overdragen", "share", "delen", "insure", "verzekeren",
                     "overgedragen"),
    },
    "measure_type": {
        "technical": ("technical", "technisch"),
        "organisational": ("organisational", "organisatorisch", "organizational"),
        "legal": ("legal", "juridisch"),
    },
    "measure_status": {
        "implemented": ("implemented", "geïmplementeerd", "geimplementeerd", "done", "gereed",
                        "afgerond", "uitgevoerd", "completed", "complete", "in place",
                        "voltooid", "klaar", "ingevoerd"),
        "planned": ("planned", "gepland", "to do", "todo", "proposed", "voorgesteld",
                    "not started", "niet gestart"),
        "in_progress": ("in progress", "in uitvoering", "ongoing", "loopt", "lopend", "bezig",
                        "started", "gestart", "underway", "in behandeling"),
    },
    "yesno": {
        "yes": ("yes", "ja", "y", "j", "true", "waar", "x", "1", "✓", "✔", "☑", "☒"),
        "no": ("no", "nee", "n", "false", "onwaar", "0", "-", "–", "✗", "✘", "☐", "n/a",
               "na", "n.a.", "n.a", "nvt", "n.v.t.", "n.v.t", "not applicable",
               "niet van toepassing"),
    },
    "axis": {
        "likelihood": ("likelihood", "kans", "probability"),
        "impact": ("impact", "severity", "ernst"),
    },
    # a Processor agreement cell that says there is none (yet); any other answer must be a
    # yes word, a date, a reference (holds a digit) or start with a word for an agreement
    "processor_agreement": {
        "none": ("none", "geen", "no", "nee", "n", "x", "-", "–", "n/a", "n.a.", "nvt", "n.v.t.",
                 "n.v.t", "false", "onwaar", "0", "missing", "ontbreekt", "not signed",
                 "niet getekend", "not applicable", "niet van toepassing", "no agreement",
                 "geen overeenkomst", "geen verwerkersovereenkomst"),
        "pending": ("pending", "in behandeling", "not yet", "nog niet", "in progress",
                    "in uitvoering", "in preparation", "in voorbereiding", "requested",
                    "aangevraagd", "under negotiation", "in onderhandeling", "to do", "todo",
                    "tbd", "draft", "concept", "planned", "gepland", "ongoing", "loopt"),
    },
}

# Words that, anywhere in a Processor agreement cell, name an agreement ("DPA signed 2025",
# "Verwerkersovereenkomst d.d. ..."); yes words, dates and references count too. (A cell
# that starts with a "none" word, holds a "pending" word or a negation is no agreement.)
AGREEMENT_WORDS = (
    "agreement", "dpa", "data processing agreement", "processing agreement", "contract",
    "signed", "concluded", "in place", "addendum", "clause", "terms", "art. 28", "scc",
    "overeenkomst", "verwerkersovereenkomst", "vwo", "getekend", "ondertekend", "gesloten",
    "aanwezig", "afgesloten", "bijlage",
)

# Words meaning "nothing" in a list column that may be empty.
EMPTY_LIST_WORDS = frozenset({"none", "n/a", "na", "n.a.", "-", "geen", "nvt", "n.v.t.",
                              "n.v.t"})
ALL_WORDS = frozenset({"all", "alle"})

# Screening criteria: key -> (en, nl). WP248 rev.01 nine criteria, then Art. 35(3) cases.
SCREENING_CRITERIA: dict[str, tuple[str, str]] = {
    "evaluation": ("Evaluation or scoring", "Evaluatie of scoretoekenning"),
    "automated-decision": (
        "Automated decision-making with legal or similar significant effect",
        "Geautomatiseerde besluitvorming met rechtsgevolg of vergelijkbaar wezenlijk gevolg",
    ),
    "monitoring": ("Systematic monitoring", "Stelselmatige monitoring"),
    "sensitive": (
        "Sensitive data or data of a highly personal nature",
        "Gevoelige gegevens of gegevens van zeer persoonlijke aard",
    ),
    "large-scale": ("Data processed on a large scale", "Grootschalige verwerking"),
    "matching": ("Matching or combining datasets", "Matching of combineren van datasets"),
    "vulnerable": (
        "Data concerning vulnerable data subjects",
        "Gegevens over kwetsbare betrokkenen",
    ),
    "innovative": (
        "Innovative use or applying new technological or organisational solutions",
        "Innovatief gebruik of toepassing van nieuwe technologische of organisatorische oplossingen",
    ),
    "prevents-rights": (
        "Processing that prevents data subjects from exercising a right or using a service or contract",
        "Verwerking die betrokkenen verhindert een recht uit te oefenen of een dienst of overeenkomst te gebruiken",
    ),
    "art35-3a": (
        "Art. 35(3)(a): systematic and extensive evaluation with legal or similarly significant effects",
        "Art. 35 lid 3 sub a: systematische en uitgebreide beoordeling met rechtsgevolgen of vergelijkbare wezenlijke gevolgen",
    ),
    "art35-3b": (
        "Art. 35(3)(b): large-scale processing of special categories or criminal convictions data",
        "Art. 35 lid 3 sub b: grootschalige verwerking van bijzondere of strafrechtelijke persoonsgegevens",
    ),
    "art35-3c": (
        "Art. 35(3)(c): systematic monitoring of a publicly accessible area on a large scale",
        "Art. 35 lid 3 sub c: stelselmatige en grootschalige monitoring van openbaar toegankelijke ruimten",
    ),
}
ART35_3_KEYS = ("art35-3a", "art35-3b", "art35-3c")

# Sign-off items of the ICO template: key -> (en, nl).
SIGN_OFF_ITEMS: dict[str, tuple[str, str]] = {
    "measures_approved": ("Measures approved by", "Maatregelen goedgekeurd door"),
    "residual_approved": ("Residual risks approved by", "Restrisico's goedgekeurd door"),
    "dpo_advice": ("DPO advice provided", "Advies FG gegeven door"),
    "dpo_advice_accepted": (
        "DPO advice accepted or overruled by",
        "Advies FG overgenomen of terzijde gelegd door",
    ),
    "consultation_reviewed": (
        "Consultation responses reviewed by",
        "Reacties op raadpleging beoordeeld door",
    ),
    "kept_under_review": ("This DPIA will be kept under review by", "Deze DPIA wordt bewaakt door"),
}

# Art. 6(1) lawful bases: point -> words (en, nl) that name it anywhere in the cell.
# The six Art. 6(1) bases by point: (English, Dutch) as a workbook's drop-down offers them
LAWFUL_BASIS_NAMES: dict[str, tuple[str, str]] = {
    "a": ("Consent", "Toestemming"),
    "b": ("Contract", "Overeenkomst"),
    "c": ("Legal obligation", "Wettelijke verplichting"),
    "d": ("Vital interests", "Vitaal belang"),
    "e": ("Public task", "Publieke taak"),
    "f": ("Legitimate interests", "Gerechtvaardigd belang"),
}
_LAWFUL_BASIS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "d": ("vital interest", "vitale belangen"),
    "e": ("public interest", "algemeen belang", "publiekrechtelijke taak"),
    "f": ("legitimate interest", "gerechtvaardigde belangen"),
}
# point -> the words (case-folded) that name it in a Lawful basis cell
LAWFUL_BASES: dict[str, tuple[str, ...]] = {
    point: (english.casefold(), dutch.casefold(), *_LAWFUL_BASIS_SYNONYMS.get(point, ()))
    for point, (english, dutch) in LAWFUL_BASIS_NAMES.items()
}

# How a Lawful basis cell is read (dpia.cells.lawful_bases). The cell is cut into clauses at
# these separators; a bracketed part is a clause of its own.
LAWFUL_BASIS_CLAUSE_WORDS = ("but", "however", "whereas", "maar", "echter", "doch", "wel")
# Words that deny what they stand with: a Lawful basis clause holding one makes its basis
# "not the basis"; a Processor agreement holding one is not read as an agreement.
NEGATION_WORDS = (
    "not", "no", "never", "neither", "nor", "without", "isn't", "aren't", "doesn't", "don't",
    "cannot", "can't", "unable",
    "niet", "geen", "nooit", "noch", "zonder", "kein", "keine", "nicht",
)
# Phrases that are no negation although they hold one ("not only consent but also ...").
NOT_NEGATION_WORDS = ("not only", "niet alleen", "niet enkel", "no.", "nicht nur")
# "X instead of Y": X is the basis, Y is not.
LAWFUL_BASIS_INSTEAD_WORDS = (
    "instead of", "rather than", "other than", "in plaats van", "i.p.v.", "ipv", "anstatt",
    "statt",
)
# A citation of Art. 6(1): "6" (after "Art.", "Article", "artikel"), then paragraph 1 in one
# of these forms, then the point (a-f) after one of the point words or in brackets.
CITATION_PARAGRAPH_WORDS = ("lid", "para", "para.", "paragraph", "paragraaf", "abs", "abs.",
                            "absatz", "§", "par", "par.")
CITATION_FIRST_PARAGRAPH = ("eerste lid", "first paragraph", "1st paragraph")
CITATION_POINT_WORDS = ("sub", "onder", "lit", "lit.", "letter", "point", "punt", "under",
                        "subparagraph", "buchst", "buchst.", "buchstabe", "onderdeel", "point.")

_BRACKETS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")


def header_key(text: object) -> str:
    """A header or sheet name as compared: trimmed, spaces collapsed, case-folded,
    trailing ``*``, ``:`` or ``?`` and a trailing bracketed hint removed
    (``"Likelihood (1-3) *"``, ``"Title:"``, ``"Applies?"``)."""
    name = " ".join(str(text).split())
    while True:
        stripped = name.rstrip("*:?").strip()
        stripped = _BRACKETS.sub("", stripped).strip()
        if stripped == name:
            break
        name = stripped
    return name.casefold().replace("’", "'")


def find_sheet(name: str) -> Sheet | None:
    """The format's sheet that a workbook sheet name stands for, or None."""
    wanted = header_key(name)
    for sheet in SHEETS:
        if any(header_key(n) == wanted for n in sheet.names()):
            return sheet
    return None


_PUNCTUATION = re.compile(r"[\s._-]+")


def column_key(text: object) -> str:
    """A column header or field name as compared: as ``header_key``, and dots, hyphens and
    underscores count as spaces (``"Res. L"`` is ``"Res L"``, ``"Risk-ID"`` is ``"Risk ID"``)."""
    return _PUNCTUATION.sub(" ", header_key(text)).strip()


@functools.cache
def _names_of(columns: tuple[Column, ...]) -> dict[str, tuple[Column, ...]]:
    """``column_key`` of every accepted name -> the columns that go by it (one, in a sound
    schema: tests/test_reader_headers.py checks it)."""
    index: dict[str, tuple[Column, ...]] = {}
    for column in columns:
        for name in dict.fromkeys(column_key(n) for n in column.names()):
            index[name] = (*index.get(name, ()), column)
    return index


def find_column(sheet: Sheet, header: object) -> Column | None:
    """The column of ``sheet`` that a header cell names, or None."""
    found = _names_of(sheet.columns).get(column_key(header))
    return found[0] if found else None


def is_own_name(column: Column, header: object) -> bool:
    """Whether a header is the column's own name (as ``dpia init`` writes it, in either
    language), not one of its further names."""
    return column_key(header) in (column_key(column.en), column_key(column.nl))


def find_field(name: object) -> Column | None:
    """The Assessment field that a Field cell names, or None."""
    found = _names_of(ASSESSMENT_FIELDS).get(column_key(name))
    return found[0] if found else None


def closest_column(columns: tuple[Column, ...], header: object) -> Column | None:
    """The column whose name a header not known resembles (a typo, a near miss such as
    ``"Residual likelyhood"``), or None when none is close."""
    names = _names_of(columns)
    wanted = column_key(header)
    if len(wanted) < 3:
        return None  # two letters resemble too much
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.8)
    return names[close[0]][0] if close else None


def header_group(text: object) -> str | None:
    """The group (``"inherent"``, ``"residual"``) a header cell above or around level columns
    names (``"Residual risk"``, ``"Netto"``), or None."""
    wanted = column_key(text)
    for group, languages in HEADER_GROUPS.items():
        if any(column_key(word) == wanted for words in languages.values() for word in words):
            return group
    return None


def value_key(group: str, text: str) -> str | None:
    """Canonical key of a value word (``"in uitvoering"`` -> ``"in_progress"``), or None."""
    wanted = " ".join(str(text).split()).casefold()
    for key, words in VALUE_WORDS[group].items():
        if wanted in words:
            return key
    return None


def value_word(group: str, key: str, lang: str) -> str:
    """The word for a canonical value in ``lang`` (as written by ``dpia init``)."""
    words = VALUE_WORDS[group][key]
    return words[1] if lang == "nl" and len(words) > 1 else words[0]
