"""Names kept per language, read through one fallback chain.

A name is entered per language (the form shows the four fields side by side and marks the
empty ones).  Wherever a name is shown or printed in a language it was not entered in, the
first name entered along that language's chain is used instead, so a report never prints
an empty cell:

========================  ===============================================================
shown in                  name used, first one entered
========================  ===============================================================
English                   English, Albanian, Serbian Latin, Serbian Cyrillic
Albanian                  Albanian, English, Serbian Latin, Serbian Cyrillic
Serbian (Cyrillic)        Serbian Cyrillic, Serbian Latin, English, Albanian
Serbian (Latin)           Serbian Latin, Serbian Cyrillic, English, Albanian
========================  ===============================================================

Why this order: each language first takes the other script of itself, then the language
most readers of a donor report share (English), and Albanian and Serbian readers in Kosovo
next read each other's names more easily in Latin letters.  Cyrillic text is transliterated
whenever it is shown in anything but Serbian Cyrillic, so a Latin, Albanian or English
report never prints a Cyrillic letter; Latin text is never turned into Cyrillic.  A name of
only spaces counts as not entered.
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
    """The name to show in ``language``: the first one entered along ``NAME_FALLBACKS``
    (see the module's table), transliterated unless shown in Serbian Cyrillic; "" only
    when no name at all was entered."""
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
