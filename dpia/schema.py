"""The workbook format as data: sheets, columns, their names per language, and value words.

One place for every name the reader accepts and ``dpia init`` writes, so the template and
the reader can never disagree. Matching rules (case, spaces, ``*``, bracketed hints) live in
``header_key``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds of cell: how the reader parses a column.
TEXT, LIST, IDS, LEVEL, DATE, YESNO, ENUM = "text", "list", "ids", "level", "date", "yesno", "enum"

# Required: YES (empty is an error), NO, IF (conditional; checked by the reader per rule).
YES, NO, IF = "yes", "no", "if"


@dataclass(frozen=True)
class Column:
    key: str  # the model's field name
    en: str
    nl: str
    required: str = NO
    kind: str = TEXT
    aliases: tuple[str, ...] = ()  # further accepted names, any language
    enum: str = ""  # for ENUM columns: key into VALUE_WORDS

    def names(self) -> tuple[str, ...]:
        return (self.en, self.nl, *self.aliases)

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

    def names(self) -> tuple[str, ...]:
        return (self.en, self.nl, *self.aliases)

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


# Assessment fields (key/value sheet): (key, en, nl, required, kind, aliases)
ASSESSMENT_FIELDS: tuple[Column, ...] = (
    Column("title", "Title", "Titel", YES),
    Column("organisation", "Organisation", "Organisatie", YES, aliases=("Organization",)),
    Column("version", "Version", "Versie"),
    Column("date", "Date", "Datum", kind=DATE),
    Column("status", "Status", "Status", kind=ENUM, enum="assessment_status"),
    Column("author", "Author", "Auteur"),
    Column("owner", "Owner", "Eigenaar"),
    Column("dpo", "DPO", "FG", aliases=("Data protection officer", "Functionaris gegevensbescherming")),
    Column("classification", "Classification", "Classificatie"),
    Column("review_date", "Review date", "Herbeoordelingsdatum", kind=DATE),
    Column("language", "Language", "Taal"),
    Column("matrix", "Matrix", "Matrix"),
    Column("nature", "Nature", "Aard"),
    Column("scope", "Scope", "Reikwijdte"),
    Column("context", "Context", "Context"),
    Column("purposes", "Purposes", "Doeleinden"),
    Column("consultation", "Consultation", "Raadpleging"),
    Column("necessity", "Necessity", "Noodzaak"),
    Column("rights", "Rights", "Rechten betrokkenen", aliases=("Rechten",)),
    Column("information", "Information", "Informatievoorziening"),
    Column("breach_procedure", "Breach procedure", "Datalekprocedure"),
    Column("dpo_advice", "DPO advice", "Advies FG"),
    Column("conclusion", "Conclusion", "Conclusie"),
)

ASSESSMENT = Sheet(
    "assessment", "Assessment", "Beoordeling",
    (Column("field", "Field", "Veld", YES), Column("value", "Value", "Waarde")),
    ("field",), required=True,
)

PROCESSING = Sheet(
    "processing", "Processing", "Verwerkingen",
    (
        Column("id", "ID", "ID", YES),
        Column("name", "Name", "Naam", YES),
        Column("purpose", "Purpose", "Doel", YES),
        Column("lawful_basis", "Lawful basis", "Grondslag", YES),
        Column("legitimate_interest", "Legitimate interest", "Gerechtvaardigd belang", IF),
        Column("data_subjects", "Data subjects", "Betrokkenen", YES, LIST),
        Column("personal_data", "Personal data", "Persoonsgegevens", YES, LIST),
        Column("special_categories", "Special categories", "Bijzondere persoonsgegevens", NO, LIST),
        Column("art9_condition", "Art. 9 condition", "Uitzonderingsgrond", IF),
        Column("recipients", "Recipients", "Ontvangers", NO, LIST),
        Column("processors", "Processors", "Verwerkers", NO, LIST),
        Column("processor_agreement", "Processor agreement", "Verwerkersovereenkomst", IF),
        Column("transfers", "Transfers", "Doorgiften", NO, LIST),
        Column("transfer_safeguard", "Transfer safeguard", "Waarborg doorgifte", IF),
        Column("retention", "Retention", "Bewaartermijn", YES),
        Column("systems", "Systems", "Systemen"),
        Column("data_subjects_count", "Data subjects count", "Aantal betrokkenen"),
    ),
    ("id",), required=True,
)

RISKS = Sheet(
    "risks", "Risks", "Risico's",
    (
        Column("id", "ID", "ID", YES),
        Column("processing", "Processing", "Verwerking", YES, IDS),
        Column("risk", "Risk", "Risico", YES),
        Column("risk_source", "Source", "Bron"),
        Column("impact_on_individuals", "Impact on individuals", "Gevolgen voor betrokkenen"),
        Column("likelihood", "Likelihood", "Kans", YES, LEVEL),
        Column("impact", "Impact", "Impact", YES, LEVEL, aliases=("Severity", "Ernst")),
        Column("measures", "Measures", "Maatregelen", NO, IDS),
        Column("residual_likelihood", "Residual likelihood", "Restkans", NO, LEVEL),
        Column("residual_impact", "Residual impact", "Restimpact", NO, LEVEL,
               aliases=("Residual severity", "Resternst")),
        Column("treatment", "Treatment", "Behandeling", NO, ENUM, enum="treatment"),
        Column("owner", "Owner", "Eigenaar"),
    ),
    ("id",), required=True, aliases=("Risicos", "Risico’s"),
)

MEASURES = Sheet(
    "measures", "Measures", "Maatregelen",
    (
        Column("id", "ID", "ID", YES),
        Column("measure", "Measure", "Maatregel", YES),
        Column("type", "Type", "Type", NO, ENUM, enum="measure_type"),
        Column("description", "Description", "Beschrijving"),
        Column("status", "Status", "Status", NO, ENUM, enum="measure_status"),
        Column("owner", "Owner", "Eigenaar"),
        Column("due_date", "Due date", "Deadline", NO, DATE),
    ),
    ("id",),
)

SCREENING = Sheet(
    "screening", "Screening", "Voortoets",
    (
        Column("criterion", "Criterion", "Criterium", YES),
        Column("applies", "Applies", "Van toepassing", NO, YESNO),
        Column("justification", "Justification", "Toelichting"),
    ),
    ("criterion",),
)

SIGN_OFF = Sheet(
    "sign_off", "Sign-off", "Ondertekening",
    (
        Column("item", "Item", "Onderdeel", YES),
        Column("name", "Name", "Naam", YES),
        Column("date", "Date", "Datum", NO, DATE),
        Column("notes", "Notes", "Opmerkingen"),
    ),
    ("item",), aliases=("Sign off", "Signoff"),
)

HISTORY = Sheet(
    "history", "History", "Versiegeschiedenis",
    (
        Column("version", "Version", "Versie", YES),
        Column("date", "Date", "Datum", NO, DATE),
        Column("author", "Author", "Auteur"),
        Column("changes", "Changes", "Wijzigingen"),
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
    trailing ``*`` and a trailing bracketed hint removed (``"Likelihood (1-3) *"``)."""
    name = " ".join(str(text).split())
    while True:
        stripped = name.rstrip("*").strip()
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


def find_column(sheet: Sheet, header: object) -> Column | None:
    """The column of ``sheet`` that a header cell names, or None."""
    wanted = header_key(header)
    for column in sheet.columns:
        if any(header_key(n) == wanted for n in column.names()):
            return column
    return None


def find_field(name: object) -> Column | None:
    """The Assessment field that a Field cell names, or None."""
    wanted = header_key(name)
    for column in ASSESSMENT_FIELDS:
        if any(header_key(n) == wanted for n in column.names()):
            return column
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
