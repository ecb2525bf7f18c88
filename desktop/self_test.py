"""``csodesk --self-test``: does this installation work, checked end to end on throwaway data.

Meant for an office that has just installed CSO Desk, for whoever supports it over the
phone, and for the installer's own test: it runs inside a bundle as well as from the
source tree, finding catalogs, fonts and reference data where the application does
(``desktop.resources``).  It creates a database in a temporary folder, migrates it, loads
the demo office, opens the main window offscreen until its first rows are painted, writes
the quarterly report of the demo grant in each interface language and checks every font
of each PDF is embedded, then writes the files partners are sent (the demo office's IATI
file, checked against IATI's schema, and the demo grant's workbook, read back).  One line
per check, ``ok`` or ``FAILED`` and why (the exception's own text, never a traceback), then
a summary; the exit status is 0 only if all passed.

Nothing of the user's is read or written: the process's settings, data and cache folders
(the ``XDG_*`` variables, CSO Desk's catalog cache, Qt's settings) are pointed into the
temporary folder before anything uses them, the database is a file named explicitly there
(never the user's last or default database, nor their backups), and the folder is deleted
at the end.  The process's environment is changed for good: the self-test is a whole
command, run in its own process.
"""

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop.i18n import LANGUAGES, _, ngettext

if TYPE_CHECKING:
    from desktop.store.database import Database

EXIT_PASSED, EXIT_FAILED = 0, 1
REPORT_FORMAT = "quarterly"
DEMO_GRANT = "2025/461-198"
DEMO_PERIOD = "2026-Q1"
DEMO_REPORTING_ORGANISATION = "QSB"
FIRST_ROWS_TIMEOUT_MS = 60_000
# A message every catalog translates: a language whose catalog is missing from the
# installation would print its reports in English without complaint.
_TRANSLATED_SAMPLE = "Projects"
_CACHE_DIR_VARIABLE = "CSODESK_CACHE_DIR"  # desktop.i18n.compiled's, named to not import it


class CheckFailed(Exception):
    """A check found the installation wrong; its text is the translated reason."""


