"""The one ``language_changed`` signal every widget relabels itself on, and Qt's own strings.

``desktop.i18n`` knows nothing of Qt; the hub turns its listener into a Qt signal, moves
Qt's default locale (calendars, month names) to the new language, and re-installs a
translator so that Qt's own texts (standard dialog buttons, the edit menu of a text field,
Qt's own file dialog) come from our catalogs too: Qt ships no Albanian or Serbian
translation of its own.

Which texts Qt asks for was found by recording every ``QTranslator.translate`` call while
the file dialog (the one Qt draws itself, which the ``QFileDialog`` statics show on Linux
without a desktop portal), message boxes, button boxes, date and number fields and the
right-click menus of text fields were open; ``tests/i18n/test_qt_strings.py`` repeats the
recording, so a Qt upgrade that adds a text fails a test rather than shows English.
"""

import logging
import re
from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from desktop import i18n
from desktop.i18n import NP_

log = logging.getLogger(__name__)

# Qt's own texts, listed so that the extraction puts them in our catalogs, under the one
# context "Qt": Qt's "Open" button and a case's status "Open" are different words in
# Albanian and Serbian, while no English text means two things across Qt's own contexts.
QT_CONTEXT = "Qt"

# Qt's translation contexts whose texts the application shows.  Others stay English on
# purpose: key names in shortcuts ("Ctrl", "Shift", context "QShortcut") are what the
# keyboards print, and "QT_LAYOUT_DIRECTION" is not a text at all.
QT_CONTEXTS = frozenset(
    {
        "QAbstractFileIconProvider",
        "QAbstractSpinBox",
        "QComboBox",
        "QDialogButtonBox",
        "QFileDialog",
        "QFileSystemModel",
        "QLineEdit",
        "QMessageBox",
        "QPlatformTheme",
        "QProgressDialog",
        "QScrollBar",
        "QTabBar",
        "QWidgetTextControl",
    }
)

# Key sequences Qt reads back as shortcuts (the file dialog's back, forward and up keys):
# a translated one would stop working, so they are never looked up.
QT_SHORTCUTS = frozenset({"Alt+Left", "Alt+Right", "Alt+Up"})

QT_OWN_STRINGS = (
    # L10N: this and the following entries are Qt's own texts: standard buttons, the
    # right-click menu of text and number fields, Qt's own file dialog.  "&" marks the
    # underlined access key; keep "%1" (a file or folder name) as it is.
    NP_("Qt", "OK"),
    NP_("Qt", "Save"),
    NP_("Qt", "Open"),
    NP_("Qt", "Cancel"),
    NP_("Qt", "Close"),
    NP_("Qt", "Discard"),
    NP_("Qt", "Close without Saving"),
    NP_("Qt", "Don't Save"),
    NP_("Qt", "Apply"),
    NP_("Qt", "Reset"),
    NP_("Qt", "Help"),
    NP_("Qt", "&Yes"),
    NP_("Qt", "&No"),
    NP_("Qt", "Yes to &All"),
    NP_("Qt", "N&o to All"),
    NP_("Qt", "Abort"),
    NP_("Qt", "Retry"),
    NP_("Qt", "Ignore"),
    NP_("Qt", "Save All"),
    NP_("Qt", "Restore Defaults"),
    NP_("Qt", "Show Details..."),
    NP_("Qt", "Hide Details..."),
    # Right-click menus of text fields (single- and multi-line) and number fields.
    NP_("Qt", "&Undo"),
    NP_("Qt", "&Redo"),
    NP_("Qt", "Cu&t"),
    NP_("Qt", "&Copy"),
    NP_("Qt", "&Paste"),
    NP_("Qt", "Delete"),
    NP_("Qt", "Select All"),
    NP_("Qt", "Copy &Link Location"),
    NP_("Qt", "&Select All"),
    # L10N: in the right-click menu of a number field: make the number one step larger
    NP_("Qt", "&Step up"),
    # L10N: in the right-click menu of a number field: make the number one step smaller
    NP_("Qt", "Step &down"),
    # L10N: what a screen reader says a drop-down list does when activated
    NP_("Qt", "Open the combo box selection popup"),
    # L10N: the buttons that scroll a row of tabs too long for its window
    NP_("Qt", "Scroll Left"),
    NP_("Qt", "Scroll Right"),
    # L10N: the right-click menu of a scroll bar; "Scroll here" moves it to the pointer
    NP_("Qt", "Scroll here"),
    NP_("Qt", "Top"),
    NP_("Qt", "Bottom"),
    NP_("Qt", "Left edge"),
    NP_("Qt", "Right edge"),
    NP_("Qt", "Page up"),
    NP_("Qt", "Page down"),
    NP_("Qt", "Page left"),
    NP_("Qt", "Page right"),
    NP_("Qt", "Scroll up"),
    NP_("Qt", "Scroll down"),
    NP_("Qt", "Scroll left"),
    NP_("Qt", "Scroll right"),
    # Qt's own file dialog: window titles, labels, buttons and tool tips.
    NP_("Qt", "Save As"),
    NP_("Qt", "Find Directory"),
    NP_("Qt", "&Look in:"),
    NP_("Qt", "File &name:"),
    NP_("Qt", "Files of &type:"),
    NP_("Qt", "Directory:"),
    NP_("Qt", "&Open"),
    NP_("Qt", "&Save"),
    NP_("Qt", "&Choose"),
    NP_("Qt", "Back"),
    NP_("Qt", "Go back"),
    NP_("Qt", "Forward"),
    NP_("Qt", "Go forward"),
    NP_("Qt", "Parent Directory"),
    NP_("Qt", "Go to the parent directory"),
    NP_("Qt", "Create New Folder"),
    NP_("Qt", "Create a New Folder"),
    NP_("Qt", "List View"),
    NP_("Qt", "Change to list view mode"),
    NP_("Qt", "Detail View"),
    NP_("Qt", "Change to detail view mode"),
    # L10N: the file dialog's side bar of places (home folder, recent folders)
    NP_("Qt", "Sidebar"),
    NP_("Qt", "List of places and bookmarks"),
    NP_("Qt", "Recent Places"),
    # L10N: a file type choice: files of any kind
    NP_("Qt", "All Files (*)"),
    # L10N: a file type choice: files of any kind
    NP_("Qt", "All files (*)"),
    NP_("Qt", "Files"),
    NP_("Qt", "Directories"),
    # L10N: a file's or folder's right-click menu in the file dialog
    NP_("Qt", "&Rename"),
    NP_("Qt", "&Delete"),
    NP_("Qt", "Show &hidden files"),
    NP_("Qt", "&New Folder"),
    NP_("Qt", "Remove"),
    # L10N: the name a new folder gets in the file dialog, before the user renames it
    NP_("Qt", "New Folder"),
    # L10N: the start of "Show <column>" in the menu of the file list's headers (Qt adds
    # the column's name after it): keep the space at the end
    NP_("Qt", "Show "),
    # L10N: Qt puts the file's or folder's name where "%1" stands: keep it, and keep the
    # line breaks ("\n")
    NP_("Qt", "%1 already exists.\nDo you want to replace it?"),
    NP_("Qt", "%1\nFile not found.\nPlease verify the correct file name was given."),
    NP_("Qt", "%1\nDirectory not found.\nPlease verify the correct directory name was given."),
    NP_("Qt", "Are you sure you want to delete '%1'?"),
    NP_("Qt", "'%1' is write protected.\nDo you want to delete it anyway?"),
    NP_("Qt", "Could not delete directory."),
    # L10N: the file list's column headers
    NP_("Qt", "Name"),
    NP_("Qt", "Size"),
    NP_("Qt", "Type"),
    NP_("Qt", "Date Modified"),
    NP_("Qt", "Kind"),
    # L10N: the top of the folder tree in the file dialog ("This PC" on Windows)
    NP_("Qt", "Computer"),
    NP_("Qt", "My Computer"),
    # L10N: the type of an entry in the file dialog's list
    NP_("Qt", "Folder"),
    NP_("Qt", "File Folder"),
    NP_("Qt", "File"),
    NP_("Qt", "Drive"),
    NP_("Qt", "Alias"),
    NP_("Qt", "Shortcut"),
    NP_("Qt", "Unknown"),
)
_QT_MARKERS = re.compile(r"%(?:\d{1,2}|n)")


