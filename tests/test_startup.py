"""Starting CSO Desk as a user does, in a fresh process: ``--exit-after-paint`` ends a start
at its first paint with status 0, and each start imports only what it needs (no Qt for a
headless command, no Alembic for a database already at the head revision, no reportlab
before anything is printed, no page's module before it is shown, no openpyxl, PIL or
cryptography before a spreadsheet or an encrypted backup is read or written).

Each process reports the modules it imported once it is done; every run has a timeout, so
a switch that failed to quit fails the test instead of hanging it.
"""

import argparse
import gc
import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop import cli
from desktop.cli import main
from desktop.ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120
# Runs the real entry point, then names every imported module, the garbage collector's state,
# whether PySide6 made its ``Qt`` namespace and the mappers SQLAlchemy configured on standard
# error's last line.
RUNNER = """
import gc, json, sys
from desktop.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exit:
    status = exit.code
sys.stdout.flush()
collector = {"on": gc.isenabled(), "frozen": gc.get_freeze_count()}
qt_namespace = "Qt" in vars(sys.modules.get("PySide6.QtCore", sys))
base = sys.modules.get("desktop.domain.base")
mappers = base.Base.registry.mappers if base else ()
report = {
    "status": status,
    "modules": sorted(sys.modules),
    "collector": collector,
    "qt_namespace": qt_namespace,
    "configured": sorted(mapper.class_.__name__ for mapper in mappers if mapper.configured),
}
print("\\n" + json.dumps(report), file=sys.stderr)
"""

# Before ``RUNNER``: the window stays open until every model has been imported and every
# mapper configured after the first rows (or 30 s have passed), then quits.
UNTIL_MODELS_ARE_LOADED = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])


def quit_once_loaded():
    base = sys.modules.get("desktop.domain.base")
    if "desktop.domain.results" in sys.modules and all(
        mapper.configured for mapper in base.Base.registry.mappers
    ):
        app.quit()


watch = QTimer(interval=50, timeout=quit_once_loaded)
watch.start()
QTimer.singleShot(30_000, app.quit)
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    assert main(["--db", str(path), "demo"]) == 0
    yield path


