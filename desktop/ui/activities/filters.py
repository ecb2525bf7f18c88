"""The row of drop-downs that narrows the activities list: project, type, municipality,
reporting period and the partner that carried the activity out.

Each starts at "all"; the choices are read from the services in the interface language and
re-read on a language switch, keeping what is chosen.

The choices are read the first time the user reaches for a drop-down (it takes the focus, by
a click, the Tab key or its access key) or a filter is chosen in code, not when the page is
built: an office of 100,000 activities has 200 projects, 500 partners and 1,700 reporting
periods, and reading them took longer than showing the list's first rows (bench/findings.md,
"Lists").
"""

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.i18n import N_, _, current_language
from desktop.services.activities import ActivityFilters, ActivityService
from desktop.services.organisations import OrganisationService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.record_dialog import without_mnemonic

# Each filter: the ActivityFilters field it sets, its label, and its "no filter" choice.
FILTERS = (
    ("project_id", N_("Pro&ject"), N_("All projects")),
    ("activity_type_id", N_("T&ype"), N_("All types")),
    ("municipality_id", N_("M&unicipality"), N_("All municipalities")),
    ("period_id", N_("Peri&od"), N_("Any period")),
    ("carried_out_by_id", N_("&Carried out by"), N_("All partners")),
)


class ActivityFilterBar(QWidget):
    """``changed`` fires when the user picks another value in any of the drop-downs."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._activities = ActivityService(db)
        self._organisations = OrganisationService(db)
        self._reference = ReferenceService(db)
        self.combos: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for name, _label, _everything in FILTERS:
            # In a narrow window the pairs wrap onto a second line; in a wide one the
            # drop-downs share the spare width, so long project names show whole.
            pair = QWidget(self)
            combo = QComboBox(pair)
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            label = QLabel(pair)
            label.setBuddy(combo)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(combo, 1)
            layout.addWidget(pair)
            combo.currentIndexChanged.connect(self._on_changed)
            combo.installEventFilter(self)
            self.combos[name] = combo
            self._labels[name] = label
        self._filling = False
        self._loaded = False
        self.retranslate_ui()
        language_hub().language_changed.connect(self.retranslate_ui)

    def retranslate_ui(self) -> None:
        for name, label, _everything in FILTERS:
            self._labels[name].setText(_(label))
            self.combos[name].setAccessibleName(without_mnemonic(_(label)))
        if self._loaded:
            self.reload_choices()
        else:
            self._fill({name: [] for name, _label, _everything in FILTERS})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A drop-down about to be used gets its choices first."""
        if not self._loaded and event.type() in _REACHING:
            self.reload_choices()
        return False

    def reload_choices(self) -> None:
        """Read the choices again (in the interface language), keeping what is chosen."""
        self._loaded = True
        language = current_language()
        choices: dict[str, list[tuple[str, int]]] = {
            "project_id": [(text, id_) for id_, text in self._activities.project_choices(language)],
            "activity_type_id": [(c.name, c.id) for c in self._reference.activity_types(language)],
            "municipality_id": [(c.name, c.id) for c in self._reference.municipalities(language)],
            "period_id": [(p.label, p.id) for p in self._activities.period_choices()],
            "carried_out_by_id": [
                (text, id_) for id_, text in self._organisations.choices(language)
            ],
        }
        self._fill(choices)

    def _fill(self, choices: dict[str, list[tuple[str, int]]]) -> None:
        """Each drop-down: its "all" choice, then ``choices``, keeping what is chosen."""
        self._filling = True
        try:
            for name, _label, everything in FILTERS:
                combo = self.combos[name]
                chosen = combo.currentData()
                combo.clear()
                combo.addItem(_(everything), None)
                for text, value in choices[name]:
                    combo.addItem(text, value)
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            self._filling = False

    def filters(self) -> ActivityFilters:
        return ActivityFilters(**{name: combo.currentData() for name, combo in self.combos.items()})

    def choose(self, name: str, value: int | None) -> None:
        """Pick ``value`` in the drop-down of filter ``name``, as a click would."""
        if not self._loaded:
            self.reload_choices()
        combo = self.combos[name]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def project_id(self) -> int | None:
        """The project filtered on, which a new activity starts with."""
        return self.combos["project_id"].currentData()

    def _on_changed(self) -> None:
        if not self._filling:
            self.changed.emit()


# What a user does to a drop-down before choosing in it: it takes the focus first on a
# click, Tab or its access key; a wheel turned over it reaches it without the focus.
_REACHING = frozenset({QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})
