"""Community-safety cases: list, read, log, update, move through their statuses, follow up.

A case's status changes only through ``change_status``, which keeps the history a
municipal council or a donor may ask for: every step with its date, its author and, for a
resolution or a closure, the reason.  Follow-up actions are rows of their own, with their
own version, so ticking one off never collides with someone editing the case's text.
"""

import re
from dataclasses import astuple, dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, and_, or_, select, true
from sqlalchemy.orm import Session, aliased

from desktop.domain.audit import AuditAction
from desktop.domain.base import utcnow
from desktop.domain.case import (
    CASE_STATUS_LABELS,
    Case,
    CaseAction,
    CaseCategory,
    CaseStatus,
    CaseStatusChange,
)
from desktop.domain.organisation import Organisation
from desktop.domain.project import Project
from desktop.domain.reference import Municipality
from desktop.domain.search import case_search_key, names_of, search_key_of
from desktop.domain.user import User
from desktop.i18n import _
from desktop.services import audit
from desktop.services.base import RecordService
from desktop.services.case_confidential import (
    CONFIDENTIAL_FIELDS,
    EXPORTED,
    SHOWN_IN_DETAILS,
    may_read_raisers,
    reveal,
)
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.listing import (
    PAGE_SIZE,
    ListQuery,
    in_language,
    localized_name,
    search_words,
)
from desktop.services.permissions import Permission, require, requires
from desktop.services.records import load
from desktop.services.scope import (
    out_of_scope_choice,
    require_project_in_scope,
    scope_condition,
    sees_project,
)
from desktop.services.validation import Checker, find

REFERENCE_PREFIX = "CS"
_NUMBERED = re.compile(r"^(\d+)$")

# Statuses in which a case still needs someone's attention; only these can be overdue.
ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.REFERRED)
# Where a case may go from each status.  A resolved or closed case is reopened (back to
# open, or in progress for a resolved one) before it can be referred again.
NEXT_STATUSES: dict[CaseStatus, tuple[CaseStatus, ...]] = {
    CaseStatus.OPEN: (
        CaseStatus.IN_PROGRESS,
        CaseStatus.REFERRED,
        CaseStatus.RESOLVED,
        CaseStatus.CLOSED,
    ),
    CaseStatus.IN_PROGRESS: (CaseStatus.REFERRED, CaseStatus.RESOLVED, CaseStatus.CLOSED),
    CaseStatus.REFERRED: (CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED),
    CaseStatus.RESOLVED: (CaseStatus.CLOSED, CaseStatus.OPEN, CaseStatus.IN_PROGRESS),
    CaseStatus.CLOSED: (CaseStatus.OPEN,),
}
# Steps that must say why: a resolution, a closure and a reopening end up in reports.
_NOTE_REQUIRED = (CaseStatus.RESOLVED, CaseStatus.CLOSED)
_REOPENED_FROM = (CaseStatus.RESOLVED, CaseStatus.CLOSED)


def next_statuses(status: CaseStatus) -> tuple[CaseStatus, ...]:
    """The statuses a case in ``status`` may be moved to, in the order a form offers them."""
    return NEXT_STATUSES[CaseStatus(status)]


def note_required(current: CaseStatus, new: CaseStatus) -> bool:
    """Resolving, closing and reopening a case each need a sentence saying why."""
    return CaseStatus(new) in _NOTE_REQUIRED or CaseStatus(current) in _REOPENED_FROM


