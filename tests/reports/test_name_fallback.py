"""A report in a language nobody entered a name in prints the name from the next language
of the documented chain (``desktop.domain.multilingual``), never an empty cell, and never
Cyrillic in a Latin report.

The demo office is loaded; the project, one activity and one indicator of the grant's
first quarter are then given a name in Albanian only, and one more activity a name in
Serbian Cyrillic only, as an office that types in one language leaves them.
"""

import subprocess
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.activity import Activity
from desktop.domain.grant import Grant
from desktop.domain.multilingual import NAME_FALLBACKS, NAME_LANGUAGES, resolve_name
from desktop.domain.period import ReportingPeriod
from desktop.domain.project import Project
from desktop.domain.results import Indicator, IndicatorValue, ValueStatus
from desktop.i18n import _, language_codes, set_language, translator_for
from desktop.i18n.translit import contains_cyrillic, cyrillic_to_latin
from desktop.reports.data import QuarterlyReport
from desktop.services.reports import ReportService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.widgets.names_editor import NAME_FIELDS, NamesEditor

ALBANIAN = {
    "project": "Komunitete më të sigurta në Mitrovicë",
    "activity": "Takim i KKSB-së në Zveçan për ndriçimin e rrugëve",
    "indicator": "Gra që marrin pjesë në takimet e KKSB-ve",
}
CYRILLIC_ACTIVITY = "Јавна расправа у Грачаници о безбедности у школама"
ONLY_IN_ALBANIAN = {"name_en": None, "name_sr": None, "name_sr_latn": None}
ONLY_IN_CYRILLIC = {"name_en": None, "name_sq": None, "name_sr_latn": None}


@dataclass(frozen=True)
class Quarter:
    grant_id: int
    period_id: int


def _rename(record: object, names: dict[str, str | None]) -> None:
    for column, value in names.items():
        setattr(record, column, value)


@pytest.fixture
def quarter(db: Database) -> Quarter:
    load_demo(db)
    with db.transaction() as session:
        value = session.scalars(
            select(IndicatorValue)
            .join(ReportingPeriod, IndicatorValue.period_id == ReportingPeriod.id)
            .where(IndicatorValue.status == ValueStatus.APPROVED)
            .order_by(ReportingPeriod.start_date, IndicatorValue.id)
        ).first()
        assert value is not None
        period = session.get(ReportingPeriod, value.period_id)
        grant = session.get(Grant, period.grant_id)
        indicator = session.get(Indicator, value.indicator_id)
        project = session.get(Project, grant.project_id)
        activities = session.scalars(
            select(Activity)
            .where(
                Activity.project_id == project.id,
                Activity.archived_at.is_(None),
                Activity.start_date <= period.end_date,
                Activity.end_date >= period.start_date,
            )
            .order_by(Activity.start_date, Activity.id)
        ).all()
        assert len(activities) >= 2
        _rename(project, {**ONLY_IN_ALBANIAN, "name_sq": ALBANIAN["project"]})
        _rename(activities[0], {**ONLY_IN_ALBANIAN, "name_sq": ALBANIAN["activity"]})
        _rename(indicator, {**ONLY_IN_ALBANIAN, "name_sq": ALBANIAN["indicator"]})
        _rename(activities[1], {**ONLY_IN_CYRILLIC, "name_sr": CYRILLIC_ACTIVITY})
        return Quarter(grant.id, period.id)


def _report(db: Database, quarter: Quarter, code: str) -> QuarterlyReport:
    return ReportService(db).quarterly(quarter.grant_id, quarter.period_id, code)


@pytest.mark.parametrize("code", ["en", "sr", "sr_Latn"])
def test_a_name_entered_only_in_albanian_is_printed_in_every_report(
    db: Database, quarter: Quarter, code: str
) -> None:
    report = _report(db, quarter, code)

    assert report.project_title == ALBANIAN["project"]
    assert ALBANIAN["activity"] in [row.title for row in report.activities]
    assert ALBANIAN["indicator"] in [row.name for row in report.indicators]


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("sr", CYRILLIC_ACTIVITY),
        ("sr_Latn", cyrillic_to_latin(CYRILLIC_ACTIVITY)),
        ("en", cyrillic_to_latin(CYRILLIC_ACTIVITY)),
        ("sq", cyrillic_to_latin(CYRILLIC_ACTIVITY)),
    ],
)
def test_a_name_entered_only_in_cyrillic_is_transliterated_for_latin_readers(
    db: Database, quarter: Quarter, code: str, shown: str
) -> None:
    titles = [row.title for row in _report(db, quarter, code).activities]
    assert shown in titles


