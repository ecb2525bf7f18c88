"""The main window: a sidebar of pages, the menus, and a status bar naming the database.

At start it is shown first as a frame, before the database is opened (``MainWindow()``):
the title, menus, the sidebar's page names and a note that the database is being opened,
built from Qt, the settings and the language alone, so the first paint waits for no
SQLAlchemy.  ``attach`` then gives it the database once the file is open and whoever works
is signed in, and only then is any page, and with it any record, built.  The modules that
need the database are imported there.

It only arranges pages and relays the language switch; each page lives in its own module
and relabels itself.
"""

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop import i18n, version
from desktop.i18n import LANGUAGES, _
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.navigation import DEFAULT_PAGE, PAGES, PageSpec

if TYPE_CHECKING:
    from desktop.store.database import Database
    from desktop.ui.damaged_database import DamageWatch
    from desktop.ui.file_menu import FileMenu
    from desktop.ui.iati.actions import IatiExportAction, IatiImportAction
    from desktop.ui.imports import (
        ActivityImportAction,
        ExpenditureImportAction,
        OrganisationImportAction,
    )
    from desktop.ui.users.account import AccountActions

# The frame is painted before anything else touches Qt's ``Qt`` namespace, whose 93 enum
# classes PySide6 makes in Python all at once (≈ 15 ms of CPU, a tenth of a bare window's
# start): so the labels are centred by a style sheet rather than ``Qt.AlignmentFlag``, the
# splitter is made without a parent and the page actions' shortcuts are given as a list
# (the overloads of ``QSplitter(parent)`` and ``setShortcut`` name ``Qt`` enums, and
# resolving them makes them all).
_CENTRED = "qproperty-alignment: AlignCenter;"
PAGE_KEYS = "1234567890"  # Ctrl and these reach the first ten pages, in the sidebar's order
STATUS_MESSAGE_MS = 8000


