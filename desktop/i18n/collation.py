"""Alphabetical order per language, as a key whose plain comparison is that order.

Code points put "Ç" after "Z", "Ђ" before "А" and Cyrillic in Unicode's order rather than
the azbuka's; a lower-cased name is no better.  ``sort_key(text, language)`` gives a string
that compares (with ``<``, as Python and SQLite compare strings) the way a dictionary of
that language orders words:

- Albanian: a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh
  (a digraph is one letter: "dyqan" before "dhomë");
- Serbian Cyrillic: а б в г д ђ е ж з и ј к л љ м н њ о п р с т ћ у ф х ц ч џ ш, Cyrillic
  before Latin;
- Serbian Latin: a b c č ć d dž đ e f g h i j k l lj m n nj o p r s š t u v z ž;
- English: letters without their accents.

It copies ICU's collation (CLDR root with each language's tailoring), which PostgreSQL
uses for the same lists (schema revision 0006), so both databases give the same order:
letters compare first without accents or case, then accents decide, then case (lower
first), then the text itself; spaces and punctuation are letters that come before digits,
and digits before letters ("a b" < "a-b" < "ab"; "10" < "2").  Letters outside the
tables (Greek, Arabic…) follow in code point order, which ICU does not; no name in the
office's data uses them.

The key is an order-preserving code of those levels (schema revision 0015; revision 0012's
longer key, which spells every level out, is kept for the migrations in
``desktop.store.migrations.title_keys_0012``): see ``_Alphabet.key``.  A title's key is
about its length in bytes.

The activities' titles are stored with their keys, indexed in byte order (schema revision
0012), and SQLite's indexes of other names use the collations built on them: a change to
the keys, even one that keeps the order, is a schema change, which needs a revision that
fills the stored keys again (and runs ``REINDEX csodesk_en``, and the other collations, on
SQLite if the order changes).
"""

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

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
# below U+D800.  Characters no table lists share a weight with their neighbours in code
# point order (ICU orders them otherwise anyway).
_SEPARATOR = "\x01"
_COMMON = 2
_COMMON_WEIGHT = chr(_COMMON)
_OTHER_PUNCTUATION = 0x100  # + code point // 256: unlisted symbols, before the digits
_DIGITS = 0x200
_SCRIPTS = 0x300
_SCRIPT_SPAN = 0x5000  # listed letters, then the script's others by code point // 4
_OTHER_SCRIPTS = 0xA400  # + code point // 32
_LAST_WEIGHT = 0xD7FF
_LOWER, _TITLE, _UPPER = 0, 1, 2

# The key's code of the letters' level: the weights most titles are made of (the
# language's letters, the digits, the usual punctuation) each one character below U+0080,
# which UTF-8 writes in one byte; every other weight is the escape character of its stretch
# of the order (one below U+0080 as well, between the coded weights around the stretch)
# followed by the weight itself.
_ONE_BYTE_CODES = 0x80 - (_COMMON)  # U+0002 to U+007F, above the separator
_USUAL_PUNCTUATION = " -,.–():/'’\"“”„«»&—;?!%+#_…[]*@‘"
# The code of the accents' and the case's levels, whose weights are mostly _COMMON (no
# accent, lower case): each run of common weights before another weight is one character
# that sorts lower the longer the run (a run of _RUN or more takes a _COMMON_WEIGHT for each
# _RUN), and the other weights move up above those characters.
_RUN = 0x60
_LEVEL_SHIFT = _RUN - 1
# The text itself, the last level, is left out when the levels spell it (``_spelled``):
# _SPELLED, or the text after _BELOW or _ABOVE, as it sorts before or after the spelling.
_BELOW, _SPELLED, _ABOVE = "\x02", "\x03", "\x04"
# Stand-ins of a letter with a stroke spelled back as the letter ("d" + stroke: "đ").
_UNVARIANTS = {variant: letter for letter, variant in _VARIANTS.items() if variant[-1] > "\udfff"}

_Unit = tuple[int, int, str]  # (primary weight, case, accents)
# A character's or digraph's piece of each level: the letters' code, the accents' and the
# case's weights, its spelling, and the letters' weights (``_Alphabet.levels``).
_Fragment = tuple[str, str, str, str, str]
_Word = tuple[str, str, str, str]  # a word's first four fragment pieces, joined
# Words whose levels are remembered per language (``_Alphabet.words``).
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


