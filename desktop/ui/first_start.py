"""The very first start on a computer: one small dialog asks the language and whether to
start with the example office or empty, then the database is created where later starts
look for it.

A first start is one with nothing to open: no database remembered from a last session, no
``--db``, no ``CSODESK_DB_URL`` and no file at the default location.  Every later start
finds the database this one creates (remembered, and at the default location), so the
dialog never comes back; a start given a database never sees it, nor does a headless
command.  (``--exit-after-paint`` quits at the frame's paint, before it could ask; with
``=rows`` it asks, as it needs a database with rows to quit at all.)
This module is imported only at a start without a database: a usual start pays nothing.

Quit leaves nothing behind: no database, no data folder, no setting.
"""

import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import LANGUAGES, _
from desktop.store.location import ENV_VARIABLE, default_database_path
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.worker import run_in_background

# Creating the database (its migrations) takes about a second, the demo another half:
# longer than this, and the user sees that something is happening.
SHOW_PROGRESS_AFTER_MS = 500
# The files SQLite may leave beside a database it created.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def is_first_start() -> bool:
    """Nothing to open: no database named in the environment, none remembered from a last
    session, and no file at the default location."""
    if os.environ.get(ENV_VARIABLE, "").strip():
        return False
    if settings.read_text(settings.LAST_DATABASE):
        return False
    return not os.path.lexists(default_database_path())


def preselected_language(locale: QLocale, posix_locale: str | None = None) -> str:
    """The interface language to offer first for the computer's ``locale``: Albanian, or
    Serbian in its script, else English.  ``posix_locale`` is the locale variable in force
    (``LC_ALL``, ``LC_MESSAGES`` or ``LANG``): Qt reads ``sr_RS@latin`` as Cyrillic Serbian,
    dropping the ``@latin`` that says the user writes Latin."""
    if locale.language() == QLocale.Language.Albanian:
        return "sq"
    if locale.language() == QLocale.Language.Serbian:
        latin = locale.script() == QLocale.Script.LatinScript
        if "@latin" in (posix_locale or "").lower():
            latin = True
        return "sr_Latn" if latin else "sr"
    return i18n.DEFAULT_LANGUAGE


def system_language() -> str:
    """``preselected_language`` for this computer."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return preselected_language(QLocale.system(), value)
    return preselected_language(QLocale.system())


class FirstStartDialog(QDialog):
    """The language and how to start, OK or Quit.

    "Start empty" is chosen until the user picks the example: an office that starts its
    real work on the example office mixes invented partners, grants and figures into its
    own, which can reach a donor report and is hard to undo (the demo fills only an empty
    database for that reason), while an office that wanted to explore and got an empty
    database loses nothing, and the example is one click away, said plainly above it.
    """

    def __init__(self, database: Path, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.language_label = QLabel(self)
        self.language_box = QComboBox(self)
        for known in LANGUAGES:
            self.language_box.addItem(known.native_name, known.code)  # each named in itself
        self.language_label.setBuddy(self.language_box)
        self.start_group = QGroupBox(self)
        self.demo_button = QRadioButton(self.start_group)
        self.demo_note = _note(self.start_group, under=self.demo_button)
        self.empty_button = QRadioButton(self.start_group)
        self.empty_note = _note(self.start_group, under=self.empty_button)
        self.empty_button.setChecked(True)
        group_layout = QVBoxLayout(self.start_group)
        for widget in (self.empty_button, self.empty_note, self.demo_button, self.demo_note):
            group_layout.addWidget(widget)
        self.location = _note(self)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.quit_button = QPushButton(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.language_label, self.language_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.start_group)
        layout.addWidget(self.location)
        layout.addWidget(buttons)

        # Wide enough for its sentences to read as such in every language, and well within
        # an office laptop's screen (tests/ui/test_dialog_widths.py: 620 pixels).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.set_language(language)
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def language(self) -> str:
        return str(self.language_box.currentData())

    def with_demo(self) -> bool:
        return self.demo_button.isChecked()

    def set_language(self, code: str) -> None:
        """Choose ``code`` and show everything in it at once."""
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(code)))
        self._language_chosen()

    def _language_chosen(self) -> None:
        if i18n.current_language() != self.language():
            i18n.set_language(self.language())  # the hub relabels this dialog and the frame

    def retranslate_ui(self) -> None:
        # L10N: the title of the dialog of the very first start, before any database exists
        self.setWindowTitle(_("Welcome to CSO Desk"))
        self.intro.setText(
            _(
                "CSO Desk keeps your organisation's work in a database on this computer. "
                "Choose your language and how to start."
            )
        )
        self.language_label.setText(_("&Language"))
        self.start_group.setTitle(_("How to start"))
        self.empty_button.setText(_("Start &empty"))
        self.empty_note.setText(
            _("For your organisation's real work: you add your own partners, projects and grants.")
        )
        self.demo_button.setText(_("Start with e&xample data (demo)"))
        self.demo_note.setText(
            _(
                "An invented office with projects, grants, activities, results and cases, to "
                "try every page and report. Not for real work: its records would mix with "
                "yours."
            )
        )
        self.location.setText(
            # L10N: {path} is the file the database will be, in the user's data folder
            _("The database will be created as {path}").format(path=self._database)
        )
        self.ok_button.setText(_("OK"))
        self.quit_button.setText(_("&Quit"))


def _note(parent: QWidget, under: QRadioButton | None = None) -> QLabel:
    """A sentence that wraps; under a radio button, in line with its text."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if under is not None:
        style = under.style()
        label.setIndent(
            style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, under)
            + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, under)
        )
    return label


