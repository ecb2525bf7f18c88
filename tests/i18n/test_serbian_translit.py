"""Serbian Latin written from Cyrillic, for real place names, people's names and words.

Each pair is what a Serbian reader writes in Latin; searching folds both spellings to the
same key, so a record typed in one script is found from the other.
"""

import pytest

from desktop.i18n.folding import fold
from desktop.i18n.translit import contains_cyrillic, cyrillic_to_latin

REAL_WORDS = [
    # Љ, Њ, Џ become digraphs: capitalised in a capitalised word, all-capital in a
    # word written all in capitals.
    ("Љубљана", "Ljubljana"),
    ("ЉУБЉАНА", "LJUBLJANA"),
    ("Њујорк", "Njujork"),
    ("ЊУЈОРК", "NJUJORK"),
    ("Џакула", "Džakula"),
    ("ЏАКУЛА", "DŽAKULA"),
    ("Његош", "Njegoš"),
    ("ЊЕГОШ", "NJEGOŠ"),
    # Н and Ј typed as two letters give the same Latin as the one letter Њ.
    ("НЈЕГОШ", "NJEGOŠ"),
    ("Ђорђе", "Đorđe"),
    ("ЂОРЂЕ", "ĐORĐE"),
    ("Ђурђевдан", "Đurđevdan"),
    ("Џеладин Краснићи", "Dželadin Krasnići"),
    ("Љиљана Јањић", "Ljiljana Janjić"),
    ("ЉИЉАНА ЈАЊИЋ", "LJILJANA JANJIĆ"),
    ("КРАЉЕВО", "KRALJEVO"),
    ("КРАЉ", "KRALJ"),
    ("Краљ", "Kralj"),
    # Kosovo's municipalities and places as Serbian reports name them.
    ("Грачаница", "Gračanica"),
    ("Звечан", "Zvečan"),
    ("Зубин Поток", "Zubin Potok"),
    ("Лепосавић", "Leposavić"),
    ("Штрпце", "Štrpce"),
    ("Ново Брдо", "Novo Brdo"),
    ("Косовска Митровица", "Kosovska Mitrovica"),
    ("ЂАКОВИЦА", "ĐAKOVICA"),
    ("Пећ", "Peć"),
    ("Ораховац", "Orahovac"),
    # Д followed by Ж is two letters, not the one letter Џ.
    ("надживети", "nadživeti"),
    ("ПОДЖУПАН", "PODŽUPAN"),
    ("Џ и Љ", "Dž i Lj"),
    # Interface texts: access keys, placeholders and punctuation pass through.
    ("&Љубав", "&Ljubav"),
    ("Пројекат „{name}“ је сачуван.", "Projekat „{name}“ je sačuvan."),
    ("{count} учесника (Њ/Ж)", "{count} učesnika (Nj/Ž)"),
    ("ЕУ грант 2025/461-198", "EU grant 2025/461-198"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), REAL_WORDS)
def test_real_words_are_written_as_a_serbian_reader_writes_them(cyrillic: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic) == latin
    assert contains_cyrillic(cyrillic)
    assert not contains_cyrillic(latin)


@pytest.mark.parametrize(("cyrillic", "latin"), REAL_WORDS)
def test_both_scripts_are_searched_alike(cyrillic: str, latin: str) -> None:
    assert fold(cyrillic) == fold(latin)


@pytest.mark.parametrize(
    "text", ["Prishtinë", "Mitrovicë e Jugut", "Ljubljana", "Đorđe", "DŽAKULA", "{count} ⚠"]
)
def test_latin_text_is_left_as_it_is(text: str) -> None:
    assert cyrillic_to_latin(text) == text
    assert not contains_cyrillic(text)


def test_the_latin_alphabet_is_the_cyrillic_one_letter_for_letter() -> None:
    azbuka = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
    gajica = "A B V G D Đ E Ž Z I J K L Lj M N Nj O P R S T Ć U F H C Č Dž Š"
    assert cyrillic_to_latin(" ".join(azbuka)) == gajica
    assert cyrillic_to_latin(" ".join(azbuka.lower())) == gajica.lower()
