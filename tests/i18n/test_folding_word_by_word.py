"""``fold`` works word by word and remembers each word; it must give exactly what folding
the whole text at once gave (the search keys already stored were made that way).  The old
function is kept here as the reference."""

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.search import activity_search_key, activity_search_key_folded
from desktop.i18n.folding import _SPECIAL, _WITHOUT_MARKS, fold
from desktop.i18n.translit import cyrillic_to_latin


def _whole_text_fold(text: str) -> str:
    """``fold`` before it went word by word."""
    latin = cyrillic_to_latin(text).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", latin)
    stripped = decomposed.translate(_WITHOUT_MARKS)
    return " ".join(stripped.casefold().split())


_WHITESPACE = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
# Letters whose folding is special: Serbian digraph capitals (their case depends on the
# neighbours), letters without a decomposition, compatibility forms that hold a space
# ("¨" is a space and a combining diaeresis), case foldings that grow or keep a mark.
_TRICKY = "ЉЊЏљњџЂђĐđßøłİıΣσςǅǄﬁ¨´˜ªº½①ｆ\u0301\u0308\u0327\u200b\u200d\u2060\ufeff"
_LETTERS = "aeiouçëšžčćĐÇËŠŽČĆ" + "абвгдежзијклмнопрстћуфхцчшАБВГДЕЖЗИЈКЛМНОПРСТЋУФХЦЧШ"

_texts = st.text(
    alphabet=st.sampled_from(_WHITESPACE + _TRICKY + _LETTERS + "-/(),.0123456789"),
    max_size=40,
)


@settings(max_examples=1500)
@given(_texts)
def test_words_fold_as_the_whole_text(text: str) -> None:
    assert fold(text) == _whole_text_fold(text)


@settings(max_examples=1500)
@given(st.text(max_size=30))
def test_any_text_folds_as_the_whole_text(text: str) -> None:
    assert fold(text) == _whole_text_fold(text)


def test_every_character_of_the_basic_plane_between_letters_and_spaces() -> None:
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates are no text
        for text in (f"Љa{chr(code)}Њb", f" {chr(code)} ", f"{chr(code)}\u00a0x"):
            assert fold(text) == _whole_text_fold(text), hex(code)


def test_a_title_and_its_search_key_fold_alike() -> None:
    title = "Dëgjim publik në Mitrovicë – ЉУБАВ и Њива, Џеп"
    assert fold(title) == "degjim publik ne mitrovice – ljubav i njiva, dzep"


_parts = st.one_of(st.none(), _texts)


@settings(max_examples=1000)
@given(st.lists(_texts, max_size=4), _parts, st.lists(_parts, max_size=4))
def test_an_activity_key_of_titles_folded_one_by_one_is_its_search_key(
    titles: list[str], venue: str | None, places: list[str | None]
) -> None:
    folded = [fold(title) for title in titles if title]
    assert activity_search_key_folded(folded, venue, places) == activity_search_key(
        titles, venue, places
    )
