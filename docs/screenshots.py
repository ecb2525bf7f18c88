"""Screenshots of the main window and its editors, for the README, taken from the demo data.

Run with ``make screenshots``: it builds a throwaway demo database and settings folder, so
nothing of the user's own data or preferences is shown or changed.  By default it takes every
page of the main window in English and Albanian into ``docs/screenshots/<language>/``.

To check how the window looks on a dark desktop and a high-DPI screen, take every page and
every editor with Fusion on a dark palette (as a dark desktop theme gives it) at twice the
pixel density, somewhere outside the repository::

    xvfb-run -a .venv/bin/python docs/screenshots.py --theme dark --scale 2 --all \\
        --languages en --out /tmp/shots

``--only NAME ...`` takes some shots alone (``--list`` names them): the README's dark
pictures are ``--theme dark --languages en --only dashboard grant-budget --out
docs/screenshots/dark``.
"""

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

if not os.environ.get("DISPLAY"):  # under xvfb-run, its screen; otherwise none at all
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from desktop import i18n
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.ui.language import language_hub
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.results.grid_model import FIRST_PERIOD_COLUMN
from desktop.ui.style import install_style
from desktop.ui.widgets.colours import dark_palette

OUTPUT = Path(__file__).resolve().parent / "screenshots"
LANGUAGES = ("en", "sq")
WINDOW_SIZE = (1280, 800)


def _settle() -> None:
    """Let pages that load in the background (the dashboard) deliver before the picture."""
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(10_000)
        app.processEvents()


# -- what is photographed ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    name: str
    take: Callable[[MainWindow], Iterator[QWidget]]  # yields the widget to grab, then closes it


def _page(key: str) -> Shot:
    def take(window: MainWindow) -> Iterator[QWidget]:
        window.show_page(key)
        yield window

    return Shot(key, take)


