"""Export IATI file…: which organisation publishes, under which IATI identifier, and the
file written in the background by ``IatiExportService.write``.

The identifier is checked here before a file is chosen, and shown under its field: an
organisation without a registration number has none to derive, and the service's own
sentence for that speaks of the command line's ``--org-ref``.
"""

import logging
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, current_language, ngettext
from desktop.services.errors import ServiceError
from desktop.services.iati.export import IatiExportService, IatiFile, ReportingOrganisation
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.iati.actions import XML_FILTER
from desktop.ui.language import language_hub
from desktop.ui.widgets.field_error import FieldError
from desktop.ui.widgets.list_export import EXPORT_FOLDER
from desktop.ui.widgets.record_dialog import fit_combos, without_mnemonic
from desktop.ui.worker import Task, run_in_background

log = logging.getLogger(__name__)

_UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_file_name(identifier: str) -> str:
    """``<identifier>-activities.xml``, without what a file name cannot hold on Windows."""
    stem = _UNSAFE_IN_FILE_NAME.sub("-", identifier).strip(" .-")
    return f"{stem}-activities.xml" if stem else "activities.xml"


def preferred(organisations: list[ReportingOrganisation]) -> int:
    """The row of the organisation leading the most projects: the office itself, as a
    rule (the first such in the list's order on a tie)."""
    most = max((row.projects_led for row in organisations), default=0)
    return next((row for row, found in enumerate(organisations) if found.projects_led == most), -1)


