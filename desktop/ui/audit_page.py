"""The Audit log page: who changed what and when, newest first.

A manager narrows it to one kind of record, one user or one record's history, or types a
record's or a user's name; double-clicking an entry shows every field it changed, before
and after (who raised a case only there, and the log records each such look).  The page
re-reads the log each time it is shown, since every save adds to it.
"""

from uuid import UUID

from babel.dates import format_datetime
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import babel_locale
from desktop.services.actor import Actor
from desktop.services.audit_log import ACTION_LABELS, AuditLogService, AuditRow, entity_label
from desktop.services.errors import ServiceError
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel


def format_when(row: AuditRow) -> str:
    """The entry's time on this computer's clock, in the interface language."""
    return format_datetime(
        row.at.astimezone(), format="medium", locale=babel_locale(current_language())
    )


COLUMNS = (
    # Spreadsheets take the local time without a zone (openpyxl refuses an aware one).
    Column(
        N_("When"), format_when, "at", export=lambda row: row.at.astimezone().replace(tzinfo=None)
    ),
    Column(N_("User"), lambda row: row.username, "user"),
    Column(N_("Action"), lambda row: _(ACTION_LABELS[row.action]), "action"),
    Column(N_("Record type"), lambda row: entity_label(row.entity), "entity"),
    Column(N_("Record"), lambda row: row.record),
    Column(N_("Changes"), lambda row: row.summary),
)
WHEN_COLUMN, CHANGES_COLUMN = 0, 5


def _count(total: int) -> str:
    return ngettext("{count} entry", "{count} entries", total).format(count=total)


