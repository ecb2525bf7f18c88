"""Questions whose answers need words of their own, not Yes and No.

"Reload" and "Keep editing" say what will happen; Qt's static boxes only offer standard
buttons, so this builds the box itself.
"""

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    accept_label: str,
    reject_label: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """True if the user chose ``accept_label``; closing the box counts as rejecting."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.AcceptRole)
    reject = box.addButton(reject_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reject)
    box.setEscapeButton(reject)
    box.exec()
    return box.clickedButton() is accept
