"""The results framework of a project: its tree of results and indicators, and the grid of
indicator values per reporting period with their review.

A value is entered by staff, submitted, and approved (or returned with a comment) by a
manager; only approved values reach a donor report, and an approved value stays as it was
until a manager reopens it.  Indicators that count people take their value from the
participants recorded at the project's activities, so a head is counted once, where it was
seen.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity, AgeBand, ParticipantCount
from desktop.domain.audit import AuditAction
from desktop.domain.base import Base, utcnow
from desktop.domain.grant import Grant
from desktop.domain.period import ReportingPeriod
from desktop.domain.person import Gender
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType
from desktop.domain.results import (
    FIRST_YEAR,
    LAST_YEAR,
    RESULT_LEVEL_LABELS,
    VALUE_STATUS_LABELS,
    Indicator,
    IndicatorValue,
    ParticipantRollup,
    Result,
    ResultLevel,
    ValueStatus,
)
from desktop.domain.user import Role, User
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_number, parse_amount
from desktop.services import audit
from desktop.services.base import Service
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.permissions import ROLES_WITH, Permission, requires
from desktop.services.records import load
from desktop.services.scope import require_project_in_scope, scope_condition, sees_project
from desktop.services.validation import MAX_MONEY, Checker, find

# The level a result's parent must have; an overall objective stands at the root.
PARENT_LEVEL: dict[ResultLevel, ResultLevel | None] = {
    ResultLevel.OBJECTIVE: None,
    ResultLevel.OUTCOME: ResultLevel.OBJECTIVE,
    ResultLevel.OUTPUT: ResultLevel.OUTCOME,
}
CHILD_LEVEL: dict[ResultLevel, ResultLevel | None] = {
    ResultLevel.OBJECTIVE: ResultLevel.OUTCOME,
    ResultLevel.OUTCOME: ResultLevel.OUTPUT,
    ResultLevel.OUTPUT: None,
}
YOUTH_BANDS = (AgeBand.UNDER_18, AgeBand.FROM_18_TO_29)  # "under 30"
EDITABLE_STATUSES = frozenset({ValueStatus.DRAFT, ValueStatus.RETURNED})
_QUANTUM = Decimal("0.01")
_LONG_TEXT = 20_000


class ValueAction(StrEnum):
    """What can be done to one cell of the value grid."""

    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"
    RECALCULATE = "recalculate"


def available_actions(
    status: ValueStatus | None, role: Role, rolled_up: bool = False
) -> frozenset[ValueAction]:
    """The actions ``role`` may take on a value in ``status`` (``None``: nothing entered).

    The interface enables its buttons from this, so they follow the same rules the service
    enforces.
    """
    actions: set[ValueAction] = set()
    if role in ROLES_WITH[Permission.EDIT_RECORDS] and (
        status is None or status in EDITABLE_STATUSES
    ):
        actions.add(ValueAction.EDIT)
        if rolled_up:
            actions.add(ValueAction.RECALCULATE)
        if status is not None:
            actions.add(ValueAction.SUBMIT)
    if role in ROLES_WITH[Permission.APPROVE_VALUES]:
        if status == ValueStatus.SUBMITTED:
            actions.update((ValueAction.APPROVE, ValueAction.RETURN))
        elif status == ValueStatus.APPROVED:
            actions.add(ValueAction.REOPEN)
    return frozenset(actions)


# -- the tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorNode:
    id: int
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    rollup: ParticipantRollup
    version: int
    baseline_year: int | None = None
    target_year: int | None = None


@dataclass(frozen=True)
class ResultNode:
    id: int
    code: str
    level: ResultLevel
    name: str
    version: int
    children: tuple["ResultNode", ...] = ()
    indicators: tuple[IndicatorNode, ...] = ()
    assumptions: str = ""


@dataclass
class ResultForm:
    """A result statement as the user fills it in; the statement is the multilingual name."""

    level: ResultLevel = ResultLevel.OBJECTIVE
    parent_id: int | None = None
    code: str = ""
    name_en: str = ""
    name_sq: str = ""
    name_sr: str = ""
    name_sr_latn: str = ""
    # The logframe's last column: what must hold outside the action for it to succeed.
    assumptions: str = ""


@dataclass(frozen=True)
class ResultDetails:
    id: int
    uuid: UUID
    version: int
    project_id: int
    form: ResultForm


@dataclass
class IndicatorForm:
    result_id: int | None = None
    code: str = ""
    name_en: str = ""
    name_sq: str = ""
    name_sr: str = ""
    name_sr_latn: str = ""
    unit: str = ""
    baseline: Decimal | str | None = None
    target: Decimal | str | None = None
    means_of_verification: str = ""
    # The reference years of the baseline and the target (1990-2100), as the logframe asks.
    baseline_year: int | str | None = None
    target_year: int | str | None = None
    rollup: ParticipantRollup = ParticipantRollup.NONE
    rollup_activity_type_id: int | None = None


@dataclass(frozen=True)
class IndicatorDetails:
    id: int
    uuid: UUID
    version: int
    project_id: int
    form: IndicatorForm


# -- the value grid -------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodColumn:
    id: int
    label: str
    start_date: date
    end_date: date
    due_on: date | None

    def contains(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date


@dataclass(frozen=True)
class RollupFigure:
    """What the activities say an indicator's value for a period is.

    ``incomplete_activities`` counts the activities whose breakdown does not add up to
    their headcount, so the figure may be too low.
    """

    value: Decimal
    incomplete_activities: int = 0
    # Of the value, the women and the men counted (other and undisclosed genders in neither).
    women: Decimal | None = None
    men: Decimal | None = None


@dataclass(frozen=True)
class ValueCell:
    indicator_id: int
    period_id: int
    value_id: int | None = None
    value: Decimal | None = None
    status: ValueStatus | None = None
    comment: str = ""
    reviewed_by: str = ""
    reviewed_at: datetime | None = None
    version: int | None = None
    rolled_up: RollupFigure | None = None  # only for indicators that count participants
    women: Decimal | None = None  # of the value, where broken down by sex
    men: Decimal | None = None


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: int
    code: str
    name: str
    result_code: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    rollup: ParticipantRollup
    cells: tuple[ValueCell, ...]
    approved_total: Decimal | None  # the sum of the approved values, None when none is
    baseline_year: int | None = None
    target_year: int | None = None

    @property
    def cumulative(self) -> Decimal | None:
        """Baseline plus every approved value, as the quarterly report counts it."""
        if self.approved_total is None:
            return None
        return (self.baseline or Decimal(0)) + self.approved_total

    @property
    def share_of_target(self) -> Decimal | None:
        """Progress from baseline towards target, 0..1 (more when exceeded)."""
        start = self.baseline or Decimal(0)
        if self.target is None or self.target == start:
            return None
        return ((self.cumulative or start) - start) / (self.target - start)


@dataclass(frozen=True)
class ValueGrid:
    grant_id: int
    project_id: int
    periods: tuple[PeriodColumn, ...]
    lines: tuple[IndicatorLine, ...]

    def cell(self, indicator_id: int, period_id: int) -> ValueCell | None:
        for line in self.lines:
            if line.indicator_id == indicator_id:
                return next((c for c in line.cells if c.period_id == period_id), None)
        return None

    def current_period(self, today: date) -> PeriodColumn | None:
        """The period ``today`` falls in, else the last one that has begun."""
        begun = [period for period in self.periods if period.start_date <= today]
        inside = [period for period in begun if period.contains(today)]
        return (inside or begun or [None])[-1]


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass
class _Buckets:
    """Participants per (period, activity type, gender, age band), and incomplete
    activities per (period, activity type): one query each for the whole grid."""

    counts: dict[tuple[int, int, Gender, AgeBand], int] = field(default_factory=dict)
    incomplete: dict[tuple[int, int], int] = field(default_factory=dict)

    def figure(self, indicator: Indicator, period_id: int) -> RollupFigure:
        wanted_type = indicator.rollup_activity_type_id

        def counted(gender: Gender, band: AgeBand) -> bool:
            match indicator.rollup:
                case ParticipantRollup.WOMEN:
                    return gender == Gender.FEMALE
                case ParticipantRollup.MEN:
                    return gender == Gender.MALE
                case ParticipantRollup.YOUTH:
                    return band in YOUTH_BANDS
            return True

        by_gender: dict[Gender, int] = defaultdict(int)
        for (period, type_id, gender, band), number in self.counts.items():
            if (
                period == period_id
                and (wanted_type is None or type_id == wanted_type)
                and counted(gender, band)
            ):
                by_gender[gender] += number
        total = sum(by_gender.values())
        incomplete = sum(
            number
            for (period, type_id), number in self.incomplete.items()
            if period == period_id and (wanted_type is None or type_id == wanted_type)
        )
        return RollupFigure(
            Decimal(total).quantize(_QUANTUM),
            incomplete,
            women=Decimal(by_gender[Gender.FEMALE]).quantize(_QUANTUM),
            men=Decimal(by_gender[Gender.MALE]).quantize(_QUANTUM),
        )


Framed = TypeVar("Framed", Project, Grant, ReportingPeriod, Result, Indicator, IndicatorValue)


class _FrameworkService(Service):
    """What the results services share: the audit entry every write leaves."""

    # -- audit ----------------------------------------------------------------------------

    def _created(self, session: Session, record: Base) -> int:
        session.add(record)
        audit.record(session, self.actor, AuditAction.CREATE, record, audit.snapshot(record))
        return record.id  # type: ignore[attr-defined]

    def _updated(self, session: Session, record: Base, before: audit.Snapshot) -> None:
        changes = audit.diff(before, audit.snapshot(record))
        if changes:
            record.updated_at = utcnow()  # type: ignore[attr-defined]
            audit.record(session, self.actor, AuditAction.UPDATE, record, changes)

    def _deleted(self, session: Session, record: Base) -> None:
        audit.record(session, self.actor, AuditAction.DELETE, record, audit.snapshot(record))
        session.delete(record)

    # -- organisation scope ---------------------------------------------------------------

    def _scoped(
        self,
        session: Session,
        model: type[Framed],
        record_id: int,
        missing: str,
        expected_version: int | None = None,
    ) -> Framed:
        """The record to read or change; one of a project outside the actor's scope is
        "not found", and only then is its version compared, so a refusal never reveals
        that it exists."""
        record = load(session, model, record_id, missing)
        require_project_in_scope(session, self.actor, _project_of(record), missing)
        if expected_version is not None and record.version != expected_version:
            raise ConflictError()
        return record


class ResultsService(_FrameworkService):
    """The results framework of one project: results and indicators in a tree."""

    # -- choosing a project and a grant ---------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def projects(self, language: str) -> list[Choice]:
        """The projects in use, as "code — title", for choosing one."""
        statement = (
            select(Project)
            .where(Project.archived_at.is_(None), scope_condition(self.actor, Project.id))
            .order_by(Project.code)
        )
        with self.unit_of_work(read_only=True) as session:
            return [
                # L10N: a project in a drop-down list: its code, a dash and its title
                Choice(p.id, _("{code} — {title}").format(code=p.code, title=p.name(language)))
                for p in session.scalars(statement)
            ]

    @requires(Permission.READ_RECORDS)
    def grants(self, project_id: int) -> list[Choice]:
        """The project's grants by contract number, for choosing whose periods to show."""
        statement = (
            select(Grant)
            .where(Grant.project_id == project_id, Grant.archived_at.is_(None))
            .where(scope_condition(self.actor, Grant.project_id))
            .order_by(Grant.start_date, Grant.contract_number)
        )
        with self.unit_of_work(read_only=True) as session:
            return [Choice(grant.id, grant.contract_number) for grant in session.scalars(statement)]

    @requires(Permission.READ_RECORDS)
    def activity_types(self, language: str) -> list[Choice]:
        with self.unit_of_work(read_only=True) as session:
            types = session.scalars(select(ActivityType).order_by(ActivityType.sort_order))
            return [Choice(item.id, item.name(language)) for item in types]

    # -- the tree -------------------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def tree(self, project_id: int, language: str) -> list[ResultNode]:
        """The project's results, objectives first, each with its results and indicators."""
        with self.unit_of_work(read_only=True) as session:
            self._scoped(session, Project, project_id, _project_missing())
            results = list(
                session.scalars(
                    select(Result)
                    .where(Result.project_id == project_id)
                    .order_by(Result.sort_order, Result.code, Result.id)
                )
            )
            indicators: dict[int, list[IndicatorNode]] = defaultdict(list)
            for indicator in session.scalars(
                select(Indicator)
                .join(Result, Indicator.result_id == Result.id)
                .where(Result.project_id == project_id)
                .order_by(Indicator.code, Indicator.id)
            ):
                indicators[indicator.result_id].append(
                    IndicatorNode(
                        id=indicator.id,
                        code=indicator.code,
                        name=indicator.name(language),
                        unit=indicator.unit or "",
                        baseline=indicator.baseline,
                        target=indicator.target,
                        rollup=indicator.rollup,
                        version=indicator.version,
                        baseline_year=indicator.baseline_year,
                        target_year=indicator.target_year,
                    )
                )
            children: dict[int | None, list[Result]] = defaultdict(list)
            for result in results:
                children[result.parent_id].append(result)

            def node(result: Result) -> ResultNode:
                return ResultNode(
                    id=result.id,
                    code=result.code,
                    level=result.level,
                    name=result.name(language),
                    version=result.version,
                    children=tuple(node(child) for child in children[result.id]),
                    indicators=tuple(indicators[result.id]),
                    assumptions=result.assumptions or "",
                )

            return [node(root) for root in children[None]]

    @requires(Permission.READ_RECORDS)
    def get_result(self, result_id: int) -> ResultDetails:
        with self.unit_of_work(read_only=True) as session:
            result = self._scoped(session, Result, result_id, _result_missing())
            form = ResultForm(
                level=result.level,
                parent_id=result.parent_id,
                code=result.code,
                name_en=result.name_en or "",
                name_sq=result.name_sq or "",
                name_sr=result.name_sr or "",
                name_sr_latn=result.name_sr_latn or "",
                assumptions=result.assumptions or "",
            )
            return ResultDetails(result.id, result.uuid, result.version, result.project_id, form)

    @requires(Permission.EDIT_RECORDS)
    def create_result(self, project_id: int, form: ResultForm) -> int:
        with self.unit_of_work() as session:
            self._scoped(session, Project, project_id, _project_missing())
            last = session.scalar(
                select(func.max(Result.sort_order)).where(Result.project_id == project_id)
            )
            result = Result(project_id=project_id, sort_order=(last or 0) + 1)
            self._apply_result(session, result, form)
            return self._created(session, result)

    @requires(Permission.EDIT_RECORDS)
    def update_result(self, result_id: int, form: ResultForm, expected_version: int) -> None:
        """Change a result; a new parent moves it (with what hangs under it)."""
        with self.unit_of_work() as session:
            result = self._scoped(session, Result, result_id, _result_missing(), expected_version)
            before = audit.snapshot(result)
            self._apply_result(session, result, form)
            self._updated(session, result, before)

    @requires(Permission.EDIT_RECORDS)
    def shift_result(self, result_id: int, step: int) -> None:
        """Move a result up (``step`` < 0) or down among the results of its parent."""
        with self.unit_of_work() as session:
            result = self._scoped(session, Result, result_id, _result_missing())
            siblings = list(
                session.scalars(
                    select(Result)
                    .where(
                        Result.project_id == result.project_id,
                        _same_parent(result.parent_id),
                    )
                    .order_by(Result.sort_order, Result.code, Result.id)
                )
            )
            position = siblings.index(result)
            target = position + (1 if step > 0 else -1)
            if step == 0 or not 0 <= target < len(siblings):
                return
            siblings[position], siblings[target] = siblings[target], siblings[position]
            orders = sorted(sibling.sort_order for sibling in siblings)
            if len(set(orders)) < len(orders):  # equal orders cannot be swapped; renumber
                orders = list(range(orders[0], orders[0] + len(orders)))
            for sibling, order in zip(siblings, orders, strict=True):
                if sibling.sort_order != order:
                    before = audit.snapshot(sibling)
                    sibling.sort_order = order
                    self._updated(session, sibling, before)

    @requires(Permission.EDIT_RECORDS)
    def remove_result(self, result_id: int, expected_version: int) -> None:
        """Delete a result that has nothing under it; a filled one is refused, so no
        indicator or value is lost by a slip of the mouse."""
        with self.unit_of_work() as session:
            result = self._scoped(session, Result, result_id, _result_missing(), expected_version)
            if session.scalar(select(Result.id).where(Result.parent_id == result.id).limit(1)):
                raise RefusedError(
                    _("This result has other results under it; remove or move them first.")
                )
            if result.indicators:
                raise RefusedError(
                    _("This result has indicators; remove them or move them to another result.")
                )
            self._deleted(session, result)

    @requires(Permission.READ_RECORDS)
    def get_indicator(self, indicator_id: int) -> IndicatorDetails:
        with self.unit_of_work(read_only=True) as session:
            indicator = self._scoped(session, Indicator, indicator_id, _indicator_missing())
            form = IndicatorForm(
                result_id=indicator.result_id,
                code=indicator.code,
                name_en=indicator.name_en or "",
                name_sq=indicator.name_sq or "",
                name_sr=indicator.name_sr or "",
                name_sr_latn=indicator.name_sr_latn or "",
                unit=indicator.unit or "",
                baseline=indicator.baseline,
                target=indicator.target,
                means_of_verification=indicator.means_of_verification or "",
                baseline_year=indicator.baseline_year,
                target_year=indicator.target_year,
                rollup=indicator.rollup,
                rollup_activity_type_id=indicator.rollup_activity_type_id,
            )
            return IndicatorDetails(
                indicator.id,
                indicator.uuid,
                indicator.version,
                indicator.result.project_id,
                form,
            )

    @requires(Permission.EDIT_RECORDS)
    def create_indicator(self, form: IndicatorForm) -> int:
        with self.unit_of_work() as session:
            indicator = Indicator()
            self._apply_indicator(session, indicator, form, project_id=None)
            return self._created(session, indicator)

    @requires(Permission.EDIT_RECORDS)
    def update_indicator(
        self, indicator_id: int, form: IndicatorForm, expected_version: int
    ) -> None:
        """Change an indicator; another result of the same project moves it there."""
        with self.unit_of_work() as session:
            indicator = self._scoped(
                session, Indicator, indicator_id, _indicator_missing(), expected_version
            )
            before = audit.snapshot(indicator)
            self._apply_indicator(session, indicator, form, indicator.result.project_id)
            self._updated(session, indicator, before)

    @requires(Permission.EDIT_RECORDS)
    def remove_indicator(self, indicator_id: int, expected_version: int) -> None:
        """Delete an indicator nobody has reported on yet."""
        with self.unit_of_work() as session:
            indicator = self._scoped(
                session, Indicator, indicator_id, _indicator_missing(), expected_version
            )
            if session.scalar(
                select(IndicatorValue.id).where(IndicatorValue.indicator_id == indicator.id)
            ):
                raise RefusedError(
                    _(
                        "This indicator already has values for reporting periods, so it "
                        "cannot be removed."
                    )
                )
            self._deleted(session, indicator)

    # -- rules ----------------------------------------------------------------------------

    def _apply_result(self, session: Session, result: Result, form: ResultForm) -> None:
        """Check the whole form, then copy it onto ``result``; raises before any change."""
        check = Checker()
        code = check.text("code", form.code, required=True, max_length=64)
        names = _names(check, form, _("Write the result's statement in at least one language."))
        assumptions = check.text("assumptions", form.assumptions, max_length=_LONG_TEXT)
        level: ResultLevel | None = None
        try:
            level = ResultLevel(form.level)
        except ValueError:
            check.fail("level", _("Choose a level from the list."))
        project_id = result.project_id
        if code and session.scalar(
            select(Result.id).where(
                Result.project_id == project_id, Result.code == code, Result.id != result.id
            )
        ):
            check.fail(
                "code",
                _("Another result of this project already has the code {code}.").format(code=code),
            )
        if level is not None:
            self._check_parent(session, check, result, level, form.parent_id)
            if result.id is not None:
                self._check_children_fit(session, check, result, level)
        if check.errors or level is None:
            raise ValidationError(check.errors)
        result.code = code or ""
        result.level = level
        result.parent_id = form.parent_id if PARENT_LEVEL[level] is not None else None
        result.assumptions = assumptions
        for column, text in names.items():
            setattr(result, column, text)

    @staticmethod
    def _check_parent(
        session: Session,
        check: Checker,
        result: Result,
        level: ResultLevel,
        parent_id: int | None,
    ) -> None:
        wanted = PARENT_LEVEL[level]
        if wanted is None:
            if parent_id is not None:
                check.fail(
                    "parent_id",
                    _("An overall objective stands at the top of the tree, under no result."),
                )
            return
        parent = find(session, Result, parent_id) if parent_id is not None else None
        if parent is None or parent.project_id != result.project_id:
            check.fail("parent_id", _("Choose the result this one contributes to."))
        elif parent.level != wanted:
            # L10N: {level} is the level of a result, such as "Outcome"; {parent} the
            # level its parent must have, such as "Overall objective"
            check.fail(
                "parent_id",
                _("A result at the level “{level}” belongs under a “{parent}”.").format(
                    level=_(RESULT_LEVEL_LABELS[level]), parent=_(RESULT_LEVEL_LABELS[wanted])
                ),
            )

    @staticmethod
    def _check_children_fit(
        session: Session, check: Checker, result: Result, level: ResultLevel
    ) -> None:
        levels = set(session.scalars(select(Result.level).where(Result.parent_id == result.id)))
        if levels and levels != {CHILD_LEVEL[level]}:
            check.fail(
                "level",
                _("The results under this one would no longer fit; move them first."),
            )

    def _apply_indicator(
        self,
        session: Session,
        indicator: Indicator,
        form: IndicatorForm,
        project_id: int | None,
    ) -> None:
        check = Checker()
        code = check.text("code", form.code, required=True, max_length=64)
        names = _names(check, form, _("Describe the indicator in at least one language."))
        unit = check.text("unit", form.unit, max_length=64)
        baseline = _quantity(check, "baseline", form.baseline)
        target = _quantity(check, "target", form.target)
        verification = check.text(
            "means_of_verification", form.means_of_verification, max_length=_LONG_TEXT
        )
        baseline_year = _year(check, "baseline_year", form.baseline_year)
        target_year = _year(check, "target_year", form.target_year)
        if baseline_year and target_year and target_year < baseline_year:
            check.fail(
                "target_year",
                _("The target year cannot come before the baseline year ({year}).").format(
                    year=baseline_year
                ),
            )
        try:
            rollup = ParticipantRollup(form.rollup)
        except ValueError:
            check.fail("rollup", _("Choose from the list what the indicator counts."))
            rollup = ParticipantRollup.NONE
        activity_type = form.rollup_activity_type_id if rollup != ParticipantRollup.NONE else None
        if activity_type is not None and find(session, ActivityType, activity_type) is None:
            check.fail("rollup_activity_type_id", _("Choose an activity type from the list."))
        result = find(session, Result, form.result_id) if form.result_id is not None else None
        if result is not None and not sees_project(session, self.actor, result.project_id):
            result = None  # to a scoped user, another organisation's result does not exist
        if result is None:
            check.fail("result_id", _("Choose the result the indicator measures."))
        elif project_id is not None and result.project_id != project_id:
            check.fail("result_id", _("An indicator can only move within its own project."))
        elif code and session.scalar(
            select(Indicator.id).where(
                Indicator.result_id == result.id,
                Indicator.code == code,
                Indicator.id != indicator.id,
            )
        ):
            check.fail(
                "code",
                _("Another indicator of this result already has the code {code}.").format(
                    code=code
                ),
            )
        if check.errors or result is None:
            raise ValidationError(check.errors)
        indicator.result = result
        indicator.code = code or ""
        for column, text in names.items():
            setattr(indicator, column, text)
        indicator.unit = unit
        indicator.baseline = baseline
        indicator.target = target
        indicator.means_of_verification = verification
        indicator.baseline_year = baseline_year
        indicator.target_year = target_year
        indicator.rollup = rollup
        indicator.rollup_activity_type_id = activity_type


