"""The dialog in which a community-safety case is logged, followed up and closed.

The fields on the left are saved with Save, like every editor.  The status, the follow-up
actions and the files on the right belong to a saved case and are written at once (each
step of the status with its date and reason), so the history a council or a donor asks for
is never lost with an unsaved form.

Who raised the case and how to reach them are shown only to those who may know them (the
service records each showing in the audit log).  Anyone else sees "(confidential)" in both
fields, read-only, and their changes keep what is stored; an officer logging a new case
still writes them down, and cannot read them back once the case is saved.
"""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.case import CASE_CATEGORY_LABELS, CASE_STATUS_LABELS, CaseCategory, CaseStatus
from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_date
from desktop.services.actor import Actor
from desktop.services.case_confidential import may_read_raisers
from desktop.services.cases import CaseActionRow, CaseForm, CaseService
from desktop.services.errors import ServiceError
from desktop.services.organisations import OrganisationService
from desktop.services.projects import ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.cases.action_dialog import ActionDialog
from desktop.ui.cases.optional_date import OptionalDateEdit
from desktop.ui.cases.status_dialog import ChangeStatusDialog
from desktop.ui.widgets.charts import chart_colours
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.organisation_choice import organisation_combo
from desktop.ui.widgets.project_choice import project_combo
from desktop.ui.widgets.record_dialog import Columns, RecordDialog

