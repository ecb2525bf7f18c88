"""The keys of schema revision 0015 (``desktop.i18n.collation.sort_key``) must sort every
pair of texts exactly as revision 0012's keys did, in every language, by Python's
comparison of strings and by their UTF-8 bytes (SQLite's BINARY, PostgreSQL's "C"): the
stored keys and the indexes on them change, their order may not.  Revision 0012's key is
the letter-by-letter loop below, kept here as the reference; the migrations' frozen copy
(``desktop.store.migrations.title_keys_0012``), which works word by word, must give that
very key."""

import unicodedata
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.i18n.collation import LANGUAGES, _Alphabet, sort_key, sort_key_for
from desktop.store.migrations import title_keys_0012
from desktop.store.migrations.title_keys_0012 import _COMMON_WEIGHT, _SEPARATOR


def _reference_key(alphabet: title_keys_0012._Alphabet, text: str) -> str:
    """Revision 0012's key, as it was computed before the word cache (commit 2ae4e89): the
    whole text's levels letter by letter, not word by word."""
    text = unicodedata.normalize("NFC", text)
    primary, secondary, tertiary = alphabet._word_levels(text)
    return _SEPARATOR.join(
        (primary, secondary.rstrip(_COMMON_WEIGHT), tertiary.rstrip(_COMMON_WEIGHT), text)
    )


_REFERENCE = {language: title_keys_0012._Alphabet(language) for language in LANGUAGES}

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


# Pieces that share their letters and differ in accents, case, spacing, ignorable
# characters, compatibility forms or the characters a weight groups: texts made of one
# choice from each group often have equal letters, or equal levels, where the later levels
# and the text decide.
_ALIKE = st.sampled_from(
    [
        ("a", "A", "á", "Á", "à", "ä", "æ"),
        ("e", "E", "ë", "Ë", "é", "ê", "e\u0301"),
        ("c", "C", "ç", "Ç", "č", "Č", "ć"),
        ("d", "D", "đ", "Đ", "ð"),
        ("dh", "Dh", "DH", "dH", "d\u200bh"),
        ("dž", "Dž", "DŽ", "ǆ", "ǅ", "Ǆ", "dz\u030c"),
        ("lj", "Lj", "LJ", "ǉ", "ǈ"),
        ("nj", "Nj", "NJ", "ǌ", "ñj"),
        ("ss", "SS", "ß", "ſs", "ẞ"),
        ("i", "I", "ı", "İ", "í", "ĳ"),
        ("s", "S", "š", "Š", "sh", "Sh", "SH"),
        ("z", "Z", "ž", "Ž", "zh", "ʒ"),
        ("o", "O", "ø", "Ø", "ö", "º"),
        ("и", "И", "й", "Й", "і"),
        ("ђ", "Ђ", "ћ", "Ћ", "џ", "Џ"),
        ("е", "Е", "ё", "Ё", "є"),
        (" ", "\xa0", "\u202f", "  ", "\t"),
        ("-", "‐", "‑", "–", "—", "_"),
        ("'", "’", "‘", "`", "´"),
        (".", "․", "…", ","),
        ("1", "¹", "١", "۱", "１"),
        ("0", "00", "٠", "10"),
        ("fi", "ﬁ", "Fi", "FI"),
        ("", "\x00", "\x1f", "\u200b", "\u200f", "\u0301", "\ufeff"),
        ("α", "Α", "ά", "β"),
        ("ع", "ء", "中", "丁", "𝔸", "😀"),
        ("\ufffd", "\uffff", "\U0010fffd", "￼"),
    ]
)


@st.composite
def _pair_alike(draw: st.DrawFn) -> tuple[str, str]:
    groups = draw(st.lists(_ALIKE, max_size=8))
    choose = st.sampled_from
    return (
        "".join(draw(choose(group)) for group in groups),
        "".join(draw(choose(group)) for group in groups),
    )


