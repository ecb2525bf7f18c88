"""Each language's alphabetical order, as ``sort_key`` gives it, on real words and on
Kosovo's municipalities as the reference data names them."""

import csv
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.i18n.collation import _Alphabet, compare, sort_key, sort_key_for

MUNICIPALITIES = Path(__file__).resolve().parents[2] / "resources" / "data" / "municipalities.csv"


def _sorted(words: list[str], language: str) -> list[str]:
    return sorted(words, key=sort_key_for(language))


def _names(column: str) -> list[str]:
    with MUNICIPALITIES.open(encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def test_albanian_letters_follow_the_albanian_alphabet() -> None:
    expected = [
        "Cana",
        "Çaji",
        "Dardania",
        "dyqan",
        "Dhimitri",
        "dhomë",
        "Era",
        "Ëndrra",
        "Gurra",
        "Gjilan",
        "Lumi",
        "Llapi",
        "Nora",
        "Njomza",
        "Rugova",
        "Rrahmani",
        "Suhareka",
        "Shtime",
        "Tirana",
        "Theranda",
        "Xani",
        "Xhemaili",
        "Zana",
        "Zhuja",
    ]
    assert _sorted(list(reversed(expected)), "sq") == expected


def test_kosovos_municipalities_in_albanian() -> None:
    # gj after g, sh after s; "Fushë Kosovë" after "Ferizaj", ë as e in between
    assert _sorted(_names("name_sq"), "sq") == [
        "Deçan", "Dragash", "Drenas", "Ferizaj", "Fushë Kosovë", "Graçanicë", "Gjakovë",
        "Gjilan", "Hani i Elezit", "Istog", "Junik", "Kaçanik", "Kamenicë", "Klinë", "Kllokot",
        "Leposaviq", "Lipjan", "Malishevë", "Mamushë", "Mitrovicë e Jugut",
        "Mitrovicë e Veriut", "Novobërdë", "Obiliq", "Partesh", "Pejë", "Podujevë",
        "Prishtinë", "Prizren", "Rahovec", "Ranillug", "Skënderaj", "Suharekë", "Shtërpcë",
        "Shtime", "Viti", "Vushtrri", "Zubin Potok", "Zveçan",
    ]  # fmt: skip


def test_kosovos_municipalities_in_serbian_cyrillic_follow_the_azbuka() -> None:
    ordered = _sorted(_names("name_sr"), "sr")
    assert ordered == [
        "Витина", "Вучитрн", "Глоговац", "Гњилане", "Грачаница", "Дечани", "Драгаш",
        "Ђаковица", "Ђенерал Јанковић", "Звечан", "Зубин Поток", "Исток", "Јужна Митровица",
        "Јуник", "Каменица", "Качаник", "Клина", "Клокот", "Косово Поље", "Лепосавић",
        "Липљан", "Малишево", "Мамуша", "Ново Брдо", "Обилић", "Ораховац", "Партеш", "Пећ",
        "Подујево", "Призрен", "Приштина", "Ранилуг", "Северна Митровица", "Србица",
        "Сува Река", "Урошевац", "Штимље", "Штрпце",
    ]  # fmt: skip
    azbuka = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
    initials = [name[0] for name in ordered]
    assert initials == sorted(initials, key=azbuka.index)


def test_kosovos_municipalities_in_serbian_latin_follow_the_gajica() -> None:
    assert _sorted(_names("name_sr_latn"), "sr_Latn") == [
        "Dečani", "Dragaš", "Đakovica", "Đeneral Janković", "Glogovac", "Gnjilane",
        "Gračanica", "Istok", "Junik", "Južna Mitrovica", "Kačanik", "Kamenica", "Klina",
        "Klokot", "Kosovo Polje", "Leposavić", "Lipljan", "Mališevo", "Mamuša", "Novo Brdo",
        "Obilić", "Orahovac", "Parteš", "Peć", "Podujevo", "Priština", "Prizren", "Ranilug",
        "Severna Mitrovica", "Srbica", "Suva Reka", "Štimlje", "Štrpce", "Uroševac",
        "Vitina", "Vučitrn", "Zubin Potok", "Zvečan",
    ]  # fmt: skip


def test_kosovos_municipalities_in_english_ignore_accents_and_digraphs() -> None:
    ordered = _sorted(_names("name_en"), "en")
    assert ordered.index("Gjakovë/Đakovica") < ordered.index("Graçanicë/Gračanica")
    assert ordered.index("Shtime/Štimlje") < ordered.index("Skënderaj/Srbica")
    assert ordered[-2:] == ["Zubin Potok", "Zveçan/Zvečan"]


def test_serbian_cyrillic_is_the_azbuka_not_unicode() -> None:
    words = ["Шар", "Ћирилица", "Тетово", "Џеп", "Чачак", "Љубав", "Лука", "Њива", "Нова"]
    words += ["Ђак", "Дечани"]
    assert _sorted(words, "sr") == [
        "Дечани",
        "Ђак",
        "Лука",
        "Љубав",
        "Нова",
        "Њива",
        "Тетово",
        "Ћирилица",
        "Чачак",
        "Џеп",
        "Шар",
    ]


def test_serbian_latin_digraphs_are_letters() -> None:
    words = ["Šar", "Ćirilica", "Tetovo", "Džep", "Čačak", "Ljubav", "Luka", "Njiva", "Nova"]
    words += ["Đak", "Dečani", "Dušan", "Cvet", "Zlatar", "Žabljak"]
    assert _sorted(words, "sr_Latn") == [
        "Cvet",
        "Čačak",
        "Ćirilica",
        "Dečani",
        "Dušan",
        "Džep",
        "Đak",
        "Luka",
        "Ljubav",
        "Nova",
        "Njiva",
        "Šar",
        "Tetovo",
        "Zlatar",
        "Žabljak",
    ]


def test_english_ignores_accents_before_it_compares_letters() -> None:
    assert _sorted(["Zveçan", "Zubin Potok", "Zvecan", "Čačak", "Cana", "Deçan"], "en") == [
        "Čačak",  # as "cacak"
        "Cana",
        "Deçan",
        "Zubin Potok",
        "Zvecan",
        "Zveçan",
    ]


def test_accents_then_case_break_ties_and_lower_case_comes_first() -> None:
    for language in ("en", "sq", "sr", "sr_Latn"):
        assert _sorted(["Ána", "ána", "Ana", "ana", "anb"], language) == [
            "ana",
            "Ana",
            "ána",
            "Ána",
            "anb",
        ]
        assert compare("ana", "ana", language) == 0
        assert compare("Ana", "ana", language) == 1


def test_case_never_decides_before_the_letters_do() -> None:
    assert _sorted(["NGO Zajedno", "Network for Peace", "ngo Alfa"], "en") == [
        "Network for Peace",
        "ngo Alfa",
        "NGO Zajedno",
    ]


def test_space_and_punctuation_before_digits_before_letters() -> None:
    for language in ("en", "sq", "sr", "sr_Latn"):
        assert _sorted(["ab", "a-b", "a b", "2", "10", "1", "Ab"], language) == [
            "1",
            "10",
            "2",
            "a b",
            "a-b",
            "ab",
            "Ab",
        ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sr", ["Нова", "Нови", "Nova", "Novi"]),
        ("sr_Latn", ["Nova", "Novi", "Нова", "Нови"]),
        ("sq", ["Nova", "Novi", "Нова", "Нови"]),
        ("en", ["Nova", "Novi", "Нова", "Нови"]),
    ],
)
def test_mixed_scripts_put_the_languages_own_script_first(
    language: str, expected: list[str]
) -> None:
    assert _sorted(["Novi", "Нови", "Nova", "Нова"], language) == expected


