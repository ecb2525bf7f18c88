"""The small dialog before research outputs are exported as citations: which outputs (the
selected rows, or every row the list shows when none is selected, said in words), in which
format for which program, and in which language the titles go out.

The title language is the reader's, not necessarily the interface's: an office working in
Albanian sends an English bibliography to its donor.  It starts at the interface language.
"""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, _, current_language, ngettext
from desktop.services.audit_values import LANGUAGE_NAMES
from desktop.services.citations.service import FORMAT_LABELS, CitationFormat
from desktop.ui import settings
from desktop.ui.language import language_hub

LAST_FORMAT = "research/citation_format"
WIDTH_CHARACTERS = 60


class CitationExportDialog(QDialog):
    """``count`` outputs are to be exported: the ``selected`` rows, or all those shown."""

    def __init__(self, count: int, selected: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._count = count
        self._selected = selected
        self.scope_label = QLabel(self)
        self.scope_label.setWordWrap(True)
        self.format_combo = QComboBox(self)
        self.language_combo = QComboBox(self)
        for code in (language.code for language in LANGUAGES):
            self.language_combo.addItem("", code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(current_language()))
        self.format_label = QLabel(self)
        self.format_label.setBuddy(self.format_combo)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language_combo)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.format_label, self.format_combo)
        form.addRow(self.language_label, self.language_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addLayout(form)
        layout.addWidget(self.button_box)
        # room for the longest format name and two lines of the sentence above, in any
        # of our languages
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARACTERS)
        self.retranslate_ui()
        last = self.format_combo.findData(settings.read_text(LAST_FORMAT))
        self.format_combo.setCurrentIndex(max(last, 0))
        language_hub().language_changed.connect(self.retranslate_ui)

    def citation_format(self) -> CitationFormat:
        return CitationFormat(self.format_combo.currentData())

    def title_language(self) -> str:
        return str(self.language_combo.currentData())

    def accept(self) -> None:
        settings.write(LAST_FORMAT, self.citation_format().value)
        super().accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export citations"))
        if self._selected:
            scope = ngettext(
                "The selected research output will be exported.",
                "The {count} selected research outputs will be exported.",
                self._count,
            )
        else:
            # L10N: shown when the user asked for citations without selecting rows
            scope = ngettext(
                "No row is selected, so the one research output the list shows will be exported.",
                "No row is selected, so all {count} research outputs the list shows will be "
                "exported.",
                self._count,
            )
        self.scope_label.setText(scope.format(count=self._count))
        self.format_label.setText(_("&Format:"))
        self.language_label.setText(_("&Titles in:"))
        chosen = self.format_combo.currentData()
        self.format_combo.clear()
        for citation_format, label in FORMAT_LABELS.items():
            self.format_combo.addItem(_(label), citation_format.value)
        self.format_combo.setCurrentIndex(max(self.format_combo.findData(chosen), 0))
        for index, language in enumerate(LANGUAGES):
            self.language_combo.setItemText(index, _(LANGUAGE_NAMES[language.code]))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(_("E&xport…"))