def throwaway_environment(home: Path) -> dict[str, str]:
    """A throwaway home, settings folder and language, and Qt without a screen."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CSODESK_", "LC_", "LANG"))
    }
    environment.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        QT_QPA_PLATFORM="offscreen",
        CSODESK_LANG="en",
    )
    return environment


def _run(home: Path, *arguments: str) -> tuple[int, set[str], str]:
    """The status, the modules imported and the output of one ``csodesk`` process."""
    report, stdout = _report(home, *arguments)
    return report["status"], set(report["modules"]), stdout


def _report(home: Path, *arguments: str, before: str = "") -> tuple[dict[str, Any], str]:
    """What one ``csodesk`` process reports as it ends (``RUNNER``, after ``before``), and
    its output."""
    result = subprocess.run(
        [sys.executable, "-c", before + RUNNER, *arguments],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        env=throwaway_environment(home),
    )
    return json.loads(result.stderr.strip().splitlines()[-1]), result.stdout


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_exit_after_paint_quits_a_real_start_with_status_0(office: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(office), "--exit-after-paint"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        env=throwaway_environment(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr  # nor in the thread checking the file meanwhile


def test_exit_after_paint_rows_quits_once_the_list_is_shown(office: Path, tmp_path: Path) -> None:
    """That it waits for the rows' paint is tested in tests/ui/test_exit_after_paint.py."""
    status, _modules, _out = _run(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert status == 0


def test_exit_after_paint_is_documented_in_help(tmp_path: Path) -> None:
    _status, _modules, out = _run(tmp_path, "--help")
    assert "--exit-after-paint" in out and "rows" in out


def test_help_imports_no_qt_and_no_database_layer(tmp_path: Path) -> None:
    status, modules, out = _run(tmp_path, "--help")
    assert status == 0 and "usage" in out
    assert not _packages(modules) & {"PySide6", "shiboken6", "sqlalchemy", "alembic", "reportlab"}


def test_list_imports_no_qt_no_alembic_and_no_reportlab(office: Path, tmp_path: Path) -> None:
    status, modules, out = _run(tmp_path, "--db", str(office), "list", "projects")
    assert status == 0 and out.count("\n") >= 4  # a heading and the demo's projects
    assert not _packages(modules) & {"PySide6", "shiboken6", "alembic", "reportlab"}


def test_db_check_imports_no_qt(office: Path, tmp_path: Path) -> None:
    status, modules, _out = _run(tmp_path, "--db", str(office), "db", "check")
    assert status == 0
    assert not _packages(modules) & {"PySide6", "shiboken6", "reportlab"}


def test_the_window_is_painted_before_sqlalchemy_is_imported(office: Path, tmp_path: Path) -> None:
    """``--exit-after-paint`` quits at the main window's first paint, its frame's, so what
    the process imported then is what that paint waited for: Qt, the settings and the
    language, and none of the database layer, the services, the domain or the pages.  The
    second start of the user is looked at: the first compiles the catalog with Babel."""
    _run(tmp_path, "--db", str(office), "--exit-after-paint")
    status, modules, _out = _run(tmp_path, "--db", str(office), "--exit-after-paint")
    assert status == 0 and "desktop.ui.main_window" in modules
    heavy = {"sqlalchemy", "alembic", "reportlab", "openpyxl", "babel", "cryptography", "argon2"}
    assert _packages(modules) & heavy == set()
    ours = ("desktop.store", "desktop.services", "desktop.domain", "desktop.reports")
    assert not [name for name in modules if name.startswith(ours)]
    assert not _page_modules(modules)


def test_a_start_on_a_current_database_imports_neither_alembic_nor_reportlab(
    office: Path, tmp_path: Path
) -> None:
    status, modules, _out = _run(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert status == 0 and "PySide6.QtWidgets" in modules
    assert "alembic" not in _packages(modules)
    assert "reportlab" not in _packages(modules)


def test_a_start_on_an_older_schema_imports_alembic_to_upgrade_it(tmp_path: Path) -> None:
    """The other side of the rule above: the revision read without Alembic says when it is
    needed."""
    old = tmp_path / "old.sqlite3"
    source = ROOT / "tests" / "data" / "revisions" / "revision-0009.sqlite3.gz"
    with gzip.open(source, "rb") as packed, old.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    status, modules, _out = _run(tmp_path, "--db", str(old), "--exit-after-paint=rows")
    assert status == 0
    assert "alembic" in _packages(modules)


def _page_modules(modules: set[str]) -> set[str]:
    return {spec.module for spec in PAGES} & modules


def test_a_start_imports_only_the_page_it_shows(office: Path, tmp_path: Path) -> None:
    """The sidebar names eleven pages; a start shows one (Projects, for a new user), so it
    imports that page's module alone, even once its rows are on screen (and so at its
    first paint, which comes before)."""
    status, modules, _out = _run(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert status == 0 and "desktop.ui.navigation" in modules
    assert _page_modules(modules) == {"desktop.ui.projects.page"}


def test_the_frame_is_painted_before_qts_namespace_is_made(office: Path, tmp_path: Path) -> None:
    """PySide6 makes the ``Qt`` namespace's 93 enum classes at once, the first time any of
    them is named (≈ 15 ms of CPU): the frame's first paint does without them
    (desktop/ui/main_window.py)."""
    report, _out = _report(tmp_path, "--db", str(office), "--exit-after-paint")
    assert report["status"] == 0 and "PySide6.QtCore" in report["modules"]
    assert not report["qt_namespace"]


def test_a_start_imports_no_dialog_before_its_first_rows(office: Path, tmp_path: Path) -> None:
    """A laptop's start asks nobody to sign in and meets no conflict: the sign-in and
    password dialogs, the record editor's conflict dialog and attachments panel, and the
    page's own editor are imported when first opened, not before the first rows."""
    settings = tmp_path / "config" / "CSODesk" / "CSODesk.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[main_window]\npage=activities\n", encoding="utf-8")
    status, modules, _out = _run(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert status == 0 and "desktop.ui.activities.page" in modules
    dialogs = {
        "desktop.ui.sign_in.dialog",
        "desktop.ui.sign_in.translator_window",
        "desktop.ui.users.passwords",
        "desktop.ui.users.users_dialog",
        "desktop.ui.widgets.conflict_dialog",
        "desktop.ui.widgets.attachments_panel",
        "desktop.ui.activities.dialog",
    }
    assert not dialogs & modules


def test_a_start_imports_only_the_models_of_its_first_rows(office: Path, tmp_path: Path) -> None:
    """The activities list's first rows need the activity, the models its relationships
    reach and the user: the grants', periods', results', research outputs', cases' and
    attachments' models are imported later, so their import does not delay the rows.  The
    sign-in question and the rows are read through the tables alone, so no mapper is
    configured before the rows either (``_load_models`` in desktop/ui/app.py does it once
    they are shown)."""
    settings = tmp_path / "config" / "CSODesk" / "CSODesk.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[main_window]\npage=activities\n", encoding="utf-8")
    report, _out = _report(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    modules = set(report["modules"])
    assert report["status"] == 0 and "desktop.domain.activity" in modules
    later = {
        f"desktop.domain.{name}"
        for name in ("attachment", "case", "grant", "period", "research", "results")
    }
    assert not later & modules
    assert report["configured"] == []


def test_the_other_models_and_every_mapper_follow_the_first_rows(
    office: Path, tmp_path: Path
) -> None:
    """While the user reads the first rows, the models they did not need are imported and
    every mapper is configured, so the first record opened pays for neither."""
    report, _out = _report(tmp_path, "--db", str(office), before=UNTIL_MODELS_ARE_LOADED)
    assert report["status"] == 0
    assert {"Grant", "Result", "Case", "Attachment", "Activity", "User"} <= set(
        report["configured"]
    )


def test_a_start_turns_the_garbage_collector_back_on_once_its_rows_are_shown(
    office: Path, tmp_path: Path
) -> None:
    """The start runs without the collector (desktop/ui/collector.py) and ends its pause
    at its first rows, freezing what it made; a command keeps it."""
    report, _out = _report(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert report["status"] == 0
    assert report["collector"]["on"] and report["collector"]["frozen"] > 10_000
    report, _out = _report(tmp_path, "--db", str(office), "db", "check")
    assert report["status"] == 0 and report["collector"] == {"on": True, "frozen": 0}


def test_list_runs_without_the_collector_and_gives_it_back(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``list`` reads, prints and ends: the collector is off while it runs, and on again
    for whoever called ``main`` in their own process."""
    collector_on: list[bool] = []
    listing = cli._COMMANDS["list"]

    def list_noting_the_collector(options: argparse.Namespace) -> int:
        collector_on.append(gc.isenabled())
        return listing(options)

    monkeypatch.setitem(cli._COMMANDS, "list", list_noting_the_collector)
    assert main(["--db", str(office), "list", "projects"]) == 0
    assert collector_on == [False]
    assert gc.isenabled()
    assert capsys.readouterr().out  # the projects were listed


def test_a_start_imports_no_spreadsheet_image_or_encryption_library(
    office: Path, tmp_path: Path
) -> None:
    """openpyxl (with PIL) is for imports and exports, cryptography for encrypted backups:
    a start with its first list on screen needs neither."""
    status, modules, _out = _run(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert status == 0 and "desktop.services.export" in modules
    assert not _packages(modules) & {"openpyxl", "PIL", "cryptography"}


def test_help_reads_a_compiled_catalog_and_imports_no_babel_or_metadata(tmp_path: Path) -> None:
    """The first start compiles the language's catalog into the user's cache (parsing the
    .po file with Babel); every later ``--help`` reads the compiled file, and looks up no
    version, builds no command's arguments and sets up no logging."""
    for language in ("en", "sq"):
        _run(tmp_path, "--lang", language, "--help")  # compiles the catalog
        status, modules, out = _run(tmp_path, "--lang", language, "--help")
        assert status == 0 and out.count("\n") > 10
        assert not _packages(modules) & {"babel", "PySide6", "shiboken6", "sqlalchemy"}
        assert not modules & {
            "importlib.metadata",
            "desktop.i18n.catalog",
            "desktop.i18n.po_parser",
            "desktop.services.report_formats",
            "desktop.cli_users",
            "desktop.cli_backups",
            "logging",
        }
    assert "përdorimi" in out  # Albanian, from the compiled catalog


def test_list_projects_imports_the_projects_service_alone(office: Path, tmp_path: Path) -> None:
    _run(tmp_path, "--db", str(office), "list", "projects")  # compiles the catalog
    status, modules, out = _run(tmp_path, "--db", str(office), "list", "projects")
    assert status == 0 and out.count("\n") >= 4
    assert "desktop.services.projects" in modules
    assert not modules & {
        "desktop.services.grants",
        "desktop.services.organisations",
        "desktop.services.report_formats",
        "desktop.i18n.po_parser",
    }
    assert "babel" not in _packages(modules)  # it formats no number, date or amount
