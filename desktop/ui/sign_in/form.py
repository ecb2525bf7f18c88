"""A small dialog of labelled fields, each with its red error line, and OK/Cancel.

Signing in, creating the first administrator and setting a password are not records (no
version, nothing to archive), so they do not take ``RecordDialog``; they share this instead
so that every such dialog shows a refusal the same way: under its field, the dialog open.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ui.language import language_hub
from desktop.ui.widgets.field_error import FieldError, FieldErrors
from desktop.ui.widgets.record_dialog import fit_combos, without_mnemonic


def password_edit(parent: QWidget) -> QLineEdit:
    """A field whose characters are shown as dots, never stored in the settings or logs."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FormDialog(FieldErrors, QDialog):
    """Subclasses add rows with ``add_row``, call ``finish()``, and implement ``submit``
    (do the work; return True to close) and ``relabel`` (title and other texts)."""

    # The button that does the work, untranslated: a verb says what happens, where a
    # standard OK button would also be relabelled "OK" by Qt at every language change.
    ok_text = N_("OK")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}
        self._labels: list[tuple[QLabel, str]] = []
        # What the dialog is for, in a sentence (which database); a subclass fills it in.
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.hide()
        self.general_error = FieldError(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = QPushButton(self)
        self.ok_button.setDefault(True)
        self.button_box.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

    def add_row(self, name: str, text: str, widget: QWidget) -> None:
        """``widget`` under the untranslated label ``text`` (with its ``&`` key), and the
        error line for the field ``name`` under it."""
        label = QLabel(self)
        label.setBuddy(widget)
        self._labels.append((label, text))
        error = FieldError(self)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        self.form.addRow(label, box)
        self.errors[name] = error
        self.fields[name] = widget

    def finish(self) -> None:
        """Lay out the rows and buttons and label everything; call last in ``__init__``."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.button_box)
        fit_combos(self)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        # Wide enough that a one-sentence refusal fits on a line or two.
        hint = self.sizeHint()
        self.resize(max(hint.width(), self.fontMetrics().averageCharWidth() * 52), hint.height())

    def retranslate_ui(self) -> None:
        for label, text in self._labels:
            label.setText(_(text))
            buddy = label.buddy()
            if buddy is not None:
                buddy.setAccessibleName(without_mnemonic(label.text()))
        self.ok_button.setText(_(self.ok_text))
        self.relabel()

    def relabel(self) -> None:
        """The title and the texts a subclass sets itself."""

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    # -- errors ----------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field, others on top, in place of the ones before."""
        self.clear_errors()
        super().show_errors(errors)

    def shown_error(self) -> str:
        """Every message the dialog shows, on top and under its fields, for tests and logs."""
        messages = [self.general_error.text()] if not self.general_error.isHidden() else []
        messages += [self.field_error(name) for name in self.errors if self.field_error(name)]
        return "\n".join(messages)

    # -- OK ---------------------------------------------------------------------------------

    def submit(self) -> bool:
        raise NotImplementedError

    def accept(self) -> None:
        """OK and Enter: do the work; on a refusal the dialog stays open and says why."""
        self.clear_errors()
        if self.submit():
            super().accept()
