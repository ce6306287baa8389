"""What the CNIL PIA software's export means: its question ids, its three fixed risks, its
knowledge-base measures and its status codes, as facts read from the LINCnil/pia source
(``src/assets/files/pia_architecture.json``, ``src/app/models/*.ts``,
``src/assets/files/pia_knowledge-base.json``; see docs/cnil.md for the commits read).

The titles here are dpia's own short names for the questions, in English and Dutch, not the
CNIL tool's wording.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One question of the CNIL PIA structure."""

    id: int
    item: str  # "1.1": section.item
    en: str
    nl: str
    kind: str = "text"  # "text" | "list" | "gauge"

    def title(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


_QUESTIONS = (
    Question(111, "1.1", "Processing under study", "Verwerking die wordt beoordeeld"),
    Question(112, "1.1", "Responsibilities", "Verantwoordelijkheden"),
    Question(113, "1.1", "Applicable standards", "Toepasselijke normen"),
    Question(121, "1.2", "Data processed", "Verwerkte gegevens"),
    Question(122, "1.2", "Data life cycle", "Levenscyclus van de gegevens"),
    Question(123, "1.2", "Supporting assets", "Dragers van de gegevens"),
    Question(211, "2.1", "Purposes", "Doeleinden"),
    Question(212, "2.1", "Lawful basis", "Grondslag"),
    Question(213, "2.1", "Data minimisation", "Minimale gegevensverwerking"),
    Question(214, "2.1", "Accuracy", "Juistheid"),
    Question(215, "2.1", "Storage duration", "Bewaartermijn"),
    Question(221, "2.2", "Information of data subjects", "Informatie aan betrokkenen"),
    Question(222, "2.2", "Consent", "Toestemming"),
    Question(223, "2.2", "Access and portability", "Inzage en overdraagbaarheid"),
    Question(224, "2.2", "Rectification and erasure", "Rectificatie en wissing"),
    Question(225, "2.2", "Restriction and objection", "Beperking en bezwaar"),
    Question(226, "2.2", "Processors", "Verwerkers"),
    Question(227, "2.2", "Transfers outside the EU", "Doorgifte buiten de EU"),
)

# The three risks of section 3: item -> (en, nl); each has six questions, item * 10 + 1..6.
RISK_ITEMS: dict[str, tuple[str, str]] = {
    "3.2": ("Illegitimate access to data", "Onrechtmatige toegang tot gegevens"),
    "3.3": ("Unwanted modification of data", "Ongewenste wijziging van gegevens"),
    "3.4": ("Disappearance of data", "Verdwijning van gegevens"),
}
RISK_PARTS = (
    (1, "list", "Impacts on the data subjects", "Gevolgen voor betrokkenen"),
    (2, "list", "Threats", "Dreigingen"),
    (3, "list", "Risk sources", "Risicobronnen"),
    (4, "list", "Measures addressing the risk", "Maatregelen tegen het risico"),
    (5, "gauge", "Severity", "Ernst"),
    (6, "gauge", "Likelihood", "Waarschijnlijkheid"),
)


def risk_question(item: str, part: int) -> int:
    """The question id of part 1..6 of a risk item: ``risk_question("3.2", 5)`` is 325."""
    section, number = item.split(".")
    return int(section) * 100 + int(number) * 10 + part


QUESTIONS: dict[int, Question] = {q.id: q for q in _QUESTIONS}
for _item, (_en, _nl) in RISK_ITEMS.items():
    for _part, _kind, _part_en, _part_nl in RISK_PARTS:
        _id = risk_question(_item, _part)
        QUESTIONS[_id] = Question(_id, _item, f"{_en}: {_part_en.lower()}",
                                  f"{_nl}: {_part_nl.lower()}", _kind)

# Items whose evaluation is one per item ("1.1"); the others are evaluated per question
# ("2.1.211") or per measure ("3.1.<measure id>").
ITEM_TITLES: dict[str, tuple[str, str]] = {
    "1.1": ("Overview", "Overzicht"),
    "1.2": ("Data, processes and supporting assets", "Gegevens, processen en dragers"),
    "2.1": ("Proportionality and necessity", "Evenredigheid en noodzaak"),
    "2.2": ("Controls protecting the rights of data subjects",
            "Maatregelen voor de rechten van betrokkenen"),
    "3.1": ("Existing or planned measures", "Bestaande of geplande maatregelen"),
    **RISK_ITEMS,
}

# pia.status: 0 doing, 1 refused, 2 simple validation, 3 signed validation, 4 archived,
# 5 waiting for validation (pia.model.ts; statuses in src/assets/i18n/en.json)
PIA_STATUS_NAMES = {0: "in progress", 1: "refused", 2: "simple validation",
                    3: "signed validation", 4: "archived", 5: "waiting for validation"}
# evaluation.status: 0 pending, 1 to be fixed, 2 improvable, 3 acceptable
EVALUATION_STATUS_NAMES = {0: "pending", 1: "to be fixed", 2: "improvable", 3: "acceptable"}

# The measures of the knowledge base: slug -> (en name, measure type). A CNIL measure added
# from the knowledge base carries "knowledge_base.slugs.<SLUG>.placeholder"; PIA_TEC are
# controls on the data, PIA_SEC general security controls, PIA_ORG organisational controls.
KNOWLEDGE_BASE: dict[str, str] = {
    "PIA_TEC_CHIF": "Encryption",
    "PIA_TEC_ANO": "Anonymisation",
    "PIA_TEC_CLO": "Partitioning data",
    "PIA_TEC_CTLA": "Logical access control",
    "PIA_TEC_LOG": "Traceability (logging)",
    "PIA_TEC_ARCH": "Archiving",
    "PIA_TEC_PAP": "Paper document security",
    "PIA_TEC_MINI": "Minimising the amount of personal data",
    "PIA_SEC_EXP": "Operating security",
    "PIA_SEC_MAL": "Clamping down on malicious software",
    "PIA_SEC_COMP": "Managing workstations",
    "PIA_SEC_WEB": "Website security",
    "PIA_SEC_BKP": "Backups",
    "PIA_SEC_MAIN": "Maintenance",
    "PIA_SEC_CTR": "Processing contracts",
    "PIA_SEC_NET": "Network security",
    "PIA_SEC_PHY": "Physical access control",
    "PIA_SEC_LOG": "Monitoring network activity",
    "PIA_SEC_MAT": "Hardware security",
    "PIA_SEC_SRC": "Avoiding sources of risk",
    "PIA_SEC_PROT": "Protecting against non-human sources of risks",
    "PIA_ORG_ORG": "Organisation",
    "PIA_ORG_POL": "Policy",
    "PIA_ORG_RMGT": "Managing privacy risks",
    "PIA_ORG_PBD": "Integrating privacy protection in projects",
    "PIA_ORG_VIOL": "Managing personal data violations",
    "PIA_ORG_PERS": "Personnel management",
    "PIA_ORG_EXT": "Relations with third parties",
    "PIA_ORG_AUD": "Supervision",
}
DEFAULT_PLACEHOLDER = "measures.default_placeholder"
KB_PREFIX = "knowledge_base.slugs."


def knowledge_base_slug(key: str) -> str | None:
    """The slug in a knowledge-base key (``knowledge_base.slugs.PIA_TEC_CHIF.placeholder``
    or ``....name``), or None for any other text."""
    if not key.startswith(KB_PREFIX):
        return None
    slug, _, rest = key[len(KB_PREFIX):].partition(".")
    return slug if rest in ("placeholder", "name", "") else None


def measure_type(slug: str | None) -> str:
    """dpia's measure type for a knowledge-base measure, "" when it cannot be told."""
    if slug is None:
        return ""
    if slug.startswith(("PIA_TEC_", "PIA_SEC_")):
        return "technical"
    if slug.startswith("PIA_ORG_"):
        return "organisational"
    return ""
