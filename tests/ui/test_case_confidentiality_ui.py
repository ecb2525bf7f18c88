"""Who raised a case, in the window: an officer sees "(confidential)" and cannot erase it, a
manager sees it (and the audit log says so), and only a manager may export it, after a
warning."""

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain import AuditEntry, Case
from desktop.domain.audit import AuditAction
from desktop.domain.case import CaseCategory, CaseStatus
from desktop.domain.user import Role
from desktop.i18n import _
from desktop.services.actor import Actor
from desktop.services.cases import CaseForm, CaseService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.cases.page import CasesPage
from tests.ui.conftest import MessageBoxes

MANAGER = Actor("marko", Role.MANAGER)
STAFF = Actor("sara", Role.STAFF)
NAME = "Jelena Stojanović"
CONTACT = "+383 44 000 123"
TODAY = date.today()


def _add_case(db: Database) -> int:
    place = next(c.id for c in ReferenceService(db).municipalities("en") if c.code == "zvecan")
    return CaseService(db, MANAGER).create(
        CaseForm(
            reference="CS-2026-050",
            title="Unlit underpass on the way to school",
            municipality_id=place,
            category=CaseCategory.PUBLIC_SPACE,
            raised_by=NAME,
            raised_by_contact=CONTACT,
            opened_on=TODAY - timedelta(days=10),
        )
    )


def _stored(db: Database, case_id: int) -> tuple[str | None, str | None, str]:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.raised_by, case.raised_by_contact, case.title


def _views(db: Database) -> list[AuditEntry]:
    with db.transaction() as session:
        statement = select(AuditEntry).where(AuditEntry.action == AuditAction.VIEW)
        return list(session.scalars(statement))


def _dialog(qtbot: QtBot, db: Database, case_id: int | None, actor: Actor) -> CaseDialog:
    dialog = CaseDialog(db, case_id, None, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _save(dialog: CaseDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def test_an_officer_sees_confidential_and_saving_keeps_who_raised_the_case(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    case_id = _add_case(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db, case_id, STAFF)
    for edit in (dialog.raised_by_edit, dialog.raised_by_contact_edit):
        assert edit.isReadOnly()
        assert edit.text() == _("(confidential)")
    assert dialog.confidential_hint.text() == _(
        "Only administrators and managers can see who raised this case."
    )
    assert NAME not in dialog.raised_by_edit.text()
    assert not dialog.is_modified()

    dialog.title_edit.setText("Unlit underpass: lamps ordered")
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _stored(sqlite_db, case_id) == (NAME, CONTACT, "Unlit underpass: lamps ordered")
    assert _views(sqlite_db) == []


def test_an_officer_logs_who_raised_a_new_case(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = _dialog(qtbot, sqlite_db, None, STAFF)
    assert not dialog.raised_by_edit.isReadOnly()
    assert dialog.raised_by_edit.text() == ""
    assert "Once the case is saved" in dialog.confidential_hint.text()
    dialog.title_edit.setText("Celebratory gunfire at weddings")
    dialog.municipality_combo.setCurrentIndex(1)
    qtbot.keyClicks(dialog.raised_by_edit, "Women's group")
    qtbot.keyClicks(dialog.raised_by_contact_edit, "+383 49 000 003")
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with sqlite_db.transaction() as session:
        [case] = session.scalars(select(Case)).all()
        assert (case.raised_by, case.raised_by_contact) == ("Women's group", "+383 49 000 003")
        case_id = case.id

    again = _dialog(qtbot, sqlite_db, case_id, STAFF)
    assert again.raised_by_edit.text() == _("(confidential)")


def test_a_manager_sees_who_raised_the_case_once_per_opening(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    case_id = _add_case(sqlite_db)
    dialog = _dialog(qtbot, sqlite_db, case_id, MANAGER)
    assert (dialog.raised_by_edit.text(), dialog.raised_by_contact_edit.text()) == (NAME, CONTACT)
    assert not dialog.raised_by_edit.isReadOnly()
    assert "audit log" in dialog.confidential_hint.text()
    [view] = _views(sqlite_db)
    assert (view.username, view.entity_id) == ("marko", case_id)

    status = dialog.change_status()  # moving the case on re-reads it without the names
    assert status is not None
    qtbot.waitExposed(status)
    status.choose(CaseStatus.IN_PROGRESS)
    status.note_edit.setPlainText("Lamps ordered")
    status.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.status_dialog is None)
    assert _("In progress") in dialog.status_label.text()
    assert len(_views(sqlite_db)) == 1

    dialog.raised_by_contact_edit.setText("")
    _save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _stored(sqlite_db, case_id)[:2] == (NAME, None)


def _export_page(qtbot: QtBot, db: Database, actor: Actor) -> CasesPage:
    page = CasesPage(db, actor=actor)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    return page


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_only_a_manager_is_offered_the_export_with_who_raised_each_case(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    _add_case(sqlite_db)
    target = tmp_path / "cases.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), ""))
    )
    officer = _export_page(qtbot, sqlite_db, STAFF)
    assert "who raised" not in officer.search_edit.placeholderText()
    assert not officer.export_raisers_action.isVisible()
    assert officer.export_button.menu() is None
    assert officer.export_with_raisers() is None
    assert not target.exists()

    page = _export_page(qtbot, sqlite_db, MANAGER)
    assert "who raised" in page.search_edit.placeholderText()
    assert page.export_raisers_action.isVisible()
    assert page.export_raisers_action in page.export_button.menu().actions()

    message_boxes.answer = QMessageBox.StandardButton.No  # warned, and thought better of it
    assert page.export_with_raisers() is None
    assert message_boxes.shown[-1][1] == _("Export who raised each case")
    assert not target.exists()

    run = page.export()  # the ordinary export: no names
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    plain = _rows(target)
    assert _("Raised by") not in plain[0]
    assert NAME not in str(plain) and CONTACT not in str(plain)
    assert _views(sqlite_db) == []

    message_boxes.answer = QMessageBox.StandardButton.Yes
    run = page.export_with_raisers()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    header, row = _rows(target)
    assert header[-2:] == [_("Raised by"), _("How to reach who raised it")]
    assert row[0] == "CS-2026-050"
    assert row[-2:] == [NAME, "'" + CONTACT]  # a leading + would run as a formula
    [view] = _views(sqlite_db)
    assert view.changes["purpose"] == "export"
    assert page.export_source() is page.model.source  # the next export is plain again


def test_the_file_suggested_for_the_export_with_who_raised_each_case_says_it_is_confidential(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    """The export with names was once suggested as "Cases.xlsx", the same file as the list a
    donor may be sent."""
    suggested: list[str] = []

    def save_as(_parent: object, _title: str, name: str, _filters: str) -> tuple[str, str]:
        suggested.append(Path(name).name)
        return "", ""  # cancelled: nothing is written

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    _add_case(sqlite_db)
    page = _export_page(qtbot, sqlite_db, MANAGER)
    message_boxes.answer = QMessageBox.StandardButton.Yes

    assert page.export_with_raisers() is None
    assert page.export() is None

    assert suggested == ["Cases (confidential).xlsx", "Cases.xlsx"]
    assert _views(sqlite_db) == []
