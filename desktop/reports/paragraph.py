"""reportlab's ``Paragraph``, without the markup parser for text that holds no markup.

A ``Paragraph`` runs every text through an HTML parser to find its tags and entities,
even a table cell that is one plain name or date, which is most of a report: the parser
was about a tenth of a quarterly report's drawing time.  Text with neither ``<`` nor ``&``
(``to_markup`` escapes every ``<``, ``>`` and ``&`` a user or translator typed, so plain
text stays plain) can hold no tag or entity: the parser would return one fragment in the
style's font, size and colour holding the cleaned text, and that fragment is built here
directly.  Everything else (bold codes, line breaks, escaped characters) is parsed as before,
and a paragraph split across pages is rebuilt from its fragments as before.

A paragraph is also wrapped several times at the same width: a table measures every cell
to size its rows, again when it is split across pages, and once more when it draws it,
and reportlab breaks the lines afresh each time (about a fifth of a report's drawing).
A paragraph of one fragment (most cells) breaks into lines that depend only on the width, so
it remembers its last wrapping and gives it back when asked for the same width again.
"""

from typing import Any

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaFrag

# What ``Paragraph.wrap`` (with ``breakLines``) sets, and so what a repeated wrap restores.
_WRAPPED = (
    "width",
    "height",
    "_wrapWidths",
    "blPara",
    "frags",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class Paragraph(paragraph.Paragraph):
    """A drop-in ``Paragraph`` that builds a plain text's one fragment without parsing it
    and breaks its lines once per width."""

    _wrapped: tuple[float, Any, dict[str, Any]] | None = None

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is None and isinstance(text, str) and "<" not in text and "&" not in text:
            cleaned = cleaner(text)
            if cleaned:  # the parser returns no fragment at all for an empty text
                frags = [plain_fragment(cleaned, style)]
                paragraph.textTransformFrags(frags, style)
                text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """reportlab's wrap, remembered for the width when the paragraph is one fragment
        (``blPara.kind`` 0): its lines depend only on the width and that fragment, not on
        the height.  Several fragments are broken afresh each time, as reportlab does:
        the first wrap turns them into a word list, which a second wrap may break slightly
        differently (an empty word where a long word was split)."""
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth and wrapped[1] is self.frags:
            self.__dict__.update(wrapped[2])
            return self.width, self.height
        frags = self.frags
        size = super().wrap(availWidth, availHeight)
        blPara = self.__dict__.get("blPara")
        if (
            blPara is not None
            and blPara.kind == 0
            and self.frags is frags
            and self.width == availWidth
        ):
            state = {name: self.__dict__[name] for name in _WRAPPED if name in self.__dict__}
            self._wrapped = (availWidth, frags, state)
        return size


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
