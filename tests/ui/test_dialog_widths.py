"""Every editor fits an office laptop: 1366×768 at 125 % leaves about 1090 logical pixels
(or 1024 on an older screen), so no editor may need more than 620 pixels in any language,
new or opened on a record.  Long organisation, project and indicator names shrink in their
combo boxes (the open list still shows them whole) rather than widen the dialog."""

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.store.database import Database
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.grants.budget_dialog import BudgetLineDialog
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.expenditure_dialog import ExpenditureDialog
from desktop.ui.grants.instalment_dialog import InstalmentDialog
from desktop.ui.grants.period_dialog import PeriodDialog
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.people.dialog import PersonDialog
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.research.dialog import ResearchOutputDialog
from desktop.ui.results.indicator_dialog import IndicatorDialog
from desktop.ui.results.result_dialog import ResultDialog
from tests.ui.every_window import WINDOWS, Demo, load, settle

NARROWEST = 620
LANGUAGES = ["en", "sq", "sr", "sr_Latn"]
EDITORS = [
    "project",
    "organisation",
    "person",
    "grant",
    "budget line",
    "expenditure",
    "instalment",
    "reporting period",
    "activity",
    "result",
    "indicator",
    "indicator value",
    "return value",
    "research output",
    "case",
    "case action",
    "case status",
    "import",
    "audit entry",
]

# The same editors opened for a new record.
NEW: dict[str, Callable[[Demo], QWidget]] = {
    "new project": lambda d: ProjectDialog(d.db, None, None),
    "new organisation": lambda d: OrganisationDialog(d.db, None, None),
    "new person": lambda d: PersonDialog(d.db, None, None),
    "new grant": lambda d: GrantDialog(d.db, None, None),
    "new budget line": lambda d: BudgetLineDialog(d.db, d.grant, None, None),
    "new expenditure": lambda d: ExpenditureDialog(d.db, d.grant, None, None),
    "new instalment": lambda d: InstalmentDialog(d.db, d.grant, None, None),
    "new reporting period": lambda d: PeriodDialog(d.db, d.grant, None, None),
    "new activity": lambda d: ActivityDialog(d.db, None, None),
    "new result": lambda d: ResultDialog(d.db, d.project, None, None),
    "new indicator": lambda d: IndicatorDialog(d.db, d.project, None, None),
    "new research output": lambda d: ResearchOutputDialog(d.db, None, None),
    "new case": lambda d: CaseDialog(d.db, None, None),
}


def _widths(qtbot: QtBot, demo: Demo) -> dict[str, int]:
    builders = {name: WINDOWS[name] for name in EDITORS} | NEW
    widths = {}
    for name, build in builders.items():
        dialog = build(demo)
        qtbot.addWidget(dialog)
        settle(qtbot)
        widths[name] = dialog.minimumSizeHint().width()
        dialog.deleteLater()
    return widths


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_editor_needs_more_than_620_pixels(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    demo = load(sqlite_db)
    i18n.set_language(language)
    widths = _widths(qtbot, demo)
    too_wide = {name: width for name, width in widths.items() if width > NARROWEST}
    assert not too_wide, f"{language}: {too_wide}"


def test_a_two_column_editor_stacks_its_columns_in_a_narrow_window(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    demo = load(sqlite_db)
    i18n.set_language("sr")
    dialog = WINDOWS["activity"](demo)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    title = dialog.names.edits["name_en"]
    grid = dialog.grid

    def top_left(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(dialog, widget.rect().topLeft())
        return point.x(), point.y()

    dialog.resize(1090, dialog.height())
    qtbot.waitUntil(lambda: top_left(grid)[0] > top_left(title)[0] + 200)
    wide_height = dialog.minimumHeight()
    dialog.resize(NARROWEST, dialog.height())
    qtbot.waitUntil(lambda: top_left(grid)[1] > top_left(title)[1] + 200)
    for widget in (title, grid, dialog.project_combo):
        right = widget.mapTo(dialog, widget.rect().topRight()).x()
        assert widget.isVisible() and widget.width() > 0 and right < dialog.width()
    assert dialog.height() >= grid.mapTo(dialog, grid.rect().bottomLeft()).y()
    dialog.resize(1090, dialog.height())
    qtbot.waitUntil(lambda: top_left(grid)[0] > top_left(title)[0] + 200)
    qtbot.waitUntil(lambda: dialog.minimumHeight() == wide_height)
