"""Opening a password-protected (encrypted) .xlsx in memory, with msoffcrypto-tool.

Excel's "Encrypt with Password" wraps the workbook in an OLE2 compound file (ECMA-376
Agile or Standard encryption). ``decrypt`` gives the workbook's bytes; nothing is written
to disk, and the password is neither kept nor shown in any message.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from dpia.errors import DpiaError, FileFormatError
from dpia.i18n import N_, _

MAX_SPIN_COUNT = 1_000_000
"""Most hashing rounds accepted for the key: Office uses 100,000; the format allows ten
million, which costs about a minute of CPU per attempt, so a file that asks for more than
this is refused rather than hashed."""

PASSWORD_VARIABLE = "DPIA_PASSWORD"
"""The environment variable a workbook's password may come from (never the command line)."""

_WRONG = N_("the password does not open this encrypted workbook; check it (--password-file "
            "FILE or $DPIA_PASSWORD) and try again")


def decrypt(data: bytes, name: str, password: str) -> bytes:
    """The decrypted bytes of the encrypted workbook ``data`` (``name``: how messages name
    the file). Raises ``FileFormatError`` with one line for a wrong password, an encryption
    dpia cannot open, or a damaged file."""
    import msoffcrypto
    from msoffcrypto import exceptions

    # msoffcrypto logs key material at debug level: never, whatever logging is set up
    logging.getLogger("msoffcrypto").setLevel(logging.WARNING)
    if not password:
        raise FileFormatError(f"{name}: {_(_WRONG)}")
    try:
        office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
        info = getattr(office_file, "info", None) or {}
        spin_count = info.get("spinValue", 0) if isinstance(info, dict) else 0
        if spin_count > MAX_SPIN_COUNT:
            raise FileFormatError(
                _("{name}: the workbook's encryption asks for {rounds:,} rounds of hashing, "
                  "far more than Office uses ({limit:,} at most accepted); remove the "
                  "password in Excel and set it again").format(
                    name=name, rounds=spin_count, limit=MAX_SPIN_COUNT))
        office_file.load_key(password=password, verify_password=True)
        decrypted = io.BytesIO()
        office_file.decrypt(decrypted)
    except FileFormatError:
        raise
    except exceptions.InvalidKeyError:
        raise FileFormatError(f"{name}: {_(_WRONG)}") from None
    except exceptions.DecryptionError as exc:
        if "Unsupported" in str(exc):
            raise FileFormatError(
                _("{name}: this workbook is encrypted in a way dpia cannot open ({reason}); "
                  "remove the password in Excel and save it again, or set it again in a "
                  "current Excel").format(name=name, reason=exc)) from None
        raise FileFormatError(
            _("{name}: the encrypted workbook is damaged ({reason}); copy it again or save it "
              "again from Excel").format(name=name, reason=exc)) from None
    except Exception as exc:  # olefile and the ciphers raise many kinds on damaged data
        raise FileFormatError(
            _("{name}: the encrypted workbook is damaged or incomplete; copy it again or save "
              "it again from Excel").format(name=name)) from exc
    return decrypted.getvalue()


def read_password_file(path: Path) -> str:
    """The password on the first line of ``path`` (without the line break); raises
    ``DpiaError`` with one line when the file cannot be read or its first line is empty.
    The password itself is never part of a message."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(64 * 1024)
    except OSError as exc:
        raise DpiaError(_("{path}: cannot read the password file: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    line = raw.split(b"\n", 1)[0].removesuffix(b"\r")
    try:
        password = line.decode("utf-8")
    except UnicodeDecodeError:
        raise DpiaError(_("{path}: the password file is not UTF-8 text").format(
            path=path)) from None
    if not password:
        raise DpiaError(_("{path}: the password file's first line is empty").format(
            path=path))

    return password
