"""Someone saved the record first: both versions side by side, and a choice per field.

On a shared server two colleagues may edit the same project at once.  The second to save
is never overwritten silently, nor made to lose what they typed: they see, for every field
that differs, their value and the stored one (with who stored it, and when), pick one of
each, and save the mix — or drop their changes, or go back to editing.
"""

from collections.abc import Callable, Sequence
from datetime import UTC, date
from decimal import Decimal
from enum import Enum, IntEnum
from html import escape
from typing import Any

from babel.dates import format_datetime
from babel.numbers import format_decimal
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
from desktop.services.audit_fields import CHOICE_LABELS
from desktop.services.audit_values import LANGUAGE_NAMES
from desktop.services.conflicts import Choice, DifferingField, SavedBy

VALUE_WIDTH = 200
"""Pixels of a value's text on its button: two values and a label fit 620 pixels."""
LABEL_WIDTH = 130

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
    if isinstance(value, Enum):
        labels = CHOICE_LABELS.get(type(value))
        return _(labels[value]) if labels and value in labels else str(value.value)
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, Decimal):
        return _decimal_text(value, language)
    if isinstance(value, int | float):
        return format_number(value, language)
    if isinstance(value, dict):  # texts by section and language
        # L10N: one text of a report in the conflict dialog, as in "Summary, English: …"
        return "; ".join(
            _("{entry}: {text}").format(entry=entry_text(key), text=plain_text(item))
            for key, item in value.items()
            if item
        )
    if isinstance(value, tuple):  # one line of a table: its cells
        return ", ".join(plain_text(item) for item in value)
    if isinstance(value, list | set | frozenset):
        return "; ".join(plain_text(item) for item in value)
    return str(value)


def entry_text(key: Any) -> str:
    """The key of a dict field's entry (a narrative's section and language) in words."""
    parts = key if isinstance(key, tuple) else (key,)
    return ", ".join(
        _(LANGUAGE_NAMES[part])
        if isinstance(part, str) and part in LANGUAGE_NAMES
        else plain_text(part)
        for part in parts
    )


def _decimal_text(value: Decimal, language: str) -> str:
    """An amount with the decimals it was stored with ("1,200.00", not "1,200")."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=babel_locale(language))


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
        self._mine: dict[Choice, QRadioButton] = {}
        self._texts: dict[QRadioButton, str] = {}
        self._row_labels: dict[Choice, str] = {}
        self._groups: list[QButtonGroup] = []

        self.introduction = QLabel(self._introduction(saved_by), self)
        self.introduction.setWordWrap(True)
        self.introduction.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup

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
            name = QLabel(_row_label(field, labels), self)
            name.setWordWrap(True)
            name.setFixedWidth(LABEL_WIDTH)
            name.setTextFormat(Qt.TextFormat.PlainText)
            mine_value, stored_value = _differences_first(field.mine, field.stored)
            mine = self._choice(describe(field.name, mine_value))
            stored = self._choice(describe(field.name, stored_value))
            group = QButtonGroup(self)
            group.addButton(mine)
            group.addButton(stored)
            self._groups.append(group)
            (mine if field.changed_here else stored).setChecked(True)
            self._mine[field.choice] = mine
            self._row_labels[field.choice] = name.text()
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
        """A value on its button, shortened to the column; the tooltip has it whole,
        wrapped, however long (a report's narrative)."""
        button = QRadioButton(self)
        line = " ".join(text.split())
        button.setText(
            button.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, VALUE_WIDTH)
        )
        button.setToolTip("<p>{}</p>".format(escape(text).replace("\n", "<br>")))
        self._texts[button] = text
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

    def kept_mine(self) -> set[Choice]:
        return {name for name, button in self._mine.items() if button.isChecked()}

    def choose(self, name: Choice, mine: bool) -> None:
        """Pick the typed (``mine``) or the stored value of field (or entry) ``name``."""
        button = self._mine[name]
        if mine:
            button.setChecked(True)
            return
        group = button.group()
        other = next(candidate for candidate in group.buttons() if candidate is not button)
        other.setChecked(True)

    def rows(self) -> dict[Choice, tuple[str, str, str]]:
        """Each row as shown: its label, the typed value and the stored one."""
        return {
            choice: (label, *self.values_shown(choice))
            for choice, label in self._row_labels.items()
        }

    def values_shown(self, name: Choice) -> tuple[str, str]:
        """The two values of field ``name`` as shown (typed, stored)."""
        button = self._mine[name]
        other = next(candidate for candidate in button.group().buttons() if candidate is not button)
        return self._texts[button], self._texts[other]


def _differences_first(mine: Any, stored: Any) -> tuple[Any, Any]:
    """Two lists as the row shows them: of two tables (an activity's participants: lines
    of gender, age band, community and count) only the lines not in both, so that the one
    count that differs shows instead of two lists alike but for it; of two sets of choices
    (municipalities) each with what the other lacks first, where the button shows it."""
    if not (isinstance(mine, list) and isinstance(stored, list) and mine and stored):
        return mine, stored
    mine_items = {repr(item) for item in mine}
    stored_items = {repr(item) for item in stored}
    if all(isinstance(item, tuple) for item in [*mine, *stored]):
        mine_lines = {plain_text(line) for line in mine}
        stored_lines = {plain_text(line) for line in stored}
        return (
            [line for line in mine if plain_text(line) not in stored_lines],
            [line for line in stored if plain_text(line) not in mine_lines],
        )
    return (
        sorted(mine, key=lambda item: repr(item) in stored_items),
        sorted(stored, key=lambda item: repr(item) in mine_items),
    )


def _row_label(field: DifferingField, labels: dict[str, str]) -> str:
    """The field's label; for an entry of a dict field, also which entry."""
    label = labels.get(field.name, field.name)
    if field.key is None:
        return label
    if field.name not in labels:
        return entry_text(field.key)
    # L10N: a row of the conflict dialog: a field and which of its texts differs, as in
    # "Narrative: Summary, Albanian"
    return _("{field}: {entry}").format(field=label, entry=entry_text(field.key))
