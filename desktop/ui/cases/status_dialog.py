"""The small dialog that moves a case to its next status, with the date and the reason.

It offers only the steps the service allows from the present status, says when a reason is
needed, and shows a refusal under the field it concerns; the step is written when OK is
pressed, so the case editor only has to show the new status.
"""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.case import CASE_STATUS_LABELS, CaseStatus
from desktop.i18n import N_, _
from desktop.services.cases import CaseService, next_statuses, note_required
from desktop.services.errors import ConflictError, RefusedError, ServiceError, ValidationError
from desktop.ui.language import language_hub
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.field_error import FieldError
from desktop.ui.widgets.record_dialog import without_mnemonic


class ChangeStatusDialog(QDialog):
    """After ``accepted``, ``new_version`` is the case's version; a conflict closes the
    dialog with ``conflict`` set, for the editor to offer a reload."""

    def __init__(
        self,
        service: CaseService,
        case_id: int,
        reference: str,
        current: CaseStatus,
        version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._case_id = case_id
        self._current = CaseStatus(current)
        self._version = version
        self.new_version: int | None = None
        self.conflict: ConflictError | None = None

        self._reference = reference
        self.current_label = QLabel(self)
        self.status_combo = QComboBox(self)
        for status in next_statuses(self._current):
            self.status_combo.addItem("", status.value)
        self.day_edit = DateEdit(self)
        self.day_edit.set_date_value(date.today())
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_hint = QLabel(self)
        self.note_hint.setWordWrap(True)
        self.general_error = FieldError(self)
        self.errors = {name: FieldError(self) for name in ("status", "on", "note")}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self._labels: list[tuple[QLabel, str, QWidget]] = []
        for name, text, widget in (
            ("status", N_("&New status"), self.status_combo),
            ("on", N_("&Date"), self.day_edit),
            ("note", N_("&Reason or note"), self.note_edit),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self._labels.append((label, text, widget))
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            if name == "note":
                box.addWidget(self.note_hint)
            box.addWidget(self.errors[name])
            form.addRow(label, box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.status_combo.currentIndexChanged.connect(lambda _index: self._update_hint())
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.resize(520, 320)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("Change the status of case {reference}").format(reference=self._reference)
        )
        self.current_label.setText(
            _("The case is now “{status}”.").format(status=_(CASE_STATUS_LABELS[self._current]))
        )
        for index in range(self.status_combo.count()):
            status = CaseStatus(self.status_combo.itemData(index))
            self.status_combo.setItemText(index, _(CASE_STATUS_LABELS[status]))
        for label, text, widget in self._labels:
            label.setText(_(text))
            widget.setAccessibleName(without_mnemonic(label.text()))
        self._update_hint()

    def chosen(self) -> CaseStatus:
        return CaseStatus(self.status_combo.currentData())

    def choose(self, status: CaseStatus) -> None:
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(status.value), 0))

    def _update_hint(self) -> None:
        if note_required(self._current, self.chosen()):
            self.note_hint.setText(_("Required: say what was done, or why."))
        else:
            self.note_hint.setText(_("Optional."))

    def field_error(self, name: str) -> str:
        error = self.errors[name]
        return error.text() if not error.isHidden() else ""

    def apply(self) -> bool:
        """Write the step; on refusal say why and stay open. True when written."""
        self.general_error.clear_message()
        for error in self.errors.values():
            error.clear_message()
        try:
            self.new_version = self._service.change_status(
                self._case_id,
                self.chosen(),
                self.note_edit.toPlainText(),
                self._version,
                self.day_edit.date_value(),
            )
        except ValidationError as error:
            for name, message in error.errors.items():
                target = self.errors.get(name, self.general_error)
                target.show_message(message)
            first = {"status": self.status_combo, "on": self.day_edit, "note": self.note_edit}
            for name, widget in first.items():
                if name in error.errors:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                    break
            return False
        except RefusedError as error:
            self.errors["status"].show_message(str(error))
            return False
        except ConflictError as error:
            self.conflict = error
            self.reject()
            return False
        except ServiceError as error:
            self.general_error.show_message(str(error))
            return False
        self.accept()
        return True
