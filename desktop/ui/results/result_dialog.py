"""The editor of one result statement: its level, the result it contributes to, its code,
its text in the four languages and the assumptions it rests on (the logframe's last column).

Choosing a level offers only the results it may hang under (an outcome under an objective,
an output under an outcome), so the tree cannot be built upside down; moving a result is
choosing another parent.
"""

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.results import RESULT_LEVEL_LABELS, ResultLevel
from desktop.i18n import N_, _, current_language
from desktop.services.actor import Actor
from desktop.services.results import PARENT_LEVEL, ResultForm, ResultNode, ResultsService
from desktop.store.database import Database
from desktop.ui.widgets.names_editor import NamesEditor
from desktop.ui.widgets.record_dialog import RecordDialog

SPOKEN_STATEMENTS = {
    "name_en": N_("Statement in English"),
    "name_sq": N_("Statement in Albanian"),
    "name_sr": N_("Statement in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Statement in Serbian, Latin script"),
}


def flatten(nodes: tuple[ResultNode, ...] | list[ResultNode]) -> list[ResultNode]:
    """Every result of the tree, parents before their children."""
    found: list[ResultNode] = []
    for node in nodes:
        found.append(node)
        found.extend(flatten(node.children))
    return found


class ResultDialog(RecordDialog):
    unsaved_question = N_("This result has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The result was not saved")

    def __init__(
        self,
        db: Database,
        project_id: int,
        result_id: int | None,
        parent: QWidget | None,
        actor: Actor | None = None,
        defaults: ResultForm | None = None,
    ) -> None:
        super().__init__(result_id, parent)
        self._service = ResultsService(db, actor)
        self._project_id = project_id
        self._defaults = defaults or ResultForm()
        self._code = ""

        self.level_combo = QComboBox(self)
        self.parent_combo = QComboBox(self)
        self.code_edit = QLineEdit(self)
        self.names = NamesEditor(multiline=True, parent=self, spoken=SPOKEN_STATEMENTS)
        self.assumptions_edit = QPlainTextEdit(self)
        self.assumptions_edit.setTabChangesFocus(True)
        self.assumptions_edit.setMaximumHeight(90)
        self._lay_out()
        self.level_combo.currentIndexChanged.connect(lambda _index: self._fill_parents())
        self.enable_conflict_merge(db, "results")
        self.start()
        self.resize(760, 520)

    def _lay_out(self) -> None:
        form = self.form_layout()
        self.add_row(form, "level", N_("Le&vel"), self.level_combo)
        self.add_row(form, "parent_id", N_("Contributes &to"), self.parent_combo)
        self.add_row(form, "code", N_("&Code"), self.code_edit)
        statements = QGroupBox(self)
        self.add_title(statements, N_("Statement (at least one language)"))
        QVBoxLayout(statements).addWidget(self.names)
        self.add_names(self.names)
        form.addRow(statements)
        # L10N: a result's field: what must hold outside the action for it to succeed
        self.add_row(form, "assumptions", N_("A&ssumptions"), self.assumptions_edit)
        self.set_body(form)
        self.set_tab_order(
            [
                self.level_combo,
                self.parent_combo,
                self.code_edit,
                *self.names.edits.values(),
                self.assumptions_edit,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New result")
        return _("Edit result {code}").format(code=self._code)

    def relabel(self) -> None:
        # L10N: an example of a result code, as a hint in the empty field
        self.code_edit.setPlaceholderText(_("For example OC1 or OP1.2"))
        self.assumptions_edit.setPlaceholderText(
            # L10N: a hint in a result's empty Assumptions field
            _("What must hold outside the action for this result to be reached")
        )

    def retranslate_ui(self) -> None:
        self._fill_levels()
        self._fill_parents()
        super().retranslate_ui()

    # -- choices -----------------------------------------------------------------------

    def _fill_levels(self) -> None:
        level = self.level_combo.currentData()
        self.level_combo.blockSignals(True)
        self.level_combo.clear()
        for value, label in RESULT_LEVEL_LABELS.items():
            self.level_combo.addItem(_(label), value.value)
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(level), 0))
        self.level_combo.blockSignals(False)

    def _fill_parents(self) -> None:
        """The results of the level above the chosen one (none for an objective)."""
        chosen = self.parent_combo.currentData()
        wanted = PARENT_LEVEL[ResultLevel(self.level_combo.currentData())]
        self.parent_combo.clear()
        if wanted is None:
            self.parent_combo.addItem(_("(none: an objective stands at the top)"), None)
        else:
            tree = self._service.tree(self._project_id, current_language())
            for node in flatten(tree):
                if node.level == wanted and node.id != self.record_id:
                    # L10N: a result in a drop-down list: its code and its statement
                    label = _("{code} {statement}").format(code=node.code, statement=node.name)
                    self.parent_combo.addItem(label, node.id)
        self.parent_combo.setEnabled(wanted is not None)
        self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(chosen), 0))

    # -- values ------------------------------------------------------------------------

    def load_record(self) -> None:
        if self.record_id is None:
            form = self._defaults
        else:
            details = self._service.get_result(self.record_id)
            self.version = details.version
            self.record_uuid = details.uuid
            self._code = details.form.code
            form = details.form
        self._fill_levels()
        self.level_combo.setCurrentIndex(
            max(self.level_combo.findData(ResultLevel(form.level).value), 0)
        )
        self._fill_parents()
        self.parent_combo.setCurrentIndex(max(self.parent_combo.findData(form.parent_id), 0))
        self.code_edit.setText(form.code)
        self.names.set_values({name: getattr(form, name) for name in self.names.edits})
        self.assumptions_edit.setPlainText(form.assumptions)

    def stored_form(self) -> tuple[ResultForm, int]:
        details = self._service.get_result(self.record_id)
        return details.form, details.version

    def form(self) -> ResultForm:
        return ResultForm(
            level=ResultLevel(self.level_combo.currentData()),
            parent_id=self.parent_combo.currentData(),
            code=self.code_edit.text(),
            **self.names.values(),
            assumptions=self.assumptions_edit.toPlainText(),
        )

    def store(self, form: ResultForm) -> int:
        if self.record_id is None:
            return self._service.create_result(self._project_id, form)
        self._service.update_result(self.record_id, form, self.version or 0)
        return self.record_id
