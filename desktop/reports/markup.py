"""User text made safe for reportlab, so that nothing a user can type makes a report fail.

A ``Paragraph`` parses its text as markup: ``"a<b"`` and ``"<b>unclosed"`` raise, and
``"R&D < 5"`` silently prints wrong.  Every piece of data, and every translated label (a
translator can type ``&`` too), passes through here before it reaches a ``Paragraph``.
Characters that cannot be printed (control codes, lone surrogates, noncharacters, and
direction marks that reportlab, having no bidirectional layout, cannot honour) are dropped
here rather than shown as boxes or passed on to the PDF writer.
"""

import re
import unicodedata
from xml.sax.saxutils import escape

LINE_BREAK = "<br/>"

# Invisible format characters worth keeping: the soft hyphen is a hyphenation point, the
# zero-width space a break hint, and the (non-)joiners hold emoji sequences and scripts together.
_KEPT_FORMAT_CHARACTERS = frozenset("\u00ad\u200b\u200c\u200d")
_BLANK_LINES = re.compile(r"\n\s*\n")


def _printable(character: str) -> bool:
    category = unicodedata.category(character)
    if category in ("Cc", "Cs"):
        return False
    if category == "Cf":
        return character in _KEPT_FORMAT_CHARACTERS
    code_point = ord(character)
    is_noncharacter = 0xFDD0 <= code_point <= 0xFDEF or (code_point & 0xFFFE) == 0xFFFE
    return not is_noncharacter


def clean_text(text: str | None) -> str:
    """Plain text with ``\\n`` as the only line break and nothing a PDF cannot carry.

    ``str.splitlines`` knows every Unicode line boundary (``\\r\\n``, vertical tab, form
    feed, U+2028...), so text pasted from Word or a web form keeps its lines.
    """
    if not text:
        return ""
    if text.isprintable():  # no control, format, line-separator or unassigned character
        return text.strip()
    lines = (
        "".join(character for character in line.replace("\t", " ") if _printable(character))
        for line in text.splitlines()
    )
    return "\n".join(line.rstrip() for line in lines).strip()


def one_line(text: str | None) -> str:
    """Text for a single line drawn on the canvas (page header, metadata)."""
    return " ".join(clean_text(text).split())


def to_markup(text: str | None) -> str:
    """Paragraph markup that prints ``text`` literally, line breaks included."""
    return escape(clean_text(text)).replace("\n", LINE_BREAK)


def paragraphs(text: str | None) -> list[str]:
    """The blank-line separated paragraphs of a narrative, each as Paragraph markup.

    Separate Paragraphs, rather than one with ``<br/><br/>``, get the style's spacing and let
    a long narrative break across pages between paragraphs.
    """
    return [to_markup(part) for part in _BLANK_LINES.split(clean_text(text)) if part.strip()]


def format_markup(template: str, **values: object) -> str:
    """Fill a translated template's named placeholders, escaping the template and each value.

    Escaping leaves ``{`` and ``}`` alone, so the placeholders survive; the values are
    escaped separately so that braces or ``&`` in user text are never read as markup.
    """
    return to_markup(template).format(**{name: to_markup(str(v)) for name, v in values.items()})
