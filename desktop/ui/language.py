"""The one ``language_changed`` signal every widget relabels itself on, and Qt's own strings.

``desktop.i18n`` knows nothing of Qt; the hub turns its listener into a Qt signal, moves
Qt's default locale (calendars, month names) to the new language, and re-installs a
translator so that Qt's own texts (standard dialog buttons, the edit menu of a text field)
come from our catalogs too: Qt ships no Albanian or Serbian translation of its own.
"""

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from desktop import i18n
from desktop.i18n import NP_

# Qt's own texts (dialog buttons, the right-click menu of text fields), listed so that the
# extraction puts them in our catalogs, under the context "Qt": Qt's "Open" button and a
# case's status "Open" are different words in Albanian and Serbian.
QT_CONTEXT = "Qt"
QT_OWN_STRINGS = (
    # L10N: this and the following entries are Qt's own button and menu texts; "&" marks
    # the underlined access key.
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
    NP_("Qt", "&Undo"),
    NP_("Qt", "&Redo"),
    NP_("Qt", "Cu&t"),
    NP_("Qt", "&Copy"),
    NP_("Qt", "&Paste"),
    NP_("Qt", "Delete"),
    NP_("Qt", "Select All"),
)


class CatalogTranslator(QTranslator):
    """Answers Qt's ``tr()`` calls from the active ``desktop.i18n`` catalog."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        # Returning the source text, never an empty string, keeps Qt from blanking a label
        # that our catalogs do not know.
        return i18n.pgettext(QT_CONTEXT, source_text)

    def isEmpty(self) -> bool:
        return False


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
