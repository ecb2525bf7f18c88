"""The files attached to a record: add, open and remove them.

Opening writes the file to a private temporary folder (its checksum verified) and hands it
to the system's viewer, so nothing is opened straight out of the database.  A record that
is not saved yet has no UUID to attach to; the panel says so instead of offering Add.
"""

import tempfile
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_number
from desktop.services.attachments import AttachmentRow, AttachmentService
from desktop.services.errors import ServiceError
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.widgets.colours import use_text_colour

ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Opened files stay until the application quits: a viewer may still be reading one after
# its dialog has closed.
_opened: list[tempfile.TemporaryDirectory[str]] = []


def _open_folder() -> Path:
    if not _opened:
        _opened.append(tempfile.TemporaryDirectory(prefix="csodesk-", ignore_cleanup_errors=True))
    return Path(_opened[0].name)


class AttachmentsPanel(QWidget):
    """``changed`` fires after a file was added or removed."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = AttachmentService(db)
        self._owner: tuple[str, UUID] | None = None
        self._rows: list[AttachmentRow] = []

        self.title = QLabel(self)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)  # five files
        self.title.setBuddy(self.list)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        use_text_colour(self.hint, "muted")
        self.add_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        for button in (self.add_button, self.open_button, self.remove_button):
            button.setAutoDefault(False)

        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.hint)

        self.add_button.clicked.connect(self.add_files)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Attached &files"))
        self.list.setAccessibleName(_("Attached files"))
        self.add_button.setText(_("A&dd…"))
        self.add_button.setToolTip(_("Attach a file (at most 50 MB) to this record"))
        self.open_button.setText(_("O&pen"))
        self.open_button.setToolTip(_("Open the selected file with the program your system uses"))
        self.remove_button.setText(_("Re&move"))
        self.remove_button.setToolTip(_("Remove the selected file from this record"))
        self.hint.setText(_("Save the record first; then files can be attached to it."))
        self._show_rows()

    def set_owner(self, entity_table: str, entity_uuid: UUID | None) -> None:
        """Show the files of the record (``None``: a record not saved yet)."""
        self._owner = None if entity_uuid is None else (entity_table, entity_uuid)
        self.refresh()

    def refresh(self) -> None:
        try:
            self._rows = [] if self._owner is None else self._service.list(*self._owner)
        except ServiceError as error:
            self._rows = []
            QMessageBox.warning(self, _("The attached files could not be read"), str(error))
        self._show_rows()

    def filenames(self) -> list[str]:
        return [row.filename for row in self._rows]

    def _show_rows(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        language = current_language()
        for row in self._rows:
            # L10N: a file in the list of attachments, such as "contract.pdf (240 KB)"
            text = _("{filename} ({size} KB)").format(
                filename=row.filename, size=format_number(max(1, round(row.size / 1024)), language)
            )
            item = QListWidgetItem(text, self.list)
            item.setData(ID_ROLE, row.id)
            item.setToolTip(row.filename)
        if self._rows:
            self.list.setCurrentRow(min(max(current, 0), len(self._rows) - 1))
        self.hint.setVisible(self._owner is None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self._owner is not None)
        selected = self.list.currentItem() is not None
        self.open_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)

    def _selected(self) -> AttachmentRow | None:
        row = self.list.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def add_files(self) -> None:
        if self._owner is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"))
        for path in paths:
            try:
                self._service.add(*self._owner, Path(path))
            except ServiceError as error:
                QMessageBox.warning(self, _("The file was not attached"), str(error))
        if paths:
            self.refresh()
            self.changed.emit()

    def open_selected(self) -> Path | None:
        """Export the selected file to a temporary folder and open it; its path."""
        row = self._selected()
        if row is None:
            return None
        try:
            path = self._service.export(row.id, _open_folder())
        except ServiceError as error:
            QMessageBox.warning(self, _("The file could not be opened"), str(error))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def remove_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove file"),
            _("Remove {filename} from this record? This cannot be undone.").format(
                filename=row.filename
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.remove(row.id)
        except ServiceError as error:
            QMessageBox.warning(self, _("The file was not removed"), str(error))
        self.refresh()
        self.changed.emit()
