"""The red sentence under a form field that says what is wrong with it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.widgets.colours import use_text_colour


class FieldError(QLabel):
    """Hidden while empty; wraps, so a long Albanian sentence never widens the dialog.  Its
    red is the palette's error colour, so it reads on a light and on a dark theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        use_text_colour(self, "error")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


class FieldErrors:
    """Showing a service's refusal in a form: each message under its field, the others on
    top, the cursor on the first field named.

    Mixed into the editors and the small form dialogs, which keep ``errors`` (the
    ``FieldError`` of each field, by the service's field name), ``fields`` (the widgets,
    by the same names) and ``general_error`` (the line on top).
    """

    errors: dict[str, FieldError]
    fields: dict[str, QWidget]
    general_error: FieldError

    def show_errors(self, errors: dict[str, str]) -> None:
        unplaced = []
        for name, message in errors.items():
            if name in self.errors:
                self.errors[name].show_message(message)
                self.fields[name].setAccessibleDescription(message)
            else:
                unplaced.append(message)
        self.general_error.show_message("\n".join(unplaced))
        first = next((name for name in self.fields if name in errors), None)
        if first is not None:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        self.general_error.clear_message()
        for name, error in self.errors.items():
            error.clear_message()
            self.fields[name].setAccessibleDescription("")

    def field_error(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        error = self.errors[name]
        return error.text() if not error.isHidden() else ""
