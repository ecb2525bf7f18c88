"""Two people saving the same record through two real connections (two SQLite connections to
one file; two PostgreSQL sessions): the second sees both versions, chooses per field, and
nothing is overwritten silently."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain import AuditEntry
from desktop.domain.activity import Activity
from desktop.domain.audit import AuditAction
from desktop.domain.case import CaseCategory, CaseStatus
from desktop.domain.grant import Grant
from desktop.domain.organisation import OrganisationKind
from desktop.domain.period import NarrativeSection, ReportingPeriod
from desktop.domain.project import Project
from desktop.domain.results import Indicator, Result
from desktop.domain.user import Role
from desktop.services.activities import ActivityForm
from desktop.services.actor import Actor
from desktop.services.cases import CaseForm, CaseService
from desktop.services.conflicts import (
    ConflictService,
    DifferingField,
    SavedBy,
    differing_fields,
    merged,
)
from desktop.services.errors import ConflictError
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.periods import PeriodForm, PeriodService
from desktop.services.projects import ProjectService
from desktop.services.reference import ReferenceService
from desktop.services.results import ResultsService
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.period_dialog import PeriodDialog
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.results.indicator_dialog import IndicatorDialog
from desktop.ui.results.result_dialog import ResultDialog
from desktop.ui.users.dialog import UserDialog
from desktop.ui.widgets.conflict_dialog import ConflictDialog, plain_text
from desktop.ui.widgets.record_dialog import RecordDialog
from tests.ui.helpers import add_project, answer_conflict

ARTA = Actor("arta.krasniqi", Role.MANAGER)
ARTA_ADMIN = Actor("arta.krasniqi", Role.ADMIN)


@pytest.fixture
def colleague_db(db: Database) -> Iterator[Database]:
    """The same database opened a second time, as a colleague's copy of CSO Desk would."""
    other = open_database(db.url)
    yield other
    other.close()


def test_the_second_save_is_refused_and_both_versions_are_told_apart(
    db: Database, colleague_db: Database
) -> None:
    project_id = add_project(db, "KS-CS-01", "Safer communities", summary="First summary.")
    mine = ProjectService(db)
    theirs = ProjectService(colleague_db, ARTA)
    opened = mine.get(project_id)
    their_copy = theirs.get(project_id)

    their_copy.form.summary = "Arta's summary."
    theirs.update(project_id, their_copy.form, their_copy.version)
    my_form = mine.get(project_id).form
    my_form.summary = opened.form.summary
    my_form.name_en = "Safer communities in the north"
    with pytest.raises(ConflictError):
        mine.update(project_id, my_form, opened.version)
    stored = mine.get(project_id)
    assert stored.form.summary == "Arta's summary."  # nothing overwritten
    assert stored.form.name_en == "Safer communities"

    differing = {field.name: field for field in differing_fields(opened.form, my_form, stored.form)}
    assert set(differing) == {"name_en", "summary"}
    assert differing["name_en"].changed_here and not differing["summary"].changed_here
    saved_by = ConflictService(db).last_saved_by("projects", project_id)
    assert saved_by is not None and saved_by.name == "arta.krasniqi"

    mine.update(project_id, merged(stored.form, my_form, {"name_en"}), stored.version)
    final = theirs.get(project_id).form
    assert (final.name_en, final.summary) == ("Safer communities in the north", "Arta's summary.")


