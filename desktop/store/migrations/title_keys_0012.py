"""Revision 0012's title sort keys, frozen: the migrations' copy of the key function of
that time (``desktop.i18n.collation`` as of revision 0014).

Revision 0012 filled the stored ``title_key_*`` columns with these keys and revision 0015
fills them with ``desktop.i18n.collation``'s shorter keys of the same order; going down,
0015 fills them with these again, so a file taken down to 0014 holds the keys that
revision's code writes.  Nothing but the migrations (and the tests that hold the new key
to this one's order) uses it; it must never change.

The key spells out each level: the letters' weights (two or three bytes each in UTF-8),
the accents' and the case's weights up to the last one that is not common (one byte a
letter), and the text itself, each level after the separator ``\x01``.
"""

import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache

from desktop.domain.activity import TITLE_KEY_COLUMNS
from desktop.domain.multilingual import NAME_FALLBACKS

LANGUAGES = ("en", "sq", "sr", "sr_Latn")

# ICU root's order of the spaces, punctuation and symbols a name may hold; the characters
# of one string share a weight.
_SYMBOLS = (
    "_ ‗ - ‐‑ ‒ – — ― , ; : ! ¡ ? ¿ .․ ‥ … · ' ‘ ’ ‚ ‛ ‹ › \" “ ” „ ‟ « » ( ) [ ] { } ‖ § ¶ "
    "@ * / \\ & # % ‰ ‱ † ‡ • ‣ ‧ ′ ″ ‴ ‵ ‶ ‷ ‸ ` ´ ^ ¯ ¨ ¸ ° © ® + ± ÷ × < = > ¬ | ¦ ~ ¤ "
    "¢ $ £ ¥ €"
)
_PUNCTUATION = (
    "\t",
    "\n",
    "\x0b",
    "\x0c",
    "\r",
    "\u2028",
    "\u2029",
    " \xa0\u202f",
    *_SYMBOLS.split(),
)
# ICU root's letters; the others of each script are these with accents (Unicode
# decomposes them) or are listed in _VARIANTS.  "й" is a letter of its own, though
# Unicode decomposes it, except in Serbian, which takes it as "и" with an accent.
_LATIN = "a æ b c d e f g h i ĳ ı j k l m n ŋ o œ p q ĸ r s t ŧ u v w x y z þ"
_CYRILLIC = "а б в г д ђ е є ж з ѕ и і й ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш щ ъ ы ь э ю я"
# Each language's letters added to the root's: (after this letter, these letters).
_TAILORING: dict[str, tuple[tuple[str, str], ...]] = {
    "sq": (
        ("c", "ç"),
        ("d", "dh"),
        ("e", "ë"),
        ("g", "gj"),
        ("l", "ll"),
        ("n", "nj"),
        ("r", "rr"),
        ("s", "sh"),
        ("t", "th"),
        ("x", "xh"),
        ("z", "zh"),
    ),
    "sr_Latn": (
        ("c", "č ć"),
        ("d", "dž đ"),
        ("l", "lj"),
        ("n", "nj"),
        ("s", "š"),
        ("z", "ž"),
    ),
}
_CYRILLIC_FIRST = frozenset({"sr"})

# Accents in ICU's order (the secondary weights): acute, grave, breve, circumflex, caron,
# ring, diaeresis, double acute, tilde, dot above, cedilla, ogonek, then the strokes of
# letters Unicode does not decompose, then macron.
_ACCENTS = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0327\u0328"
_STROKE, _ETH, _MIDDLE_DOT = "\ue000", "\ue001", "\ue002"  # stand-ins, never in a name
_ACCENT_ORDER = _ACCENTS + _STROKE + _ETH + _MIDDLE_DOT + "\u0304"
# Letters ICU treats as another letter with an accent, or as two letters.
_VARIANTS = {
    "đ": "d" + _STROKE,
    "ð": "d" + _ETH,
    "ħ": "h" + _STROKE,
    "ł": "l" + _STROKE,
    "ŀ": "l" + _MIDDLE_DOT,
    "ø": "o" + _STROKE,
    "ß": "ss",
    "ſ": "s" + _STROKE,
    "ª": "a",
    "º": "o",
}

# Weights: each level's characters are at least _COMMON, above the level separator, and
# below U+D800, so that a key takes two bytes a character in memory, not four.  Characters
# no table lists share a weight with their neighbours in code point order (ICU orders them
# otherwise anyway).
_SEPARATOR = "\x01"
_COMMON = 2
_COMMON_WEIGHT = chr(_COMMON)
_OTHER_PUNCTUATION = 0x100  # + code point // 256: unlisted symbols, before the digits
_DIGITS = 0x200
_SCRIPTS = 0x300
_SCRIPT_SPAN = 0x5000  # listed letters, then the script's others by code point // 4
_OTHER_SCRIPTS = 0xA400  # + code point // 32
_LOWER, _TITLE, _UPPER = 0, 1, 2

