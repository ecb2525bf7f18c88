"""The Results page: choose a project; its logframe on the left, its indicator values per
reporting period on the right.

The splitter between them, the project and the grant are remembered, so the page reopens
where the user left it at the end of the last quarter's work.  Coming back to the page reads
it again: the activities counted into the indicators, the projects and their grants may have
changed on other pages meanwhile.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, current_language
from desktop.services.actor import Actor
from desktop.services.errors import ServiceError
from desktop.services.results import ResultsService
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.results.tree_panel import ResultsTreePanel
from desktop.ui.results.values_panel import ValuesPanel

SPLITTER_KEY = "results/splitter"
PROJECT_KEY = "results/project"
GRANT_KEY = "results/grant"


class ResultsPage(QWidget):
    """``actor`` is who acts (the signed-in user); by default the person at the computer."""

    status_message = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget | None = None, actor: Actor | None = None
    ) -> None:
        super().__init__(parent)
        self._service = ResultsService(db, actor)
        self._shown_once = False
        self.project_label = QLabel(self)
        self.project_combo = QComboBox(self)
        self.project_combo.setMinimumContentsLength(30)
        self.project_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.project_label.setBuddy(self.project_combo)
        self.tree_panel = ResultsTreePanel(db, actor, self)
        self.values_panel = ValuesPanel(db, actor, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree_panel)
        self.splitter.addWidget(self.values_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        top = QHBoxLayout()
        top.addWidget(self.project_label)
        top.addWidget(self.project_combo, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        saved = settings.read_bytes(SPLITTER_KEY)
        if saved is not None:
            self.splitter.restoreState(saved)
        else:  # two fifths for the tree, whatever the width its buttons would settle for
            self.splitter.setSizes([400, 600])
        self.splitter.splitterMoved.connect(
            lambda *_args: settings.write(SPLITTER_KEY, self.splitter.saveState())
        )
        self.tree_panel.status_message.connect(self.status_message)
        self.values_panel.status_message.connect(self.status_message)
        self.tree_panel.changed.connect(self.values_panel.reload)
        self.tree_panel.indicator_chosen.connect(self.values_panel.select_indicator)
        self.values_panel.grant_chosen.connect(lambda grant: settings.write(GRANT_KEY, grant))
        self.project_combo.currentIndexChanged.connect(lambda _index: self._on_project_changed())
        language_hub().language_changed.connect(self.retranslate_ui)
        self._relabel()
        self._fill_projects(_saved_id(PROJECT_KEY))
        self._on_project_changed(_saved_id(GRANT_KEY))

    def retranslate_ui(self) -> None:
        self._relabel()
        self._fill_projects(self.project_id())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if event.spontaneous():
            return
        if self._shown_once:
            self.read_again()
        self._shown_once = True

    def read_again(self) -> None:
        """Read the projects, the framework and the values again, keeping the selections."""
        shown = self.project_id()
        self._fill_projects(shown)
        if self.project_id() != shown:
            self._on_project_changed()
            return
        self.tree_panel.reload()
        self.values_panel.set_project(shown, self.values_panel.grant_id())

    def _relabel(self) -> None:
        self.project_label.setText(_("&Project:"))
        self.project_combo.setToolTip(_("The project whose results framework is shown"))

    def _fill_projects(self, chosen: int | None) -> None:
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        try:
            for choice in self._service.projects(current_language()):
                self.project_combo.addItem(choice.name, choice.id)
        except ServiceError as error:
            QMessageBox.warning(self, _("The projects could not be read"), str(error))
        self.project_combo.setCurrentIndex(max(self.project_combo.findData(chosen), 0))
        self.project_combo.blockSignals(False)

    def project_id(self) -> int | None:
        return self.project_combo.currentData()

    def choose_project(self, project_id: int) -> bool:
        index = self.project_combo.findData(project_id)
        if index < 0:
            return False
        self.project_combo.setCurrentIndex(index)
        return True

    def _on_project_changed(self, grant_id: int | None = None) -> None:
        project_id = self.project_id()
        if project_id is not None:
            settings.write(PROJECT_KEY, project_id)
        self.tree_panel.set_project(project_id)
        self.values_panel.set_project(project_id, grant_id)


def _saved_id(key: str) -> int | None:
    """A remembered id (INI files give it back as text, the registry as a number)."""
    value = settings.app_settings().value(key)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
