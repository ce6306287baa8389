"""The languages dpia speaks: one folder each, ``templates/<code>/``, found, not listed.

A language is a folder named by its code (``en``, ``nl``, ``de``, ``fr``) that holds every
file of ``FILES``: the report's labels and narrative, the workbook's words, the instructions
of ``dpia init``, the names of the matrix presets' levels and the worked example. Adding a
language is adding such a folder; no code names a language.

``DPIA_LANGUAGE_PATH`` (folders separated by ``os.pathsep``, like ``PATH``) adds folders to
look in before dpia's own: a language there is used as if shipped, and one with the code of
a shipped language takes its place. It is read once, when dpia first asks for a language.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

ENVIRONMENT_VARIABLE = "DPIA_LANGUAGE_PATH"
FILES = ("labels.toml", "narrative.j2", "workbook.toml", "instructions.toml", "presets.toml",
         "example.toml")
FALLBACK = "en"  # the language of anything a language's files leave out, and listed first
_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class UnknownLanguage(ValueError):
    """A language code that names no language folder."""

    def __init__(self, code: object):
        from dpia.i18n import _  # i18n reads the languages: imported when needed

        super().__init__(_("unknown language {code!r}; choose one of {codes}")
                         .format(code=code, codes=", ".join(codes())))


def _roots() -> list[Traversable]:
    extra = os.environ.get(ENVIRONMENT_VARIABLE, "")
    return [*(Path(part) for part in extra.split(os.pathsep) if part),
            resources.files("dpia.templates")]


@functools.cache
def _folders() -> dict[str, Traversable]:
    """Language code -> its folder: English first, then by code."""
    found: dict[str, Traversable] = {}
    for root in _roots():
        if not root.is_dir():
            continue
        for entry in root.iterdir():
            if entry.name in found or not _CODE.match(entry.name) or not entry.is_dir():
                continue
            if all(entry.joinpath(name).is_file() for name in FILES):
                found[entry.name] = entry
    order = sorted(found, key=lambda code: (code != FALLBACK, code))
    return {code: found[code] for code in order}


def codes() -> tuple[str, ...]:
    """Every language there is, English first (``("en", "de", "fr", "nl")``)."""
    return tuple(_folders())


def check(code: object) -> str:
    """``code`` if it names a language; ``UnknownLanguage`` otherwise."""
    if not isinstance(code, str) or code not in _folders():
        raise UnknownLanguage(code)
    return code


def folder(code: str) -> Traversable:
    """The folder of language ``code``."""
    return _folders()[check(code)]


def name(code: str) -> str:
    """The language's name in itself (``Nederlands``): ``[language] name`` of its
    ``workbook.toml``, the code when it gives none."""
    return str(data(code, "workbook.toml").get("language", {}).get("name") or code)


def read_text(code: str, name: str) -> str:
    """A file of language ``code`` as text (``narrative.j2``)."""
    return folder(code).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def data(code: str, name: str) -> dict:
    """A TOML file of language ``code`` (``"workbook.toml"``), read once."""
    with folder(code).joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


def lookup(code: str, name: str, *path: str, read=None) -> object:
    """The value at ``path`` of a TOML file in ``code``, or English's when ``code``'s file
    leaves it out (``lookup("de", "workbook.toml", "sheets", "risks")``); KeyError when
    neither has it. ``read``: how a file is read (``data``, or ``optional_data``)."""
    read = read or data
    for language in dict.fromkeys((code, FALLBACK)):
        value: object = read(language, name)
        try:
            for key in path:
                value = value[key]  # type: ignore[index]
        except (KeyError, TypeError):
            continue
        return value
    raise KeyError(f"{name}: {'.'.join(path)}")


def union(name: str, *path: str) -> tuple[str, ...]:
    """The words of a list at ``path`` in every language (each once, English first): a
    workbook of any language is read with all of them."""
    words: dict[str, None] = {}
    for code in codes():
        value = data(code, name)
        for key in path:
            value = value.get(key, {}) if isinstance(value, dict) else {}
        if isinstance(value, list):
            words.update(dict.fromkeys(value))
    return tuple(words)


@functools.cache
def optional_data(code: str, name: str) -> dict:
    """A TOML file that a language may leave out (``"cnil.toml"``, not one of ``FILES``),
    read once; ``{}`` when ``code``'s folder has no such file."""
    entry = folder(code).joinpath(name)
    if not entry.is_file():
        return {}
    with entry.open("rb") as handle:
        return tomllib.load(handle)


def optional(code: str, name: str, *path: str) -> object:
    """``lookup`` for an optional file: the value at ``path`` in ``code``'s file, or
    English's when ``code`` has no such file or its file leaves the value out; KeyError
    when neither has it."""
    return lookup(code, name, *path, read=optional_data)
