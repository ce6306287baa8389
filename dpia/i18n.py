"""dpia's own messages in the user's language: ``_()`` and ``ngettext`` over the standard
library's ``gettext``.

A language's catalogue is ``templates/<code>/messages.po`` (see ``dpia.languages``), so a
language folder stays self-contained; a language without one, or a message it leaves out or
marks fuzzy, speaks English. The build compiles each .po to ``messages.<hash>.mo`` next to it
(tools/build_backend.py; ``<hash>`` from the .po's SHA-256), and a language uses that file
while it matches its .po. Otherwise (a .po edited since the build, or one added through
``DPIA_LANGUAGE_PATH``) the .po is compiled in memory when the language is first used
(Babel's ``read_po`` and ``write_mo``), so no .po ever needs a build step to work.

The language of a message, first that applies:

1. the one chosen with ``--lang`` (``choose``);
2. the language of the workbook being read (``workbook_language``), so that the problems of
   a Dutch workbook are in Dutch;
3. the locale: ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext reads them;
4. English.

Messages keep Python placeholders with names (``{cell}``), filled in after translation, so
a translation may put them in another order. Keys of JSON and CSV output are never
translated.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import hashlib
import io
import os
from collections.abc import Iterator

from dpia import languages

CATALOGUE = "messages.po"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("dpia_lang", default=None)
_workbook: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "dpia_workbook_lang", default=None)


def choose(code: str | None) -> None:
    """The language of every message from now on (``--lang``); None: no choice made."""
    _chosen.set(None if code is None else languages.check(code))


@contextlib.contextmanager
def choices_made_inside() -> Iterator[None]:
    """A ``choose`` inside (one command line's --lang) ends with it."""
    token = _chosen.set(None)
    try:
        yield
    finally:
        _chosen.reset(token)


def chosen() -> str | None:
    """The language given with ``--lang``, if one was."""
    return _chosen.get()


@contextlib.contextmanager
def workbook_language(code: str | None) -> Iterator[None]:
    """Messages made inside are in ``code`` (a workbook's language) unless ``--lang`` chose
    one; None or an unknown code changes nothing. ``set_workbook_language`` refines it
    inside, once the workbook says more."""
    token = _workbook.set(code if code in languages.codes() else _workbook.get())
    try:
        yield
    finally:
        _workbook.reset(token)


def set_workbook_language(code: str | None) -> None:
    """Within ``workbook_language``: the workbook's language is now known to be ``code``."""
    if code in languages.codes():
        _workbook.set(code)


def from_locale(environ: dict[str, str] | os._Environ | None = None) -> str | None:
    """The first language of the locale that dpia speaks (``de_DE.UTF-8`` -> ``de``), or
    None. Like gettext, the first variable set decides; LANGUAGE may list several."""
    environ = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for entry in value.split(":") if variable == "LANGUAGE" else (value,):
            code = entry.split(".")[0].split("@")[0].replace("_", "-")
            if code in ("C", "POSIX", ""):
                continue
            for candidate in (code, code.split("-")[0]):
                if candidate.lower() in languages.codes():
                    return candidate.lower()
        if variable != "LANGUAGE":
            return None  # the locale is set, to a language dpia does not speak
    return None


def current() -> str:
    """The language messages are in now."""
    return _chosen.get() or _workbook.get() or from_locale() or languages.FALLBACK


def compiled_name(source: bytes) -> str:
    """The file name of the compiled catalogue of a messages.po with these bytes
    (``messages.<first 16 hex digits of its SHA-256>.mo``); the build writes it there
    (tools/catalogues.py, which imports this module)."""
    return f"messages.{hashlib.sha256(source).hexdigest()[:16]}.mo"


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """The catalogue of language ``code``: the .mo the build compiled from its messages.po
    while it matches the .po, else the .po compiled in memory; none (English) when the
    folder has no messages.po."""
    source = languages.folder(code).joinpath(CATALOGUE)
    if not source.is_file():
        return gettext.NullTranslations()
    data = source.read_bytes()
    compiled = languages.folder(code).joinpath(compiled_name(data))
    if compiled.is_file():
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(compile_po(data, code))


def compile_po(data: bytes, code: str) -> io.BytesIO:
    """A messages.po's bytes compiled, in memory, to .mo (Babel)."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    try:  # a code CLDR does not know (a language of one's own) takes its plurals from the .po
        locale: Locale | None = Locale.parse(code, sep="-")
    except (ValueError, UnknownLocaleError):
        locale = None
    catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=False)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return compiled


def translate(message: str, code: str | None = None) -> str:
    """``message`` in language ``code`` (default: ``current()``)."""
    return translations(code or current()).gettext(message)


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the current language."""
    return translations(current()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks ``message`` for extraction, translated later (with ``translate``)."""
    return message


_SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "note": N_("note")}


def severity_label(severity: str, code: str | None = None) -> str:
    """``error``, ``warning``, ``note`` as a message line shows them (``fout`` in Dutch);
    the severity in JSON stays the English word."""
    return translate(_SEVERITIES[severity], code) if severity in _SEVERITIES else severity
