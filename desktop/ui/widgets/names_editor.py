"""A record's name (or text) in the four languages, edited side by side in one form.

Reports print names in the donor's language, not the one on screen, so all four are shown
at once, whatever the interface language.  Serbian Latin is written from the Cyrillic as the
user types, letter for letter, until the user types in the Latin field (a person's own
spelling, a brand name); emptying the Latin field makes it follow the Cyrillic again.

An empty field says so, in its placeholder and to screen readers, together with the name a
report in that language prints instead (``desktop.domain.multilingual``'s fallback order),
so the user sees which translation is missing and what a donor would read meanwhile.

    names = NamesEditor(parent=self)                 # one line each
    story = NamesEditor(multiline=True, parent=self)  # narratives and statements
    names.set_values({"name_en": "Safer streets", "name_sr": "Безбедне улице"})
    names.values()  # {"name_en": ..., "name_sq": ..., "name_sr": ..., "name_sr_latn": ...}
    names.changed.connect(...)

``edits`` and ``errors`` (by field name) let a ``RecordDialog`` put the service's messages
under each field: ``dialog.add_names(names)``.
"""

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.multilingual import resolve_name
from desktop.i18n import N_, _
from desktop.i18n.translit import cyrillic_to_latin
from desktop.ui.language import language_hub
from desktop.ui.widgets.colours import use_text_colour
from desktop.ui.widgets.field_error import FieldError

NAME_FIELDS = ("name_en", "name_sq", "name_sr", "name_sr_latn")
LANGUAGE_OF = {"name_en": "en", "name_sq": "sq", "name_sr": "sr", "name_sr_latn": "sr_Latn"}
_SHOWN_FALLBACK = 60  # characters of the fallback name a placeholder quotes
CYRILLIC, LATIN = "name_sr", "name_sr_latn"

LABELS = {
    "name_en": N_("&English"),
    "name_sq": N_("&Albanian"),
    "name_sr": N_("Serbian (C&yrillic)"),
    "name_sr_latn": N_("Serbian (&Latin)"),
}
SPOKEN_NAMES = {
    "name_en": N_("Name in English"),
    "name_sq": N_("Name in Albanian"),
    "name_sr": N_("Name in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Name in Serbian, Latin script"),
}

TextEdit = QLineEdit | QPlainTextEdit


