"""Write the sample workbooks in this folder from the data below, and build their reports.

    python samples/make_samples.py            # workbooks and reports
    python samples/make_samples.py --no-build # workbooks only

Each sample is a DPIA a real organisation could have written (the organisations are made
up). The data is plain Python in the workbook's language: rows are dicts keyed by the
format's column keys (``dpia/schema.py``); likelihood and impact are the matrix's names, as
a DPO picks them from the drop-downs. ``tests/test_samples.py`` checks that the committed
workbooks and reports are what this script produces.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from dpia.matrix import preset
from dpia.model import Matrix, RiskLevel, ScaleLevel
from dpia.workbook_example import example_content
from dpia.workbook_template import Content, with_authority, workbook_bytes

HERE = Path(__file__).resolve().parent
D = dt.date


# ==========================================================================================
# retail-loyalty: a supermarket chain's loyalty programme (English, 5x5 preset)
# ==========================================================================================


def _give_reasons(risks: list[dict], reasons: dict[str, tuple[str, str, str]]) -> None:
    """Add the reasons for the ratings (Likelihood, Impact, Residual rationale) to the risks
    named in ``reasons``: every rating at a level that is not acceptable has one."""
    for risk in risks:
        likelihood, impact, residual = reasons.get(risk["id"], ("", "", ""))
        risk.update(likelihood_rationale=likelihood, impact_rationale=impact,
                    residual_rationale=residual)


def retail_loyalty() -> Content:
    info = {
        "title": "Greenleaf Rewards loyalty programme",
        "organisation": "Greenleaf Grocers plc",
        "version": "1.0",
        "date": D(2026, 2, 27),
        "status": "approved",
        "author": "Priya Natarajan, Privacy Manager",
        "owner": "Tom Ellery, Director of Customer & Loyalty",
        "dpo": "Helen Murray, Data Protection Officer",
        "classification": "Confidential",
        "review_date": D(2027, 2, 27),
        "nature": (
            "Members join in the Greenleaf app or online and get a digital card that they "
            "scan at the till or use online. Every purchase earns points and is stored with "
            "the member's account. Purchase histories are analysed to segment members and "
            "choose personalised offers, which are shown in the app, printed on receipts and, "
            "with consent, sent by e-mail, SMS and push message. Members can collect points "
            "with two partners (fuel and travel). A fraud model flags unusual points activity "
            "for review. Customer service handles questions by phone, chat and e-mail."
        ),
        "scope": (
            "About 2.4 million active members aged 16 and over in 310 stores and online; "
            "about 180 million transactions a year. Data: contact details, date of birth, "
            "card and device identifiers, itemised purchases, offer responses, derived "
            "segments. Account data is kept while the account is active plus 2 years; "
            "itemised purchases for 3 years."
        ),
        "context": (
            "Members expect points and offers in return for their data, but not necessarily "
            "that their baskets are analysed in detail. Purchases can reveal health "
            "conditions, pregnancy, religion or household circumstances. Regulators have "
            "criticised loyalty schemes for opaque profiling. The programme replaces a "
            "plastic card scheme that recorded only totals, so itemised profiling is new "
            "for members."
        ),
        "purposes": (
            "Reward loyal customers with points and vouchers; offer relevant discounts; "
            "understand shopping patterns to plan ranges and stores; prevent points fraud."
        ),
        "consultation": (
            "Online survey of 1,200 members and two focus groups (October 2025); the "
            "Information Security team; the processors Northstar CRM and Mailwave; the "
            "partner brands; the Customer Panel's privacy subgroup."
        ),
        "necessity": (
            "Itemised purchase data is needed to calculate points on promoted products and to "
            "choose offers; totals alone would not allow either. Date of birth is kept only "
            "as year and month after the age check. Sensitive product categories are kept "
            "out of profiling (M3). Offers are chosen from segments, not individual "
            "predictions, and members can switch personalisation off in the app. Less "
            "intrusive alternatives (non-personalised offers for everyone) were tested and "
            "cut redemption by two thirds, which would make the programme unviable."
        ),
        "rights": (
            "Members see and download their data and purchase history in the app (M15) and "
            "can ask privacy@greenleaf.example for anything else; requests are logged in the "
            "rights register and answered within one month. Objection to personalised offers "
            "is a single switch in the app."
        ),
        "information": (
            "Layered privacy notice: a short summary at sign-up, the full notice in the app "
            "and on greenleaf.example/privacy, and a 'Why am I seeing this offer?' link on "
            "every offer (M16)."
        ),
        "breach_procedure": (
            "Group incident and breach procedure: the Security Operations Centre triages "
            "within 4 hours; the DPO decides on notification to the ICO within 72 hours and "
            "on informing members; every breach is recorded in the breach log. Processors "
            "must report within 24 hours (processor agreements, clause 9)."
        ),
        "dpo_advice": (
            "Approve, provided that sensitive product categories are excluded from profiling "
            "before the new offer engine goes live (M3), partner sharing uses hashed "
            "identifiers only (M9), and inactive accounts are deleted automatically (M12). "
            "Review the fraud model's false-positive rate every quarter."
        ),
        "conclusion": (
            "The programme may go ahead. No residual risk is high, so prior consultation of "
            "the ICO is not required. Eight measures are still open and are tracked in the "
            "action plan; the DPIA is reviewed when the new offer engine launches and at the "
            "latest in February 2027."
        ),
    }
    processing = [
        {
            "id": "P1", "name": "Membership accounts and digital card",
            "purpose": "Register members, issue the digital card and run their account",
            "lawful_basis": "Contract (programme terms and conditions)",
            "data_subjects": ["Members (16+)"],
            "personal_data": ["Name", "E-mail address", "Mobile number", "Postcode",
                              "Year and month of birth", "Card number", "App device ID"],
            "recipients": ["Loyalty team", "Customer service"],
            "processors": ["Northstar CRM Ltd"],
            "processor_agreement": D(2025, 9, 1),
            "retention": "While the account is active, then 2 years",
            "systems": "Greenleaf app; Northstar CRM",
            "data_subjects_count": "2.4 million",
        },
        {
            "id": "P2", "name": "Points and purchase history",
            "purpose": "Award and redeem points; show members their purchases",
            "lawful_basis": "Contract (programme terms and conditions)",
            "data_subjects": ["Members (16+)"],
            "personal_data": ["Itemised purchases", "Store and time of purchase",
                              "Amount paid and payment type", "Points balance and history"],
            "recipients": ["Loyalty team", "Finance (points liability)"],
            "processors": ["Northstar CRM Ltd"],
            "processor_agreement": D(2025, 9, 1),
            "retention": "Itemised purchases 3 years; points history while account is active",
            "systems": "Till system; Northstar CRM; customer data warehouse",
            "data_subjects_count": "2.4 million",
        },
        {
            "id": "P3", "name": "Personalised offers",
            "purpose": "Choose offers that match members' shopping",
            "lawful_basis": "Legitimate interests",
            "legitimate_interest": (
                "Rewarding members with relevant offers that they expect from a loyalty "
                "programme; members can switch personalisation off at any time"
            ),
            "data_subjects": ["Members (16+)"],
            "personal_data": ["Purchase history (excluding sensitive categories)",
                              "Derived segments", "Offer views and redemptions"],
            "recipients": ["Loyalty team", "Category managers (aggregated only)"],
            "processors": ["Insight Analytics Ltd"],
            "processor_agreement": "yes",
            "transfers": ["United Kingdom"],
            "transfer_safeguard": "Adequacy decision (United Kingdom)",
            "retention": "Segments recalculated weekly; history as P2",
            "systems": "Offer engine; customer data warehouse",
            "data_subjects_count": "1.9 million (personalisation on)",
        },
        {
            "id": "P4", "name": "E-mail, SMS and push marketing",
            "purpose": "Send offers and programme news to members who opted in",
            "lawful_basis": "Consent (Art. 6(1)(a); PECR reg. 22 for e-mail and SMS)",
            "data_subjects": ["Members who opted in"],
            "personal_data": ["Name", "E-mail address", "Mobile number", "Push token",
                              "Consent records", "Opens and clicks"],
            "recipients": ["Marketing team"],
            "processors": ["Mailwave Inc."],
            "processor_agreement": D(2025, 10, 14),
            "transfers": ["United States"],
            "transfer_safeguard": (
                "EU-US Data Privacy Framework adequacy decision and UK Extension; "
                "standard contractual clauses as fallback"
            ),
            "retention": "Until consent is withdrawn; consent records 6 years",
            "systems": "Mailwave; consent management platform",
            "data_subjects_count": "1.1 million",
        },
        {
            "id": "P5", "name": "Partner points",
            "purpose": "Let members collect points with fuel and travel partners",
            "lawful_basis": "Consent (members link each partner in the app)",
            "data_subjects": ["Members who linked a partner"],
            "personal_data": ["Hashed membership number", "Points earned at the partner",
                              "Date of the partner transaction"],
            "recipients": ["Fuelway Ltd (independent controller)",
                           "Horizon Travel Ltd (independent controller)"],
            "retention": "2 years after the partner transaction",
            "systems": "Partner gateway",
            "data_subjects_count": "240,000",
        },
        {
            "id": "P6", "name": "Customer service",
            "purpose": "Answer questions and complaints about points and offers",
            "lawful_basis": "Contract; legal obligation (consumer complaints)",
            "data_subjects": ["Members", "Other customers who contact us"],
            "personal_data": ["Contact details", "Account and purchase details",
                              "Call recordings", "Chat and e-mail messages"],
            "recipients": ["Customer service", "Loyalty team"],
            "processors": ["CallBridge Contact Centres Ltd"],
            "processor_agreement": "yes",
            "retention": "Call recordings 90 days; cases 3 years",
            "systems": "Contact centre platform; Northstar CRM",
            "data_subjects_count": "about 300,000 contacts a year",
        },
        {
            "id": "P7", "name": "Points fraud detection",
            "purpose": "Detect stolen accounts and abuse of points and vouchers",
            "lawful_basis": "Legitimate interests",
            "legitimate_interest": (
                "Preventing fraud against members and the company (Recital 47)"
            ),
            "data_subjects": ["Members"],
            "personal_data": ["Points transactions", "Device and IP address",
                              "Login history", "Linked accounts"],
            "recipients": ["Fraud team"],
            "processors": ["Northstar CRM Ltd"],
            "processor_agreement": D(2025, 9, 1),
            "retention": "18 months; closed fraud cases 6 years",
            "systems": "Fraud rules engine",
            "data_subjects_count": "2.4 million",
        },
    ]
    risks = [
        {"id": "R1", "processing": ["P3"],
         "risk": "Profiling infers sensitive characteristics such as pregnancy, health "
                 "conditions or religion from what members buy",
         "risk_source": "Offer engine, analysts",
         "impact_on_individuals": "Distress, embarrassment, discrimination",
         "likelihood": "Likely", "impact": "Major", "measures": ["M3", "M4"],
         "residual_likelihood": "Unlikely", "residual_impact": "Major",
         "treatment": "reduce", "owner": "Head of Customer Insight"},
        {"id": "R2", "processing": ["P1", "P2"],
         "risk": "Account takeover through reused passwords exposes purchase history and "
                 "lets points be stolen",
         "risk_source": "Criminals (credential stuffing)",
         "impact_on_individuals": "Loss of points, exposure of purchases",
         "likelihood": "Likely", "impact": "Moderate", "measures": ["M1", "M2"],
         "residual_likelihood": "Unlikely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Head of Information Security"},
        {"id": "R3", "processing": ["P2", "P3"],
         "risk": "Breach of the customer data warehouse exposes 2.4 million purchase "
                 "histories",
         "risk_source": "External attackers, insiders",
         "impact_on_individuals": "Loss of confidentiality, phishing, distress",
         "likelihood": "Possible", "impact": "Major", "measures": ["M2", "M5", "M6"],
         "residual_likelihood": "Unlikely", "residual_impact": "Major",
         "treatment": "reduce", "owner": "Head of Information Security"},
        {"id": "R4", "processing": ["P4"],
         "risk": "Marketing sent without valid consent or after a member opted out",
         "risk_source": "Process error, data sync between systems",
         "impact_on_individuals": "Nuisance, loss of control",
         "likelihood": "Possible", "impact": "Minor", "measures": ["M7"],
         "residual_likelihood": "Unlikely", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Head of CRM Marketing"},
        {"id": "R5", "processing": ["P4"],
         "risk": "US authorities obtain contact and engagement data held by the e-mail "
                 "provider",
         "risk_source": "Foreign public authorities",
         "impact_on_individuals": "Loss of control over data",
         "likelihood": "Unlikely", "impact": "Minor", "measures": ["M8"],
         "residual_likelihood": "Remote", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Legal Counsel"},
        {"id": "R6", "processing": ["P5"],
         "risk": "Partners use the points data they receive for their own marketing "
                 "beyond what members agreed to",
         "risk_source": "Partner organisations",
         "impact_on_individuals": "Unexpected marketing, loss of control",
         "likelihood": "Possible", "impact": "Moderate", "measures": ["M9"],
         "residual_likelihood": "Unlikely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Partnerships Manager"},
        {"id": "R7", "processing": ["P7"],
         "risk": "The fraud model wrongly blocks a genuine member's account and points",
         "risk_source": "Fraud model (false positives)",
         "impact_on_individuals": "Loss of points and vouchers, being treated as a suspect",
         "likelihood": "Likely", "impact": "Moderate", "measures": ["M10"],
         "residual_likelihood": "Unlikely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Fraud Manager"},
        {"id": "R8", "processing": ["P3"],
         "risk": "Offers printed on receipts or shown in a shared app reveal a member's "
                 "purchases to other people in the household",
         "risk_source": "Offer channels",
         "impact_on_individuals": "Embarrassment, disclosure within the family",
         "likelihood": "Almost certain", "impact": "Moderate", "measures": ["M4", "M11"],
         "residual_likelihood": "Possible", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Head of CRM Marketing"},
        {"id": "R9", "processing": ["all"],
         "risk": "Data of members who stopped shopping is kept longer than needed",
         "risk_source": "No automatic deletion",
         "impact_on_individuals": "Larger exposure if breached",
         "likelihood": "Likely", "impact": "Minor", "measures": ["M12"],
         "residual_likelihood": "Remote", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Loyalty Operations Manager"},
        {"id": "R10", "processing": ["P1"],
         "risk": "Children under 16 join despite the age limit and are profiled",
         "risk_source": "Sign-up without age check",
         "impact_on_individuals": "Profiling of children",
         "likelihood": "Possible", "impact": "Moderate", "measures": ["M13"],
         "residual_likelihood": "Unlikely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Loyalty Operations Manager"},
        {"id": "R11", "processing": ["P6"],
         "risk": "Contact centre staff listen to call recordings or look up accounts "
                 "without a reason",
         "risk_source": "Processor's staff",
         "impact_on_individuals": "Loss of confidentiality",
         "likelihood": "Unlikely", "impact": "Moderate", "measures": ["M2", "M14"],
         "residual_likelihood": "Remote", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Head of Customer Service"},
        {"id": "R12", "processing": ["P3"],
         "risk": "Personalised discounts mean some groups consistently pay more than "
                 "others",
         "risk_source": "Offer strategy",
         "impact_on_individuals": "Unfair treatment",
         "likelihood": "Possible", "impact": "Minor",
         "residual_likelihood": "Possible", "residual_impact": "Minor",
         "treatment": "accept", "owner": "Director of Customer & Loyalty"},
        {"id": "R13", "processing": ["all"],
         "risk": "Members cannot easily get a copy of their data or have it erased, because "
                 "it is spread over several systems",
         "risk_source": "System landscape",
         "impact_on_individuals": "Rights not respected",
         "likelihood": "Likely", "impact": "Minor", "measures": ["M15"],
         "residual_likelihood": "Unlikely", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Privacy Manager"},
        {"id": "R14", "processing": ["P1", "P2", "P3"],
         "risk": "Members do not understand that their itemised purchases are used for "
                 "profiling",
         "risk_source": "Insufficient information",
         "impact_on_individuals": "Loss of control, cannot object",
         "likelihood": "Likely", "impact": "Moderate", "measures": ["M16"],
         "residual_likelihood": "Unlikely", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Privacy Manager"},
        {"id": "R15", "processing": ["P2"],
         "risk": "E-receipts sent to a mistyped e-mail address",
         "risk_source": "Member or staff typing error",
         "impact_on_individuals": "A stranger sees one receipt",
         "likelihood": "Unlikely", "impact": "Negligible",
         "residual_likelihood": "Unlikely", "residual_impact": "Negligible",
         "treatment": "accept", "owner": "Loyalty Operations Manager"},
    ]
    measures = [
        {"id": "M1", "measure": "Multi-factor authentication", "type": "technical",
         "description": "One-time code for new devices and for redeeming more than 500 "
                        "points; breached-password check at sign-up.",
         "status": "implemented", "owner": "Head of Information Security"},
        {"id": "M2", "measure": "Role-based access and access logging", "type": "technical",
         "description": "Access to member data by role; every look-up logged and reviewed "
                        "monthly by Information Security.",
         "status": "implemented", "owner": "Head of Information Security"},
        {"id": "M3", "measure": "Sensitive categories excluded from profiling",
         "type": "technical",
         "description": "Pharmacy, baby, free-from, halal/kosher and alcohol-free ranges "
                        "removed from the data the offer engine sees.",
         "status": "in_progress", "owner": "Head of Customer Insight",
         "due_date": D(2026, 5, 31)},
        {"id": "M4", "measure": "Offer review board", "type": "organisational",
         "description": "Privacy, legal and marketing approve every new segment and offer "
                        "type against a checklist of sensitive inferences.",
         "status": "implemented", "owner": "Privacy Manager"},
        {"id": "M5", "measure": "Encryption and pseudonymised analytics", "type": "technical",
         "description": "Warehouse encrypted at rest; analysts work on pseudonymised tables "
                        "without names or contact details.",
         "status": "implemented", "owner": "Head of Data Platform"},
        {"id": "M6", "measure": "Penetration test of the rewards platform",
         "type": "technical",
         "description": "Independent test of the app, API and warehouse before the new offer "
                        "engine launches, then every year.",
         "status": "planned", "owner": "Head of Information Security",
         "due_date": D(2026, 9, 30)},
        {"id": "M7", "measure": "Consent management with audit trail", "type": "technical",
         "description": "One consent record per channel, synchronised to Mailwave every 15 "
                        "minutes; opt-outs take effect before the next send.",
         "status": "implemented", "owner": "Head of CRM Marketing"},
        {"id": "M8", "measure": "Processor agreements and transfer checks", "type": "legal",
         "description": "Art. 28 agreements with all processors; Mailwave's DPF "
                        "certification checked yearly; transfer risk assessment on file.",
         "status": "implemented", "owner": "Legal Counsel"},
        {"id": "M9", "measure": "Partner data sharing agreement", "type": "legal",
         "description": "Partners receive hashed membership numbers and points only, may "
                        "not use them for marketing, and delete after 2 years.",
         "status": "in_progress", "owner": "Partnerships Manager",
         "due_date": D(2026, 4, 30)},
        {"id": "M10", "measure": "Human review of fraud blocks", "type": "organisational",
         "description": "No account is blocked on the model's score alone; members are told "
                        "why and can appeal; points restored within 5 working days.",
         "status": "implemented", "owner": "Fraud Manager"},
        {"id": "M11", "measure": "Discreet offers", "type": "technical",
         "description": "No offers for sensitive ranges on receipts; a 'discreet mode' in "
                        "the app hides offers on the lock screen.",
         "status": "planned", "owner": "Head of CRM Marketing",
         "due_date": D(2026, 8, 31)},
        {"id": "M12", "measure": "Automatic deletion of inactive accounts",
         "type": "technical",
         "description": "Accounts without activity for 2 years are warned and then deleted, "
                        "with their purchase history.",
         "status": "planned", "owner": "Loyalty Operations Manager",
         "due_date": D(2026, 12, 31)},
        {"id": "M13", "measure": "Age confirmation at sign-up", "type": "organisational",
         "description": "Members confirm they are 16 or over; year and month of birth "
                        "checked; accounts of children closed when found.",
         "status": "implemented", "owner": "Loyalty Operations Manager"},
        {"id": "M14", "measure": "Contact centre access limits", "type": "organisational",
         "description": "Recordings only for the quality team; agents open accounts only "
                        "from a live case; audit by Greenleaf twice a year.",
         "status": "in_progress", "owner": "Head of Customer Service",
         "due_date": D(2026, 6, 30)},
        {"id": "M15", "measure": "Self-service data download and deletion",
         "type": "technical",
         "description": "Download of all account and purchase data and account deletion "
                        "from the app.",
         "status": "planned", "owner": "Head of Digital"},
        {"id": "M16", "measure": "Layered notice and 'why this offer'", "type":
         "organisational",
         "description": "Short summary at sign-up, full notice in the app, an explanation "
                        "link on every offer and a personalisation switch.",
         "status": "in_progress", "owner": "Privacy Manager",
         "due_date": D(2026, 4, 15)},
    ]
    screening = {
        "evaluation": (True, "Purchases are analysed to place members in segments for "
                             "offers (profiling)."),
        "automated-decision": (False, "Offers have no legal or similarly significant "
                                      "effect; fraud blocks are reviewed by a person (M10)."),
        "monitoring": (False, "Purchases are recorded when the card is scanned; no "
                              "tracking outside transactions."),
        "sensitive": (False, "No special category data is collected; the risk of inferring "
                             "it is assessed as R1."),
        "large-scale": (True, "2.4 million members, 180 million transactions a year."),
        "matching": (True, "Online, in-store and partner data are combined in one "
                           "profile."),
        "vulnerable": (False, "Members are 16 or over; no targeting of vulnerable groups."),
        "innovative": (False, "Established loyalty technology."),
        "prevents-rights": (False, "Shopping does not depend on membership; members can "
                                   "leave at any time."),
        "art35-3a": (False, "No decisions with legal or similarly significant effects."),
        "art35-3b": (False, "No special category or criminal offence data."),
        "art35-3c": (False, "No monitoring of publicly accessible areas."),
    }
    sign_off = {
        "measures_approved": ("Tom Ellery, Director of Customer & Loyalty", D(2026, 2, 24),
                              "Open measures tracked in the loyalty programme board."),
        "residual_approved": ("Tom Ellery, Director of Customer & Loyalty", D(2026, 2, 24),
                              ""),
        "dpo_advice": ("Helen Murray, DPO", D(2026, 2, 18), "Advice summarised in the "
                                                           "Assessment sheet."),
        "dpo_advice_accepted": ("Executive Committee", D(2026, 2, 26),
                                "Accepted in full; M3 made a condition for launch."),
        "consultation_reviewed": ("Priya Natarajan, Privacy Manager", D(2025, 11, 20),
                                  "Survey and focus group findings led to M11 and M16."),
        "kept_under_review": ("Priya Natarajan, Privacy Manager", None,
                              "At launch of the new offer engine and every year."),
    }
    history = [
        {"version": "0.1", "date": D(2025, 10, 6), "author": "Priya Natarajan",
         "changes": "First draft: processing and screening"},
        {"version": "0.2", "date": D(2025, 11, 20), "author": "Priya Natarajan",
         "changes": "Consultation results; risks R8, R12 and R14 added"},
        {"version": "0.3", "date": D(2026, 1, 30), "author": "Priya Natarajan",
         "changes": "Partner points (P5) added; measures re-scored with Information "
                    "Security"},
        {"version": "1.0", "date": D(2026, 2, 27), "author": "Priya Natarajan",
         "changes": "DPO advice processed; approved by the Executive Committee"},
    ]
    _give_reasons(risks, {
        "R1": ("Basket analysis already segments members by life stage; inferring a "
               "pregnancy or a condition from purchases is what such models do well",
               "Wrongly or rightly inferred health or religion shown in offers is special "
               "category data in effect, and hard to undo once seen",
               "Sensitive product groups are excluded from profiling (M3) and reviewed "
               "quarterly (M4), so an inference needs a deliberate breach of the rule"),
        "R8": ("Every receipt carries offers and the app is shared by about a third of "
               "households, so others see them daily",
               "Disclosure within the family, rarely beyond; embarrassing but reversible",
               "Offers on shared channels are generic (M11) and sensitive groups are "
               "excluded (M4)"),
    })
    return Content(info, processing, risks, measures, screening, sign_off, history)


# ==========================================================================================
# gemeente-jeugdhulp: youth-care case management of a municipality (Dutch, ico preset)
# ==========================================================================================


def gemeente_jeugdhulp() -> Content:
    info = {
        "title": "Jeugdhulp: toegang, casusregie en gegevensuitwisseling met aanbieders",
        "organisation": "Gemeente Lindenveld",
        "version": "1.1",
        "date": D(2026, 4, 9),
        "status": "definitief",
        "author": "R. Hoekstra, privacyadviseur sociaal domein",
        "owner": "E. van Dijk, afdelingshoofd Jeugd en Gezin",
        "dpo": "mr. L. Postma, functionaris gegevensbescherming",
        "classification": "Intern",
        "review_date": D(2027, 4, 1),
        "nature": (
            "Ouders en jeugdigen melden zich bij het wijkteam of worden verwezen door de "
            "huisarts, school of Veilig Thuis. Een jeugdconsulent verheldert de hulpvraag in "
            "gesprekken en legt die vast in het dossier in het registratiesysteem sociaal "
            "domein. Het college besluit over een individuele voorziening en stuurt een "
            "toewijzing naar de jeugdhulpaanbieder via het Gemeentelijk Gegevensknooppunt "
            "(iJw-berichten). De aanbieder meldt start en einde van de zorg en declareert. "
            "Bij zorgen over veiligheid werkt het wijkteam samen met Veilig Thuis en de "
            "gecertificeerde instelling."
        ),
        "scope": (
            "Ongeveer 1.900 jeugdigen per jaar met een voorziening en hun ouders; 2.600 "
            "aanmeldingen per jaar; 45 medewerkers in vier wijkteams; 120 gecontracteerde "
            "aanbieders. Gegevens over gezondheid, opvoeding, gezinssituatie en soms "
            "strafrechtelijke gegevens (jeugdreclassering). Dossiers worden 20 jaar na het "
            "einde van de hulp bewaard."
        ),
        "context": (
            "Het gaat om kinderen en gezinnen in een kwetsbare situatie die voor hulp "
            "afhankelijk zijn van de gemeente. Lindenveld is een kleine gemeente: "
            "medewerkers kennen cliënten soms privé. Jongeren vanaf 16 jaar oefenen hun "
            "rechten zelf uit. Na een datalek bij een andere gemeente in 2025 vroegen "
            "raadsleden om een nieuwe DPIA."
        ),
        "purposes": (
            "De juiste jeugdhulp op tijd inzetten (art. 2.3 Jeugdwet); rechtmatig betalen "
            "voor geleverde zorg; de veiligheid van kinderen waarborgen; beleid en inkoop "
            "onderbouwen met geanonimiseerde cijfers."
        ),
        "consultation": (
            "Cliëntenraad sociaal domein (schriftelijke reactie en bijeenkomst op 4 februari "
            "2026); jongerenpanel Lindenveld (6 jongeren); teamleiders wijkteams; CISO; de "
            "leverancier van het registratiesysteem; drie grote jeugdhulpaanbieders."
        ),
        "necessity": (
            "Zonder een dossier met de hulpvraag kan het college niet zorgvuldig besluiten "
            "over een voorziening (art. 3:2 Awb). Alleen gegevens die nodig zijn voor de "
            "toegang en het besluit worden vastgelegd; het dossier bevat geen volledige "
            "behandelgegevens van aanbieders. Declaraties bevatten productcodes, geen "
            "diagnoses. Beleidsinformatie gaat gepseudonimiseerd naar het CBS. Een minder "
            "ingrijpend alternatief dat hetzelfde doel bereikt, is er niet."
        ),
        "rights": (
            "Verzoeken om inzage, correctie en vernietiging (art. 7.3.9 Jeugdwet) lopen via "
            "het privacyloket; de jeugdconsulent bespreekt het dossier met de cliënt. "
            "Jongeren vanaf 16 jaar dienen zelf een verzoek in; voor jongere kinderen de "
            "gezaghebbende ouder. Afhandeling binnen een maand, geregistreerd in het "
            "verzoekenregister."
        ),
        "information": (
            "Privacyverklaring jeugdhulp op lindenveld.example/privacy, een folder voor "
            "ouders en een aparte uitleg voor jongeren, besproken in het eerste gesprek."
        ),
        "breach_procedure": (
            "Datalekprocedure gemeente Lindenveld: melding bij het privacyteam binnen 24 uur, "
            "beoordeling door de FG en de CISO, melding aan de Autoriteit Persoonsgegevens "
            "binnen 72 uur waar nodig; registratie in het datalekregister. Verwerkers melden "
            "binnen 24 uur (verwerkersovereenkomst)."
        ),
        "dpo_advice": (
            "Positief, mits de logcontrole op dossierinzage maandelijks wordt uitgevoerd "
            "(M2), het afwegingskader voor gegevensdeling in de keten wordt vastgesteld (M6) "
            "en de vernietiging van dossiers na de bewaartermijn is ingericht (M10). "
            "Herbeoordeling bij overstap naar een nieuw registratiesysteem."
        ),
        "conclusion": (
            "Na de maatregelen zijn de restrisico's aanvaardbaar: drie risico's blijven "
            "Midden, geen enkel risico Hoog. Voorafgaande raadpleging van de Autoriteit "
            "Persoonsgegevens is niet nodig. De openstaande maatregelen worden bewaakt in "
            "het privacy-overleg sociaal domein."
        ),
    }
    basis_jeugdwet = "Publieke taak (art. 2.3 en 7.4.0 Jeugdwet)"
    art9_jeugdwet = ("Art. 9 lid 2 sub g AVG jo. art. 7.4.0 lid 1 Jeugdwet; art. 10 AVG jo. "
                     "art. 7.4.0 Jeugdwet")
    processing = [
        {
            "id": "V1", "name": "Aanmelding en vraagverheldering",
            "purpose": "De hulpvraag van jeugdige en gezin vaststellen",
            "lawful_basis": basis_jeugdwet,
            "data_subjects": ["Jeugdigen (0–18 jaar, tot 23 bij verlengde jeugdhulp)",
                              "Ouders en gezaghebbenden", "Andere gezinsleden"],
            "personal_data": ["Naam en adres", "Geboortedatum", "BSN", "Gezinssamenstelling",
                              "Hulpvraag en gespreksverslagen", "Verwijzer"],
            "special_categories": ["Gezondheid (lichamelijk en psychisch)",
                                   "Strafrechtelijke gegevens (jeugdreclassering)"],
            "art9_condition": art9_jeugdwet,
            "recipients": ["Jeugdconsulenten van het eigen wijkteam"],
            "processors": ["SociaalDossier B.V. (registratiesysteem)"],
            "processor_agreement": D(2024, 12, 10),
            "retention": "20 jaar na einde jeugdhulp (art. 7.3.8 Jeugdwet)",
            "systems": "Registratiesysteem sociaal domein",
            "data_subjects_count": "ca. 2.600 aanmeldingen per jaar",
        },
        {
            "id": "V2", "name": "Besluit over een individuele voorziening",
            "purpose": "Beschikking jeugdhulp nemen en vastleggen",
            "lawful_basis": "Publieke taak (art. 2.3 Jeugdwet; Algemene wet bestuursrecht)",
            "data_subjects": ["Jeugdigen", "Ouders en gezaghebbenden"],
            "personal_data": ["NAW en BSN", "Hulpvraag en onderbouwing",
                              "Soort voorziening en duur", "Beschikking"],
            "special_categories": ["Gezondheid"],
            "art9_condition": art9_jeugdwet,
            "recipients": ["Jeugdconsulenten", "Juristen (bij bezwaar)"],
            "processors": ["SociaalDossier B.V. (registratiesysteem)"],
            "processor_agreement": D(2024, 12, 10),
            "retention": "20 jaar na einde jeugdhulp (art. 7.3.8 Jeugdwet)",
            "systems": "Registratiesysteem sociaal domein; zaaksysteem",
            "data_subjects_count": "ca. 1.900 jeugdigen per jaar",
        },
        {
            "id": "V3", "name": "Berichtenverkeer met jeugdhulpaanbieders",
            "purpose": "Toewijzing, start en einde van zorg uitwisselen (iJw-standaard)",
            "lawful_basis": "Wettelijke verplichting (art. 7.4.4 Jeugdwet; Regeling Jeugdwet)",
            "data_subjects": ["Jeugdigen"],
            "personal_data": ["BSN", "Geboortedatum", "Productcode en omvang",
                              "Begin- en einddatum"],
            "recipients": ["Gecontracteerde jeugdhulpaanbieders"],
            "processors": ["Inlichtingenbureau (Gemeentelijk Gegevensknooppunt)",
                           "SociaalDossier B.V."],
            "processor_agreement": "ja",
            "retention": "7 jaar (fiscale bewaarplicht), daarna vernietigd",
            "systems": "Gemeentelijk Gegevensknooppunt; registratiesysteem",
            "data_subjects_count": "ca. 1.900",
        },
        {
            "id": "V4", "name": "Declaraties en rechtmatigheidscontrole",
            "purpose": "Geleverde zorg betalen en controleren",
            "lawful_basis": "Wettelijke verplichting (art. 7.4.4 Jeugdwet; Gemeentewet "
                            "art. 213)",
            "data_subjects": ["Jeugdigen"],
            "personal_data": ["BSN", "Productcode", "Geleverde zorg en tarief"],
            "recipients": ["Team financiën sociaal domein", "Accountant (steekproef)"],
            "processors": ["Inlichtingenbureau (Gemeentelijk Gegevensknooppunt)"],
            "processor_agreement": "ja",
            "retention": "7 jaar (art. 2:10 BW, fiscale bewaarplicht)",
            "systems": "Financieel systeem; registratiesysteem",
            "data_subjects_count": "ca. 1.900",
        },
        {
            "id": "V5", "name": "Samenwerking in de veiligheidsketen",
            "purpose": "Samen met Veilig Thuis en de gecertificeerde instelling de "
                       "veiligheid van een kind borgen",
            "lawful_basis": "Publieke taak (art. 2.4 en 7.4.0 Jeugdwet); Wet verplichte "
                            "meldcode",
            "data_subjects": ["Jeugdigen", "Ouders en gezinsleden"],
            "personal_data": ["NAW en BSN", "Zorgsignalen", "Afspraken en verslagen van "
                                                           "overleg"],
            "special_categories": ["Gezondheid", "Strafrechtelijke gegevens"],
            "art9_condition": art9_jeugdwet,
            "recipients": ["Veilig Thuis", "Gecertificeerde instelling",
                           "Raad voor de Kinderbescherming"],
            "retention": "20 jaar na einde jeugdhulp (in het dossier)",
            "systems": "Registratiesysteem; beveiligde e-mail",
            "data_subjects_count": "ca. 150 gezinnen per jaar",
        },
        {
            "id": "V6", "name": "Beleidsinformatie jeugd",
            "purpose": "Verplichte beleidsinformatie aan het CBS en sturing op inkoop",
            "lawful_basis": "Wettelijke verplichting (art. 7.4.1 Jeugdwet)",
            "data_subjects": ["Jeugdigen"],
            "personal_data": ["Gepseudonimiseerd BSN", "Soort voorziening en duur",
                              "Leeftijd en wijk"],
            "recipients": ["Centraal Bureau voor de Statistiek",
                           "Beleidsadviseurs (alleen geaggregeerd)"],
            "retention": "Bronbestand 2 jaar; rapportages blijvend (geanonimiseerd)",
            "systems": "Rapportagetool sociaal domein",
            "data_subjects_count": "ca. 1.900",
        },
        {
            "id": "V7", "name": "Cliëntervaringsonderzoek",
            "purpose": "Ervaringen van jeugdigen en ouders met de toegang meten",
            "lawful_basis": "Toestemming (deelname vrijwillig, apart gevraagd)",
            "data_subjects": ["Ouders", "Jongeren vanaf 12 jaar"],
            "personal_data": ["Naam en e-mailadres", "Antwoorden op de vragenlijst"],
            "recipients": ["Team kwaliteit (alleen anonieme resultaten)"],
            "processors": ["Panelwijs Onderzoek B.V."],
            "processor_agreement": D(2025, 9, 15),
            "retention": "Contactgegevens 6 maanden; antwoorden geanonimiseerd",
            "systems": "Enquêteplatform Panelwijs",
            "data_subjects_count": "ca. 600 per jaar",
        },
    ]
    risks = [
        {"id": "R1", "processing": ["V1", "V2"],
         "risk": "Medewerkers zonder betrokkenheid bij de casus bekijken dossiers, "
                 "bijvoorbeeld van bekenden uit het dorp",
         "risk_source": "Eigen medewerkers (nieuwsgierigheid)",
         "impact_on_individuals": "Schending van vertrouwelijkheid, schaamte, "
                                  "stigmatisering",
         "likelihood": "Hoog", "impact": "Hoog", "measures": ["M1", "M2"],
         "residual_likelihood": "Laag", "residual_impact": "Hoog",
         "treatment": "verminderen", "owner": "Teamleider wijkteams"},
        {"id": "R2", "processing": ["V3"],
         "risk": "Een toewijzing gaat naar de verkeerde aanbieder of over het verkeerde "
                 "kind",
         "risk_source": "Invoerfout (BSN of aanbiedercode)",
         "impact_on_individuals": "Gegevens bij een onbevoegde, vertraging van hulp",
         "likelihood": "Midden", "impact": "Midden", "measures": ["M3"],
         "residual_likelihood": "Laag", "residual_impact": "Midden",
         "treatment": "verminderen", "owner": "Coördinator berichtenverkeer"},
        {"id": "R3", "processing": ["alle"],
         "risk": "Datalek of ransomware bij de leverancier van het registratiesysteem",
         "risk_source": "Externe aanvallers",
         "impact_on_individuals": "Openbaarmaking van gezondheids- en gezinsgegevens, "
                                  "afpersing",
         "likelihood": "Midden", "impact": "Hoog", "measures": ["M4", "M5"],
         "residual_likelihood": "Laag", "residual_impact": "Hoog",
         "treatment": "verminderen", "owner": "CISO"},
        {"id": "R4", "processing": ["V1"],
         "risk": "In vrije tekstvelden wordt meer vastgelegd dan nodig, ook over "
                 "gezinsleden en derden",
         "risk_source": "Werkwijze jeugdconsulenten",
         "impact_on_individuals": "Onnodige gegevens in het dossier, onjuist beeld",
         "likelihood": "Hoog", "impact": "Midden", "measures": ["M7", "M8"],
         "residual_likelihood": "Midden", "residual_impact": "Midden",
         "treatment": "verminderen", "owner": "Teamleider wijkteams"},
        {"id": "R5", "processing": ["V5"],
         "risk": "In informeel overleg met ketenpartners worden meer gegevens gedeeld "
                 "dan nodig of zonder grondslag",
         "risk_source": "Medewerkers gemeente en ketenpartners",
         "impact_on_individuals": "Verlies van controle, aantasting vertrouwen in "
                                  "hulpverlening",
         "likelihood": "Midden", "impact": "Hoog", "measures": ["M6"],
         "residual_likelihood": "Laag", "residual_impact": "Hoog",
         "treatment": "verminderen", "owner": "Afdelingshoofd Jeugd en Gezin"},
        {"id": "R6", "processing": ["V1", "V2"],
         "risk": "Ouders en jongeren weten niet welke gegevens worden vastgelegd en met "
                 "wie die worden gedeeld",
         "risk_source": "Onvoldoende informatie",
         "impact_on_individuals": "Kunnen rechten niet uitoefenen",
         "likelihood": "Midden", "impact": "Midden", "measures": ["M9"],
         "residual_likelihood": "Laag", "residual_impact": "Midden",
         "treatment": "verminderen", "owner": "Privacyadviseur sociaal domein"},
        {"id": "R7", "processing": ["V1", "V2"],
         "risk": "Verzoeken om inzage of vernietiging worden niet tijdig of onjuist "
                 "afgehandeld",
         "risk_source": "Proces privacyloket",
         "impact_on_individuals": "Rechten niet gerespecteerd",
         "likelihood": "Midden", "impact": "Midden", "measures": ["M11"],
         "residual_likelihood": "Laag", "residual_impact": "Midden",
         "treatment": "verminderen", "owner": "Privacyadviseur sociaal domein"},
        {"id": "R8", "processing": ["V4"],
         "risk": "Declaratiegegevens zijn breed in te zien bij de afdeling financiën",
         "risk_source": "Autorisaties financieel systeem",
         "impact_on_individuals": "Onnodige kennisname van jeugdhulpgebruik",
         "likelihood": "Hoog", "impact": "Laag", "measures": ["M1"],
         "residual_likelihood": "Laag", "residual_impact": "Laag",
         "treatment": "verminderen", "owner": "Teamleider financiën sociaal domein"},
        {"id": "R9", "processing": ["V6"],
         "risk": "Jongeren zijn herleidbaar in beleidsrapportages over kleine kernen",
         "risk_source": "Kleine aantallen per wijk",
         "impact_on_individuals": "Herkenning door buurtgenoten",
         "likelihood": "Laag", "impact": "Midden", "measures": ["M12"],
         "residual_likelihood": "Laag", "residual_impact": "Midden",
         "treatment": "accepteren", "owner": "Beleidsadviseur jeugd"},
        {"id": "R10", "processing": ["alle"],
         "risk": "Dossiers worden langer (of korter) bewaard dan de wettelijke termijn",
         "risk_source": "Geen vernietigingsproces in het registratiesysteem",
         "impact_on_individuals": "Onnodig lange blootstelling; of verlies van gegevens "
                                  "die de jongere later nodig heeft",
         "likelihood": "Hoog", "impact": "Midden", "measures": ["M10"],
         "residual_likelihood": "Midden", "residual_impact": "Midden",
         "treatment": "verminderen", "owner": "Informatiebeheerder"},
        {"id": "R11", "processing": ["V2"],
         "risk": "Onjuiste of verouderde gegevens leiden tot een verkeerd besluit over "
                 "jeugdhulp",
         "risk_source": "Fouten in het dossier",
         "impact_on_individuals": "Geen of verkeerde hulp voor het kind",
         "likelihood": "Midden", "impact": "Hoog", "measures": ["M8", "M11"],
         "residual_likelihood": "Laag", "residual_impact": "Hoog",
         "treatment": "verminderen", "owner": "Teamleider wijkteams"},
        {"id": "R12", "processing": ["V7"],
         "risk": "Het onderzoeksbureau gebruikt contactgegevens voor andere onderzoeken",
         "risk_source": "Verwerker",
         "impact_on_individuals": "Ongevraagd benaderd worden",
         "likelihood": "Laag", "impact": "Laag", "measures": ["M5"],
         "residual_likelihood": "Laag", "residual_impact": "Laag",
         "treatment": "accepteren", "owner": "Team kwaliteit"},
        {"id": "R13", "processing": ["V1"],
         "risk": "Gesprekken in het wijkcentrum worden afgeluisterd of aantekeningen "
                 "blijven liggen",
         "risk_source": "Huisvesting, werkwijze",
         "impact_on_individuals": "Kennisname door derden",
         "likelihood": "Midden", "impact": "Laag", "measures": ["M13"],
         "residual_likelihood": "Laag", "residual_impact": "Laag",
         "treatment": "verminderen", "owner": "Teamleider wijkteams"},
        {"id": "R14", "processing": ["V3", "V5"],
         "risk": "Gegevens worden per gewone e-mail verstuurd in plaats van via het "
                 "knooppunt of beveiligde e-mail",
         "risk_source": "Medewerkers, aanbieders",
         "impact_on_individuals": "Gezondheidsgegevens onderschept of verkeerd bezorgd",
         "likelihood": "Hoog", "impact": "Midden", "measures": ["M14", "M8"],
         "residual_likelihood": "Midden", "residual_impact": "Midden",
         "treatment": "verminderen", "owner": "CISO"},
    ]
    measures = [
        {"id": "M1", "measure": "Autorisaties op basis van casusbetrokkenheid",
         "type": "technisch",
         "description": "Een jeugdconsulent ziet alleen dossiers van het eigen team; "
                        "financiën ziet geen inhoud van het dossier.",
         "status": "geïmplementeerd", "owner": "Applicatiebeheer sociaal domein"},
        {"id": "M2", "measure": "Logging en maandelijkse logcontrole", "type": "technisch",
         "description": "Elke inzage wordt gelogd; het privacyteam controleert maandelijks "
                        "een steekproef en bespreekt afwijkingen met de teamleider.",
         "status": "in uitvoering", "owner": "Privacyadviseur sociaal domein",
         "due_date": D(2026, 6, 1)},
        {"id": "M3", "measure": "Controle op BSN en aanbiedercode", "type": "technisch",
         "description": "Het systeem controleert het BSN tegen de BRP en de aanbieder tegen "
                        "het contract voordat een bericht wordt verstuurd.",
         "status": "geïmplementeerd", "owner": "Coördinator berichtenverkeer"},
        {"id": "M4", "measure": "Beveiligingseisen en pentest leverancier",
         "type": "technisch",
         "description": "ISO 27001-certificaat, versleuteling, offline back-ups; jaarlijkse "
                        "pentest met rapportage aan de CISO.",
         "status": "geïmplementeerd", "owner": "CISO"},
        {"id": "M5", "measure": "Verwerkersovereenkomsten (VNG-model)", "type": "juridisch",
         "description": "Met alle verwerkers, inclusief meldplicht datalekken binnen 24 uur "
                        "en verbod op eigen gebruik van gegevens.",
         "status": "geïmplementeerd", "owner": "Inkoopadviseur"},
        {"id": "M6", "measure": "Afwegingskader gegevensdeling in de keten",
         "type": "organisatorisch",
         "description": "Stappenplan: welk doel, welke grondslag, welke gegevens minimaal; "
                        "bij twijfel de privacyadviseur raadplegen; vastleggen in het "
                        "dossier.",
         "status": "gepland", "owner": "Afdelingshoofd Jeugd en Gezin",
         "due_date": D(2026, 9, 1)},
        {"id": "M7", "measure": "Sjablonen voor gespreksverslagen",
         "type": "organisatorisch",
         "description": "Vaste rubrieken in plaats van vrije tekst; geen gegevens over "
                        "derden tenzij nodig voor de hulpvraag.",
         "status": "in uitvoering", "owner": "Teamleider wijkteams",
         "due_date": D(2026, 7, 1)},
        {"id": "M8", "measure": "Scholing privacy en dossiervorming",
         "type": "organisatorisch",
         "description": "Jaarlijkse training voor alle jeugdconsulenten, met casuïstiek en "
                        "de werkinstructie dossiervorming.",
         "status": "geïmplementeerd", "owner": "Teamleider wijkteams"},
        {"id": "M9", "measure": "Informatie voor ouders en jongeren",
         "type": "organisatorisch",
         "description": "Privacyfolder voor ouders, aparte uitleg voor jongeren, bespreken "
                        "in het eerste gesprek en vastleggen dat dit is gebeurd.",
         "status": "in uitvoering", "owner": "Privacyadviseur sociaal domein",
         "due_date": D(2026, 5, 15)},
        {"id": "M10", "measure": "Vernietigingsproces dossiers", "type": "technisch",
         "description": "Jaarlijkse selectie en vernietiging na 20 jaar, met een "
                        "vernietigingsverklaring; eerder op verzoek (art. 7.3.9).",
         "status": "gepland", "owner": "Informatiebeheerder",
         "due_date": D(2026, 12, 31)},
        {"id": "M11", "measure": "Procedure rechten betrokkenen", "type": "organisatorisch",
         "description": "Verzoekenregister, termijnbewaking en een vast aanspreekpunt; "
                        "correcties in het dossier met hoor en wederhoor.",
         "status": "geïmplementeerd", "owner": "Privacyadviseur sociaal domein"},
        {"id": "M12", "measure": "Kleine aantallen afschermen", "type": "technisch",
         "description": "Aantallen onder 10 worden in rapportages niet getoond.",
         "status": "geïmplementeerd", "owner": "Beleidsadviseur jeugd"},
        {"id": "M13", "measure": "Spreekkamers en clean desk", "type": "organisatorisch",
         "description": "Gesprekken alleen in afgesloten spreekkamers; geen papieren "
                        "aantekeningen buiten de kluis.",
         "status": "geïmplementeerd", "owner": "Facilitair coördinator"},
        {"id": "M14", "measure": "Beveiligde e-mail verplicht", "type": "technisch",
         "description": "Berichten met gezondheidsgegevens buiten het knooppunt alleen via "
                        "beveiligde e-mail; de mailserver waarschuwt bij een BSN in gewone "
                        "e-mail.",
         "status": "gepland", "owner": "CISO"},
    ]
    screening = {
        "evaluation": (True, "De hulpvraag en de veiligheid van het kind worden beoordeeld "
                             "(risicotaxatie)."),
        "automated-decision": (False, "Elk besluit wordt door een jeugdconsulent genomen."),
        "monitoring": (False, "Geen stelselmatige monitoring."),
        "sensitive": (True, "Gezondheidsgegevens en soms strafrechtelijke gegevens."),
        "large-scale": (False, "Circa 1.900 jeugdigen in één gemeente."),
        "matching": (True, "Gegevens van aanbieders, Veilig Thuis en de BRP worden in het "
                           "dossier samengebracht."),
        "vulnerable": (True, "Kinderen en gezinnen in een afhankelijke positie."),
        "innovative": (False, "Gangbare systemen en werkwijzen."),
        "prevents-rights": (False, "Het besluit is een beschikking waartegen bezwaar "
                                   "openstaat."),
        "art35-3a": (False, "Geen geautomatiseerde beoordeling."),
        "art35-3b": (False, "Bijzondere gegevens, maar niet op grote schaal."),
        "art35-3c": (False, "Geen openbare ruimte."),
        # the AP's list (Art. 35(4)): the rows dpia init --authority ap writes, answered
        "AP 1 Heimelijk onderzoek": (False, "Gezinnen weten welke gegevens het wijkteam "
                                            "verzamelt en van wie."),
        "AP 2 Zwarte lijsten": (False, "Geen lijst of registratie van ongewenste personen."),
        "AP 3 Fraudebestrijding": (False, "Controle van declaraties betreft aanbieders, niet "
                                          "de gezinnen."),
        "AP 4 Creditscores": (False, "Geen beoordeling van kredietwaardigheid."),
        "AP 5 Financiële situatie": (False, "Geen gegevens over inkomen of schulden, behalve "
                                            "als het gezin ze zelf in het gesprek noemt."),
        "AP 6 Genetische persoonsgegevens": (False, "Geen genetische gegevens."),
        "AP 7 Gezondheidsgegevens": (False, "Gezondheidsgegevens van circa 1.900 jeugdigen: "
                                            "niet grootschalig (zie hierboven)."),
        "AP 8 Samenwerkingsverbanden": (
            True, "Wijkteam, Veilig Thuis, de gecertificeerde instelling en aanbieders delen "
                  "bijzondere persoonsgegevens over gezinnen in de zorg- en veiligheidsketen."),
        "AP 9 Cameratoezicht": (False, "Geen camera's."),
        "AP 10 Flexibel cameratoezicht": (False, "Geen camera's."),
        "AP 11 Controle werknemers": (False, "Logging van inzage (M2) is beveiliging, geen "
                                             "stelselmatige monitoring van medewerkers."),
        "AP 12 Locatiegegevens": (False, "Alleen het woonadres uit de BRP."),
        "AP 13 Communicatiegegevens": (False, "Geen verkeers- of communicatiegegevens."),
        "AP 14 Internet of things": (False, "Geen verbonden apparaten."),
        "AP 15 Profilering": (False, "De risicotaxatie is een beoordeling door een consulent, "
                                     "geen geautomatiseerde profilering."),
        "AP 16 Observatie en beïnvloeding van gedrag": (False, "Geen geautomatiseerde "
                                                               "observatie."),
        "AP 17 Biometrische gegevens": (False, "Geen biometrie."),
    }
    sign_off = {
        "measures_approved": ("E. van Dijk, afdelingshoofd Jeugd en Gezin", D(2026, 4, 2),
                              "Openstaande maatregelen in het privacy-overleg."),
        "residual_approved": ("Wethouder Jeugd, namens het college", D(2026, 4, 7),
                              "Collegebesluit 2026-0412."),
        "dpo_advice": ("mr. L. Postma, FG", D(2026, 3, 20), "Advies FG 2026-07."),
        "dpo_advice_accepted": ("College van B en W", D(2026, 4, 7),
                                "Advies volledig overgenomen."),
        "consultation_reviewed": ("R. Hoekstra, privacyadviseur", D(2026, 2, 18),
                                  "Reactie cliëntenraad verwerkt in M9 en M14."),
        "kept_under_review": ("R. Hoekstra, privacyadviseur", None,
                              "Jaarlijks en bij een nieuw registratiesysteem."),
    }
    history = [
        {"version": "0.1", "date": D(2025, 11, 3), "author": "R. Hoekstra",
         "changes": "Eerste concept op basis van de DPIA 2021"},
        {"version": "0.5", "date": D(2026, 1, 22), "author": "R. Hoekstra",
         "changes": "Risico's herzien met wijkteams en CISO"},
        {"version": "0.9", "date": D(2026, 2, 18), "author": "R. Hoekstra",
         "changes": "Reactie cliëntenraad en jongerenpanel verwerkt"},
        {"version": "1.0", "date": D(2026, 4, 7), "author": "R. Hoekstra",
         "changes": "Advies FG verwerkt; vastgesteld door het college"},
        {"version": "1.1", "date": D(2026, 4, 9), "author": "R. Hoekstra",
         "changes": "Collegebesluit en aftekening toegevoegd"},
    ]
    _give_reasons(risks, {
        "R1": ("In een kleine gemeente kennen medewerkers veel inwoners, en het systeem "
               "gaf tot nu toe iedere consulent toegang tot alle dossiers",
               "Wat over een gezin in de jeugdhulp bekend wordt, volgt het kind in het dorp "
               "en is niet terug te draaien",
               "Toegang per casus (M1) en controle van de logging (M2) maken ongeoorloofde "
               "inzage onwaarschijnlijk; gebeurt het toch, dan blijft de schade hoog"),
        "R3": ("Ransomware treft geregeld leveranciers van gemeentelijke systemen",
               "Gezondheids- en gezinsgegevens van alle jeugdigen in het systeem",
               "Versleuteling en back-ups bij de leverancier (M4, M5) verlagen de kans; "
               "de gevolgen van een lek blijven ernstig"),
        "R4": ("Vrije tekstvelden worden in bijna elk dossier gebruikt",
               "Onnodige en soms onjuiste gegevens over gezinsleden en derden", ""),
        "R5": ("Overleg met ketenpartners gebeurt wekelijks, vaak informeel",
               "Ouders en jongeren verliezen het vertrouwen in de hulpverlening", ""),
        "R10": ("Bewaartermijnen worden nu handmatig bewaakt",
                "Te lang bewaren vergroot de blootstelling; te kort bewaren kost de "
                "jongere later gegevens die hij nodig heeft", ""),
        "R11": ("Gegevens van ketenpartners zijn niet altijd actueel",
                "Een verkeerd besluit betekent geen of verkeerde hulp voor het kind", ""),
        "R14": ("Gewone e-mail is voor medewerkers het makkelijkst en wordt nog gebruikt",
                "Gezondheidsgegevens kunnen worden onderschept of verkeerd bezorgd", ""),
    })
    # Authority ap, and the item notes dpia init --authority writes on the AP rows
    return with_authority(Content(info, processing, risks, measures, screening, sign_off,
                                  history), "ap", "nl")


# ==========================================================================================
# clinic-telemonitoring: remote monitoring of heart patients (English, custom 4x4 matrix)
# ==========================================================================================

CLINIC_MATRIX = Matrix(
    name="custom",
    likelihood=(
        ScaleLevel(1, "Rare", "Not expected in the life of the service."),
        ScaleLevel(2, "Unlikely", "Could happen; has happened elsewhere in healthcare."),
        ScaleLevel(3, "Likely", "Expected to happen at least once a year."),
        ScaleLevel(4, "Very likely", "Expected to happen several times a year."),
    ),
    impact=(
        ScaleLevel(1, "Minor", "Inconvenience; no effect on care or reputation."),
        ScaleLevel(2, "Moderate", "Distress or loss of control, recoverable."),
        ScaleLevel(3, "Serious", "Harm to care, health or finances, or exposure of health "
                                 "data to others."),
        ScaleLevel(4, "Critical", "Lasting harm to health or life, or wide exposure of "
                                  "health data."),
    ),
    levels=(
        RiskLevel("Low", "00B050", True),
        RiskLevel("Medium", "FFC000", True),
        RiskLevel("High", "FF6600", True),
        RiskLevel("Very high", "C00000", False),
    ),
    # rows likelihood Rare..Very likely; columns impact Minor..Critical; 0 = Low
    grid=(
        (0, 0, 1, 2),
        (0, 1, 1, 2),
        (1, 1, 2, 3),
        (1, 2, 3, 3),
    ),
    preset=False,
    title="Clinic 4×4",
)


def clinic_telemonitoring() -> Content:
    info = {
        "title": "HeartWatch: remote monitoring of heart failure patients",
        "organisation": "Riverside Heart Clinic",
        "version": "0.9",
        "date": D(2026, 5, 4),
        "status": "draft",
        "author": "Dr Aisha Khan, Clinical Safety Officer; Mark Oduya, Information "
                  "Governance Lead",
        "owner": "Dr Fergus Lane, Clinical Director",
        "dpo": "Rebecca Stone, Data Protection Officer",
        "classification": "Confidential – patient data",
        "review_date": D(2026, 11, 1),
        "nature": (
            "Patients with heart failure take home a Bluetooth weighing scale, a blood "
            "pressure cuff and, for some, a wearable ECG patch. Readings and a daily symptom "
            "questionnaire go through the HeartWatch app to the vendor's monitoring "
            "platform. Rules flag readings outside the patient's thresholds; from June 2026 "
            "an AI service of CardioAI Inc. also analyses ECG strips for arrhythmias. Heart "
            "failure nurses review alerts on weekdays 8:00–18:00, call the patient and, if "
            "needed, arrange a video consultation or a visit. Summaries go to the patient's "
            "GP. Pseudonymised data is used to evaluate the service and, with consent, for "
            "research."
        ),
        "scope": (
            "About 650 patients a year, most over 70; readings daily, ECG patches up to 14 "
            "days at a time. Data: identity and contact details, NHS number, diagnoses and "
            "medication, vital signs, ECG, symptoms, video consultation notes. Clinical "
            "records are kept 8 years after the last treatment (Records Management Code of "
            "Practice); device data on the vendor platform 12 months."
        ),
        "context": (
            "Patients are elderly, often have several conditions and some have limited "
            "digital skills; carers often help with the devices. Patients trust the clinic "
            "and expect their data to stay within the NHS. The AI service is new and hosted "
            "in the United States."
        ),
        "purposes": (
            "Detect deterioration early and prevent hospital admissions; adjust medication "
            "remotely; evaluate whether the service improves outcomes."
        ),
        "consultation": (
            "Patient Participation Group (two sessions, 14 patients and carers); heart "
            "failure nurses; the Caldicott Guardian; the vendors MediLink Health and "
            "CardioAI; the clinic's cyber security adviser."
        ),
        "necessity": (
            "Daily vital signs are the clinical basis of remote monitoring (NICE NG106). The "
            "app asks only the symptoms the protocol needs. Location and contacts on the "
            "phone are not accessed. Research uses pseudonymised data and only with consent. "
            "An EU- or UK-hosted alternative to the AI service was sought and does not yet "
            "exist with comparable accuracy; the risk of the US transfer is assessed as R6."
        ),
        "rights": (
            "Patients can see their readings in the app and ask for their record through "
            "the clinic's subject access procedure (one month). Objection and withdrawal "
            "from research are handled by the research team; withdrawal from monitoring "
            "is discussed with the nurse."
        ),
        "information": (
            "HeartWatch leaflet (large print and easy-read), the clinic's privacy notice, and "
            "an explanation by the nurse at enrolment; the AI analysis will be added to the "
            "leaflet before it starts."
        ),
        "breach_procedure": (
            "Clinic incident procedure: report to Information Governance at once; the DPO "
            "decides on notification within 72 hours and on telling patients; vendors report "
            "within 24 hours. Incidents also recorded in the clinical incident system."
        ),
        "dpo_advice": (
            "Do not start the AI ECG analysis until the residual risk of the transfer to "
            "CardioAI is reduced or the supervisory authority has been consulted. The rest "
            "of the service may continue with the measures listed."
        ),
        "conclusion": (
            "One residual risk (R6, CardioAI may use patient data to train its models and "
            "the data is held in the US) remains Very high. Prior consultation of the "
            "supervisory authority is required before the AI analysis starts; the request "
            "is being prepared. The rest of the service can continue."
        ),
    }
    processing = [
        {
            "id": "P1", "name": "Enrolment and consent",
            "purpose": "Enrol patients, issue devices and record their choices",
            "lawful_basis": "Contract (treatment agreement with the patient)",
            "data_subjects": ["Patients", "Carers helping with the devices"],
            "personal_data": ["Name and address", "Date of birth", "NHS number",
                              "Phone and e-mail", "Carer contact details",
                              "Research consent"],
            "special_categories": ["Health (diagnosis, medication)"],
            "art9_condition": "Art. 9(2)(h): provision of health care",
            "recipients": ["Heart failure nurses", "Cardiologists"],
            "processors": ["MediLink Health Ltd"],
            "processor_agreement": D(2025, 12, 1),
            "retention": "8 years after the last treatment",
            "systems": "Clinic EPR; MediLink platform",
            "data_subjects_count": "about 650 a year",
        },
        {
            "id": "P2", "name": "Home readings and symptom questionnaire",
            "purpose": "Collect daily vital signs, ECG and symptoms",
            "lawful_basis": "Contract (treatment agreement with the patient)",
            "data_subjects": ["Patients"],
            "personal_data": ["Weight", "Blood pressure and heart rate", "ECG strips",
                              "Symptom answers", "Device identifiers"],
            "special_categories": ["Health"],
            "art9_condition": "Art. 9(2)(h): provision of health care",
            "recipients": ["Heart failure nurses"],
            "processors": ["MediLink Health Ltd"],
            "processor_agreement": D(2025, 12, 1),
            "retention": "12 months on the platform; relevant readings in the EPR for "
                         "8 years",
            "systems": "HeartWatch app; MediLink platform",
            "data_subjects_count": "about 650 a year",
        },
        {
            "id": "P3", "name": "Alert review by nurses",
            "purpose": "Review readings outside thresholds and act on them",
            "lawful_basis": "Contract (treatment agreement with the patient)",
            "data_subjects": ["Patients"],
            "personal_data": ["Alerts", "Readings", "Nurse notes", "Call records"],
            "special_categories": ["Health"],
            "art9_condition": "Art. 9(2)(h): provision of health care",
            "recipients": ["Heart failure nurses", "Cardiologists"],
            "processors": ["MediLink Health Ltd"],
            "processor_agreement": D(2025, 12, 1),
            "retention": "8 years after the last treatment (in the EPR)",
            "systems": "MediLink platform; clinic EPR",
            "data_subjects_count": "about 650 a year",
        },
        {
            "id": "P4", "name": "AI analysis of ECG strips",
            "purpose": "Detect arrhythmias in ECG strips faster",
            "lawful_basis": "Contract (treatment agreement with the patient)",
            "data_subjects": ["Patients with an ECG patch"],
            "personal_data": ["ECG strips", "Age and sex", "Pseudonymous patient ID"],
            "special_categories": ["Health"],
            "art9_condition": "Art. 9(2)(h): provision of health care",
            "recipients": ["Heart failure nurses"],
            "processors": ["CardioAI Inc."],
            "processor_agreement": "draft, not signed",
            "transfers": ["United States"],
            "transfer_safeguard": "Standard contractual clauses (module 2) with UK "
                                  "Addendum; vendor not certified under the Data Privacy "
                                  "Framework",
            "retention": "30 days at CardioAI (contract draft)",
            "systems": "CardioAI cloud service",
            "data_subjects_count": "about 200 a year",
        },
        {
            "id": "P5", "name": "Video consultations",
            "purpose": "Assess patients remotely after an alert",
            "lawful_basis": "Contract (treatment agreement with the patient)",
            "data_subjects": ["Patients", "Carers present in the call"],
            "personal_data": ["Video and audio (not recorded)", "Consultation notes"],
            "special_categories": ["Health"],
            "art9_condition": "Art. 9(2)(h): provision of health care",
            "recipients": ["Cardiologists", "Heart failure nurses"],
            "processors": ["MediLink Health Ltd"],
            "processor_agreement": D(2025, 12, 1),
            "retention": "Notes 8 years in the EPR; no recordings",
            "systems": "MediLink video",
            "data_subjects_count": "about 300 consultations a year",
        },
        {
            "id": "P6", "name": "Device logistics and technical support",
            "purpose": "Deliver, replace and support the devices",
            "lawful_basis": "Contract (treatment agreement with the patient)",
            "data_subjects": ["Patients", "Carers"],
            "personal_data": ["Name and address", "Phone number", "Device serial numbers",
                              "Support tickets"],
            "recipients": ["Courier (address only)"],
            "processors": ["MediLink Health Ltd", "SwiftParcel Ltd"],
            "processor_agreement": "yes",
            "retention": "Support tickets 2 years",
            "systems": "MediLink support desk",
            "data_subjects_count": "about 650 a year",
        },
        {
            "id": "P7", "name": "Summaries to the GP",
            "purpose": "Keep the GP informed of changes in treatment",
            "lawful_basis": "Contract; public task of the GP practice (NHS Act 2006)",
            "data_subjects": ["Patients"],
            "personal_data": ["Summary of readings", "Medication changes"],
            "special_categories": ["Health"],
            "art9_condition": "Art. 9(2)(h): provision of health care",
            "recipients": ["The patient's GP practice"],
            "retention": "As the clinical record",
            "systems": "Clinic EPR; NHSmail",
            "data_subjects_count": "about 650 a year",
        },
        {
            "id": "P8", "name": "Service evaluation and research",
            "purpose": "Evaluate outcomes and take part in a heart failure study",
            "lawful_basis": "Consent (research); public task (service evaluation)",
            "data_subjects": ["Patients who agreed"],
            "personal_data": ["Pseudonymised readings", "Admissions", "Age band and sex"],
            "special_categories": ["Health"],
            "art9_condition": "Art. 9(2)(a) explicit consent (research); Art. 9(2)(h) "
                              "(service evaluation)",
            "recipients": ["Clinic research team", "University of Westbridge (study "
                                                   "partner)"],
            "retention": "Study data 10 years after the study ends",
            "systems": "Research data environment",
            "data_subjects_count": "about 300",
        },
    ]
    risks = [
        {"id": "R1", "processing": ["P3"],
         "risk": "An alert is missed or acted on too late, so deterioration is not "
                 "treated",
         "risk_source": "Alert overload, weekends, staff absence",
         "impact_on_individuals": "Hospital admission, harm to health",
         "likelihood": "Likely", "impact": "Critical", "measures": ["M1", "M2"],
         "residual_likelihood": "Rare", "residual_impact": "Critical",
         "treatment": "reduce", "owner": "Lead Heart Failure Nurse"},
        {"id": "R2", "processing": ["P2"],
         "risk": "Readings are attributed to the wrong patient",
         "risk_source": "Device pairing error, shared devices in care homes",
         "impact_on_individuals": "Wrong treatment decisions; another patient's data "
                                  "disclosed",
         "likelihood": "Unlikely", "impact": "Serious", "measures": ["M3"],
         "residual_likelihood": "Rare", "residual_impact": "Serious",
         "treatment": "reduce", "owner": "Clinical Safety Officer"},
        {"id": "R3", "processing": ["P1", "P2", "P3", "P5", "P6"],
         "risk": "Cyber attack on the vendor platform exposes health data of all patients",
         "risk_source": "External attackers",
         "impact_on_individuals": "Exposure of health data, fraud, distress",
         "likelihood": "Unlikely", "impact": "Critical", "measures": ["M4", "M5"],
         "residual_likelihood": "Rare", "residual_impact": "Critical",
         "treatment": "reduce", "owner": "Information Governance Lead"},
        {"id": "R4", "processing": ["P2"],
         "risk": "Patients with poor digital skills make errors or stop using the app, "
                 "and their carers see more than the patient wants",
         "risk_source": "Design of the service",
         "impact_on_individuals": "Loss of monitoring; loss of privacy within the family",
         "likelihood": "Very likely", "impact": "Moderate", "measures": ["M6"],
         "residual_likelihood": "Likely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Lead Heart Failure Nurse"},
        {"id": "R5", "processing": ["P4"],
         "risk": "The AI wrongly reports a normal rhythm, and nurses trust it",
         "risk_source": "Algorithm errors, automation bias",
         "impact_on_individuals": "Missed arrhythmia, stroke risk",
         "likelihood": "Unlikely", "impact": "Critical", "measures": ["M7"],
         "residual_likelihood": "Rare", "residual_impact": "Critical",
         "treatment": "reduce", "owner": "Clinical Safety Officer"},
        {"id": "R6", "processing": ["P4"],
         "risk": "CardioAI uses patient ECGs to train its products, and the data is held "
                 "in the United States where public authorities may access it",
         "risk_source": "Vendor's terms (product improvement clause), US surveillance law",
         "impact_on_individuals": "Health data used beyond care without the patient's "
                                  "knowledge; loss of control",
         "likelihood": "Very likely", "impact": "Serious", "measures": ["M8", "M9"],
         "residual_likelihood": "Very likely", "residual_impact": "Serious",
         "treatment": "reduce", "owner": "Information Governance Lead"},
        {"id": "R7", "processing": ["P5"],
         "risk": "Video consultations are overheard or joined by the wrong person",
         "risk_source": "Home setting, wrong link sent",
         "impact_on_individuals": "Disclosure of health information",
         "likelihood": "Likely", "impact": "Moderate", "measures": ["M10"],
         "residual_likelihood": "Unlikely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Lead Heart Failure Nurse"},
        {"id": "R8", "processing": ["P6"],
         "risk": "Returned devices still hold readings of the previous patient",
         "risk_source": "Device refurbishment process",
         "impact_on_individuals": "Next patient sees readings",
         "likelihood": "Likely", "impact": "Minor", "measures": ["M11"],
         "residual_likelihood": "Rare", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "MediLink service manager"},
        {"id": "R9", "processing": ["P8"],
         "risk": "Study data is re-identified by the university partner",
         "risk_source": "Researchers, small numbers",
         "impact_on_individuals": "Loss of confidentiality",
         "likelihood": "Unlikely", "impact": "Serious", "measures": ["M12"],
         "residual_likelihood": "Rare", "residual_impact": "Serious",
         "treatment": "reduce", "owner": "Research Lead"},
        {"id": "R10", "processing": ["P1", "P4"],
         "risk": "Patients are not told about the AI analysis or the transfer",
         "risk_source": "Leaflet not yet updated",
         "impact_on_individuals": "Cannot object or ask questions",
         "likelihood": "Very likely", "impact": "Moderate", "measures": ["M13"],
         "residual_likelihood": "Unlikely", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Information Governance Lead"},
        {"id": "R11", "processing": ["P7"],
         "risk": "A GP summary is sent to the wrong practice",
         "risk_source": "Out-of-date GP details",
         "impact_on_individuals": "Disclosure of health information",
         "likelihood": "Unlikely", "impact": "Moderate", "measures": ["M14"],
         "residual_likelihood": "Rare", "residual_impact": "Moderate",
         "treatment": "reduce", "owner": "Clinic administration manager"},
        {"id": "R12", "processing": ["P2"],
         "risk": "Device data is kept on the vendor platform longer than 12 months",
         "risk_source": "No automatic deletion at the vendor",
         "impact_on_individuals": "Larger exposure if breached",
         "likelihood": "Likely", "impact": "Minor", "measures": ["M15"],
         "residual_likelihood": "Unlikely", "residual_impact": "Minor",
         "treatment": "reduce", "owner": "Information Governance Lead"},
        {"id": "R13", "processing": ["P6"],
         "risk": "Courier learns that the patient has a heart condition from the parcel",
         "risk_source": "Packaging",
         "impact_on_individuals": "Minor disclosure",
         "likelihood": "Rare", "impact": "Minor",
         "residual_likelihood": "Rare", "residual_impact": "Minor",
         "treatment": "accept", "owner": "MediLink service manager"},
    ]
    measures = [
        {"id": "M1", "measure": "Alert thresholds per patient and escalation rota",
         "type": "organisational",
         "description": "Thresholds set by the cardiologist for each patient; red alerts "
                        "outside hours go to the on-call cardiology registrar.",
         "status": "implemented", "owner": "Lead Heart Failure Nurse"},
        {"id": "M2", "measure": "Clinical safety case (DCB0129/DCB0160)",
         "type": "organisational",
         "description": "Hazard log and safety case reviewed by the Clinical Safety Officer "
                        "before every change.",
         "status": "implemented", "owner": "Clinical Safety Officer"},
        {"id": "M3", "measure": "Device pairing check at enrolment", "type": "technical",
         "description": "Devices are paired in clinic and the first reading is checked "
                        "against a manual measurement; no shared devices.",
         "status": "implemented", "owner": "Lead Heart Failure Nurse"},
        {"id": "M4", "measure": "Vendor security assurance", "type": "technical",
         "description": "DSPT 'Standards Met', Cyber Essentials Plus, ISO 27001; encryption "
                        "in transit and at rest; annual penetration test.",
         "status": "implemented", "owner": "Information Governance Lead"},
        {"id": "M5", "measure": "Processor agreement with MediLink", "type": "legal",
         "description": "Art. 28 agreement; UK hosting only; breach notice within 24 hours; "
                        "audit rights.",
         "status": "implemented", "owner": "Information Governance Lead"},
        {"id": "M6", "measure": "Support for patients and carers", "type": "organisational",
         "description": "Home visit to set up, easy-read guide, a helpline, and a recorded "
                        "choice of what the carer may see.",
         "status": "in_progress", "owner": "Lead Heart Failure Nurse",
         "due_date": D(2026, 7, 31)},
        {"id": "M7", "measure": "AI output is advisory; nurse reviews every strip",
         "type": "organisational",
         "description": "The AI only prioritises strips; a nurse reviews every strip for "
                        "the first six months, then a monthly sample; error rate audited.",
         "status": "planned", "owner": "Clinical Safety Officer",
         "due_date": D(2026, 6, 1)},
        {"id": "M8", "measure": "Contract terms with CardioAI", "type": "legal",
         "description": "Remove the product improvement clause; processor agreement with "
                        "SCCs and UK Addendum; transfer risk assessment.",
         "status": "in_progress", "owner": "Information Governance Lead",
         "due_date": D(2026, 6, 15)},
        {"id": "M9", "measure": "Pseudonymise ECG strips before transfer",
         "type": "technical",
         "description": "Only a random study ID, age and sex leave the clinic; the key stays "
                        "in the UK.",
         "status": "planned", "owner": "Head of Digital",
         "due_date": D(2026, 6, 1)},
        {"id": "M10", "measure": "Safe video consultations", "type": "organisational",
         "description": "One-time links sent by SMS to the registered number; identity "
                        "check at the start; patient asked whether others are present.",
         "status": "implemented", "owner": "Lead Heart Failure Nurse"},
        {"id": "M11", "measure": "Device wipe before reuse", "type": "technical",
         "description": "Factory reset and certificate for each returned device.",
         "status": "implemented", "owner": "MediLink service manager"},
        {"id": "M12", "measure": "Data sharing agreement with the university",
         "type": "legal",
         "description": "No re-identification, secure research environment, small numbers "
                        "suppressed in publications.",
         "status": "implemented", "owner": "Research Lead"},
        {"id": "M13", "measure": "Updated leaflet and privacy notice",
         "type": "organisational",
         "description": "Explain the AI analysis and the US transfer in plain words before "
                        "it starts; nurses trained to answer questions.",
         "status": "planned", "owner": "Information Governance Lead",
         "due_date": D(2026, 5, 25)},
        {"id": "M14", "measure": "GP details checked against the national record",
         "type": "technical",
         "description": "GP practice looked up in the national spine before each summary.",
         "status": "implemented", "owner": "Clinic administration manager"},
        {"id": "M15", "measure": "Automatic deletion on the vendor platform",
         "type": "technical",
         "description": "Readings older than 12 months deleted monthly; deletion report "
                        "to the clinic.",
         "status": "in_progress", "owner": "Information Governance Lead"},
    ]
    screening = {
        "evaluation": (True, "Readings are evaluated to predict deterioration."),
        "automated-decision": (False, "Alerts and AI results are reviewed by nurses."),
        "monitoring": (True, "Daily monitoring of patients' vital signs at home."),
        "sensitive": (True, "Health data."),
        "large-scale": (False, "About 650 patients a year."),
        "matching": (True, "Device data combined with the clinical record."),
        "vulnerable": (True, "Elderly patients with a serious illness."),
        "innovative": (True, "AI analysis of ECGs by a new vendor."),
        "prevents-rights": (False, "Patients can receive usual care instead."),
        "art35-3a": (False, "No automated decisions with legal effect."),
        "art35-3b": (False, "Health data, but not on a large scale."),
        "art35-3c": (False, "No publicly accessible area."),
    }
    sign_off = {
        "measures_approved": ("Dr Fergus Lane, Clinical Director", D(2026, 5, 4),
                              "Approved for P1–P3 and P5–P8; P4 on hold."),
        "residual_approved": ("Dr Fergus Lane, Clinical Director", D(2026, 5, 4),
                              "R6 not accepted; prior consultation to be requested."),
        "dpo_advice": ("Rebecca Stone, DPO", D(2026, 4, 28), "See DPO advice."),
        "dpo_advice_accepted": ("Dr Fergus Lane, Clinical Director", D(2026, 5, 4),
                                "Accepted."),
        "consultation_reviewed": ("Mark Oduya, Information Governance Lead",
                                  D(2026, 3, 30),
                                  "Patient group asked for the carer choice (M6)."),
        "kept_under_review": ("Mark Oduya, Information Governance Lead", None,
                              "Every six months while the AI pilot runs."),
    }
    history = [
        {"version": "0.1", "date": D(2026, 1, 12), "author": "Mark Oduya",
         "changes": "First draft for the existing monitoring service"},
        {"version": "0.5", "date": D(2026, 3, 30), "author": "Dr Aisha Khan",
         "changes": "Clinical safety risks; Patient Participation Group feedback"},
        {"version": "0.9", "date": D(2026, 5, 4), "author": "Mark Oduya",
         "changes": "AI ECG analysis (P4) added; DPO advice; R6 remains Very high"},
    ]
    _give_reasons(risks, {
        "R1": ("The monitoring platform is reachable from the internet around the clock "
               "and health data is a known target",
               "A breach exposes the heart condition of every enrolled patient",
               "Encryption and multi-factor access make a breach rare, but its impact "
               "stays critical"),
        "R6": ("The vendor's current terms allow product improvement with patient ECGs, "
               "and US law allows access by public authorities",
               "Health data used outside care, without the patient's knowledge",
               "The measures M8 and M9 depend on a contract change the vendor has not yet "
               "signed, so the rating after measures stays where it is"),
    })
    return Content(info, processing, risks, measures, screening, sign_off, history)


# ==========================================================================================

def worked_example(lang: str, matrix: str) -> Callable[[], Content]:
    """The worked example of ``dpia init --example`` in ``lang`` (its texts are data:
    ``templates/<lang>/example.toml``), rated on the preset ``matrix``."""
    return lambda: example_content(lang, preset(matrix, lang))


# name -> (language, matrix, content)
SAMPLES: dict[str, tuple[str, str | Matrix, Callable[[], Content]]] = {
    "retail-loyalty": ("en", "5x5", retail_loyalty),
    "gemeente-jeugdhulp": ("nl", "ico", gemeente_jeugdhulp),
    "clinic-telemonitoring": ("en", CLINIC_MATRIX, clinic_telemonitoring),
    # the 4×4 matrix in the words of the DSK (Kurzpapier Nr. 18) and of the CNIL
    "logistik-beschaeftigte": ("de", "cnil", worked_example("de", "cnil")),
    "logistique-salaries": ("fr", "cnil", worked_example("fr", "cnil")),
}


def sample_bytes(name: str) -> bytes:
    """The .xlsx of one sample, as this script writes it."""
    lang, matrix, content = SAMPLES[name]
    return workbook_bytes(lang=lang, matrix=matrix, content=content())


def main(argv: list[str]) -> int:
    """Write every sample workbook here and, unless --no-build, its report beside it."""
    build = "--no-build" not in argv
    for name in SAMPLES:
        workbook = HERE / f"{name}.xlsx"
        workbook.write_bytes(sample_bytes(name))
        print(f"{workbook.relative_to(HERE.parent)}: written")
        if build:
            report = workbook.with_suffix(".docx")
            subprocess.run(
                [sys.executable, "-m", "dpia", "build", str(workbook), "-o", str(report),
                 "--force"],
                check=True,
            )
    # the CNIL sample: an export of the CNIL PIA software and the workbook imported from it
    subprocess.run([sys.executable, str(HERE / "make_cnil_sample.py"), *argv], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
