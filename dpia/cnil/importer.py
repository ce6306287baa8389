"""A CNIL PIA export (already parsed JSON) as the content of a dpia workbook.

Every value placed in the workbook is traced to its JSON path and CNIL question; what has no
place in the workbook is kept as a note and listed in a warning. The mapping is described in
docs/cnil.md; ``dpia.cnil.exporter`` is its inverse for the fields both formats hold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dpia import cells, languages, schema
from dpia.cnil import structure as cnil
from dpia.cnil.htmltext import BULLET, html_to_text
from dpia.cnil.jsonin import Node, describe
from dpia.errors import FileFormatError, Problem
from dpia.i18n import _, current
from dpia.sanitise import workbook_text
from dpia.workbook_content import Content

# The words of the composite fields and placeholders, per workbook language, are
# templates/<lang>/cnil.toml's [words] (``word(lang, key)``); the import sheet's are its [trace].


def word(lang: str, key: str) -> str:
    """A heading or placeholder of the workbook in ``lang`` (``word("nl", "not_stated")``)."""
    return cnil.words(lang, "words", key)


# Composite fields: (model key, [(question id or word key, ...)]); the first part has no
# heading, the others start with theirs ("Accuracy: ...").
COMPOSITES: dict[str, tuple[int, ...]] = {
    "nature": (111, 112, 122),
    "context": (113,),
    "scope": (121,),
    "necessity": (213, 214),
    "information": (221, 222),
    "rights": (223, 224, 225),
}

# French (and English and Dutch) words that name an Art. 6(1) basis in a CNIL answer 212.
_FRENCH_BASES = (
    ("a", r"consentement"),
    ("b", r"ex[ée]cution d.un contrat|contrat|contractuel"),
    ("c", r"obligation l[ée]gale|obligations l[ée]gales"),
    ("d", r"int[ée]r[êe]ts? vita(?:l|ux)|sauvegarde des int[ée]r[êe]ts"),
    ("e", r"mission d.int[ée]r[êe]t public|int[ée]r[êe]t public|autorit[ée] publique"),
    ("f", r"int[ée]r[êe]ts? l[ée]gitimes?"),
)
BASIS_SEPARATOR = " — "


def action_name() -> re.Pattern[str]:
    """The name of a measure made from an evaluation's action plan, in any language:
    ``Action plan (3.2): ...``; group 1 is the reference."""
    names = "|".join(re.escape(name) for name in cnil.in_every_language("words", "action_plan"))
    return re.compile(rf"^(?:{names}) \((\d(?:\.\d+){{1,2}})\): ")


def heading(part: int | str, lang: str) -> str:
    """The heading of a part of a composite field: a question's title or a word."""
    if isinstance(part, int):
        return cnil.QUESTIONS[part].title(lang)
    return word(lang, part)


def headings(part: int | str) -> tuple[str, ...]:
    """The heading of a part in every language, each once."""
    return tuple(dict.fromkeys(heading(part, lang) for lang in languages.codes()))


def compose(parts: list[tuple[int | str, str]], lang: str) -> str:
    """Parts as one text: the first as it is, each other one after its heading."""
    chunks = []
    for index, (part, text) in enumerate(parts):
        if text:
            chunks.append(text if index == 0 else headed(heading(part, lang), text))
    return "\n\n".join(chunks)


def headed(title: str, text: str) -> str:
    """``Title: text``; a text that starts with a bullet starts on the next line, so that
    the report still shows it as a list."""
    return f"{title}:\n{text}" if text.startswith(BULLET) else f"{title}: {text}"


def strip_heading(chunk: str, titles) -> tuple[str, str] | None:
    """(title, text) when ``chunk`` starts with one of ``titles`` as ``headed`` writes it."""
    for title in titles:
        for mark in (": ", ":\n"):
            if chunk.startswith(title + mark):
                return title, chunk[len(title) + len(mark):]
    return None


def decompose(text: str, parts: tuple[int | str, ...]) -> list[str]:
    """The inverse of ``compose`` (headings in any language): one text per part."""
    out = [""] * len(parts)
    current = 0
    for chunk in text.split("\n\n") if text else []:
        for index, part in enumerate(parts[1:], start=1):
            found = strip_heading(chunk, headings(part))
            if found is not None:
                current, chunk = index, found[1]
                out[current] = ""
                break
        out[current] = f"{out[current]}\n\n{chunk}" if out[current] else chunk
    return out


