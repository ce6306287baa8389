"""The worked example of ``dpia init --example``: employee monitoring at a logistics company.

Written once in English and Dutch. Ratings are given as positions on the scale (0 = lowest
level, 1 = highest) so the example fits every matrix and still spreads over all its levels.
"""

from __future__ import annotations

import datetime as dt

from dpia.model import Matrix
from dpia.workbook_template import Content


def _t(en: str, nl: str) -> dict[str, str]:
    return {"en": en, "nl": nl}


INFO = {
    "title": _t("Employee monitoring: access badges, laptop security and van telematics",
                "Monitoring van medewerkers: toegangspassen, laptopbeveiliging en "
                "voertuigvolgsysteem"),
    "organisation": _t("Northwind Logistics B.V.", "Northwind Logistics B.V."),
    "version": "1.0",
    "date": dt.date(2026, 3, 16),
    "status": "final",
    "author": _t("J. de Wit, privacy officer", "J. de Wit, privacy officer"),
    "owner": _t("M. Jansen, director of operations", "M. Jansen, directeur operations"),
    "dpo": _t("S. Bakker", "S. Bakker"),
    "classification": _t("Internal", "Intern"),
    "review_date": dt.date(2027, 3, 16),
    "nature": _t(
        "Three monitoring systems record what employees do at work: access badges log every "
        "door and gate passed at the head office and the two warehouses; security software on "
        "work laptops logs file transfers, USB use and e-mail attachments leaving the company "
        "and raises alerts; telematics in the delivery vans record location, speed and driving "
        "times. Alerts are investigated by the security team, and with HR when misconduct is "
        "suspected.",
        "Drie systemen leggen vast wat medewerkers op het werk doen: toegangspassen registreren "
        "elke deur en poort op het hoofdkantoor en de twee magazijnen; beveiligingssoftware op "
        "werklaptops registreert bestandsoverdrachten, USB-gebruik en e-mailbijlagen die het "
        "bedrijf verlaten en geeft meldingen; het volgsysteem in de bestelbussen registreert "
        "locatie, snelheid en rijtijden. Meldingen worden onderzocht door het securityteam, en "
        "samen met HR als er een vermoeden van wangedrag is."),
    "scope": _t(
        "About 1,200 employees, 150 contractors and visitors; 180 delivery vans. Access logs "
        "are kept 3 months, security alerts 90 days (1 year when they lead to an incident), "
        "van locations 4 weeks and driving times 1 year.",
        "Ongeveer 1.200 medewerkers, 150 ingehuurde krachten en bezoekers; 180 bestelbussen. "
        "Toegangslogs worden 3 maanden bewaard, beveiligingsmeldingen 90 dagen (1 jaar als ze "
        "tot een incident leiden), locaties van bussen 4 weken en rijtijden 1 jaar."),
    "context": _t(
        "Employees depend on their employer, so they cannot freely object or refuse. Drivers "
        "may use vans between jobs and during breaks. The works council asked for clear limits "
        "after a theft from a warehouse in 2025.",
        "Medewerkers zijn afhankelijk van hun werkgever en kunnen dus niet vrij bezwaar maken "
        "of weigeren. Chauffeurs gebruiken de bus ook tussen ritten en in pauzes. De "
        "ondernemingsraad vroeg om duidelijke grenzen na een diefstal uit een magazijn in 2025."),
    "purposes": _t(
        "Keep unauthorised people out of buildings; prevent customer data and trade secrets "
        "from leaking; plan routes and comply with the rules on drivers' working hours; "
        "investigate security incidents.",
        "Onbevoegden buiten de gebouwen houden; voorkomen dat klantgegevens en "
        "bedrijfsgeheimen uitlekken; ritten plannen en voldoen aan de regels voor rij- en "
        "rusttijden; beveiligingsincidenten onderzoeken."),
    "consultation": _t(
        "The works council (consent under the Works Councils Act, art. 27), a panel of eight "
        "drivers and warehouse staff, the IT security officer and the three suppliers.",
        "De ondernemingsraad (instemming op grond van art. 27 WOR), een panel van acht "
        "chauffeurs en magazijnmedewerkers, de security officer en de drie leveranciers."),
    "necessity": _t(
        "Less intrusive options were weighed: cameras were rejected; the laptop software "
        "inspects only business file types and metadata, not the content of private messages; "
        "van tracking is switched off outside working hours. No monitoring is used to "
        "measure productivity.",
        "Minder ingrijpende opties zijn afgewogen: camera's zijn afgewezen; de laptopsoftware "
        "kijkt alleen naar zakelijke bestandstypen en metadata, niet naar de inhoud van "
        "privéberichten; het volgen van bussen staat buiten werktijd uit. Monitoring wordt "
        "niet gebruikt om productiviteit te meten."),
    "rights": _t(
        "Requests go to privacy@northwind.example and are answered within one month; drivers "
        "can see their own trips in the driver app.",
        "Verzoeken gaan naar privacy@northwind.example en worden binnen een maand beantwoord; "
        "chauffeurs zien hun eigen ritten in de chauffeursapp."),
    "information": _t(
        "Monitoring policy on the intranet, a summary in the onboarding pack and stickers in "
        "every van.",
        "Monitoringreglement op intranet, een samenvatting in het introductiepakket en "
        "stickers in elke bus."),
    "breach_procedure": _t(
        "Company data breach procedure: security team assesses within 24 hours, DPO decides "
        "on notification within 72 hours; all breaches in the breach register.",
        "Datalekprocedure van het bedrijf: het securityteam beoordeelt binnen 24 uur, de FG "
        "besluit binnen 72 uur over melding; alle lekken in het datalekregister."),
    "dpo_advice": _t(
        "Proceed once four-eyes access to logs and privacy mode in vans are in place; review "
        "the need for laptop monitoring after one year.",
        "Doorgaan zodra vier-ogen-toegang tot logs en de privémodus in bussen er zijn; de "
        "noodzaak van laptopmonitoring na een jaar opnieuw bekijken."),
    "conclusion": _t(
        "With the measures in place all residual risks are acceptable; prior consultation of "
        "the supervisory authority is not needed.",
        "Met de maatregelen zijn alle restrisico's aanvaardbaar; voorafgaande raadpleging van "
        "de toezichthouder is niet nodig."),
}

