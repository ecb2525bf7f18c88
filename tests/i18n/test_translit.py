"""Serbian Cyrillic to Latin, as a Serbian reader expects it."""

import pytest

from desktop.i18n.folding import fold
from desktop.i18n.translit import contains_cyrillic, cyrillic_to_latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Приштина", "Priština"),
        ("Ђаковица", "Đakovica"),
        ("Љубав и њива", "Ljubav i njiva"),
        ("ЉУБАВ", "LJUBAV"),
        ("ЊЕГОШ", "NJEGOŠ"),
        ("Џемпер", "Džemper"),
        ("ЏЕМПЕР", "DŽEMPER"),
        ("Љ", "Lj"),
        ("ХАЏ", "HADŽ"),
        ("Хаџ", "Hadž"),
        ("Чачак, Шабац, Ћуприја, Жабаљ", "Čačak, Šabac, Ćuprija, Žabalj"),
        ("Јужна Митровица 2026.", "Južna Mitrovica 2026."),
        ("Prishtinë {count} ⚠", "Prishtinë {count} ⚠"),
        ("", ""),
    ],
)
def test_transliteration(cyrillic: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic) == latin
    assert not contains_cyrillic(cyrillic_to_latin(cyrillic))


def test_every_serbian_letter_has_a_latin_form() -> None:
    alphabet = "абвгдђежзијклљмнњопрстћуфхцчџш"
    assert not contains_cyrillic(cyrillic_to_latin(alphabet + alphabet.upper()))


@pytest.mark.parametrize("spelling", ["Prishtinë", "prishtine", "PRISHTINË"])
def test_albanian_spellings_fold_alike(spelling: str) -> None:
    assert fold(spelling) == "prishtine"


@pytest.mark.parametrize("spelling", ["Priština", "Pristina", "Приштина", "ПРИШТИНА"])
def test_serbian_spellings_fold_alike(spelling: str) -> None:
    assert fold(spelling) == "pristina"


def test_folding_keeps_words_apart() -> None:
    assert fold("  Graçanicë /  Грачаница ") == "gracanice / gracanica"