def bullets(items: list[str]) -> str:
    return "\n".join(BULLET + item for item in items)


def unbullet(text: str) -> list[str]:
    """The lines of a text, without their bullets: a list for the CNIL's list answers."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if line[:1] in ("•", "-", "*", "·") and line[1:2] == " ":
            line = line[2:].strip()
        if line:
            lines.append(line)
    return lines


def lawful_basis_text(answer: str, lang: str = languages.FALLBACK) -> tuple[str, str]:
    """(Lawful basis cell, the interest pursued) for an answer to question 212: as it is when
    it names a basis dpia reads; else after the names, in the workbook's language ``lang``,
    of the bases its French words name (``Contract; Legitimate interests — <answer>``). The
    interest is the answer itself when legitimate interests is among the bases."""
    if not answer:
        return "", ""
    if answer.count(BASIS_SEPARATOR) and _names_basis(answer.split(BASIS_SEPARATOR)[0]):
        head, _, rest = answer.partition(BASIS_SEPARATOR)
        points = cells.lawful_bases(head)
        return answer, rest if "f" in points else ""
    if _names_basis(answer):
        points = cells.lawful_bases(answer)
        return answer, answer if "f" in points else ""
    folded = answer.casefold()
    points = [point for point, words in _FRENCH_BASES if re.search(words, folded)]
    if not points:
        return answer, ""
    names = "; ".join(schema.LAWFUL_BASIS_NAMES[point][lang] for point in points)
    return f"{names}{BASIS_SEPARATOR}{answer}", answer if "f" in points else ""


def _names_basis(text: str) -> bool:
    try:
        return bool(cells.lawful_bases(text))
    except cells.CellError:
        return False


@dataclass
class TraceRow:
    """One value of the workbook and where in the export it came from."""

    sheet: str
    cell: str
    field: str
    source: str
    question: str
    note: str = ""

    def as_list(self) -> list[object]:
        return [self.sheet, self.cell, self.field, self.source, self.question, self.note]


@dataclass
class Imported:
    """The content of the workbook, where each value came from, and the import's problems."""

    content: Content
    trace: list[TraceRow]
    problems: list[Problem]
    lang: str
    # (sheet title, cell) -> JSON path, to name the export in the reader's messages
    paths: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class _Answer:
    node: Node
    data: Node


