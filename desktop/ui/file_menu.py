"""The File menu, in sections: which database, copying data in and out, recent reports,
Quit.

Each entry's work lives in its own module (``database_files``, ``backup``,
``recent_reports_menu``); this only arranges and labels them.  Entries that move data in
or out of the database (an import, say) join the backup with ``add_transfer_action``.
"""

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.i18n import _
from desktop.services.permissions import Permission
from desktop.ui import database_files
from desktop.ui.backup import DatabaseBackup
from desktop.ui.recent_reports_menu import RecentReportsMenu
from desktop.ui.restore import DatabaseRestore
from desktop.ui.sign_in.access import may

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class FileMenu(QMenu):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.backup = DatabaseBackup(window, window.database, window.show_status_message)

        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.open_action.triggered.connect(lambda: database_files.open_existing(window))
        self.new_action = QAction(self)
        self.new_action.triggered.connect(lambda: database_files.create_new(window))
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(self.backup.start)
        # Another database, or a copy of this whole one (confidential case contacts
        # included), is an administrator's business.
        for action in (self.open_action, self.new_action, self.backup_action):
            action.setVisible(may(Permission.MAINTAIN_DATABASE))
        self.restore = DatabaseRestore(window)
        self.restore_action = QAction(self)
        self.restore_action.triggered.connect(self.restore.start)
        self.restore_action.setVisible(self.backup_action.isVisible())  # the same right
        self.recent_reports_menu = RecentReportsMenu(window)
        self.quit_action = QAction(self)
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(window.close)

        self.addAction(self.open_action)
        self.addAction(self.new_action)
        self.addSeparator()
        self.addAction(self.backup_action)
        self.addAction(self.restore_action)
        self._transfer_end = self.addSeparator()
        self.addMenu(self.recent_reports_menu)
        self.addSeparator()
        self.addAction(self.quit_action)

    def add_transfer_action(
        self, action: QAction, permission: Permission = Permission.EDIT_RECORDS
    ) -> None:
        """Put ``action`` after the backup and the entries added before it, for the roles
        with ``permission`` (an import changes records)."""
        action.setVisible(may(permission))
        self.insertAction(self._transfer_end, action)

    def retranslate_ui(self) -> None:
        self.setTitle(_("&File"))
        # L10N: the "…" says a dialog follows, to choose a file
        self.open_action.setText(_("&Open database…"))
        self.new_action.setText(_("&New database…"))
        self.backup_action.setText(_("&Back up database…"))
        self.restore_action.setText(_("Res&tore from backup…"))
        self.quit_action.setText(_("&Quit"))
        self.recent_reports_menu.retranslate_ui()
