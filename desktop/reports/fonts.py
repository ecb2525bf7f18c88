"""The one font family every report is set in, registered with reportlab once per process.

reportlab's built-in Helvetica has no glyphs for ë, ç or Cyrillic and is never embedded, so
reports use the DejaVu Sans TTFs shipped in ``resources/fonts/``.  Registering the family as
well as the faces is what makes ``<b>`` and ``<i>`` in a Paragraph pick the bold and oblique
files instead of silently staying regular.
"""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.resources import FONTS_DIR

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)


class FontsMissingError(FileNotFoundError):
    """The shipped TTFs are not where the resources say; the installation is incomplete."""


@cache
def register_fonts(fonts_dir: Path = FONTS_DIR) -> str:
    """Register the report family (idempotent) and return its name for styles.

    Cached, because reportlab keeps fonts in a process-wide registry and re-reading four
    large TTFs for every report would only cost time.
    """
    missing = [name for name in _FACES if not (fonts_dir / f"{name}.ttf").is_file()]
    if missing:
        raise FontsMissingError(f"report fonts missing from {fonts_dir}: {', '.join(missing)}")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name in _FACES:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return FAMILY