PROCESSING = [
    {
        "id": "P1",
        "name": _t("Building access badges", "Toegangspassen gebouwen"),
        "purpose": _t("Keep unauthorised people out of offices and warehouses",
                      "Onbevoegden buiten kantoren en magazijnen houden"),
        "lawful_basis": _t("Legitimate interests", "Gerechtvaardigd belang"),
        "legitimate_interest": _t(
            "Protecting people, goods and customer data in the buildings",
            "Bescherming van mensen, goederen en klantgegevens in de gebouwen"),
        "data_subjects": [_t("Employees", "Medewerkers"), _t("Contractors", "Ingehuurde "
                                                                            "krachten"),
                          _t("Visitors", "Bezoekers")],
        "personal_data": [_t("Name", "Naam"), _t("Badge number", "Pasnummer"),
                          _t("Photo on badge", "Pasfoto"),
                          _t("Door and time of each pass", "Deur en tijdstip van elke "
                                                               "doorgang")],
        "recipients": [_t("Security team", "Securityteam"), _t("Facility management",
                                                               "Facilitair beheer")],
        "processors": ["SecureAccess Ltd"],
        "processor_agreement": dt.date(2025, 11, 3),
        "retention": _t("Access logs 3 months; badge data until the badge is returned",
                        "Toegangslogs 3 maanden; pasgegevens tot inlevering van de pas"),
        "systems": "AccessNet 5",
        "data_subjects_count": _t("1,350", "1.350"),
    },
    {
        "id": "P2",
        "name": _t("Laptop security and data loss prevention",
                   "Laptopbeveiliging en voorkomen van datalekken"),
        "purpose": _t("Detect malware and stop customer data and trade secrets from leaking",
                      "Malware ontdekken en het uitlekken van klantgegevens en "
                      "bedrijfsgeheimen voorkomen"),
        "lawful_basis": _t("Legitimate interests; legal obligation (Art. 32 GDPR)",
                           "Gerechtvaardigd belang; wettelijke verplichting (art. 32 AVG)"),
        "legitimate_interest": _t(
            "Protecting customer data and trade secrets against leaks and attacks",
            "Bescherming van klantgegevens en bedrijfsgeheimen tegen lekken en aanvallen"),
        "data_subjects": [_t("Employees with a work laptop", "Medewerkers met een "
                                                             "werklaptop")],
        "personal_data": [_t("User account", "Gebruikersaccount"),
                          _t("Device and IP address", "Apparaat en IP-adres"),
                          _t("File names and types transferred", "Namen en typen van "
                                                                 "overgedragen bestanden"),
                          _t("E-mail recipients of attachments", "Ontvangers van "
                                                                 "e-mailbijlagen"),
                          _t("Security alerts", "Beveiligingsmeldingen")],
        "recipients": [_t("Security team", "Securityteam")],
        "processors": ["Microsoft Ireland Operations Ltd"],
        "processor_agreement": True,
        "transfers": [_t("United States", "Verenigde Staten")],
        "transfer_safeguard": _t(
            "EU-US Data Privacy Framework adequacy decision; standard contractual clauses",
            "Adequaatheidsbesluit EU-VS Data Privacy Framework; modelcontractbepalingen"),
        "retention": _t("Alerts 90 days; 1 year when they lead to an incident",
                        "Meldingen 90 dagen; 1 jaar als ze tot een incident leiden"),
        "systems": "Microsoft Defender for Endpoint, Microsoft Purview",
        "data_subjects_count": "950",
    },
    {
        "id": "P3",
        "name": _t("Van telematics", "Volgsysteem bestelbussen"),
        "purpose": _t("Plan routes, find stolen vans and record drivers' working hours",
                      "Ritten plannen, gestolen bussen terugvinden en rij- en rusttijden "
                      "registreren"),
        "lawful_basis": _t(
            "Legal obligation (Regulation (EC) No 561/2006, driving times); legitimate "
            "interests (route planning, theft)",
            "Wettelijke verplichting (Verordening (EG) nr. 561/2006, rijtijden); "
            "gerechtvaardigd belang (planning, diefstal)"),
        "legitimate_interest": _t("Efficient route planning and recovering stolen vans",
                                  "Efficiënte ritplanning en het terugvinden van gestolen "
                                  "bussen"),
        "data_subjects": [_t("Drivers", "Chauffeurs")],
        "personal_data": [_t("Name and driver ID", "Naam en chauffeurs-ID"),
                          _t("Location during working hours", "Locatie tijdens werktijd"),
                          _t("Speed", "Snelheid"), _t("Driving and rest times",
                                                      "Rij- en rusttijden")],
        "recipients": [_t("Planning department", "Afdeling planning"),
                       _t("Labour inspectorate on request", "Arbeidsinspectie op verzoek")],
        "processors": ["FleetTrack B.V."],
        "processor_agreement": True,
        "retention": _t("Locations 4 weeks; driving times 1 year",
                        "Locaties 4 weken; rijtijden 1 jaar"),
        "systems": "FleetTrack Cloud",
        "data_subjects_count": "210",
    },
    {
        "id": "P4",
        "name": _t("Investigating security incidents", "Onderzoek naar "
                                                       "beveiligingsincidenten"),
        "purpose": _t("Establish what happened after an alert or a suspected theft",
                      "Vaststellen wat er gebeurde na een melding of een vermoeden van "
                      "diefstal"),
        "lawful_basis": _t("Legitimate interests", "Gerechtvaardigd belang"),
        "legitimate_interest": _t("Protecting the company against theft and data leaks",
                                  "Bescherming van het bedrijf tegen diefstal en datalekken"),
        "data_subjects": [_t("Employees involved in an incident",
                             "Medewerkers betrokken bij een incident")],
        "personal_data": [_t("Relevant logs from the three systems",
                             "Relevante logs uit de drie systemen"),
                          _t("Interview notes", "Gespreksverslagen")],
        "special_categories": [_t("Data about suspected criminal offences (Art. 10)",
                                  "Gegevens over vermoedelijke strafbare feiten (art. 10)")],
        "art9_condition": _t(
            "Art. 10 GDPR with Art. 33(2)(b) of the Dutch GDPR Implementation Act (offences "
            "against the employer)",
            "Art. 10 AVG jo. art. 33 lid 2 sub b UAVG (strafbare feiten gericht tegen de "
            "werkgever)"),
        "recipients": [_t("HR", "HR"), _t("Police (when a report is filed)",
                                          "Politie (bij aangifte)")],
        "retention": _t("Closed case files 2 years", "Afgesloten dossiers 2 jaar"),
        "systems": _t("Case register (SharePoint, restricted site)",
                      "Dossierregister (SharePoint, afgeschermde site)"),
        "data_subjects_count": _t("About 20 a year", "Ongeveer 20 per jaar"),
    },
]