def _sign(first: object, second: object) -> int:
    return (first > second) - (first < second)  # type: ignore[operator]


def _assert_same_order(first: str, second: str, language: str) -> None:
    old = (
        _reference_key(_REFERENCE[language], first),
        _reference_key(_REFERENCE[language], second),
    )
    new = (sort_key(first, language), sort_key(second, language))
    assert _sign(*new) == _sign(*old), (first, second, new)
    assert _sign(*(key.encode() for key in new)) == _sign(*old), (first, second, new)


@settings(max_examples=1500, deadline=None)
@given(text=_TEXTS, language=st.sampled_from(LANGUAGES))
def test_revision_0012s_frozen_key_is_the_letter_by_letter_key(text: str, language: str) -> None:
    assert title_keys_0012.sort_key(text, language) == _reference_key(_REFERENCE[language], text)


@settings(max_examples=1500, deadline=None)
@given(first=_TEXTS, second=_TEXTS, language=st.sampled_from(LANGUAGES))
def test_any_two_texts_sort_as_revision_0012s_keys_sort_them(
    first: str, second: str, language: str
) -> None:
    _assert_same_order(first, second, language)


@settings(max_examples=3000, deadline=None)
@given(pair=_pair_alike(), language=st.sampled_from(LANGUAGES))
def test_texts_alike_sort_as_revision_0012s_keys_sort_them(
    pair: tuple[str, str], language: str
) -> None:
    _assert_same_order(*pair, language)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.one_of(_TEXTS, _pair_alike().map("".join)), min_size=2, max_size=12),
    language=st.sampled_from(LANGUAGES),
)
def test_lists_sort_as_revision_0012s_keys_sort_them(texts: list[str], language: str) -> None:
    reference = _REFERENCE[language]
    assert sorted(texts, key=sort_key_for(language)) == sorted(
        texts, key=lambda text: _reference_key(reference, text)
    )
    assert sorted(texts, key=lambda text: sort_key(text, language).encode()) == sorted(
        texts, key=lambda text: _reference_key(reference, text)
    )


@settings(max_examples=1500, deadline=None)
@given(text=st.one_of(_TEXTS, _pair_alike().map("".join)), language=st.sampled_from(LANGUAGES))
def test_the_key_is_text_both_databases_store(text: str, language: str) -> None:
    key = sort_key(text, language)
    assert "\x00" not in key or "\x00" in text  # none of its own (PostgreSQL's text has none)
    key.encode()  # no surrogate: valid UTF-8


def test_every_letter_digit_and_punctuation_mark_of_a_language_sorts_as_before() -> None:
    for language in LANGUAGES:
        pieces = [*title_keys_0012._table(language), *"0123456789", "\ufffd", "Ω", "中"]
        texts = [f"{first}{second}" for first in pieces for second in ("", "a", "Ž", " 1")]
        for first, second in pairwise(sorted(texts)):
            _assert_same_order(first, second, language)
        reference = _REFERENCE[language]
        assert sorted(texts, key=sort_key_for(language)) == sorted(
            texts, key=lambda text: _reference_key(reference, text)
        )


def test_a_title_spelled_by_its_levels_keeps_no_copy_of_its_text() -> None:
    title = "Punëtori për sigurinë e grave në hapësirat publike – Gjakovë/Đakovica"
    for language in LANGUAGES:
        key = sort_key(title, language)
        assert title not in key
        assert len(key.encode()) < len(_reference_key(_REFERENCE[language], title).encode()) / 2


def test_a_remembered_word_gives_the_key_of_a_fresh_alphabet_in_another_title() -> None:
    for language in LANGUAGES:
        texts = ("Dhoma e madhe", "Madhe dhoma", "Njegoš  Lj", " dh ", "d h", "D\u0301H x")
        for text in texts:
            assert sort_key(text, language) == _Alphabet(language).key(text)
        for first, second in pairwise(texts):
            _assert_same_order(first, second, language)