def _open_editor(qtbot: QtBot, db: Database, project_id: int) -> ProjectDialog:
    dialog = ProjectDialog(db, project_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_editor_shows_both_versions_and_saves_the_chosen_mix(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    project_id = add_project(db, "KS-CS-01", "Safer communities", summary="First summary.")
    dialog = _open_editor(qtbot, db, project_id)
    theirs = ProjectService(colleague_db, ARTA)
    copy = theirs.get(project_id)
    copy.form.summary = "Arta's summary."
    copy.form.name_en = "Arta's title"
    theirs.update(project_id, copy.form, copy.version)

    def keep_my_title(conflict: ConflictDialog) -> None:
        assert "arta.krasniqi" in conflict.introduction.text()
        conflict.choose("name_en", mine=True)
        conflict.save_button.click()

    dialog.title_edits["name_en"].setText("My title")
    answered = answer_conflict(keep_my_title)
    dialog.save()

    assert answered, "the conflict dialog did not open"
    conflict = answered[0]
    assert conflict.values_shown("name_en") == ("My title", "Arta's title")
    assert conflict.values_shown("summary") == ("First summary.", "Arta's summary.")
    stored = theirs.get(project_id).form
    assert (stored.name_en, stored.summary) == ("My title", "Arta's summary.")
    assert dialog.title_edits["name_en"].text() == "My title"
    assert dialog.summary_edit.toPlainText() == "Arta's summary."
    assert not dialog.is_modified()


def test_the_fields_i_changed_are_kept_by_default_and_the_others_take_the_stored_value(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    project_id = add_project(db, "KS-CS-01", "Safer communities")
    dialog = _open_editor(qtbot, db, project_id)
    theirs = ProjectService(colleague_db, ARTA)
    copy = theirs.get(project_id)
    copy.form.summary = "Arta's summary."
    theirs.update(project_id, copy.form, copy.version)

    dialog.title_edits["name_sq"].setText("Komunitete më të sigurta")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    dialog.save()

    assert answered[0].kept_mine() == {"name_sq"}
    stored = theirs.get(project_id).form
    assert (stored.name_sq, stored.summary) == ("Komunitete më të sigurta", "Arta's summary.")


def test_back_to_editing_keeps_what_i_typed_and_saving_again_asks_again(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    project_id = add_project(db, "KS-CS-01", "Safer communities")
    dialog = _open_editor(qtbot, db, project_id)
    theirs = ProjectService(colleague_db, ARTA)
    copy = theirs.get(project_id)
    copy.form.name_en = "Arta's title"
    theirs.update(project_id, copy.form, copy.version)

    dialog.title_edits["name_en"].setText("My title")
    first = answer_conflict(lambda conflict: conflict.back_button.click())
    dialog.save()
    assert first and dialog.title_edits["name_en"].text() == "My title"
    assert theirs.get(project_id).form.name_en == "Arta's title"

    second = answer_conflict(lambda conflict: conflict.discard_button.click())
    dialog.save()
    assert second
    assert dialog.title_edits["name_en"].text() == "Arta's title"
    assert theirs.get(project_id).form.name_en == "Arta's title"
    assert not dialog.is_modified()


# -- what the dialog shows, on the demo office's records ---------------------------------------

Editor = Callable[[], RecordDialog]


@pytest.fixture
def demo_db(sqlite_db: Database) -> Database:
    load_demo(sqlite_db)
    return sqlite_db


def _first(db: Database, model: type[Any]) -> Any:
    with db.transaction() as session:
        return session.scalars(select(model).order_by(model.id).limit(1)).one()


def _colleague_saves(open_editor: Editor, change: Callable[[Any], Any]) -> None:
    """A colleague saves the record first, through their own copy of its editor."""
    theirs = open_editor()
    form, theirs.version = theirs.stored_form()
    theirs.store(change(form))


def _rows_on_saving(qtbot: QtBot, dialog: RecordDialog) -> dict[Any, tuple[str, str, str]]:
    """Save; answer the conflict dialog with Back to editing; its rows as shown."""
    qtbot.addWidget(dialog)
    answered = answer_conflict(lambda conflict: conflict.back_button.click())
    dialog.save()
    assert answered, "the conflict dialog did not open"
    return answered[0].rows()


def test_an_amount_nobody_changed_is_no_row_and_a_typed_one_keeps_its_cents(
    qtbot: QtBot, demo_db: Database
) -> None:
    grant = _first(demo_db, Grant)

    def open_editor() -> RecordDialog:
        return GrantDialog(demo_db, grant.id, None)

    dialog = open_editor()
    _colleague_saves(open_editor, lambda form: replace(form, title="Their title"))
    dialog.notes_edit.setPlainText("My notes")
    rows = _rows_on_saving(qtbot, dialog)
    assert set(rows) == {"title", "notes"}  # the amount, as typed "452,824.00", is no change

    dialog.amount_edit.setText("452,800.50")
    rows = _rows_on_saving(qtbot, dialog)
    assert rows["amount"] == ("Amount", "452,800.50", "452,824.00")


def test_two_people_writing_different_sections_of_a_report_keep_both(
    qtbot: QtBot, demo_db: Database
) -> None:
    period = _first(demo_db, ReportingPeriod)

    def open_editor() -> RecordDialog:
        return PeriodDialog(demo_db, period.grant_id, period.id, None)

    def their_challenges(form: PeriodForm) -> PeriodForm:
        texts = dict(form.narratives)
        texts[(NarrativeSection.CHALLENGES, "en")] = "Their challenges."
        return replace(form, narratives=texts)

    dialog = open_editor()
    _colleague_saves(open_editor, their_challenges)
    dialog.narratives[NarrativeSection.SUMMARY].edits["name_sq"].setPlainText("Përmbledhja ime.")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    dialog.save()

    rows = answered[0].rows()
    summary, challenges = (NarrativeSection.SUMMARY, "sq"), (NarrativeSection.CHALLENGES, "en")
    assert rows[("narratives", summary)][:2] == ("Summary, Albanian", "Përmbledhja ime.")
    assert rows[("narratives", challenges)][0] == "Challenges and lessons learned, English"
    assert rows[("narratives", challenges)][2] == "Their challenges."
    assert len(rows) == 2  # the sections nobody touched are no rows
    stored = PeriodService(demo_db).get(period.id).form.narratives
    assert stored[summary] == "Përmbledhja ime."
    assert stored[challenges] == "Their challenges."


def test_names_and_the_participants_are_labelled_and_only_the_differing_count_shows(
    qtbot: QtBot, demo_db: Database
) -> None:
    activity = _first(demo_db, Activity)

    def open_editor() -> RecordDialog:
        return ActivityDialog(demo_db, activity.id, None)

    def one_more(form: ActivityForm) -> ActivityForm:
        first, *others = form.participants
        return replace(form, participants=[first._replace(count=int(first.count) + 1), *others])

    dialog = open_editor()
    _colleague_saves(open_editor, one_more)
    dialog.names.edits["name_en"].setText("My activity")
    rows = _rows_on_saving(qtbot, dialog)

    assert rows["name_en"][0] == "Title in English"
    label, mine, theirs = rows["participants"]
    assert label == "Participants by community, age band and gender"
    assert (mine, theirs) == ("Female, 18–29, Albanian, 3", "Female, 18–29, Albanian, 4")


def test_a_field_the_editor_does_not_show_keeps_the_stored_value_without_asking(
    qtbot: QtBot, demo_db: Database
) -> None:
    project = _first(demo_db, Project)

    def open_editor() -> RecordDialog:
        return ProjectDialog(demo_db, project.id, None)

    dialog = open_editor()
    partners = ProjectService(demo_db).get(project.id).form.partners
    _colleague_saves(
        open_editor, lambda form: replace(form, partners=partners[:-1], summary="Theirs.")
    )
    dialog.title_edits["name_en"].setText("My title")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    dialog.save()

    assert set(answered[0].rows()) == {"name_en", "summary"}  # no row of raw partner ids
    stored = ProjectService(demo_db).get(project.id).form
    assert (stored.name_en, stored.summary) == ("My title", "Theirs.")
    assert stored.partners == partners[:-1]


def test_a_name_or_value_that_looks_like_markup_is_shown_as_typed(qtbot: QtBot) -> None:
    differing = [
        DifferingField("summary", "<b>mine</b>\u200f\x00", "x" * 10_000, changed_here=True)
    ]
    saved_by = SavedBy("<img src='x'>Arta", datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    labels = {"summary": "<i>Summary</i>"}
    conflict = ConflictDialog(differing, labels, lambda _name, value: plain_text(value), saved_by)
    qtbot.addWidget(conflict)
    conflict.show()

    assert conflict.introduction.textFormat() == Qt.TextFormat.PlainText
    assert "<img src='x'>Arta" in conflict.introduction.text()
    label, mine, stored = conflict.rows()["summary"]
    assert (label, mine, len(stored)) == ("<i>Summary</i>", "<b>mine</b>\u200f\x00", 10_000)
    assert conflict.width() <= 620


def test_results_indicators_and_user_accounts_show_both_versions_too(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    load_demo(db)
    with db.transaction() as session:
        result_id, project_id = session.execute(
            select(Result.id, Result.project_id).order_by(Result.id).limit(1)
        ).one()
        indicator_id = session.scalar(
            select(Indicator.id).where(Indicator.result_id == result_id).limit(1)
        )
    theirs = ResultsService(colleague_db, ARTA)

    result_dialog = ResultDialog(db, project_id, result_id, None)
    qtbot.addWidget(result_dialog)
    stored = theirs.get_result(result_id)
    stored.form.assumptions = "Arta's assumptions."
    theirs.update_result(result_id, stored.form, stored.version)
    result_dialog.names.edits["name_en"].setPlainText("My wording of the result")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    result_dialog.save()
    assert answered and answered[0].kept_mine() == {"name_en"}
    form = theirs.get_result(result_id).form
    assert (form.name_en, form.assumptions) == ("My wording of the result", "Arta's assumptions.")

    indicator_dialog = IndicatorDialog(db, project_id, indicator_id, None)
    qtbot.addWidget(indicator_dialog)
    stored_indicator = theirs.get_indicator(indicator_id)
    stored_indicator.form.unit = "households"
    theirs.update_indicator(indicator_id, stored_indicator.form, stored_indicator.version)
    indicator_dialog.unit_edit.setText("people")
    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    indicator_dialog.save()
    assert answered[0].values_shown("unit") == ("people", "households")
    assert theirs.get_indicator(indicator_id).form.unit == "households"

    users = UserService(db)
    user_id = users.create(UserForm(username="besa", full_name="Besa Gashi", role=Role.STAFF))
    user_dialog = UserDialog(db, user_id, None)
    qtbot.addWidget(user_dialog)
    their_users = UserService(colleague_db, ARTA_ADMIN)
    account = their_users.details(user_id)
    account.form.role = Role.MANAGER
    their_users.update(user_id, account.form, account.version)
    user_dialog.full_name_edit.setText("Besa Gashi-Krasniqi")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    user_dialog.save()
    assert answered and answered[0].kept_mine() == {"full_name"}
    final = users.details(user_id).form
    assert (final.full_name, final.role) == ("Besa Gashi-Krasniqi", Role.MANAGER)
    for dialog in (result_dialog, indicator_dialog, user_dialog):
        dialog.deleteLater()  # before the database goes: they relabel from it
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_an_organisation_shows_both_versions_and_keeps_its_donor_profile(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    organisation_id = OrganisationService(db).create(
        OrganisationForm(name_en="Civic Forum", kind=OrganisationKind.PARTNER_CSO)
    )
    dialog = OrganisationDialog(db, organisation_id, None)
    qtbot.addWidget(dialog)
    theirs = OrganisationService(colleague_db, ARTA)
    stored = theirs.get(organisation_id)
    stored.form.phone = "+383 38 000 000"
    theirs.update(organisation_id, stored.form, stored.version)

    dialog.acronym_edit.setText("CF")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    dialog.save()

    assert answered and answered[0].kept_mine() == {"acronym"}
    assert answered[0].values_shown("phone")[1] == "+383 38 000 000"
    final = theirs.get(organisation_id).form
    assert (final.acronym, final.phone) == ("CF", "+383 38 000 000")
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _add_case(db: Database) -> int:
    place = next(c.id for c in ReferenceService(db).municipalities("en") if c.code == "zvecan")
    return CaseService(db, ARTA).create(
        CaseForm(
            reference="CS-2026-050",
            title="Unlit underpass on the way to school",
            municipality_id=place,
            category=CaseCategory.PUBLIC_SPACE,
            description="Reported at the council meeting.",
            raised_by="Jelena Stojanović",
            raised_by_contact="+383 44 000 123",
            opened_on=date(2026, 3, 2),
        )
    )


def _case_dialog(qtbot: QtBot, db: Database, case_id: int, actor: Actor) -> CaseDialog:
    dialog = CaseDialog(db, case_id, None, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_case_shows_both_versions_with_who_raised_it_to_a_manager(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    case_id = _add_case(db)
    dialog = _case_dialog(qtbot, db, case_id, Actor("marko", Role.MANAGER))
    theirs = CaseService(colleague_db, ARTA)
    stored = theirs.get(case_id)
    theirs.update(
        case_id,
        replace(
            stored.form,
            description="Lighting promised by the municipality.",
            raised_by_contact="+383 44 999 999",
            category=CaseCategory.ROAD_SAFETY,
        ),
        stored.version,
    )

    dialog.title_edit.setText("Unlit underpass near the school")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    dialog.save()

    assert answered, "the conflict dialog did not open"
    rows = answered[0].rows()
    assert set(rows) == {"title", "description", "raised_by_contact", "category"}
    assert answered[0].kept_mine() == {"title"}
    assert rows["raised_by_contact"][1:] == ("+383 44 000 123", "+383 44 999 999")
    assert rows["category"][1:] == ("Lighting and public space", "Road safety")
    final = theirs.get(case_id).form
    assert (final.title, final.description, final.raised_by_contact, final.category) == (
        "Unlit underpass near the school",
        "Lighting promised by the municipality.",
        "+383 44 999 999",
        CaseCategory.ROAD_SAFETY,
    )
    assert dialog.raised_by_contact_edit.text() == "+383 44 999 999"
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_an_officer_never_sees_who_raised_a_case_in_a_conflict_and_keeps_their_change(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    case_id = _add_case(db)
    dialog = _case_dialog(qtbot, db, case_id, Actor("sara", Role.STAFF))
    theirs = CaseService(colleague_db, ARTA)
    stored = theirs.get(case_id)
    theirs.update(
        case_id,
        replace(stored.form, raised_by="Jelena S.", description="Seen again on Monday."),
        stored.version,
    )

    dialog.title_edit.setText("Unlit underpass near the school")
    answered = answer_conflict(lambda conflict: conflict.save_button.click())
    dialog.save()

    assert answered, "the conflict dialog did not open"
    assert set(answered[0].rows()) == {"title", "description"}
    shown = " ".join(" ".join(row) for row in answered[0].rows().values())
    assert "Jelena" not in shown and "+383" not in shown
    final = theirs.get(case_id).form
    assert (final.title, final.description, final.raised_by, final.raised_by_contact) == (
        "Unlit underpass near the school",
        "Seen again on Monday.",
        "Jelena S.",
        "+383 44 000 123",
    )
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_opening_a_case_and_keeping_it_up_to_date_reads_who_raised_it_once(
    qtbot: QtBot, db: Database
) -> None:
    case_id = _add_case(db)
    before = _views_of(db)
    dialog = _case_dialog(qtbot, db, case_id, Actor("marko", Role.MANAGER))
    dialog.description_edit.setPlainText("Checked with the school.")
    assert dialog.save()
    assert _views_of(db) == before + 1  # the opening; the save's re-read shows nothing new
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _views_of(db: Database) -> int:
    with db.transaction() as session:
        statement = select(func.count()).where(AuditEntry.action == AuditAction.VIEW)
        return session.scalar(statement) or 0


def test_a_status_step_after_someone_else_saved_offers_to_reload_the_case(
    qtbot: QtBot, db: Database, colleague_db: Database
) -> None:
    case_id = _add_case(db)
    # Not handed to qtbot: the status dialog keeps the editor's wrapper alive past its
    # deletion, which must come before the database goes (the editor relabels from it).
    dialog = CaseDialog(db, case_id, None, Actor("marko", Role.MANAGER))
    dialog.show()
    try:
        _take_a_step_after_a_colleague_saved(qtbot, dialog, CaseService(colleague_db, ARTA))
    finally:
        dialog.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _take_a_step_after_a_colleague_saved(
    qtbot: QtBot, dialog: CaseDialog, theirs: CaseService
) -> None:
    case_id = dialog.record_id or 0
    stored = theirs.get(case_id)
    theirs.update(case_id, replace(stored.form, title="Underpass lit again"), stored.version)
    told: list[str] = []

    def reload_when_asked() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        shown = [box for box in boxes if box.isVisible()]
        if not shown:
            QTimer.singleShot(10, reload_when_asked)
            return
        told.append(shown[0].text())
        next(b for b in shown[0].buttons() if b.text() == "&Reload").click()

    status_dialog = dialog.change_status()
    assert status_dialog is not None
    status_dialog.choose(CaseStatus.IN_PROGRESS)
    QTimer.singleShot(0, reload_when_asked)
    status_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    qtbot.waitUntil(lambda: bool(told))
    assert theirs.get(case_id).status == CaseStatus.OPEN  # the step was not taken
    qtbot.waitUntil(lambda: dialog.title_edit.text() == "Underpass lit again")
    assert dialog.version == theirs.get(case_id).version