class IndicatorValueService(_FrameworkService):
    """Indicator values per reporting period, and their review by a manager."""

    @requires(Permission.READ_RECORDS)
    def grid(self, grant_id: int, language: str) -> ValueGrid:
        """The grant's project's indicators against the grant's reporting periods."""
        with self.unit_of_work(read_only=True) as session:
            grant = self._scoped(session, Grant, grant_id, _grant_missing())
            periods = list(
                session.scalars(
                    select(ReportingPeriod)
                    .where(ReportingPeriod.grant_id == grant.id)
                    .order_by(ReportingPeriod.start_date, ReportingPeriod.id)
                )
            )
            period_ids = [period.id for period in periods]
            indicators = list(
                session.scalars(
                    select(Indicator)
                    .join(Result, Indicator.result_id == Result.id)
                    .where(Result.project_id == grant.project_id)
                    .order_by(Result.sort_order, Result.code, Indicator.code, Indicator.id)
                )
            )
            values: dict[tuple[int, int], tuple[IndicatorValue, str]] = {}
            for value, reviewer in session.execute(
                select(IndicatorValue, User.full_name)
                .outerjoin(User, IndicatorValue.reviewed_by_id == User.id)
                .where(IndicatorValue.period_id.in_(period_ids))
            ):
                values[(value.indicator_id, value.period_id)] = (value, reviewer or "")
            buckets = (
                _buckets(session, grant.project_id, period_ids)
                if any(i.rollup != ParticipantRollup.NONE for i in indicators)
                else _Buckets()
            )
            lines = []
            for indicator in indicators:
                cells = []
                approved: list[Decimal] = []
                for period_id in period_ids:
                    value, reviewer = values.get((indicator.id, period_id), (None, ""))
                    cells.append(_cell(indicator, period_id, value, reviewer, buckets))
                    if value is not None and value.status == ValueStatus.APPROVED:
                        approved.append(value.value)
                lines.append(
                    IndicatorLine(
                        indicator_id=indicator.id,
                        code=indicator.code,
                        name=indicator.name(language),
                        result_code=indicator.result.code,
                        unit=indicator.unit or "",
                        baseline=indicator.baseline,
                        target=indicator.target,
                        rollup=indicator.rollup,
                        cells=tuple(cells),
                        approved_total=sum(approved, Decimal(0)) if approved else None,
                        baseline_year=indicator.baseline_year,
                        target_year=indicator.target_year,
                    )
                )
            return ValueGrid(
                grant_id=grant.id,
                project_id=grant.project_id,
                periods=tuple(
                    PeriodColumn(p.id, p.label, p.start_date, p.end_date, p.due_on) for p in periods
                ),
                lines=tuple(lines),
            )

    @requires(Permission.READ_RECORDS)
    def cell(self, indicator_id: int, period_id: int) -> ValueCell:
        """One cell of the grid, as stored now (for an editor that reads it afresh)."""
        with self.unit_of_work(read_only=True) as session:
            indicator, period = self._indicator_and_period(session, indicator_id, period_id)
            found = session.execute(
                select(IndicatorValue, User.full_name)
                .outerjoin(User, IndicatorValue.reviewed_by_id == User.id)
                .where(
                    IndicatorValue.indicator_id == indicator.id,
                    IndicatorValue.period_id == period.id,
                )
            ).first()
            value, reviewer = found if found is not None else (None, "")
            buckets = (
                _buckets(session, indicator.result.project_id, [period.id])
                if indicator.rollup != ParticipantRollup.NONE
                else _Buckets()
            )
            return _cell(indicator, period.id, value, reviewer or "", buckets)

    @requires(Permission.READ_RECORDS)
    def actions(self, cell: ValueCell) -> frozenset[ValueAction]:
        """What the acting user may do to ``cell`` now."""
        return available_actions(cell.status, self.actor.role, cell.rolled_up is not None)

    @requires(Permission.READ_RECORDS)
    def rollup(self, indicator_id: int, period_id: int) -> RollupFigure:
        """The indicator's value for the period as counted from the activities."""
        with self.unit_of_work(read_only=True) as session:
            indicator, period = self._indicator_and_period(session, indicator_id, period_id)
            return _rollup_figure(session, indicator, period)

    @requires(Permission.EDIT_RECORDS)
    def enter_value(
        self,
        indicator_id: int,
        period_id: int,
        value: Decimal | str | None,
        expected_version: int | None = None,
        *,
        women: Decimal | str | None = None,
        men: Decimal | str | None = None,
    ) -> int:
        """Store the value a user typed for one indicator and period, as a draft (or still
        returned); returns the value's id.

        ``women`` and ``men`` break the value down by sex where it counts people (empty
        where not recorded); together they are at most the value, which may also count
        people of another or undisclosed gender.  ``expected_version`` is the version of
        the value the user saw, ``None`` if they saw none: a value someone else wrote
        meanwhile is a conflict, not overwritten."""
        check = Checker()
        number = _quantity(check, "value", value, required=True)
        breakdown = _by_sex(check, number, women, men)
        if check.errors:
            raise ValidationError(check.errors)
        assert number is not None
        with self.unit_of_work() as session:
            return self._write_value(
                session, indicator_id, period_id, number, expected_version, None, breakdown
            )

    @requires(Permission.EDIT_RECORDS)
    def recalculate(
        self, indicator_id: int, period_id: int, expected_version: int | None = None
    ) -> int:
        """Write the participants counted at the period's activities as a draft value
        (``expected_version`` as for ``enter_value``)."""
        with self.unit_of_work() as session:
            indicator, period = self._indicator_and_period(session, indicator_id, period_id)
            if indicator.rollup == ParticipantRollup.NONE:
                raise RefusedError(
                    _("This indicator is entered by hand; it does not count participants.")
                )
            figure = _rollup_figure(session, indicator, period)
            return self._write_value(
                session,
                indicator_id,
                period_id,
                figure.value,
                expected_version,
                ValueStatus.DRAFT,
                (figure.women, figure.men),
            )

    @requires(Permission.EDIT_RECORDS)
    def submit_value(self, value_id: int, expected_version: int) -> None:
        self._transition(
            value_id,
            expected_version,
            EDITABLE_STATUSES,
            ValueStatus.SUBMITTED,
            # L10N: {status} is a value's status, such as "Approved"
            _("Only a draft or a returned value can be submitted; this one is “{status}”."),
        )

    @requires(Permission.APPROVE_VALUES)
    def approve_value(self, value_id: int, expected_version: int) -> None:
        self._transition(
            value_id,
            expected_version,
            {ValueStatus.SUBMITTED},
            ValueStatus.APPROVED,
            _("Only a submitted value can be approved; this one is “{status}”."),
            reviewed=True,
        )

    @requires(Permission.APPROVE_VALUES)
    def return_value(self, value_id: int, comment: str, expected_version: int) -> None:
        """Send a submitted value back to staff, saying what to correct."""
        check = Checker()
        cleaned = check.text("comment", comment, max_length=_LONG_TEXT)
        if not cleaned and not check.errors:
            check.fail("comment", _("Say what should be corrected before returning the value."))
        if check.errors:
            raise ValidationError(check.errors)
        self._transition(
            value_id,
            expected_version,
            {ValueStatus.SUBMITTED},
            ValueStatus.RETURNED,
            _("Only a submitted value can be returned; this one is “{status}”."),
            reviewed=True,
            comment=cleaned,
        )

    @requires(Permission.APPROVE_VALUES)
    def reopen_value(self, value_id: int, expected_version: int) -> None:
        """Unlock an approved value for correction; it becomes a draft again."""
        self._transition(
            value_id,
            expected_version,
            {ValueStatus.APPROVED},
            ValueStatus.DRAFT,
            _("Only an approved value can be reopened; this one is “{status}”."),
        )

    # -- rules ----------------------------------------------------------------------------

    def _indicator_and_period(
        self, session: Session, indicator_id: int, period_id: int
    ) -> tuple[Indicator, ReportingPeriod]:
        indicator = self._scoped(session, Indicator, indicator_id, _indicator_missing())
        period = self._scoped(session, ReportingPeriod, period_id, _period_missing())
        if period.grant.project_id != indicator.result.project_id:
            raise ValidationError(
                {"period": _("This reporting period belongs to a grant of another project.")}
            )
        return indicator, period

    def _write_value(
        self,
        session: Session,
        indicator_id: int,
        period_id: int,
        number: Decimal,
        expected_version: int | None,
        status: ValueStatus | None,
        breakdown: tuple[Decimal | None, Decimal | None] = (None, None),
    ) -> int:
        self._indicator_and_period(session, indicator_id, period_id)
        women, men = breakdown
        existing = session.scalar(
            select(IndicatorValue).where(
                IndicatorValue.indicator_id == indicator_id,
                IndicatorValue.period_id == period_id,
            )
        )
        if existing is None:
            record = IndicatorValue(
                indicator_id=indicator_id,
                period_id=period_id,
                value=number,
                women=women,
                men=men,
                status=ValueStatus.DRAFT,
            )
            return self._created(session, record)
        _refuse_locked(existing.status)
        if existing.version != expected_version:  # None: the caller saw no value yet
            raise ConflictError()
        before = audit.snapshot(existing)
        existing.value = number
        existing.women = women
        existing.men = men
        if status is not None:
            existing.status = status
        self._updated(session, existing, before)
        return existing.id

    def _transition(
        self,
        value_id: int,
        expected_version: int,
        allowed_from: Iterable[ValueStatus],
        to: ValueStatus,
        refusal: str,
        *,
        reviewed: bool = False,
        comment: str | None = None,
    ) -> None:
        with self.unit_of_work() as session:
            record = self._scoped(
                session, IndicatorValue, value_id, _value_missing(), expected_version
            )
            if record.status not in set(allowed_from):
                raise RefusedError(refusal.format(status=_(VALUE_STATUS_LABELS[record.status])))
            before = audit.snapshot(record)
            record.status = to
            if reviewed:
                record.reviewed_by_id = self._reviewer_id(session)
                record.reviewed_at = utcnow()
            if comment is not None:
                record.comment = comment
            self._updated(session, record, before)

    def _reviewer_id(self, session: Session) -> int | None:
        """The acting user's account: by id when signed in, else by the login name."""
        if self.actor.user_id is not None:
            return self.actor.user_id
        return session.scalar(select(User.id).where(User.username == self.actor.username))