@dataclass(frozen=True)
class Outcome:
    """One check's result, as printed."""

    name: str
    reason: str | None  # None: passed

    @property
    def passed(self) -> bool:
        return self.reason is None


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check in a temporary folder, printing a line for each and a summary;
    the exit status."""
    stream = out or sys.stdout
    folder = Path(tempfile.mkdtemp(prefix="csodesk-self-test-"))
    try:
        isolate(folder)
        outcomes = SelfTest(folder, stream).run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    failed = [outcome for outcome in outcomes if not outcome.passed]
    if failed:
        summary = ngettext(
            "Self-test failed: {failed} check of {count} failed.",
            "Self-test failed: {failed} checks of {count} failed.",
            len(failed),
        ).format(failed=len(failed), count=len(outcomes))
    else:
        summary = ngettext(
            "Self-test passed: the {count} check passed.",
            "Self-test passed: all {count} checks passed.",
            len(outcomes),
        ).format(count=len(outcomes))
    print(summary, file=stream, flush=True)
    return EXIT_FAILED if failed else EXIT_PASSED


def isolate(folder: Path) -> None:
    """Point every per-user folder this process could write (settings, data, cache, state)
    into ``folder``, before Qt, platformdirs or the catalog cache first look them up.
    Qt's settings are pointed there too when the window check starts Qt
    (``desktop.ui.self_test_window``), for systems whose settings are not files."""
    for variable, name in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        os.environ[variable] = str(folder / name)
    os.environ[_CACHE_DIR_VARIABLE] = str(folder / "cache" / "catalogs")


class SelfTest:
    """The checks in order; a check whose prerequisite failed fails too, saying which."""

    def __init__(self, folder: Path, out: TextIO) -> None:
        self.folder = folder
        self.out = out
        self.outcomes: list[Outcome] = []
        self.db: Database | None = None
        self.grant: tuple[int, int] | None = None  # the demo grant's id and its period's
        self.reports: dict[str, Path] = {}

    def run(self) -> list[Outcome]:
        try:
            self._run_checks()
        finally:
            if self.db is not None:
                self.db.close()
        return self.outcomes

    def _run_checks(self) -> None:
        translations = self.check(_("Translation catalogs"), self._translations)
        database = self.check(_("Temporary database created and migrated"), self._database)
        demo = self.check(_("Demonstration data loaded"), self._demo, needs=[database])
        self.check(_("Main window shows its first rows (offscreen)"), self._window, needs=[demo])
        for language in LANGUAGES:
            report = self.check(
                # L10N: {language} is a language named in itself: Shqip, Српски, English…
                _("Quarterly report in {language}").format(language=language.native_name),
                lambda code=language.code: self._report(code),
                needs=[demo, translations],
            )
            self.check(
                _("Fonts embedded in the {language} report").format(language=language.native_name),
                lambda code=language.code: self._fonts(code),
                needs=[report],
            )
        self.check(
            _("IATI file of the demonstration office, valid against the IATI 2.03 schema"),
            self._iati,
            needs=[demo],
        )
        self.check(_("Grant workbook written and read back (XLSX)"), self._workbook, needs=[demo])

    def check(self, name: str, step: Callable[[], None], needs: Sequence[Outcome] = ()) -> Outcome:
        """Run ``step`` unless a check it needs failed, print and keep its outcome."""
        failed_before = [need for need in needs if not need.passed]
        if failed_before:
            # L10N: a check not run; {check} is the name of the earlier check that failed.
            reason: str | None = _("not run, because “{check}” failed").format(
                check=failed_before[0].name
            )
        else:
            reason = _attempt(step)
        outcome = Outcome(name, reason)
        self.outcomes.append(outcome)
        if reason is None:
            line = _("{check}: ok").format(check=name)
        else:
            line = _("{check}: FAILED: {reason}").format(check=name, reason=reason)
        print(line, file=self.out, flush=True)
        return outcome

    def _translations(self) -> None:
        from desktop.i18n import DEFAULT_LANGUAGE, translator_for
        from desktop.resources import i18n_dir

        untranslated = [
            language.native_name
            for language in LANGUAGES
            if language.code != DEFAULT_LANGUAGE
            and translator_for(language.code).gettext(_TRANSLATED_SAMPLE) == _TRANSLATED_SAMPLE
        ]
        if untranslated:
            raise CheckFailed(
                # L10N: {languages} lists languages named in themselves, {folder} a folder.
                _("no translations found for {languages} in {folder}").format(
                    languages=", ".join(untranslated), folder=i18n_dir()
                )
            )

    def _database(self) -> None:
        from desktop.store.database import open_database
        from desktop.store.maintenance import check_database

        self.db = open_database(str(self.folder / "self-test.sqlite3"))
        problems = check_database(self.db)
        if problems:
            raise CheckFailed(" ".join(problems))

    def _demo(self) -> None:
        from desktop.services.grants import GrantService
        from desktop.store.demo import load_demo

        db = self._open_database()
        summary = load_demo(db)
        if summary.projects == 0:
            raise CheckFailed(_("the demonstration office has no projects"))
        grants = GrantService(db)
        grant_id = grants.find(DEMO_GRANT)
        self.grant = (grant_id, grants.find_period(grant_id, DEMO_PERIOD))

    def _window(self) -> None:
        from desktop.ui.self_test_window import show_first_rows_offscreen

        show_first_rows_offscreen(self._open_database(), self.folder, FIRST_ROWS_TIMEOUT_MS)

    def _report(self, code: str) -> None:
        from desktop.services.report_formats import write_report

        if self.grant is None:
            raise CheckFailed(_("the demonstration grant was not found"))
        target = self.folder / f"report-{code}.pdf"
        write_report(self._open_database(), REPORT_FORMAT, *self.grant, code, target)
        if not target.read_bytes().startswith(b"%PDF-"):
            raise CheckFailed(_("the report written is not a PDF"))
        self.reports[code] = target

    def _fonts(self, code: str) -> None:
        from desktop.reports.embedded_fonts import fonts_not_embedded

        missing = fonts_not_embedded(self.reports[code].read_bytes())
        if missing:
            raise CheckFailed(
                # L10N: {fonts} lists font names, each with why it fails, in English.
                _("fonts not embedded: {fonts}").format(fonts="; ".join(missing))
            )

    def _iati(self) -> None:
        """The export's XML library and the schema files it ships with are found: the
        import checks a file against the same schema, so reading it back is the check."""
        from desktop.services.iati.export import IatiExportService
        from desktop.services.iati.reading import read_iati

        service = IatiExportService(self._open_database())
        written = service.export(service.find_organisation(DEMO_REPORTING_ORGANISATION))
        if len(read_iati(written.content).activities) != written.activities:
            raise CheckFailed(_("the IATI file does not read back as written"))

    def _workbook(self) -> None:
        from openpyxl import load_workbook

        from desktop.i18n import current_language
        from desktop.services.grant_workbook import export_grant_workbook

        if self.grant is None:
            raise CheckFailed(_("the demonstration grant was not found"))
        target = self.folder / "grant.xlsx"
        written = export_grant_workbook(
            self._open_database(), self.grant[0], target, current_language()
        )
        if tuple(load_workbook(target, read_only=True).sheetnames) != written.sheets:
            raise CheckFailed(_("the workbook does not read back as written"))

    def _open_database(self) -> "Database":
        if self.db is None:
            raise CheckFailed(_("the temporary database is not open"))
        return self.db


def _attempt(step: Callable[[], Any]) -> str | None:
    """``None`` if ``step`` ran through, else why not: a check's own reason, or the
    exception's kind and text."""
    try:
        step()
    except CheckFailed as failure:
        return str(failure)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None
