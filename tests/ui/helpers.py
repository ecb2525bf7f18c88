"""Records made through the services, as the tests' starting data."""

from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.domain.period import PeriodKind, ReportingPeriod
from desktop.services.grants import GrantForm, GrantService
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.first_paint import wait_for_first_paint
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.conflict_dialog import ConflictDialog


def project_form(code: str, title: str, **changes: Any) -> ProjectForm:
    form = ProjectForm(
        code=code,
        name_en=title,
        start_date=date(2026, 1, 1),
        end_date=date(2027, 6, 30),
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def add_project(db: Database, code: str, title: str, **changes: Any) -> int:
    return ProjectService(db).create(project_form(code, title, **changes))


def add_organisation(db: Database, name: str, kind: OrganisationKind, **changes: Any) -> int:
    form = OrganisationForm(name_en=name, kind=kind)
    for field_name, value in changes.items():
        setattr(form, field_name, value)
    return OrganisationService(db).create(form)


def add_grant(db: Database, contract_number: str, project_id: int, donor_id: int) -> int:
    return GrantService(db).create(
        GrantForm(
            contract_number=contract_number,
            title="Community safety and small arms control",
            project_id=project_id,
            donor_id=donor_id,
            amount=Decimal("249850.00"),
            start_date=date(2026, 1, 1),
            end_date=date(2027, 6, 30),
        )
    )


def add_quarter(db: Database, grant_id: int, year: int, quarter: int) -> int:
    """A reporting period (no service writes periods yet, so the test stores it itself)."""
    last_month = 3 * quarter
    start = date(year, last_month - 2, 1)
    end = date(year, last_month, monthrange(year, last_month)[1])
    with db.transaction() as session:
        period = ReportingPeriod(
            grant_id=grant_id,
            label=f"{year}-Q{quarter}",
            kind=PeriodKind.QUARTERLY,
            start_date=start,
            end_date=end,
            due_on=end + timedelta(days=30),
        )
        session.add(period)
        session.flush()
        return period.id


def answer_conflict(act: Callable[[ConflictDialog], None]) -> list[ConflictDialog]:
    """Have ``act`` answer the conflict dialog that the next save opens, as a user would
    (the dialog is modal: it is answered from inside its own event loop)."""
    answered: list[ConflictDialog] = []

    def answer() -> None:
        shown = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, ConflictDialog) and widget.isVisible()
        ]
        if not shown:
            QTimer.singleShot(10, answer)
            return
        answered.append(shown[0])
        act(shown[0])

    QTimer.singleShot(0, answer)
    return answered


def close_once_open(act: Callable[[MainWindow], None]) -> None:
    """Once a whole start (``run_gui``) shows its main window with the database attached
    (the frame is painted before the database opens), have ``act`` look at or work in it,
    then close it, which ends the start."""

    def look() -> None:
        windows = [
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.is_attached()
        ]
        if not windows:
            QTimer.singleShot(20, look)
            return
        act(windows[0])
        windows[0].close()

    QTimer.singleShot(0, look)


def frame_painted_before_its_file(qtbot: QtBot, db: Database) -> MainWindow:
    """A start's window as the first paint leaves it: the frame on screen, the demo office
    in ``db`` not attached yet, the activities page due to open when it is."""
    load_demo(db)
    settings.write(settings.LAST_PAGE, "activities")
    frame = MainWindow()
    qtbot.addWidget(frame)
    wait_for_first_paint(frame)
    return frame