def _first_row_dialog(key: str, name: str) -> Shot:
    """The editor of the first record on a list page."""

    def take(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page(key)
        _settle()
        page.table.selectRow(0)
        dialog = page.open_dialog(page.selected_row().id)
        yield from _shown(dialog)

    return Shot(name, take)


def _shown(dialog: QWidget) -> Iterator[QWidget]:
    _settle()
    yield dialog
    if isinstance(dialog, QDialog):
        dialog.done(QDialog.DialogCode.Rejected)
    dialog.close()


def _new_with_errors(key: str, name: str) -> Shot:
    """A new record saved empty: the messages under its fields."""

    def take(window: MainWindow) -> Iterator[QWidget]:
        dialog = window.show_page(key).open_dialog(None)
        dialog.save()
        dialog.is_modified = lambda: False  # closing asks nothing
        yield from _shown(dialog)

    return Shot(name, take)


def _activity_with_problem(window: MainWindow) -> Iterator[QWidget]:
    """An activity whose participants grid holds a count that cannot be saved."""
    page = window.show_page("activities")
    _settle()
    page.table.selectRow(0)
    dialog = page.open_dialog(page.selected_row().id)
    grid = dialog.grid
    if grid.table.rowCount() == 0:
        grid.add_button.click()
    grid.table.item(0, 2).setText("twelve")
    dialog.is_modified = lambda: False
    yield from _shown(dialog)


@contextmanager
def _grant_window(window: MainWindow) -> Iterator[QWidget]:
    page = window.show_page("grants")
    _settle()
    page.table.selectRow(0)
    grant = page.open_window(page.selected_row().id)
    grant.resize(*WINDOW_SIZE)
    _settle()
    try:
        yield grant
    finally:
        grant.close()


def _grant_tab(index: int, name: str) -> Shot:
    def take(window: MainWindow) -> Iterator[QWidget]:
        with _grant_window(window) as grant:
            grant.findChild(QTabWidget).setCurrentIndex(index)
            _settle()
            yield grant

    return Shot(name, take)


def _grant_part_dialog(index: int, name: str) -> Shot:
    """The editor of the first row of one tab of the grant's window."""

    def take(window: MainWindow) -> Iterator[QWidget]:
        with _grant_window(window) as grant:
            tab = grant.all_tabs()[index]
            grant.findChild(QTabWidget).setCurrentIndex(index)
            _settle()
            tab.table.selectRow(0)
            yield from _shown(tab.open_dialog(tab.selected_row().id))

    return Shot(name, take)


def _result_dialog(indicator: bool, name: str) -> Shot:
    def take(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page("results")
        _settle()
        tree = page.tree_panel.tree
        index = tree.model().index(0, 0)
        while indicator and tree.model().rowCount(index):
            tree.expand(index)
            index = tree.model().index(0, 0, index)
        tree.setCurrentIndex(index)
        yield from _shown(page.tree_panel.edit_selected())

    return Shot(name, take)


def _value_dialog(window: MainWindow) -> Iterator[QWidget]:
    page = window.show_page("results")
    _settle()
    panel, model = page.values_panel, page.values_panel.model
    for row in range(model.rowCount()):
        for column in range(FIRST_PERIOD_COLUMN, model.columnCount()):
            panel.table.setCurrentIndex(model.index(row, column))
            dialog = panel.edit_selected()  # a value still open to editing
            if dialog is not None:
                yield from _shown(dialog)
                return


def _case_part(open_part: Callable[[QWidget], QWidget | None], name: str) -> Shot:
    """A dialog the case editor opens over itself (change of status, follow-up action)."""

    def take(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page("cases")
        _settle()
        page.table.selectRow(0)
        case = page.open_dialog(page.selected_row().id)
        _settle()
        part = open_part(case)
        yield from _shown(part)
        case.done(QDialog.DialogCode.Rejected)

    return Shot(name, take)


def _audit_entry(window: MainWindow) -> Iterator[QWidget]:
    """One entry of the log; the demo is loaded without a trail, so a project is edited
    first as a user would."""
    projects = window.show_page("projects")
    _settle()
    projects.table.selectRow(0)
    editor = projects.open_dialog(projects.selected_row().id)
    summary = editor.summary_edit.toPlainText()
    editor.summary_edit.setPlainText(f"{summary} The partners reviewed the plan in November.")
    editor.save()
    page = window.show_page("audit")
    _settle()
    page.table.selectRow(0)
    yield from _shown(page.show_selected())


EDITORS: tuple[Shot, ...] = (
    _first_row_dialog("projects", "project-dialog"),
    _new_with_errors("projects", "project-dialog-errors"),
    _first_row_dialog("partners", "partner-dialog"),
    _first_row_dialog("people", "person-dialog"),
    _first_row_dialog("grants", "grant-dialog"),
    _grant_tab(0, "grant-budget"),
    _grant_tab(1, "grant-instalments"),
    _grant_tab(2, "grant-expenditures"),
    _grant_tab(3, "grant-periods"),
    _grant_part_dialog(0, "budget-line-dialog"),
    _grant_part_dialog(1, "instalment-dialog"),
    _grant_part_dialog(2, "expenditure-dialog"),
    _grant_part_dialog(3, "period-dialog"),
    _first_row_dialog("activities", "activity-dialog"),
    Shot("activity-dialog-errors", _activity_with_problem),
    _result_dialog(False, "result-dialog"),
    _result_dialog(True, "indicator-dialog"),
    Shot("value-dialog", _value_dialog),
    _first_row_dialog("research", "research-dialog"),
    _first_row_dialog("cases", "case-dialog"),
    _new_with_errors("cases", "case-dialog-errors"),
    _case_part(lambda case: case.change_status(), "case-status-dialog"),
    _case_part(lambda case: case.add_action(), "case-action-dialog"),
    Shot("audit-entry-dialog", _audit_entry),
)


def _all_shots() -> tuple[Shot, ...]:
    return tuple(_page(spec.key) for spec in PAGES) + EDITORS


# -- the run ----------------------------------------------------------------------------------


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=("system", "dark"), default="system")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio")
    parser.add_argument("--all", action="store_true", help="every editor too, not only pages")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these shots alone")
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--list", action="store_true", help="name every shot and stop")
    return parser.parse_args(argv)


def _chosen(arguments: argparse.Namespace) -> tuple[Shot, ...]:
    shots = _all_shots()
    if arguments.only:
        unknown = set(arguments.only) - {shot.name for shot in shots}
        if unknown:
            raise SystemExit(f"No such shot: {', '.join(sorted(unknown))} (see --list)")
        return tuple(shot for shot in shots if shot.name in arguments.only)
    return shots if arguments.all else shots[: len(PAGES)]


def _take(window: MainWindow, shot: Shot, target: Path) -> None:
    pictures = shot.take(window)
    widget = next(pictures, None)
    if widget is None:
        print(f"Nothing to show for {shot.name}", file=sys.stderr)
        return
    _settle()
    widget.grab().save(str(target))
    for _rest in pictures:
        pass


def _photograph(db: Database, arguments: argparse.Namespace, shots: tuple[Shot, ...]) -> None:
    language_hub()
    window = MainWindow(db)
    window.resize(*WINDOW_SIZE)
    window.show()
    for language in arguments.languages:
        i18n.set_language(language)
        apart = arguments.out == OUTPUT or len(arguments.languages) > 1
        folder = arguments.out / language if apart else arguments.out
        folder.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            _take(window, shot, folder / f"{shot.name}.png")
    window.close()


def main(argv: list[str]) -> int:
    arguments = _arguments(argv)
    if arguments.list:
        print("\n".join(shot.name for shot in _all_shots()))
        return 0
    shots = _chosen(arguments)
    if arguments.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{arguments.scale:g}"
    app = QApplication(sys.argv[:1])
    if arguments.theme == "dark":
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    install_style(app)  # the outlined tick boxes, over whichever style, as the app draws them
    with tempfile.TemporaryDirectory() as scratch:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        db = open_database(str(Path(scratch) / "demo.sqlite3"))
        load_demo(db)
        try:
            _photograph(db, arguments, shots)
        finally:
            db.close()
    print(f"Screenshots written to {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