# Ratings: (likelihood, impact, risk level) as positions, 0 = lowest, 1 = highest; each risk
# is placed on the cell of that level nearest the likelihood and impact (see ``place``).
RISKS = [
    {
        "id": "R1", "processing": ["P2"],
        "risk": _t("Laptop monitoring reveals private messages and personal life",
                   "Laptopmonitoring legt privéberichten en het privéleven bloot"),
        "risk_source": _t("Security software, security staff", "Beveiligingssoftware, "
                                                               "securityteam"),
        "impact_on_individuals": _t("Loss of privacy at work, chilling effect",
                                    "Verlies van privacy op het werk, remmend effect"),
        "inherent": (1.0, 0.5, 1.0), "residual": (0.25, 0.5, 0.34),
        "measures": ["M1", "M2", "M3"], "treatment": "reduce",
        "owner": _t("IT security officer", "Security officer"),
    },
    {
        "id": "R2", "processing": ["P1", "P2", "P3"],
        "risk": _t("Monitoring data used to judge performance or for disciplinary action "
                   "beyond its purpose",
                   "Monitoringgegevens gebruikt om prestaties te beoordelen of voor "
                   "disciplinaire maatregelen buiten het doel"),
        "risk_source": _t("Managers", "Leidinggevenden"),
        "impact_on_individuals": _t("Unfair treatment, dismissal", "Oneerlijke behandeling, "
                                                                   "ontslag"),
        "inherent": (0.75, 1.0, 1.0), "residual": (0.0, 1.0, 0.0),
        "measures": ["M1", "M3", "M6"], "treatment": "reduce",
        "owner": _t("HR director", "Directeur HR"),
    },
    {
        "id": "R3", "processing": ["P3"],
        "risk": _t("Drivers tracked outside working hours and during breaks",
                   "Chauffeurs gevolgd buiten werktijd en tijdens pauzes"),
        "risk_source": _t("Telematics configuration", "Instellingen volgsysteem"),
        "impact_on_individuals": _t("Private whereabouts known to the employer",
                                    "Werkgever weet waar de chauffeur privé is"),
        "inherent": (1.0, 0.75, 1.0), "residual": (0.25, 0.75, 0.34),
        "measures": ["M4"], "treatment": "reduce",
        "owner": _t("Fleet manager", "Wagenparkbeheerder"),
    },
    {
        "id": "R4", "processing": ["P1", "P2", "P3"],
        "risk": _t("Unauthorised access to monitoring logs by administrators or attackers",
                   "Onbevoegde toegang tot monitoringlogs door beheerders of aanvallers"),
        "risk_source": _t("Administrators, external attackers", "Beheerders, externe "
                                                                "aanvallers"),
        "impact_on_individuals": _t("Profiles of movements and behaviour exposed",
                                    "Profielen van bewegingen en gedrag op straat"),
        "inherent": (0.5, 0.5, 0.5), "residual": (0.25, 0.5, 0.34),
        "measures": ["M3", "M7"], "treatment": "reduce",
        "owner": _t("IT security officer", "Security officer"),
    },
    {
        "id": "R5", "processing": ["P2"],
        "risk": _t("Access to alert data by US authorities",
                   "Toegang tot meldingsgegevens door Amerikaanse autoriteiten"),
        "risk_source": _t("Foreign public authorities", "Buitenlandse overheden"),
        "impact_on_individuals": _t("Loss of control over data", "Verlies van controle over "
                                                                 "gegevens"),
        "inherent": (0.25, 0.5, 0.5), "residual": (0.0, 0.5, 0.0),
        "measures": ["M7"], "treatment": "accept",
        "owner": _t("Legal counsel", "Bedrijfsjurist"),
    },
    {
        "id": "R6", "processing": ["P1", "P3"],
        "risk": _t("Logs kept longer than needed", "Logs langer bewaard dan nodig"),
        "risk_source": _t("Default settings of the systems", "Standaardinstellingen van de "
                                                             "systemen"),
        "impact_on_individuals": _t("Old data used against people later",
                                    "Oude gegevens later tegen mensen gebruikt"),
        "inherent": (0.5, 0.25, 0.34), "residual": (0.0, 0.25, 0.0),
        "measures": ["M5"], "treatment": "reduce",
        "owner": _t("Facility manager", "Facilitair manager"),
    },
    {
        "id": "R7", "processing": ["P2", "P4"],
        "risk": _t("Employee wrongly suspected of theft or leaking on the basis of an "
                   "automated alert",
                   "Medewerker ten onrechte verdacht van diefstal of lekken op grond van een "
                   "automatische melding"),
        "risk_source": _t("False positive alerts, investigators", "Vals-positieve meldingen, "
                                                                   "onderzoekers"),
        "impact_on_individuals": _t("Reputational harm, loss of job", "Reputatieschade, "
                                                                      "verlies van baan"),
        "inherent": (0.5, 1.0, 1.0), "residual": (0.25, 0.75, 0.5),
        "measures": ["M6"], "treatment": "reduce",
        "owner": _t("HR director", "Directeur HR"),
    },
    {
        "id": "R8", "processing": ["all"],
        "risk": _t("Employees do not know what is monitored and why",
                   "Medewerkers weten niet wat er gemonitord wordt en waarom"),
        "risk_source": _t("Insufficient information", "Onvoldoende informatie"),
        "impact_on_individuals": _t("Cannot exercise their rights", "Kunnen hun rechten niet "
                                                                    "uitoefenen"),
        "inherent": (0.75, 0.25, 0.5), "residual": (0.0, 0.25, 0.0),
        "measures": ["M1", "M8"], "treatment": "reduce",
        "owner": _t("Privacy officer", "Privacy officer"),
    },
    {
        "id": "R9", "processing": ["P1"],
        "risk": _t("Visitors' badge photos reused for other purposes",
                   "Pasfoto's van bezoekers voor andere doelen gebruikt"),
        "risk_source": _t("Facility staff", "Facilitaire medewerkers"),
        "impact_on_individuals": _t("Minor loss of control", "Gering verlies van controle"),
        "inherent": (0.0, 0.0, 0.0), "residual": (0.0, 0.0, 0.0),
        "measures": ["M5"], "treatment": "accept",
        "owner": _t("Facility manager", "Facilitair manager"),
    },
]