class _PrimaryCode:
    """One language's order-preserving code of the letters' weights.

    Each weight's code is one character below U+0080 (``single``) or an escape character
    then the weight (``escapes``: one for each stretch of weights between two coded ones):
    no code begins another, and codes compare as their weights, so texts' codes compare as
    their weights, letter after letter, and a shorter level still ends first (every code
    is above the separator).  Which weights take one character is chosen greedily, the
    language's own letters first, then the digits, the usual punctuation and the rest of
    the table, as long as they and the escapes between them fit below U+0080."""

    def __init__(self, language: str) -> None:
        weights = _table(language)
        letters = sorted({weight for weight in weights.values() if weight >= _SCRIPTS})
        own = [weight for weight in letters if weight < _SCRIPTS + _SCRIPT_SPAN]
        wanted = [
            *own,
            *range(_DIGITS, _DIGITS + 10),
            *(weights[character] for character in _USUAL_PUNCTUATION),
            *letters,
            *sorted(set(weights.values())),
        ]
        coded: list[int] = []
        for weight in dict.fromkeys(wanted):
            trial = sorted([*coded, weight])
            if len(trial) + len(_stretches(trial)) <= _ONE_BYTE_CODES:
                coded = trial
        self.coded = coded
        self.single: dict[int, str] = {}
        self.escapes: dict[int, str] = {}  # stretch (coded weights below it) -> escape
        stretches = _stretches(coded)
        code = _COMMON
        for position in range(len(coded) + 1):
            if position in stretches:
                self.escapes[position] = chr(code)
                code += 1
            if position < len(coded):
                self.single[coded[position]] = chr(code)
                code += 1

    def of(self, weight: int) -> str:
        return self.single.get(weight) or self.escapes[bisect_left(self.coded, weight)] + chr(
            weight
        )


def _stretches(coded: list[int]) -> set[int]:
    """The stretches of weights between coded ones (sorted) that hold a weight, each as the
    number of coded weights below it."""
    bounds = [0x1F, *coded, _LAST_WEIGHT + 1]
    return {number for number in range(len(bounds) - 1) if bounds[number + 1] - bounds[number] > 1}


