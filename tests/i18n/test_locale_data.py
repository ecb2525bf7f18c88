"""Babel's merged locale data kept in the user's cache folder: the same data Babel merges.

Each test uses its own cache folder (``CSODESK_CACHE_DIR``) and empties Babel's caches, so
that a locale is really merged, written and read back."""

import pickle
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel import localedata
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency

from desktop.i18n import formatting
from desktop.i18n.compiled import CACHE_DIR_VARIABLE
from desktop.i18n.languages import language_codes
from desktop.i18n.locale_data import SUFFIX, preload


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    _forget_everything()
    yield folder
    _forget_everything()


def _forget_everything() -> None:
    localedata.clear_caches()
    formatting.locale_formats.cache_clear()
    formatting._date_pattern.cache_clear()


def _merged_by_babel(name: str) -> bytes:
    localedata.clear_caches()
    return pickle.dumps(localedata.load(name))


@pytest.mark.parametrize("code", language_codes())
def test_the_data_read_back_are_babels_own(cache: Path, code: str) -> None:
    name = formatting.babel_locale(code)
    expected = _merged_by_babel(name)
    localedata.clear_caches()

    preload(name)  # nothing cached yet: Babel merges, and the result is written
    assert (cache / f"{name}{SUFFIX}").is_file()
    localedata.clear_caches()
    preload(name)  # read back from the file into Babel's cache
    assert name in localedata._cache

    assert pickle.dumps(localedata.load(name)) == expected


@pytest.mark.parametrize("code", language_codes())
def test_values_format_as_babel_formats_them_from_the_cache(cache: Path, code: str) -> None:
    name = formatting.babel_locale(code)
    preload(name)
    _forget_everything()  # the next start: the locale comes from the file
    day, amount = date(2026, 10, 20), Decimal("1234567.5")

    shown = (formatting.format_date(day, code), formatting.format_money(amount, "EUR", code))

    _forget_everything()
    (cache / f"{name}{SUFFIX}").unlink()
    assert shown == (
        babel_format_date(day, "medium", locale=name),
        format_currency(amount, "EUR", locale=name),
    )


def test_a_damaged_or_foreign_file_is_merged_again_and_replaced(cache: Path) -> None:
    name = formatting.babel_locale("sq")
    expected = _merged_by_babel(name)
    target = cache / f"{name}{SUFFIX}"
    for content in (
        b"not a pickle",
        pickle.dumps(("another", "stamp")) + pickle.dumps({"months": {}}),
    ):
        cache.mkdir(exist_ok=True)
        target.write_bytes(content)
        localedata.clear_caches()

        preload(name)

        assert pickle.dumps(localedata.load(name)) == expected
        assert target.read_bytes() != content  # written anew for the next start


def test_an_unwritable_cache_folder_costs_only_the_merge(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocked / "cache"))
    _forget_everything()
    try:
        assert formatting.format_date(date(2026, 1, 2), "en") == "Jan 2, 2026"
    finally:
        _forget_everything()
