"""Two people saving the same record through two real connections (two SQLite connections to
one file; two PostgreSQL sessions): the second sees both versions, chooses per field, and
nothing is overwritten silently."""

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.conflicts import ConflictService, differing_fields, merged
from desktop.services.errors import ConflictError
from desktop.services.projects import ProjectService
from desktop.store.database import Database, open_database
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.widgets.conflict_dialog import ConflictDialog
from tests.ui.helpers import add_project, answer_conflict

ARTA = Actor("arta.krasniqi", Role.MANAGER)


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
