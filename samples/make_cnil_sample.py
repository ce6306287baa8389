"""Write the CNIL sample: an export of the CNIL PIA software of our own making (a French
video-protection PIA, every question answered; the crafted export of the tests,
``tests/cnil_exports.py``), the workbook ``dpia import`` makes of it, and its report.

    python samples/make_cnil_sample.py            # export, workbook and report
    python samples/make_cnil_sample.py --no-build # export and workbook only

``samples/make_samples.py`` runs it too; ``tests/test_cnil_sample.py`` checks the committed
files are what it makes.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "cnil-videoprotection"
ORGANISATION = "Société Exemple SA"


def export_data() -> dict:
    """The sample export, as the tests build it."""
    spec = importlib.util.spec_from_file_location(
        "cnil_exports", HERE.parent / "tests" / "cnil_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.complete_export()


def export_bytes() -> bytes:
    return (json.dumps(export_data(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def main(argv: list[str]) -> int:
    source = HERE / f"{NAME}.json"
    source.write_bytes(export_bytes())
    print(f"{source.relative_to(HERE.parent)}: written")
    workbook = source.with_suffix(".xlsx")
    subprocess.run([sys.executable, "-m", "dpia", "import", str(source), "-o", str(workbook),
                    "--organisation", ORGANISATION, "--force"], check=True,
                   stderr=subprocess.DEVNULL)
    if "--no-build" not in argv:
        subprocess.run([sys.executable, "-m", "dpia", "build", str(workbook), "-o",
                        str(workbook.with_suffix(".docx")), "--force"], check=True,
                       stderr=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
