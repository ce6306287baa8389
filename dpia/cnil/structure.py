"""What the CNIL PIA software's export means: its question ids, its three fixed risks, its
knowledge-base measures and its status codes, as facts read from the LINCnil/pia source
(``src/assets/files/pia_architecture.json``, ``src/app/models/*.ts``,
``src/assets/files/pia_knowledge-base.json``; see docs/cnil.md for the commits read).

The names of the questions and items in a language are data, ``templates/<lang>/cnil.toml``
(optional per language: English's stand in for what a language leaves out): dpia's own short
names, the CNIL's own wording in French.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dpia import languages

FILE = "cnil.toml"


def words(lang: str, table: str, key: str) -> str:
    """A word of the CNIL bridge in ``lang`` (``words("nl", "words", "action_plan")``)."""
    return str(languages.optional(lang, FILE, table, key))


@functools.cache
def in_every_language(table: str, key: str) -> tuple[str, ...]:
    """A word in every language, each once, English first: what the importer and exporter
    recognise in a workbook of any language."""
    return tuple(dict.fromkeys(words(lang, table, key) for lang in languages.codes()))


@dataclass(frozen=True)
class Question:
    """One question of the CNIL PIA structure."""

    id: int
    item: str  # "1.1": section.item
    kind: str = "text"  # "text" | "list" | "gauge"

    def title(self, lang: str) -> str:
        """dpia's short name of the question in ``lang``."""
        return question_title(self.id, lang)


_QUESTIONS = (
    Question(111, "1.1"), Question(112, "1.1"), Question(113, "1.1"),
    Question(121, "1.2"), Question(122, "1.2"), Question(123, "1.2"),
    Question(211, "2.1"), Question(212, "2.1"), Question(213, "2.1"), Question(214, "2.1"),
    Question(215, "2.1"),
    Question(221, "2.2"), Question(222, "2.2"), Question(223, "2.2"), Question(224, "2.2"),
    Question(225, "2.2"), Question(226, "2.2"), Question(227, "2.2"),
)

# The three risks of section 3; each has six questions, item * 10 + 1..6.
RISK_ITEMS: tuple[str, ...] = ("3.2", "3.3", "3.4")
# The parts of a risk: (part number, kind); their names are cnil.toml's [risk_parts].
RISK_PARTS = ((1, "list"), (2, "list"), (3, "list"), (4, "list"), (5, "gauge"), (6, "gauge"))
THREATS, SEVERITY, LIKELIHOOD = 2, 5, 6

# Items whose evaluation is one per item ("1.1"); the others are evaluated per question
# ("2.1.211") or per measure ("3.1.<measure id>").
ITEMS: tuple[str, ...] = ("1.1", "1.2", "2.1", "2.2", "3.1", *RISK_ITEMS)


def risk_question(item: str, part: int) -> int:
    """The question id of part 1..6 of a risk item: ``risk_question("3.2", 5)`` is 325."""
    section, number = item.split(".")
    return int(section) * 100 + int(number) * 10 + part


QUESTIONS: dict[int, Question] = {q.id: q for q in _QUESTIONS}
for _item in RISK_ITEMS:
    for _part, _kind in RISK_PARTS:
        _id = risk_question(_item, _part)
        QUESTIONS[_id] = Question(_id, _item, _kind)


def item_title(ref: str, lang: str) -> str:
    """The name of an item ("3.2": Illegitimate access to data) in ``lang``."""
    return words(lang, "items", ref)


def risk_part_title(part: int, lang: str) -> str:
    """The heading of part 1..6 of a risk (5: Severity) in ``lang``."""
    return str(languages.optional(lang, FILE, "risk_parts", str(part), "title"))


def question_title(question: int, lang: str) -> str:
    """The name of a question in ``lang``; a risk's questions are named after the risk."""
    item = QUESTIONS[question].item
    if item not in RISK_ITEMS:
        return words(lang, "questions", str(question))
    part = str(languages.optional(lang, FILE, "risk_parts", str(question % 10), "in_title"))
    template = str(languages.optional(lang, FILE, "risk_question"))
    return template.format(risk=item_title(item, lang), part=part)


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
