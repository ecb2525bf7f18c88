"""The red sentence under a form field that says what is wrong with it."""

from PySide6.QtWidgets import QLabel, QWidget

ERROR_COLOUR = "#c62828"  # readable on light and mid-grey backgrounds


class FieldError(QLabel):
    """Hidden while empty; wraps, so a long Albanian sentence never widens the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")
