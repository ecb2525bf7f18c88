"""A list page whose records are created, changed, archived and restored from the list.

Every such list behaves alike, so a user who learnt one knows them all: New (Ctrl+N) opens an
empty editor; Edit, Enter or a double-click opens the selected record's editor (window-modal,
without blocking); Archive sets the selected record aside and becomes Restore for an archived
one. After a change the list is read again with the record still selected, and the status bar
says what happened.

A page names its record in whole sentences, as untranslated messages in class attributes:
Albanian and Serbian agree the verb and the adjectives with the noun's gender, so a sentence
such as "{record} was archived" with a translated noun put in would be wrong in both::

    class PartnersPage(EditableListPage):
        new_text = N_("&New partner")
        new_tip = N_("Create a partner ({shortcut})")
        edit_tip = N_("Change the selected partner (Enter or double-click)")
        archive_tip = N_("Set the selected partner aside; it can be restored later")
        restore_tip = N_("Bring the selected partner back into the list")
        not_opened_title = N_("The partner could not be opened")
        not_changed_title = N_("The partner was not changed")
        saved_message = N_("The partner was saved.")
        archived_message = N_("Partner {name} was archived.")
        restored_message = N_("Partner {name} was restored.")

        def message_fields(self, row) -> dict[str, object]:
            return {"name": row.name}          # the placeholders of the two messages above

        def make_dialog(self, record_id) -> RecordDialog:
            return PartnerDialog(self._db, record_id, self)

and passes its service (for Archive and Restore) with the usual ``ListPage`` arguments.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import _
from desktop.services.errors import ServiceError
from desktop.services.permissions import Permission
from desktop.ui.sign_in.access import may
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import PagedTableModel
from desktop.ui.widgets.record_dialog import Archivable, RecordDialog


class EditableListPage(ListPage):
    """``new_action``, ``edit_action`` and ``archive_action`` act on the list's records."""

    new_text: ClassVar[str]  # the New button, with its mnemonic
    new_tip: ClassVar[str]  # its tooltip, with a {shortcut} placeholder
    edit_tip: ClassVar[str]
    archive_tip: ClassVar[str]
    restore_tip: ClassVar[str]
    not_opened_title: ClassVar[str]  # the title of the warning when an editor cannot open
    not_changed_title: ClassVar[str]  # ... and when archiving or restoring fails
    saved_message: ClassVar[str]  # the status bar's sentence after a save
    archived_message: ClassVar[str]  # with the placeholders of ``message_fields``
    restored_message: ClassVar[str]

    def __init__(
        self,
        service: Archivable,
        model: PagedTableModel,
        search_hint: str,
        count_text: Callable[[int], str],
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, search_hint, count_text, stretch_column, parent)
        self._archiving = service
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self.open_dialog(None))
        self.edit_action = QAction(self)
        self.edit_action.triggered.connect(self.edit_selected)
        self.archive_action = QAction(self)
        self.archive_action.triggered.connect(self.toggle_archived)
        self.row_actions = [self.edit_action, self.archive_action]
        self.enter_action = self.edit_action
        self.add_record_actions()
        self.new_action.setEnabled(may(Permission.EDIT_RECORDS))
        self.enter_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.enter_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.enter_action)
        self.table.doubleClicked.connect(lambda _index: self.enter_action.trigger())
        self.retranslate_ui()

    def add_record_actions(self) -> None:
        """Put the actions' buttons above the list, in the order shown.

        Called once, from ``__init__``. A page with an action of its own creates it here,
        adds it to ``row_actions`` if it needs a selected row, and makes it the
        ``enter_action`` if Enter and a double-click should trigger it instead of Edit.
        """
        for action in (self.new_action, self.edit_action, self.archive_action):
            self.add_button(action)

    def make_dialog(self, record_id: int | None) -> RecordDialog:
        """The editor of the record ``record_id`` (``None``: a new one); may raise ServiceError."""
        raise NotImplementedError

    def message_fields(self, row: Any) -> dict[str, object]:
        """The values of the placeholders in ``archived_message`` and ``restored_message``."""
        return {}

    def retranslate_ui(self) -> None:
        """A page that overrides this relabels its own actions after calling it."""
        self.new_action.setText(_(self.new_text))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.new_action.setToolTip(_(self.new_tip).format(shortcut=shortcut))
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_(self.edit_tip))
        self.selection_changed()

    def selection_changed(self) -> None:
        row = self.selected_row()
        for action in self.row_actions:
            action.setEnabled(row is not None)
        self.archive_action.setEnabled(row is not None and may(Permission.ARCHIVE_RECORDS))
        if row is not None and row.archived:
            self.archive_action.setText(_("&Restore"))
            self.archive_action.setToolTip(_(self.restore_tip))
        else:
            self.archive_action.setText(_("&Archive"))
            self.archive_action.setToolTip(_(self.archive_tip))

    def open_dialog(self, record_id: int | None) -> RecordDialog | None:
        """Open the editor (window-modal, without blocking) for a new or an existing record."""
        try:
            dialog = self.make_dialog(record_id)
        except ServiceError as error:
            QMessageBox.warning(self, _(self.not_opened_title), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def toggle_archived(self) -> None:
        """Archive the selected record, or restore it if it is archived."""
        row = self.selected_row()
        if row is None:
            return
        try:
            if row.archived:
                self._archiving.restore(row.id)
                message = _(self.restored_message)
            else:
                self._archiving.archive(row.id)
                message = _(self.archived_message)
        except ServiceError as error:
            QMessageBox.warning(self, _(self.not_changed_title), str(error))
            return
        self.reload(select_id=row.id)
        self.status_message.emit(message.format(**self.message_fields(row)))

    def _on_saved(self, record_id: int) -> None:
        self.reload(select_id=record_id)
        self.status_message.emit(_(self.saved_message))
