"""Crafted exports of the CNIL PIA software, for the tests: small builders of the JSON the
CNIL tool writes (its field names and types as read in LINCnil/pia's PiaService and models),
with made-up content. No file of the CNIL tool is copied."""

from __future__ import annotations

import json
from pathlib import Path

STAMP = "2026-03-02T10:15:00.000Z"


def pia(**fields) -> dict:
    base = {
        "dbVersion": 201910230914, "tableName": "pia", "id": 7,
        "name": "Vidéoprotection du parking", "status": 2,
        "author_name": "Camille Martin", "evaluator_name": "Louis Bernard",
        "validator_name": "Inès Petit",
        "dpo_status": 1, "dpo_opinion": "Avis favorable sous réserve du plan d'action.",
        "dpos_names": "Jeanne Moreau (DPO)",
        "concerned_people_opinion": "Les salariés consultés acceptent le dispositif.",
        "concerned_people_status": 1, "concerned_people_searched_opinion": True,
        "concerned_people_searched_content": "", "people_names": "Le CSE",
        "rejected_reason": "", "applied_adjustements": "", "category": "",
        "is_example": 0, "is_archive": 0,
        "created_at": "2026-02-01T09:00:00.000Z", "updated_at": STAMP,
    }
    base.update(fields)
    return base


def answer(ref: int, text: str | None = None, *, gauge: int | None = None,
           items: list[str] | None = None, number: int = 0) -> dict:
    return {"id": number or ref, "pia_id": 7, "reference_to": ref,
            "data": {"text": text, "gauge": gauge, "list": items or []},
            "created_at": STAMP, "updated_at": STAMP}


def measure(number: int, title: str, content: str = "",
            placeholder: str = "measures.default_placeholder") -> dict:
    return {"id": number, "pia_id": 7, "title": title, "content": content,
            "placeholder": placeholder, "created_at": STAMP, "updated_at": STAMP}


def evaluation(ref: str, status: int, *, action: str | None = None,
               comment: str | None = None, x: int = 0, y: int = 0,
               person: str | None = None, due: str | None = None, number: int = 0) -> dict:
    return {"id": number, "pia_id": 7, "reference_to": ref, "status": status,
            "action_plan_comment": action, "evaluation_comment": comment,
            "gauges": {"x": x, "y": y}, "estimated_implementation_date": due,
            "person_in_charge": person, "global_status": 2,
            "created_at": STAMP, "updated_at": STAMP}


def french_answers() -> list[dict]:
    """Every question of the CNIL structure answered, in French, with its editor's HTML."""
    return [
        answer(111, "<div>Le <strong>parking</strong> est filmé par 12 caméras.</div>"),
        answer(112, "<ul><li>Responsable : Société Exemple</li>"
                    "<li>Sous-traitant : Télésurveillance SA</li></ul>"),
        answer(113, "Aucun référentiel applicable."),
        answer(121, "<p>Images des personnes et plaques d'immatriculation ; conservées "
                    "30 jours.</p>"),
        answer(122, "Collecte, enregistrement, consultation sur incident, effacement."),
        answer(123, "Caméras, enregistreur, poste de visionnage"),
        answer(211, "Assurer la sécurité des biens et des personnes."),
        answer(212, "Intérêt légitime de l'employeur (sécurité des locaux)."),
        answer(213, "Seul le parking est filmé, sans zone de pause."),
        answer(214, "Les images ne sont pas modifiées."),
        answer(215, "30 jours, puis effacement automatique."),
        answer(221, "Panneaux à l'entrée du parking et note de service."),
        answer(222, "Non applicable : le traitement repose sur l'intérêt légitime."),
        answer(223, "Demande écrite au DPO, réponse sous un mois."),
        answer(224, "Effacement sur demande fondée."),
        answer(225, "Opposition possible pour motif légitime."),
        answer(226, "Contrat de sous-traitance signé avec Télésurveillance SA (art. 28)."),
        answer(227, "Aucun transfert hors de l'Union européenne."),
        answer(321, items=["Atteinte à la vie privée", "Surveillance des salariés"]),
        answer(322, items=["Consultation abusive des images"]),
        answer(323, items=["Employé", "Attaquant externe"]),
        answer(324, items=["Chiffrement", "Contrôle des accès logiques"]),
        answer(325, "Les personnes pourraient subir des <em>désagréments importants</em>.",
               gauge=3),
        answer(326, "Accès <strong>limité</strong> aux seuls agents habilités.", gauge=2),
        answer(331, items=["Images falsifiées"]),
        answer(332, items=["Modification des enregistrements"]),
        answer(333, items=["Employé"]),
        answer(334, items=["Traçabilité"]),
        answer(335, "Désagréments limités.", gauge=2),
        answer(336, "Peu probable.", gauge=1),
        answer(341, items=["Perte de preuves en cas d'incident"]),
        answer(342, items=["Panne de l'enregistreur"]),
        answer(343, items=["Sinistre"]),
        answer(344, items=["Sauvegardes"]),
        answer(345, "Négligeable pour les personnes.", gauge=1),
        answer(346, "Pannes rares.", gauge=2),
    ]


