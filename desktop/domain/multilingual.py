"""Names kept per language, read through one fallback chain.

A report in Serbian Latin prints a name the user typed only in Cyrillic transliterated,
and a name nobody translated in the next language that has it, never an empty cell.
"""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.base import TEXT_LENGTH
from desktop.i18n.translit import cyrillic_to_latin

NAME_LANGUAGES = ("en", "sq", "sr", "sr_Latn")
_COLUMNS = {"en": "name_en", "sq": "name_sq", "sr": "name_sr", "sr_Latn": "name_sr_latn"}
NAME_FALLBACKS = {
    "en": ("en", "sq", "sr_Latn", "sr"),
    "sq": ("sq", "en", "sr_Latn", "sr"),
    "sr": ("sr", "sr_Latn", "en", "sq"),
    "sr_Latn": ("sr_Latn", "sr", "en", "sq"),
}


def name_column(language: str) -> str:
    """The attribute holding the name in ``language`` (``name_sr_latn`` for ``sr_Latn``)."""
    return _COLUMNS[language]


def resolve_name(names: dict[str, str | None], language: str) -> str:
    """The name to show in ``language``, following that language's fallback chain.

    Cyrillic text is transliterated whenever it is shown to a Latin reader, so a Serbian
    Latin report never prints Cyrillic letters.
    """
    chain = NAME_FALLBACKS.get(language, NAME_FALLBACKS["en"])
    for candidate in chain:
        text = (names.get(candidate) or "").strip()
        if text:
            return text if language == "sr" else cyrillic_to_latin(text)
    return ""


class MultilingualName:
    """``name_en``, ``name_sq``, ``name_sr`` (Cyrillic) and ``name_sr_latn`` columns."""

    name_en: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    name_sq: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    name_sr: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    name_sr_latn: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))

    def names(self) -> dict[str, str | None]:
        return {language: getattr(self, _COLUMNS[language]) for language in NAME_LANGUAGES}

    def name(self, language: str) -> str:
        return resolve_name(self.names(), language)
