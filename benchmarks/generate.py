"""Synthetic DPIA workbooks for benchmarks: N risks, N/5 processing operations, N/2 measures.

Valid against the workbook format (English headers, the ``ico`` preset), with text of the
length a DPO writes (a sentence or two per cell), deterministic for a given size and seed.
Written with openpyxl's write-only mode so that generating 10,000 risks takes seconds.

    python benchmarks/generate.py 5000 out/risks-5000.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import openpyxl

LIKELIHOOD = ("Remote", "Possible", "Probable")
IMPACT = ("Minimal", "Significant", "Severe")
BASES = (
    "Contract", "Legal obligation (Tax Act, s. 52)", "Consent", "Public task",
    "Legitimate interests",
)
SUBJECTS = ("Customers", "Employees", "Applicants", "Suppliers' staff", "Website visitors",
            "Patients", "Pupils", "Members")
DATA = ("name", "e-mail address", "postal address", "phone number", "date of birth",
        "purchase history", "IP address", "device identifiers", "bank account number",
        "location data", "login history", "contract details")
SYSTEMS = ("CRM", "ERP", "HR suite", "Data warehouse", "Mail platform", "Web shop", "Intranet")
THREATS = ("An external attacker", "A careless employee", "A processor's administrator",
           "A former employee", "Malware", "A lost laptop", "A misconfigured cloud bucket",
           "An overly broad data export")
HARMS = ("identity fraud", "financial loss", "embarrassment", "discrimination",
         "loss of control over their data", "unwanted marketing", "stress and anxiety",
         "reputational damage", "exclusion from a service")
VERBS = ("obtains", "discloses", "alters", "deletes", "combines", "keeps longer than needed",
         "sends to the wrong recipient")
MEASURE_NAMES = ("Encryption at rest", "Two-factor authentication", "Role-based access",
                 "Pseudonymisation", "Retention schedule", "Staff awareness training",
                 "Logging and monitoring", "Processor audit", "Data minimisation review",
                 "Incident response drill", "Privacy notice update", "Access review")
OWNERS = ("IT", "Security officer", "HR", "Marketing", "Legal", "Finance", "Operations")
TREATMENTS = ("reduce", "reduce", "reduce", "accept", "avoid", "transfer")
STATUSES = ("implemented", "implemented", "planned", "in progress")
TYPES = ("technical", "organisational", "legal")

PROCESSING_HEADERS = [
    "ID", "Name", "Purpose", "Lawful basis", "Legitimate interest", "Data subjects",
    "Personal data", "Special categories", "Art. 9 condition", "Recipients", "Processors",
    "Processor agreement", "Transfers", "Transfer safeguard", "Retention", "Systems",
    "Data subjects count",
]
RISK_HEADERS = [
    "ID", "Processing", "Risk", "Source", "Impact on individuals", "Likelihood", "Impact",
    "Measures", "Residual likelihood", "Residual impact", "Treatment", "Owner",
]
MEASURE_HEADERS = ["ID", "Measure", "Type", "Description", "Status", "Owner", "Due date"]


def _assessment_rows(n_risks: int) -> list[list]:
    prose = (
        "The organisation processes personal data of customers and staff in several systems; "
        "this assessment covers the whole chain from collection to deletion, including "
        "processors and transfers outside the EEA."
    )
    return [
        ["Field", "Value"],
        ["Title", f"Synthetic assessment with {n_risks} risks"],
        ["Organisation", "Example Holding B.V."],
        ["Version", "1.0"],
        ["Date", dt.date(2026, 5, 25)],
        ["Status", "draft"],
        ["Author", "Benchmark generator"],
        ["Owner", "Chief Operating Officer"],
        ["DPO", "J. Jansen"],
        ["Classification", "Confidential"],
        ["Matrix", "ico"],
        ["Nature", prose],
        ["Scope", prose],
        ["Context", prose],
        ["Purposes", prose],
        ["Consultation", "Works council and a customer panel were consulted in April 2026."],
        ["Necessity", prose],
        ["Conclusion", "Residual risks are acceptable once the planned measures are in place."],
    ]


def _processing_row(rng: random.Random, number: int) -> list:
    basis = rng.choice(BASES)
    special = rng.random() < 0.15
    transfer = rng.random() < 0.2
    processors = rng.random() < 0.5
    system = rng.choice(SYSTEMS)
    return [
        f"P{number}",
        f"{system} processing {number}",
        f"Process {rng.choice(DATA)} of {rng.choice(SUBJECTS).lower()} to deliver and "
        f"improve service {number}, and to meet the organisation's record-keeping duties.",
        basis,
        "Keeping the service secure and relevant to existing customers"
        if basis == "Legitimate interests" else "",
        "; ".join(rng.sample(SUBJECTS, 2)),
        "; ".join(rng.sample(DATA, 4)),
        "health data" if special else "",
        "Art. 9(2)(b) employment law" if special else "",
        "; ".join(rng.sample(OWNERS, 2)),
        f"Vendor {number % 37} B.V." if processors else "",
        "yes" if processors else "",
        "United States" if transfer else "",
        "SCC" if transfer else "",
        f"{rng.randint(1, 7)} years after the end of the relationship",
        system,
        rng.choice(("about 1,000", "about 50,000", "over 1 million")),
    ]


def _measure_row(rng: random.Random, number: int) -> list:
    status = rng.choice(STATUSES)
    name = rng.choice(MEASURE_NAMES)
    due = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
    return [
        f"M{number}",
        f"{name} ({number})",
        rng.choice(TYPES),
        f"{name} applied to every system that holds the data; checked each quarter by the "
        f"{rng.choice(OWNERS)} team and recorded in the control register.",
        status,
        rng.choice(OWNERS),
        due if status != "implemented" and rng.random() < 0.8 else None,
    ]


def _risk_row(rng: random.Random, number: int, n_processing: int, n_measures: int) -> list:
    likelihood = rng.randrange(3)
    impact = rng.randrange(3)
    # Each measure addresses at least one risk (risk i always lists measure i mod N/2).
    measures = {(number - 1) % n_measures + 1}
    measures.update(rng.sample(range(1, n_measures + 1), min(n_measures, rng.randint(0, 2))))
    measures = sorted(measures)
    processing = sorted(
        rng.sample(range(1, n_processing + 1), min(n_processing, rng.randint(1, 2)))
    )
    reassessed = rng.random() < 0.9
    return [
        f"R{number}",
        "; ".join(f"P{p}" for p in processing),
        f"{rng.choice(THREATS)} {rng.choice(VERBS)} {rng.choice(DATA)} of "
        f"{rng.choice(SUBJECTS).lower()} held in the {rng.choice(SYSTEMS)}, because a control "
        f"fails or is bypassed.",
        rng.choice(THREATS),
        f"Data subjects may suffer {rng.choice(HARMS)} and {rng.choice(HARMS)}; some cannot "
        f"easily undo the consequences.",
        LIKELIHOOD[likelihood],
        IMPACT[impact],
        "; ".join(f"M{m}" for m in measures),
        LIKELIHOOD[max(0, likelihood - 1)] if reassessed else None,
        IMPACT[impact] if reassessed else None,
        rng.choice(TREATMENTS),
        rng.choice(OWNERS),
    ]


def generate_workbook(path: Path, n_risks: int, *, seed: int = 2026) -> Path:
    """Write a valid workbook with ``n_risks`` risks, N/5 processing operations and N/2
    measures to ``path``; the same size and seed always give the same content."""
    rng = random.Random(seed * 1_000_003 + n_risks)
    n_processing = max(1, n_risks // 5)
    n_measures = max(1, n_risks // 2)
    workbook = openpyxl.Workbook(write_only=True)

    sheet = workbook.create_sheet("Assessment")
    for row in _assessment_rows(n_risks):
        sheet.append(row)

    sheet = workbook.create_sheet("Screening")
    sheet.append(["Criterion", "Applies", "Justification"])
    for criterion in ("evaluation", "monitoring", "sensitive", "large-scale", "vulnerable"):
        sheet.append([criterion, rng.choice(("yes", "no")), "Assessed by the DPO in May 2026."])

    sheet = workbook.create_sheet("Processing")
    sheet.append(PROCESSING_HEADERS)
    for number in range(1, n_processing + 1):
        sheet.append(_processing_row(rng, number))

    sheet = workbook.create_sheet("Risks")
    sheet.append(RISK_HEADERS)
    for number in range(1, n_risks + 1):
        sheet.append(_risk_row(rng, number, n_processing, n_measures))

    sheet = workbook.create_sheet("Measures")
    sheet.append(MEASURE_HEADERS)
    for number in range(1, n_measures + 1):
        sheet.append(_measure_row(rng, number))

    sheet = workbook.create_sheet("History")
    sheet.append(["Version", "Date", "Author", "Changes"])
    sheet.append(["0.1", dt.date(2026, 3, 1), "Benchmark generator", "First draft"])
    sheet.append(["1.0", dt.date(2026, 5, 25), "Benchmark generator", "All risks re-scored"])

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def main() -> None:
    """Command line: ``generate.py N PATH [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("risks", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    generate_workbook(args.path, args.risks, seed=args.seed)


if __name__ == "__main__":
    main()
