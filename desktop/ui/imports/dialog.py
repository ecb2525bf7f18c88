"""The import dialog: choose a file, see its first rows, say which column fills which field,
check every row, then import them all, with a progress dialog and a Cancel button.

Reading, checking and importing run off the GUI thread (``run_with_progress``), so a
long file never freezes the window.  The dialog knows nothing of what is imported: an
``Importer`` from ``desktop.services.imports`` gives the fields, the guess, the checks and
the sentence that ends a successful import.
"""

import logging
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
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

from desktop.i18n import N_, _, ngettext
from desktop.services.errors import ServiceError
from desktop.services.imports.base import Importer, ImportOutcome, Progress, RowError
from desktop.services.imports.mapping import Mapping
from desktop.services.imports.reading import Table, read_table
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.progress import Cancelled, CancelToken, ProgressRun, run_with_progress
from desktop.ui.widgets.record_dialog import fit_combos

log = logging.getLogger(__name__)

IMPORT_FOLDER = "imports/folder"
PREVIEW_ROWS = 20
SHOWN_PROBLEMS = 1000  # a longer list helps nobody; the count says how many there are
MAPPING_COLUMNS = 2  # pairs of label and combo side by side
FILE_FILTER = N_("Spreadsheets (*.csv *.xlsx)")
ALL_FILES_FILTER = N_("All files (*)")
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def reporter(token: CancelToken) -> Progress:
    """The service's ``progress(done, total) -> bool`` over the dialog's token."""

    def report(done: int, total: int) -> bool:
        try:
            token.report(done, total)
        except Cancelled:
            return False
        return True

    return report


