"""The Reports page: print a grant's donor report for one reporting period, in any language.

The formats are those of ``desktop.services.report_formats``.  The report's language is
chosen here, independent of the interface: an Albanian-speaking project manager prints the
English report the donor asked for.  A report is for outside readers unless "Internal
report" is ticked: only then are small counts of people printed exactly.  Writing the PDF
takes a few seconds, so it runs off the GUI thread behind a progress dialog whose Cancel
discards the report; the window stays usable meanwhile.  The PDF is drawn beside its target
and moved into place only when complete, so a cancelled or failed report never leaves half
a file (nor destroys an older report of the same name).
"""

import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, N_, _, current_language
from desktop.i18n.formatting import format_date
from desktop.services.errors import ServiceError
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.services.report_formats import report_formats
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.progress import CancelToken, ProgressRun, run_with_progress

log = logging.getLogger(__name__)

GRANT_CHOICES = 1000  # more grants than an office runs at once; the list stays quick
MAX_FORM_WIDTH = 900
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s-]+')


def default_file_name(contract_number: str, period_label: str, format_key: str) -> str:
    """``NDICI-2024-451-117-2026-Q1-quarterly.pdf`` for contract ``NDICI/2024/451-117``.

    The format is in the name so that a period's reports in several formats sit side by
    side in one folder instead of replacing one another.
    """
    stem = _UNSAFE_IN_FILE_NAMES.sub("-", f"{contract_number}-{period_label}-{format_key}")
    return f"{stem.strip('-.') or 'report'}.pdf"


