"""The Partners page: every organisation CSO Desk knows (partner CSOs, donors, institutions),
searchable in any script, and the doors to create, change, archive and restore them."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.organisation import ORGANISATION_KIND_LABELS
from desktop.i18n import N_, _, ngettext
from desktop.services.errors import ServiceError
from desktop.services.organisations import OrganisationRow, OrganisationService
from desktop.store.database import Database
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel


def _kind(row: OrganisationRow) -> str:
    kind = _(ORGANISATION_KIND_LABELS[row.kind])
    if row.archived:
        # L10N: the kind of an archived organisation in the list, such as "Donor (archived)"
        return _("{kind} (archived)").format(kind=kind)
    return kind


COLUMNS = (
    Column(N_("Name"), lambda row: row.name, "name"),
    Column(N_("Acronym"), lambda row: row.acronym, "acronym"),
    Column(N_("Kind"), _kind, "kind"),
    Column(N_("Municipality"), lambda row: row.municipality),
)
NAME_COLUMN = 0


def _count(total: int) -> str:
    return ngettext("{count} organisation", "{count} organisations", total).format(count=total)


class OrganisationsPage(ListPage):
    # L10N: the suggested name of the exported list of organisations
    export_name = N_("Organisations")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = OrganisationService(db)
        super().__init__(
            PagedTableModel(self._service, COLUMNS),
            N_("Search by name or acronym, in any language"),
            _count,
            NAME_COLUMN,
            parent,
        )
        self.add_filter(
            "kind",
            N_("&Kind"),
            lambda: [(kind, _(label)) for kind, label in ORGANISATION_KIND_LABELS.items()],
            N_("All kinds"),
        )
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self.open_dialog(None))
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.archive_action = QAction(self)
        self.archive_action.triggered.connect(self.toggle_archived)
        for action in (self.new_action, self.edit_action, self.archive_action):
            self.add_button(action)
        self.table.addAction(self.edit_action)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.new_action.setText(_("&New organisation"))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.new_action.setToolTip(
            _("Create an organisation ({shortcut})").format(shortcut=shortcut)
        )
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected organisation (Enter or double-click)"))
        self.selection_changed()

    def selection_changed(self) -> None:
        row: OrganisationRow | None = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.archive_action.setEnabled(row is not None)
        if row is not None and row.archived:
            self.archive_action.setText(_("&Restore"))
            self.archive_action.setToolTip(_("Bring the selected organisation back into the lists"))
        else:
            self.archive_action.setText(_("&Archive"))
            self.archive_action.setToolTip(
                _("Set the selected organisation aside; it can be restored later")
            )

    def open_dialog(self, organisation_id: int | None) -> OrganisationDialog | None:
        """Open the form (window-modal, without blocking) for a new or an existing record."""
        try:
            dialog = OrganisationDialog(self._db, organisation_id, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The organisation could not be opened"), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row: OrganisationRow | None = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def toggle_archived(self) -> None:
        row: OrganisationRow | None = self.selected_row()
        if row is None:
            return
        try:
            if row.archived:
                self._service.restore(row.id)
                message = _("{name} was restored.").format(name=row.name)
            else:
                self._service.archive(row.id)
                message = _("{name} was archived.").format(name=row.name)
        except ServiceError as error:
            QMessageBox.warning(self, _("The organisation was not changed"), str(error))
            return
        self.reload(select_id=row.id)
        self.status_message.emit(message)

    def _on_saved(self, organisation_id: int) -> None:
        self.reload(select_id=organisation_id)
        self.status_message.emit(_("The organisation was saved."))