class _Alphabet:
    """One language's table, with each letter's and character's fragment (its piece of
    each level of the key) remembered once worked out: a key is then a few dictionary
    look-ups per word."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.weights = _table(language)
        self.code = _PrimaryCode(language)
        self.digraph_starts = frozenset(letter[0] for letter in self.weights if len(letter) == 2)
        # Each weight's letter as the levels spell it: the first character of a group.
        self.letters = {weight: letter for letter, weight in reversed(self.weights.items())}
        self.letters.update({_DIGITS + digit: str(digit) for digit in range(10)})
        self.fragments: dict[str, _Fragment | None] = {}
        script_order = ("LATIN", "CYRILLIC")
        if language in _CYRILLIC_FIRST:
            script_order = ("CYRILLIC", "LATIN")
        self.script_base = {
            script: _SCRIPTS + number * _SCRIPT_SPAN + 0x100
            for number, script in enumerate(script_order)
        }
        self.space = self._character(" ")
        # Characters that are a letter of their own, without accent or capital, spelled as
        # they are written, and begin no digraph: a word of them is coded character by
        # character at once ("(1234)", "2026", "-").
        self.plain_codes = {
            ord(character): fragment[0]
            for character in [*self.weights, *"0123456789"]
            if len(character) == 1
            and character not in self.digraph_starts
            and (fragment := self._character(character))[1:4]
            == (_COMMON_WEIGHT, _COMMON_WEIGHT, character)
        }
        self.plain = frozenset(map(chr, self.plain_codes))
        self.words = lru_cache(maxsize=_REMEMBERED_WORDS)(self._word)

    def key(self, text: str) -> str:
        """The text's levels (see ``levels``), coded to be short, in the same order.

        - The letters: each weight's code (``_PrimaryCode``), mostly one byte a letter.
        - The accents and the case: without their trailing common weights (as ICU
          compresses them: texts whose letters are equal have as many letters and accents,
          so one such level can differ from the other's only in weights above ``_COMMON``
          or end early where the other goes on with weights above it), each run of common
          weights before another weight coded as one character (see ``_RUN``): a title
          with a few capitals and accents takes a few bytes for each level.
        - The text, which decides between texts the levels find equal: _SPELLED alone
          when the levels spell it (its letters as the table lists them, with their
          accents and case), which is every title of the office's data; else the text
          itself, after _BELOW or _ABOVE as it sorts before or after the text the levels
          spell, which texts with equal levels share.

        The levels are separated by the separator, which sorts below every code, so a
        level that ends first still sorts first.  The four stored title keys of the
        benchmark's titles take 31-41% of the bytes of revision 0012's key (see
        docs/PERFORMANCE.md).
        """
        text = unicodedata.normalize("NFC", text)
        if " " not in text:
            code, secondary, tertiary, spelling = self.words(text)
        else:
            codes, secondaries, tertiaries, spellings = zip(
                *map(self.words, text.split(" ")), strict=True
            )
            space = self.space
            code = space[0].join(codes)
            secondary = space[1].join(secondaries)
            tertiary = space[2].join(tertiaries)
            spelling = " ".join(spellings)
        last = _SPELLED if spelling == text else (_BELOW if text < spelling else _ABOVE) + text
        return "".join(
            (code, _SEPARATOR, _compressed(secondary), _SEPARATOR, _compressed(tertiary))
        ) + (_SEPARATOR + last)

    def levels(self, text: str) -> tuple[str, str, str, str]:
        """The key's levels in full: letters (their weights), accents, case, and the text
        itself (which decides between texts ICU finds equal, as PostgreSQL does)."""
        text = unicodedata.normalize("NFC", text)
        fragments = self._fragments(text)
        return (
            "".join([fragment[4] for fragment in fragments]),
            "".join([fragment[1] for fragment in fragments]),
            "".join([fragment[2] for fragment in fragments]),
            text,
        )

    def _word(self, text: str) -> _Word:
        """A word's pieces of the key, fragment by fragment, remembered (``words``).

        Titles share most of their words, so a new title is mostly look-ups (an import's
        40,000 keys took 0.9 s letter by letter); a word of plain characters (see
        ``plain``), such as the numbers an import's titles often hold and seldom share, is
        coded at once.  Splitting at spaces
        changes nothing: a space is a letter of its own and neither begins nor ends a
        digraph, so the levels of a text are its words' levels joined by the space's, and
        so is its spelling."""
        if self.plain.issuperset(text):
            common = _COMMON_WEIGHT * len(text)
            return text.translate(self.plain_codes), common, common, text
        fragments = self._fragments(text)
        return (
            "".join([fragment[0] for fragment in fragments]),
            "".join([fragment[1] for fragment in fragments]),
            "".join([fragment[2] for fragment in fragments]),
            "".join([fragment[3] for fragment in fragments]),
        )

    def _fragments(self, text: str) -> list[_Fragment]:
        """The fragments of an NFC text, letter by letter."""
        found: list[_Fragment] = []
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
            found.append(fragment)
        return found

    def _digraph(self, pair: str) -> _Fragment | None:
        """A digraph letter's fragment; ICU's contractions are "dh", "Dh" and "DH", not "dH",
        which is "d" then "H"."""
        lower = pair.lower()
        fragment = None
        if lower in self.weights and pair in (lower, lower.capitalize(), lower.upper()):
            fragment = self._fragment([(self.weights[lower], _case(pair), "")])
        self.fragments[pair] = fragment
        return fragment

    def _character(self, character: str) -> _Fragment:
        lower = character.lower()
        if lower in self.weights:
            units = [(self.weights[lower], _case(character), "")]
        else:
            units = self._decomposed(character)
        fragment = self._fragment(units)
        self.fragments[character] = fragment
        return fragment

    def _fragment(self, units: list[_Unit]) -> _Fragment:
        """Collation elements as the pieces of the key: the letters' code; each letter's
        common weight and its accents' weights; each letter's case and its accents' common
        weight; the letters spelled; the letters' weights."""
        code = "".join(self.code.of(weight) for weight, _case_, _accents in units)
        secondary = "".join(
            chr(_COMMON) + "".join(chr(_accent_weight(accent)) for accent in accents)
            for _weight, _case_, accents in units
        )
        tertiary = "".join(
            chr(_COMMON + case) + chr(_COMMON) * len(accents) for _weight, case, accents in units
        )
        spelling = "".join(self._spelled(unit) for unit in units)
        weights = "".join(chr(weight) for weight, _case_, _accents in units)
        return code, secondary, tertiary, spelling, weights

    def _spelled(self, unit: _Unit) -> str:
        """A collation element as the text the levels spell: its letter as the table lists
        it, with its accents and its case.  Only a function of the levels; a text that is
        not its levels' spelling just keeps its text in the key."""
        weight, case, accents = unit
        letter = self.letters.get(weight, "\ufffd") + accents
        letter = _UNVARIANTS.get(letter, letter)
        if case == _UPPER:
            letter = letter.upper()
        elif case == _TITLE:
            letter = letter[:1].upper() + letter[1:]
        return unicodedata.normalize("NFC", letter)

    def _decomposed(self, character: str) -> list[_Unit]:
        """A character's collation elements (primary, case, accents): the letter it is
        made of, with its accents; compatibility forms ("ǅ", "¹", "ﬁ") as what they stand
        for, as in ICU."""
        case = _case(character)
        lower = character.lower()
        decomposed = _VARIANTS.get(lower) or unicodedata.normalize("NFKD", lower)
        units: list[_Unit] = []
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
        return min(_OTHER_SCRIPTS + (code >> 5), _LAST_WEIGHT)