def french_measures() -> list[dict]:
    return [
        measure(101, "Chiffrement", "Flux <b>chiffrés</b> (TLS) entre caméras et enregistreur.",
                "knowledge_base.slugs.PIA_TEC_CHIF.placeholder"),
        measure(102, "Contrôle des accès logiques", "Comptes nominatifs, mot de passe fort.",
                "knowledge_base.slugs.PIA_TEC_CTLA.placeholder"),
        measure(103, "Traçabilité", "Journal des consultations conservé 6 mois."),
        measure(104, "Sauvegardes", "Copie quotidienne sur un second disque.",
                "knowledge_base.slugs.PIA_SEC_BKP.placeholder"),
        measure(105, "Organisation", "Charte d'accès aux images signée par les agents.",
                "knowledge_base.slugs.PIA_ORG_ORG.placeholder"),
    ]


def french_evaluations() -> list[dict]:
    return [
        evaluation("1.1", 3, comment="Contexte clair.", number=1),
        evaluation("2.1.211", 3, number=2),
        evaluation("2.2.221", 2, action="<ul><li>Ajouter l'identité du DPO aux panneaux</li>"
                                        "</ul>", comment="Information incomplète.",
                   person="Camille Martin", due="2026-06-30T00:00:00.000Z", number=3),
        evaluation("3.1.101", 3, number=4),
        evaluation("3.1.102", 2, action="Activer la double authentification.",
                   person="Service informatique", due="2026-05-31T00:00:00.000Z", number=5),
        evaluation("3.1.104", 3, number=6),
        evaluation("3.2", 2, action="Restreindre le visionnage à deux agents.",
                   comment="Risque encore élevé.", x=2, y=1, person="Louis Bernard",
                   due="2026-04-30T00:00:00.000Z", number=7),
        evaluation("3.3", 3, number=8),
        evaluation("3.4", 3, comment="Acceptable.", number=9),
    ]


def complete_export(**pia_fields) -> dict:
    """A complete PIA in French: every question, five measures, evaluations, a comment."""
    return {
        "pia": pia(**pia_fields),
        "answers": french_answers(),
        "measures": french_measures(),
        "evaluations": french_evaluations(),
        "comments": [{"id": 1, "pia_id": 7, "reference_to": 212, "for_measure": False,
                      "description": "Vérifier la mise en balance des intérêts.",
                      "created_at": STAMP}],
    }


def english_export() -> dict:
    """A small complete PIA in English (as the CNIL tool in English writes it)."""
    answers = [
        answer(111, "<p>A loyalty app for a bakery chain.</p>"),
        answer(211, "Reward returning customers."),
        answer(212, "<p>Consent of the customer (Art. 6(1)(a)).</p>"),
        answer(215, "Until the account is closed, then 1 year."),
        answer(221, "Privacy notice in the app."),
        answer(321, items=["Unwanted marketing"]),
        answer(322, items=["Database theft"]),
        answer(323, items=["External attacker"]),
        answer(324, items=["Encryption"]),
        answer(325, "Limited.", gauge=2),
        answer(326, "Possible.", gauge=3),
    ]
    return {
        "pia": pia(name="Bakery loyalty app", status=0, dpo_status=None,
                   concerned_people_status=None, people_names="", dpo_opinion="",
                   concerned_people_opinion="", validator_name="", evaluator_name=""),
        "answers": answers,
        "measures": [measure(1, "Encryption", "<p>Database encrypted at rest.</p>",
                             "knowledge_base.slugs.PIA_TEC_CHIF.placeholder")],
        "evaluations": [evaluation("3.2", 2, action="Add rate limiting.", x=2, y=2,
                                   person="IT", number=1)],
        "comments": [],
    }


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
