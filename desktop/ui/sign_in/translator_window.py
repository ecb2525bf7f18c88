"""What a translator sees after signing in: their role reads no records, so instead of
empty pages they get a short note on where the catalogs are and how to see their work.
"""

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import resources
from desktop.i18n import _
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.sign_in.access import signed_in_text


class TranslatorWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(self)
        self.folder_button.clicked.connect(self.open_catalog_folder)
        self.sign_out_button = QPushButton(self)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.quit_button = QPushButton(self)
        self.quit_button.clicked.connect(self.close)
        buttons = QDialogButtonBox(self)
        for button in (self.folder_button, self.sign_out_button, self.quit_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self.note, 1)
        layout.addWidget(buttons)
        self.setCentralWidget(body)
        self.resize(560, 320)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    @property
    def database(self) -> Database:
        return self._db

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Translation — CSO Desk"))
        self.note.setText(
            _(
                "{signed_in}\n\nYour account is for translating CSO Desk, so it shows no "
                "records of the organisation.\n\nThe catalogs are the .po files in {folder}; "
                "edit them with Poedit or Weblate.  To see each word in place, ask a "
                "colleague to start CSO Desk in translator mode (csodesk --translator-mode) "
                "on a demonstration database: every window relabels itself the moment a "
                "catalog is saved."
            ).format(signed_in=signed_in_text(), folder=resources.i18n_dir())
        )
        self.folder_button.setText(_("&Open the catalog folder"))
        self.sign_out_button.setText(_("&Sign out"))
        self.quit_button.setText(_("&Quit"))

    def open_catalog_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(resources.i18n_dir())))

    def sign_out(self) -> None:
        from desktop.ui.sign_in.start import sign_out_of

        sign_out_of(self)
