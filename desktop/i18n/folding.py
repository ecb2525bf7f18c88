"""Search keys that make spellings meet: accents, letter case and script are folded away.

"Prishtinë", "prishtine", "Priština" and "Приштина" all fold to the same letters, so a
search typed without Albanian or Serbian keyboard layouts still finds the record.
"""

import unicodedata

from desktop.i18n.translit import cyrillic_to_latin

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL = str.maketrans({"đ": "dj", "Đ": "dj", "ß": "ss", "ø": "o", "ł": "l"})


class _Marks(dict[int, int | None]):
    """``str.translate``'s table dropping combining marks: each character is judged once,
    then looked up at C speed (folding every imported row's search key walked each
    character in Python)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower-case Latin letters without diacritics, for comparing and searching."""
    latin = cyrillic_to_latin(text).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", latin)
    stripped = decomposed.translate(_WITHOUT_MARKS)
    return " ".join(stripped.casefold().split())