class ReportsPage(QWidget):
    """``status_message`` carries a short sentence for the window's status bar."""

    status_message = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._grants = GrantService(db)
        self._contract_numbers: dict[int, str] = {}
        self._period_labels: dict[int, str] = {}
        self._suggested_file = ""
        self._task: ProgressRun | None = None
        self._labels: list[tuple[QLabel, str]] = []

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.grant_combo = QComboBox(self)
        self.period_combo = QComboBox(self)
        self.language_combo = QComboBox(self)
        for language in LANGUAGES:
            self.language_combo.addItem(language.native_name, language.code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(current_language()))
        self.format_combo = QComboBox(self)
        self.internal_check = QCheckBox(self)
        self.file_edit = QLineEdit(self)
        self.browse_button = QPushButton(self)
        self.generate_button = QPushButton(self)
        self.generate_button.setDefault(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # moving bar: the report cannot say how far it is
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.busy_label = QLabel(self)
        self.busy_label.hide()
        for combo in (self.grant_combo, self.period_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(30)
        self._lay_out()

        self.grant_combo.currentIndexChanged.connect(self._load_periods)
        self.period_combo.currentIndexChanged.connect(self._suggest_file)
        self.format_combo.currentIndexChanged.connect(self._suggest_file)
        self.browse_button.clicked.connect(self.choose_file)
        self.generate_button.clicked.connect(self.generate)
        language_hub().language_changed.connect(self.retranslate_ui)
        self._relabel()
        self.reload_grants()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(N_("&Grant"), self.grant_combo), self.grant_combo)
        form.addRow(self._label(N_("Reporting &period"), self.period_combo), self.period_combo)
        form.addRow(self._label(N_("&Format"), self.format_combo), self.format_combo)
        form.addRow(self._label(N_("Report &language"), self.language_combo), self.language_combo)
        form.addRow("", self.internal_check)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form.addRow(self._label(N_("Save &as"), self.file_edit), file_row)

        actions = QHBoxLayout()
        actions.addWidget(self.generate_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.busy_label)
        actions.addStretch(1)

        # Wider than this, the eye loses the line between a label and its field.
        column = QWidget(self)
        column.setMaximumWidth(MAX_FORM_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.intro)
        column_layout.addWidget(self.empty_hint)
        column_layout.addLayout(form)
        column_layout.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addWidget(column)
        layout.addStretch(1)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(self)
        label.setBuddy(buddy)
        self._labels.append((label, text))
        return label

    def retranslate_ui(self) -> None:
        self._relabel()
        self.reload_grants()

    def _relabel(self) -> None:
        for label, text in self._labels:
            label.setText(_(text))
        self.intro.setText(
            _(
                "Print a donor report for one reporting period of a grant. The report's "
                "language can differ from the language of this window."
            )
        )
        self.empty_hint.setText(
            _("There are no grants yet. Add a grant and its reporting periods first.")
        )
        chosen = self.format_combo.currentData()
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        for report in report_formats():
            self.format_combo.addItem(_(report.label), report.key)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(chosen)))
        self.format_combo.blockSignals(False)
        self.internal_check.setText(_("&Internal report (exact small counts)"))
        self.internal_check.setToolTip(
            _(
                "For the office's own use. Without it, counts of people below 5 are shown as "
                "“< 5”, as reports for donors and the public require."
            )
        )
        self.browse_button.setText(_("&Browse…"))
        self.generate_button.setText(_("&Create report"))
        self.busy_label.setText(_("Writing the report…"))

    def showEvent(self, event: QShowEvent) -> None:
        """Grants added on another page since last time appear when the page is shown."""
        super().showEvent(event)
        if not event.spontaneous():
            self.reload_grants()

    # -- choices ---------------------------------------------------------------------------

    def reload_grants(self) -> None:
        """Read the grants (names in the interface language), keeping the chosen one."""
        chosen = self.grant_combo.currentData()
        query = ListQuery(sort="contract_number", language=current_language())
        try:
            rows = self._grants.page(query, 0, GRANT_CHOICES)
        except ServiceError as error:
            QMessageBox.warning(self, _("The grants could not be read"), str(error))
            rows = []
        self._contract_numbers = {row.id: row.contract_number for row in rows}
        self.grant_combo.blockSignals(True)
        self.grant_combo.clear()
        for row in rows:
            self.grant_combo.addItem(f"{row.contract_number} — {row.project}", row.id)
        index = self.grant_combo.findData(chosen)
        self.grant_combo.setCurrentIndex(index if index >= 0 else 0 if rows else -1)
        self.grant_combo.blockSignals(False)
        self.empty_hint.setVisible(not rows)
        self._load_periods()

    def _load_periods(self) -> None:
        chosen = self.period_combo.currentData()
        grant_id = self.grant_combo.currentData()
        language = current_language()
        try:
            periods = self._grants.periods(grant_id) if grant_id is not None else []
        except ServiceError as error:
            QMessageBox.warning(self, _("The reporting periods could not be read"), str(error))
            periods = []
        self._period_labels = {period.id: period.label for period in periods}
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in periods:
            text = _("{label} ({start} – {end})").format(
                label=period.label,
                start=format_date(period.start_date, language),
                end=format_date(period.end_date, language),
            )
            self.period_combo.addItem(text, period.id)
        index = self.period_combo.findData(chosen)
        self.period_combo.setCurrentIndex(index if index >= 0 else len(periods) - 1)
        self.period_combo.blockSignals(False)
        self._suggest_file()

    def _suggest_file(self) -> None:
        """Propose a file named after the contract and period, unless the user chose one."""
        grant_id = self.grant_combo.currentData()
        period_id = self.period_combo.currentData()
        format_key = self.format_combo.currentData()
        if grant_id is None or period_id is None or format_key is None:
            suggestion = ""
        else:
            folder = settings.remembered_folder(settings.REPORT_FOLDER)
            name = default_file_name(
                self._contract_numbers[grant_id], self._period_labels[period_id], format_key
            )
            suggestion = str(Path(folder) / name)
        if self.file_edit.text() in ("", self._suggested_file):
            self.file_edit.setText(suggestion)
        self._suggested_file = suggestion
        self._update_enabled()

    def _update_enabled(self) -> None:
        ready = (
            self.period_combo.currentData() is not None
            and self.format_combo.currentData() is not None
            and self._task is None
        )
        self.generate_button.setEnabled(ready)

    def choose_file(self) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the report as"),
            self.file_edit.text() or self._suggested_file,
            _("PDF documents (*.pdf)"),
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.file_edit.setText(path)
        return path

    # -- generating ------------------------------------------------------------------------

    def generate(self) -> None:
        grant_id = self.grant_combo.currentData()
        period_id = self.period_combo.currentData()
        if grant_id is None or period_id is None or self._task is not None:
            return
        path = self.file_edit.text().strip() or self.choose_file()
        if not path:
            return
        target = Path(path)
        language = self.language_combo.currentData()
        format_key = self.format_combo.currentData()
        internal = self.internal_check.isChecked()
        db = self._db

        def write(token: CancelToken) -> Path:
            from desktop.services.report_formats import write_report

            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.stem}.part{target.suffix}")
            try:
                write_report(
                    db, format_key, grant_id, period_id, language, partial, internal=internal
                )
                token.check()
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            return target

        self._task = run_with_progress(
            self,
            _("Report"),
            _("Writing the report…"),
            write,
            self._on_written,
            self._on_failed,
            discard=lambda written: written.unlink(missing_ok=True),
            on_cancelled=self._on_cancelled,
        )
        self._set_busy(True)

    def is_busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        if not busy:
            self._task = None
        self._update_enabled()

    def _on_written(self, target: Path) -> None:
        self._set_busy(False)
        settings.write(settings.REPORT_FOLDER, str(target.parent))
        settings.remember_report(str(target))
        self.status_message.emit(_("The report was saved as {path}.").format(path=target))
        answer = QMessageBox.question(
            self,
            _("Report ready"),
            _("The report was saved as {path}. Open it now?").format(path=target),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Open,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _on_cancelled(self) -> None:
        self._set_busy(False)
        self.status_message.emit(_("The report was cancelled; no file was written."))

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, ServiceError):
            message = str(error)
        elif isinstance(error, OSError):
            message = _("The report could not be saved: {reason}").format(
                reason=error.strerror or error
            )
        else:
            log.error("report failed", exc_info=error)
            message = _(
                "The report could not be written because of an unexpected error; "
                "the details are in the log."
            )
        QMessageBox.warning(self, _("No report was written"), message)