ACTION_COLUMNS = (N_("What"), N_("Responsible"), N_("Due"), N_("Done"))
HISTORY_COLUMNS = (N_("Date"), N_("Step"), N_("Note"), N_("By"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseDialog(RecordDialog):
    """``saved(case_id)`` fires when the form is stored, archived or restored;
    ``changed(case_id)`` when the status or the actions change, which the list shows too."""

    changed = Signal(int)

    unsaved_question = N_("This case has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The case was not saved")
    archive_question = N_(
        "Archive this case? It leaves the list but can be restored with Show archived."
    )

    def __init__(
        self,
        db: Database,
        case_id: int | None,
        parent: QWidget | None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(case_id, parent)
        self._cases = CaseService(db, actor)
        self._organisations = OrganisationService(db, actor)
        self._reference = ReferenceService(db, actor)
        self._raisers_hidden = False  # who raised the case was withheld from this reader
        self._reference_text = ""
        self._status = CaseStatus.OPEN
        self._resolved_on: date | None = None
        self._actions: list[CaseActionRow] = []
        self.status_dialog: ChangeStatusDialog | None = None
        self.action_dialog: ActionDialog | None = None

        self.reference_edit = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.municipality_combo = QComboBox(self)
        self.category_combo = QComboBox(self)
        self.project_combo = project_combo(
            self._cases.project_choices,
            ProjectService(db, actor),
            # L10N: a project in a drop-down list: its code, then its title
            lambda code, title: _("{code} — {title}").format(code=code, title=title),
            self,
        )
        self.raised_by_edit = QLineEdit(self)
        self.raised_by_contact_edit = QLineEdit(self)
        self.confidential_hint = QLabel(self)
        self.confidential_hint.setWordWrap(True)
        self.referred_combo = organisation_combo(self._organisations, self, mark_archived=True)
        self.opened_edit = DateEdit(self)
        self.due_edit = OptionalDateEdit(self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        for combo in (self.municipality_combo, self.project_combo, self.referred_combo):
            # Long project and council names must not widen the form past the follow-up.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_button = QPushButton(self)
        self.status_button.setAutoDefault(False)
        self.status_button.clicked.connect(self.change_status)
        self.follow_up_hint = QLabel(self)
        self.follow_up_hint.setWordWrap(True)
        self.actions_list = _tree(self, len(ACTION_COLUMNS), stretch=0)
        self.add_action_button = QPushButton(self)
        self.edit_action_button = QPushButton(self)
        self.done_action_button = QPushButton(self)
        self.remove_action_button = QPushButton(self)
        for button, slot in (
            (self.add_action_button, self.add_action),
            (self.edit_action_button, self.edit_action),
            (self.done_action_button, self.mark_action_done),
            (self.remove_action_button, self.remove_action),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(slot)
        self.actions_list.itemSelectionChanged.connect(self._update_buttons)
        self.actions_list.itemDoubleClicked.connect(lambda _item, _column: self.edit_action())
        self.history_list = _tree(self, len(HISTORY_COLUMNS), stretch=2)
        self.history_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_list.setWordWrap(True)  # a step's note is read whole

        self._lay_out(db)
        self.enable_archive(self._cases)
        self.enable_conflict_merge(db, "cases")
        self.start()
        self.resize(1100, 720)

    # -- layout ----------------------------------------------------------------------------

    def _lay_out(self, db: Database) -> None:
        details = self.form_layout()
        self.add_row(details, "reference", N_("Referen&ce"), self.reference_edit)
        self.add_row(details, "title", N_("&Title"), self.title_edit)
        self.add_row(details, "municipality_id", N_("M&unicipality"), self.municipality_combo)
        self.add_row(details, "category", N_("Cate&gory"), self.category_combo)
        self.add_row(details, "project_id", N_("Pro&ject"), self.project_combo)
        self.add_row(details, "raised_by", N_("Raised &by"), self.raised_by_edit)
        self.add_row(
            details, "raised_by_contact", N_("Ho&w to reach them"), self.raised_by_contact_edit
        )
        details.addRow("", self.confidential_hint)
        self.add_row(details, "referred_to_id", N_("&Referred to"), self.referred_combo)
        self.add_row(details, "opened_on", N_("&Opened on"), self.opened_edit)
        self.add_row(details, "due_on", N_("Due b&y"), self.due_edit)
        self.add_row(details, "description", N_("Descr&iption"), self.description_edit)

        status_box = QGroupBox(self)
        self.add_title(status_box, N_("Status"))
        status_row = QHBoxLayout(status_box)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.status_button)

        actions_box = QGroupBox(self)
        self.add_title(actions_box, N_("Follow-up actions"))
        actions = QVBoxLayout(actions_box)
        actions.addWidget(self.actions_list, 1)
        buttons = FlowLayout()  # wraps in a narrow dialog
        for button in (
            self.add_action_button,
            self.edit_action_button,
            self.done_action_button,
            self.remove_action_button,
        ):
            buttons.addWidget(button)
        actions.addLayout(buttons)

        history_box = QGroupBox(self)
        self.add_title(history_box, N_("History"))
        history = QVBoxLayout(history_box)
        history.addWidget(self.history_list)

        right = QVBoxLayout()
        right.addWidget(self.follow_up_hint)
        right.addWidget(status_box)
        right.addWidget(actions_box, 3)
        right.addWidget(history_box, 2)

        columns = Columns()
        columns.addLayout(details, 4)
        columns.addSpacing(12)
        columns.addLayout(right, 5)
        self.enable_attachments(db, "cases")
        self.set_body(columns)
        self.set_tab_order(
            [
                self.reference_edit,
                self.title_edit,
                self.municipality_combo,
                self.category_combo,
                self.project_combo,
                self.raised_by_edit,
                self.raised_by_contact_edit,
                self.referred_combo,
                self.opened_edit,
                self.due_edit.check,
                self.due_edit.date_edit,
                self.description_edit,
                self.status_button,
                self.actions_list,
                self.add_action_button,
                self.edit_action_button,
                self.done_action_button,
                self.remove_action_button,
                self.history_list,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New case")
        return _("Case {reference}").format(reference=self._reference_text)

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()
        self._show_follow_up()

    def relabel(self) -> None:
        # L10N: a hint in the empty field; the name is confidential and never printed
        self.raised_by_edit.setPlaceholderText(_("A person or group (kept confidential)"))
        self.raised_by_edit.setToolTip(
            _("Who raised the concern. Shown only here: not in lists or reports.")
        )
        # L10N: a hint in the empty field of how to reach who raised a case
        self.raised_by_contact_edit.setPlaceholderText(_("A phone or an address (confidential)"))
        self.raised_by_contact_edit.setToolTip(
            _("How to reach whoever raised the concern. Shown only here: not in lists or reports.")
        )
        self._show_raisers_hint()
        self.due_edit.set_check_text(_("Set"))
        self.due_edit.date_edit.setAccessibleName(_("Due date"))
        self.status_button.setText(_("Change &status…"))
        self.add_action_button.setText(_("&Add action…"))
        self.edit_action_button.setText(_("&Edit…"))
        self.done_action_button.setText(_("Mark do&ne"))
        self.remove_action_button.setText(_("Remo&ve"))
        self.actions_list.setHeaderLabels([_(title) for title in ACTION_COLUMNS])
        self.actions_list.setAccessibleName(_("Follow-up actions"))
        self.history_list.setHeaderLabels([_(title) for title in HISTORY_COLUMNS])
        self.history_list.setAccessibleName(_("History"))
        self.follow_up_hint.setText(
            _("Save the case to follow it up: change its status, add actions and attach files.")
        )
        self._show_status()

    # -- choices and values ----------------------------------------------------------------

    def _fill_choices(self) -> None:
        """(Re)read the lists in the interface language, keeping what is chosen."""
        language = current_language()
        _refill(
            self.municipality_combo,
            [(choice.id, choice.name) for choice in self._reference.municipalities(language)],
            _("(choose)"),
        )
        _refill(
            self.category_combo,
            [(category.value, _(label)) for category, label in CASE_CATEGORY_LABELS.items()],
        )
        self.project_combo.reset(_("(none)"))
        # Thousands of projects and organisations: read when the user reaches for them.
        self.referred_combo.reset(_("(none)"))

    def load_record(self) -> None:
        details = self._cases.get(self.record_id) if self.record_id is not None else None
        self._fill_choices()
        if details is None:
            today = date.today()
            self.reference_edit.setText(self._cases.next_reference(today.year))
            _select(self.category_combo, CaseCategory.OTHER.value)
            self.opened_edit.set_date_value(today)
            self.due_edit.set_value(None, default=today)
            self._show_follow_up()
            return
        self.version = details.version
        self.archived = details.archived
        self.record_uuid = details.uuid
        self._status = details.status
        self._resolved_on = details.resolved_on
        form = details.form
        self._reference_text = form.reference
        self.reference_edit.setText(form.reference)
        self.title_edit.setText(form.title)
        self.title_edit.setCursorPosition(0)
        _select(self.municipality_combo, form.municipality_id)
        _select(self.category_combo, CaseCategory(form.category).value)
        self.project_combo.set_value(form.project_id)
        self.referred_combo.set_value(form.referred_to_id)
        self._show_raisers(details.confidential_hidden, form.raised_by, form.raised_by_contact)
        if isinstance(form.opened_on, date):
            self.opened_edit.set_date_value(form.opened_on)
        self.due_edit.set_value(form.due_on if isinstance(form.due_on, date) else None)
        self.description_edit.setPlainText(form.description)
        self._show_follow_up()

    def _show_raisers(self, hidden: bool, name: str | None, contact: str | None) -> None:
        """The two confidential fields: editable with their values, or "(confidential)"
        read-only for a reader who may not see them (the form then leaves them as stored)."""
        self._raisers_hidden = hidden
        for edit, value in ((self.raised_by_edit, name), (self.raised_by_contact_edit, contact)):
            edit.setReadOnly(hidden)
            # L10N: in place of who raised a case, for a reader who may not see it
            edit.setText(_("(confidential)") if hidden else value or "")
            edit.setCursorPosition(0)
        self._show_raisers_hint()

    def _show_raisers_hint(self) -> None:
        if self._raisers_hidden:
            hint = _("Only administrators and managers can see who raised this case.")
        elif may_read_raisers(self._cases.actor):
            hint = _(
                "Only administrators and managers see these two fields; the audit log records "
                "each time they are shown."
            )
        else:
            hint = _("Once the case is saved, only administrators and managers can see them.")
        self.confidential_hint.setText(hint)
        if self._raisers_hidden:
            for edit in (self.raised_by_edit, self.raised_by_contact_edit):
                edit.setText(_("(confidential)"))

    def form(self) -> CaseForm:
        """What the dialog shows, as the service takes it."""
        return CaseForm(
            reference=self.reference_edit.text(),
            title=self.title_edit.text(),
            municipality_id=self.municipality_combo.currentData(),
            category=CaseCategory(self.category_combo.currentData()),
            project_id=self.project_combo.value(),
            description=self.description_edit.toPlainText(),
            raised_by=None if self._raisers_hidden else self.raised_by_edit.text(),
            raised_by_contact=None if self._raisers_hidden else self.raised_by_contact_edit.text(),
            referred_to_id=self.referred_combo.value(),
            opened_on=self.opened_edit.date_value(),
            due_on=self.due_edit.value(),
        )

    def stored_form(self) -> tuple[CaseForm, int]:
        """The case as stored, without who raised it: reading them is an audited view, and
        this is read at every opening to tell later who changed what.  Left out, they are
        compared with what the case showed when opened, so a change by someone else still
        counts as theirs."""
        details = self._cases.get(self.record_id or 0, with_raisers=False)
        return details.form, details.version

    def stored_form_to_compare(self) -> tuple[CaseForm, int]:
        """The case as stored, with who raised it for a reader allowed to see them: shown
        beside the reader's own version, and audited as any showing of them."""
        details = self._cases.get(self.record_id or 0)
        return details.form, details.version

    def store(self, form: CaseForm) -> int:
        if self.record_id is None:
            return self._cases.create(form)
        self._cases.update(self.record_id, form, self.version or 0)
        return self.record_id

    # -- status, actions and history -------------------------------------------------------

    def _show_status(self) -> None:
        status = _(CASE_STATUS_LABELS[self._status])
        if self.record_id is None:
            text = _("A new case starts as “{status}”.").format(status=status)
        elif self._resolved_on is not None:
            # L10N: the status line of a case, such as "Closed (resolved on Jun 6, 2026)"
            text = _("{status} (resolved on {date})").format(
                status=status, date=format_date(self._resolved_on, current_language())
            )
        else:
            text = status
        self.status_label.setText(text)

    def _show_follow_up(self) -> None:
        """The status, actions and history of a saved case; a new case has none yet."""
        saved = self.record_id is not None
        self.follow_up_hint.setVisible(not saved)
        self.status_button.setEnabled(saved and not self.read_only)
        self.add_action_button.setEnabled(saved and not self.read_only)
        self._show_status()
        if not saved:
            self._actions = []
            self.actions_list.clear()
            self.history_list.clear()
            self._update_buttons()
            return
        self._show_actions()
        self._show_history()

    def _show_actions(self) -> None:
        language = current_language()
        today = date.today()
        alert = chart_colours(self.palette()).alert
        selected = self.selected_action()
        self._actions = self._cases.actions(self.record_id) if self.record_id else []
        self.actions_list.clear()
        for action in self._actions:
            item = QTreeWidgetItem(
                [
                    action.description,
                    action.responsible,
                    format_date(action.due_on, language),
                    format_date(action.done_on, language),
                ]
            )
            item.setData(0, ID_ROLE, action.id)
            item.setToolTip(0, action.description)
            if not action.done and action.due_on is not None and action.due_on < today:
                item.setForeground(2, alert)
                item.setToolTip(2, _("Overdue"))
            self.actions_list.addTopLevelItem(item)
            if selected is not None and action.id == selected.id:
                item.setSelected(True)
                self.actions_list.setCurrentItem(item)
        self._update_buttons()

    def _show_history(self) -> None:
        language = current_language()
        self.history_list.clear()
        for entry in self._cases.history(self.record_id) if self.record_id else []:
            if entry.status is not None:
                step = _(CASE_STATUS_LABELS[entry.status])
            elif entry.done:
                step = _("Action done")
            else:
                step = _("Action planned")
            item = QTreeWidgetItem([format_date(entry.on, language), step, entry.text, entry.by])
            item.setToolTip(2, entry.text)
            self.history_list.addTopLevelItem(item)

    def selected_action(self) -> CaseActionRow | None:
        items = self.actions_list.selectedItems()
        if not items:
            return None
        action_id = items[0].data(0, ID_ROLE)
        return next((action for action in self._actions if action.id == action_id), None)

    def select_action(self, action_id: int) -> None:
        for number in range(self.actions_list.topLevelItemCount()):
            item = self.actions_list.topLevelItem(number)
            item.setSelected(item.data(0, ID_ROLE) == action_id)

    def _update_buttons(self) -> None:
        action = None if self.read_only else self.selected_action()
        self.edit_action_button.setEnabled(action is not None)
        self.remove_action_button.setEnabled(action is not None)
        self.done_action_button.setEnabled(action is not None and not action.done)

    def _followed_up(self) -> None:
        """Show what the status or an action now is, and tell the list."""
        self._show_follow_up()
        if self.record_id is not None:
            self.changed.emit(self.record_id)

    def change_status(self) -> ChangeStatusDialog | None:
        """Ask for the new status, its date and the reason (window-modal, not blocking)."""
        if self.record_id is None or self.version is None:
            return None
        dialog = ChangeStatusDialog(
            self._cases, self.record_id, self._reference_text, self._status, self.version, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._status_dialog_closed(dialog, result))
        self.status_dialog = dialog
        dialog.open()
        return dialog

    def _status_dialog_closed(self, dialog: ChangeStatusDialog, result: int) -> None:
        self.status_dialog = None
        if result == QDialog.DialogCode.Accepted and dialog.new_version is not None:
            # The step was checked against the version shown, so only it changed the case.
            self.version = dialog.new_version
            details = (
                self._cases.get(self.record_id, with_raisers=False) if self.record_id else None
            )
            if details is not None:
                self._status, self._resolved_on = details.status, details.resolved_on
            self._followed_up()
        elif dialog.conflict is not None:
            self.offer_reload(dialog.conflict)

    def add_action(self) -> ActionDialog | None:
        return self._open_action(None)

    def edit_action(self) -> ActionDialog | None:
        action = self.selected_action()
        return self._open_action(action) if action is not None else None

    def _open_action(self, action: CaseActionRow | None) -> ActionDialog | None:
        if self.record_id is None:
            return None
        try:
            dialog = ActionDialog(self._cases, self.record_id, action, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The action could not be opened"), str(error))
            self._show_actions()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._action_saved)
        dialog.finished.connect(lambda _result: setattr(self, "action_dialog", None))
        self.action_dialog = dialog
        dialog.open()
        return dialog

    def _action_saved(self, action_id: int) -> None:
        self._followed_up()
        self.select_action(action_id)

    def mark_action_done(self) -> None:
        action = self.selected_action()
        if action is None or action.done:
            return
        try:
            self._cases.mark_action_done(action.id, action.version)
        except ServiceError as error:
            QMessageBox.warning(self, _("The action was not changed"), str(error))
            self._show_actions()
            return
        self._followed_up()
        self.select_action(action.id)

    def remove_action(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove the action"),
            _("Remove the follow-up action “{action}”? This cannot be undone.").format(
                action=action.description
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._cases.remove_action(action.id, action.version)
        except ServiceError as error:
            QMessageBox.warning(self, _("The action was not removed"), str(error))
        self._followed_up()


def _tree(parent: QWidget, columns: int, stretch: int) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setRootIsDecorated(False)
    tree.setColumnCount(columns)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(False)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return tree


def _refill(combo: QComboBox, choices: list[tuple[object, str]], empty: str = "") -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty:
        combo.addItem(empty, None)
    for value, text in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
