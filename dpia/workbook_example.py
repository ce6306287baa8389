"""The worked example of ``dpia init --example``: employee monitoring at a logistics company.

The texts are data, one file per language (``templates/<lang>/example.toml``, by field and
row ID); what every language shares is here: IDs, dates, suppliers, statuses and ratings.
Ratings are given as positions on the scale (0 = lowest level, 1 = highest) so the example
fits every matrix and still spreads over all its levels.
"""

from __future__ import annotations

import datetime

from dpia import languages
from dpia.model import Matrix
from dpia.workbook_content import Content

_TEXTS = "example.toml"

INFO = {'version': '1.0',
 'date': datetime.date(2026, 3, 16),
 'status': 'final',
 'review_date': datetime.date(2027, 3, 16)}
PROCESSING = [{'id': 'P1',
  'processors': ['SecureAccess Ltd'],
  'processor_agreement': datetime.date(2025, 11, 3),
  'systems': 'AccessNet 5'},
 {'id': 'P2',
  'processors': ['Microsoft Ireland Operations Ltd'],
  'processor_agreement': True,
  'systems': 'Microsoft Defender for Endpoint, Microsoft Purview',
  'data_subjects_count': '950'},
 {'id': 'P3',
  'processors': ['FleetTrack B.V.'],
  'processor_agreement': True,
  'systems': 'FleetTrack Cloud',
  'data_subjects_count': '210'},
 {'id': 'P4'}]
RISKS = [{'id': 'R1',
  'processing': ['P2'],
  'inherent': (1.0, 0.5, 1.0),
  'residual': (0.25, 0.5, 0.34),
  'measures': ['M1', 'M2', 'M3'],
  'treatment': 'reduce'},
 {'id': 'R2',
  'processing': ['P1', 'P2', 'P3'],
  'inherent': (0.75, 1.0, 1.0),
  'residual': (0.0, 1.0, 0.0),
  'measures': ['M1', 'M3', 'M6'],
  'treatment': 'reduce'},
 {'id': 'R3',
  'processing': ['P3'],
  'inherent': (1.0, 0.75, 1.0),
  'residual': (0.25, 0.75, 0.34),
  'measures': ['M4'],
  'treatment': 'reduce'},
 {'id': 'R4',
  'processing': ['P1', 'P2', 'P3'],
  'inherent': (0.5, 0.5, 0.5),
  'residual': (0.25, 0.5, 0.34),
  'measures': ['M3', 'M7'],
  'treatment': 'reduce'},
 {'id': 'R5',
  'processing': ['P2'],
  'inherent': (0.25, 0.5, 0.5),
  'residual': (0.0, 0.5, 0.0),
  'measures': ['M7'],
  'treatment': 'accept'},
 {'id': 'R6',
  'processing': ['P1', 'P3'],
  'inherent': (0.5, 0.25, 0.34),
  'residual': (0.0, 0.25, 0.0),
  'measures': ['M5'],
  'treatment': 'reduce'},
 {'id': 'R7',
  'processing': ['P2', 'P4'],
  'inherent': (0.5, 1.0, 1.0),
  'residual': (0.25, 0.75, 0.5),
  'measures': ['M6'],
  'treatment': 'reduce'},
 {'id': 'R8',
  'processing': ['all'],
  'inherent': (0.75, 0.25, 0.5),
  'residual': (0.0, 0.25, 0.0),
  'measures': ['M1', 'M8'],
  'treatment': 'reduce'},
 {'id': 'R9',
  'processing': ['P1'],
  'inherent': (0.0, 0.0, 0.0),
  'residual': (0.0, 0.0, 0.0),
  'measures': ['M5'],
  'treatment': 'accept'}]
MEASURES = [{'id': 'M1',
  'type': 'organisational',
  'status': 'implemented',
  'due_date': datetime.date(2026, 1, 15)},
 {'id': 'M2',
  'type': 'technical',
  'status': 'implemented',
  'due_date': datetime.date(2026, 2, 1)},
 {'id': 'M3',
  'type': 'technical',
  'status': 'in_progress',
  'due_date': datetime.date(2026, 5, 1)},
 {'id': 'M4',
  'type': 'technical',
  'status': 'in_progress',
  'due_date': datetime.date(2026, 4, 15)},
 {'id': 'M5', 'type': 'technical', 'status': 'planned', 'due_date': datetime.date(2026, 6, 30)},
 {'id': 'M6', 'type': 'organisational', 'status': 'implemented'},
 {'id': 'M7', 'type': 'legal', 'status': 'implemented'},
 {'id': 'M8', 'type': 'organisational', 'status': 'planned'}]
SCREENING = {'evaluation': False,
 'automated-decision': False,
 'monitoring': True,
 'sensitive': False,
 'large-scale': False,
 'matching': True,
 'vulnerable': True,
 'innovative': False,
 'prevents-rights': False,
 'art35-3a': False,
 'art35-3b': False,
 'art35-3c': False}
SIGN_OFF = {'measures_approved': datetime.date(2026, 3, 12),
 'residual_approved': datetime.date(2026, 3, 12),
 'dpo_advice': datetime.date(2026, 3, 5),
 'dpo_advice_accepted': datetime.date(2026, 3, 12),
 'consultation_reviewed': datetime.date(2026, 2, 20),
 'kept_under_review': None}
HISTORY = [{'version': '0.1', 'date': datetime.date(2026, 1, 20), 'author': 'J. de Wit'},
 {'version': '0.2', 'date': datetime.date(2026, 2, 20), 'author': 'J. de Wit'},
 {'version': '1.0', 'date': datetime.date(2026, 3, 16), 'author': 'J. de Wit'}]

# Ratings of RISKS: (likelihood, impact, risk level) as positions, 0 = lowest, 1 = highest;
# each risk is placed on the cell of that level nearest the likelihood and impact (see
# ``place``).


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


def _texts(lang: str, *path: str) -> dict:
    value = languages.lookup(lang, _TEXTS, *path)
    return dict(value) if isinstance(value, dict) else {}


def _rows(lang: str, table: str, rows: list[dict]) -> list[dict]:
    """Each row with its texts in ``lang`` (by row ID) filled in."""
    return [{**row, **_texts(lang, table, str(row["id"]))} for row in rows]


def example_content(lang: str, matrix: Matrix) -> Content:
    """The worked example in ``lang``, its ratings placed on ``matrix``."""
    all_word = languages.lookup(lang, "workbook.toml", "words", "all")[0]  # type: ignore[index]
    risks = []
    for row in _rows(lang, "risks", RISKS):
        risk = {key: value for key, value in row.items() if key not in ("inherent", "residual")}
        inherent = place(matrix, row["inherent"][:2], row["inherent"][2])
        residual = place(matrix, row["residual"][:2], row["residual"][2], within=inherent)
        risk["likelihood"], risk["impact"] = inherent
        risk["residual_likelihood"], risk["residual_impact"] = residual
        if risk["processing"] == ["all"]:
            risk["processing"] = [all_word]
        risks.append(risk)
    screening = _texts(lang, "screening")
    sign_off = _texts(lang, "sign_off")
    history = _texts(lang, "history")
    return Content(
        info={**INFO, **_texts(lang, "info")},
        processing=_rows(lang, "processing", PROCESSING),
        risks=risks,
        measures=_rows(lang, "measures", MEASURES),
        screening={key: (applies, screening[key]) for key, applies in SCREENING.items()},
        sign_off={key: (sign_off[key]["name"], date, sign_off[key]["notes"])
                  for key, date in SIGN_OFF.items()},
        history=[{**row, "changes": history[row["version"]]} for row in HISTORY],
    )
