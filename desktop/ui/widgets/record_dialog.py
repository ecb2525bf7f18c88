"""The base of every editor: fields with their error lines, Save, conflicts, unsaved changes.

Every record is edited the same way, so a user who learnt one editor knows them all: each
message the service returns appears in red under its own field and the dialog stays open;
a record someone else saved first is never overwritten silently; closing with changes
asks first; Ctrl+S saves and Escape closes.

A subclass builds its widgets and lays them out with the helpers, then implements the few
hooks and calls ``start()`` at the end of its ``__init__``::

    class PartnerDialog(RecordDialog):
        # L10N: the question asked when closing an editor with changes
        unsaved_question = N_("This partner has changes that are not saved. Save them?")
        not_saved_title = N_("The partner was not saved")

        def __init__(self, db, partner_id, parent):
            super().__init__(partner_id, parent)
            self._service = OrganisationService(db)
            self.code_edit = QLineEdit(self)
            form = self.form_layout()
            self.add_row(form, "code", N_("&Code"), self.code_edit)
            self.enable_attachments(db, "organisations")  # optional, before set_body
            self.set_body(form)
            self.enable_archive(self._service)   # optional Archive/Restore button
            self.start()

        def window_title(self) -> str: ...            # translated, for new and existing
        def load_record(self) -> None: ...            # show the stored record (or defaults);
                                                      # set self.version, self.archived and
                                                      # self.record_uuid
        def form(self) -> OrganisationForm: ...       # what the dialog shows, comparable by ==
        def store(self, form) -> int: ...             # create or update; return the id

Helpers: ``add_field(name, widget)`` (the widget over its error line, registered under the
service form's field name), ``add_label(text, buddy)`` (a label whose ``&`` mnemonic
focuses ``buddy``; relabelled on a language change, and the buddy's accessible name),
``add_row(form_layout, name, text, widget)`` (both at once), ``add_title(group_box, text)``,
``add_names(names_editor)`` (registers the four name fields of a ``NamesEditor``),
``register_field(name, widget, error)`` (a widget that lays out its own ``FieldError``).
Errors: ``show_errors({field: message})``, ``clear_errors()``, ``field_error(name)``.
State: ``record_id`` (None for a new record), ``version``, ``archived``, ``is_modified()``,
``save() -> bool``, ``reload()``. Signals: ``saved(record_id)`` after a save, an archive
or a restore (so the list can refresh and select it).

The conflict dialog and the attachments panel are imported when first shown: every list
page imports this module, and at start they cost the first rows ≈ 40 ms of CPU
(the conflict dialog's audit labels and Babel formats).
"""

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from PySide6.QtCore import QRect, QSize, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.services.conflicts import ConflictService, differing_fields, merged
from desktop.services.errors import ConflictError, ServiceError, ValidationError
from desktop.services.permissions import Permission
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.messages import ask
from desktop.ui.sign_in.access import may
from desktop.ui.widgets.checkable_list import CheckableList
from desktop.ui.widgets.field_error import FieldError, FieldErrors

if TYPE_CHECKING:
    from desktop.ui.widgets.attachments_panel import AttachmentsPanel
    from desktop.ui.widgets.names_editor import NamesEditor


class Archivable(Protocol):
    """What the Archive/Restore button needs of a service (every ``RecordService`` has it)."""

    def archive(self, record_id: int) -> None: ...

    def restore(self, record_id: int) -> None: ...


