"""``csodesk i18n check`` as a translator runs it: coverage per language, every error with
its file and line, a failure on errors only — and on untranslated messages too with
``--strict``, as ``make test`` runs it."""

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.i18n.catalog import IssueKind, po_path
from desktop.i18n.check import check_catalogs
from desktop.resources import I18N_DIR_VARIABLE
from tests.i18n.test_broken_catalogs import SERBIAN_PLURAL, line_of, write_catalog

TEMPLATE = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Projects"
msgstr ""

msgid "Grants"
msgstr ""

msgid "Report written to {file}."
msgstr ""

msgid "{count} grant"
msgid_plural "{count} grants"
msgstr[0] ""
msgstr[1] ""
"""

ALBANIAN_HALF_DONE = """msgid "Projects"
msgstr "Projektet"

#, fuzzy
msgid "Grants"
msgstr "Grante"

msgid "Report written to {file}."
msgstr "Raporti u shkrua në {file}."
"""

SERBIAN_COMPLETE = """msgid "Projects"
msgstr "Пројекти"

msgid "Grants"
msgstr "Грантови"

msgid "Report written to {file}."
msgstr "Извештај је записан у {file}."

msgid "{count} grant"
msgid_plural "{count} grants"
msgstr[0] "{count} грант"
msgstr[1] "{count} гранта"
msgstr[2] "{count} грантова"
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Catalogs with no error: Serbian complete, Albanian half done."""
    i18n = tmp_path / "i18n"
    i18n.mkdir()
    (i18n / "csodesk.pot").write_text(TEMPLATE, encoding="utf-8")
    write_catalog(i18n, "sq", ALBANIAN_HALF_DONE)
    write_catalog(i18n, "sr", SERBIAN_COMPLETE, SERBIAN_PLURAL)
    write_catalog(i18n, "sr_Latn", "", SERBIAN_PLURAL)
    monkeypatch.setenv(I18N_DIR_VARIABLE, str(i18n))
    return i18n


def run_check(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    status = main(["--lang", "en", "i18n", "check", *options])
    return status, capsys.readouterr().out


def test_coverage_is_counted_per_language(folder: Path) -> None:
    result = check_catalogs(folder)

    counts = {
        coverage.code: (coverage.translated, len(coverage.fuzzy), len(coverage.untranslated))
        for coverage in result.coverage
    }
    assert counts == {"sq": (2, 1, 1), "sr": (4, 0, 0), "sr_Latn": (4, 0, 0)}
    assert result.errors == ()
    assert result.passed() and not result.passed(strict=True)


def test_untranslated_messages_are_reported_but_fail_only_the_strict_check(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = run_check(capsys)

    assert status == 0
    assert "Shqip (sq): 2 of 4 translated (50%), 1 untranslated, 1 fuzzy, 0 with errors" in out
    assert "Српски (sr): 4 of 4 translated (100%), 0 untranslated, 0 fuzzy, 0 with errors" in out
    sq = po_path(folder, "sq")
    assert f"{sq}: not in the file yet (run make i18n): “{{count}} grant”" in out
    fuzzy_line = line_of(sq, 'msgid "Grants"')
    assert f"{sq}:{fuzzy_line}: marked fuzzy, to review: “Grants”" in out
    assert "2 messages are not translated yet and show in English" in out

    status, out = run_check(capsys, "--strict")
    assert status == 1
    assert "the catalogs must be complete" in out


def test_errors_fail_the_check_and_name_file_and_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sr = write_catalog(
        folder,
        "sr",
        SERBIAN_COMPLETE.replace("у {file}.", "у {датотека}.").replace(
            'msgstr[2] "{count} грантова"\n', ""
        )
        + 'msgid "Archive"\nmsgstr "Архива\n',
        SERBIAN_PLURAL,
    )
    write_catalog(folder, "sq", ALBANIAN_HALF_DONE, "nplurals=3; plural=(n > 1 ? 2 : n);")
    write_catalog(folder, "sr_Latn", 'msgid "Grants"\nmsgstr "Грантови"\n', SERBIAN_PLURAL)
    sq, latin = po_path(folder, "sq"), po_path(folder, "sr_Latn")
    placeholder_line = line_of(sr, 'msgid "Report written to {file}."')
    header_line = line_of(sq, '"Plural-Forms: nplurals=3; plural=(n > 1 ? 2 : n);\\n"')

    result = check_catalogs(folder)
    found = {(issue.path, issue.line, issue.kind) for issue in result.errors}
    assert found == {
        (sr, placeholder_line, IssueKind.PLACEHOLDERS),
        (sr, line_of(sr, 'msgid "{count} grant"'), IssueKind.EMPTY_FORM),
        (sr, line_of(sr, 'msgstr "Архива'), IssueKind.SYNTAX),
        (sq, header_line, IssueKind.PLURAL_HEADER),
        (latin, line_of(latin, 'msgid "Grants"'), IssueKind.CYRILLIC),
    }

    status, out = run_check(capsys)
    assert status == 1
    assert (
        f"  {sr}:{placeholder_line}: “Report written to {{file}}.”: the placeholders differ "
        "from the English (missing: {file}; not in the English: {датотека})\n"
    ) in out
    assert f"  {sq}:{header_line}: the Plural-Forms header" in out
    syntax_line = line_of(sr, 'msgstr "Архива')
    assert (
        f'  {sr}:{syntax_line}: a text must start and end with a double quote: msgstr "Архива'
        in out
    )
    assert "Српски (sr): 2 of 4 translated (50%), 0 untranslated, 0 fuzzy, 2 with errors" in out
    assert "5 errors to correct." in out


def test_a_missing_template_or_catalog_is_an_error(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po_path(folder, "sq").unlink()
    result = check_catalogs(folder)
    assert [(issue.path, issue.kind) for issue in result.errors] == [
        (po_path(folder, "sq"), IssueKind.MISSING_FILE)
    ]
    (folder / "csodesk.pot").unlink()
    status, out = run_check(capsys)
    assert status == 1
    assert f"{folder / 'csodesk.pot'}: the file is missing" in out