def test_a_dh_with_a_capital_h_is_two_letters_as_in_icu() -> None:
    # ICU's Albanian contractions are "dh", "Dh" and "DH"
    assert _sorted(["dz", "dH", "dh", "dy"], "sq") == ["dH", "dy", "dz", "dh"]


def test_the_key_is_the_same_however_the_text_is_composed() -> None:
    composed, decomposed = "Çaji", "C\u0327aji"
    assert sort_key(composed, "sq") == sort_key(decomposed, "sq")
    assert compare("Cana", decomposed, "sq") == -1
    assert compare(decomposed, "Dardania", "sq") == -1


def test_an_unknown_language_sorts_as_english() -> None:
    assert sort_key("Zveçan", "de") == sort_key("Zveçan", "en")


# Texts that differ only in accents and case are where the shortened levels decide, so
# one alphabet is a few letters in many forms; the other mixes scripts and digraphs.
_VARIANTS = "aAáÁàâeEëËéċcCçÇ"
_TRICKY = "aAáÁeëËçÇdhDhDHgjlLlljnNjšŠčćđžždžDžабвђжјљњћџАБЂЉЊ -'.,0129"
_TEXTS = st.text(alphabet=_VARIANTS, max_size=4) | st.text(alphabet=_TRICKY, max_size=12)


@given(st.lists(_TEXTS, min_size=2, max_size=8))
@settings(max_examples=500, deadline=None)
@pytest.mark.parametrize("language", ["en", "sq", "sr", "sr_Latn"])
def test_shortened_keys_keep_the_order_of_the_full_levels(language: str, texts: list[str]) -> None:
    """The key leaves out the common weights at the end of the accents' and the case's
    levels; texts must still sort as the levels in full sort them."""
    alphabet = _Alphabet(language)

    def full(text: str) -> str:
        return "\x01".join(alphabet.levels(text))

    assert sorted(texts, key=sort_key_for(language)) == sorted(texts, key=full)
    for first, second in pairwise(texts):
        assert (sort_key(first, language) < sort_key(second, language)) == (
            full(first) < full(second)
        )