MEASURES = [
    {
        "id": "M1", "measure": _t("Monitoring policy agreed with the works council",
                                  "Monitoringreglement met instemming van de OR"),
        "type": "organisational",
        "description": _t("Sets out what is monitored, why, who may see it and what it may "
                          "not be used for (no productivity measurement).",
                          "Legt vast wat gemonitord wordt, waarom, wie het mag inzien en "
                          "waarvoor het niet gebruikt mag worden (geen productiviteitsmeting)."),
        "status": "implemented", "owner": _t("HR director", "Directeur HR"),
        "due_date": dt.date(2026, 1, 15),
    },
    {
        "id": "M2", "measure": _t("Data loss prevention limited to business data",
                                  "Datalekpreventie beperkt tot zakelijke gegevens"),
        "type": "technical",
        "description": _t("Rules look at file types, labels and metadata; private mailboxes "
                          "and messaging content are excluded.",
                          "Regels kijken naar bestandstypen, labels en metadata; privé-"
                          "mailboxen en de inhoud van berichten zijn uitgesloten."),
        "status": "implemented", "owner": _t("IT security officer", "Security officer"),
        "due_date": dt.date(2026, 2, 1),
    },
    {
        "id": "M3", "measure": _t("Four-eyes access to monitoring logs",
                                  "Vier-ogen-toegang tot monitoringlogs"),
        "type": "technical",
        "description": _t("Looking up a named employee needs a second approver; every look-up "
                          "is logged and reviewed monthly.",
                          "Een medewerker op naam opzoeken vraagt een tweede goedkeurder; elke "
                          "zoekactie wordt gelogd en maandelijks gecontroleerd."),
        "status": "in_progress", "owner": _t("IT security officer", "Security officer"),
        "due_date": dt.date(2026, 5, 1),
    },
    {
        "id": "M4", "measure": _t("Privacy mode in vans outside working hours",
                                  "Privémodus in bussen buiten werktijd"),
        "type": "technical",
        "description": _t("Location is not recorded during breaks and outside shifts; only "
                          "driving times as the law requires.",
                          "Locatie wordt niet vastgelegd in pauzes en buiten diensten; alleen "
                          "rijtijden zoals de wet vereist."),
        "status": "in_progress", "owner": _t("Fleet manager", "Wagenparkbeheerder"),
        "due_date": dt.date(2026, 4, 15),
    },
    {
        "id": "M5", "measure": _t("Automatic deletion at the end of retention",
                                  "Automatisch verwijderen na de bewaartermijn"),
        "type": "technical",
        "description": _t("Retention periods set in all three systems and checked each "
                          "quarter.",
                          "Bewaartermijnen ingesteld in alle drie de systemen en elk kwartaal "
                          "gecontroleerd."),
        "status": "planned", "owner": _t("Facility manager", "Facilitair manager"),
        "due_date": dt.date(2026, 6, 30),
    },
    {
        "id": "M6", "measure": _t("Investigation protocol", "Onderzoeksprotocol"),
        "type": "organisational",
        "description": _t("No decision on an alert alone: a person reviews the facts with HR "
                          "and the employee is heard before any measure.",
                          "Geen besluit op grond van alleen een melding: een mens beoordeelt "
                          "de feiten met HR en de medewerker wordt gehoord vóór een "
                          "maatregel."),
        "status": "implemented", "owner": _t("HR director", "Directeur HR"),
    },
    {
        "id": "M7", "measure": _t("Processor agreements and transfer assessment",
                                  "Verwerkersovereenkomsten en doorgiftetoets"),
        "type": "legal",
        "description": _t("Agreements with all three suppliers; transfer impact assessment for "
                          "the US transfer.",
                          "Overeenkomsten met alle drie de leveranciers; doorgiftetoets (TIA) "
                          "voor de doorgifte naar de VS."),
        "status": "implemented", "owner": _t("Legal counsel", "Bedrijfsjurist"),
    },
    {
        "id": "M8", "measure": _t("Information for employees", "Informatie voor medewerkers"),
        "type": "organisational",
        "description": _t("Privacy notice on the intranet, onboarding session and stickers in "
                          "the vans.",
                          "Privacyverklaring op intranet, introductiesessie en stickers in de "
                          "bussen."),
        "status": "planned", "owner": _t("Privacy officer", "Privacy officer"),
    },
]