class IatiExportDialog(QDialog):
    """``exported(sentence)`` carries the status line's words once the file is written;
    the dialog then closes.  A failure is told in a message box and the dialog stays."""

    exported = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = IatiExportService(db)
        self.organisations: list[ReportingOrganisation] = []
        self.task: Task | None = None
        self._prefilled = ""  # the identifier the field was last given, not typed

        self.organisation_combo = QComboBox(self)
        self.organisation_label = QLabel(self)
        self.organisation_label.setBuddy(self.organisation_combo)
        self.identifier_edit = QLineEdit(self)
        self.identifier_label = QLabel(self)
        self.identifier_label.setBuddy(self.identifier_edit)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.identifier_error = FieldError(self)
        # It names the organisation as typed: "<b>" in a name is shown, not obeyed.
        self.identifier_error.setTextFormat(Qt.TextFormat.PlainText)
        self.general_error = FieldError(self)
        self.export_button = QPushButton(self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        identifier = QVBoxLayout()
        identifier.setSpacing(2)
        for widget in (self.identifier_edit, self.identifier_error, self.explanation, self.hint):
            identifier.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.organisation_label, self.organisation_combo)
        form.addRow(self.identifier_label, identifier)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_combos(self)

        self.organisation_combo.currentIndexChanged.connect(self._organisation_changed)
        self.identifier_edit.textEdited.connect(lambda _text: self.identifier_error.clear_message())
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.resize(560, 300)

    def _load(self) -> None:
        """The organisations, named in the interface language; the one chosen stays."""
        chosen = self.chosen()
        self.organisations = self._service.reporting_organisations(current_language())
        self.organisation_combo.blockSignals(True)
        self.organisation_combo.clear()
        for found in self.organisations:
            text = (
                _("{name} ({acronym})").format(name=found.name, acronym=found.acronym)
                if found.acronym
                else found.name
            )
            self.organisation_combo.addItem(text, found.id)
        row = self.organisation_combo.findData(chosen.id) if chosen else -1
        self.organisation_combo.setCurrentIndex(row if row >= 0 else preferred(self.organisations))
        self.organisation_combo.blockSignals(False)
        if chosen is None:
            self._organisation_changed()

    def retranslate_ui(self) -> None:
        # L10N: the title of the dialog that writes an IATI activity file
        self.setWindowTitle(_("Export IATI file"))
        self.organisation_label.setText(_("&Organisation"))
        self.identifier_label.setText(_("IATI &identifier"))
        self.explanation.setText(
            _("Each project in the file is identified by it, a dash and the project's code.")
        )
        self.hint.setText(
            _(
                "Use the identifier your organisation has in the IATI Registry or from its "
                "donor; without one, it is XK-CR- and the registration number (the prefix "
                "org-id.guide lists for Kosovo's Business Registration Agency)."
            )
        )
        self.export_button.setText(_("E&xport…"))
        self.cancel_button.setText(_("Cancel"))
        for label, widget in (
            (self.organisation_label, self.organisation_combo),
            (self.identifier_label, self.identifier_edit),
        ):
            widget.setAccessibleName(without_mnemonic(label.text()))
        self._load()

    def chosen(self) -> ReportingOrganisation | None:
        row = self.organisation_combo.currentIndex()
        return self.organisations[row] if 0 <= row < len(self.organisations) else None

    def choose(self, acronym: str) -> None:
        """Choose the organisation known by ``acronym`` (as a user picks it in the list)."""
        rows = [row for row, found in enumerate(self.organisations) if found.acronym == acronym]
        self.organisation_combo.setCurrentIndex(rows[0] if rows else -1)

    def _organisation_changed(self) -> None:
        """The new organisation's derived identifier, unless the user typed their own."""
        chosen = self.chosen()
        if self.identifier_edit.text().strip() in {"", self._prefilled}:
            self._prefilled = (chosen.derived_ref if chosen else None) or ""
            self.identifier_edit.setText(self._prefilled)
        self.identifier_error.clear_message()

    def field_error(self) -> str:
        """The message under the identifier ("" when none)."""
        error = self.identifier_error
        return error.text() if not error.isHidden() else ""

    def identifier_problem(self, chosen: ReportingOrganisation, identifier: str) -> str:
        if not identifier:
            return _(
                "{organisation} has no registration number to build its IATI identifier "
                "from: enter the identifier, or its registration number in Partners."
            ).format(organisation=chosen.name)
        if any(char.isspace() for char in identifier):
            return _(
                "An IATI identifier has no spaces: type it as the IATI Registry or the "
                "donor gives it, such as XM-DAC-12345."
            )
        return ""

    def export(self) -> bool:
        """Check the identifier, ask for the file and write it in the background; False
        when nothing was started (a problem shown, or the file dialog cancelled)."""
        self.general_error.clear_message()
        self.identifier_error.clear_message()
        self.identifier_edit.setAccessibleDescription("")
        chosen = self.chosen()
        if chosen is None or self.task is not None:
            return False
        identifier = self.identifier_edit.text().strip()
        problem = self.identifier_problem(chosen, identifier)
        if problem:
            self.identifier_error.show_message(problem)
            self.identifier_edit.setAccessibleDescription(problem)
            self.identifier_edit.setFocus()
            return False
        target = self._choose_file(identifier)
        if target is None:
            return False
        self._set_busy(True)
        service, organisation_id = self._service, chosen.id
        self.task = run_in_background(
            lambda: service.write(organisation_id, target, identifier),
            lambda written: self._written(written, target),
            self._failed,
        )
        return True

    def _choose_file(self, identifier: str) -> Path | None:
        folder = settings.remembered_folder(EXPORT_FOLDER)
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            _("Export IATI file"),
            str(Path(folder) / suggested_file_name(identifier)),
            _(XML_FILTER),
        )
        if not path:
            return None
        target = Path(path)
        return target if target.suffix.lower() == ".xml" else target.with_name(f"{target.name}.xml")

    def reject(self) -> None:
        """Cancel, Escape and the window's close button wait while the file is written:
        the dialog must outlive the work, whose outcome it reports."""
        if self.task is None:
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.organisation_combo,
            self.identifier_edit,
            self.export_button,
            self.cancel_button,
        ):
            widget.setEnabled(not busy)

    def _written(self, written: IatiFile, target: Path) -> None:
        self.task = None
        settings.write(EXPORT_FOLDER, str(target.parent))
        self.exported.emit(
            ngettext(
                "{count} project of {identifier} written to {file}.",
                "{count} projects of {identifier} written to {file}.",
                written.activities,
            ).format(count=written.activities, identifier=written.reporting_ref, file=target)
        )
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(error, ServiceError):
            message = str(error)
        else:
            log.error("IATI export failed", exc_info=error)
            message = _(
                "The IATI file could not be written because of an unexpected error; the "
                "details are in the log."
            )
        QMessageBox.warning(self, _("The IATI file was not written"), message)
