"""The red sentence under a form field that says what is wrong with it."""

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
