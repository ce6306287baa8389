"""Compile each language's messages.po into the .mo file dpia reads, for the build
(tools/build_backend.py) and by hand: ``python tools/catalogues.py``.

The file name and the compiling are dpia's own (``dpia.i18n.compiled_name`` and
``compile_po``), imported from the source tree: the build runs before dpia is installed, and
``dpia.i18n`` needs only the standard library until it compiles (Babel)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dpia.i18n import compile_po, compiled_name  # noqa: E402 (the source tree, just added)


def compile_catalogues(templates: Path = ROOT / "templates") -> list[Path]:
    """Compile every ``<lang>/messages.po`` under ``templates``, removing a language's
    compiled files of earlier versions of its .po. Returns the files it holds now."""
    written = []
    for source in sorted(Path(templates).glob("*/messages.po")):
        data = source.read_bytes()
        target = source.with_name(compiled_name(data))
        for old in source.parent.glob("messages.*.mo"):
            if old != target:
                old.unlink()
        try:
            compiled = compile_po(data, source.parent.name).getvalue()
        except ImportError:  # built without isolation and without Babel: compiled at run time
            print("dpia: Babel is not installed; the message catalogues are not compiled",
                  file=sys.stderr)
            return []
        if not target.is_file() or target.read_bytes() != compiled:
            target.write_bytes(compiled)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_catalogues(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"):
        print(path)
