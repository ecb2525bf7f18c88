"""Citation keys: the names a writer types in ``\\cite{…}`` or ``[@…]``, shared by the BibTeX
entries, the CSL-JSON ids and the RIS IDs of one export.

A key is the first author's surname, the year and the first word of the title that is not a
small word nor a single letter ("berisha2026community"), folded to lower-case ASCII letters
and digits, because BibTeX, biber and pandoc all accept those and nothing else everywhere.
Two outputs giving the same key get a, b, c… after it, in the order exported
("…communitya", "…communityb").
"""

import re
import unicodedata
from collections.abc import Sequence

from desktop.i18n.translit import cyrillic_to_latin
from desktop.services.citations.record import Citation

# Letters NFKD does not take apart into a base letter and an accent.
_LETTERS = str.maketrans(
    {"đ": "dj", "Đ": "Dj", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae",
     "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "þ": "th", "Þ": "Th"}
)  # fmt: skip
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_WORD_BREAKS = re.compile(r"[\s/–—:,.;!?()\[\]'’-]+")
# Words a title often starts with that say nothing about it, in our four languages.
_ENGLISH = "a an the of on in at to for from and or with"
_ALBANIAN = "nga te të në mbi për dhe ose një i e"
_SERBIAN = "o od u na za iz sa i ili"  # Latin: Cyrillic titles are transliterated first
_SMALL_WORDS = frozenset(f"{_ENGLISH} {_ALBANIAN} {_SERBIAN}".split())
ANONYMOUS = "anon"


def ascii_fold(text: str) -> str:
    """``text`` in lower-case ASCII letters and digits only ("Stojanović" → "stojanovic")."""
    latin = cyrillic_to_latin(text).translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", latin)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_KEY.sub("", bare.lower())


def _first_word(title: str) -> str:
    for word in _WORD_BREAKS.split(cyrillic_to_latin(title)):
        folded = ascii_fold(word)
        if len(folded) > 1 and word.lower() not in _SMALL_WORDS:
            return folded
    return ""


def base_key(citation: Citation) -> str:
    """The key before any clash is resolved."""
    author = ""
    if citation.authors:
        first = citation.authors[0]
        name = first.family or first.literal
        author = ascii_fold(name.split()[0] if first.literal else name)
    year = str(citation.issued.year) if citation.issued else ""
    return f"{author or ANONYMOUS}{year}{_first_word(citation.title)}"


def _suffix(index: int) -> str:
    """a, b, … z, aa, ab, …: the ``index``-th (from 0) suffix."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def citation_keys(citations: Sequence[Citation]) -> list[str]:
    """One unique key per citation, in their order."""
    bases = [base_key(citation) for citation in citations]
    clashing = {key for key in bases if bases.count(key) > 1}
    taken = set(bases) - clashing
    keys = []
    for key in bases:
        if key not in clashing:
            keys.append(key)
            continue
        index = 0
        while f"{key}{_suffix(index)}" in taken:
            index += 1
        keys.append(f"{key}{_suffix(index)}")
        taken.add(keys[-1])
    return keys