@pytest.mark.parametrize("code", language_codes())
def test_no_name_cell_of_a_report_is_empty(db: Database, quarter: Quarter, code: str) -> None:
    report = _report(db, quarter, code)
    names = [
        report.project_title,
        report.donor,
        report.lead_organisation,
        *report.partners,
        *report.municipalities,
        *(row.title for row in report.activities),
        *(row.activity_type for row in report.activities),
        *(row.name for row in report.indicators),
        *(row.heading for row in report.budget),
        *(row.title for row in report.research),
    ]
    assert report.activities and report.indicators and report.budget
    assert all(name.strip() for name in names)
    if code != "sr":
        assert not [name for name in names if contains_cyrillic(name)]


@pytest.mark.parametrize("code", ["en", "sr_Latn"])
def test_the_printed_pdf_shows_the_fallback_names(
    db: Database, quarter: Quarter, code: str, tmp_path: Path
) -> None:
    target = tmp_path / f"report-{code}.pdf"
    ReportService(db).render_quarterly(quarter.grant_id, quarter.period_id, code, target)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert ALBANIAN["project"] in flat
    assert "Takim i KKSB-së në Zveçan" in flat
    assert "Gra që marrin pjesë" in flat
    assert "Javna rasprava u Gračanici" in flat
    assert not contains_cyrillic(text)


# -- the documented order, without a database -------------------------------------------

SAMPLE = {"en": "Safer streets", "sq": "Rrugë më të sigurta", "sr": "Безбедније улице"}


def _entered(languages: tuple[str, ...]) -> dict[str, str | None]:
    names: dict[str, str | None] = {code: None for code in NAME_LANGUAGES}
    for code in languages:
        names[code] = SAMPLE.get(code, "Bezbednije ulice (latinicom)")
    return names


@pytest.mark.parametrize("code", NAME_LANGUAGES)
@pytest.mark.parametrize(
    "entered",
    [combo for size in range(1, 5) for combo in combinations(NAME_LANGUAGES, size)],
)
def test_the_first_entered_name_of_the_chain_is_shown(code: str, entered: tuple[str, ...]) -> None:
    names = _entered(entered)
    first = next(candidate for candidate in NAME_FALLBACKS[code] if candidate in entered)
    expected = names[first] or ""
    shown = resolve_name(names, code)
    assert shown == (expected if code == "sr" else cyrillic_to_latin(expected))
    assert shown


def test_each_chain_starts_with_its_own_language_and_holds_all_four() -> None:
    for code, chain in NAME_FALLBACKS.items():
        assert chain[0] == code
        assert sorted(chain) == sorted(NAME_LANGUAGES)


def test_blank_names_count_as_not_entered() -> None:
    names = {"en": "  ", "sq": "Rrugë më të sigurta", "sr": "", "sr_Latn": None}
    assert resolve_name(names, "en") == "Rrugë më të sigurta"


# -- the form shows which name is missing and what reports print meanwhile -------------------


def _note(fallback: str) -> str:
    return _("Not entered — reports in this language show: {fallback}").format(fallback=fallback)


def test_the_form_marks_each_missing_name_with_what_reports_print(qtbot: QtBot) -> None:
    editor = NamesEditor()
    qtbot.addWidget(editor)
    assert editor.missing() == list(NAME_FIELDS)
    assert {editor.edits[name].placeholderText() for name in NAME_FIELDS} == {_("Not entered")}

    editor.set_values({"name_sq": ALBANIAN["project"]})

    assert editor.missing() == ["name_en", "name_sr", "name_sr_latn"]
    for name in editor.missing():
        assert editor.edits[name].placeholderText() == _note(ALBANIAN["project"])
        assert editor.edits[name].accessibleDescription() == _note(ALBANIAN["project"])
    assert editor.edits["name_sq"].placeholderText() == ""
    assert editor.edits["name_sq"].accessibleDescription() == ""

    editor.edits["name_sr"].setText(CYRILLIC_ACTIVITY)

    assert editor.missing() == ["name_en"]
    assert editor.edits["name_en"].placeholderText() == _note(ALBANIAN["project"])


def test_a_name_only_in_cyrillic_is_quoted_in_latin_and_long_ones_are_cut(qtbot: QtBot) -> None:
    editor = NamesEditor(multiline=True)
    qtbot.addWidget(editor)
    long_story = "Прва реченица је довољно дуга да се не стане у једно поље формулара.\nДруга."
    editor.set_values({"name_sr": long_story})

    assert editor.missing() == ["name_en", "name_sq"]
    note = editor.edits["name_en"].placeholderText()
    assert note.startswith(_note("Prva rečenica je dovoljno duga")[: -len("…")])
    assert note.endswith("…")
    assert not contains_cyrillic(note)


def test_the_marks_follow_the_interface_language(qtbot: QtBot) -> None:
    editor = NamesEditor()
    qtbot.addWidget(editor)
    editor.set_values({"name_en": "Safer streets"})
    set_language("sq")
    assert editor.edits["name_sq"].placeholderText() == _note("Safer streets")
    assert editor.edits["name_sq"].placeholderText() == translator_for("sq").gettext(
        "Not entered — reports in this language show: {fallback}"
    ).format(fallback="Safer streets")