def create_on_first_start(frame: QWidget, requested_language: str | None = None) -> bool:
    """At a first start (``is_first_start``), ask over ``frame`` and create the database at
    the default location; True to go on and open it (or when this is no first start),
    False when the user quit.  ``requested_language`` (``--lang``) is offered first, else
    the computer's language.  The language chosen is saved once the database exists."""
    if not is_first_start():
        return True
    database = default_database_path()
    language = requested_language or settings.saved_language() or system_language()
    dialog = FirstStartDialog(database, language, frame)
    try:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            problem = _create(database, dialog.with_demo(), frame)
            if problem is None:
                settings.save_language(dialog.language())
                return True
            QMessageBox.critical(frame, _("The database could not be created"), problem)
    finally:
        dialog.deleteLater()
    frame.hide()  # not closed: closing would save its size, and Quit leaves nothing
    return False


def _create(database: Path, with_demo: bool, parent: QWidget) -> str | None:
    """Create ``database`` (and fill it with the demo), on a worker thread behind a
    progress indication once it takes a while; ``None`` when done, else why it failed,
    with whatever it had written removed so that the next start asks again."""
    outcome: list[Exception | None] = []
    loop = QEventLoop()
    progress = QProgressDialog(parent)
    progress.setCancelButton(None)  # the migrations and the demo cannot stop halfway
    progress.setRange(0, 0)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setWindowTitle(_("Welcome to CSO Desk"))
    progress.setLabelText(
        _("Creating the database and loading the example data…")
        if with_demo
        else _("Creating the database…")
    )
    QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, lambda: progress.show() if not outcome else None)

    def finished(error: Exception | None) -> None:
        outcome.append(error)
        loop.quit()

    run_in_background(
        lambda: _create_database(database, with_demo), lambda _none: finished(None), finished
    )
    loop.exec()
    progress.hide()
    progress.deleteLater()
    error = outcome[0]
    if error is None:
        return None
    for suffix in _SIDE_FILES:
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return str(error) or type(error).__name__


def _create_database(database: Path, with_demo: bool) -> None:
    """The database at ``database``, migrated, with the demo office if asked (its own
    connection, opened and closed on the worker's thread)."""
    from desktop.store.database import open_database

    db = open_database(str(database))
    try:
        if with_demo:
            from desktop.store.demo import load_demo

            load_demo(db)
    finally:
        db.close()
