"""A translator's mistake in a ``.po`` file costs only the entries it touches: they show
English, the rest of the catalog keeps working, and the log names the file and line."""

import logging
from pathlib import Path

import pytest

from desktop.i18n.catalog import IssueKind, po_path, read_catalog
from desktop.i18n.translator import Translator, load_catalog

SERBIAN_PLURAL = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
ALBANIAN_PLURAL = "nplurals=2; plural=(n != 1);"


def write_catalog(folder: Path, code: str, body: str, plural: str = ALBANIAN_PLURAL) -> Path:
    """A catalog as Poedit writes it: the header, then ``body``; returns its path."""
    path = po_path(folder, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        'msgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {code}\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n\n'
    )
    path.write_text(header + body, encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of ``path`` that equals ``text``."""
    return path.read_text(encoding="utf-8", errors="replace").splitlines().index(text) + 1


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def albanian(folder: Path) -> Translator:
    return Translator("sq", load_catalog(folder, "sq"))


GOOD_BEFORE = 'msgid "Projects"\nmsgstr "Projektet"\n\n'
GOOD_AFTER = '\nmsgid "Partners"\nmsgstr "Partnerët"\n'


@pytest.mark.parametrize(
    "broken",
    [
        'msgid "Grants"\nmsgstr "Grantet\n',  # the closing quote forgotten
        'msgid "Grants"\nmsgstr Grantet\n',  # no quotes at all
        'msgid "Grants"\nmsgsrt "Grantet"\n',  # a misspelt keyword
        'msgid "Grants"\nmsgstr "Grantet"\nGrante të tjera"\n',  # a line half-quoted
    ],
    ids=["unterminated", "unquoted", "misspelt-keyword", "half-quoted-continuation"],
)
def test_a_syntax_error_loses_only_its_entry(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, broken: str
) -> None:
    path = write_catalog(tmp_path, "sq", GOOD_BEFORE + broken + GOOD_AFTER)
    translator = albanian(tmp_path)

    assert translator.gettext("Projects") == "Projektet"
    assert translator.gettext("Partners") == "Partnerët"
    assert translator.gettext("Grants") == "Grants"
    bad_line = max(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "Grante" in line
    )
    assert any(f"{path}:{bad_line}:" in warning for warning in warnings(caplog)), warnings(caplog)


def test_a_missing_catalog_gives_english_and_says_which_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    translator = albanian(tmp_path)

    assert translator.gettext("Projects") == "Projects"
    assert translator.ngettext("{count} grant", "{count} grants", 5) == "{count} grants"
    assert any(str(po_path(tmp_path, "sq")) in warning for warning in warnings(caplog))


@pytest.mark.parametrize(
    ("translation", "missing", "added"),
    [
        ('"Raporti u shkrua në {skedari}."', ("file",), ("skedari",)),
        ('"Raporti u shkrua."', ("file",), ()),
        ('"Raporti u shkrua në {file."', ("file",), ("<malformed>",)),
    ],
    ids=["renamed", "left-out", "malformed"],
)
def test_a_wrong_placeholder_shows_the_english_message(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    translation: str,
    missing: tuple[str, ...],
    added: tuple[str, ...],
) -> None:
    path = write_catalog(
        tmp_path,
        "sq",
        GOOD_BEFORE + f'msgid "Report written to {{file}}."\nmsgstr {translation}\n' + GOOD_AFTER,
    )
    translator = albanian(tmp_path)

    message = translator.gettext("Report written to {file}.").format(file="raporti.pdf")
    assert message == "Report written to raporti.pdf."
    assert translator.gettext("Projects") == "Projektet"
    line = line_of(path, 'msgid "Report written to {file}."')
    [issue] = load_catalog(tmp_path, "sq", log_issues=False).issues
    assert (issue.kind, issue.line, issue.missing, issue.added) == (
        IssueKind.PLACEHOLDERS,
        line,
        missing,
        added,
    )
    assert any(f"{path}:{line}:" in warning for warning in warnings(caplog))


def test_a_plural_form_may_leave_out_the_number_only_where_it_stands_for_one_number(
    tmp_path: Path,
) -> None:
    """Albanian "një aktivitet" serves n = 1 alone; Serbian form 0 serves 1, 21, 31 …"""
    write_catalog(
        tmp_path,
        "sq",
        'msgid "{count} activity"\nmsgid_plural "{count} activities"\n'
        'msgstr[0] "një aktivitet"\nmsgstr[1] "{count} aktivitete"\n',
    )
    write_catalog(
        tmp_path,
        "sr",
        'msgid "{count} activity"\nmsgid_plural "{count} activities"\n'
        'msgstr[0] "једна активност"\nmsgstr[1] "{count} активности"\n'
        'msgstr[2] "{count} активности"\n',
        SERBIAN_PLURAL,
    )
    serbian = Translator("sr", load_catalog(tmp_path, "sr"))

    assert albanian(tmp_path).ngettext("{count} activity", "{count} activities", 1) == (
        "një aktivitet"
    )
    # "једна активност" for 21 activities would be wrong: English instead.
    assert serbian.ngettext("{count} activity", "{count} activities", 21) == "{count} activities"


def test_an_empty_plural_form_shows_english_for_every_number(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_catalog(
        tmp_path,
        "sr",
        'msgid "{count} grant"\nmsgid_plural "{count} grants"\n'
        'msgstr[0] "{count} грант"\nmsgstr[1] "{count} гранта"\nmsgstr[2] ""\n'
        '\nmsgid "Projects"\nmsgstr "Пројекти"\n',
        SERBIAN_PLURAL,
    )
    serbian = Translator("sr", load_catalog(tmp_path, "sr"))

    assert [serbian.ngettext("{count} grant", "{count} grants", n) for n in (1, 2, 5)] == [
        "{count} grant",
        "{count} grants",
        "{count} grants",
    ]
    assert serbian.gettext("Projects") == "Пројекти"
    line = line_of(path, 'msgid "{count} grant"')
    assert any(f"{path}:{line}:" in warning for warning in warnings(caplog))


def test_an_empty_translation_is_english_and_the_log_says_where(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_catalog(tmp_path, "sq", GOOD_BEFORE + 'msgid "Grants"\nmsgstr ""\n')
    translator = albanian(tmp_path)

    assert translator.gettext("Grants") == "Grants"
    line = line_of(path, 'msgid "Grants"')
    [warning] = warnings(caplog)
    assert str(path) in warning and str(line) in warning


@pytest.mark.parametrize(
    "header",
    [
        "nplurals=2; plural=(n != 1);",  # Albanian's rule copied into Serbian
        "nplurals=x; plural=n;",  # Babel itself gives up on this one
        "nplurals=3; plural=(n%10==1 ? 0 : 1",  # a bracket left open
        "nplurals=3; plural=n+5;",  # chooses forms that are not there
    ],
    ids=["two-forms", "not-a-number", "unbalanced", "out-of-range"],
)
def test_a_wrong_plural_forms_header_shows_plurals_in_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, header: str
) -> None:
    path = write_catalog(
        tmp_path,
        "sr",
        'msgid "Projects"\nmsgstr "Пројекти"\n\n'
        'msgid "{count} grant"\nmsgid_plural "{count} grants"\n'
        'msgstr[0] "{count} грант"\nmsgstr[1] "{count} гранта"\nmsgstr[2] "{count} грантова"\n',
        header,
    )
    serbian = Translator("sr", load_catalog(tmp_path, "sr"))
    latin = Translator("sr_Latn", load_catalog(tmp_path, "sr_Latn"))

    assert serbian.gettext("Projects") == "Пројекти"
    assert latin.gettext("Projects") == "Projekti"
    for translator in (serbian, latin):
        assert translator.ngettext("{count} grant", "{count} grants", 5) == "{count} grants"
        assert translator.ngettext("{count} grant", "{count} grants", 1) == "{count} grant"
    header_line = next(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith('"Plural-Forms:')
    )
    assert any(f"{path}:{header_line}:" in warning for warning in warnings(caplog))


def test_a_header_wrapped_over_two_lines_is_read_whole(tmp_path: Path) -> None:
    """Babel and Poedit wrap the long Serbian rule; both halves make one rule."""
    path = write_catalog(
        tmp_path,
        "sr",
        'msgid "{count} grant"\nmsgid_plural "{count} grants"\n'
        'msgstr[0] "{count} грант"\nmsgstr[1] "{count} гранта"\nmsgstr[2] "{count} грантова"\n',
        "PLACEHOLDER",
    )
    text = path.read_text(encoding="utf-8").replace(
        '"Plural-Forms: PLACEHOLDER\\n"',
        '"Plural-Forms: nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % "\n'
        '"10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;\\n"',
    )
    path.write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path, "sr")
    serbian = Translator("sr", catalog)

    assert catalog.issues == ()
    assert [serbian.ngettext("{count} grant", "{count} grants", n) for n in (1, 2, 5, 21)] == [
        "{count} грант",
        "{count} гранта",
        "{count} грантова",
        "{count} грант",
    ]


def test_too_many_plural_forms_are_an_error_on_the_entry(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_catalog(
        tmp_path,
        "sq",
        'msgid "{count} grant"\nmsgid_plural "{count} grants"\n'
        'msgstr[0] "{count} grant"\nmsgstr[1] "{count} grante"\nmsgstr[2] "{count} grantesh"\n'
        + GOOD_AFTER,
    )
    catalog = load_catalog(tmp_path, "sq")

    assert Translator("sq", catalog).ngettext("{count} grant", "{count} grants", 5) == (
        "{count} grants"
    )
    assert Translator("sq", catalog).gettext("Partners") == "Partnerët"
    [issue] = catalog.issues
    line = line_of(path, 'msgid "{count} grant"')
    assert (issue.kind, issue.line, issue.found, issue.expected) == (
        IssueKind.PLURAL_COUNT,
        line,
        3,
        2,
    )


def test_bytes_that_are_not_utf8_lose_only_their_entry(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_catalog(tmp_path, "sq", GOOD_BEFORE + 'msgid "Grants"\nmsgstr "GRANTS"\n')
    path.write_bytes(path.read_bytes().replace(b"GRANTS", "Grantët".encode("cp1250")))
    translator = albanian(tmp_path)

    assert translator.gettext("Projects") == "Projektet"
    assert translator.gettext("Grants") == "Grants"
    line = line_of(path, 'msgid "Grants"') + 1
    assert any(f"{path}:{line}:" in warning for warning in warnings(caplog))


def test_garbage_never_raises(tmp_path: Path) -> None:
    path = po_path(tmp_path, "sq")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'msgid "Save"\nmsgstr "Ruaj\n\x00\xff garbage\n#- conflict\n"\n')
    catalog = read_catalog(path, 2)

    assert Translator("sq", catalog).gettext("Save") == "Save"
    assert catalog.issues


def test_a_qt_text_that_loses_its_marker_shows_english_and_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    body = (
        'msgctxt "Qt"\nmsgid "%1 already exists.\\nDo you want to replace it?"\n'
        'msgstr "Skedari ekziston tashmë.\\nDëshironi ta zëvendësoni?"\n\n'
        'msgctxt "Qt"\nmsgid "Are you sure you want to delete \'%1\'?"\n'
        "msgstr \"A jeni të sigurt që doni ta fshini '%1'?\"\n"
    )
    path = write_catalog(tmp_path, "sq", body)
    translator = albanian(tmp_path)

    lost = "%1 already exists.\nDo you want to replace it?"
    assert translator.pgettext("Qt", lost) == lost
    kept = "Are you sure you want to delete '%1'?"
    assert translator.pgettext("Qt", kept) == "A jeni të sigurt që doni ta fshini '%1'?"
    line = line_of(path, 'msgid "%1 already exists.\\nDo you want to replace it?"')
    assert any(f"{path}:{line}" in warning for warning in warnings(caplog)), warnings(caplog)