SCREENING = {
    "evaluation": (False, _t("No scoring or profiling of employees.",
                             "Geen scoring of profilering van medewerkers.")),
    "automated-decision": (False, _t("Alerts are always reviewed by a person (M6).",
                                     "Meldingen worden altijd door een mens beoordeeld (M6).")),
    "monitoring": (True, _t("Badges, laptops and vans record employees' behaviour.",
                            "Passen, laptops en bussen leggen gedrag van medewerkers vast.")),
    "sensitive": (False, _t("Only in rare investigations (Art. 10 data).",
                            "Alleen bij enkele onderzoeken (art. 10-gegevens).")),
    "large-scale": (False, _t("About 1,350 people, one company.",
                              "Ongeveer 1.350 mensen, één bedrijf.")),
    "matching": (True, _t("Logs of the three systems are combined in investigations.",
                          "Logs van de drie systemen worden bij onderzoeken gecombineerd.")),
    "vulnerable": (True, _t("Employees depend on their employer.",
                            "Medewerkers zijn afhankelijk van hun werkgever.")),
    "innovative": (False, _t("Established technology.", "Gangbare techniek.")),
    "prevents-rights": (False, _t("No access to a service or contract depends on it.",
                                  "Geen toegang tot een dienst of overeenkomst hangt ervan "
                                  "af.")),
    "art35-3a": (False, _t("No decisions with legal effect.", "Geen besluiten met "
                                                              "rechtsgevolg.")),
    "art35-3b": (False, _t("Not large-scale.", "Niet grootschalig.")),
    "art35-3c": (False, _t("No publicly accessible area is monitored.",
                           "Er wordt geen openbaar toegankelijke ruimte gemonitord.")),
}

