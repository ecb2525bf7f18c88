"""The Audit log page as a manager reads it: an edit made in a dialog shows up with who made
it; the list narrows to one kind of record, one user or one record; details list each field."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.i18n import _, translator_for
from desktop.services.actor import Actor
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.store.database import Database
from desktop.ui.audit_page import COLUMNS, AuditEntryDialog, AuditPage, format_when
from desktop.ui.main_window import MainWindow
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.organisations.page import OrganisationsPage
from tests.ui.helpers import add_organisation

RECORD, CHANGES = 4, 5


def audit_page(window: MainWindow) -> AuditPage:
    page = window.show_page("audit")
    assert isinstance(page, AuditPage)
    return page


def column(page: AuditPage, number: int) -> list[str]:
    model = page.model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def rename_in_dialog(qtbot: QtBot, window: MainWindow, old: str, new: str) -> None:
    """What a user does: open the organisation from the Partners list, retype, save."""
    partners = window.show_page("partners")
    assert isinstance(partners, OrganisationsPage)
    partners.reload()
    names = [partners.model.index(row, 0).data() for row in range(partners.model.rowCount())]
    partners.table.selectRow(names.index(old))
    partners.edit_action.trigger()
    [dialog] = [d for d in partners.findChildren(OrganisationDialog) if d.isVisible()]
    dialog.names.edits["name_en"].setText(new)
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_an_edit_made_in_a_dialog_is_listed_first(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    page = audit_page(window)
    assert page.model.rowCount() == 1
    rename_in_dialog(qtbot, window, "Civic Forum", "Civic Forum Prizren")

    page = audit_page(window)  # shown again: read again
    assert page.model.rowCount() == 2
    newest = page.model.row_at(0)
    assert newest.username == OrganisationService(sqlite_db).actor.username
    assert column(page, 1)[0] == newest.username
    assert column(page, 2) == [_("Changed"), _("Created")]
    assert column(page, 3) == [_("Organisation"), _("Organisation")]
    assert column(page, RECORD) == ["Civic Forum Prizren", "Civic Forum Prizren"]
    assert column(page, CHANGES)[0] == "Name (English): Civic Forum → Civic Forum Prizren"
    assert page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_filters_by_record_type_user_and_one_record(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    forum = OrganisationService(sqlite_db, Actor("arta")).create(
        OrganisationForm(name_en="Civic Forum")
    )
    OrganisationService(sqlite_db, Actor("marko")).create(OrganisationForm(name_en="NGO Together"))
    PersonService(sqlite_db, Actor("marko")).create(
        PersonForm(first_name="Jelena", last_name="Stojanović", organisation_id=forum)
    )
    page = audit_page(window)
    assert page.model.rowCount() == 3
    entity_combo = page.filter_combos["entity"]
    user_combo = page.filter_combos["username"]
    assert [entity_combo.itemText(i) for i in range(entity_combo.count())] == [
        _("All record types"),
        _("Organisation"),
        _("Person"),
    ]
    assert [user_combo.itemData(i) for i in range(user_combo.count())] == [None, "arta", "marko"]

    page.set_filter("username", "marko")
    assert column(page, RECORD) == ["Jelena Stojanović", "NGO Together"]
    page.set_filter("entity", "organisations")
    assert column(page, RECORD) == ["NGO Together"]
    page.set_filter("username", None)
    assert column(page, RECORD) == ["NGO Together", "Civic Forum"]

    page.table.selectRow(1)
    assert page.history_action.isEnabled()
    page.history_action.trigger()
    assert column(page, RECORD) == ["Civic Forum"]
    assert page.record_label.isVisible()
    assert page.record_label.text() == _("History of {record}").format(record="Civic Forum")
    page.set_filter("entity", None)
    assert column(page, RECORD) == ["Civic Forum"]
    page.all_records_button.click()
    assert page.model.rowCount() == 3
    assert not page.record_label.isVisible()


def test_search_finds_a_records_entries_in_any_script(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_organisation(sqlite_db, "NGO Together", OrganisationKind.PARTNER_CSO, name_sr="НВО Заједно")
    add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    page = audit_page(window)
    qtbot.keyClicks(page.search_edit, "zajedno")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert column(page, RECORD) == ["NGO Together"]


def test_details_list_every_changed_field(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    service = OrganisationService(sqlite_db)
    organisation = add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    details = service.get(organisation)
    details.form.name_en = "Civic Forum Prizren"
    details.form.email = "info@forum.example.org"
    service.update(organisation, details.form, details.version)
    page = audit_page(window)
    page.table.selectRow(0)
    dialog = page.show_selected()
    assert isinstance(dialog, AuditEntryDialog)
    qtbot.waitExposed(dialog)
    assert dialog.values() == [
        ("Name (English)", "Civic Forum", "Civic Forum Prizren"),
        ("E-mail", "", "info@forum.example.org"),
    ]
    assert dialog.empty_hint.isHidden()
    dialog.reject()

    service.archive(organisation)
    page.reload()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    [archived] = [d for d in page.findChildren(AuditEntryDialog) if d.isVisible()]
    assert archived.values() == []
    assert archived.empty_hint.isVisible()


def test_a_language_switch_relabels_the_log_and_its_entries(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    page = audit_page(window)
    english_when = column(page, 0)[0]
    t = translator_for("sq")
    window.language_actions["sq"].trigger()
    model = page.model
    assert [
        model.headerData(number, Qt.Orientation.Horizontal) for number in range(len(COLUMNS))
    ] == [t.gettext(c.title) for c in COLUMNS]
    assert column(page, 2) == [t.gettext("Created")]
    assert column(page, 3) == [t.gettext("Organisation")]
    assert page.filter_combos["entity"].itemText(0) == t.gettext("All record types")
    assert page.filter_combos["entity"].itemText(1) == t.gettext("Organisation")
    assert column(page, 0)[0] == format_when(model.row_at(0))
    assert column(page, 0)[0] != english_when  # Albanian month names and order
    kind = t.gettext("{field}: {value}").format(field="Lloji", value="OShC partnere")
    assert kind in column(page, CHANGES)[0].split("; ")
