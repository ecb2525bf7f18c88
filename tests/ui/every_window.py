"""Every window of the application opened on the demo office, and every text it shows.

Shared by the language tests: one relabels each window on a language switch, the other
proves that no Serbian Latin window shows a Cyrillic letter.  A window added to the
application belongs in ``WINDOWS``.
"""

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.activity import Activity
from desktop.domain.case import Case
from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.organisation import Organisation
from desktop.domain.period import ReportingPeriod
from desktop.domain.person import Person
from desktop.domain.research import ResearchOutput
from desktop.domain.results import Indicator, Result
from desktop.i18n import current_language
from desktop.services.audit_log import AuditLogService
from desktop.services.cases import ActionForm, CaseService
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.services.results import IndicatorValueService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.audit_page import AuditEntryDialog
from desktop.ui.cases.action_dialog import ActionDialog
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.cases.status_dialog import ChangeStatusDialog
from desktop.ui.first_start import FirstStartDialog
from desktop.ui.grants.budget_dialog import BudgetLineDialog
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.expenditure_dialog import ExpenditureDialog
from desktop.ui.grants.instalment_dialog import InstalmentDialog
from desktop.ui.grants.period_dialog import PeriodDialog
from desktop.ui.grants.window import GrantWindow
from desktop.ui.iati.export_dialog import IatiExportDialog
from desktop.ui.imports.dialog import ImportDialog
from desktop.ui.imports.organisations import TITLE as IMPORT_TITLE
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.people.dialog import PersonDialog
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.research.dialog import ResearchOutputDialog
from desktop.ui.results.indicator_dialog import IndicatorDialog
from desktop.ui.results.result_dialog import ResultDialog
from desktop.ui.results.value_dialog import ReturnDialog, ValueDialog

SHOWN_ROWS = 5  # rows of each list and table whose cells are read


@dataclass(frozen=True)
class Demo:
    """The demo office, and one record of each kind to open."""

    db: Database
    project: int
    organisation: int
    person: int
    grant: int
    activity: int
    research: int
    case: int
    action: int
    budget_line: int
    expenditure: int
    instalment: int
    period: int
    result: int
    indicator: int


def load(db: Database) -> Demo:
    """The demo office with an audited change (the audit log has an entry to open) and a
    case's follow-up action (the demo comes without either)."""
    load_demo(db)

    def first(model: type, *conditions: object) -> int:
        with db.transaction() as session:
            found = session.scalars(
                select(model.id).where(*conditions).order_by(model.id).limit(1)
            ).first()
        assert found is not None, model
        return found

    grant = first(Grant)
    with db.transaction() as session:
        project = session.get(Grant, grant).project_id
    case = first(Case)
    action = CaseService(db).add_action(
        case,
        ActionForm(
            description="Takim me policinë e komunës për ndriçimin e rrugës",
            responsible="Arta Krasniqi",
            due_on=date(2026, 11, 5),
        ),
    )
    projects = ProjectService(db)
    details = projects.get(project)
    form = details.form
    form.name_en = f"{form.name_en} (revised)"
    projects.update(project, form, details.version)
    return Demo(
        db=db,
        project=project,
        organisation=first(Organisation),
        person=first(Person),
        grant=grant,
        activity=first(Activity, Activity.project_id == project),
        research=first(ResearchOutput),
        case=case,
        action=action,
        budget_line=first(BudgetLine, BudgetLine.grant_id == grant),
        expenditure=first(Expenditure, Expenditure.grant_id == grant),
        instalment=first(Instalment, Instalment.grant_id == grant),
        period=first(ReportingPeriod, ReportingPeriod.grant_id == grant),
        result=first(Result, Result.project_id == project),
        indicator=first(
            Indicator,
            Indicator.result_id.in_(select(Result.id).where(Result.project_id == project)),
        ),
    )


def _action_dialog(demo: Demo) -> ActionDialog:
    service = CaseService(demo.db)
    [action] = [row for row in service.actions(demo.case) if row.id == demo.action]
    return ActionDialog(service, demo.case, action, None)


def _status_dialog(demo: Demo) -> ChangeStatusDialog:
    service = CaseService(demo.db)
    case = service.get(demo.case)
    return ChangeStatusDialog(service, demo.case, case.form.reference, case.status, case.version)


def _value_dialog(demo: Demo) -> ValueDialog:
    grid = IndicatorValueService(demo.db).grid(demo.grant, current_language())
    return ValueDialog(demo.db, grid.lines[0], grid.periods[0], None)


def _audit_entry(demo: Demo) -> AuditEntryDialog:
    [row] = AuditLogService(demo.db).page(ListQuery(language=current_language()), limit=1)
    return AuditEntryDialog(row)