class ImportDialog(QDialog):
    """``imported(count)`` fires after records were saved, so a list can show them."""

    imported = Signal(int)

    def __init__(self, importer: Importer, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._importer = importer
        self._title = title  # an untranslated message
        self.table: Table | None = None
        self.run: ProgressRun | None = None

        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_file)
        self.preview_box = QGroupBox(self)
        self.preview = QTableWidget(self)
        self.mapping_box = QGroupBox(self)
        self.mapping_labels: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        self.problems_box = QGroupBox(self)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems = QTableWidget(0, 3, self)
        self.check_button = QPushButton(self)
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self.start_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ApplyRole)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._set_busy(False)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.resize(960, 720)

    def _lay_out(self) -> None:
        for table in (self.preview, self.problems):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setAlternatingRowColors(True)
            table.setWordWrap(False)
        self.problems.verticalHeader().hide()
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button)
        QVBoxLayout(self.preview_box).addWidget(self.preview)

        grid = QGridLayout(self.mapping_box)
        for number, target in enumerate(self._importer.fields):
            label, combo = QLabel(self), QComboBox(self)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(self._mapping_changed)
            row, pair = divmod(number, MAPPING_COLUMNS)
            # each field's name over its choice: long names need not widen the dialog
            grid.addWidget(label, 2 * row, pair)
            grid.addWidget(combo, 2 * row + 1, pair)
            self.mapping_labels[target.key] = label
            self.combos[target.key] = combo
        for pair in range(MAPPING_COLUMNS):
            grid.setColumnStretch(pair, 1)
        fit_combos(self.mapping_box)

        problems = QVBoxLayout(self.problems_box)
        problems.addWidget(self.problems_label)
        problems.addWidget(self.problems)

        self.check_button.setDefault(True)  # Enter checks; importing takes a deliberate click
        chain = [
            self.choose_button,
            self.preview,
            *self.combos.values(),
            self.problems,
            self.check_button,
            self.import_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Close),
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview_box, 2)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.problems_box, 2)
        layout.addWidget(self.buttons)
        self.problems_box.hide()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self._title))
        self.choose_button.setText(_("&Choose a file…"))
        self.preview_box.setTitle(_("First rows of the file"))
        self.mapping_box.setTitle(_("Which column holds each field"))
        self.problems_box.setTitle(_("Problems to correct in the file"))
        self.preview.setAccessibleName(self.preview_box.title())
        self.problems.setAccessibleName(self.problems_box.title())
        self.problems.setHorizontalHeaderLabels(
            [
                # L10N: the headers of the list of problems in an imported file: the
                # spreadsheet row's number, its column ("C: E-mail") and what is wrong
                _("Row"),
                _("Column"),
                _("Problem"),
            ]
        )
        # L10N: a button that checks every row of the file without importing it
        self.check_button.setText(_("C&heck"))
        self.check_button.setToolTip(_("Check every row without importing anything"))
        self.import_button.setText(_("&Import"))
        self.import_button.setToolTip(
            _("Import every row; if any row has a problem, nothing is imported")
        )
        for target in self._importer.fields:
            self.mapping_labels[target.key].setText(_(target.label))
            self.combos[target.key].setAccessibleName(target.title())
            self._fill_combo(target.key)
        self._show_file()

    # -- the file --------------------------------------------------------------------------

    def choose_file(self) -> ProgressRun | None:
        """Ask for a file and read it in the background."""
        folder = settings.remembered_folder(IMPORT_FOLDER)
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the file to import"),
            folder,
            f"{_(FILE_FILTER)};;{_(ALL_FILES_FILTER)}",
        )
        if not path:
            return None
        return self.load(Path(path))

    def load(self, path: Path) -> ProgressRun | None:
        if self.run is not None:
            return None
        settings.write(IMPORT_FOLDER, str(path.parent))
        return self._start(
            _("Reading {filename}…").format(filename=path.name),
            lambda _token: read_table(path),
            self._loaded,
            N_("The file could not be read"),
        )

    def _loaded(self, table: Table) -> None:
        self.table = table
        mapping = self._importer.guess(table)
        self.preview.clear()
        shown = table.rows[:PREVIEW_ROWS]
        self.preview.setColumnCount(len(table.header))
        self.preview.setRowCount(len(shown))
        self.preview.setHorizontalHeaderLabels(
            [table.column_name(index) for index in range(len(table.header))]
        )
        self.preview.setVerticalHeaderLabels([str(row.number) for row in shown])
        for row_index, row in enumerate(shown):
            for column, text in enumerate(row.cells):
                self.preview.setItem(row_index, column, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        for key in self.combos:
            self._fill_combo(key, mapping.get(key))
        self._show_problems(None)
        self._show_file()
        self._set_busy(False)

    def _show_file(self) -> None:
        table = self.table
        if table is None:
            self.file_label.setText(_("Choose a CSV file or an Excel workbook (.xlsx) to import."))
            return
        self.file_label.setText(
            ngettext(
                "{filename}: {count} row to import.",
                "{filename}: {count} rows to import.",
                len(table.rows),
            ).format(filename=table.filename, count=len(table.rows))
        )

    # -- the mapping -----------------------------------------------------------------------

    def _fill_combo(self, key: str, column: int | None = None) -> None:
        """Offer "not imported" and every column of the file; choose ``column`` (or keep
        the present choice, on a language switch)."""
        combo = self.combos[key]
        chosen = column if column is not None else combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        # L10N: the choice for a field that no column of the imported file fills
        combo.addItem(_("(not imported)"), None)
        if self.table is not None:
            for index in range(len(self.table.header)):
                combo.addItem(self.table.column_name(index), index)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        combo.blockSignals(False)

    def mapping(self) -> Mapping:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def choose_column(self, key: str, column: int | None) -> None:
        """Choose the column (``None``: none) that fills the field ``key``, as a user would."""
        combo = self.combos[key]
        combo.setCurrentIndex(max(combo.findData(column), 0) if column is not None else 0)

    def _mapping_changed(self) -> None:
        """Problems found under another mapping may no longer hold."""
        self._show_problems(None)

    # -- checking and importing ------------------------------------------------------------

    def check(self) -> ProgressRun | None:
        table, mapping = self.table, self.mapping()
        if table is None or self.run is not None:
            return None
        return self._start(
            ngettext("Checking {count} row…", "Checking {count} rows…", len(table.rows)).format(
                count=len(table.rows)
            ),
            lambda token: self._importer.check(table, mapping, reporter(token)),
            self._checked,
            N_("The file could not be checked"),
        )

    def _checked(self, errors: tuple[RowError, ...]) -> None:
        self._set_busy(False)
        self._show_problems(errors)

    def start_import(self) -> ProgressRun | None:
        table, mapping = self.table, self.mapping()
        if table is None or self.run is not None:
            return None
        return self._start(
            ngettext("Importing {count} row…", "Importing {count} rows…", len(table.rows)).format(
                count=len(table.rows)
            ),
            lambda token: self._importer.run(table, mapping, reporter(token)),
            self._imported,
            N_("Nothing was imported"),
            # Cancel pressed as the last row was saved: the import is done, say so.
            discard=self._imported,
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        self._set_busy(False)
        if outcome.errors:
            self._show_problems(outcome.errors)
            QMessageBox.warning(
                self,
                _("Nothing was imported"),
                ngettext(
                    "Nothing was imported: the file has {count} problem, listed in the "
                    "dialog. Correct the file and import it again.",
                    "Nothing was imported: the file has {count} problems, listed in the "
                    "dialog. Correct the file and import it again.",
                    len(outcome.errors),
                ).format(count=len(outcome.errors)),
            )
            return
        self.imported.emit(outcome.imported)
        QMessageBox.information(
            self, _("Import finished"), self._importer.imported_message(outcome.imported)
        )
        self.accept()

    def _start(
        self,
        text: str,
        work: Callable[[CancelToken], Any],
        on_success: Callable[[Any], None],
        failure_title: str,
        discard: Callable[[Any], None] | None = None,
    ) -> ProgressRun:
        """Run ``work`` behind the progress dialog; ``failure_title`` is untranslated."""
        self._set_busy(True)
        self.run = run_with_progress(
            self,
            _(self._title),
            text,
            work,
            on_success=on_success,
            on_failure=lambda error: self._failed(failure_title, error),
            discard=discard,
            on_cancelled=self._cancelled,
        )
        self.run.finished.connect(self._finished)
        return self.run

    def _finished(self) -> None:
        self.run = None

    def _failed(self, title: str, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, ServiceError):
            message = str(error)
        else:
            log.error("import failed", exc_info=error)
            message = _(
                "The import stopped because of an unexpected error; nothing was saved. "
                "The details are in the log."
            )
        QMessageBox.warning(self, _(title), message)

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.problems_box.show()
        self.problems.setRowCount(0)
        self.problems_label.setText(_("The import was cancelled; nothing was saved."))

    def reject(self) -> None:
        """Close, or, while work runs, cancel it first (its callbacks need the dialog)."""
        if self.run is not None:
            self.run.cancel()
            return
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        ready = self.table is not None and not busy
        self.choose_button.setEnabled(not busy)
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.mapping_box.setEnabled(not busy)

    def _show_problems(self, errors: tuple[RowError, ...] | None) -> None:
        """List ``errors`` (an empty tuple: the check found none; ``None``: not checked)."""
        self.problems.setRowCount(0)
        if errors is None:
            self.problems_box.hide()
            return
        self.problems_box.show()
        if not errors:
            self.problems_label.setText(_("Every row can be imported."))
            return
        shown = errors[:SHOWN_PROBLEMS]
        self.problems_label.setText(
            ngettext(
                "{count} problem: nothing will be imported until the file is corrected.",
                "{count} problems: nothing will be imported until the file is corrected.",
                len(errors),
            ).format(count=len(errors))
        )
        self.problems.setRowCount(len(shown))
        for row, error in enumerate(shown):
            cells = (str(error.row), error.column, error.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 0:
                    item.setTextAlignment(NUMBER_ALIGNMENT)
                self.problems.setItem(row, column, item)
