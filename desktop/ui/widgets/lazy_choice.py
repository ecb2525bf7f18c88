"""A choice among many records, whose list is read only when the user reaches for it.

An editor offers thousands of organisations to choose from (5,000 in the 1,000,000-activity
benchmark); reading, sorting and adding them all took ≈ 60 ms of each editor's opening,
although most edits leave the choice as it is.  This combo box shows the chosen record's
name at once and reads the whole list the first time it takes the focus, is opened or
scrolled, so the keyboard, the mouse and screen readers meet a full list as before.  Typing
part of a name offers the records whose names contain it.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

Choices = Callable[[], list[tuple[object, str]]]
NameOf = Callable[[Any], str | None]


class LazyChoiceCombo(QComboBox):
    """``choices()`` gives (value, name) of every record on offer, in the order shown;
    ``name_of(value)`` the name of one record, also one the choices leave out (archived),
    or ``None`` for one not to be offered at all (the prompt is shown instead, as a list
    without it would).  The first item, ``prompt``, stands for no choice (data ``None``)."""

    def __init__(self, choices: Choices, name_of: NameOf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._name_of = name_of
        self._prompt = ""
        self._filled = False
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.lineEdit().editingFinished.connect(self._settle_text)

    @property
    def filled(self) -> bool:
        """Whether the whole list has been read."""
        return self._filled

    def value(self) -> object:
        """The chosen record's value, ``None`` for the prompt."""
        return self.currentData()

    def set_value(self, value: object) -> None:
        """Show ``value`` chosen; before the list is read, it is the only item after the
        prompt."""
        if self._filled:
            self._select(value)
            return
        self._show_alone(value)

    def reset(self, prompt: str) -> None:
        """Start over in the interface language: ``prompt`` and the chosen record's name
        anew, the list to be read again when the user reaches for it."""
        chosen = self.currentData()
        self._prompt = prompt
        self._filled = False
        self._show_alone(chosen)

    def fill(self) -> None:
        """Read the whole list now (once), keeping the chosen record chosen."""
        if self._filled:
            return
        chosen = self.currentData()
        choices = self._choices()
        self._filled = True
        self._replace_items(choices)
        self._select(chosen)

    def findData(self, data: object, *args: object, **kwargs: object) -> int:
        """Looking a record up among the choices needs them all."""
        self.fill()
        return super().findData(data, *args, **kwargs)

    def findText(self, text: str, *args: object, **kwargs: object) -> int:
        """Looking a name up among the choices needs them all."""
        self.fill()
        return super().findText(text, *args, **kwargs)

    # -- what makes the list be read -------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.fill()
        super().focusInEvent(event)

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.fill()
        super().wheelEvent(event)

    # -- items -----------------------------------------------------------------------------

    def _show_alone(self, value: object) -> None:
        name = None if value is None else self._name_of(value)
        self._replace_items([] if name is None else [(value, name)])
        self.setCurrentIndex(0 if name is None else 1)

    def _replace_items(self, items: list[tuple[object, str]]) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(self._prompt, None)
        for value, text in items:
            self.addItem(text, value)
        self.blockSignals(False)

    def _select(self, value: object) -> None:
        index = super().findData(value)
        if index < 0 and value is not None and (name := self._name_of(value)) is not None:
            self.addItem(name, value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def _settle_text(self) -> None:
        """Typed text names a choice only when it is one's whole name; otherwise the
        field shows the chosen record again, so what is seen is what is saved."""
        typed = self.lineEdit().text()
        index = super().findText(typed, Qt.MatchFlag.MatchFixedString)
        if index >= 0 and typed:
            self.setCurrentIndex(index)
        else:
            self.lineEdit().setText(self.itemText(self.currentIndex()))
