"""What a translator sees after signing in: their role reads no records, so instead of
empty pages they get a short note on where the catalogs are and how to see their work.

The note may show before the damage check behind the opening has answered, like the main
window; a damaged answer reaches it the same way (``damaged_database.watch_damage_check``).
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
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
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.sign_in.access import signed_in_text
from desktop.ui.worker import close_at_quit

if TYPE_CHECKING:
    from desktop.ui.damaged_database import DamageWatch

# The notes on screen.  A window without a parent lives as long as Python holds it, and
# nothing else does once a sign-out or a restored backup has opened one from a slot.
_OPEN: set["TranslatorWindow"] = set()


class TranslatorWindow(QMainWindow):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.damaged = False  # the check behind the opening found the file damaged
        self.damage_watch: DamageWatch | None = None  # that check, when it runs behind
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

    def showEvent(self, event: QShowEvent) -> None:
        _OPEN.add(self)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        _OPEN.discard(self)
        super().closeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Translation — CSO Desk"))
        self.folder_button.setText(_("&Open the catalog folder"))
        self.sign_out_button.setText(_("&Sign out"))
        self.quit_button.setText(_("&Quit"))
        if self.damaged:
            self.note.setText(_("The database is damaged: its pages are closed."))
            return
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

    def close_pages(self) -> None:
        """The check behind the opening found the file damaged: signing out would read it
        to ask who comes next, so only Quit is left, and the note says why."""
        self.damaged = True
        self.sign_out_button.setEnabled(False)
        self.retranslate_ui()

    def replace_with(self, db: Database) -> QWidget:
        """The window of whoever signed in to ``db`` (a backup restored in place of a
        damaged file), in this one's place; ``db`` is closed when the application ends."""
        from desktop.ui.sign_in.start import open_window

        settings.remember_database(db)
        replacement = open_window(db)
        replacement.show()
        self.close()
        self.deleteLater()
        close_at_quit(db)
        return replacement

    def open_catalog_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(resources.i18n_dir())))

    def sign_out(self) -> None:
        from desktop.ui.sign_in.start import sign_out_of

        sign_out_of(self)