def is_overdue(status: CaseStatus, due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today and CaseStatus(status) in ACTIVE_STATUSES


# The list's filter that keeps the cases still being followed up, whatever their status.
STILL_OPEN = "active"


@dataclass(frozen=True)
class CaseQuery(ListQuery):
    """The cases' list query: by reference unless told otherwise, and ``today`` deciding
    what is overdue (the clock's day when ``None``).

    Filters (``with_filter``): ``status`` (a status, several, or ``STILL_OPEN``),
    ``municipality_id``, ``category``, ``project_id``, and ``overdue`` (``True``).
    """

    sort: str = "reference"
    today: date | None = None


@dataclass(frozen=True)
class CaseRow:
    id: int
    reference: str
    title: str
    municipality: str
    category: CaseCategory
    status: CaseStatus
    opened_on: date
    due_on: date | None
    referred_to: str
    overdue: bool
    archived: bool


@dataclass
class CaseForm:
    """What a user fills in for a case; the status is not here: it moves by ``change_status``.

    ``raised_by`` and ``raised_by_contact`` are ``None`` when the form does not say (it was
    read by someone who may not see them): an update then keeps what is stored, so an
    officer's edit of a case never erases who raised it.
    """

    reference: str = ""
    title: str = ""
    municipality_id: int | None = None
    category: CaseCategory = CaseCategory.OTHER
    project_id: int | None = None
    description: str = ""
    raised_by: str | None = None
    raised_by_contact: str | None = None
    referred_to_id: int | None = None
    opened_on: date | str | None = None
    due_on: date | str | None = None


@dataclass(frozen=True)
class CaseDetails:
    """A case as its editor shows it; ``confidential_hidden`` when who raised it was
    withheld (the form's two fields are then ``None``)."""

    id: int
    uuid: UUID
    version: int
    archived: bool
    status: CaseStatus
    resolved_on: date | None
    form: CaseForm
    confidential_hidden: bool = False


@dataclass(frozen=True)
class CaseRaisersRow:
    """A list row with who raised the case, for an export that explicitly includes them."""

    case: CaseRow
    raised_by: str
    raised_by_contact: str


@dataclass
class ActionForm:
    description: str = ""
    responsible: str = ""
    due_on: date | str | None = None
    done_on: date | str | None = None


@dataclass(frozen=True)
class CaseActionRow:
    id: int
    version: int
    description: str
    responsible: str
    due_on: date | None
    done_on: date | None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a case's history: a status change, or a follow-up action (dated by when
    it was done, else by when it is due, else by when it was agreed)."""

    on: date
    status: CaseStatus | None  # the new status; None for an action
    text: str  # the note of a status change, the description of an action
    by: str  # who changed the status, or who is responsible for the action
    done: bool = False  # for an action: carried out


# One alias for the organisation a case is referred to, shared by the listing and its sort.
_REFERRED = aliased(Organisation, name="referred_to")
_SORTS: dict[str, Any] = {
    "reference": Case.reference,
    "category": Case.category,
    "status": Case.status,
    "opened_on": Case.opened_on,
    "due_on": Case.due_on,
}


class CaseService(RecordService[CaseRow]):
    model = Case
    scope_by = "project_id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._place_keys: dict[int, str] | None = None

    def not_found(self) -> str:
        return _("The case was not found; it may have been deleted.")

    def action_not_found(self) -> str:
        return _("The follow-up action was not found; it may have been removed.")

    # -- the list --------------------------------------------------------------------------

    def _listing(self, query: ListQuery) -> Select:
        return (
            select(Case, Municipality, _REFERRED)
            .join(Municipality, Case.municipality_id == Municipality.id)
            .outerjoin(_REFERRED, Case.referred_to_id == _REFERRED.id)
        )

    def _order(self, query: ListQuery) -> ColumnElement:
        if query.sort == "municipality":
            return localized_name(Municipality, query.language)
        if query.sort == "referred_to":
            return localized_name(_REFERRED, query.language)
        if query.sort == "title":
            return in_language(Case.title, query.language)
        return _SORTS.get(query.sort, Case.reference)

    def _filtered(self, query: ListQuery) -> Select:
        statement = self._listing(query).where(self._search(query.search), self._in_scope())
        if not query.include_archived:
            statement = statement.where(Case.archived_at.is_(None))
        for name, value in query.filters:
            if value is not None:
                statement = self._filter(statement, name, value, _today(query))
        return statement

    def _filter(
        self, statement: Select, name: str, value: Any, today: date | None = None
    ) -> Select:
        if name == "status" and value == STILL_OPEN:
            return statement.where(Case.status.in_(ACTIVE_STATUSES))
        if name == "overdue":
            return (
                statement.where(_overdue_condition(today or date.today())) if value else statement
            )
        return super()._filter(statement, name, value)

    def _search(self, text: str) -> ColumnElement[bool]:
        """Every word must occur in the case's key or in its municipality's name, in any
        script, so a case is found by the place even if its key was written without it.

        The key never holds who raised the case: a search by a name must not tell someone
        who may not know it which cases that person raised.  Those who may know it also
        find a case by the name or contact of who raised it.
        """
        words = search_words(text)
        if not words:
            return true()
        places = self._municipality_keys()
        raisers = self._raiser_keys() if may_read_raisers(self.actor) else {}
        return and_(
            *(
                or_(
                    Case.search_key.contains(word, autoescape=True),
                    Case.municipality_id.in_([id_ for id_, key in places.items() if word in key]),
                    Case.id.in_([id_ for id_, key in raisers.items() if word in key]),
                )
                for word in words
            )
        )

    def _raiser_keys(self) -> dict[int, str]:
        """Who raised each case and how to reach them, folded like a search key.

        SQL cannot fold "Stojanović" to "stojanovic", and these values must stay out of
        the stored key, so they are folded here: only cases with such a value are read, a
        few hundred in an office's lifetime.
        """
        with self.unit_of_work(read_only=True) as session:
            rows = session.execute(
                select(Case.id, Case.raised_by, Case.raised_by_contact).where(
                    or_(Case.raised_by.is_not(None), Case.raised_by_contact.is_not(None))
                )
            )
            return {id_: search_key_of(name, contact) for id_, name, contact in rows}

    def _municipality_keys(self) -> dict[int, str]:
        """Each municipality's names folded (38 rows of reference data, read once)."""
        if self._place_keys is None:
            with self.unit_of_work(read_only=True) as session:
                self._place_keys = {
                    place.id: search_key_of(*names_of(place))
                    for place in session.scalars(select(Municipality))
                }
        return self._place_keys

    def _row(self, result: Row[Any], language: str) -> CaseRow:
        case, municipality, referred = result
        return CaseRow(
            id=case.id,
            reference=case.reference,
            title=case.title,
            municipality=municipality.name(language),
            category=case.category,
            status=case.status,
            opened_on=case.opened_on,
            due_on=case.due_on,
            referred_to=referred.name(language) if referred else "",
            overdue=False,  # set by page(), which knows the query's today
            archived=case.is_archived,
        )

    @requires(Permission.READ_RECORDS)
    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[CaseRow]:
        today = _today(query)
        return [
            replace(row, overdue=is_overdue(row.status, row.due_on, today))
            for row in super().page(query, offset, limit)
        ]

    @requires(Permission.READ_RECORDS)
    @requires(Permission.READ_CONFIDENTIAL)
    def page_with_raisers(
        self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE
    ) -> list[CaseRaisersRow]:
        """The list's rows with who raised each case, for an export that explicitly asks
        for them: refused to those who may not see them, and each case whose values are
        returned gets its audit entry in the same transaction as the read."""
        rows = self.page(query, offset, limit)
        with self.unit_of_work() as session:
            cases = {
                case.id: case
                for case in session.scalars(select(Case).where(Case.id.in_([r.id for r in rows])))
            }
            return [
                CaseRaisersRow(row, *astuple(reveal(session, self.actor, cases[row.id], EXPORTED)))
                for row in rows
            ]

    # -- choices for a form ----------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def project_choices(self, language: str, keep: int | None = None) -> list[tuple[int, str]]:
        """(id, "code — title") of every project in use, for linking a case to one, and of
        the project ``keep`` even if archived, so a case keeps the project it names."""
        # L10N: a project in a drop-down list: its code, then its title
        template = _("{code} — {title}")
        in_use = Project.archived_at.is_(None)
        if keep is not None:
            in_use = or_(in_use, Project.id == keep)
        with self.unit_of_work(read_only=True) as session:
            projects = session.scalars(
                select(Project)
                .where(in_use, scope_condition(self.actor, Project.id))
                .order_by(Project.code)
            )
            return [
                (project.id, template.format(code=project.code, title=project.name(language)))
                for project in projects
            ]

    @requires(Permission.READ_RECORDS)
    def next_reference(self, year: int | None = None) -> str:
        """The first free reference after the highest of the year: ``CS-2026-013``."""
        with self.unit_of_work(read_only=True) as session:
            return _next_reference(session, year or date.today().year)

    # -- one case --------------------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def get(self, case_id: int, with_raisers: bool = True) -> CaseDetails:
        """The case as its editor shows it.

        Who raised it comes only to a reader allowed to see it, and only ``with_raisers``
        (a re-read that needs the status alone asks without); each time the clear values
        are returned, an audit entry records that this reader saw them.  That VIEW entry is
        a write, so such a reading is a writing unit of work (on SQLite it waits its turn
        behind a colleague's save); without who raised it the case is only read, and a
        read-only unit of work neither waits for the write lock nor for the start's
        damage check.
        """
        shown = with_raisers and may_read_raisers(self.actor)
        with self.unit_of_work(read_only=not shown) as session:
            case = self._load_in_scope(session, case_id)
            raisers = reveal(session, self.actor, case, SHOWN_IN_DETAILS) if shown else None
            form = CaseForm(
                reference=case.reference,
                title=case.title,
                municipality_id=case.municipality_id,
                category=case.category,
                project_id=case.project_id,
                description=case.description or "",
                raised_by=raisers.raised_by if raisers else None,
                raised_by_contact=raisers.raised_by_contact if raisers else None,
                referred_to_id=case.referred_to_id,
                opened_on=case.opened_on,
                due_on=case.due_on,
            )
            return CaseDetails(
                case.id,
                case.uuid,
                case.version,
                case.is_archived,
                case.status,
                case.resolved_on,
                form,
                confidential_hidden=raisers is None,
            )

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: CaseForm) -> int:
        """Log a new case; it starts open, and its history says so."""
        with self.unit_of_work() as session:
            case = Case(status=CaseStatus.OPEN)
            self._apply(session, case, form)
            case_id = self._audited_create(session, case)
            session.add(
                CaseStatusChange(
                    case_id=case_id,
                    status=CaseStatus.OPEN,
                    changed_at=_moment(case.opened_on),
                    changed_by_id=self.actor.user_id,
                )
            )
            return case_id

    @requires(Permission.EDIT_RECORDS)
    def update(self, case_id: int, form: CaseForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            case = self._load_in_scope(session, case_id, expected_version)
            before = self._state(case)
            self._apply(session, case, form)
            self._audited_update(session, case, before)

    def _apply(self, session: Session, case: Case, form: CaseForm) -> None:
        """Check the whole form, then copy it onto ``case``; raises before any change."""
        check = Checker()
        reference = check.text("reference", form.reference, required=True, max_length=64)
        title = check.text("title", form.title, required=True)
        description = check.text("description", form.description, max_length=20_000)
        raised_by = check.text("raised_by", form.raised_by or "")
        contact = check.text("raised_by_contact", form.raised_by_contact or "")
        self._check_raisers_change(check, case, form)
        opened = check.date("opened_on", form.opened_on, required=True)
        due = check.date("due_on", form.due_on)
        if opened and due and due < opened:
            check.fail("due_on", _("The due date cannot be before the day the case was opened."))
        if opened and case.resolved_on and opened > case.resolved_on:
            check.fail(
                "opened_on",
                _("The case was resolved on {date}; it cannot have been opened later.").format(
                    date=case.resolved_on.isoformat()
                ),
            )
        category = CaseCategory.OTHER
        try:
            category = CaseCategory(form.category)
        except ValueError:
            check.fail("category", _("Choose a category from the list."))
        if form.municipality_id is None or not find(session, Municipality, form.municipality_id):
            check.fail("municipality_id", _("Choose the municipality where the concern arose."))
        if form.project_id is not None and not find(session, Project, form.project_id):
            check.fail("project_id", _("Choose an existing project."))
        elif not sees_project(session, self.actor, form.project_id):
            check.fail("project_id", out_of_scope_choice())
        if form.referred_to_id is not None and not find(session, Organisation, form.referred_to_id):
            check.fail("referred_to_id", _("Choose an existing organisation."))
        if reference and session.scalar(
            select(Case.id).where(Case.reference == reference, Case.id != case.id)
        ):
            year = opened.year if opened else date.today().year
            check.fail(
                "reference",
                _(
                    "Another case already has the reference {reference}; the next free one "
                    "is {suggestion}."
                ).format(reference=reference, suggestion=_next_reference(session, year)),
            )
        if check.errors:
            raise ValidationError(check.errors)

        case.reference = reference or ""
        case.title = title or ""
        case.description = description
        if form.raised_by is not None:
            case.raised_by = raised_by
        if form.raised_by_contact is not None:
            case.raised_by_contact = contact
        case.category = category
        case.municipality_id = form.municipality_id  # type: ignore[assignment]
        case.project_id = form.project_id
        case.referred_to_id = form.referred_to_id
        case.opened_on = opened  # type: ignore[assignment]
        case.due_on = due
        place = find(session, Municipality, form.municipality_id)
        case.search_key = case_search_key(case.reference, case.title, names_of(place))

    def _check_raisers_change(self, check: Checker, case: Case, form: CaseForm) -> None:
        """An officer who may not read who raised a case records it when logging the case
        (write-only: they take the report), but cannot overwrite what they cannot see."""
        if case.id is None or may_read_raisers(self.actor):
            return
        message = _("Only administrators and managers may change who raised a logged case.")
        for field in CONFIDENTIAL_FIELDS:
            if getattr(form, field) is not None:
                check.fail(field, message)

    # -- status ----------------------------------------------------------------------------

    @requires(Permission.EDIT_RECORDS)
    def change_status(
        self,
        case_id: int,
        new_status: CaseStatus,
        note: str,
        expected_version: int,
        on: date | None = None,
    ) -> int:
        """Move the case to ``new_status`` (on the day ``on``, today by default), keeping
        the step in its history; returns the case's new version.

        Resolving sets the resolution date, reopening clears it; a step that makes no sense
        from the present status is refused with a sentence saying what to do instead.
        """
        with self.unit_of_work() as session:
            case = self._load_in_scope(session, case_id, expected_version)
            current = case.status
            check = Checker()
            new = check.choice("status", new_status, CaseStatus)
            if new is None:
                raise ValidationError(check.errors)
            self._check_transition(current, new)
            cleaned = check.text("note", note, max_length=20_000)
            if not cleaned and note_required(current, new):
                check.fail("note", _required_note_message(current, new))
            day = check.date("on", on) or date.today()
            last = max((step.changed_at.date() for step in case.history), default=None)
            earliest = max(case.opened_on, last) if last else case.opened_on
            if day > date.today():
                check.fail("on", _("A change of status cannot be dated in the future."))
            elif day < earliest:
                check.fail(
                    "on",
                    _(
                        "The status last changed on {date}; a new step cannot be dated earlier."
                    ).format(date=earliest.isoformat()),
                )
            if check.errors:
                raise ValidationError(check.errors)

            before = self._state(case)
            case.status = new
            if new == CaseStatus.RESOLVED:
                case.resolved_on = day
            elif current in _REOPENED_FROM and new in ACTIVE_STATUSES:
                case.resolved_on = None
            case.history.append(
                CaseStatusChange(
                    status=new,
                    changed_at=_moment(day),
                    changed_by_id=self.actor.user_id,
                    note=cleaned,
                )
            )
            changes = audit.diff(before, self._state(case))
            changes["note"] = [None, cleaned]
            audit.record(session, self.actor, AuditAction.UPDATE, case, changes)
            session.flush()
            return case.version

    @staticmethod
    def _check_transition(current: CaseStatus, new: CaseStatus) -> None:
        if new == current:
            raise RefusedError(
                _("The case already has the status “{status}”.").format(
                    status=_(CASE_STATUS_LABELS[new])
                )
            )
        if new in next_statuses(current):
            return
        status = _(CASE_STATUS_LABELS[new])
        if current == CaseStatus.CLOSED:
            message = _("A closed case cannot be set to “{status}”; reopen it first.")
        elif current == CaseStatus.RESOLVED:
            message = _("A resolved case cannot be set to “{status}”; reopen it first.")
        else:
            message = _(
                "A case that is being followed up cannot go back to “{status}”; its history "
                "already records that step."
            )
        raise RefusedError(message.format(status=status))

    # -- follow-up actions -----------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def actions(self, case_id: int) -> list[CaseActionRow]:
        """The case's follow-up actions: open ones first by due date, then those done."""
        with self.unit_of_work(read_only=True) as session:
            actions = session.scalars(
                select(CaseAction)
                .join(Case, CaseAction.case_id == Case.id)
                .where(CaseAction.case_id == case_id, self._in_scope())
                .order_by(
                    CaseAction.done_on.is_not(None),
                    CaseAction.due_on.is_(None),
                    CaseAction.due_on,
                    CaseAction.id,
                )
            )
            return [_action_row(action) for action in actions]

    @requires(Permission.READ_RECORDS)
    def get_action(self, action_id: int) -> CaseActionRow:
        with self.unit_of_work(read_only=True) as session:
            return _action_row(self._action(session, action_id))

    @requires(Permission.EDIT_RECORDS)
    def add_action(self, case_id: int, form: ActionForm) -> int:
        with self.unit_of_work() as session:
            case = self._load_in_scope(session, case_id)
            action = CaseAction(case_id=case.id)
            self._apply_action(action, case, form)
            session.add(action)
            audit.record(session, self.actor, AuditAction.CREATE, action, audit.snapshot(action))
            return action.id

    @requires(Permission.EDIT_RECORDS)
    def update_action(self, action_id: int, form: ActionForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            action = self._action(session, action_id, expected_version)
            before = audit.snapshot(action)
            self._apply_action(action, action.case, form)
            self._audit_action_change(session, action, before)

    @requires(Permission.EDIT_RECORDS)
    def mark_action_done(
        self, action_id: int, expected_version: int, done_on: date | None = None
    ) -> None:
        """Tick the action off as carried out on ``done_on`` (today by default)."""
        with self.unit_of_work() as session:
            action = self._action(session, action_id, expected_version)
            before = audit.snapshot(action)
            form = _action_form(action)
            form.done_on = done_on or date.today()
            self._apply_action(action, action.case, form)
            self._audit_action_change(session, action, before)

    @requires(Permission.EDIT_RECORDS)
    def remove_action(self, action_id: int, expected_version: int) -> None:
        with self.unit_of_work() as session:
            action = self._action(session, action_id, expected_version)
            audit.record(session, self.actor, AuditAction.DELETE, action, audit.snapshot(action))
            session.delete(action)

    def _action(
        self, session: Session, action_id: int, expected_version: int | None = None
    ) -> CaseAction:
        """A follow-up action; one of a case outside the actor's scope is "not found"."""
        action = load(session, CaseAction, action_id, self.action_not_found())
        missing = self.action_not_found()
        require_project_in_scope(session, self.actor, action.case.project_id, missing)
        if expected_version is not None and action.version != expected_version:
            raise ConflictError()
        return action

    def _audit_action_change(
        self, session: Session, action: CaseAction, before: audit.Snapshot
    ) -> None:
        changes = audit.diff(before, audit.snapshot(action))
        if changes:
            audit.record(session, self.actor, AuditAction.UPDATE, action, changes)

    @staticmethod
    def _apply_action(action: CaseAction, case: Case, form: ActionForm) -> None:
        check = Checker()
        description = check.text("description", form.description, required=True, max_length=5000)
        responsible = check.text("responsible", form.responsible)
        due = check.date("due_on", form.due_on)
        done = check.date("done_on", form.done_on)
        if due and due < case.opened_on:
            check.fail("due_on", _("The due date cannot be before the day the case was opened."))
        if done and done < case.opened_on:
            check.fail("done_on", _("An action cannot have been done before the case was opened."))
        if check.errors:
            raise ValidationError(check.errors)
        action.description = description or ""
        action.responsible = responsible
        action.due_on = due
        action.done_on = done

    # -- history ---------------------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def history(self, case_id: int) -> list[HistoryEntry]:
        """Status changes and follow-up actions, oldest first, as plain lines."""
        with self.unit_of_work(read_only=True) as session:
            self._load_in_scope(session, case_id)
            changes = session.execute(
                select(CaseStatusChange, User.full_name)
                .outerjoin(User, CaseStatusChange.changed_by_id == User.id)
                .where(CaseStatusChange.case_id == case_id)
                .order_by(CaseStatusChange.changed_at, CaseStatusChange.id)
            )
            entries = [
                HistoryEntry(
                    on=change.changed_at.date(),
                    status=change.status,
                    text=change.note or "",
                    by=full_name or "",
                )
                for change, full_name in changes
            ]
            actions = session.scalars(select(CaseAction).where(CaseAction.case_id == case_id))
            entries.extend(
                HistoryEntry(
                    on=action.done_on or action.due_on or action.created_at.date(),
                    status=None,
                    text=action.description,
                    by=action.responsible or "",
                    done=action.done_on is not None,
                )
                for action in actions
            )
        # sorted() is stable: on one day, the status steps keep their order before actions.
        return sorted(entries, key=lambda entry: entry.on)


class CasesWithRaisers:
    """The cases' list with who raised each case, as ``export_list`` reads a list: for an
    export a reader explicitly asked to include them in (``CaseService.page_with_raisers``)."""

    def __init__(self, service: CaseService) -> None:
        require(service.actor, Permission.READ_CONFIDENTIAL)
        self.service = service

    def count(self, query: ListQuery) -> int:
        return self.service.count(query)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[CaseRaisersRow]:
        return self.service.page_with_raisers(query, offset, limit)


def _today(query: ListQuery) -> date:
    return (query.today if isinstance(query, CaseQuery) else None) or date.today()


def _overdue_condition(today: date) -> ColumnElement[bool]:
    return and_(Case.due_on < today, Case.status.in_(ACTIVE_STATUSES))


def _next_reference(session: Session, year: int) -> str:
    """``CS-<year>-<n>`` with ``n`` one more than the highest number used that year."""
    prefix = f"{REFERENCE_PREFIX}-{year}-"
    references = session.scalars(
        select(Case.reference).where(Case.reference.startswith(prefix, autoescape=True))
    )
    numbers = [
        int(match.group(1))
        for reference in references
        if (match := _NUMBERED.match(reference[len(prefix) :]))
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _required_note_message(current: CaseStatus, new: CaseStatus) -> str:
    if new == CaseStatus.RESOLVED:
        return _("Say how the concern was resolved.")
    if new == CaseStatus.CLOSED:
        return _("Say why the case is closed.")
    return _("Say why the case is reopened.")


def _moment(day: date) -> datetime:
    """When a step is recorded: now, or for an earlier day the end of it, so that the step
    still follows the steps already recorded that day."""
    now = utcnow()
    if day >= now.date():
        return now
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def _action_row(action: CaseAction) -> CaseActionRow:
    return CaseActionRow(
        id=action.id,
        version=action.version,
        description=action.description,
        responsible=action.responsible or "",
        due_on=action.due_on,
        done_on=action.done_on,
    )


def _action_form(action: CaseAction) -> ActionForm:
    return ActionForm(
        description=action.description,
        responsible=action.responsible or "",
        due_on=action.due_on,
        done_on=action.done_on,
    )