class _Importer:
    def __init__(self, root: Node, lang: str, name: str):
        self.root, self.lang, self.name = root, lang, name
        self.words = {key: word(lang, key)
                      for key in languages.optional(languages.FALLBACK, cnil.FILE, "words")}
        self.problems = root.problems
        self.sources: dict[tuple, tuple[str, str]] = {}  # content place -> (path, question)
        self.notes: list[TraceRow] = []
        self.answers: dict[int, _Answer] = {}
        self.evaluations: dict[str, Node] = {}

    # -- helpers

    def trace(self, place: tuple, path: str, question: int | str | None = None) -> None:
        if isinstance(question, int) and question in cnil.QUESTIONS:
            label = f"{question} {cnil.QUESTIONS[question].title(self.lang)}"
        else:
            label = "" if question is None else str(question)
        if place in self.sources:
            old_path, old_label = self.sources[place]
            path, label = f"{old_path}; {path}", "; ".join(x for x in (old_label, label) if x)
        self.sources[place] = (path, label)

    def note(self, path: str, question: str, text: str) -> None:
        self.notes.append(TraceRow("", "", "", path, question, text))

    def answer_text(self, question: int) -> tuple[str, str]:
        """(text, JSON path) of the answer to a text question, ("", "") when none."""
        answer = self.answers.get(question)
        if answer is None:
            return "", ""
        node = answer.data.child("text")
        return html_to_text(node.text()), node.path

    def answer_list(self, question: int) -> tuple[list[str], str]:
        answer = self.answers.get(question)
        if answer is None:
            return [], ""
        node = answer.data.child("list")
        items = [workbook_text(" ".join(item.text().split())) for item in node.items()]
        return [item for item in items if item], node.path

    def answer_gauge(self, question: int) -> tuple[int | None, str]:
        answer = self.answers.get(question)
        if answer is None:
            return None, ""
        node = answer.data.child("gauge")
        return node.integer(0, 4, zero_is_none=True), node.path

    def plain(self, node: Node) -> str:
        """A plain-text field (names, opinions): as typed, only control characters removed."""
        return workbook_text(node.text())

    def date(self, node: Node) -> dt.date | None:
        value = node.value
        if value is None or value == "":
            return None
        if isinstance(value, str):
            match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
            if match:
                try:
                    return dt.date(*map(int, match.groups()))
                except ValueError:
                    pass
        node.error(_("expected a date such as 2026-05-25T00:00:00.000Z, found {found}").format(
            found=describe(value) if not isinstance(value, str) else repr(value[:40])))
        return None

    # -- the parts of the export

    def collect(self) -> None:
        root = self.root
        for answer in root.child("answers").items():
            if not answer.is_object():
                continue
            ref = answer.child("reference_to").integer(100, 999)
            data = answer.child("data")
            if ref is None:
                if answer.child("reference_to").value is None:
                    answer.error(_("the answer has no reference_to (question id)"))
                continue
            if data.value is not None and not data.is_object():
                continue
            if ref not in cnil.QUESTIONS:
                text = html_to_text(data.child("text").text()) or "\n".join(
                    item.text() for item in data.child("list").items())
                answer.warning(_("question {ref} is not a question of the CNIL PIA structure; "
                                 "the answer is kept in the import sheet").format(ref=ref))
                self.note(data.path, str(ref), text)
                continue
            if ref in self.answers:
                answer.warning(_("a second answer to question {ref}; the first one ({path}) is "
                                 "used").format(ref=ref, path=self.answers[ref].node.path))
                continue
            self.answers[ref] = _Answer(answer, data)
        for evaluation in root.child("evaluations").items():
            if not evaluation.is_object():
                continue
            ref_node = evaluation.child("reference_to")
            ref = ref_node.text().strip()
            if not re.fullmatch(r"\d\.\d(?:\.\d+)?", ref):
                found = repr(ref[:40]) if isinstance(ref_node.value, str) else describe(
                    ref_node.value)
                ref_node.error(_("expected a reference such as '3.2' or '2.1.211', found "
                                 "{found}").format(found=found))
                continue
            if ref in self.evaluations:
                evaluation.warning(_("a second evaluation of {ref}; the first one is used")
                                   .format(ref=ref))
                continue
            self.evaluations[ref] = evaluation

    def info(self, pia: Node, organisation: str | None) -> tuple[dict, dict]:
        words, lang = self.words, self.lang
        info: dict[str, object] = {"language": lang, "matrix": "cnil"}
        name = self.plain(pia.child("name"))
        if not name:
            name = self.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "PIA"
            pia.child("name").warning(_("the PIA has no name; the title is the file's name "
                                        "({name!r})").format(name=name))
        info["title"] = name
        self.trace(("info", "title"), pia.child("name").path)
        if organisation:
            info["organisation"] = organisation
            self.trace(("info", "organisation"), "", "--organisation")
        else:
            info["organisation"] = words["not_stated"]
            pia.warning(_("the CNIL PIA has no organisation (controller); the Organisation "
                          "field says so: fill it in (or give --organisation)"))
            self.trace(("info", "organisation"), pia.path, "not in the export")
        status = pia.child("status").integer(0, 5)
        if status is not None:
            info["status"] = {0: "draft", 1: words["refused"], 2: "approved", 3: "approved",
                              4: words["archived"], 5: "final"}[status]
            self.trace(("info", "status"), pia.child("status").path,
                       cnil.PIA_STATUS_NAMES[status])
        for key, source in (("author", "author_name"), ("dpo", "dpos_names"),
                            ("dpo_advice", "dpo_opinion")):
            value = self.plain(pia.child(source))
            if value:
                info[key] = value
                self.trace(("info", key), pia.child(source).path)
        for source in ("updated_at", "created_at"):
            date = self.date(pia.child(source))
            if date is not None:
                info["date"] = date
                self.trace(("info", "date"), pia.child(source).path)
                break
        # consultation of the people concerned
        people = self.plain(pia.child("people_names"))
        opinion = self.plain(pia.child("concerned_people_opinion"))
        people_status = pia.child("concerned_people_status").integer(0, 1)
        searched = pia.child("concerned_people_searched_opinion").flag()
        why_not = self.plain(pia.child("concerned_people_searched_content"))
        verdict = "" if people_status is None else words[
            "favourable" if people_status == 1 else "unfavourable"]
        not_consulted = (why_not or words["not_stated"]) if searched is False else ""
        consultation = compose([("", opinion), ("people_consulted", people),
                                ("their_opinion", verdict), ("not_consulted", not_consulted)],
                               lang)
        if consultation:
            info["consultation"] = consultation
            for key in ("concerned_people_opinion", "people_names", "concerned_people_status",
                        "concerned_people_searched_opinion",
                        "concerned_people_searched_content"):
                if pia.has(key) and pia.child(key).value not in (None, ""):
                    self.trace(("info", "consultation"), pia.child(key).path)
        rejected = self._either(pia, "rejected_reason", "rejection_reason")
        adjusted = self._either(pia, "applied_adjustements", "applied_adjustments")
        conclusion = compose([("", ""), ("rejected", rejected[0]),
                              ("adjustments", adjusted[0])], lang)
        if conclusion:
            info["conclusion"] = conclusion
            for text, path in (rejected, adjusted):
                if text:
                    self.trace(("info", "conclusion"), path)
        for key, questions in COMPOSITES.items():
            parts, paths = [], []
            for question in questions:
                text, path = self.answer_text(question)
                parts.append((question, text))
                if text:
                    paths.append((path, question))
            value = compose(parts, lang)
            if value:
                info[key] = value
                for path, question in paths:
                    self.trace(("info", key), path, question)
        for key in ("category", "structure_name", "structure_sector_name"):
            text = self.plain(pia.child(key)) if isinstance(pia.child(key).value, str) else ""
            if text:
                pia.child(key).warning(_("{key} has no place in the workbook; kept in the "
                                         "import sheet").format(key=key))
                self.note(pia.child(key).path, "", text)
        if pia.has("structure_data") and pia.child("structure_data").value:
            pia.child("structure_data").warning(
                _("the PIA was made from a structure of its own; only the questions of the "
                  "CNIL's structure are read"))
        sign_off: dict[str, tuple[str, dt.date | None, str]] = {}
        for key, source in (("measures_approved", "evaluator_name"),
                            ("residual_approved", "validator_name")):
            value = self.plain(pia.child(source))
            if value:
                sign_off[key] = (value, None, "")
                self.trace(("sign_off", key, "name"), pia.child(source).path)
        dpo = self.plain(pia.child("dpos_names"))
        dpo_status = pia.child("dpo_status").integer(0, 1)
        if dpo or dpo_status is not None:
            notes = "" if dpo_status is None else words[
                "favourable" if dpo_status == 1 else "unfavourable"]
            sign_off["dpo_advice"] = (dpo, None, notes)
            if dpo:
                self.trace(("sign_off", "dpo_advice", "name"), pia.child("dpos_names").path)
            if notes:
                self.trace(("sign_off", "dpo_advice", "notes"), pia.child("dpo_status").path)
        return info, sign_off

    def _either(self, pia: Node, *keys: str) -> tuple[str, str]:
        for key in keys:
            text = self.plain(pia.child(key))
            if text:
                return text, pia.child(key).path
        return "", ""

    def processing(self, pia: Node, title: str) -> dict:
        words = self.words
        row: dict[str, object] = {"id": "P1", "name": title}
        self.trace(("processing", 0, "name"), pia.child("name").path)
        purpose, path = self.answer_text(211)
        if purpose:
            row["purpose"] = purpose
            self.trace(("processing", 0, "purpose"), path, 211)
        else:
            row["purpose"] = words["not_stated"]
            self._missing(211, "Purpose")
            self.trace(("processing", 0, "purpose"), "answers", "211 not answered")
        basis, path = self.answer_text(212)
        if basis:
            row["lawful_basis"], interest = lawful_basis_text(basis, self.lang)
            self.trace(("processing", 0, "lawful_basis"), path, 212)
            if interest:
                row["legitimate_interest"] = interest
                self.trace(("processing", 0, "legitimate_interest"), path, 212)
        else:
            self.root.child("answers").error(
                _("question 212 (lawful basis) is not answered; the workbook needs the Art. "
                  "6(1) basis: fill in Lawful basis on the Processing sheet"))
            self.trace(("processing", 0, "lawful_basis"), "answers", "212 not answered")
        row["data_subjects"] = [words["not_stated"]]
        self.root.child("pia").warning(
            _("the CNIL PIA does not list the data subjects; Data subjects on the Processing "
              "sheet says so: fill it in"))
        self.trace(("processing", 0, "data_subjects"), "pia", "not in the export")
        scope = self.answer_text(121)[0]
        row["personal_data"] = [words["not_stated"] + (" (" + heading(121, self.lang) + ")"
                                                       if scope else "")]
        self.root.child("pia").warning(
            _("the CNIL PIA describes the data in prose (question 121, imported as Scope), "
              "not as a list; fill in Personal data on the Processing sheet"))
        self.trace(("processing", 0, "personal_data"), "answers", "121 (see Scope)")
        retention, path = self.answer_text(215)
        if retention:
            row["retention"] = retention
            self.trace(("processing", 0, "retention"), path, 215)
        else:
            row["retention"] = words["not_stated"]
            self._missing(215, schema.PROCESSING.column("retention").name(current()))
            self.trace(("processing", 0, "retention"), "answers", "215 not answered")
        systems, path = self.answer_text(123)
        if systems:
            row["systems"] = systems
            self.trace(("processing", 0, "systems"), path, 123)
        for question, keys in ((226, ("processors", "processor_agreement")),
                               (227, ("transfers", "transfer_safeguard"))):
            text, path = self.answer_text(question)
            if text:
                self.note(path, f"{question} {heading(question, self.lang)}", text)
                columns = _(" and ").join(schema.PROCESSING.column(key).name(current())
                                          for key in keys)
                self.answers[question].node.warning(
                    _("question {question} ({title}) is prose, not the lists the workbook "
                      "needs; kept in the import sheet: fill in {columns} on the Processing "
                      "sheet").format(question=question, title=heading(question, current()),
                                      columns=columns))
        return row

    def _missing(self, question: int, column: str) -> None:
        self.root.child("answers").warning(
            _("question {question} ({title}) is not answered; {column} on the Processing sheet "
              "says so: fill it in").format(question=question,
                                            title=heading(question, current()), column=column))

    def measures(self) -> tuple[list[dict], dict[str, str], dict[str, str]]:
        """The measures, their ids by CNIL measure id, and by folded title."""
        rows: list[dict] = []
        by_cnil_id: dict[str, str] = {}
        by_title: dict[str, str] = {}
        without_status: list[str] = []
        for index, node in enumerate(self.root.child("measures").items()):
            if not node.is_object():
                continue
            measure_id = f"M{index + 1}"
            row: dict[str, object] = {"id": measure_id}
            place = ("measures", index)
            title_node, placeholder_node = node.child("title"), node.child("placeholder")
            title = self.plain(title_node)
            slug = cnil.knowledge_base_slug(self.plain(placeholder_node)) or \
                cnil.knowledge_base_slug(title)
            if cnil.knowledge_base_slug(title):
                title = cnil.KNOWLEDGE_BASE.get(slug or "", "")
            if not title:
                title = cnil.KNOWLEDGE_BASE.get(slug or "", "") or f"Measure {index + 1}"
                title_node.warning(f"the measure has no title; it is called {title!r}")
            row["measure"] = title
            self.trace(place + ("measure",), title_node.path)
            content = html_to_text(node.child("content").text())
            kind = cnil.measure_type(slug)
            if kind:
                row["type"] = kind
                self.trace(place + ("type",), placeholder_node.path,
                           f"knowledge base {slug}: {cnil.KNOWLEDGE_BASE.get(slug or '', '?')}")
            cnil_id = node.child("id").value
            key = str(cnil_id) if isinstance(cnil_id, (int, str)) and not isinstance(
                cnil_id, bool) else ""
            evaluation = self.evaluations.get(f"3.1.{key}") if key else None
            action = ""
            if evaluation is not None:
                status = evaluation.child("status").integer(0, 3)
                action = html_to_text(evaluation.child("action_plan_comment").text())
                if status == 3:
                    row["status"] = "implemented"
                elif status in (1, 2) or action:
                    row["status"] = "planned"
                if "status" in row:
                    self.trace(place + ("status",), evaluation.child("status").path,
                               cnil.EVALUATION_STATUS_NAMES[status or 0])
                self._people_and_date(evaluation, row, place)
                self._evaluation_note(evaluation, f"3.1.{key}")
            if "status" not in row:
                without_status.append(measure_id)
            description = compose([("", content), ("action_plan", action)], self.lang)
            if description:
                row["description"] = description
                self.trace(place + ("description",), node.child("content").path)
                if action:
                    self.trace(place + ("description",),
                               evaluation.child("action_plan_comment").path)
            if key:
                if key in by_cnil_id:
                    node.child("id").warning(f"a second measure with id {key}")
                by_cnil_id.setdefault(key, measure_id)
            by_title.setdefault(_fold(title), measure_id)
            by_title.setdefault(_fold(self.plain(title_node)), measure_id)
            rows.append(row)
        if without_status:
            self.root.child("measures").warning(
                "the CNIL tool does not say whether a measure is in place; "
                + ", ".join(without_status) + " have no evaluation and so no Status "
                "(planned by default): check the Status column")
        return rows, by_cnil_id, by_title

    def _people_and_date(self, evaluation: Node, row: dict, place: tuple) -> None:
        person = self.plain(evaluation.child("person_in_charge"))
        if person:
            row["owner"] = person
            self.trace(place + ("owner",), evaluation.child("person_in_charge").path)
        due = self.date(evaluation.child("estimated_implementation_date"))
        if due is not None:
            row["due_date"] = due
            self.trace(place + ("due_date",),
                       evaluation.child("estimated_implementation_date").path)

    def _evaluation_note(self, evaluation: Node, ref: str) -> None:
        comment = html_to_text(evaluation.child("evaluation_comment").text())
        if comment:
            self.note(evaluation.child("evaluation_comment").path, ref, comment)

    def risks_and_actions(self, measures: list[dict], by_title: dict[str, str]) -> list[dict]:
        lang = self.lang
        risks: list[dict] = []
        actions: list[dict] = []
        for index, item in enumerate(cnil.RISK_ITEMS):
            questions = [cnil.risk_question(item, part) for part in range(1, 7)]
            evaluation = self.evaluations.get(item)
            if evaluation is None and not any(q in self.answers for q in questions):
                continue
            place = ("risks", len(risks))
            row: dict[str, object] = {"id": f"R{index + 1}", "processing": ["all"],
                                      "risk": cnil.item_title(item, lang)}
            self.trace(place + ("risk",), "", f"risk {item}")
            impacts, impacts_path = self.answer_list(questions[0])
            threats, threats_path = self.answer_list(questions[1])
            sources, sources_path = self.answer_list(questions[2])
            linked, linked_path = self.answer_list(questions[3])
            severity_text, severity_path = self.answer_text(questions[4])
            likelihood_text, likelihood_path = self.answer_text(questions[5])
            impact_text = _compose_titled([bullets(impacts), severity_text],
                                          [cnil.SEVERITY], lang)
            source_text = _compose_titled([bullets(sources), bullets(threats), likelihood_text],
                                          [cnil.THREATS, cnil.LIKELIHOOD], lang)
            if impact_text:
                row["impact_on_individuals"] = impact_text
                for path, q in ((impacts_path, questions[0]), (severity_path, questions[4])):
                    if path:
                        self.trace(place + ("impact_on_individuals",), path, q)
            if source_text:
                row["risk_source"] = source_text
                for path, q in ((sources_path, questions[2]), (threats_path, questions[1]),
                                (likelihood_path, questions[5])):
                    if path:
                        self.trace(place + ("risk_source",), path, q)
            for column, question in (("impact", questions[4]), ("likelihood", questions[5])):
                gauge, path = self.answer_gauge(question)
                if gauge is not None:
                    row[column] = gauge
                    self.trace(place + (column,), path, question)
                else:
                    # the messages are in English, so is the question's name in them
                    named = cnil.question_title(question, languages.FALLBACK).lower()
                    self.root.child("answers").error(
                        _("question {question} ({title}) has no gauge (1-4); the risk needs "
                          "its rating").format(question=question, title=named))
                    self.trace(place + (column,), "answers", f"{question} not answered")
            ids: list[str] = []
            for position, title in enumerate(linked):
                measure_id = by_title.get(_fold(title))
                if measure_id is None:
                    self.answers[questions[3]].node.warning(
                        _("the measure {title!r} (item {item} of question {question}) is not "
                          "among the measures; the link is kept in the import sheet").format(
                            title=title, item=position + 1, question=questions[3]))
                    self.note(f"{linked_path}[{position}]", str(questions[3]), title)
                elif measure_id not in ids:
                    ids.append(measure_id)
            if ids:
                self.trace(place + ("measures",), linked_path, questions[3])
            status = None
            if evaluation is not None:
                status = evaluation.child("status").integer(0, 3)
                gauges = evaluation.child("gauges")
                x = y = None
                if gauges.value is not None and gauges.is_object():
                    # x is the severity, y the likelihood (as the CNIL's risk map draws them)
                    x = gauges.child("x").integer(0, 4, zero_is_none=True)
                    y = gauges.child("y").integer(0, 4, zero_is_none=True)
                if x is not None or y is not None:
                    if x is not None:
                        row["residual_impact"] = x
                        self.trace(place + ("residual_impact",), gauges.child("x").path,
                                   f"evaluation {item}")
                    if y is not None:
                        row["residual_likelihood"] = y
                        self.trace(place + ("residual_likelihood",), gauges.child("y").path,
                                   f"evaluation {item}")
                elif status == 3 and "impact" in row and "likelihood" in row:
                    row["residual_impact"], row["residual_likelihood"] = (row["impact"],
                                                                          row["likelihood"])
                    for column in ("residual_impact", "residual_likelihood"):
                        self.trace(place + (column,), evaluation.child("status").path,
                                   f"evaluation {item}: acceptable as rated")
                person = self.plain(evaluation.child("person_in_charge"))
                if person:
                    row["owner"] = person
                    self.trace(place + ("owner",), evaluation.child("person_in_charge").path)
                action = self._action(evaluation, item, actions, len(measures))
                if action:
                    ids.append(action)
                self._evaluation_note(evaluation, item)
            if ids:
                row["measures"] = ids
                row["treatment"] = "reduce"
            elif status == 3:
                row["treatment"] = "accept"
            risks.append(row)
        # the action plans of the other evaluations: 1.1, 1.2, 2.1.2xx, 2.2.22x
        for ref in sorted(self.evaluations, key=_ref_order):
            if ref in cnil.RISK_ITEMS or ref.startswith("3.1."):
                continue
            evaluation = self.evaluations[ref]
            self._action(evaluation, ref, actions, len(measures))
            self._evaluation_note(evaluation, ref)
        measures.extend(actions)
        if not risks:
            self.root.child("answers").error(
                _("none of the three risks (questions 321-346) is answered; the workbook "
                  "needs at least one rated risk"))
        return risks

    def _action(self, evaluation: Node, ref: str, actions: list[dict], offset: int) -> str:
        """The action plan of an evaluation as a planned measure; its id, or ""."""
        text = html_to_text(evaluation.child("action_plan_comment").text())
        if not text:
            return ""
        measure_id = f"A{len(actions) + 1}"
        parts = ref.split(".")
        if len(parts) == 3:
            title = cnil.QUESTIONS.get(int(parts[2]))
            subject = title.title(self.lang) if title else ref
        else:
            subject = cnil.item_title(ref, self.lang) if ref in cnil.ITEMS else ref
        row: dict[str, object] = {
            "id": measure_id, "measure": f"{word(self.lang, 'action_plan')} ({ref}): {subject}",
            "description": text, "status": "planned"}
        place = ("measures", offset + len(actions))
        self.trace(place + ("measure",), evaluation.path, f"evaluation {ref}")
        self.trace(place + ("description",), evaluation.child("action_plan_comment").path)
        self.trace(place + ("status",), evaluation.child("status").path)
        self._people_and_date(evaluation, row, place)
        actions.append(row)
        return measure_id

    def comments(self) -> None:
        count = 0
        for comment in self.root.child("comments").items():
            if not comment.is_object():
                continue
            text = self.plain(comment.child("description"))
            if text:
                ref = comment.child("reference_to").value
                self.note(comment.child("description").path,
                          "" if ref is None else str(ref)[:20], text)
                count += 1
        if count:
            self.root.child("comments").warning(
                _("{count} comment(s) have no place in the workbook; kept in the import sheet")
                .format(count=count))


