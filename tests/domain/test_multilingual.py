"""Names per language, and the fallback chain each language reads them through."""

import pytest

from desktop.domain.multilingual import resolve_name
from desktop.i18n.translit import contains_cyrillic

ALL = {"en": "Prishtinë/Priština", "sq": "Prishtinë", "sr": "Приштина", "sr_Latn": "Priština"}


@pytest.mark.parametrize("language", ["en", "sq", "sr", "sr_Latn"])
def test_each_language_reads_its_own_name(language: str) -> None:
    assert resolve_name(ALL, language) == ALL[language]


def test_serbian_latin_is_derived_from_cyrillic() -> None:
    assert resolve_name({"sr": "Јужна Митровица", "sq": "Mitrovicë e Jugut"}, "sr_Latn") == (
        "Južna Mitrovica"
    )


def test_serbian_cyrillic_falls_back_to_latin_before_other_languages() -> None:
    assert resolve_name({"sr_Latn": "Zvečan", "en": "Zveçan/Zvečan"}, "sr") == "Zvečan"


@pytest.mark.parametrize("language", ["en", "sq", "sr_Latn"])
def test_latin_readers_never_get_cyrillic(language: str) -> None:
    name = resolve_name({"sr": "Безбедност заједнице"}, language)
    assert name == "Bezbednost zajednice"
    assert not contains_cyrillic(name)


def test_blank_names_are_skipped_and_nothing_gives_empty() -> None:
    assert resolve_name({"en": "  ", "sq": "Gjilan"}, "en") == "Gjilan"
    assert resolve_name({}, "sq") == ""
