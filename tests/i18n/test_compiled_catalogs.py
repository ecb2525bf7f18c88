"""Catalogs compiled into the user's cache folder: the same translations as the ``.po``
files, never stale once a ``.po`` file changes, and no harm when the cache is unusable.

Each test compiles into its own cache folder (``CSODESK_CACHE_DIR``) and, where it edits a
catalog, works on a copy of the shipped catalogs, never on them.
"""

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from babel.messages.pofile import read_po

from desktop.i18n import reload_catalogs, translator_for
from desktop.i18n.catalog import PLURAL_COUNTS, Catalog, po_path
from desktop.i18n.compiled import (
    CACHE_DIR_VARIABLE,
    cache_dir,
    compiled_catalog,
    compiled_path,
)
from desktop.i18n.translator import Translator, catalog_files, load_catalog
from desktop.resources import I18N_DIR

LANGUAGES = ("sq", "sr", "sr_Latn", "en")
# Enough numbers to pass through every Serbian plural form (1, 2–4, 5–20, 21, 111…).
COUNTS = (0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 1001)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    reload_catalogs()
    yield folder
    reload_catalogs()


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    """A copy of the shipped catalogs, to edit."""
    folder = tmp_path / "i18n"
    shutil.copytree(I18N_DIR, folder)
    return folder


def compiled(folder: Path, code: str) -> Catalog:
    return compiled_catalog(
        folder, code, catalog_files(folder, code), lambda: load_catalog(folder, code)
    )


def from_the_cache_only(folder: Path, code: str) -> Catalog:
    """The compiled catalog, failing if it would have to parse the ``.po`` files."""

    def parse() -> Catalog:
        raise AssertionError(f"{code} was parsed again instead of read from its compiled file")

    return compiled_catalog(folder, code, catalog_files(folder, code), parse)


def template_messages() -> list[tuple[str | None, str, str | None]]:
    """Every (context, singular, plural) of the template."""
    with (I18N_DIR / "csodesk.pot").open("rb") as handle:
        return [
            (
                message.context,
                message.id if isinstance(message.id, str) else message.id[0],
                None if isinstance(message.id, str) else message.id[1],
            )
            for message in read_po(handle)
            if message.id
        ]


def everything_shown(translator: Translator) -> list[str]:
    """What the translator gives for every message of the template, every plural form."""
    shown: list[str] = []
    for context, singular, plural in template_messages():
        if plural is None:
            shown.append(
                translator.pgettext(context, singular) if context else translator.gettext(singular)
            )
            continue
        for n in COUNTS:
            shown.append(
                translator.npgettext(context, singular, plural, n)
                if context
                else translator.ngettext(singular, plural, n)
            )
    return shown


