"""``sort_key`` works a text out word by word, each word's levels remembered; the keys it
gives must be the very keys of the letter-by-letter loop it replaced, which schema
revision 0012's stored title keys were made with.  That loop is kept here as the
reference."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.i18n.collation import _COMMON_WEIGHT, _SEPARATOR, LANGUAGES, _Alphabet, sort_key


def _reference_key(alphabet: _Alphabet, text: str) -> str:
    """The key as it was computed before the word cache (commit 2ae4e89)."""
    text = unicodedata.normalize("NFC", text)
    primary: list[str] = []
    secondary: list[str] = []
    tertiary: list[str] = []
    fragments, starts, size = alphabet.fragments, alphabet.digraph_starts, len(text)
    position = 0
    while position < size:
        fragment = None
        if text[position].lower() in starts and position + 1 < size:
            pair = text[position : position + 2]
            fragment = fragments.get(pair) if pair in fragments else alphabet._digraph(pair)
        if fragment is None:
            character = text[position]
            fragment = fragments.get(character) or alphabet._character(character)
            position += 1
        else:
            position += 2
        primary.append(fragment[0])
        secondary.append(fragment[1])
        tertiary.append(fragment[2])
    return _SEPARATOR.join(
        (
            "".join(primary),
            "".join(secondary).rstrip(_COMMON_WEIGHT),
            "".join(tertiary).rstrip(_COMMON_WEIGHT),
            text,
        )
    )


_REFERENCE = {language: _Alphabet(language) for language in LANGUAGES}

# Letters that make digraphs in one of the languages, and the characters around them.
_PIECES = st.sampled_from(
    [
        *"dDgGlLnNrRsStTxXzZhHjJžŽ",
        "dh",
        "Dh",
        "DH",
        "dH",
        "gj",
        "GJ",
        "ll",
        "Ll",
        "nj",
        "NJ",
        "rr",
        "sh",
        "SH",
        "th",
        "xh",
        "zh",
        "dž",
        "Dž",
        "DŽ",
        "lj",
        "Lj",
        "LJ",
        "ǆ",
        "ǅ",
        "ǉ",
        "ǌ",
        "ç",
        "Ç",
        "ë",
        "Ë",
        "č",
        "ć",
        "đ",
        "Đ",
        "š",
        "ß",
        "ø",
        "ĳ",
        "ﬁ",
        "¹",
        "а",
        "Ђ",
        "љ",
        "Њ",
        "џ",
        "й",
        "Й",
        "ё",
        "ш",
        "Ш",
        "e\u0301",
        "E\u0308",
        "\u0301",
        "\u0327",
        "\u030c",
        "\u0304",
        " ",
        "  ",
        "\xa0",
        "-",
        ",",
        ".",
        "'",
        "/",
        "(",
        ")",
        "\t",
        "\n",
        "\x00",
        "\x1f",
        "\u202e",
        "\u2066",
        "\u200f",
        "\u200b",
        "0",
        "7",
        "10",
        "٣",
        "α",
        "Ω",
        "ع",
        "中",
        "Prishtinë",
        "Mitrovica",
        "Приштина",
        "Gračanica",
        "Đakovica",
        "Štrpce",
    ]
)
_TEXTS = st.one_of(
    st.lists(_PIECES, max_size=12).map("".join),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)),
        max_size=30,
    ),
    st.lists(st.one_of(_PIECES, st.characters(blacklist_categories=("Cs",))), max_size=20).map(
        "".join
    ),
)


@settings(max_examples=1500, deadline=None)
@given(text=_TEXTS, language=st.sampled_from(LANGUAGES))
def test_the_key_is_the_letter_by_letter_key(text: str, language: str) -> None:
    assert sort_key(text, language) == _reference_key(_REFERENCE[language], text)


def test_a_remembered_word_gives_the_same_key_in_another_title() -> None:
    for language in LANGUAGES:
        alphabet = _REFERENCE[language]
        for text in ("Dhoma e madhe", "Madhe dhoma", "Njegoš  Lj", " dh ", "d h", "D\u0301H x"):
            assert sort_key(text, language) == _reference_key(alphabet, text)
