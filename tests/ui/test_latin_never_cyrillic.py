"""Serbian Latin shows no Cyrillic letter: not in a window, a message or a report.

Every page and every editor is opened on the demo office (whose names are entered in
Albanian, English and Serbian Cyrillic) and everything it shows is read.  The one place
Cyrillic belongs is the field where a name is typed in Cyrillic; names entered only in
Cyrillic are shown transliterated everywhere else; and "Српски" offers the Cyrillic
interface or report under its own name.  Then every message of the catalog, the services'
refusals of badly filled forms and a printed quarterly report are read the same way.
"""

import subprocess
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

import desktop.resources
from desktop.i18n import LANGUAGES, set_language, translator_for
from desktop.i18n.translit import contains_cyrillic, cyrillic_to_latin
from desktop.services.activities import ActivityForm, ActivityService
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.cases import ActionForm, CaseForm, CaseService
from desktop.services.errors import ValidationError
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.grants import GrantForm, GrantService
from desktop.services.instalments import InstalmentForm, InstalmentService
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.services.periods import PeriodForm, PeriodService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reports import ReportService
from desktop.services.research import ResearchForm, ResearchOutputService
from desktop.services.results import IndicatorForm, ResultForm, ResultsService
from desktop.store.database import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.widgets.names_editor import CYRILLIC, NamesEditor
from tests.ui.every_window import WINDOWS, Demo, Shown, load, open_window, settle, texts

NAMED_TABLES = (
    "activity_types",
    "budget_headings",
    "communities",
    "municipalities",
    "thematic_areas",
    "organisations",
    "projects",
    "activities",
    "research_outputs",
    "results",
    "indicators",
)


def keep_only_cyrillic_names(db: Database) -> None:
    """Names as an import or a user who emptied the Latin field leaves them: in Serbian
    Cyrillic alone, wherever a Cyrillic one was entered."""
    with db.transaction() as session:
        for table in NAMED_TABLES:
            session.execute(
                text(
                    f"UPDATE {table} SET name_en = NULL, name_sq = NULL, name_sr_latn = NULL "
                    "WHERE name_sr IS NOT NULL"
                )
            )


@pytest.fixture(params=["as entered", "only in Cyrillic"])
def demo(request: pytest.FixtureRequest, sqlite_db: Database) -> Demo:
    loaded = load(sqlite_db)
    if request.param == "only in Cyrillic":
        keep_only_cyrillic_names(sqlite_db)
    return loaded


def cyrillic_fields(window: QWidget) -> list[QWidget]:
    """The fields where the user types a name in Cyrillic: they show it as typed."""
    return [editor.edits[CYRILLIC] for editor in window.findChildren(NamesEditor)]


# Each language is offered under its own name (the language menu, a report's language), so
# the Cyrillic one is written in Cyrillic whatever the interface's script.
NATIVE_NAMES = {language.native_name for language in LANGUAGES}


def in_cyrillic(shown: list[Shown]) -> list[Shown]:
    return [
        item for item in shown if contains_cyrillic(item.text) and item.text not in NATIVE_NAMES
    ]


def test_every_page_of_the_main_window(qtbot: QtBot, demo: Demo) -> None:
    window = MainWindow(demo.db)
    qtbot.addWidget(window)
    window.show()
    window.language_actions["sr_Latn"].trigger()
    found: list[Shown] = []
    for spec in PAGES:
        window.show_page(spec.key)
        settle(qtbot)
        found.extend(texts(window))
    assert len(found) > 500  # the pages were read, with their rows
    assert in_cyrillic(found) == []
    # Each project's name shows in Latin letters, whatever it was entered in.
    with demo.db.transaction() as session:
        projects = session.execute(text("SELECT name_sr FROM projects")).scalars().all()
    shown = " ".join(item.text for item in found)
    assert projects and all(cyrillic_to_latin(name) in shown for name in projects)


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_every_editor(qtbot: QtBot, demo: Demo, name: str) -> None:
    set_language("sr_Latn")
    window = open_window(qtbot, demo, name)
    found = texts(window, skip=cyrillic_fields(window))
    assert len(found) >= 4
    assert in_cyrillic(found) == []


# -- messages and reports --------------------------------------------------------------


def test_no_message_of_the_catalog_is_cyrillic_in_latin() -> None:
    """Every message the code marks, as Serbian Latin shows it, whatever its form."""
    with (desktop.resources.I18N_DIR / "csodesk.pot").open("rb") as handle:
        template = read_po(handle)
    latin = translator_for("sr_Latn")
    shown = []
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for n in (1, 2, 5):
                shown.append(
                    latin.npgettext(message.context, singular, plural, n)
                    if message.context
                    else latin.ngettext(singular, plural, n)
                )
        else:
            shown.append(
                latin.pgettext(message.context, message.id)
                if message.context
                else latin.gettext(message.id)
            )
    assert len(shown) > 1000
    assert [text for text in shown if contains_cyrillic(text)] == []


def _wrong(form_class: type) -> object:
    """A form filled the way a hurried user fills it: texts too long, impossible dates,
    amounts and numbers that are not numbers."""
    form = form_class()
    for spec in fields(form_class):
        kinds = set(get_args(spec.type)) or {spec.type}
        if kinds == {str}:
            setattr(form, spec.name, "x" * 3000)
        elif date in kinds:
            setattr(form, spec.name, "31.02.2026")
        elif Decimal in kinds:
            setattr(form, spec.name, "12,34,56")
        elif int in kinds and str in kinds:
            setattr(form, spec.name, "many")
    return form


def _validation_messages(demo: Demo) -> list[str]:
    db, grant = demo.db, demo.grant
    attempts: list[tuple[type, Callable[[Any], object]]] = [
        (ProjectForm, ProjectService(db).create),
        (OrganisationForm, OrganisationService(db).create),
        (PersonForm, PersonService(db).create),
        (GrantForm, GrantService(db).create),
        (ActivityForm, ActivityService(db).create),
        (ResearchForm, ResearchOutputService(db).create),
        (CaseForm, CaseService(db).create),
        (ActionForm, lambda form: CaseService(db).add_action(demo.case, form)),
        (BudgetLineForm, lambda form: BudgetService(db).create(grant, form)),
        (ExpenditureForm, lambda form: ExpenditureService(db).create(grant, form)),
        (InstalmentForm, lambda form: InstalmentService(db).create(grant, form)),
        (PeriodForm, lambda form: PeriodService(db).create(grant, form)),
        (ResultForm, lambda form: ResultsService(db).create_result(demo.project, form)),
        (IndicatorForm, ResultsService(db).create_indicator),
    ]
    messages = []
    for form_class, create in attempts:
        for form in (form_class(), _wrong(form_class)):
            with pytest.raises(ValidationError) as refused:
                create(form)
            messages.extend(refused.value.errors.values())
    return messages


def test_validation_messages_are_latin(demo: Demo) -> None:
    set_language("sr_Latn")
    messages = _validation_messages(demo)
    assert len(messages) > 40
    assert [message for message in messages if contains_cyrillic(message)] == []
    # They are Serbian: the same messages in Cyrillic differ only by the script.
    set_language("sr")
    assert [cyrillic_to_latin(message) for message in _validation_messages(demo)] == messages


def test_the_quarterly_report_is_latin(demo: Demo, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    ReportService(demo.db).render_quarterly(demo.grant, demo.period, "sr_Latn", target)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert len(text) > 2000
    assert [line for line in text.splitlines() if contains_cyrillic(line)] == []