# -- helpers --------------------------------------------------------------------------------


def _project_of(record: Base) -> int | None:
    """The project a record of the results framework (or its grant's period) belongs to."""
    if isinstance(record, Project):
        return record.id
    if isinstance(record, Result | Grant):
        return record.project_id
    if isinstance(record, Indicator):
        return record.result.project_id
    if isinstance(record, ReportingPeriod):
        return record.grant.project_id
    if isinstance(record, IndicatorValue):
        return record.indicator.result.project_id
    raise TypeError(f"{type(record).__name__} belongs to no project")


def _names(check: Checker, form: ResultForm | IndicatorForm, missing: str) -> dict[str, str | None]:
    names = {
        "name_en": check.text("name_en", form.name_en),
        "name_sq": check.text("name_sq", form.name_sq),
        "name_sr": check.text("name_sr", form.name_sr),
        "name_sr_latn": check.text("name_sr_latn", form.name_sr_latn),
    }
    if not any(names.values()):
        check.fail("name_en", missing)
    return names


def _quantity(
    check: Checker, field_name: str, value: Decimal | str | int | None, *, required: bool = False
) -> Decimal | None:
    """A number as typed in the interface language, with at most two decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            check.fail(field_name, _("This field is required."))
        return None
    try:
        number = (
            parse_amount(value, current_language()) if isinstance(value, str) else Decimal(value)
        )
    except (ValueError, InvalidOperation):
        number = None
    if number is None or not number.is_finite():
        check.fail(field_name, _("“{value}” is not a number.").format(value=value))
        return None
    if abs(number) > MAX_MONEY:
        check.fail(field_name, _("The number is too large."))
    elif number != number.quantize(_QUANTUM):
        check.fail(field_name, _("Use at most two decimal places."))
    return number.quantize(_QUANTUM) if field_name not in check.errors else None


def _year(check: Checker, field_name: str, value: int | str | None) -> int | None:
    """A reference year of the logframe (1990-2100), or ``None`` when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        check.fail(
            field_name,
            _("Give a year between {first} and {last}, or leave the field empty.").format(
                first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
        return None
    return int(text)


def _by_sex(
    check: Checker,
    value: Decimal | None,
    women: Decimal | str | None,
    men: Decimal | str | None,
) -> tuple[Decimal | None, Decimal | None]:
    """The women and men of a value (each may be left empty), never negative, together
    no more than the value."""
    counted = {"women": _quantity(check, "women", women), "men": _quantity(check, "men", men)}
    for field_name, number in counted.items():
        if number is not None and number < 0:
            check.fail(field_name, _("The number cannot be negative."))
    if value is not None and not check.errors:
        total = sum((number for number in counted.values() if number is not None), Decimal(0))
        if total > value:
            # L10N: {value} is the indicator's value the women and men are part of
            check.fail(
                "men" if counted["men"] is not None else "women",
                _("Women and men together cannot be more than the value ({value}).").format(
                    value=format_number(value, current_language())
                ),
            )
    return counted["women"], counted["men"]


def _refuse_locked(status: ValueStatus) -> None:
    if status == ValueStatus.SUBMITTED:
        raise RefusedError(
            _(
                "This value is submitted for review and cannot be changed until a manager "
                "returns it."
            )
        )
    if status == ValueStatus.APPROVED:
        raise RefusedError(
            _("This value is approved and locked; a manager can reopen it for correction.")
        )


def _same_parent(parent_id: int | None) -> ColumnElement[bool]:
    return Result.parent_id.is_(None) if parent_id is None else Result.parent_id == parent_id


def _cell(
    indicator: Indicator,
    period_id: int,
    value: IndicatorValue | None,
    reviewer: str,
    buckets: _Buckets,
) -> ValueCell:
    rolled_up = (
        buckets.figure(indicator, period_id) if indicator.rollup != ParticipantRollup.NONE else None
    )
    if value is None:
        return ValueCell(indicator.id, period_id, rolled_up=rolled_up)
    return ValueCell(
        indicator_id=indicator.id,
        period_id=period_id,
        value_id=value.id,
        value=value.value,
        status=value.status,
        comment=value.comment or "",
        reviewed_by=reviewer,
        reviewed_at=value.reviewed_at,
        version=value.version,
        rolled_up=rolled_up,
        women=value.women,
        men=value.men,
    )


def _buckets(session: Session, project_id: int, period_ids: list[int]) -> _Buckets:
    """The participants of the project's activities per period, by activity type, gender
    and age band; an activity belongs to the period in which it began, so one that spans
    two quarters is counted once."""
    began_in_period = and_(
        Activity.start_date >= ReportingPeriod.start_date,
        Activity.start_date <= ReportingPeriod.end_date,
        Activity.project_id == project_id,
        Activity.archived_at.is_(None),
    )
    buckets = _Buckets()
    if not period_ids:
        return buckets
    counted = (
        select(
            ReportingPeriod.id,
            Activity.activity_type_id,
            ParticipantCount.gender,
            ParticipantCount.age_band,
            func.sum(ParticipantCount.count),
        )
        .select_from(ReportingPeriod)
        .join(Activity, began_in_period)
        .join(ParticipantCount, ParticipantCount.activity_id == Activity.id)
        .where(ReportingPeriod.id.in_(period_ids))
        .group_by(
            ReportingPeriod.id,
            Activity.activity_type_id,
            ParticipantCount.gender,
            ParticipantCount.age_band,
        )
    )
    for period_id, type_id, gender, band, number in session.execute(counted):
        buckets.counts[(period_id, type_id, Gender(gender), AgeBand(band))] = int(number or 0)
    sums = (
        select(
            ParticipantCount.activity_id.label("activity_id"),
            func.sum(ParticipantCount.count).label("counted"),
        )
        .group_by(ParticipantCount.activity_id)
        .subquery()
    )
    incomplete = (
        select(ReportingPeriod.id, Activity.activity_type_id, func.count(Activity.id))
        .select_from(ReportingPeriod)
        .join(Activity, began_in_period)
        .outerjoin(sums, sums.c.activity_id == Activity.id)
        .where(
            ReportingPeriod.id.in_(period_ids),
            Activity.participants_total.is_not(None),
            Activity.participants_total != func.coalesce(sums.c.counted, 0),
        )
        .group_by(ReportingPeriod.id, Activity.activity_type_id)
    )
    for period_id, type_id, number in session.execute(incomplete):
        buckets.incomplete[(period_id, type_id)] = int(number)
    return buckets


def _rollup_figure(session: Session, indicator: Indicator, period: ReportingPeriod) -> RollupFigure:
    return _buckets(session, indicator.result.project_id, [period.id]).figure(indicator, period.id)


def _project_missing() -> str:
    return _("The project was not found; it may have been deleted.")


def _grant_missing() -> str:
    return _("The grant was not found; it may have been deleted.")


def _period_missing() -> str:
    return _("The reporting period was not found; it may have been deleted.")


def _result_missing() -> str:
    return _("The result was not found; someone may have removed it.")


def _indicator_missing() -> str:
    return _("The indicator was not found; someone may have removed it.")


def _value_missing() -> str:
    return _("The indicator value was not found; someone may have removed it.")
