"""The dialog in which a research output is recorded or changed: what it is, its titles in
the four languages side by side, who wrote it, where and when it came out, its identifiers,
its files, and the project indicators it serves as evidence for.
"""

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.multilingual import resolve_name
from desktop.domain.research import (
    OUTPUT_STATUS_LABELS,
    OUTPUT_TYPE_LABELS,
    OutputStatus,
    OutputType,
)
from desktop.i18n import N_, _, current_language
from desktop.services.actor import Actor
from desktop.services.research import PUBLICATION_LANGUAGES, ResearchForm, ResearchOutputService
from desktop.services.results import ResultsService
from desktop.store.database import Database
from desktop.ui.widgets.checkable_list import CheckableList
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.names_editor import NamesEditor
from desktop.ui.widgets.record_dialog import Columns, RecordDialog

SPOKEN_TITLES = {
    "name_en": N_("Title in English"),
    "name_sq": N_("Title in Albanian"),
    "name_sr": N_("Title in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Title in Serbian, Latin script"),
}


class ResearchOutputDialog(RecordDialog):
    """``saved(output_id)`` fires once the output is stored, archived or restored."""

    unsaved_question = N_(
        "This research output has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The research output was not saved")
    archive_question = N_(
        "Archive this research output? It leaves the list but can be restored with Show archived."
    )

    def __init__(
        self,
        db: Database,
        output_id: int | None,
        parent: QWidget | None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(output_id, parent)
        self._db = db
        self._service = ResearchOutputService(db, actor)
        self._results = ResultsService(db, actor)
        self._other_languages: list[str] = []
        self._saved_form = ResearchForm()  # as last read, for the title in any language

        self.type_combo = QComboBox(self)
        self.status_combo = QComboBox(self)
        self.names = NamesEditor(parent=self, spoken=SPOKEN_TITLES)
        self.authors_edit = QLineEdit(self)
        self.language_checks = {code: QCheckBox(self) for code in PUBLICATION_LANGUAGES}
        self.languages_box = QWidget(self)
        self.published_check = QCheckBox(self)
        self.published_edit = DateEdit(self)
        self.publisher_edit = QLineEdit(self)
        self.place_edit = QLineEdit(self)
        self.isbn_edit = QLineEdit(self)
        self.doi_edit = QLineEdit(self)
        self.url_edit = QLineEdit(self)
        self.abstract_edit = QPlainTextEdit(self)
        self.abstract_edit.setTabChangesFocus(True)
        self.project_combo = QComboBox(self)
        self.project_combo.setMinimumContentsLength(24)
        self.project_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.indicator_list = CheckableList(parent=self)
        self._lay_out()
        self.published_check.toggled.connect(self.published_edit.setEnabled)
        self.project_combo.currentIndexChanged.connect(lambda _index: self._fill_indicators())
        self.enable_archive(self._service)
        self.enable_conflict_merge(db, "research_outputs")
        self.start()
        self.resize(1100, 760)

    # -- layout ----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        languages = FlowLayout(self.languages_box)  # wraps in a narrow dialog
        languages.setContentsMargins(0, 0, 0, 0)
        for check in self.language_checks.values():
            languages.addWidget(check)
        published = QWidget(self)
        published_row = QHBoxLayout(published)
        published_row.setContentsMargins(0, 0, 0, 0)
        published_row.addWidget(self.published_check)
        published_row.addWidget(self.published_edit, 1)
        published.setFocusProxy(self.published_check)
        self.languages_box.setFocusProxy(next(iter(self.language_checks.values())))

        details = self.form_layout()
        self.add_row(details, "output_type", N_("&Type"), self.type_combo)
        self.add_row(details, "status", N_("&Status"), self.status_combo)
        self.add_row(details, "authors", N_("A&uthors"), self.authors_edit)
        self.add_row(details, "languages", N_("Lan&guages"), self.languages_box)
        self.add_row(details, "published_on", N_("Published o&n"), published)
        self.add_row(details, "publisher", N_("Pu&blisher"), self.publisher_edit)
        self.add_row(details, "place", N_("Pla&ce"), self.place_edit)
        self.add_row(details, "isbn", N_("&ISBN"), self.isbn_edit)
        self.add_row(details, "doi", N_("D&OI"), self.doi_edit)
        self.add_row(details, "url", N_("&Web address"), self.url_edit)
        self.add_row(details, "project_id", N_("Pro&ject"), self.project_combo)

        titles = QGroupBox(self)
        self.add_title(titles, N_("Title (at least one language)"))
        QVBoxLayout(titles).addWidget(self.names)
        self.add_names(self.names)
        right = QVBoxLayout()
        right.addWidget(self.add_label(N_("Abst&ract"), self.abstract_edit))
        right.addWidget(self.add_field("abstract", self.abstract_edit), 3)
        right.addWidget(self.add_label(N_("&Verifies the indicators"), self.indicator_list))
        right.addWidget(self.add_field("indicator_ids", self.indicator_list), 2)

        columns = Columns()
        columns.addLayout(details, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        body = QVBoxLayout()
        body.addWidget(titles)
        body.addLayout(columns, 1)
        self.enable_attachments(self._db, "research_outputs")
        self.set_body(body)
        self.set_tab_order(
            [
                *self.names.edits.values(),
                self.type_combo,
                self.status_combo,
                self.authors_edit,
                *self.language_checks.values(),
                self.published_check,
                self.published_edit,
                self.publisher_edit,
                self.place_edit,
                self.isbn_edit,
                self.doi_edit,
                self.url_edit,
                self.project_combo,
                self.abstract_edit,
                self.indicator_list.list,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New research output")
        # L10N: the title of the dialog editing a research output; {title} is its title
        return _("Edit research output: {title}").format(title=_title_of(self._saved_form))

    def relabel(self) -> None:
        for code, check in self.language_checks.items():
            check.setText(_(PUBLICATION_LANGUAGES[code]))
        self.published_check.setToolTip(_("Tick when the output has been published"))
        self.published_edit.setAccessibleName(_("Publication date"))
        # L10N: how to write the authors of a research output, as a hint in the empty field
        self.authors_edit.setPlaceholderText(_("Surname, Given name; Surname, Given name"))
        self.isbn_edit.setPlaceholderText(_("For example 978-9951-8937-0-1"))
        self.doi_edit.setPlaceholderText(_("For example 10.5555/psn.2026.002"))
        self.url_edit.setPlaceholderText(_("https://…"))

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    # -- choices ---------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        language = current_language()
        chosen = (
            self.type_combo.currentData(),
            self.status_combo.currentData(),
            self.project_combo.currentData(),
        )
        self.type_combo.clear()
        for value, label in OUTPUT_TYPE_LABELS.items():
            self.type_combo.addItem(_(label), value.value)
        self.status_combo.clear()
        for value, label in OUTPUT_STATUS_LABELS.items():
            self.status_combo.addItem(_(label), value.value)
        self.project_combo.blockSignals(True)
        self.project_combo.clear()
        self.project_combo.addItem(_("(no project)"), None)
        for choice in self._results.projects(language):
            self.project_combo.addItem(choice.name, choice.id)
        self.project_combo.blockSignals(False)
        for combo, value in zip(
            (self.type_combo, self.status_combo, self.project_combo), chosen, strict=True
        ):
            _select(combo, value)
        self._fill_indicators()

    def _fill_indicators(self) -> None:
        """The chosen project's indicators; ticks on indicators still listed are kept."""
        choices = self._service.indicators(self.project_combo.currentData(), current_language())
        self.indicator_list.set_choices(
            # L10N: an indicator in a list: its code and its name
            (choice.id, _("{code} {name}").format(code=choice.code, name=choice.name))
            for choice in choices
        )

    # -- values ----------------------------------------------------------------------------

    def load_record(self) -> None:
        self._fill_choices()
        if self.record_id is None:
            self._show_form(ResearchForm())
            return
        details = self._service.get(self.record_id)
        self.version = details.version
        self.archived = details.archived
        self.record_uuid = details.uuid
        self._saved_form = details.form
        self._show_form(details.form)

    def _show_form(self, form: ResearchForm) -> None:
        _select(self.type_combo, OutputType(form.output_type).value)
        _select(self.status_combo, OutputStatus(form.status).value)
        self.names.set_values({name: getattr(form, name) for name in self.names.edits})
        self.authors_edit.setText(form.authors)
        for code, check in self.language_checks.items():
            check.setChecked(code in form.languages)
        self._other_languages = [
            code for code in form.languages if code not in PUBLICATION_LANGUAGES
        ]
        published = form.published_on if isinstance(form.published_on, date) else None
        self.published_check.setChecked(published is not None)
        self.published_edit.setEnabled(published is not None)
        self.published_edit.set_date_value(published or date.today())
        self.publisher_edit.setText(form.publisher)
        self.place_edit.setText(form.place)
        self.isbn_edit.setText(form.isbn)
        self.doi_edit.setText(form.doi)
        self.url_edit.setText(form.url)
        self.abstract_edit.setPlainText(form.abstract)
        _select(self.project_combo, form.project_id)
        self._fill_indicators()
        self.indicator_list.set_checked_ids(form.indicator_ids)

    def stored_form(self) -> tuple[ResearchForm, int]:
        details = self._service.get(self.record_id)
        return details.form, details.version

    def form(self) -> ResearchForm:
        return ResearchForm(
            output_type=OutputType(self.type_combo.currentData()),
            status=OutputStatus(self.status_combo.currentData()),
            **self.names.values(),
            authors=self.authors_edit.text(),
            languages=[
                *(code for code, check in self.language_checks.items() if check.isChecked()),
                *self._other_languages,
            ],
            published_on=(
                self.published_edit.date_value() if self.published_check.isChecked() else None
            ),
            publisher=self.publisher_edit.text(),
            place=self.place_edit.text(),
            isbn=self.isbn_edit.text(),
            doi=self.doi_edit.text(),
            url=self.url_edit.text(),
            abstract=self.abstract_edit.toPlainText(),
            project_id=self.project_combo.currentData(),
            indicator_ids=sorted(self.indicator_list.checked_ids()),
        )

    def store(self, form: ResearchForm) -> int:
        if self.record_id is None:
            return self._service.create(form)
        self._service.update(self.record_id, form, self.version or 0)
        return self.record_id


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _title_of(form: ResearchForm) -> str:
    names = {
        "en": form.name_en,
        "sq": form.name_sq,
        "sr": form.name_sr,
        "sr_Latn": form.name_sr_latn,
    }
    return resolve_name(names, current_language())
