"""Compile each language's messages.po into the .mo file dpia reads (Babel), for the build
(tools/build_backend.py) and by hand: ``python tools/catalogues.py``."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HASH_LENGTH = 16  # hex digits of the .po's SHA-256 in the compiled file's name


def compiled_name(source: bytes) -> str:
    """The file name of the compiled catalogue of a messages.po with these bytes. Keep in
    step with ``dpia.i18n.compiled_name`` (the build cannot import dpia)."""
    return f"messages.{hashlib.sha256(source).hexdigest()[:HASH_LENGTH]}.mo"


def compile_catalogues(templates: Path = ROOT / "templates") -> list[Path]:
    """Compile every ``<lang>/messages.po`` under ``templates``, removing a language's
    compiled files of earlier versions of its .po. Returns the files it holds now."""
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # a build without isolation and without Babel: dpia compiles at run time
        print("dpia: Babel is not installed; the message catalogues are not compiled",
              file=sys.stderr)
        return []
    written = []
    for source in sorted(Path(templates).glob("*/messages.po")):
        data = source.read_bytes()
        target = source.with_name(compiled_name(data))
        for old in source.parent.glob("messages.*.mo"):
            if old != target:
                old.unlink()
        catalog = read_po(io.BytesIO(data), locale=None, abort_invalid=True)  # plurals: the .po's
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        if not target.is_file() or target.read_bytes() != buffer.getvalue():
            target.write_bytes(buffer.getvalue())
        written.append(target)
    return written


if __name__ == "__main__":
    for path in compile_catalogues(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"):
        print(path)
