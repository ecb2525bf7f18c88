"""Random forms of every kind fed to the comparison two people see after a conflict.

``differing_fields`` lists exactly the fields (and dict entries) whose values are not the
same (in ``_same``'s sense: lists as sets of choices, no value the same as an empty
text), none when both versions are one form, and says ``changed_here`` exactly where the
person saving changed a value since they opened the form; ``merged`` keeping every choice
of mine gives my values, keeping none gives the stored form, and changes neither input;
``last_saved_by`` answers any table and any id with a name or ``None``.  Nothing raises,
whatever the values: hostile text, NaN-free Decimals, None, lists in any order, participant
lines and narratives by section and language.
"""

import copy
import dataclasses
import itertools
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import Project
from desktop.domain.activity import AgeBand
from desktop.domain.period import NarrativeSection
from desktop.domain.person import Gender
from desktop.domain.project import PartnerRole
from desktop.domain.user import Role
from desktop.services.activities import ActivityForm, ParticipantLine
from desktop.services.actor import Actor
from desktop.services.budget import BudgetLineForm
from desktop.services.cases import ActionForm, CaseForm
from desktop.services.conflicts import (
    ConflictService,
    DifferingField,
    SavedBy,
    _same,
    differing_fields,
    merged,
)
from desktop.services.expenditures import ExpenditureForm
from desktop.services.grants import GrantForm
from desktop.services.instalments import InstalmentForm
from desktop.services.organisations import OrganisationForm
from desktop.services.people import PersonForm
from desktop.services.periods import NARRATIVE_LANGUAGES, PeriodForm
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.research import ResearchForm
from desktop.services.results import IndicatorForm, ResultForm
from desktop.services.users import UserForm
from desktop.store.database import Database
from tests.properties.harness import attempt, first_id, succeeded
from tests.properties.strategies import (
    enum_values,
    field_strategies,
    hostile_text,
    ids,
    numbers,
)

FORM_TYPES = (
    ProjectForm,
    PersonForm,
    GrantForm,
    OrganisationForm,
    CaseForm,
    ActionForm,
    ResultForm,
    IndicatorForm,
    ResearchForm,
    BudgetLineForm,
    InstalmentForm,
    ExpenditureForm,
    PeriodForm,
    ActivityForm,
    UserForm,
)


def _comparable(value: Any) -> bool:
    """Whether ``value`` equals itself (NaN does not, and a signalling NaN refuses to be
    compared at all): a form the editor builds never holds one."""
    if isinstance(value, Decimal):
        return value.is_finite() or value.is_infinite()
    if isinstance(value, float):
        return value == value
    if isinstance(value, list | tuple):
        return all(map(_comparable, value))
    if isinstance(value, dict):
        return all(map(_comparable, value.values()))
    return True


_PARTICIPANTS = st.lists(
    st.builds(
        ParticipantLine,
        enum_values(Gender),
        enum_values(AgeBand),
        st.one_of(st.sampled_from(("albanian", "serb", "roma", "undeclared")), hostile_text()),
        numbers(),
    ),
    max_size=4,
)
_NARRATIVES = st.dictionaries(
    st.tuples(st.sampled_from(list(NarrativeSection)), st.sampled_from(NARRATIVE_LANGUAGES)),
    st.one_of(st.none(), hostile_text()),
    max_size=4,
)
_OVERRIDES: dict[str, st.SearchStrategy[Any]] = {
    "participants": _PARTICIPANTS,
    "partners": st.lists(st.tuples(ids(), enum_values(PartnerRole)), max_size=3),
    "narratives": _NARRATIVES,
}


def _values(form_type: type) -> dict[str, st.SearchStrategy[Any]]:
    strategies = {**field_strategies(form_type), **_OVERRIDES}
    names = {item.name for item in dataclasses.fields(form_type)}
    return {
        name: strategy.filter(_comparable) for name, strategy in strategies.items() if name in names
    }


@st.composite
def _versions(draw: st.DrawFn) -> tuple[Any, Any, Any, Any]:
    """Four versions of one form, as a conflict sees them: ``opened`` (the editor when it
    opened), ``then`` (the service's form at that moment), ``mine`` (what was typed) and
    ``stored`` (what someone else saved); each field of each version is either its value in
    ``opened`` or one of its own, so that most fields agree and some do not."""
    form_type = draw(st.sampled_from(FORM_TYPES))
    strategies = _values(form_type)
    names = sorted(strategies)
    opened = form_type(**{name: draw(strategies[name]) for name in names})

    def version() -> Any:
        changed = draw(st.lists(st.sampled_from(names), unique=True, max_size=4))
        values = {name: draw(strategies[name]) for name in changed}
        return dataclasses.replace(copy.deepcopy(opened), **values)

    return opened, version(), version(), version()


def _choices(fields: list[DifferingField]) -> set[Any]:
    return {field.choice for field in fields}