def albanian_line(path: Path, msgid: str) -> str:
    """The ``msgstr`` line of ``msgid`` in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[lines.index(f'msgid "{msgid}"') + 1]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalog_translates_exactly_as_the_po_files(cache: Path, code: str) -> None:
    parsed = load_catalog(I18N_DIR, code)
    compiled(I18N_DIR, code)  # compiles it
    assert compiled_path(I18N_DIR, code).is_file()
    cached = from_the_cache_only(I18N_DIR, code)

    assert cached.messages == parsed.messages
    assert cached.plural_forms == parsed.plural_forms
    shown = everything_shown(Translator(code, cached))
    assert shown == everything_shown(Translator(code, parsed))
    if code != "en":
        assert sum(text.isascii() for text in shown) < len(shown) / 2  # translated, really


def test_serbian_plural_forms_and_contexts_survive_the_cache(cache: Path) -> None:
    compiled(I18N_DIR, "sr")
    serbian = Translator("sr", from_the_cache_only(I18N_DIR, "sr"))
    plurals = [(s, p) for context, s, p in template_messages() if p and not context]
    assert PLURAL_COUNTS["sr"] == 3 and plurals
    assert all(len(serbian.catalog.messages[singular]) == 3 for singular, _ in plurals)
    three_ways = [s for s, p in plurals if len({serbian.ngettext(s, p, n) for n in (1, 2, 5)}) == 3]
    assert len(three_ways) > len(plurals) / 2  # one, few and many differ in most
    contexts = [(c, s) for c, s, p in template_messages() if c and not p]
    assert contexts
    parsed = Translator("sr", load_catalog(I18N_DIR, "sr"))
    for context, message in contexts:
        assert serbian.pgettext(context, message) == parsed.pgettext(context, message)


def test_an_edited_po_file_is_compiled_again(cache: Path, catalogs: Path) -> None:
    """Same size, same modification time: the content itself decides."""
    compiled(catalogs, "sq")
    path = po_path(catalogs, "sq")
    before = os.stat(path)
    old = albanian_line(path, "Projects")
    assert old == 'msgstr "Projektet"'
    path.write_text(
        path.read_text(encoding="utf-8").replace(old, 'msgstr "Projektat"'), encoding="utf-8"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size

    assert compiled(catalogs, "sq").lookup("Projects") == "Projektat"
    assert from_the_cache_only(catalogs, "sq").lookup("Projects") == "Projektat"


def test_serbian_latin_is_compiled_again_when_the_cyrillic_catalog_changes(
    cache: Path, catalogs: Path
) -> None:
    assert compiled(catalogs, "sr_Latn").lookup("Projects") == "Projekti"
    path = po_path(catalogs, "sr")
    old = albanian_line(path, "Projects")
    path.write_text(
        path.read_text(encoding="utf-8").replace(old, 'msgstr "Пројекти и програми"'),
        encoding="utf-8",
    )
    assert compiled(catalogs, "sr_Latn").lookup("Projects") == "Projekti i programi"


def test_the_live_reload_of_translator_mode_sees_a_saved_catalog(
    cache: Path, catalogs: Path
) -> None:
    assert translator_for("sq", catalogs).gettext("Projects") == "Projektet"
    path = po_path(catalogs, "sq")
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            albanian_line(path, "Projects"), 'msgstr "Projekte"'
        ),
        encoding="utf-8",
    )
    assert translator_for("sq", catalogs).gettext("Projects") == "Projektet"  # kept until…
    reload_catalogs()
    assert translator_for("sq", catalogs).gettext("Projects") == "Projekte"


@pytest.mark.parametrize("harm", ["a file where the folder should be", "a damaged file"])
def test_an_unusable_cache_falls_back_to_the_po_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, harm: str
) -> None:
    parsed = load_catalog(I18N_DIR, "sq")
    if harm == "a damaged file":
        monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
        compiled(I18N_DIR, "sq")
        target = compiled_path(I18N_DIR, "sq")
        target.write_bytes(target.read_bytes()[:1000])
    else:
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file", encoding="utf-8")
        monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "catalogs"))

    assert compiled(I18N_DIR, "sq").messages == parsed.messages
    assert compiled(I18N_DIR, "sq").messages == parsed.messages
    if harm == "a damaged file":  # written anew, whole
        assert from_the_cache_only(I18N_DIR, "sq").messages == parsed.messages


def test_without_a_home_folder_the_po_files_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in (CACHE_DIR_VARIABLE, "XDG_CACHE_HOME", "HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    assert compiled(I18N_DIR, "sq").messages == load_catalog(I18N_DIR, "sq").messages


def test_a_broken_entry_is_reported_at_every_start_not_only_when_compiled(
    cache: Path, catalogs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = po_path(catalogs, "sq")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(albanian_line(path, "Projects"), 'msgstr "Projektet {extra}"'),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        first = compiled(catalogs, "sq")
    reported = [record.getMessage() for record in caplog.records]
    assert any(f"{path}:" in message and "placeholders" in message for message in reported)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = from_the_cache_only(catalogs, "sq")
    assert [record.getMessage() for record in caplog.records] == reported
    assert {record.name for record in caplog.records} == {"desktop.i18n.catalog"}
    assert first.lookup("Projects") is None and again.lookup("Projects") is None


def test_compiled_files_of_removed_catalog_folders_are_deleted(
    cache: Path, catalogs: Path, tmp_path: Path
) -> None:
    compiled(catalogs, "sq")
    gone = compiled_path(catalogs, "sq")
    assert gone.is_file()
    shutil.rmtree(catalogs)
    other = tmp_path / "other"
    shutil.copytree(I18N_DIR, other)
    compiled(other, "sq")
    assert not gone.exists()
    assert compiled_path(other, "sq").is_file()


def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)
    expected = platformdirs.user_cache_path("CSODesk", appauthor=False) / "catalogs"
    assert cache_dir() == expected
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/elsewhere")
    assert cache_dir() == platformdirs.user_cache_path("CSODesk", appauthor=False) / "catalogs"


def test_english_has_no_translation_to_compile() -> None:
    """So English could skip its catalog; it is still read, and costs a compiled file of a
    few hundred bytes, in case a translator ever corrects an English wording there."""
    assert load_catalog(I18N_DIR, "en").messages == {}