SIGN_OFF = {
    "measures_approved": (_t("M. Jansen, director of operations", "M. Jansen, directeur "
                                                                 "operations"),
                          dt.date(2026, 3, 12), _t("", "")),
    "residual_approved": (_t("M. Jansen, director of operations", "M. Jansen, directeur "
                                                                 "operations"),
                          dt.date(2026, 3, 12), _t("All residual risks acceptable.",
                                                   "Alle restrisico's aanvaardbaar.")),
    "dpo_advice": (_t("S. Bakker, DPO", "S. Bakker, FG"), dt.date(2026, 3, 5),
                   _t("See DPO advice in the Assessment sheet.",
                      "Zie het advies FG op het tabblad Beoordeling.")),
    "dpo_advice_accepted": (_t("Management board", "Directie"), dt.date(2026, 3, 12),
                            _t("Accepted in full.", "Volledig overgenomen.")),
    "consultation_reviewed": (_t("J. de Wit, privacy officer", "J. de Wit, privacy officer"),
                              dt.date(2026, 2, 20),
                              _t("Works council consent received 18 February 2026.",
                                 "Instemming OR ontvangen op 18 februari 2026.")),
    "kept_under_review": (_t("J. de Wit, privacy officer", "J. de Wit, privacy officer"),
                          None, _t("Yearly, and whenever a system changes.",
                                   "Jaarlijks, en bij elke wijziging van een systeem.")),
}

