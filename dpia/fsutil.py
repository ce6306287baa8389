"""Writing output files safely: to a temporary file beside the target, then renamed.

Whatever happens during the write (disk full, permission denied, an interrupt, a bug in the
code producing the bytes), the target is either the complete new file or untouched, and no
temporary file is left behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dpia.errors import OutputError
from dpia.i18n import _


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any threads
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_read_umask()


def check_target(path: Path, *, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse to write over an input file, over a folder, into a missing folder, or over an
    existing file without ``force``."""
    target = Path(path)
    if target.exists():
        for source in inputs:
            if _same_file(target, Path(source)):
                raise OutputError(
                    _("{target}: refusing to write the report over its input; choose another "
                      "output name with -o").format(target=target))
        if target.is_dir():
            raise OutputError(_("{target} is a folder, not a file; give a file name with -o")
                              .format(target=target))
        if not force:
            raise OutputError(_("{target} already exists; use --force to overwrite it")
                              .format(target=target))
    folder = _folder(target)
    if not folder.exists():
        raise OutputError(_("{target}: the folder {folder} does not exist; create it first")
                          .format(target=target, folder=folder))
    if not folder.is_dir():
        raise OutputError(_("{target}: {folder} is not a folder").format(
            target=target, folder=folder))


def write_atomic(path: Path, data: bytes | Callable[[BinaryIO], None], *, force: bool,
                 inputs: tuple[Path, ...] = ()) -> None:
    """Write ``data`` (bytes, or a function writing to a binary handle) to ``path`` via a
    temporary file and a rename, so an interrupted or failed write leaves neither a partial
    file nor a damaged existing one. Raises ``OutputError`` with the reason."""
    target = Path(path)
    check_target(target, force=force, inputs=inputs)
    folder = _folder(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_("{target}: cannot write in the folder {folder}: {reason}").format(
            target=target, folder=folder, reason=_reason(exc))) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(_("{target}: cannot write the file: {reason}").format(
            target=target, reason=_reason(exc))) from None
    except BaseException:  # KeyboardInterrupt and bugs too: never leave the temporary file
        _remove_quietly(tmp)
        raise
    _sync_folder(folder)


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def _same_file(a: Path, b: Path) -> bool:
    """Same file, also through symbolic or hard links."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        try:
            return a.resolve() == b.resolve()
        except OSError:
            return False


def _mode_for(target: Path) -> int:
    """Keep the permissions of a file being replaced; a new file gets the usual ones."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return _NEW_FILE_MODE


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full (or over quota); free some space and try again")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied; the folder may be read-only, or the file open in "
                 "another program")
    if exc.errno == errno.EROFS:
        return _("the disk is read-only")

    return exc.strerror or str(exc) or type(exc).__name__


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort (not possible on every system)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
