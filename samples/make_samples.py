"""Write the sample workbooks in this folder from their data, and build their reports.

    python samples/make_samples.py            # workbooks and reports
    python samples/make_samples.py --no-build # workbooks only

Each sample is a DPIA a real organisation could have written (the organisations are made
up). Three are data in ``samples/data/<name>.toml``, in the workbook's language: a table
per row, keyed by the format's column keys (``dpia/schema.py``), as ``Content`` takes them;
likelihood and impact are the matrix's names, as a DPO picks them from the drop-downs. The
German and French samples are the worked example of ``dpia init --example``.
``tests/test_samples.py`` checks that the committed workbooks and reports are what this
script produces.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

from dpia.matrix import preset
from dpia.model import Matrix, RiskLevel, ScaleLevel
from dpia.workbook_content import Content
from dpia.workbook_example import example_content
from dpia.workbook_template import with_authority, workbook_bytes

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def data_matrix(data: str | dict) -> str | Matrix:
    """A preset's key as it is, or the matrix of a ``[matrix]`` table (the workbook's own)."""
    if isinstance(data, str):
        return data
    return Matrix(
        name=data["name"],
        likelihood=tuple(ScaleLevel(**level) for level in data["likelihood"]),
        impact=tuple(ScaleLevel(**level) for level in data["impact"]),
        levels=tuple(RiskLevel(**level) for level in data["levels"]),
        grid=tuple(tuple(row) for row in data["grid"]),
        preset=False,
        title=data.get("title", ""),
    )


def data_content(data: dict) -> Content:
    """The rows of a sample's data file as ``Content``; an authority in ``[info]`` adds the
    Screening rows of its list, as ``dpia init --authority`` does."""
    content = Content(
        info=data["info"],
        processing=data.get("processing", []),
        risks=data.get("risks", []),
        measures=data.get("measures", []),
        screening={row["criterion"]: (row.get("applies"), row.get("justification", ""))
                   for row in data.get("screening", [])},
        sign_off={row["item"]: (row.get("name", ""), row.get("date"), row.get("notes", ""))
                  for row in data.get("sign_off", [])},
        history=data.get("history", []),
    )
    if "authority" in content.info:
        content = with_authority(content, content.info["authority"], data["language"])
    return content


def from_data(name: str) -> tuple[str, str | Matrix, Callable[[], Content]]:
    """The language, matrix and content of the sample ``samples/data/<name>.toml``."""
    with open(DATA / f"{name}.toml", "rb") as file:
        data = tomllib.load(file)
    return data["language"], data_matrix(data["matrix"]), lambda: data_content(data)


def worked_example(lang: str, matrix: str) -> tuple[str, str, Callable[[], Content]]:
    """The worked example of ``dpia init --example`` in ``lang`` (its texts are data:
    ``templates/<lang>/example.toml``), rated on the preset ``matrix``."""
    return lang, matrix, lambda: example_content(lang, preset(matrix, lang))


# name -> (language, matrix, content)
SAMPLES: dict[str, tuple[str, str | Matrix, Callable[[], Content]]] = {
    "retail-loyalty": from_data("retail-loyalty"),  # English, 5x5 preset
    "gemeente-jeugdhulp": from_data("gemeente-jeugdhulp"),  # Dutch, ico preset, AP list
    "clinic-telemonitoring": from_data("clinic-telemonitoring"),  # English, its own 4x4
    # the 4×4 matrix in the words of the DSK (Kurzpapier Nr. 18) and of the CNIL
    "logistik-beschaeftigte": worked_example("de", "cnil"),
    "logistique-salaries": worked_example("fr", "cnil"),
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