def _compose_titled(texts: list[str], titled: list[int], lang: str) -> str:
    """First text as it is, each next one after the title of its risk part."""
    chunks = [texts[0]] if texts[0] else []
    for text, part in zip(texts[1:], titled):
        if text:
            chunks.append(headed(cnil.risk_part_title(part, lang), text))
    return "\n\n".join(chunks)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _ref_order(ref: str) -> tuple[int, ...]:
    return tuple(int(part) for part in ref.split("."))


def import_export(data: object, *, name: str, lang: str = languages.FALLBACK,
                  organisation: str | None = None) -> Imported:
    """The workbook content of a CNIL PIA export; ``name`` names the file in messages.

    Raises FileFormatError when the JSON is not a CNIL PIA export at all; problems with its
    values are in ``Imported.problems`` (errors and warnings, each with its JSON path)."""
    if not isinstance(data, dict) or not isinstance(data.get("pia"), dict):
        what = describe(data)
        raise FileFormatError(
            _("{name}: JSON ({what}), but not an export of the CNIL PIA software: it has no "
              "'pia' object; export the PIA again from the CNIL tool (Export in the PIA's "
              "menu)").format(name=name, what=what))
    if "answers" not in data:
        raise FileFormatError(
            _("{name}: JSON with a 'pia' object but no 'answers' list; not a complete export "
              "of the CNIL PIA software").format(name=name))
    problems: list[Problem] = []
    root = Node(data, "", problems, name)
    importer = _Importer(root, lang, name)
    for key in ("answers", "measures", "evaluations", "comments"):
        value = data.get(key)
        if value is not None and not isinstance(value, list):
            root.child(key).error(_("expected a list, found {found}").format(
                found=describe(value)))
    importer.collect()
    pia = root.child("pia")
    info, sign_off = importer.info(pia, organisation)
    processing = importer.processing(pia, str(info["title"]))
    measures, _by_id, by_title = importer.measures()
    risks = importer.risks_and_actions(measures, by_title)
    importer.comments()
    for ref in importer.evaluations:
        parts = ref.split(".")
        known = ref in cnil.ITEMS or (len(parts) == 3 and (
            parts[0] + "." + parts[1] == "3.1" or int(parts[2]) in cnil.QUESTIONS))
        if not known:
            importer.evaluations[ref].warning(
                _("{ref} is not a part of the CNIL PIA structure; its evaluation is not read")
                .format(ref=ref))
    notes = sum(1 for row in importer.notes if row.source.startswith("evaluations"))
    if notes:
        root.child("evaluations").warning(
            _("{count} evaluation comment(s) have no place in the workbook; kept in the "
              "import sheet").format(count=notes))

    content = Content(info=info, processing=[processing], risks=risks, measures=measures,
                      screening=None, sign_off=sign_off)
    trace, paths = _trace_rows(importer.sources, lang)
    return Imported(content, trace + importer.notes, problems, lang, paths)