# Each window as the application opens it, on a demo record.
WINDOWS: dict[str, Callable[[Demo], QWidget]] = {
    "project": lambda d: ProjectDialog(d.db, d.project, None),
    "organisation": lambda d: OrganisationDialog(d.db, d.organisation, None),
    "person": lambda d: PersonDialog(d.db, d.person, None),
    "grant": lambda d: GrantDialog(d.db, d.grant, None),
    "grant window": lambda d: GrantWindow(d.db, d.grant),
    "budget line": lambda d: BudgetLineDialog(d.db, d.grant, d.budget_line, None),
    "expenditure": lambda d: ExpenditureDialog(d.db, d.grant, d.expenditure, None),
    "instalment": lambda d: InstalmentDialog(d.db, d.grant, d.instalment, None),
    "reporting period": lambda d: PeriodDialog(d.db, d.grant, d.period, None),
    "activity": lambda d: ActivityDialog(d.db, d.activity, None),
    "result": lambda d: ResultDialog(d.db, d.project, d.result, None),
    "indicator": lambda d: IndicatorDialog(d.db, d.project, d.indicator, None),
    "indicator value": _value_dialog,
    "return value": lambda d: ReturnDialog(lambda _comment: None),
    "research output": lambda d: ResearchOutputDialog(d.db, d.research, None),
    "case": lambda d: CaseDialog(d.db, d.case, None),
    "case action": _action_dialog,
    "case status": _status_dialog,
    "import": lambda d: ImportDialog(OrganisationImport(d.db), IMPORT_TITLE),
    "iati export": lambda d: IatiExportDialog(d.db),
    "audit entry": _audit_entry,
    "first start": lambda d: FirstStartDialog(Path("csodesk.sqlite3"), current_language()),
}


def settle(qtbot: QtBot) -> None:
    """Let background loads finish and their results reach the widgets."""
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(30)


def open_window(qtbot: QtBot, demo: Demo, name: str) -> QWidget:
    window = WINDOWS[name](demo)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    return window


# -- the texts a window shows ------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One text, and where it is shown (for the failure message)."""

    where: str
    text: str


def texts(window: QWidget, skip: Collection[QWidget] = ()) -> list[Shown]:
    """Every text ``window`` shows or says to a screen reader: titles, labels, buttons,
    tips, choices, headers, the first rows of lists and tables, menus (not ``skip``'s)."""
    found: list[Shown] = [Shown("window title", window.windowTitle())]
    for widget in [window, *window.findChildren(QWidget)]:
        if widget not in skip:
            found.extend(_texts_of(widget))
    return [shown for shown in found if shown.text]


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or hex(id(widget))}"


def _texts_of(widget: QWidget) -> Iterator[Shown]:
    where = _name(widget)
    yield Shown(f"{where} tooltip", widget.toolTip())
    yield Shown(f"{where} accessible name", widget.accessibleName())
    yield Shown(f"{where} accessible description", widget.accessibleDescription())
    if isinstance(widget, QLabel | QAbstractButton):
        yield Shown(where, widget.text())
    if isinstance(widget, QGroupBox):
        yield Shown(where, widget.title())
    if isinstance(widget, QLineEdit):
        yield Shown(where, widget.text())
        yield Shown(f"{where} placeholder", widget.placeholderText())
    if isinstance(widget, QPlainTextEdit):
        yield Shown(where, widget.toPlainText())
        yield Shown(f"{where} placeholder", widget.placeholderText())
    if isinstance(widget, QTextEdit):
        yield Shown(where, widget.toPlainText())
    if isinstance(widget, QComboBox):
        for row in range(widget.count()):
            yield Shown(f"{where} choice", widget.itemText(row))
    if isinstance(widget, QTabWidget):
        for tab in range(widget.count()):
            yield Shown(f"{where} tab", widget.tabText(tab))
            yield Shown(f"{where} tab tip", widget.tabToolTip(tab))
    if isinstance(widget, QMenu):
        yield Shown(where, widget.title())
    for action in widget.actions():
        yield Shown(f"{where} action", action.text())
        yield Shown(f"{where} action tip", action.toolTip())
        if action.menu() is not None:
            for item in action.menu().actions():
                yield Shown(f"{where} menu item", item.text())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(where, widget.model())


def _model_texts(where: str, model: QAbstractItemModel) -> Iterator[Shown]:
    for column in range(columns(model, QModelIndex())):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            header = model.headerData(column, Qt.Orientation.Horizontal, role)
            yield Shown(f"{where} header", header if isinstance(header, str) else "")
    yield from _rows(where, model, QModelIndex(), depth=0)


def columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """A list model has one column (PySide hides its ``columnCount``)."""
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def _rows(
    where: str, model: QAbstractItemModel, parent: QModelIndex, depth: int
) -> Iterator[Shown]:
    for row in range(min(model.rowCount(parent), SHOWN_ROWS)):
        for column in range(columns(model, parent)):
            index = model.index(row, column, parent)
            for role in (
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.AccessibleTextRole,
            ):
                value = index.data(role)
                yield Shown(f"{where} cell {row},{column}", value if isinstance(value, str) else "")
        if depth < 2:
            yield from _rows(where, model, model.index(row, 0, parent), depth + 1)