class NamesEditor(QWidget):
    """``changed`` fires on every edit of any of the four fields.

    ``spoken`` gives what a screen reader says for each field (untranslated messages, such
    as "Title in English"); ``labels`` the visible labels with their ``&`` mnemonic.
    """

    changed = Signal()

    def __init__(
        self,
        multiline: bool = False,
        parent: QWidget | None = None,
        spoken: Mapping[str, str] = SPOKEN_NAMES,
        labels: Mapping[str, str] = LABELS,
    ) -> None:
        super().__init__(parent)
        self._multiline = multiline
        self._spoken = dict(spoken)
        self._label_texts = dict(labels)
        self._follows = True
        self._filling = False
        self.edits: dict[str, TextEdit] = {name: self._make_edit() for name in NAME_FIELDS}
        self.errors = {name: FieldError(self) for name in NAME_FIELDS}
        self.labels = {name: QLabel(self) for name in NAME_FIELDS}
        self.latin_hint = QLabel(self)
        self.latin_hint.setWordWrap(True)
        use_text_colour(self.latin_hint, "muted")  # greyed: a hint, not a value
        for name, label in self.labels.items():
            label.setBuddy(self.edits[name])
        self._lay_out()

        for edit in self.edits.values():
            edit.textChanged.connect(self.changed)
            edit.textChanged.connect(self._mark_missing)
        self.edits[CYRILLIC].textChanged.connect(self._on_cyrillic_changed)
        self.edits[LATIN].textChanged.connect(self._on_latin_changed)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def _make_edit(self) -> TextEdit:
        if not self._multiline:
            return QLineEdit(self)
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        return edit

    def _lay_out(self) -> None:
        """One line each: a form of four rows.  Long texts: two columns of two, each label
        over its box, so every language gets room to be read."""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for number, name in enumerate(NAME_FIELDS):
            if self._multiline:
                row, column = 3 * (number // 2), number % 2
                grid.addWidget(self.labels[name], row, column)
                grid.addWidget(self.edits[name], row + 1, column)
                grid.addWidget(self.errors[name], row + 2, column)
            else:
                grid.addWidget(self.labels[name], 2 * number, 0)
                grid.addWidget(self.edits[name], 2 * number, 1)
                grid.addWidget(self.errors[name], 2 * number + 1, 1)
        if self._multiline:
            grid.addWidget(self.latin_hint, 6, 1)
        else:
            grid.addWidget(self.latin_hint, 8, 1)
            grid.setColumnStretch(1, 1)

    def retranslate_ui(self) -> None:
        for name in NAME_FIELDS:
            self.labels[name].setText(_(self._label_texts[name]))
            self.edits[name].setAccessibleName(_(self._spoken[name]))
        self._update_hint()
        self._mark_missing()

    def missing(self) -> list[str]:
        """The fields with no name entered, in the form's order."""
        return [name for name, text in self.values().items() if not text.strip()]

    def _mark_missing(self) -> None:
        """Tell, in each empty field, that it is empty and what reports print instead."""
        entered = {LANGUAGE_OF[name]: text for name, text in self.values().items()}
        missing = self.missing()
        for name in NAME_FIELDS:
            note = ""
            if name in missing:
                fallback = resolve_name(entered, LANGUAGE_OF[name])
                note = (
                    # L10N: the grey text in an empty name field; {fallback} is the name
                    # from another language that reports in this language print meanwhile
                    _("Not entered — reports in this language show: {fallback}").format(
                        fallback=_shortened(fallback)
                    )
                    if fallback
                    # L10N: the grey text in an empty name field when no language has one
                    else _("Not entered")
                )
            self.edits[name].setPlaceholderText(note)
            self.edits[name].setAccessibleDescription(note)

    def _update_hint(self) -> None:
        if self._follows:
            self.latin_hint.setText(_("Written from the Cyrillic as you type."))
        else:
            self.latin_hint.setText(
                _("Typed by hand; empty it to write it from the Cyrillic again.")
            )
        self.edits[LATIN].setToolTip(self.latin_hint.text())

    # -- values ------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        return {name: _text_of(edit) for name, edit in self.edits.items()}

    def set_values(self, values: Mapping[str, str]) -> None:
        """Show stored names; a stored Latin name that is not the Cyrillic's transliteration
        was typed by hand and is kept from being overwritten."""
        cyrillic = values.get(CYRILLIC, "") or ""
        latin = values.get(LATIN, "") or ""
        self._follows = not latin or latin == cyrillic_to_latin(cyrillic)
        self._filling = True
        try:
            for name in NAME_FIELDS:
                if name != LATIN:
                    _set_text(self.edits[name], values.get(name, "") or "")
            _set_text(self.edits[LATIN], latin or cyrillic_to_latin(cyrillic))
        finally:
            self._filling = False
        self._update_hint()

    def follows_cyrillic(self) -> bool:
        """Whether the Latin field is still written from the Cyrillic one."""
        return self._follows

    # -- the Latin field follows the Cyrillic --------------------------------------------

    def _on_cyrillic_changed(self) -> None:
        if not self._follows:
            return
        self._filling = True
        try:
            _set_text(self.edits[LATIN], cyrillic_to_latin(_text_of(self.edits[CYRILLIC])))
        finally:
            self._filling = False

    def _on_latin_changed(self) -> None:
        if self._filling:
            return
        follows = not _text_of(self.edits[LATIN])
        if follows != self._follows:
            self._follows = follows
            self._update_hint()
            if follows:
                self._on_cyrillic_changed()


def _shortened(text: str) -> str:
    first_line = text.strip().splitlines()[0]
    if len(first_line) <= _SHOWN_FALLBACK and first_line == text.strip():
        return first_line
    return first_line[: _SHOWN_FALLBACK - 1].rstrip() + "…"


def _text_of(edit: TextEdit) -> str:
    return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()


def _set_text(edit: TextEdit, text: str) -> None:
    if _text_of(edit) == text:
        return
    if isinstance(edit, QLineEdit):
        edit.setText(text)
        edit.setCursorPosition(0)  # a long name shows its beginning, not its end
    else:
        edit.setPlainText(text)
