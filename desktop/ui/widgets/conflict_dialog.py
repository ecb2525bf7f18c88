"""Someone saved the record first: both versions side by side, and a choice per field.

On a shared server two colleagues may edit the same project at once.  The second to save
is never overwritten silently, nor made to lose what they typed: they see, for every field
that differs, their value and the stored one (with who stored it, and when), pick one of
each, and save the mix — or drop their changes, or go back to editing.
"""

from collections.abc import Callable, Sequence
from datetime import UTC, date
from decimal import Decimal
from enum import IntEnum
from typing import Any

from babel.dates import format_datetime
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, current_language
from desktop.i18n.formatting import babel_locale, format_date, format_number
from desktop.services.conflicts import DifferingField, SavedBy

Describe = Callable[[str, Any], str]
"""``describe(field name, value)``: the value as the editor shows it."""


class ConflictChoice(IntEnum):
    KEEP_EDITING = 0
    SAVE_CHOSEN = 1
    DISCARD_MINE = 2


def plain_text(value: Any) -> str:
    """A value as a person reads it, in the interface language."""
    language = current_language()
    if value is None or value == "" or value == [] or value == ():
        # L10N: in the conflict dialog, a field with no value
        return _("(empty)")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, Decimal | int | float):
        return format_number(value, language)
    if isinstance(value, dict):  # texts by section and language
        return "; ".join(plain_text(item) for item in value.values() if item)
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(plain_text(item) for item in value)
    return str(value)


class ConflictDialog(QDialog):
    """``exec()`` returns a ``ConflictChoice``; ``kept_mine()`` names the fields whose
    typed value the user keeps."""

    def __init__(
        self,
        differing: Sequence[DifferingField],
        labels: dict[str, str],
        describe: Describe,
        saved_by: SavedBy | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed by someone else"))
        self._mine: dict[str, QRadioButton] = {}
        self._groups: list[QButtonGroup] = []

        self.introduction = QLabel(self._introduction(saved_by), self)
        self.introduction.setWordWrap(True)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        # L10N: column headings of the conflict dialog: a field, the value typed by the
        # person saving, and the value someone else saved in the meantime
        for column, heading in enumerate((_("Field"), _("Your version"), _("Saved version"))):
            title = QLabel(f"<b>{heading}</b>", self)
            title.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(title, 0, column)
        for row, field in enumerate(differing, start=1):
            name = QLabel(labels.get(field.name, field.name), self)
            name.setWordWrap(True)
            mine = self._choice(describe(field.name, field.mine))
            stored = self._choice(describe(field.name, field.stored))
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(stored)
            self._groups.append(group)
            (mine if field.changed_here else stored).setChecked(True)
            self._mine[field.name] = mine
            mine.setAccessibleName(_("{field}: your version").format(field=name.text()))
            stored.setAccessibleName(_("{field}: saved version").format(field=name.text()))
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(mine, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(stored, row, 2, Qt.AlignmentFlag.AlignTop)

        table = QWidget(self)
        table.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(table)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        wanted = table.sizeHint()
        scroll.setMinimumSize(min(wanted.width(), 600), min(wanted.height() + 12, 360))

        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(_("&Save the chosen values"), self)
        self.discard_button = QPushButton(_("&Drop my changes"), self)
        self.back_button = QPushButton(_("&Back to editing"), self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.done(ConflictChoice.SAVE_CHOSEN))
        self.discard_button.clicked.connect(lambda: self.done(ConflictChoice.DISCARD_MINE))
        self.back_button.clicked.connect(lambda: self.done(ConflictChoice.KEEP_EDITING))

        layout = QVBoxLayout(self)
        layout.addWidget(self.introduction)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _choice(self, text: str) -> QRadioButton:
        button = QRadioButton(_elide(text), self)
        button.setToolTip(text)
        return button

    def _introduction(self, saved_by: SavedBy | None) -> str:
        if saved_by is None:
            return _(
                "Someone else saved this record after you opened it. For each field that "
                "differs, choose the value to keep."
            )
        at = saved_by.at if saved_by.at.tzinfo else saved_by.at.replace(tzinfo=UTC)
        when = format_datetime(
            at.astimezone(), format="medium", locale=babel_locale(current_language())
        )
        return _(
            "{name} saved this record at {time}, after you opened it. For each field that "
            "differs, choose the value to keep."
        ).format(name=saved_by.name, time=when)

    def kept_mine(self) -> set[str]:
        return {name for name, button in self._mine.items() if button.isChecked()}

    def choose(self, name: str, mine: bool) -> None:
        """Pick the typed (``mine``) or the stored value of field ``name``."""
        button = self._mine[name]
        if mine:
            button.setChecked(True)
            return
        group = button.group()
        other = next(candidate for candidate in group.buttons() if candidate is not button)
        other.setChecked(True)

    def values_shown(self, name: str) -> tuple[str, str]:
        """The two values of field ``name`` as shown (typed, stored)."""
        button = self._mine[name]
        other = next(candidate for candidate in button.group().buttons() if candidate is not button)
        return button.toolTip(), other.toolTip()


def _elide(text: str, limit: int = 48) -> str:
    """A long text (a description) shortened on its button; the tooltip has it whole."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