class FrameFileMenu(QMenu):
    """The File menu of the frame, before the database is open: Quit alone, since every
    other entry works on the database (the whole menu replaces it in ``attach``)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.quit_action = QAction(self)
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(window.close)
        self.addAction(self.quit_action)

    def retranslate_ui(self) -> None:
        self.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))


class MainWindow(QMainWindow):
    """``MainWindow(db)`` is the whole window on ``db``; ``MainWindow()`` the frame shown
    at start, whose ``attach`` gives it its database later.  Until then ``database`` is
    ``None``: the sidebar's entries are greyed out, no page exists, and the content area
    says the database is being opened."""

    file_menu: "FileMenu | FrameFileMenu"
    account: "AccountActions"
    import_organisations_action: "OrganisationImportAction"
    import_activities_action: "ActivityImportAction"
    import_expenditures_action: "ExpenditureImportAction"
    export_iati_action: "IatiExportAction"
    import_iati_action: "IatiImportAction"

    def __init__(self, db: "Database | None" = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._pages: dict[str, QWidget] = {}
        self.closed_label: QLabel | None = None  # once a damaged file's pages are closed
        self.damage_watch: DamageWatch | None = None  # the check behind the opening

        self.sidebar = QListWidget(self)
        self.sidebar.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        for _spec in PAGES:
            QListWidgetItem(self.sidebar)
        self.sidebar.setEnabled(False)  # until ``attach``: nothing to open yet
        self.stack = QStackedWidget(self)
        self.opening_label = QLabel(self)
        self.opening_label.setStyleSheet(_CENTRED)
        self.stack.addWidget(self.opening_label)
        self.splitter = QSplitter()  # the window's own once it is the central widget
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([190, 1010])
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.database_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.database_label)
        self._restore_geometry()
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        if db is not None:
            self.attach(db)

    def _build_menus(self) -> None:
        self.file_menu = FrameFileMenu(self)
        self.menuBar().addMenu(self.file_menu)
        self.quit_action = self.file_menu.quit_action

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
        clash with one of the pages' own.  Greyed out until ``attach``."""
        group = QActionGroup(self)
        group.setExclusive(True)
        self.page_actions: dict[str, QAction] = {}
        for row, spec in enumerate(PAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.setEnabled(False)
            if row < len(PAGE_KEYS):
                action.setShortcuts([QKeySequence(f"Ctrl+{PAGE_KEYS[row]}")])
            action.triggered.connect(lambda _checked, key=spec.key: self.show_page(key))
            group.addAction(action)
            self.view_menu.addAction(action)
            self.page_actions[spec.key] = action

    # -- the database ----------------------------------------------------------------------

    def attach(self, db: "Database") -> None:
        """Give the frame its database, open and signed in to: the whole File menu, who is
        signed in, the pages this user may open, and the last page shown, built now."""
        from desktop.services.permissions import Permission
        from desktop.ui.file_menu import FileMenu
        from desktop.ui.iati.actions import IatiExportAction, IatiImportAction
        from desktop.ui.imports import (
            ActivityImportAction,
            ExpenditureImportAction,
            OrganisationImportAction,
        )
        from desktop.ui.sign_in.access import page_allowed
        from desktop.ui.users.account import AccountActions

        self._db = db
        frame_menu = self.file_menu
        self.file_menu = FileMenu(self)
        self.menuBar().insertMenu(frame_menu.menuAction(), self.file_menu)
        self.menuBar().removeAction(frame_menu.menuAction())
        frame_menu.setParent(None)  # gone from the window at once, not at the next turn
        frame_menu.deleteLater()
        self.quit_action = self.file_menu.quit_action
        self.import_organisations_action = OrganisationImportAction(
            db, self, lambda _count: self._reload_page("partners")
        )
        self.file_menu.add_transfer_action(self.import_organisations_action)
        self.import_activities_action = ActivityImportAction(
            db, self, lambda _count: self._reload_page("activities")
        )
        self.file_menu.add_transfer_action(self.import_activities_action)
        self.import_expenditures_action = ExpenditureImportAction(db, self)
        self.file_menu.add_transfer_action(self.import_expenditures_action)
        self.import_iati_action = IatiImportAction(db, self, self._reload_pages)
        self.file_menu.add_transfer_action(self.import_iati_action)
        self.export_iati_action = IatiExportAction(db, self, self.show_status_message)
        self.file_menu.add_transfer_action(self.export_iati_action, Permission.READ_RECORDS)
        self.account = AccountActions(self)
        self.account.add_to(self.file_menu, self.quit_action)
        self.statusBar().insertPermanentWidget(0, self.account.status_label)

        for row, spec in enumerate(PAGES):
            self.sidebar.item(row).setHidden(not page_allowed(spec.key))
            self.page_actions[spec.key].setEnabled(True)
            self.page_actions[spec.key].setVisible(page_allowed(spec.key))
        self.sidebar.setEnabled(True)
        self.stack.removeWidget(self.opening_label)
        self.opening_label.setParent(None)
        self.opening_label.deleteLater()
        self.sidebar.currentRowChanged.connect(lambda row: self.show_page(PAGES[row].key))
        self.retranslate_ui()
        self.show_page(settings.read_text(settings.LAST_PAGE, DEFAULT_PAGE))

    @property
    def database(self) -> "Database":
        """The database shown; only a frame not yet attached (at start) has none."""
        if self._db is None:
            raise RuntimeError("the window has no database before attach()")
        return self._db

    def is_attached(self) -> bool:
        return self._db is not None

    def is_busy(self) -> bool:
        """True while a report or a backup is being written, or one restored, from here."""
        if self._db is None:
            return False
        pages_busy = (getattr(page, "is_busy", lambda: False)() for page in self._pages.values())
        file_busy = self.file_menu.backup.is_busy() or self.file_menu.restore.is_busy()
        return file_busy or any(pages_busy)

    def replace_with(self, db: "Database") -> "MainWindow":
        """A window on ``db`` that takes this one's place, on the same page and size."""
        from desktop.ui import database_files

        self.save_settings()
        replacement = MainWindow(db)
        database_files.hand_over(self, replacement)
        return replacement

    def retranslate_ui(self) -> None:
        self._update_title()
        for row, spec in enumerate(PAGES):
            self.sidebar.item(row).setText(_(spec.title))
            self.page_actions[spec.key].setText(_(spec.title))
        self.file_menu.retranslate_ui()
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About CSO Desk"))
        self.language_actions[i18n.current_language()].setChecked(True)
        if self._db is None:
            self.opening_label.setText(_("Opening the database…"))
            return
        self.account.retranslate_ui()
        if self.closed_label is not None:
            self.closed_label.setText(_("The database is damaged: its pages are closed."))
        self.database_label.setText(_("Database: {location}").format(location=self._db.description))

    # -- pages -----------------------------------------------------------------------------

    def show_page(self, key: str) -> QWidget:
        """Show (building it the first time) the page ``key``, and select it in the sidebar."""
        spec = self._spec(key)
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.build(self.database)
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

    def close_pages(self) -> None:
        """Close every page and keep the sidebar from building another, once the damage
        check behind the opening has found the file damaged: nothing shown may come from
        it any more.  The content area says why."""
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.close()
            page.setParent(None)
            page.deleteLater()
        self._pages.clear()
        self.sidebar.setEnabled(False)
        for action in self.page_actions.values():
            action.setEnabled(False)
        for action in self.file_menu.actions():
            if action is not self.quit_action:
                action.setEnabled(False)
        self.closed_label = QLabel(self)
        self.closed_label.setStyleSheet(_CENTRED)
        self.stack.addWidget(self.closed_label)
        self.stack.setCurrentWidget(self.closed_label)
        self.retranslate_ui()

    def _reload_page(self, key: str) -> None:
        """Read a page's records again after work done outside it, if it has been built."""
        page = self._pages.get(key)
        reload = getattr(page, "reload", None)
        if reload is not None:
            reload()

    def _reload_pages(self) -> None:
        """Every page built, after an import that filled the whole database."""
        for spec in PAGES:
            self._reload_page(spec.key)

    def current_page_key(self) -> str:
        return PAGES[max(self.sidebar.currentRow(), 0)].key

    @staticmethod
    def _spec(key: str) -> PageSpec:
        from desktop.ui.sign_in.access import page_allowed

        return next((s for s in PAGES if s.key == key and page_allowed(s.key)), PAGES[0])

    def _update_title(self) -> None:
        if self._db is None:
            # L10N: the window title while the database is being opened: the product's name
            self.setWindowTitle(_("CSO Desk"))
            return
        title = _(self._spec(self.current_page_key()).title)
        # L10N: the window title; {page} is the page shown, such as "Projects"
        self.setWindowTitle(_("{page} — CSO Desk").format(page=title))

    def show_status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    # -- menus -----------------------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        """Switch the interface language now and remember it for the next start."""
        settings.save_language(i18n.set_language(code))

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # its class costs the frame's paint 5 ms

        QMessageBox.about(
            self,
            _("About CSO Desk"),
            _(
                "CSO Desk {version}\n\nProjects, grants, activities, results, research, "
                "community-safety cases and donor reports for civil-society organisations "
                "in Kosovo."
            ).format(version=version()),
        )

    # -- what persists ---------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = settings.read_bytes(settings.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        state = settings.read_bytes(settings.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = settings.read_bytes(settings.SPLITTER_STATE)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_settings(self) -> None:
        """The size and layout, and the page shown (a frame shows none, so the last page
        stays the one of the last window)."""
        settings.write(settings.WINDOW_GEOMETRY, self.saveGeometry())
        settings.write(settings.WINDOW_STATE, self.saveState())
        settings.write(settings.SPLITTER_STATE, self.splitter.saveState())
        if self._db is not None:
            settings.write(settings.LAST_PAGE, self.current_page_key())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
