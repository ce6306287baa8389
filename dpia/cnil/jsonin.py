"""Reading untrusted JSON strictly: a size limit (the workbook reader's), a depth limit, no
duplicate keys, no NaN or Infinity, valid UTF-8; and typed access that names the JSON path of
every value it refuses (``answers[12].data.text``), for messages a DPO can act on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dpia.errors import ERROR, WARNING, FileFormatError, Problem
from dpia.filetype import MAX_CELL_CHARS, MAX_FILE_BYTES
from dpia.i18n import N_, _

MAX_DEPTH = 64
"""Nesting of arrays and objects: an export nests 6 deep; far more is not an export."""

_MB = 1024 * 1024


class JsonProblem(Exception):
    """A value of the JSON that cannot be used, with its path."""

    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path, self.message = path, message


def read_json(path: Path, name: str) -> tuple[object, list[Problem]]:
    """The parsed JSON of ``path`` and the warnings of reading it. Raises FileFormatError
    (one line naming the file) for a file that is not JSON dpia can read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileFormatError(
                _("{name}: the file is {size:.0f} MB, more than dpia's limit of {limit} MB; a "
                  "CNIL PIA export is far smaller").format(name=name, size=size / _MB,
                                                           limit=MAX_FILE_BYTES // _MB))
        data = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(_("{name}: cannot read the file: {reason}").format(
            name=name, reason=exc.strerror or exc)) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            _("{name}: not UTF-8 text (byte {byte} cannot be read); save the export again "
              "from the CNIL PIA software").format(name=name, byte=exc.start + 1)) from None
    warnings: list[Problem] = []
    repaired = _double_encoded(text)
    if repaired is not None:
        text = repaired
        warnings.append(Problem(
            WARNING, _("the text was encoded twice as UTF-8 (accented letters read as 'Ã©'); "
                       "dpia decoded it once more"), file=name))
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates,
                           parse_constant=_no_constant)
    except RecursionError:
        raise FileFormatError(
            _("{name}: the JSON is nested more than {depth} levels deep; this is not a CNIL "
              "PIA export").format(name=name, depth=MAX_DEPTH)) from None
    except JsonProblem as exc:
        raise FileFormatError(f"{name}: {exc.message}") from None
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            _("{name}: not valid JSON ({reason} at line {line}, column {column}); export the "
              "PIA again from the CNIL PIA software").format(
                name=name, reason=exc.msg, line=exc.lineno, column=exc.colno)) from None
    depth_path = _too_deep(value)
    if depth_path is not None:
        raise FileFormatError(
            _("{name}: the JSON is nested more than {depth} levels deep (at {path}); this is "
              "not a CNIL PIA export").format(name=name, depth=MAX_DEPTH, path=depth_path))
    return value, warnings


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise JsonProblem("", _("the key {key!r} appears twice in one object; a JSON "
                                    "object names each key once").format(key=key))
        out[key] = value
    return out


def _no_constant(word: str) -> object:
    raise JsonProblem("", _("{word} is not a JSON number").format(word=word))


def _double_encoded(text: str) -> str | None:
    """The text decoded once more when it is UTF-8 read as Latin-1 and encoded again (what
    a JavaScript ``unescape(encodeURIComponent(s))`` written as UTF-8 gives), else None."""
    if text.isascii() or any(ord(char) > 0xFF for char in text):
        return None
    if "Ã" not in text and "Â" not in text:
        return None
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return None


def _too_deep(value: object) -> str | None:
    """The path of a value nested deeper than MAX_DEPTH, or None."""
    stack: list[tuple[object, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return path or "the top"
        if isinstance(item, dict):
            stack.extend((child, join(path, key), depth + 1) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))
    return None


def join(path: str, key: str) -> str:
    """``path.key``; a key that is not a plain name is quoted: ``pia["a b"]``."""
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


_KIND_NAMES = {dict: N_("an object"), list: N_("a list"), str: N_("text"),
               bool: N_("true/false"), int: N_("a number"), float: N_("a number"),
               type(None): "null"}


def describe(value: object) -> str:
    """What a JSON value is, for a message: ``a number (12)``, ``text``, ``a list``."""
    kind = _(_KIND_NAMES[type(value)]) if type(value) in _KIND_NAMES else type(value).__name__
    if isinstance(value, (bool, int, float)):
        return f"{kind} ({json.dumps(value)})"
    return kind


@dataclass
class Node:
    """A JSON value and its path, with typed access that collects problems."""

    value: object
    path: str
    problems: list[Problem]
    file: str

    def error(self, message: str, path: str | None = None) -> None:
        self.problems.append(Problem(ERROR, message, self.file, path or self.path or ""))

    def warning(self, message: str, path: str | None = None) -> None:
        self.problems.append(Problem(WARNING, message, self.file, path or self.path or ""))

    def child(self, key: str) -> Node:
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(value, join(self.path, key), self.problems, self.file)

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and key in self.value

    def items(self) -> Iterator[Node]:
        """The elements of a list (nothing for null; an error for anything else)."""
        if self.value is None:
            return
        if not isinstance(self.value, list):
            self.error(_("expected a list, found {found}").format(found=describe(self.value)))
            return
        for index, value in enumerate(self.value):
            yield Node(value, f"{self.path}[{index}]", self.problems, self.file)

    def is_object(self) -> bool:
        if isinstance(self.value, dict):
            return True
        self.error(_("expected an object, found {found}").format(found=describe(self.value)))
        return False

    def text(self) -> str:
        """Text (null and absent: ""); a number is taken as its digits."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(_("expected text, found {found}").format(found=describe(value)))
            return ""
        text = value if isinstance(value, str) else json.dumps(value)
        if len(text) > MAX_CELL_CHARS:
            self.error(_("the text has {count:,} characters, more than the {limit:,} a "
                         "workbook cell holds").format(count=len(text), limit=MAX_CELL_CHARS))
            return ""
        return text

    def integer(self, low: int, high: int, *, zero_is_none: bool = False) -> int | None:
        """An integer in low..high, given as a number or its digits (null: None)."""
        value = self.value
        if value is None or value == "":
            return None
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
            number = int(value.strip())
        if number is None:
            self.error(_("expected a whole number from {low} to {high}, found {found}").format(
                low=low, high=high, found=describe(value)))
            return None
        if zero_is_none and number == 0:
            return None
        if not low <= number <= high:
            self.error(_("expected a whole number from {low} to {high}, found {found}").format(
                low=low, high=high, found=number))
            return None
        return number

    def flag(self) -> bool | None:
        """true/false, also as 1/0 (null: None)."""
        value = self.value
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if value in (0, 1, "0", "1", "true", "false"):
            return value in (1, "1", "true")
        self.error(_("expected true or false, found {found}").format(found=describe(value)))

        return None