class AuditPage(ListPage):
    export_name = N_("Audit log")

    def __init__(
        self, db: Database, parent: QWidget | None = None, actor: Actor | None = None
    ) -> None:
        """``actor`` is who reads the log (by default the person at the computer): the
        service hides from staff and viewers who raised a case."""
        self._service = AuditLogService(db, actor)
        model = PagedTableModel(self._service, COLUMNS)
        model.sort(WHEN_COLUMN, Qt.SortOrder.DescendingOrder)  # newest first
        super().__init__(
            model,
            N_("Search by record or user name, in any script"),
            _count,
            CHANGES_COLUMN,
            parent,
        )
        self.archived_check.hide()  # entries are never archived
        self.add_filter("entity", N_("Record &type"), self._entity_choices, N_("All record types"))
        self.add_filter("username", N_("&User"), self._user_choices, N_("All users"))
        self.record_label = QLabel(self)
        self.all_records_button = QPushButton(self)
        self.all_records_button.clicked.connect(lambda: self.show_record(None))
        self._record: tuple[UUID, str] | None = None
        record_row = QHBoxLayout()
        record_row.addWidget(self.record_label)
        record_row.addWidget(self.all_records_button)
        record_row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(layout.indexOf(self.table), record_row)

        self.details_action = QAction(self)
        self.details_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.details_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.details_action.triggered.connect(self.show_selected)
        self.history_action = QAction(self)
        self.history_action.triggered.connect(self.show_history_of_selected)
        for action in (self.details_action, self.history_action):
            self.add_button(action)
        self.table.addAction(self.details_action)
        self.table.doubleClicked.connect(lambda _index: self.show_selected())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.all_records_button.setText(_("Show all &records"))
        self.all_records_button.setToolTip(_("Leave the history of one record"))
        self.details_action.setText(_("&Details"))
        self.details_action.setToolTip(
            _("Show every field the selected entry changed (Enter or double-click)")
        )
        self.history_action.setText(_("&History of this record"))
        self.history_action.setToolTip(_("List only the entries of the selected entry's record"))
        self._show_record_filter()
        self.selection_changed()

    def selection_changed(self) -> None:
        row: AuditRow | None = self.selected_row()
        self.details_action.setEnabled(row is not None)
        self.history_action.setEnabled(row is not None and row.entity_uuid is not None)

    # -- filters ---------------------------------------------------------------------------

    def _entity_choices(self) -> list[tuple[str, str]]:
        try:
            return self._service.entities()
        except ServiceError:
            return []  # the list itself reports an unreadable database

    def _user_choices(self) -> list[tuple[str, str]]:
        try:
            return [(user, user) for user in self._service.users()]
        except ServiceError:
            return []

    def show_record(self, record: tuple[UUID, str] | None) -> None:
        """List only the entries of one record (its UUID and name), or of all with ``None``."""
        self._record = record
        self._show_record_filter()
        self.model.set_filter("entity_uuid", record[0] if record else None)

    def _show_record_filter(self) -> None:
        self.record_label.setVisible(self._record is not None)
        self.all_records_button.setVisible(self._record is not None)
        if self._record is not None:
            # L10N: above the audit log when it lists one record's entries only
            self.record_label.setText(_("History of {record}").format(record=self._record[1]))

    def show_history_of_selected(self) -> None:
        row: AuditRow | None = self.selected_row()
        if row is not None and row.entity_uuid is not None:
            self.show_record((row.entity_uuid, row.record))

    # -- details ---------------------------------------------------------------------------

    def show_selected(self) -> "AuditEntryDialog | None":
        """The selected entry read again on its own: the list says "(confidential)" where
        it named who raised a case, the entry shows it to those who may know it (and the
        log records that they saw it)."""
        row: AuditRow | None = self.selected_row()
        if row is None:
            return None
        try:
            row = self._service.entry(row.id, current_language())
        except ServiceError as error:
            QMessageBox.warning(self, _("The entry could not be opened"), str(error))
            return None
        dialog = AuditEntryDialog(row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def showEvent(self, event: QShowEvent) -> None:
        """Every save elsewhere adds entries: read the log again whenever the page is shown."""
        super().showEvent(event)
        for name in ("entity", "username"):
            self._fill_filter(name)  # someone new may have saved something
        self.reload()


class AuditEntryDialog(QDialog):
    """One entry: who, when, what, and each field before and after."""

    def __init__(self, row: AuditRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = row
        self.summary = QFormLayout()
        self.changes = QTableWidget(len(row.changes), 3, self)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes.setAlternatingRowColors(True)
        self.changes.setWordWrap(True)
        self.changes.verticalHeader().hide()
        header = self.changes.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for number, change in enumerate(row.changes):
            values = (change.field, change.old or "", change.new)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                # A long value makes a tall row: centred, its text could lie out of view.
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.changes.setItem(number, column, item)
        # Row heights follow the wrapped text, so they are measured once the columns have
        # their widths (after showing, after every resize), never before.
        self.changes.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.changes.resizeRowsToContents)
        self.changes.viewport().installEventFilter(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self._labels = [QLabel(self) for _field in range(4)]
        self._values = [QLabel(self) for _field in range(4)]
        for label, value in zip(self._labels, self._values, strict=True):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.summary.addRow(label, value)
        self.empty_hint = QLabel(self)
        self.empty_hint.setVisible(not row.changes)

        layout = QVBoxLayout(self)
        layout.addLayout(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.buttons)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.resize(720, 420)

    def retranslate_ui(self) -> None:
        row = self._row
        self.setWindowTitle(_("Audit entry"))
        texts = (
            (_("When:"), format_when(row)),
            (_("User:"), row.username),
            (_("Action:"), _(ACTION_LABELS[row.action])),
            # L10N: the record an audit entry is about: its type, then its name
            (
                _("Record:"),
                _("{type}: {record}").format(type=entity_label(row.entity), record=row.record),
            ),
        )
        for label, value, (label_text, value_text) in zip(
            self._labels, self._values, texts, strict=True
        ):
            label.setText(label_text)
            value.setText(value_text)
        self.changes.setHorizontalHeaderLabels([_("Field"), _("Before"), _("After")])
        self.changes.setAccessibleName(_("Changed fields"))
        self.empty_hint.setText(_("This entry changed no field."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_rows.start()  # once the stretched columns have followed the width
        return super().eventFilter(watched, event)

    def values(self) -> list[tuple[str, ...]]:
        """The rows of the table of changes, as shown."""
        return [
            tuple(self.changes.item(row, column).text() for column in range(3))
            for row in range(self.changes.rowCount())
        ]