def _case(piece: str) -> int:
    if piece.islower() or not piece.isalpha():
        return _LOWER
    if piece.isupper():
        return _UPPER
    return _TITLE


def _accent_weight(accent: str) -> int:
    position = _ACCENT_ORDER.find(accent)
    return _COMMON + 1 + (position if position >= 0 else len(_ACCENT_ORDER) + ord(accent))


class _RunCodes(dict[str, str]):
    """A run of common weights and the weight after it -> its code (see ``_RUN``)."""

    def __missing__(self, run: str) -> str:
        chunks, rest = divmod(len(run) - 1, _RUN)
        weight = ord(run[-1]) + _LEVEL_SHIFT
        if weight >= 0xD800:  # past the surrogates, which UTF-8 cannot write
            weight += 0x800
        code = _COMMON_WEIGHT * chunks + (chr(_COMMON + _RUN - rest) if rest else "") + chr(weight)
        self[run] = code
        return code


_RUN_CODES = _RunCodes()
_RUNS = re.compile(f"{_COMMON_WEIGHT}*[^{_COMMON_WEIGHT}]")


def _compressed(level: str) -> str:
    """An accents' or case's level without its trailing common weights, each run of common
    weights and the weight after it coded as ``_RunCodes`` says."""
    level = level.rstrip(_COMMON_WEIGHT)
    return _runs_coded(level) if level else ""


# Levels remembered coded: without their trailing common weights, titles that differ only
# after their last accent or capital (a number, a place) share them, so an import's
# 80,000 levels are about a thousand (coding each took 0.09 s of the 0.22 s of 40,000
# keys, remembered 0.03 s).
_REMEMBERED_LEVELS = 1 << 12


@lru_cache(maxsize=_REMEMBERED_LEVELS)
def _runs_coded(level: str) -> str:
    return "".join(map(_RUN_CODES.__getitem__, _RUNS.findall(level)))


# Keys remembered per language: SQLite asks for a key at each comparison, so building an
# index asks for each title's key some 20 times.  A key takes 2 bytes for each character
# of the text and for each letter, and at most 4 more for each letter up to the text's last
# accent or capital.
_REMEMBERED = 1 << 16


@lru_cache(maxsize=8)
def sort_key_for(language: str) -> Callable[[str], str]:
    """``sort_key`` with the language given, for ``sorted(names, key=...)``; an unknown
    language sorts as English.

    The language's alphabet is worked out at its first key, not here: every SQLite
    connection registers the four languages' comparisons (``desktop.store.collations``),
    and working out four alphabets (≈ 2.5 ms each) made the window's start wait for
    orders its first rows never use."""

    def key(text: str) -> str:
        return _alphabet(language).key(text)

    return lru_cache(maxsize=_REMEMBERED)(key)


@lru_cache(maxsize=8)
def _alphabet(language: str) -> "_Alphabet":
    return _Alphabet(language if language in LANGUAGES else "en")


def stored_sort_key(text: str, language: str) -> str:
    """``sort_key``, without remembering the text's key: for a key worked out once and
    stored (an activity's title keys).  An import's 40,000 new titles would otherwise
    push the keys that comparisons ask for again and again out of ``sort_key``'s memory,
    and each remembered key then cost more to put there than to work out (only its words
    are remembered, ``_Alphabet.words``)."""
    return _alphabet(language).key(text)


def sort_key(text: str, language: str) -> str:
    """A string whose order is ``language``'s alphabetical order of ``text`` (see the
    module's docstring); an unknown language sorts as English."""
    return sort_key_for(language)(text)


def comparison_for(language: str) -> Callable[[str, str], int]:
    """-1, 0 or 1 as one text sorts before, with or after another in ``language``: an
    SQLite collation's callback, kept to one call of Python per comparison."""
    key = sort_key_for(language)

    def comparison(first: str, second: str) -> int:
        a, b = key(first), key(second)
        return (a > b) - (a < b)

    return comparison


def compare(first: str, second: str, language: str) -> int:
    """-1, 0 or 1 as ``first`` sorts before, with or after ``second`` in ``language``."""
    return comparison_for(language)(first, second)