_Unit = tuple[int, int]  # (primary weight, case)
# Words whose levels are remembered per language (``_Alphabet.levels``).
_REMEMBERED_WORDS = 1 << 15


@lru_cache(maxsize=8)
def _table(language: str) -> dict[str, int]:
    """Each language's letters and punctuation with their primary weight."""
    weights: dict[str, int] = {}
    for number, group in enumerate(_PUNCTUATION):
        for character in group:
            weights.setdefault(character, 0x20 + number)
    latin = _LATIN.split()
    for after, letters in _TAILORING.get(language, ()):
        position = latin.index(after) + 1
        latin[position:position] = letters.split()
    cyrillic = _CYRILLIC.split()
    if language in _CYRILLIC_FIRST:
        cyrillic.remove("й")
    scripts = [cyrillic, latin] if language in _CYRILLIC_FIRST else [latin, cyrillic]
    for order, letters in enumerate(scripts):
        for number, letter in enumerate(letters):
            weights[letter] = _SCRIPTS + order * _SCRIPT_SPAN + number
    for ligature in "ǆǉǌ":  # one character for a digraph, as old texts hold them
        digraph = unicodedata.normalize("NFKC", ligature)
        if digraph in weights:
            weights[ligature] = weights[digraph]
    return weights


class _Alphabet:
    """One language's table, with each letter's and character's weights (a fragment of
    each level of the key) remembered once worked out: a key is then a few dictionary
    look-ups per character."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.weights = _table(language)
        self.digraph_starts = frozenset(letter[0] for letter in self.weights if len(letter) == 2)
        self.fragments: dict[str, tuple[str, str, str] | None] = {}
        script_order = ("LATIN", "CYRILLIC")
        if language in _CYRILLIC_FIRST:
            script_order = ("CYRILLIC", "LATIN")
        self.script_base = {
            script: _SCRIPTS + number * _SCRIPT_SPAN + 0x100
            for number, script in enumerate(script_order)
        }
        self.word_levels = lru_cache(maxsize=_REMEMBERED_WORDS)(self._word_levels)

    def key(self, text: str) -> str:
        """The levels joined by the separator, the accents' and the case's levels without
        their trailing common weights, as ICU compresses them.

        The order stays the same: texts whose letters are equal have as many letters and
        accents, so one such level can differ from the other's only in weights above
        ``_COMMON`` or end early where the other goes on with weights above it, and a
        trimmed level is followed by the separator, which sorts below every weight.  The
        activities' four stored keys and their indexes take that much less on disk: 314
        bytes instead of 364 for the demo's English titles, whose last capital or accent
        is often in the municipality's name at their end.
        """
        primary, secondary, tertiary, text = self.levels(text)
        return _SEPARATOR.join(
            (primary, secondary.rstrip(_COMMON_WEIGHT), tertiary.rstrip(_COMMON_WEIGHT), text)
        )

    def levels(self, text: str) -> tuple[str, str, str, str]:
        """The key's levels in full: letters, accents, case, and the text itself (which
        decides between texts ICU finds equal, as PostgreSQL does).

        Worked out word by word, each word's levels remembered: titles share most of their
        words, so a new title is mostly look-ups (an import's 40,000 keys took 0.9 s letter
        by letter).  Splitting at spaces changes nothing: a space is a letter of its own
        and neither begins nor ends a digraph, so the levels of the text are the words'
        levels joined by the space's."""
        text = unicodedata.normalize("NFC", text)
        if " " not in text:
            return (*self.word_levels(text), text)
        words = [self.word_levels(word) for word in text.split(" ")]
        space = self.fragments.get(" ") or self._character(" ")
        return (
            space[0].join([word[0] for word in words]),
            space[1].join([word[1] for word in words]),
            space[2].join([word[2] for word in words]),
            text,
        )

    def _word_levels(self, text: str) -> tuple[str, str, str]:
        """The three levels of an NFC text, letter by letter."""
        primary: list[str] = []
        secondary: list[str] = []
        tertiary: list[str] = []
        fragments, starts, size = self.fragments, self.digraph_starts, len(text)
        position = 0
        while position < size:
            fragment = None
            if text[position].lower() in starts and position + 1 < size:
                pair = text[position : position + 2]
                fragment = fragments.get(pair) if pair in fragments else self._digraph(pair)
            if fragment is None:
                character = text[position]
                fragment = fragments.get(character) or self._character(character)
                position += 1
            else:
                position += 2
            primary.append(fragment[0])
            secondary.append(fragment[1])
            tertiary.append(fragment[2])
        return "".join(primary), "".join(secondary), "".join(tertiary)

    def _digraph(self, pair: str) -> tuple[str, str, str] | None:
        """A digraph letter's fragment; ICU's contractions are "dh", "Dh" and "DH", not "dH",
        which is "d" then "H"."""
        lower = pair.lower()
        fragment = None
        if lower in self.weights and pair in (lower, lower.capitalize(), lower.upper()):
            fragment = _fragment([(self.weights[lower], _case(pair), "")])
        self.fragments[pair] = fragment
        return fragment

    def _character(self, character: str) -> tuple[str, str, str]:
        lower = character.lower()
        if lower in self.weights:
            units = [(self.weights[lower], _case(character), "")]
        else:
            units = self._decomposed(character)
        fragment = _fragment(units)
        self.fragments[character] = fragment
        return fragment

    def _decomposed(self, character: str) -> list[tuple[int, int, str]]:
        """A character's collation elements (primary, case, accents): the letter it is
        made of, with its accents; compatibility forms ("ǅ", "¹", "ﬁ") as what they stand
        for, as in ICU."""
        case = _case(character)
        lower = character.lower()
        decomposed = _VARIANTS.get(lower) or unicodedata.normalize("NFKD", lower)
        units: list[tuple[int, int, str]] = []
        for part in decomposed:
            if part in _ACCENT_ORDER or unicodedata.combining(part):
                if units:
                    primary, part_case, accents = units[-1]
                    units[-1] = (primary, part_case, accents + part)
                continue
            weight = self.weights.get(part)
            if weight is None:
                weight = self._other_weight(part)
            if weight is not None:
                units.append((weight, case, ""))
        return units

    def _other_weight(self, character: str) -> int | None:
        """Primary weight of a character no table names; ``None`` when ICU ignores it
        (controls, format characters, accents on nothing)."""
        category = unicodedata.category(character)
        if category[0] in "CM":
            return None
        if category == "Nd":
            return _DIGITS + unicodedata.digit(character)
        code = ord(character)
        if category[0] in "NPSZ":
            return _OTHER_PUNCTUATION + min(code >> 8, 0xFF)
        name = unicodedata.name(character, "")
        for script, base in self.script_base.items():
            if name.startswith(script):
                return base + min(code >> 2, _SCRIPT_SPAN - 0x101)
        return min(_OTHER_SCRIPTS + (code >> 5), 0xD7FF)


