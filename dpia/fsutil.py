"""Writing output files safely: to a temporary file beside the target, then renamed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dpia.errors import OutputError


def check_target(path: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse to write over an input file, or over an existing file without ``force``."""
    target = Path(path)
    for source in inputs:
        try:
            if target.exists() and target.resolve() == Path(source).resolve():
                raise OutputError(f"{target}: refusing to write the report over its input")
        except OSError:
            pass
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to overwrite it")
    if target.exists() and target.is_dir():
        raise OutputError(f"{target} is a folder, not a file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")


def write_atomic(path: Path, data: bytes, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename, so an interrupted or
    failed write leaves neither a partial file nor a damaged existing one."""
    target = Path(path)
    check_target(target, force=force, inputs=inputs)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(f"{target}: cannot write the file: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
