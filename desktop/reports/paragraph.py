"""reportlab's ``Paragraph``, without the markup parser for text that holds no markup.

A ``Paragraph`` runs every text through an HTML parser to find its tags and entities,
even a table cell that is one plain name or date, which is most of a report: the parser
was about a tenth of a quarterly report's drawing time.  Text with neither ``<`` nor ``&``
(``to_markup`` escapes every ``<``, ``>`` and ``&`` a user or translator typed, so plain
text stays plain) can hold no tag or entity: the parser would return one fragment in the
style's font, size and colour holding the cleaned text, and that fragment is built here
directly.  Everything else (bold codes, line breaks, escaped characters) is parsed as before,
and a paragraph split across pages is rebuilt from its fragments as before.
"""

from typing import Any

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaFrag


class Paragraph(paragraph.Paragraph):
    """A drop-in ``Paragraph`` that builds a plain text's one fragment without parsing it."""

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is None and isinstance(text, str) and "<" not in text and "&" not in text:
            cleaned = cleaner(text)
            if cleaned:  # the parser returns no fragment at all for an empty text
                frags = [plain_fragment(cleaned, style)]
                paragraph.textTransformFrags(frags, style)
                text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)


def plain_fragment(text: str, style: Any) -> ParaFrag:
    """The fragment reportlab's parser makes of a text without tags or entities: the
    style's face (as ``ps2tt``/``tt2ps`` resolve a family's bold and italic), size and
    colour, no rise, link or lines."""
    family, bold, italic = ps2tt(style.fontName)
    fragment = ParaFrag(
        rise=0,
        greek=0,
        link=[],
        fontName=tt2ps(family, bold, italic),
        bold=bold,
        italic=italic,
        fontSize=style.fontSize,
        textColor=style.textColor,
        us_lines=[],
        text=text,
    )
    fragment.__tag__ = "para"
    return fragment