HISTORY = [
    {"version": "0.1", "date": dt.date(2026, 1, 20), "author": "J. de Wit",
     "changes": _t("First draft", "Eerste concept")},
    {"version": "0.2", "date": dt.date(2026, 2, 20), "author": "J. de Wit",
     "changes": _t("Works council comments; privacy mode for vans added",
                   "Opmerkingen OR verwerkt; privémodus voor bussen toegevoegd")},
    {"version": "1.0", "date": dt.date(2026, 3, 16), "author": "J. de Wit",
     "changes": _t("DPO advice processed; approved by the board",
                   "Advies FG verwerkt; goedgekeurd door de directie")},
]

def place(
    matrix: Matrix, hint: tuple[float, float], level: float, within: tuple[int, int] | None = None
) -> tuple[int, int]:
    """The cell (likelihood, impact) nearest ``hint`` (positions 0..1) whose risk level is at
    position ``level`` (0 lowest, 1 highest) of the matrix's levels, inside ``within``."""
    wanted = int(level * (len(matrix.levels) - 1) + 0.5)
    n_l, n_i = len(matrix.likelihood), len(matrix.impact)
    max_l, max_i = within or (n_l, n_i)

    def distance(cell: tuple[int, int]) -> float:
        l_pos, i_pos = (cell[0] - 1) / max(n_l - 1, 1), (cell[1] - 1) / max(n_i - 1, 1)
        return (l_pos - hint[0]) ** 2 + (i_pos - hint[1]) ** 2

    cells = [(li, im) for li in range(1, n_l + 1) for im in range(1, n_i + 1)]
    for limit in (True, False):  # relax the bound only if no cell of the level is inside it
        found = [c for c in cells if matrix.level_index(*c) == wanted
                 and (not limit or (c[0] <= max_l and c[1] <= max_i))]
        if found:
            return min(found, key=distance)
    # A matrix without that level (cannot happen for a complete matrix): nearest cell.
    return min(cells, key=distance)


def _local(value: object, lang: str) -> object:
    if isinstance(value, dict):
        return value[lang]
    if isinstance(value, list):
        return [_local(item, lang) for item in value]
    return value


def example_content(lang: str, matrix: Matrix) -> Content:
    """The worked example in ``lang``, its ratings placed on ``matrix``."""
    if lang == "nl":
        all_word = "alle"
    else:
        all_word = "all"
    risks = []
    for row in RISKS:
        risk = {key: _local(value, lang) for key, value in row.items()
                if key not in ("inherent", "residual")}
        inherent = place(matrix, row["inherent"][:2], row["inherent"][2])
        residual = place(matrix, row["residual"][:2], row["residual"][2], within=inherent)
        risk["likelihood"], risk["impact"] = inherent
        risk["residual_likelihood"], risk["residual_impact"] = residual
        if risk["processing"] == ["all"]:
            risk["processing"] = [all_word]
        risks.append(risk)
    return Content(
        info={key: _local(value, lang) for key, value in INFO.items()},
        processing=[{k: _local(v, lang) for k, v in row.items()} for row in PROCESSING],
        risks=risks,
        measures=[{k: _local(v, lang) for k, v in row.items()} for row in MEASURES],
        screening={key: (applies, text[lang]) for key, (applies, text) in SCREENING.items()},
        sign_off={key: (name[lang], date, notes[lang])
                  for key, (name, date, notes) in SIGN_OFF.items()},
        history=[{k: _local(v, lang) for k, v in row.items()} for row in HISTORY],
    )
