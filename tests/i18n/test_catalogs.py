"""Catalogs read straight from the .po files, with an explicit fallback chain, and never
broken by a translator's mistake.
"""

from pathlib import Path

import pytest

from desktop import i18n
from desktop.i18n.catalog import context_key, placeholder_mismatch, po_path
from desktop.i18n.check import check_catalogs
from desktop.i18n.translator import Translator, load_catalog
from desktop.i18n.translit import contains_cyrillic
from desktop.resources import I18N_DIR

_HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {plural}\\n"

"""
_SERBIAN_PLURAL = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)


def _write(folder: Path, code: str, body: str, plural: str = "nplurals=2; plural=(n != 1);"):
    path = po_path(folder, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_HEADER.format(plural=plural) + body, encoding="utf-8")


def test_shipped_catalogs_are_complete_and_valid() -> None:
    result = check_catalogs()

    assert result.errors == ()
    assert [coverage.code for coverage in result.coverage] == ["sq", "sr", "sr_Latn"]
    for coverage in result.coverage:
        assert coverage.total > 1000, coverage
        assert (coverage.translated, coverage.untranslated, coverage.fuzzy) == (
            coverage.total,
            (),
            (),
        ), f"{coverage.code}: {(coverage.untranslated + coverage.fuzzy)[:5]}"


@pytest.mark.parametrize("code", ["sq", "sr", "sr_Latn"])
def test_each_language_loads_every_message_of_the_template(code: str) -> None:
    """Counted apart from the check: every template entry has a usable translation."""
    from babel.messages.pofile import read_po

    with (I18N_DIR / "csodesk.pot").open("rb") as handle:
        template = [message for message in read_po(handle) if message.id]
    catalog = load_catalog(I18N_DIR, code)

    assert catalog.issues == ()
    untranslated = []
    for message in template:
        english = message.id if isinstance(message.id, str) else message.id[0]
        key = context_key(message.context, english) if message.context else english
        if isinstance(message.id, str):
            found = catalog.lookup(key)
        else:
            found = all(catalog.lookup_plural(key, n) for n in (1, 2, 5))
        if not found:
            untranslated.append(message.id)
    assert untranslated == [], untranslated[:5]


@pytest.mark.parametrize("code", ["sq", "sr", "sr_Latn"])
def test_every_language_translates_the_window_s_words(code: str) -> None:
    translator = i18n.translator_for(code)
    for english in ("Projects", "Grants", "Partners", "Reports", "Search"):
        assert translator.gettext(english) != english, (code, english)
    for english in ("Save", "Cancel", "&Yes"):
        assert translator.pgettext("Qt", english) != english, (code, english)


@pytest.mark.parametrize("code", ["sq", "sr", "sr_Latn"])
def test_every_translation_keeps_the_english_placeholders(code: str) -> None:
    """Counted on the loaded catalog: a translation the loader kept has every placeholder of
    the English, and no other (a plural form for one number alone may drop the number)."""
    from babel.messages.pofile import read_po

    with (I18N_DIR / "csodesk.pot").open("rb") as handle:
        template = [message for message in read_po(handle) if message.id]
    catalog = load_catalog(I18N_DIR, code)
    differing = []
    for message in template:
        english = message.id if isinstance(message.id, str) else message.id[0]
        key = context_key(message.context, english) if message.context else english
        translated = catalog.messages.get(key)
        if translated is None:
            continue
        forms = (translated,) if isinstance(translated, str) else translated
        if placeholder_mismatch(message.id, forms, catalog.plural_index) != (set(), set()):
            differing.append(english)
    assert differing == []


def test_serbian_latin_never_shows_cyrillic() -> None:
    latin = load_catalog(I18N_DIR, "sr_Latn")
    assert latin.messages, "the Serbian catalog is empty"
    for value in latin.messages.values():
        forms = (value,) if isinstance(value, str) else value
        assert not any(contains_cyrillic(form) for form in forms), value


def test_serbian_plurals_use_three_forms(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "sr",
        'msgid "{count} activity"\nmsgid_plural "{count} activities"\n'
        'msgstr[0] "{count} активност"\nmsgstr[1] "{count} активности"\n'
        'msgstr[2] "{count} активности у низу"\n',
        _SERBIAN_PLURAL,
    )
    serbian = Translator("sr", load_catalog(tmp_path, "sr"))
    forms = {
        n: serbian.ngettext("{count} activity", "{count} activities", n) for n in (1, 3, 5, 21)
    }
    assert forms == {
        1: "{count} активност",
        3: "{count} активности",
        5: "{count} активности у низу",
        21: "{count} активност",
    }


def test_latin_is_derived_from_cyrillic_and_overridden_by_its_own_catalog(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "sr",
        'msgid "Projects"\nmsgstr "Пројекти"\n\nmsgid "Report"\nmsgstr "Извештај"\n',
        _SERBIAN_PLURAL,
    )
    _write(tmp_path, "sr_Latn", 'msgid "Report"\nmsgstr "Izveštaj (latinica)"\n', _SERBIAN_PLURAL)
    latin = Translator("sr_Latn", load_catalog(tmp_path, "sr_Latn"))
    assert latin.gettext("Projects") == "Projekti"
    assert latin.gettext("Report") == "Izveštaj (latinica)"
    # Untranslated text falls back to English, never to the Cyrillic catalog.
    assert latin.gettext("Grants") == "Grants"


def test_a_broken_translation_falls_back_to_english(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "sq",
        'msgid "Report written to {file}."\nmsgstr "Raporti u shkrua në {skedari}."\n\n'
        'msgid "Save"\nmsgstr "Ruaj"\n\n'
        '#, fuzzy\nmsgid "Cancel"\nmsgstr "Anulo ndoshta"\n',
    )
    albanian = Translator("sq", load_catalog(tmp_path, "sq"))
    assert albanian.gettext("Report written to {file}.").format(file="a.pdf") == (
        "Report written to a.pdf."
    )
    assert albanian.gettext("Save") == "Ruaj"
    assert albanian.gettext("Cancel") == "Cancel"


def test_an_unreadable_catalog_gives_english(tmp_path: Path) -> None:
    path = po_path(tmp_path, "sq")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'msgid "Save"\nmsgstr "Ruaj\n\x00\xff garbage')
    assert Translator("sq", load_catalog(tmp_path, "sq")).gettext("Save") in {"Save", "Ruaj"}


def test_language_switch_notifies_listeners() -> None:
    heard: list[str] = []
    unsubscribe = i18n.on_language_changed(heard.append)
    try:
        assert i18n.set_language("sr-Latn-XK") == "sr_Latn"
        assert i18n.set_language("klingon") == "en"
    finally:
        unsubscribe()
    assert heard == ["sr_Latn", "en"]


def test_empty_latin_entries_do_not_hide_the_transliteration(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "sr",
        'msgid "{count} grant"\nmsgid_plural "{count} grants"\n'
        'msgstr[0] "{count} грант"\nmsgstr[1] "{count} гранта"\nmsgstr[2] "{count} грантова"\n',
        _SERBIAN_PLURAL,
    )
    _write(
        tmp_path,
        "sr_Latn",
        'msgid "{count} grant"\nmsgid_plural "{count} grants"\n'
        'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n',
        _SERBIAN_PLURAL,
    )
    latin = Translator("sr_Latn", load_catalog(tmp_path, "sr_Latn"))
    assert latin.ngettext("{count} grant", "{count} grants", 5) == "{count} grantova"
    assert latin.ngettext("{count} grant", "{count} grants", 3) == "{count} granta"


def test_the_template_holds_every_message_of_the_code(tmp_path: Path) -> None:
    """A string added to the code without `make i18n` would reach users untranslated."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "--no-location",
            "-k",
            "N_",
            "-k",
            "NP_:1c,2",
            "-k",
            "ngettext:1,2",
            "-o",
            str(fresh),
            str(Path(i18n.__file__).parent.parent),
        ],
        check=True,
        capture_output=True,
    )

    def keys(path: Path) -> set[tuple[str | None, str]]:
        with path.open("rb") as handle:
            return {
                (m.context, m.id if isinstance(m.id, str) else m.id[0])
                for m in read_po(handle)
                if m.id
            }

    missing = keys(fresh) - keys(I18N_DIR / "csodesk.pot")
    assert not missing, f"run `make i18n` and translate: {sorted(missing, key=str)[:5]}"
