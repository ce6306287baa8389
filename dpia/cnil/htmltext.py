"""The CNIL tool's rich text (HTML from its editor) to plain text and back.

To text: tags go, entities are decoded, block elements and ``<br>`` end a line, each list
item becomes a ``• `` line (the report turns those into list paragraphs), and what scripts,
styles and comments hold is dropped: no markup ever reaches the workbook or the report. Back
to HTML: the text is escaped, each line a ``<div>``, ``• `` lines a ``<ul>``, so that
``html_to_text(text_to_html(t)) == t`` for text as the reader gives it (trimmed lines,
single spaces, at most one empty line in a row).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from dpia.sanitise import workbook_text

BULLET = "• "
# Elements that start and end a line of text.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
# Elements whose content is never text for a reader.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title", "iframe",
                     "object", "svg", "math", "textarea", "select"})
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line = ""
        self.hidden = 0

    def flush(self, keep_empty: bool = False) -> None:
        text = self.line.strip()
        if text and text != BULLET.strip():
            self.lines.append(text)
        elif keep_empty:
            self.lines.append("")
        self.line = ""

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "br":
            self.flush(keep_empty=True)
        elif tag == "li":
            self.flush()
            self.line = BULLET
        elif tag in _BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif not self.hidden and tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = _SPACES.sub(" ", data)
        if self.line in ("", BULLET):
            text = text.lstrip()
        elif self.line.endswith(" ") and text.startswith(" "):
            text = text[1:]
        self.line += text


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: lines as above, control characters removed."""
    if "<" not in markup and "&" not in markup:
        lines = [_SPACES.sub(" ", line).strip() for line in markup.splitlines()]
    else:
        parser = _TextParser()
        parser.feed(markup)
        parser.close()
        parser.flush()
        lines = [line.rstrip() for line in parser.lines]
    kept: list[str] = []
    for line in lines:
        if not line and (not kept or not kept[-1]):
            continue  # no empty line first, nor two in a row
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return workbook_text("\n".join(kept))


def text_to_html(text: str) -> str:
    """HTML for plain text: escaped, a ``<div>`` a line, ``• `` lines as a ``<ul>``."""
    out: list[str] = []
    items: list[str] = []

    def end_list() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            items.clear()

    for line in text.split("\n"):
        line = line.strip()
        if line.startswith(BULLET.strip()) and line[1:2] in (" ", ""):
            items.append(html.escape(line[1:].strip(), quote=False))
            continue
        end_list()
        out.append(f"<div>{html.escape(line, quote=False)}</div>" if line else "<br>")
    end_list()
    return "".join(out)