class RecordDialog(FieldErrors, QDialog):
    """``saved(record_id)`` fires once the record is stored, archived or restored."""

    saved = Signal(int)

    # Subclasses name their record in these whole sentences (untranslated messages).
    unsaved_question = N_("This record has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The record was not saved")
    archive_question = N_("Archive this record? It leaves the lists but can be restored later.")

    def __init__(self, record_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.record_id = record_id
        self.version: int | None = None
        self.record_uuid: UUID | None = None
        self.archived = False
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}
        self._labels: list[tuple[QLabel | QGroupBox, str]] = []
        self._snapshot: Any = None
        self._stored_when_opened: Any = None
        self._archive_service: Archivable | None = None
        self.attachments: AttachmentsPanel | None = None
        self._conflicts: ConflictService | None = None
        self._conflicts_table = ""
        self._attachments_table = ""

        self.general_error = FieldError(self)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        self.archive_button = QPushButton(self)
        self.archive_button.setAutoDefault(False)
        self.archive_button.hide()
        self.archive_button.clicked.connect(self.toggle_archived)
        self.button_box.addButton(self.archive_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.save)
        # A viewer opens a record to read it: Save stays greyed out, closing never asks.
        self.read_only = not may(Permission.EDIT_RECORDS)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setEnabled(not self.read_only)
        self.save_shortcut.setEnabled(not self.read_only)

    # -- hooks a subclass implements -------------------------------------------------------

    def window_title(self) -> str:
        raise NotImplementedError

    def load_record(self) -> None:
        """Show the stored record (or a new one's defaults); set ``version``, ``archived``
        and, for attachments, ``record_uuid``."""
        raise NotImplementedError

    def form(self) -> Any:
        """What the dialog shows, as the service takes it (compared by ``==``)."""
        raise NotImplementedError

    def store(self, form: Any) -> int:
        """Create or update through the service (``self.version`` for the lock); the id."""
        raise NotImplementedError

    def stored_form(self) -> tuple[Any, int] | None:
        """The record's form and version as stored now, read without touching the fields,
        so that after a conflict both versions can be shown side by side (with
        ``enable_conflict_merge``).  ``None`` (the default) offers "Reload" or "Keep
        editing" only."""
        return None

    def stored_form_to_compare(self) -> tuple[Any, int] | None:
        """The stored version shown beside the user's after a conflict: ``stored_form``,
        unless reading a field for display is itself an event (who raised a case, whose
        every showing is audited), which ``stored_form`` then leaves out."""
        return self.stored_form()

    def compared_part(self, form: Any) -> Any:
        """The part of ``form`` that ``stored_form`` returns and a conflict compares: the
        whole form, unless the editor also edits something saved apart (a donor profile
        inside an organisation's form)."""
        return form

    def with_compared_part(self, form: Any, part: Any) -> Any:
        """``form`` with its compared part replaced by ``part`` (the chosen mix)."""
        return part

    # -- building the dialog ---------------------------------------------------------------

    def form_layout(self) -> QFormLayout:
        """A form layout whose fields grow and whose labels stay beside them."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def register_field(self, name: str, widget: QWidget, error: FieldError) -> None:
        """``widget`` shows the service's field ``name``; its messages go to ``error``."""
        self.errors[name] = error
        self.fields[name] = widget

    def add_field(self, name: str, widget: QWidget) -> QWidget:
        """``widget`` with its error line under it, registered under the form's field name."""
        error = FieldError(self)
        self.register_field(name, widget, error)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        return box

    def add_label(self, text: str, buddy: QWidget | None) -> QLabel:
        """A label for ``buddy`` from the untranslated ``text`` (with its ``&`` mnemonic)."""
        label = QLabel(self)
        label.setWordWrap(True)
        if buddy is not None:
            label.setBuddy(buddy)
        self._labels.append((label, text))
        return label

    def add_title(self, box: QGroupBox, text: str) -> None:
        """A group box titled with the untranslated ``text``."""
        self._labels.append((box, text))

    def add_row(self, form: QFormLayout, name: str, text: str, widget: QWidget) -> QLabel:
        """A labelled field with its error line as a row of ``form``."""
        label = self.add_label(text, widget)
        form.addRow(label, self.add_field(name, widget))
        return label

    def add_names(self, names: "NamesEditor") -> None:
        """Register the four name fields of ``names``; their errors show under each."""
        for name, edit in names.edits.items():
            self.register_field(name, edit, names.errors[name])

    def set_body(self, body: QLayout) -> None:
        """Lay out the dialog: general errors on top, ``body``, the attached files (if
        enabled before), then the buttons."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(body, 1)
        if self.attachments is not None:
            layout.addWidget(self.attachments)
        layout.addWidget(self.button_box)

    def set_tab_order(self, chain: Iterable[QWidget]) -> None:
        """Tab walks ``chain`` in order, then the buttons."""
        for first, second in pairwise([*chain, self.button_box]):
            QWidget.setTabOrder(first, second)

    def enable_archive(self, service: Archivable) -> None:
        """Show an Archive/Restore button for saved records, acting through ``service``."""
        self._archive_service = service

    def enable_conflict_merge(self, db: Database, entity_table: str) -> None:
        """After a conflict, name who saved the record of ``entity_table`` last (from the
        audit log) above both versions; the subclass implements ``stored_form``."""
        self._conflicts = ConflictService(db)
        self._conflicts_table = entity_table

    def enable_attachments(self, db: Database, entity_table: str) -> None:
        """Show the files attached to the saved record (``record_uuid``) of ``entity_table``;
        call before ``set_body``."""
        from desktop.ui.widgets.attachments_panel import AttachmentsPanel

        self.attachments = AttachmentsPanel(db, self)
        self._attachments_table = entity_table

    def start(self) -> None:
        """Load the record, remember it as unchanged, label everything; call last."""
        fit_combos(self)
        self.load_record()
        self._snapshot = self.form()
        self._remember_stored()
        self._show_attachments()
        language_hub().language_changed.connect(self.retranslate_ui)
        self._relabel()

    # -- labels ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Relabel everything after a language switch; subclasses that show translated
        choices (combo boxes) re-read them here, then call this."""
        self._relabel()

    def _relabel(self) -> None:
        self.setWindowTitle(self.window_title())
        for widget, text in self._labels:
            if isinstance(widget, QGroupBox):
                widget.setTitle(_(text))
                continue
            widget.setText(_(text))
            widget.setMinimumWidth(_label_width(widget))
            buddy = widget.buddy()
            if buddy is not None:
                target = buddy.focusProxy() or buddy
                target.setAccessibleName(without_mnemonic(widget.text()))
        self._update_archive_button()
        self.relabel()

    def relabel(self) -> None:
        """Subclasses set their other texts (placeholders, accessible names) here; called
        at the start and after each language switch."""

    def _update_archive_button(self) -> None:
        self.archive_button.setVisible(
            self._archive_service is not None
            and self.record_id is not None
            and may(Permission.ARCHIVE_RECORDS)
        )
        if self.archived:
            # L10N: the Archive button of an archived record; it keeps the Alt key of
            # "Arc&hive" (the same button), which no field of an editor uses
            self.archive_button.setText(_("Restore from arc&hive"))
            self.archive_button.setToolTip(_("Bring this record back into the lists"))
        else:
            # L10N: an editor's button; its Alt key must differ from the name fields' (&Albanian)
            self.archive_button.setText(_("Arc&hive"))
            self.archive_button.setToolTip(_("Set this record aside; it can be restored later"))

    # -- state -----------------------------------------------------------------------------

    def is_modified(self) -> bool:
        return self.form() != self._snapshot

    def reload(self) -> None:
        """Show the stored record again, dropping what was typed."""
        self.clear_errors()
        self.load_record()
        self._snapshot = self.form()
        self._remember_stored()
        self._show_attachments()
        self._relabel()

    def _show_attachments(self) -> None:
        if self.attachments is not None:
            self.attachments.set_owner(self._attachments_table, self.record_uuid)

    # -- saving, archiving and closing -----------------------------------------------------

    def save(self) -> bool:
        """Store the record; on refusal show why and stay open. True when saved."""
        if not self._write():
            return False
        self.accept()
        return True

    def _write(self) -> bool:
        self.clear_errors()
        form = self.form()
        try:
            record_id = self.store(form)
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ConflictError as error:
            self._on_conflict(error)
            return False
        except ServiceError as error:
            QMessageBox.warning(self, _(self.not_saved_title), str(error))
            return False
        self.record_id = record_id
        self._snapshot = form
        self._remember_stored()
        self.saved.emit(record_id)
        return True

    def _on_conflict(self, error: ConflictError) -> None:
        stored = self.stored_form_to_compare() if self.record_id is not None else None
        if stored is not None:
            self._resolve_conflict(*stored)
            return
        self.offer_reload(error)

    def offer_reload(self, error: ConflictError) -> None:
        """Say the record changed meanwhile and offer to show the stored version: for a
        step taken apart from the form (a case's status), where no field is to choose."""
        reload = ask(
            self,
            _("Changed by someone else"),
            str(error),
            _("&Reload"),
            _("&Keep editing"),
            QMessageBox.Icon.Warning,
        )
        if reload:
            self.reload()

    def _remember_stored(self) -> None:
        """Keep the record as the service gave it when shown, so that a conflict leaves out
        the fields nobody changed that the editor only writes its own way."""
        stored = (
            self.stored_form()
            if self._conflicts is not None and self.record_id is not None
            else None
        )
        self._stored_when_opened = stored[0] if stored is not None else None

    def _resolve_conflict(self, stored: Any, stored_version: int) -> None:
        """Both versions side by side; save the chosen mix, drop mine, or keep editing.
        A field the editor does not show (a project's partners) cannot have been changed
        here: it keeps the stored value without asking."""
        whole = self.form()
        mine = self.compared_part(whole)
        opened = self.compared_part(self._snapshot)
        differing = [
            field
            for field in differing_fields(opened, mine, stored, self._stored_when_opened)
            if field.changed_here or field.key is not None or field.name in self.fields
        ]
        if not differing:  # they saved exactly what I typed: adopt their version
            self.reload()
            return
        saved_by = (
            self._conflicts.last_saved_by(self._conflicts_table, self.record_id)
            if self._conflicts is not None
            else None
        )
        from desktop.ui.widgets.conflict_dialog import ConflictChoice, ConflictDialog

        dialog = ConflictDialog(differing, self.field_labels(), self.describe_value, saved_by, self)
        choice = dialog.exec()
        if choice == ConflictChoice.DISCARD_MINE:
            self.reload()
        elif choice == ConflictChoice.SAVE_CHOSEN:
            self.version = stored_version
            chosen = merged(stored, mine, dialog.kept_mine())
            self._write_merge(self.with_compared_part(whole, chosen))

    def _write_merge(self, form: Any) -> None:
        try:
            self.store(form)
        except ServiceError as error:  # the mix breaks a rule, or a third person saved
            QMessageBox.warning(self, _(self.not_saved_title), str(error))
            return
        self.reload()
        self.saved.emit(self.record_id)

    def field_labels(self) -> dict[str, str]:
        """Each registered field's label as shown (without its Alt-key marker); a field
        without a label of its own (one of four names, a grid) is named as a screen reader
        names it, else by the titled box around it."""
        labels = {}
        for widget, text in self._labels:
            if isinstance(widget, QLabel) and widget.buddy() is not None:
                for name, field in self.fields.items():
                    if field is widget.buddy():
                        labels[name] = without_mnemonic(_(text))
        titles = {box: text for box, text in self._labels if isinstance(box, QGroupBox)}
        for name, field in self.fields.items():
            if name in labels:
                continue
            if field.accessibleName():
                labels[name] = field.accessibleName()
                continue
            box = field.parentWidget()
            while box is not None and box not in titles:
                box = box.parentWidget()
            if box is not None:
                labels[name] = without_mnemonic(_(titles[box]))
        return labels

    def describe_value(self, name: str, value: Any) -> str:
        """A form value as its field shows it: a choice's name rather than its id."""
        from desktop.ui.widgets.conflict_dialog import plain_text

        widget = self.fields.get(name)
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index >= 0:
                return widget.itemText(index)
        if isinstance(widget, CheckableList) and isinstance(value, list | tuple):
            names = [widget.choice_text(item) or plain_text(item) for item in value]
            return "; ".join(names) if names else plain_text(value)
        return plain_text(value)

    def _settle_changes(self) -> bool:
        """Before leaving or archiving: save, discard or stay. True to go on."""
        if self.read_only or not self.is_modified():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _(self.unsaved_question),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self._write()
        return answer == QMessageBox.StandardButton.Discard

    def toggle_archived(self) -> None:
        """Archive (after confirming, then close) or restore (and stay) the saved record."""
        if self._archive_service is None or self.record_id is None:
            return
        if not self._settle_changes():
            return
        archive = not self.archived
        if archive:
            answer = QMessageBox.question(
                self,
                _("Archive"),
                _(self.archive_question),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            if archive:
                self._archive_service.archive(self.record_id)
            else:
                self._archive_service.restore(self.record_id)
        except ServiceError as error:
            QMessageBox.warning(self, _("The record was not changed"), str(error))
            return
        self.saved.emit(self.record_id)
        if archive:
            self._snapshot = self.form()
            super().accept()
            return
        self.reload()

    def reject(self) -> None:
        """Closing with unsaved changes asks first (Esc, Cancel and the window's ×)."""
        if not self.is_modified():
            super().reject()
            return
        if self._settle_changes():
            if self.is_modified():  # discarded
                self._snapshot = self.form()
                super().reject()
            else:
                self.accept()


class Columns(QBoxLayout):
    """Columns side by side when the dialog is wide enough for all of them, one above the
    other when it is not: an editor in two columns still opens on a narrow laptop screen.
    Its minimum width is the stacked one's, the narrowest it can take; its minimum height
    that of the arrangement it shows, so a wide dialog stays short enough for a laptop."""

    def __init__(self) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight)

    def minimumSize(self) -> QSize:
        sizes = [self.itemAt(index).minimumSize() for index in range(self.count())]
        margins = self.contentsMargins()
        width = max((size.width() for size in sizes), default=0)
        if self.direction() == QBoxLayout.Direction.LeftToRight:
            height = max((size.height() for size in sizes), default=0)
        else:
            height = sum(self._stacked_heights(width)) + self.spacing() * max(len(sizes) - 1, 0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def _stacked_heights(self, narrowest: int) -> list[int]:
        """Each column's height one above the other at the present width: a form whose
        labels wrap grows taller as it narrows."""
        margins = self.contentsMargins()
        width = max(self.geometry().width() - margins.left() - margins.right(), narrowest)
        heights = []
        for index in range(self.count()):
            item = self.itemAt(index)
            wrapped = item.minimumHeightForWidth(width) if item.hasHeightForWidth() else -1
            heights.append(max(wrapped, item.minimumSize().height()))
        return heights

    def setGeometry(self, rect: QRect) -> None:
        sizes = [self.itemAt(index).minimumSize() for index in range(self.count())]
        margins = self.contentsMargins()
        side_by_side = (
            sum(size.width() for size in sizes)
            + self.spacing() * max(len(sizes) - 1, 0)
            + margins.left()
            + margins.right()
        )
        direction = (
            QBoxLayout.Direction.LeftToRight
            if rect.width() >= side_by_side
            else QBoxLayout.Direction.TopToBottom
        )
        if direction != self.direction():
            self.setDirection(direction)
        super().setGeometry(rect)


# Characters a combo box asks room for: enough to tell long names apart at a glance.
COMBO_CHARACTERS = 18


def fit_combos(window: QWidget) -> None:
    """Let every combo box of ``window`` shrink to ``COMBO_CHARACTERS`` and grow with the
    window: left to itself a combo box is as wide as its longest choice, and one long
    organisation or indicator name made an editor too wide for an office laptop.  The
    open list still shows each choice whole."""
    for combo in window.findChildren(QComboBox):
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(COMBO_CHARACTERS)
        policy = combo.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        combo.setSizePolicy(policy)
        combo.view().setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)


def without_mnemonic(text: str) -> str:
    """A label as a screen reader should say it: "&Code" is "Code", "R&&D" is "R&D"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_width(label: QLabel) -> int:
    """Room for a short label on one line, a long one wrapped between words, and never
    less than its longest word: left to itself a wrapping label in a form is narrowed
    until a word such as "organisation" is cut, whatever the font size."""
    metrics = label.fontMetrics()
    text = without_mnemonic(label.text())
    longest = max((metrics.horizontalAdvance(word) for word in text.split()), default=0)
    one_line = min(metrics.horizontalAdvance(text), metrics.averageCharWidth() * 16)
    return max(longest, one_line) + 2
