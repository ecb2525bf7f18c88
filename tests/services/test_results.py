"""The results framework as a project manager builds it: objective > outcome > output, with
indicators, each level in its place."""

import pytest
from sqlalchemy import select

from desktop import i18n
from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.results import ParticipantRollup, ResultLevel
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.results import IndicatorForm, ResultForm
from desktop.store.database import Database
from tests.services.test_results_office import activity_type_ids, add_chain, make_office


def test_the_tree_nests_results_and_their_indicators(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    service.create_result(
        office.project_id,
        ResultForm(ResultLevel.OUTCOME, ids["OO"], "OC2", name_sq="OShC-të ndikojnë politikat"),
    )
    [objective] = service.tree(office.project_id, "en")
    assert (objective.code, objective.level, objective.name) == (
        "OO",
        ResultLevel.OBJECTIVE,
        "Safer lives",
    )
    assert [child.code for child in objective.children] == ["OC1", "OC2"]
    outcome = objective.children[0]
    assert [i.code for i in outcome.indicators] == ["OC1.1"]
    assert [child.code for child in outcome.children] == ["OP1.1"]
    # A statement written only in Albanian is shown in Albanian to an English reader.
    assert objective.children[1].name == "OShC-të ndikojnë politikat"
    assert service.tree(office.other_project_id, "en") == []


def test_each_level_must_fit_its_parent(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    cases = [
        ResultForm(ResultLevel.OUTPUT, ids["OO"], "X1", name_en="Output under an objective"),
        ResultForm(ResultLevel.OUTCOME, ids["OC1"], "X2", name_en="Outcome under an outcome"),
        ResultForm(ResultLevel.OUTCOME, None, "X3", name_en="Outcome at the root"),
        ResultForm(ResultLevel.OBJECTIVE, ids["OO"], "X4", name_en="Objective under objective"),
    ]
    for form in cases:
        with pytest.raises(ValidationError) as refused:
            service.create_result(office.project_id, form)
        assert set(refused.value.errors) == {"parent_id"}, form.code
    # A parent from another project does not count either.
    other = add_chain(office, office.other_project_id)
    with pytest.raises(ValidationError) as refused:
        service.create_result(
            office.project_id, ResultForm(ResultLevel.OUTCOME, other["OO"], "X5", name_en="X")
        )
    assert set(refused.value.errors) == {"parent_id"}
    codes = [node.code for node in service.tree(office.project_id, "en")]
    assert codes == ["OO"]


def test_codes_are_unique_per_project_and_per_result(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    with pytest.raises(ValidationError) as refused:
        service.create_result(office.project_id, ResultForm(code="OO", name_en="Second"))
    assert "OO" in refused.value.errors["code"]
    add_chain(office, office.other_project_id)  # the same codes in another project are fine
    with pytest.raises(ValidationError) as refused:
        service.create_indicator(IndicatorForm(ids["OC1"], "OC1.1", name_en="Duplicate"))
    assert set(refused.value.errors) == {"code"}
    service.create_indicator(IndicatorForm(ids["OP1.1"], "OC1.1", name_en="Another result"))


def test_a_form_is_checked_whole_and_nothing_is_written(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    with pytest.raises(ValidationError) as refused:
        service.create_indicator(
            IndicatorForm(
                result_id=ids["OC1"],
                code=" ",
                baseline="many",
                target="12.345",
                rollup=ParticipantRollup.WOMEN,
                rollup_activity_type_id=999_999,
            )
        )
    assert set(refused.value.errors) == {
        "code",
        "name_en",
        "baseline",
        "target",
        "rollup_activity_type_id",
    }
    assert "many" in refused.value.errors["baseline"]
    [objective] = service.tree(office.project_id, "en")
    assert [i.code for i in objective.children[0].indicators] == ["OC1.1"]


def test_indicator_is_read_back_and_numbers_follow_the_interface_language(
    db: Database,
) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    i18n.set_language("sq")
    type_id = activity_type_ids(db)["public_consultation"]
    indicator_id = service.create_indicator(
        IndicatorForm(
            result_id=ids["OP1.1"],
            code="OP1.1.1",
            name_en="Women taking part in consultations",
            name_sr="Жене на консултацијама",
            unit="people",
            baseline="0",
            target="1 250,50",  # the Albanian way of writing 1250.50
            means_of_verification="Attendance lists",
            rollup=ParticipantRollup.WOMEN,
            rollup_activity_type_id=type_id,
        )
    )
    details = service.get_indicator(indicator_id)
    assert details.project_id == office.project_id
    assert str(details.form.target) == "1250.50"
    assert details.form.rollup == ParticipantRollup.WOMEN
    assert details.form.rollup_activity_type_id == type_id
    assert details.form.name_sr == "Жене на консултацијама"
    # Entered by hand, the indicator forgets the activity type it would have counted.
    details.form.rollup = ParticipantRollup.NONE
    service.update_indicator(indicator_id, details.form, details.version)
    assert service.get_indicator(indicator_id).form.rollup_activity_type_id is None


def test_moving_a_result_and_an_indicator(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    oc2 = service.create_result(
        office.project_id, ResultForm(ResultLevel.OUTCOME, ids["OO"], "OC2", name_en="Policy")
    )
    output = service.get_result(ids["OP1.1"])
    output.form.parent_id = oc2
    service.update_result(ids["OP1.1"], output.form, output.version)
    indicator = service.get_indicator(ids["OC1.1"])
    indicator.form.result_id = oc2
    service.update_indicator(ids["OC1.1"], indicator.form, indicator.version)

    [objective] = service.tree(office.project_id, "en")
    oc1_node, oc2_node = objective.children
    assert (oc1_node.children, oc1_node.indicators) == ((), ())
    assert [c.code for c in oc2_node.children] == ["OP1.1"]
    assert [i.code for i in oc2_node.indicators] == ["OC1.1"]

    # Not into another project, and an outcome with outputs under it keeps its level.
    other = add_chain(office, office.other_project_id)
    indicator = service.get_indicator(ids["OC1.1"])
    indicator.form.result_id = other["OC1"]
    with pytest.raises(ValidationError) as refused:
        service.update_indicator(ids["OC1.1"], indicator.form, indicator.version)
    assert set(refused.value.errors) == {"result_id"}
    outcome = service.get_result(oc2)
    outcome.form.level = ResultLevel.OUTPUT
    outcome.form.parent_id = ids["OC1"]
    with pytest.raises(ValidationError) as refused:
        service.update_result(oc2, outcome.form, outcome.version)
    assert set(refused.value.errors) == {"level"}


def test_shifting_changes_the_order_among_siblings(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    service.create_result(
        office.project_id, ResultForm(ResultLevel.OUTCOME, ids["OO"], "OC2", name_en="Policy")
    )
    service.shift_result(ids["OC1"], +1)
    [objective] = service.tree(office.project_id, "en")
    assert [c.code for c in objective.children] == ["OC2", "OC1"]
    service.shift_result(ids["OC1"], +1)  # already last: nothing moves
    service.shift_result(ids["OC1"], -1)
    [objective] = service.tree(office.project_id, "en")
    assert [c.code for c in objective.children] == ["OC1", "OC2"]


def test_removing_refuses_what_still_holds_something(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    with pytest.raises(RefusedError):
        service.remove_result(ids["OO"], service.get_result(ids["OO"]).version)
    with pytest.raises(RefusedError):
        service.remove_result(ids["OC1"], service.get_result(ids["OC1"]).version)
    office.values().enter_value(ids["OC1.1"], office.q1, "2")
    with pytest.raises(RefusedError):
        service.remove_indicator(ids["OC1.1"], service.get_indicator(ids["OC1.1"]).version)

    service.remove_result(ids["OP1.1"], service.get_result(ids["OP1.1"]).version)
    spare = service.create_indicator(IndicatorForm(ids["OC1"], "OC1.2", name_en="Spare"))
    service.remove_indicator(spare, service.get_indicator(spare).version)
    [objective] = service.tree(office.project_id, "en")
    assert objective.children[0].children == ()
    assert [i.code for i in objective.children[0].indicators] == ["OC1.1"]
    with db.transaction() as session:
        deleted = session.scalars(
            select(AuditEntry.entity).where(AuditEntry.action == AuditAction.DELETE)
        ).all()
    assert sorted(deleted) == ["indicators", "results"]


def test_changes_are_audited_stale_versions_refused_and_viewers_only_read(
    db: Database,
) -> None:
    office = make_office(db)
    ids = add_chain(office)
    service = office.results()
    opened = service.get_result(ids["OC1"])
    opened.form.name_sq = "KKSB-të konsultojnë komunitetet"
    service.update_result(ids["OC1"], opened.form, opened.version)
    with pytest.raises(ConflictError):
        service.update_result(ids["OC1"], opened.form, opened.version)
    with db.transaction() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "results", AuditEntry.action == AuditAction.UPDATE
            )
        ).one()
        assert entry.username == office.staff.username
        assert entry.changes == {"name_sq": [None, "KKSB-të konsultojnë komunitetet"]}
        created = session.scalars(
            select(AuditEntry.entity).where(AuditEntry.action == AuditAction.CREATE)
        ).all()
    assert created.count("results") == 3 and created.count("indicators") == 1

    viewer = office.results(office.viewer)
    with pytest.raises(RefusedError):
        viewer.create_result(office.project_id, ResultForm(code="OO2", name_en="Read only"))
    assert [n.code for n in viewer.tree(office.project_id, "en")] == ["OO"]