def _trace_rows(sources: dict[tuple, tuple[str, str]], lang: str
                ) -> tuple[list[TraceRow], dict[tuple[str, str], str]]:
    """Each traced content place as a row naming its sheet and cell."""
    rows: list[TraceRow] = []
    paths: dict[tuple[str, str], str] = {}
    field_rows = {column.key: row for row, column in enumerate(schema.ASSESSMENT_FIELDS, 2)}
    sign_rows = {key: row for row, key in enumerate(schema.SIGN_OFF_ITEMS, 2)}

    def letter(sheet: schema.Sheet, key: str) -> str:
        index = [column.key for column in sheet.columns].index(key)
        return chr(ord("A") + index)

    for place, (path, question) in sources.items():
        kind = place[0]
        if kind == "info":
            sheet, cell = schema.ASSESSMENT, f"B{field_rows[place[1]]}"
            field_name = next(c.name(lang) for c in schema.ASSESSMENT_FIELDS if c.key == place[1])
        elif kind == "sign_off":
            sheet = schema.SIGN_OFF
            cell = f"{letter(sheet, place[2])}{sign_rows[place[1]]}"
            field_name = schema.sign_off_item(place[1], lang)
        else:
            sheet = {"processing": schema.PROCESSING, "risks": schema.RISKS,
                     "measures": schema.MEASURES}[kind]
            cell = f"{letter(sheet, place[2])}{place[1] + 2}"
            field_name = sheet.column(place[2]).name(lang)
        title = sheet.name(lang)
        rows.append(TraceRow(title, cell, field_name, path, question))
        if path and path not in ("pia", "answers"):
            paths[(title, cell)] = path.split("; ")[0]
            # the row as a whole (its ID cell, say): the first value traced in it
            paths.setdefault((title, cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                             path.split("; ")[0])
        elif path:
            paths[(title, cell)] = path
    order = {s.name(lang): i for i, s in enumerate(schema.SHEETS)}
    rows.sort(key=lambda r: (order.get(r.sheet, 99), cells.cell_position(r.cell)))
    return rows, paths


def trace_sheet(imported: Imported, file_name: str, sha256: str) -> tuple[str, list[list]]:
    """The import sheet: where each value came from, then what has no place in the workbook."""
    lang = imported.lang
    rows: list[list[object]] = [list(languages.optional(lang, cnil.FILE, "trace", "header"))]
    rows.append(["", "", "CNIL PIA export", file_name, "SHA-256 " + sha256, ""])
    rows += [row.as_list() for row in imported.trace]
    return cnil.words(lang, "trace", "sheet"), rows


