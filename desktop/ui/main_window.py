"""The main window: a sidebar of pages, the menus, and a status bar naming the database.

It only arranges pages and relays the language switch; each page lives in its own module
and relabels itself.
"""

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import __version__, i18n
from desktop.i18n import LANGUAGES, _
from desktop.store.database import Database
from desktop.ui import database_files, settings
from desktop.ui.file_menu import FileMenu
from desktop.ui.imports import (
    ActivityImportAction,
    ExpenditureImportAction,
    OrganisationImportAction,
)
from desktop.ui.language import language_hub
from desktop.ui.navigation import DEFAULT_PAGE, PAGES, PageSpec
from desktop.ui.sign_in.access import page_allowed
from desktop.ui.users.account import AccountActions

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE_KEYS = "1234567890"  # Ctrl and these reach the first ten pages, in the sidebar's order
STATUS_MESSAGE_MS = 8000


class MainWindow(QMainWindow):
    """With ``page_after_paint`` (the start), the last page shown is selected at once but
    built only after the window's first paint, so the frame is on screen while its list
    is read; ``page(key)`` is ``None`` until then."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, page_after_paint: bool = False
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._pages: dict[str, QWidget] = {}
        self._pending_page: str | None = None
        self._page_after_paint = page_after_paint

        self.sidebar = QListWidget(self)
        self.sidebar.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        for spec in PAGES:
            item = QListWidgetItem(self.sidebar)
            item.setData(KEY_ROLE, spec.key)
            item.setHidden(not page_allowed(spec.key))
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([190, 1010])
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.database_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.account.status_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self.sidebar.currentRowChanged.connect(lambda row: self.show_page(PAGES[row].key))
        self._restore_settings()
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def _build_menus(self) -> None:
        self.file_menu = FileMenu(self)
        self.menuBar().addMenu(self.file_menu)
        self.quit_action = self.file_menu.quit_action
        self.import_organisations_action = OrganisationImportAction(
            self._db, self, lambda _count: self._reload_page("partners")
        )
        self.file_menu.add_transfer_action(self.import_organisations_action)
        self.import_activities_action = ActivityImportAction(
            self._db, self, lambda _count: self._reload_page("activities")
        )
        self.file_menu.add_transfer_action(self.import_activities_action)
        self.import_expenditures_action = ExpenditureImportAction(self._db, self)
        self.file_menu.add_transfer_action(self.import_expenditures_action)
        self.account = AccountActions(self)
        self.account.add_to(self.file_menu, self.quit_action)

        self.view_menu = self.menuBar().addMenu("")
        self._add_page_actions()
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for language in LANGUAGES:
            # Each language is named in itself, so anyone can find their own.
            action = QAction(language.native_name, self)
            action.setCheckable(True)
            action.triggered.connect(
                lambda _checked, code=language.code: self.choose_language(code)
            )
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[language.code] = action

        self.help_menu = self.menuBar().addMenu("")
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _add_page_actions(self) -> None:
        """Every page in the View menu, by Ctrl and its place in the sidebar (Ctrl+0 for the
        tenth), so a keyboard user changes page without tabbing into the sidebar first.  In
        the View menu rather than a menu of their own: a new Alt key on the menu bar would
        clash with one of the pages' own."""
        group = QActionGroup(self)
        group.setExclusive(True)
        self.page_actions: dict[str, QAction] = {}
        for row, spec in enumerate(PAGES):
            action = QAction(self)
            action.setCheckable(True)
            if row < len(PAGE_KEYS):
                action.setShortcut(QKeySequence(f"Ctrl+{PAGE_KEYS[row]}"))
            action.triggered.connect(lambda _checked, key=spec.key: self.show_page(key))
            action.setVisible(page_allowed(spec.key))
            group.addAction(action)
            self.view_menu.addAction(action)
            self.page_actions[spec.key] = action

    def retranslate_ui(self) -> None:
        self._update_title()
        for row, spec in enumerate(PAGES):
            self.sidebar.item(row).setText(_(spec.title))
            self.page_actions[spec.key].setText(_(spec.title))
        self.file_menu.retranslate_ui()
        self.account.retranslate_ui()
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About CSO Desk"))
        self.language_actions[i18n.current_language()].setChecked(True)
        self.database_label.setText(_("Database: {location}").format(location=self._db.description))

    # -- pages -----------------------------------------------------------------------------

    def show_page(self, key: str) -> QWidget:
        """Show (building it the first time) the page ``key``, and select it in the sidebar."""
        spec = self._spec(key)
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.build(self._db)
            self._pages[spec.key] = page
            self.stack.addWidget(page)
            message_signal = getattr(page, "status_message", None)
            if message_signal is not None:
                message_signal.connect(self.show_status_message)
        self.stack.setCurrentWidget(page)
        row = PAGES.index(spec)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
        self.page_actions[spec.key].setChecked(True)
        self._update_title()
        return page

    def page(self, key: str) -> QWidget | None:
        """The page ``key`` if it has been shown already."""
        return self._pages.get(key)

    def _reload_page(self, key: str) -> None:
        """Read a page's records again after work done outside it, if it has been built."""
        page = self._pages.get(key)
        reload = getattr(page, "reload", None)
        if reload is not None:
            reload()

    def current_page_key(self) -> str:
        return PAGES[max(self.sidebar.currentRow(), 0)].key

    @staticmethod
    def _spec(key: str) -> PageSpec:
        return next((s for s in PAGES if s.key == key and page_allowed(s.key)), PAGES[0])

    def _update_title(self) -> None:
        title = _(self._spec(self.current_page_key()).title)
        # L10N: the window title; {page} is the page shown, such as "Projects"
        self.setWindowTitle(_("{page} — CSO Desk").format(page=title))

    def show_status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    # -- the database ----------------------------------------------------------------------

    @property
    def database(self) -> Database:
        return self._db

    def is_busy(self) -> bool:
        """True while a report or a backup is being written, or one restored, from here."""
        pages_busy = (getattr(page, "is_busy", lambda: False)() for page in self._pages.values())
        file_busy = self.file_menu.backup.is_busy() or self.file_menu.restore.is_busy()
        return file_busy or any(pages_busy)

    def replace_with(self, db: Database) -> "MainWindow":
        """A window on ``db`` that takes this one's place, on the same page and size."""
        self.save_settings()
        replacement = MainWindow(db)
        database_files.hand_over(self, replacement)
        return replacement

    # -- menus -----------------------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        """Switch the interface language now and remember it for the next start."""
        settings.save_language(i18n.set_language(code))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About CSO Desk"),
            _(
                "CSO Desk {version}\n\nProjects, grants, activities, results, research, "
                "community-safety cases and donor reports for civil-society organisations "
                "in Kosovo."
            ).format(version=__version__),
        )

    # -- what persists ---------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = settings.read_bytes(settings.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        state = settings.read_bytes(settings.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = settings.read_bytes(settings.SPLITTER_STATE)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        last = settings.read_text(settings.LAST_PAGE, DEFAULT_PAGE)
        if self._page_after_paint:
            self._select(last)
        else:
            self.show_page(last)

    def _select(self, key: str) -> None:
        """Mark ``key`` as the page shown, to be built after the first paint."""
        spec = self._spec(key)
        with QSignalBlocker(self.sidebar):
            self.sidebar.setCurrentRow(PAGES.index(spec))
        self.page_actions[spec.key].setChecked(True)
        self._pending_page = spec.key

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._pending_page is not None:
            key, self._pending_page = self._pending_page, None
            QTimer.singleShot(0, self, lambda: self._show_pending(key))

    def _show_pending(self, key: str) -> None:
        """The page selected at start, unless another has been chosen since."""
        if self.current_page_key() == key and key not in self._pages:
            self.show_page(key)

    def save_settings(self) -> None:
        settings.write(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.write(settings.WINDOW_STATE, self.saveState())
        settings.write(settings.SPLITTER_STATE, self.splitter.saveState())
        settings.write(settings.LAST_PAGE, self.current_page_key())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
