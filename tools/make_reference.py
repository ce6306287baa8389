"""Make ``templates/reference.docx``, the reference document the report starts from.

Run from the repository root when the house style changes: ``python tools/make_reference.py``.
A developer script, not shipped (``tools/`` is no package); the .docx it writes is package
data. It starts from python-docx's default template (which defines every built-in style the
report uses) and sets A4 paper, margins, fonts and heading colours.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dpia.docxml import deterministic_zip, remove_core_dates  # noqa: E402

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)  # dark blue: readable in print and on screen
FONT = "Calibri"


def make() -> bytes:
    """The reference .docx bytes."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    for name, size, before in (("Heading 1", 16, 18), ("Heading 2", 13, 12),
                               ("Heading 3", 11, 10)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(26)
    title.font.color.rgb = ACCENT
    caption = styles["Caption"]
    caption.font.size = Pt(9)
    caption.font.color.rgb = ACCENT
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8)
    # The contents: compact lines, so that the contents of a report (about 55 entries) fit
    # on one page instead of spilling a few lines onto the next; page numbers right-aligned
    # after a dotted leader.
    text_width = section.page_width - section.left_margin - section.right_margin
    for level in (1, 2):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        toc.base_style = normal
        toc.next_paragraph_style = normal
        toc.paragraph_format.space_before = Pt(3 if level == 1 else 0)
        toc.paragraph_format.space_after = Pt(0)
        toc.paragraph_format.line_spacing = 1.0
        toc.font.size = Pt(9.5)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(
            text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        toc.font.bold = level == 1
        # Word's own built-in style (by name and id), not a custom one of the same name
        toc.element.set(qn("w:styleId"), f"TOC{level}")
        toc.element.attrib.pop(qn("w:customStyle"), None)

    # no preview image of python-docx's sample in our reference
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rel_id]

    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.comments = ""
    props.revision = 1
    remove_core_dates(props._element, keep=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
    target.write_bytes(make())
    print(f"wrote {target}")
