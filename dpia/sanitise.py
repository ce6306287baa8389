"""Text from a workbook made safe for where it goes: one function per purpose.

Text typed by a DPO is data: ``{{ x }}``, ``<b>`` and ``&`` stay as typed everywhere; only
characters that do not belong where the text goes are removed. The three places differ:

- :func:`workbook_text`: a cell's text as dpia keeps it (``dpia.cells.as_text``): C0
  controls but tab and line feed, DEL and C1 controls removed, line ends as ``\\n``, trimmed.
- :func:`word_text`: text written into a Word run (``dpia.docxml``): what XML 1.0 cannot
  hold and C1 controls removed, line ends as ``\\n``, tabs as spaces; not trimmed.
- :func:`terminal_line`: text in one line of terminal output (``dpia.errors.one_line``):
  line breaks as spaces, control characters (escape sequences) removed.
"""

from __future__ import annotations

import re

# --- workbook cells -----------------------------------------------------------------------

# Control characters (C0 except tab and newline, DEL, C1) never belong in a report.
_WORKBOOK_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def workbook_text(text: str) -> str:
    """A cell's text as the report shows it: control characters removed, trimmed.

    ``\r\n`` and lone ``\r`` become ``\n`` so line breaks survive the removal. (Excel's
    escapes were decoded when the cell was read: see ``dpia.cells.decode_escapes``.)
    """
    # printable text has no control character (a test four times quicker than the pattern,
    # and nearly every cell passes it)
    if text.isprintable() or _WORKBOOK_CONTROL.search(text) is None:
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _WORKBOOK_CONTROL.sub("", text).strip()


# --- Word runs ------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold, plus C1 controls: removed from every text in a report.
_NOT_IN_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What word_text changes: the characters above, tabs and carriage returns.
_WORD_CHANGES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# What makes a text more than one run of literal text in the XML writer: a line break, a
# character to escape (& < >), or one that word_text changes. Most cells have none of these.
NOT_ONE_PLAIN_RUN = re.compile("[\x00-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff&<>]")


def word_text(value: object) -> str:
    """Text safe for a Word run: control characters removed, line ends as ``\\n``, tabs as
    spaces. Anything else (``{{ x }}``, ``<w:p/>``, ``&``) stays literally."""
    text = "" if value is None else str(value)
    if not _WORD_CHANGES.search(text):  # nearly always: one scan instead of four
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _NOT_IN_WORD.sub("", text)


# --- terminal lines -------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def terminal_line(text: str) -> str:
    """``text`` safe as (part of) one line on a terminal: line breaks become spaces and
    control characters (escape sequences) go, so a workbook cell cannot add a line that
    looks like dpia's own output."""
    return _TERMINAL_CONTROL.sub("", _LINE_BREAK.sub(" ", text))
