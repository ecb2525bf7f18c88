"""A grant's own window: where it stands (the summary strip) and its parts in tabs —
budget lines, instalments, expenditures and reporting periods.

It is a window of its own rather than a modal dialog, so a grants manager can keep two
grants open side by side, or the grant beside the list of projects.  "Export to
spreadsheet…" writes the whole grant as one workbook (``workbook_export``).
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_date
from desktop.services.errors import ServiceError
from desktop.services.grant_summary import GrantSummary, GrantSummaryService
from desktop.store.database import Database
from desktop.ui.grants.budget_tab import BudgetTab
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.expenditures_tab import ExpendituresTab
from desktop.ui.grants.instalments_tab import InstalmentsTab
from desktop.ui.grants.periods_tab import PeriodsTab
from desktop.ui.grants.summary_strip import SummaryStrip
from desktop.ui.grants.workbook_export import GrantWorkbookExport
from desktop.ui.language import language_hub

TAB_TITLES = (
    N_("Budget lines"),
    N_("Instalments"),
    N_("Expenditures"),
    N_("Reporting periods"),
)


class GrantWindow(QDialog):
    """``changed(grant_id)`` fires after anything of the grant was saved, so the list of
    grants can refresh; ``status_message`` relays the tabs' sentences."""

    changed = Signal(int)
    status_message = Signal(str)

    def __init__(self, db: Database, grant_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint)
        self._db = db
        self.grant_id = grant_id
        self._summaries = GrantSummaryService(db)
        self.summary: GrantSummary = self._summaries.summary(grant_id, current_language())

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self)
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.edit_grant)
        self.workbook_export = GrantWorkbookExport(db, grant_id, self)
        self.workbook_export.status_message.connect(self.status_message)
        self.export_button = QPushButton(self)
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.workbook_export.action.trigger)
        self.workbook_export.action.changed.connect(
            lambda: self.export_button.setEnabled(self.workbook_export.action.isEnabled())
        )
        self.strip = SummaryStrip(self)
        self.tabs = QTabWidget(self)
        self.budget_tab = BudgetTab(db, grant_id, self.tabs)
        self.instalments_tab = InstalmentsTab(db, grant_id, self.tabs)
        self.expenditures_tab = ExpendituresTab(db, grant_id, self.tabs)
        self.periods_tab = PeriodsTab(db, grant_id, self.tabs)
        for tab in self.all_tabs():
            self.tabs.addTab(tab, "")
            tab.changed.connect(self._on_part_changed)
            tab.status_message.connect(self.status_message)
        for tab in (self.budget_tab, self.instalments_tab, self.periods_tab):
            tab.reload()
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.button_box.rejected.connect(self.close)
        self.close_shortcut = QShortcut(QKeySequence.StandardKey.Close, self)
        self.close_shortcut.activated.connect(self.close)
        self._lay_out()
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.resize(1100, 760)

    def all_tabs(self) -> tuple[QWidget, ...]:
        return (self.budget_tab, self.instalments_tab, self.expenditures_tab, self.periods_tab)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.facts)
        top.addLayout(titles, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.strip)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.button_box)

    def retranslate_ui(self) -> None:
        summary = self.summary
        language = current_language()
        # L10N: the title of a grant's window: its contract number and title
        self.setWindowTitle(_("Grant {number}").format(number=summary.contract_number))
        self.heading.setText(
            _("{number} — {title}").format(number=summary.contract_number, title=summary.title)
            if summary.title
            else summary.contract_number
        )
        facts = _("{project} · funded by {donor} · {start} to {end}").format(
            project=summary.project,
            donor=summary.donor,
            start=format_date(summary.start_date, language),
            end=format_date(summary.end_date, language),
        )
        if summary.archived:
            # L10N: added to a grant's description when it has been archived
            facts = _("{facts} (archived)").format(facts=facts)
        self.facts.setText(facts)
        self.edit_button.setText(_("Edit the &contract…"))
        self.edit_button.setToolTip(_("Change the contract: number, donor, amount, dates"))
        self.workbook_export.contract_number = summary.contract_number
        self.workbook_export.retranslate_ui()
        self.export_button.setText(self.workbook_export.action.text())
        self.export_button.setToolTip(self.workbook_export.action.toolTip())
        for number, title in enumerate(TAB_TITLES):
            self.tabs.setTabText(number, _(title))
        self.strip.set_summary(summary)

    def refresh_summary(self) -> None:
        try:
            self.summary = self._summaries.summary(self.grant_id, current_language())
        except ServiceError as error:
            QMessageBox.warning(self, _("The grant could not be read"), str(error))
            return
        self.retranslate_ui()

    def _on_part_changed(self) -> None:
        self.refresh_summary()
        self.expenditures_tab.refresh_choices()
        self.changed.emit(self.grant_id)

    def edit_grant(self) -> GrantDialog | None:
        try:
            dialog = GrantDialog(self._db, self.grant_id, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The grant could not be opened"), str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _grant_id: self._on_grant_saved())
        dialog.open()
        return dialog

    def _on_grant_saved(self) -> None:
        self.refresh_summary()
        self.budget_tab.reload()
        self.instalments_tab.reload()
        self.expenditures_tab.reload()
        self.changed.emit(self.grant_id)