def _value(form: Any, choice: Any) -> Any:
    if isinstance(choice, str):
        return getattr(form, choice)
    name, key = choice
    return getattr(form, name).get(key)


def _expected(mine: Any, stored: Any) -> set[Any]:
    """The choices whose values are not the same, field by field and entry by entry."""
    expected: set[Any] = set()
    for item in dataclasses.fields(mine):
        ours, theirs = getattr(mine, item.name), getattr(stored, item.name)
        if isinstance(ours, dict) and isinstance(theirs, dict):
            for key in {*ours, *theirs}:
                if not _same(ours.get(key), theirs.get(key)):
                    expected.add((item.name, key))
        elif not _same(ours, theirs):
            expected.add(item.name)
    return expected


@given(_versions())
def test_a_form_does_not_differ_from_itself(versions: tuple[Any, Any, Any, Any]) -> None:
    for form in versions:
        assert differing_fields(form, form, form) == []
        assert differing_fields(form, form, copy.deepcopy(form), form) == []


@given(_versions())
def test_differing_fields_are_the_fields_that_differ(versions: tuple[Any, Any, Any, Any]) -> None:
    opened, then, mine, stored = versions
    found = differing_fields(opened, mine, stored)
    assert len(_choices(found)) == len(found), "a field is listed twice"
    assert _choices(found) == _expected(mine, stored)
    for field in found:
        assert field.mine is _value(mine, field.choice) or field.mine == _value(mine, field.choice)
        assert field.changed_here == (not _same(field.mine, _value(opened, field.choice)))
        assert not (field.mine in (None, "") and field.stored in (None, ""))
    # Knowing the service's form when the editor opened leaves out only what nobody changed.
    narrowed = differing_fields(opened, mine, stored, then)
    assert _choices(narrowed) <= _choices(found)
    for field in found:
        if field not in narrowed:
            assert not field.changed_here
            assert _same(field.stored, _value(then, field.choice))


@given(_versions(), st.data())
def test_merged_takes_exactly_the_chosen_values(
    versions: tuple[Any, Any, Any, Any], data: st.DataObject
) -> None:
    opened, _then, mine, stored = versions
    kept_mine, kept_stored = copy.deepcopy(mine), copy.deepcopy(stored)
    found = differing_fields(opened, mine, stored)
    every = _choices(found)

    assert merged(stored, mine, set()) == stored
    all_mine = merged(stored, mine, every)
    for choice in every:
        assert _same(_value(all_mine, choice), _value(mine, choice)), choice
    assert differing_fields(opened, mine, all_mine) == []

    if every:
        some = set(data.draw(st.lists(st.sampled_from(sorted(every, key=repr))), label="kept"))
        partly = merged(stored, mine, some)
        for choice in every:
            source = mine if choice in some else stored
            assert _same(_value(partly, choice), _value(source, choice)), choice
    assert mine == kept_mine and stored == kept_stored, "merged changed a version"


@given(_versions())
def test_same_is_an_equivalence_on_values(versions: tuple[Any, Any, Any, Any]) -> None:
    """Reflexive and symmetric on every value a form holds, lists and tuples included, and
    true of any two equal values."""
    for first, second in itertools.pairwise(versions):
        for item in dataclasses.fields(first):
            a, b = getattr(first, item.name), getattr(second, item.name)
            assert _same(a, a) and _same(a, copy.deepcopy(a))
            assert _same(a, b) == _same(b, a)
            if a == b:
                assert _same(a, b), "equal values are not the same"


def test_last_saved_by(demo_db: Database) -> None:
    """Any table name and any id get a name and a time or ``None``, never an error; a
    record someone has just saved names them."""
    service = ConflictService(demo_db)
    project_id = first_id(demo_db, Project)
    tables = st.one_of(st.sampled_from(("projects", "cases", "audit_entries")), hostile_text())

    @given(tables, st.one_of(st.just(project_id), ids()))
    def check(table: Any, record_id: Any) -> None:
        found = attempt(demo_db, lambda: service.last_saved_by(table, record_id))
        assert succeeded(found), found.error
        assert found is None or (isinstance(found, SavedBy) and found.name)

    check()
    projects = ProjectService(demo_db, Actor("drita", Role.STAFF))
    details = projects.get(project_id)
    form = dataclasses.replace(details.form, summary=f"{details.form.summary} (revised)")
    projects.update(project_id, form, details.version)
    saved = service.last_saved_by("projects", project_id)
    assert saved is not None and saved.name == "drita"


# -- the bug these properties found, as a plain example ----------------------------------


def test_last_saved_by_a_record_id_beyond_the_database_integers(demo_db: Database) -> None:
    """An id past 64 bits reached the database, which refused it with "a value is too large
    for the database"; no record has such an id, so nobody saved it."""
    service = ConflictService(demo_db)
    assert service.last_saved_by("projects", 2**63) is None
    assert service.last_saved_by("projects\x00", 1) is None
