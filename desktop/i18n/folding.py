"""Search keys that make spellings meet: accents, letter case and script are folded away.

"Prishtinë", "prishtine", "Priština" and "Приштина" all fold to the same letters, so a
search typed without Albanian or Serbian keyboard layouts still finds the record.
"""

import unicodedata

from desktop.i18n.translit import cyrillic_to_latin

# Letters that Unicode does not decompose into a base letter plus an accent.
_SPECIAL = str.maketrans({"đ": "dj", "Đ": "dj", "ß": "ss", "ø": "o", "ł": "l"})


def fold(text: str) -> str:
    """Lower-case Latin letters without diacritics, for comparing and searching."""
    latin = cyrillic_to_latin(text).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", latin)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())
