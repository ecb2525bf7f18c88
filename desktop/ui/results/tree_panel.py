"""A project's logframe as a tree: objectives, their outcomes, their outputs, and the
indicators that measure each, with the actions that add, change, move and remove them.
"""

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.results import RESULT_LEVEL_LABELS
from desktop.i18n import N_, _, current_language
from desktop.services.actor import Actor
from desktop.services.errors import ServiceError
from desktop.services.results import (
    CHILD_LEVEL,
    IndicatorNode,
    ResultForm,
    ResultNode,
    ResultsService,
)
from desktop.store.database import Database
from desktop.ui.access_keys import keep_access_keys
from desktop.ui.language import language_hub
from desktop.ui.results.indicator_dialog import IndicatorDialog
from desktop.ui.results.result_dialog import ResultDialog

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the ResultNode or IndicatorNode of a line
HEADERS = (N_("Code"), N_("Level"), N_("Statement"))
INDICATOR_LABEL = N_("Indicator")

Node = ResultNode | IndicatorNode


class ResultsTreePanel(QWidget):
    """``changed`` fires after the framework was changed, so the value grid can follow;
    ``indicator_chosen(id)`` when the user selects an indicator, so the grid can go to its
    values; ``status_message`` carries a sentence for the status bar."""

    changed = Signal()
    indicator_chosen = Signal(int)
    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._service = ResultsService(db, actor)
        self._project_id: int | None = None
        self._reloading = False  # a selection restored by reload is not the user's choice

        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.doubleClicked.connect(lambda _index: self.edit_selected())
        self.tree.selectionModel().selectionChanged.connect(lambda *_args: self._on_selected())

        self.new_result_action = QAction(self)
        self.new_result_action.triggered.connect(self.new_result)
        self.new_indicator_action = QAction(self)
        self.new_indicator_action.triggered.connect(self.new_indicator)
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.up_action = QAction(self)
        self.up_action.setShortcut(QKeySequence("Alt+Up"))
        self.up_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.up_action.triggered.connect(lambda: self.shift_selected(-1))
        self.down_action = QAction(self)
        self.down_action.setShortcut(QKeySequence("Alt+Down"))
        self.down_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.down_action.triggered.connect(lambda: self.shift_selected(+1))
        for action in (self.edit_action, self.remove_action, self.up_action, self.down_action):
            self.tree.addAction(action)

        # Two rows of buttons rather than one toolbar: at 1280 pixels the panel is too narrow
        # for six labels in one row (in Albanian above all), and a toolbar hides what does
        # not fit behind "»", where a newcomer never looks.  Buttons in a layout keep the
        # panel wide enough for each of them.
        self._buttons: dict[QAction, QToolButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for row in (
            (self.new_result_action, self.new_indicator_action),
            (self.edit_action, self.remove_action, self.up_action, self.down_action),
        ):
            buttons = QHBoxLayout()
            buttons.setSpacing(2)
            for action in row:
                button = QToolButton(self)
                button.setDefaultAction(action)
                button.setAutoRaise(True)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                buttons.addWidget(button)
                self._buttons[action] = button
            buttons.addStretch(1)
            layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def button_for(self, action: QAction) -> QToolButton:
        """The button that shows one of the panel's actions."""
        return self._buttons[action]

    def retranslate_ui(self) -> None:
        self.new_result_action.setText(_("New &result"))
        self.new_result_action.setToolTip(
            _("Add a result under the selected one (an objective when none is selected)")
        )
        self.new_indicator_action.setText(_("New &indicator"))
        self.new_indicator_action.setToolTip(_("Add an indicator to the selected result"))
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected line (Enter or double-click)"))
        self.remove_action.setText(_("Re&move"))
        self.remove_action.setToolTip(_("Remove the selected line if nothing depends on it"))
        self.up_action.setText(_("Move &up"))
        self.up_action.setToolTip(_("Move the selected result up among its siblings (Alt+Up)"))
        self.down_action.setText(_("Move &down"))
        self.down_action.setToolTip(
            _("Move the selected result down among its siblings (Alt+Down)")
        )
        keep_access_keys(
            self.new_result_action,
            self.new_indicator_action,
            self.edit_action,
            self.remove_action,
            self.up_action,
            self.down_action,
        )
        self.tree.setAccessibleName(_("Results framework"))
        self.reload()

    # -- the tree --------------------------------------------------------------------------

    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self.reload()

    def reload(self, select: Node | tuple[type, int] | None = None) -> None:
        """Read the tree again, keeping (or moving to) the selected line."""
        wanted = self._key(select) if select is not None else self._key(self.selected_node())
        self._reloading = True
        try:
            self._rebuild(wanted)
        finally:
            self._reloading = False
        self._update_actions()

    def _rebuild(self, wanted: tuple[type, int] | None) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_(title) for title in HEADERS])
        roots: list[ResultNode] = []
        if self._project_id is not None:
            try:
                roots = self._service.tree(self._project_id, current_language())
            except ServiceError as error:
                QMessageBox.warning(self, _("The results could not be read"), str(error))
        for node in roots:
            self._add(self.model.invisibleRootItem(), node)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if wanted is not None:
            self._select_key(wanted)

    def _add(self, parent: QStandardItem, node: ResultNode) -> None:
        code = self._row(parent, node, node.code, _(RESULT_LEVEL_LABELS[node.level]), node.name)
        for indicator in node.indicators:
            self._row(code, indicator, indicator.code, _(INDICATOR_LABEL), indicator.name)
        for child in node.children:
            self._add(code, child)

    @staticmethod
    def _row(parent: QStandardItem, node: Node, *texts: str) -> QStandardItem:
        items = [QStandardItem(text) for text in texts]
        for item in items:
            item.setData(node, NODE_ROLE)
            item.setToolTip(texts[-1])
        if isinstance(node, IndicatorNode):
            font = items[0].font()
            font.setItalic(True)
            for item in items:
                item.setFont(font)
        parent.appendRow(items)
        return items[0]

    def selected_node(self) -> Node | None:
        rows = self.tree.selectionModel().selectedRows() if self.tree.selectionModel() else []
        return rows[0].data(NODE_ROLE) if rows else None

    def select(self, node_type: type, node_id: int) -> None:
        self._select_key((node_type, node_id))

    @staticmethod
    def _key(node: Node | tuple[type, int] | None) -> tuple[type, int] | None:
        if node is None or isinstance(node, tuple):
            return node
        return (type(node), node.id)

    def _select_key(self, key: tuple[type, int]) -> None:
        for index in self._indexes():
            if self._key(index.data(NODE_ROLE)) == key:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return

    def _indexes(self, parent: QModelIndex | None = None) -> list[QModelIndex]:
        parent = parent or QModelIndex()
        found = []
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            found.append(index)
            found.extend(self._indexes(index))
        return found

    def _on_selected(self) -> None:
        self._update_actions()
        node = self.selected_node()
        if isinstance(node, IndicatorNode) and not self._reloading:
            self.indicator_chosen.emit(node.id)

    def _update_actions(self) -> None:
        node = self.selected_node()
        has_project = self._project_id is not None
        self.new_result_action.setEnabled(has_project)
        self.new_indicator_action.setEnabled(node is not None)
        self.edit_action.setEnabled(node is not None)
        self.remove_action.setEnabled(node is not None)
        self.up_action.setEnabled(isinstance(node, ResultNode))
        self.down_action.setEnabled(isinstance(node, ResultNode))

    # -- actions ---------------------------------------------------------------------------

    def new_result(self) -> ResultDialog | None:
        """A result under the selected one: an outcome under an objective, an output under
        an outcome, another output beside an output; an objective when nothing is chosen."""
        if self._project_id is None:
            return None
        node = self.selected_node()
        defaults = ResultForm()
        if isinstance(node, ResultNode):
            child = CHILD_LEVEL[node.level]
            if child is not None:
                defaults = ResultForm(level=child, parent_id=node.id)
            else:
                parent = self._parent_result(node)
                defaults = ResultForm(level=node.level, parent_id=parent.id if parent else None)
        return self._open(
            ResultDialog(self._db, self._project_id, None, self, self._actor, defaults),
            ResultNode,
        )

    def new_indicator(self) -> IndicatorDialog | None:
        node = self.selected_node()
        if self._project_id is None or node is None:
            return None
        result = node if isinstance(node, ResultNode) else self._parent_result(node)
        return self._open(
            IndicatorDialog(
                self._db,
                self._project_id,
                None,
                self,
                self._actor,
                result.id if result else None,
            ),
            IndicatorNode,
        )

    def edit_selected(self) -> ResultDialog | IndicatorDialog | None:
        node = self.selected_node()
        if self._project_id is None or node is None:
            return None
        try:
            if isinstance(node, ResultNode):
                dialog: ResultDialog | IndicatorDialog = ResultDialog(
                    self._db, self._project_id, node.id, self, self._actor
                )
            else:
                dialog = IndicatorDialog(self._db, self._project_id, node.id, self, self._actor)
        except ServiceError as error:
            QMessageBox.warning(self, _("The line could not be opened"), str(error))
            self.reload()
            return None
        return self._open(dialog, type(node))

    def _open(
        self, dialog: ResultDialog | IndicatorDialog, kind: type
    ) -> ResultDialog | IndicatorDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda record_id: self._on_saved(kind, record_id))
        dialog.open()
        return dialog

    def _on_saved(self, kind: type, record_id: int) -> None:
        self.reload(select=(kind, record_id))
        self.changed.emit()
        if kind is ResultNode:
            self.status_message.emit(_("The result was saved."))
        else:
            self.status_message.emit(_("The indicator was saved."))

    def remove_selected(self) -> None:
        node = self.selected_node()
        if node is None:
            return
        if isinstance(node, ResultNode):
            question = _("Remove the result {code}? This cannot be undone.")
        else:
            question = _("Remove the indicator {code}? This cannot be undone.")
        answer = QMessageBox.question(
            self,
            _("Remove"),
            question.format(code=node.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            if isinstance(node, ResultNode):
                self._service.remove_result(node.id, node.version)
            else:
                self._service.remove_indicator(node.id, node.version)
        except ServiceError as error:
            QMessageBox.warning(self, _("Nothing was removed"), str(error))
            self.reload()
            return
        self.reload()
        self.changed.emit()
        self.status_message.emit(_("{code} was removed.").format(code=node.code))

    def shift_selected(self, step: int) -> None:
        node = self.selected_node()
        if not isinstance(node, ResultNode):
            return
        try:
            self._service.shift_result(node.id, step)
        except ServiceError as error:
            QMessageBox.warning(self, _("The result was not moved"), str(error))
        self.reload(select=node)
        self.changed.emit()

    def _parent_result(self, node: Node) -> ResultNode | None:
        """The result a line hangs under, read from the tree on screen."""
        for index in self._indexes():
            if self._key(index.data(NODE_ROLE)) == self._key(node):
                parent = index.parent()
                return parent.data(NODE_ROLE) if parent.isValid() else None
        return None
