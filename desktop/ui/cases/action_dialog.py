"""The small dialog in which a follow-up action of a case is written or changed.

It is a ``RecordDialog`` like every editor, so a refusal shows under its field, closing
with changes asks first and an action someone else changed meanwhile is not overwritten.
"""

from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from desktop.i18n import N_, _
from desktop.services.cases import ActionForm, CaseActionRow, CaseService
from desktop.ui.cases.optional_date import OptionalDateEdit
from desktop.ui.widgets.record_dialog import RecordDialog


class ActionDialog(RecordDialog):
    """``saved(action_id)`` fires once the action is stored."""

    unsaved_question = N_("This action has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The action was not saved")

    def __init__(
        self,
        service: CaseService,
        case_id: int,
        action: CaseActionRow | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(action.id if action else None, parent)
        self._service = service
        self._case_id = case_id
        self._action = action

        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.responsible_edit = QLineEdit(self)
        self.due_edit = OptionalDateEdit(self)
        self.done_edit = OptionalDateEdit(self)
        form = self.form_layout()
        self.add_row(form, "description", N_("&What is to be done"), self.description_edit)
        self.add_row(form, "responsible", N_("&Responsible"), self.responsible_edit)
        self.add_row(form, "due_on", N_("Due b&y"), self.due_edit)
        self.add_row(form, "done_on", N_("D&one on"), self.done_edit)
        self.set_body(form)
        self.set_tab_order(
            [
                self.description_edit,
                self.responsible_edit,
                self.due_edit.check,
                self.due_edit.date_edit,
                self.done_edit.check,
                self.done_edit.date_edit,
            ]
        )
        self.start()
        self.resize(560, 360)

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New follow-up action")
        return _("Edit follow-up action")

    def relabel(self) -> None:
        self.due_edit.set_check_text(_("Set"))
        self.done_edit.set_check_text(_("Done"))
        self.due_edit.date_edit.setAccessibleName(_("Due date"))
        self.done_edit.date_edit.setAccessibleName(_("Date done"))
        # L10N: a hint in the empty field: who carries out a follow-up action
        self.responsible_edit.setPlaceholderText(_("A person, an office or an institution"))

    def load_record(self) -> None:
        """Show the action as stored now (a reload after a conflict reads it again)."""
        if self.record_id is not None and self.version is not None:
            self._action = self._service.get_action(self.record_id)
        action = self._action
        self.description_edit.setPlainText(action.description if action else "")
        self.responsible_edit.setText(action.responsible if action else "")
        self.due_edit.set_value(action.due_on if action else None)
        self.done_edit.set_value(action.done_on if action else None, default=date.today())
        self.version = action.version if action else None

    def form(self) -> ActionForm:
        return ActionForm(
            description=self.description_edit.toPlainText(),
            responsible=self.responsible_edit.text(),
            due_on=self.due_edit.value(),
            done_on=self.done_edit.value(),
        )

    def store(self, form: ActionForm) -> int:
        if self.record_id is None:
            return self._service.add_action(self._case_id, form)
        self._service.update_action(self.record_id, form, self.version or 0)
        return self.record_id
