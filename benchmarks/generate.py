"""Synthetic DPIA workbooks for benchmarks: N risks, N/5 processing operations, N/2 measures.

Valid against the workbook format (English headers, the ``ico`` preset), with text of the
length a DPO writes (a sentence or two per cell), deterministic for a given size and seed.
Written as Excel writes a workbook (shared strings, a ``<dimension>`` per sheet; see
``write_xlsx``), directly as XML so that 10,000 risks take a second or two.

    python benchmarks/generate.py 5000 out/risks-5000.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

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


def workbook_sheets(n_risks: int, *, seed: int = 2026) -> dict[str, list[list]]:
    """The rows of every sheet of the synthetic workbook (first row: headers)."""
    rng = random.Random(seed * 1_000_003 + n_risks)
    n_processing = max(1, n_risks // 5)
    n_measures = max(1, n_risks // 2)
    screening = [["Criterion", "Applies", "Justification"]] + [
        [criterion, rng.choice(("yes", "no")), "Assessed by the DPO in May 2026."]
        for criterion in ("evaluation", "monitoring", "sensitive", "large-scale", "vulnerable")
    ]
    return {
        "Assessment": _assessment_rows(n_risks),
        "Screening": screening,
        "Processing": [PROCESSING_HEADERS]
        + [_processing_row(rng, number) for number in range(1, n_processing + 1)],
        "Risks": [RISK_HEADERS]
        + [_risk_row(rng, number, n_processing, n_measures) for number in range(1, n_risks + 1)],
        "Measures": [MEASURE_HEADERS]
        + [_measure_row(rng, number) for number in range(1, n_measures + 1)],
        "History": [
            ["Version", "Date", "Author", "Changes"],
            ["0.1", dt.date(2026, 3, 1), "Benchmark generator", "First draft"],
            ["1.0", dt.date(2026, 5, 25), "Benchmark generator", "All risks re-scored"],
        ],
    }


def generate_workbook(path: Path, n_risks: int, *, seed: int = 2026) -> Path:
    """Write a valid workbook with ``n_risks`` risks, N/5 processing operations and N/2
    measures to ``path``; the same size and seed always give the same content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_xlsx(path, workbook_sheets(n_risks, seed=seed))
    return path


# --- a minimal .xlsx writer that stores what Excel stores -------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EPOCH = dt.date(1899, 12, 30)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_xml(rows: list[list], strings: dict[str, int]) -> str:
    width = max(len(row) for row in rows)
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
           f'<dimension ref="A1:{_column(width - 1)}{len(rows)}"/><sheetData>']
    for number, row in enumerate(rows, start=1):
        out.append(f'<row r="{number}">')
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            ref = f"{_column(index)}{number}"
            if isinstance(value, dt.date):
                out.append(f'<c r="{ref}" s="1"><v>{(value - _EPOCH).days}</v></c>')
            elif isinstance(value, (int, float)):
                out.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                position = strings.setdefault(value, len(strings))
                out.append(f'<c r="{ref}" t="s"><v>{position}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    """Write ``sheets`` as Excel does: shared strings, a ``<dimension>`` per sheet, dates as
    serial numbers with a date format. (openpyxl writes inline strings and, in write-only
    mode, no dimension; both make every reader slower than on a real workbook.)"""
    strings: dict[str, int] = {}
    bodies = [_sheet_xml(rows, strings) for rows in sheets.values()]
    shared = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
    names = list(sheets)
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(names) + 1)
        )
        + "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheets>'
        + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                  for i, name in enumerate(names, start=1))
        + "</sheets></workbook>"
    )
    count = len(names)
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="{_PKG_REL}">'
        + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                  f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
        + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" '
        'xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle '
        'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", root_rels)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        package.writestr("xl/styles.xml", styles)
        package.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )
        for i, body in enumerate(bodies, start=1):
            package.writestr(f"xl/worksheets/sheet{i}.xml", body)


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
