"""The strip along the top of a grant's window: budget, spent, received, and the share of
the money spent beside the share of the time gone, as two bars a manager compares at a
glance."""

from decimal import Decimal

from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_money, format_ratio
from desktop.services.grant_summary import GrantSummary
from desktop.ui.widgets.colours import use_text_colour

# How far spending may trail or lead the calendar before the strip says so.
NOTABLE_GAP = Decimal("0.15")

FIGURES = (
    ("amount", N_("Grant amount")),
    ("spent", N_("Spent")),
    ("remaining", N_("Left to spend")),
    ("received", N_("Received from the donor")),
)


def _bar_value(share: Decimal | None) -> int:
    return 0 if share is None else int(min(max(share, Decimal(0)), Decimal(1)) * 100)


class SummaryStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: GrantSummary | None = None
        self.captions = {key: QLabel(self) for key, _title in FIGURES}
        self.values = {key: QLabel(self) for key, _title in FIGURES}
        self.spent_caption = QLabel(self)
        self.spent_bar = QProgressBar(self)
        self.time_caption = QLabel(self)
        self.time_bar = QProgressBar(self)
        self.reading = QLabel(self)
        self.reading.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (key, _title) in enumerate(FIGURES):
            use_text_colour(self.captions[key], "muted")  # a caption; the figure stands out
            grid.addWidget(self.captions[key], 0, column)
            font = self.values[key].font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            font.setBold(True)
            self.values[key].setFont(font)
            grid.addWidget(self.values[key], 1, column)
        grid.addWidget(self.spent_caption, 2, 0)
        grid.addWidget(self.spent_bar, 2, 1, 1, len(FIGURES) - 1)
        grid.addWidget(self.time_caption, 3, 0)
        grid.addWidget(self.time_bar, 3, 1, 1, len(FIGURES) - 1)
        grid.addWidget(self.reading, 4, 0, 1, len(FIGURES))

    def set_summary(self, summary: GrantSummary) -> None:
        self._summary = summary
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for key, title in FIGURES:
            self.captions[key].setText(_(title))
        self.spent_caption.setText(_("Money spent"))
        self.time_caption.setText(_("Time elapsed"))
        summary = self._summary
        if summary is None:
            return
        language = current_language()
        for key, _title in FIGURES:
            value: Decimal = getattr(summary, key)
            self.values[key].setText(format_money(value, summary.currency, language))
        spent, time = summary.spent_share, summary.time_share
        self.spent_bar.setValue(_bar_value(spent))
        self.spent_bar.setFormat(format_ratio(spent or Decimal(0), language))
        self.spent_bar.setAccessibleName(
            _("Money spent: {share}").format(share=self.spent_bar.format())
        )
        self.time_bar.setValue(_bar_value(time))
        self.time_bar.setFormat(format_ratio(time, language))
        self.time_bar.setAccessibleName(
            _("Time elapsed: {share}").format(share=self.time_bar.format())
        )
        self.reading.setText(self._reading(summary))

    @staticmethod
    def _reading(summary: GrantSummary) -> str:
        spent, time = summary.spent_share or Decimal(0), summary.time_share
        if spent > 1:
            return _("More than the grant amount has been spent.")
        if time - spent > NOTABLE_GAP:
            return _("Spending is behind the calendar: activities may be late.")
        if spent - time > NOTABLE_GAP:
            return _("Spending is ahead of the calendar: the money may run out early.")
        return _("Spending keeps pace with the calendar.")