class CatalogTranslator(QTranslator):
    """Answers Qt's ``tr()`` calls from the active ``desktop.i18n`` catalog.

    Returning ``None`` (Qt's "not found") for what the catalog does not translate lets Qt
    show its English text, never an empty label.
    """

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if context not in QT_CONTEXTS or source_text in QT_SHORTCUTS:
            return None
        translated = i18n.pgettext(QT_CONTEXT, source_text)
        if translated == source_text:
            return None
        if _markers(translated) != _markers(source_text):
            _warn_markers(i18n.current_language(), source_text)
            return None
        return translated

    def isEmpty(self) -> bool:
        return False


def _markers(text: str) -> list[str]:
    return sorted(_QT_MARKERS.findall(text))


@cache
def _warn_markers(code: str, source_text: str) -> None:
    """Warn once per text: a translation that drops or adds Qt's ``%1`` would show a
    sentence without its file name, so Qt's English one is shown instead."""
    log.warning(
        "%s: the translation of Qt's %r changes its %%1 markers; ignored", code, source_text
    )


class LanguageHub(QObject):
    """Owned by the application; ``language_changed(code)`` fires after each switch."""

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self._translator = CatalogTranslator(self)
        app.installTranslator(self._translator)
        unsubscribe = i18n.on_language_changed(self._on_language_changed)
        self.destroyed.connect(lambda *_args: unsubscribe())
        _set_qt_locale(i18n.current_language())

    def _on_language_changed(self, code: str) -> None:
        _set_qt_locale(code)
        # Re-installing posts a LanguageChange event to every widget, which is how Qt's
        # own widgets (a dialog's standard buttons) relabel themselves.
        self._app.removeTranslator(self._translator)
        self._app.installTranslator(self._translator)
        self.language_changed.emit(code)


def _set_qt_locale(code: str) -> None:
    QLocale.setDefault(qt_locale(code))


def qt_locale(code: str) -> QLocale:
    """Qt's locale for one of our languages (Kosovo's conventions, the right script)."""
    return QLocale(i18n.language(code).bcp47)


def language_hub() -> LanguageHub:
    """The application's hub, created on first use."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("language_hub() needs a QApplication")
    hub = app.findChild(LanguageHub)
    return hub if hub is not None else LanguageHub(app)