def _case(piece: str) -> int:
    if piece.islower() or not piece.isalpha():
        return _LOWER
    if piece.isupper():
        return _UPPER
    return _TITLE


def _fragment(units: list[tuple[int, int, str]]) -> tuple[str, str, str]:
    """Collation elements as the pieces of the key's three levels: the letters; each
    letter's common weight and its accents' weights; each letter's case and its accents'
    common weight."""
    primary = "".join(chr(weight) for weight, _case_, _accents in units)
    secondary = "".join(
        chr(_COMMON) + "".join(chr(_accent_weight(accent)) for accent in accents)
        for _weight, _case_, accents in units
    )
    tertiary = "".join(
        chr(_COMMON + case) + chr(_COMMON) * len(accents) for _weight, case, accents in units
    )
    return primary, secondary, tertiary


def _accent_weight(accent: str) -> int:
    position = _ACCENT_ORDER.find(accent)
    return _COMMON + 1 + (position if position >= 0 else len(_ACCENT_ORDER) + ord(accent))


# Keys remembered per language: SQLite asks for a key at each comparison, so building an
# index asks for each title's key some 20 times.  A key takes 2 bytes for each character
# of the text and for each letter, and at most 4 more for each letter up to the text's last
# accent or capital.
_REMEMBERED = 1 << 16


@lru_cache(maxsize=8)
def sort_key_for(language: str) -> Callable[[str], str]:
    """``sort_key`` with the language given; an unknown language sorts as English."""
    alphabet = _Alphabet(language if language in LANGUAGES else "en")
    return lru_cache(maxsize=_REMEMBERED)(alphabet.key)


def sort_key(text: str, language: str) -> str:
    """Revision 0012's key of ``text`` in ``language``."""
    return sort_key_for(language)(text)


def title_keys(names: Mapping[str, str | None]) -> dict[str, str]:
    """Revision 0012's stored keys of a title given per language (language -> title), as
    ``desktop.domain.activity.title_keys`` picks each language's title."""
    keys = {}
    for language, column in TITLE_KEY_COLUMNS.items():
        chain = NAME_FALLBACKS[language]
        title = next((text for code in chain if (text := (names.get(code) or "").strip(" "))), "")
        keys[column] = sort_key(title, language)
    return keys
