"""An IATI activity file into an empty database, in one transaction.

Every record goes through the service that owns it (``_apply`` checks the whole form
exactly as the form would) and leaves the audit entry that service writes, all in one unit
of work: either everything the file could give is saved, or nothing.  A record the services
refuse (an expenditure outside its grant's dates, a title that is too long) is left out
with a warning naming the file's line, so an office sees what to correct in CSO Desk.

A grant's expenditures need a budget line: the file carries none, so each grant gets one
line, under the first heading of its donor's budget template that takes lines, for the
whole grant amount.  Indicator values come in approved: they were published, which only
an approved value is; the importing user is recorded as their reviewer.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.base import utcnow
from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.domain.period import PeriodKind, ReportingPeriod
from desktop.domain.project import Project
from desktop.domain.reference import Municipality, ThematicArea
from desktop.domain.research import ResearchOutput
from desktop.domain.results import (
    Indicator,
    IndicatorValue,
    ParticipantRollup,
    Result,
    ResultLevel,
    ValueStatus,
)
from desktop.i18n import _
from desktop.i18n.folding import fold
from desktop.services import audit
from desktop.services.base import Service
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.donor_profiles import donor_template
from desktop.services.errors import RefusedError, ValidationError
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.grants import GrantForm, GrantService
from desktop.services.iati import codes
from desktop.services.iati.reading import (
    ActivityData,
    ExpenditureData,
    GrantData,
    IndicatorData,
    OrganisationData,
    OutputData,
    ResultData,
    ValueData,
    read_iati,
)
from desktop.services.imports.lookups import reference_index
from desktop.services.instalments import InstalmentForm, InstalmentService
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.periods import PeriodForm, PeriodService
from desktop.services.permissions import Permission, requires
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.research import ResearchForm, ResearchOutputService
from desktop.services.results import (
    IndicatorForm,
    IndicatorValueService,
    ResultForm,
    ResultsService,
    _by_sex,
    _quantity,
)
from desktop.services.validation import Checker


@dataclass(frozen=True)
class IatiImportOutcome:
    """What was created, and what was left out (one sentence each, with its line)."""

    organisations: int
    projects: int
    grants: int
    warnings: tuple[str, ...]


def _problems(error: ValidationError) -> str:
    return "; ".join(
        _("{field}: {message}").format(field=field, message=message)
        for field, message in error.errors.items()
    )


def _names(names: dict[str, str]) -> dict[str, str]:
    return {
        "name_en": names.get("en", ""),
        "name_sq": names.get("sq", ""),
        "name_sr": names.get("sr", ""),
        "name_sr_latn": names.get("sr_Latn", ""),
    }


class IatiImportService(Service):
    @requires(Permission.EDIT_RECORDS)
    def import_activities(self, content: bytes) -> IatiImportOutcome:
        """Read ``content`` (an IATI activity file) into this empty database; a database
        that holds any organisation, project or grant is refused, nothing changed."""
        document = read_iati(content)
        with self.unit_of_work() as session:
            if any(
                session.scalar(select(model.id).limit(1)) is not None
                for model in (Organisation, Project, Grant)
            ):
                raise RefusedError(
                    _(
                        "The database {where} already holds data; an IATI file is imported "
                        "only into an empty database. Nothing was changed."
                    ).format(where=self.db.description)
                )
            writer = _Writer(self, session, document.warnings)
            for organisation in document.organisations:
                writer.organisation(organisation)
            projects = sum(writer.activity(activity) for activity in document.activities)
            return IatiImportOutcome(
                len(writer.organisations), projects, writer.grant_count, tuple(writer.warnings)
            )


class _Writer:
    def __init__(self, service: Service, session: Session, warnings: list[str]) -> None:
        db, actor = service.db, service.actor
        self.session = session
        self.actor = actor
        self.warnings = warnings
        self.organisation_service = OrganisationService(db, actor)
        self.projects = ProjectService(db, actor)
        self.grants = GrantService(db, actor)
        self.budget = BudgetService(db, actor)
        self.instalments = InstalmentService(db, actor)
        self.expenditures = ExpenditureService(db, actor)
        self.periods = PeriodService(db, actor)
        self.results = ResultsService(db, actor)
        self.values = IndicatorValueService(db, actor)
        self.research = ResearchOutputService(db, actor)
        self.organisations: dict[str, int] = {}
        self.grant_count = 0
        places = list(session.scalars(select(Municipality)))
        self.place_codes = {place.code: place.id for place in places}
        self.place_names = reference_index(places)
        self.themes = {theme.code: theme.id for theme in session.scalars(select(ThematicArea))}

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(_("Line {line}: {message}").format(line=line, message=message))

    def refused(self, line: int, what: str, error: ValidationError) -> None:
        # L10N: {record} names the record, such as "The project CSK-2025-01"; {problems}
        # lists the fields the checks refused, each with its message
        self.warn(
            line,
            _("Not imported: {record} ({problems})").format(record=what, problems=_problems(error)),
        )

    # -- organisations --------------------------------------------------------------------

    def organisation(self, data: OrganisationData) -> None:
        number = ""
        if data.ref and data.ref.startswith(codes.REGISTRATION_PREFIX):
            number = data.ref[len(codes.REGISTRATION_PREFIX) :]
        try:
            kind = OrganisationKind(data.kind)
        except ValueError:
            kind = codes.ORGANISATION_KINDS.get(data.type_code, OrganisationKind.OTHER)
            if data.funds and kind == OrganisationKind.OTHER:
                kind = OrganisationKind.DONOR
        names = _names(data.names)
        if not any(names.values()):
            names["name_en"] = data.acronym or data.ref or ""
        form = OrganisationForm(
            **names, acronym=data.acronym, kind=kind, registration_number=number
        )
        organisation = Organisation()
        try:
            self.organisation_service._apply(self.session, organisation, form)
        except ValidationError as error:
            what = _("The organisation {name}").format(name=data.ref or data.key)
            self.refused(data.line, what, error)
            return
        self.organisations[data.key] = self.organisation_service._audited_create(
            self.session, organisation
        )

    def _organisation_id(self, data: OrganisationData | None) -> int | None:
        return self.organisations.get(data.key) if data is not None else None

    # -- a project --------------------------------------------------------------------------

    def activity(self, data: ActivityData) -> int:
        """Create the project and what belongs to it; 1 if it was created, else 0."""
        if data.start is None or data.end is None:
            self.warn(
                data.line,
                _("The project {code} has no start or end date; it was left out.").format(
                    code=data.code
                ),
            )
            return 0
        partners = []
        for organisation, role in data.partners:
            organisation_id = self._organisation_id(organisation)
            if organisation_id is not None:
                partners.append((organisation_id, role))
        form = ProjectForm(
            code=data.code or f"IATI-{data.line}",
            **_names(data.names),
            summary=data.summary,
            status=data.status,
            start_date=data.start,
            end_date=data.end,
            lead_organisation_id=self._organisation_id(data.lead),
            municipality_ids=self._places(data),
            thematic_area_ids=[self.themes[code] for code in data.themes if code in self.themes],
            partners=partners,
        )
        project = Project()
        try:
            self.projects._apply(self.session, project, form)
        except ValidationError as error:
            what = _("The project {code}").format(code=data.code)
            self.refused(data.line, what, error)
            return 0
        self.session.add(project)
        audit.record(
            self.session,
            self.actor,
            AuditAction.CREATE,
            project,
            self.projects._state(project),
        )
        grants = {}
        for grant_data in data.grants:
            grant = self._grant(project, grant_data)
            if grant is not None:
                grants[grant.contract_number] = grant
        self._results(project, data, grants)
        for output in data.outputs:
            self._output(project, output)
        return 1

    def _places(self, data: ActivityData) -> list[int]:
        found: list[int] = []
        for ref, names in data.places:
            place = self.place_codes.get(ref)
            for name in names:
                place = place or self.place_names.get(fold(name))
            if place is None:
                self.warn(
                    data.line,
                    _("The location “{name}” is not a municipality of Kosovo; left out.").format(
                        name=next(iter(names), ref)
                    ),
                )
            elif place not in found:
                found.append(place)
        return found

    # -- money ------------------------------------------------------------------------------

    def _grant(self, project: Project, data: GrantData) -> Grant | None:
        form = GrantForm(
            contract_number=data.contract_number,
            title=data.title,
            project_id=project.id,
            donor_id=self._organisation_id(data.donor),
            currency=data.currency,
            amount=data.amount,
            signed_on=data.signed_on,
            start_date=data.start or project.start_date,
            end_date=data.end or project.end_date,
        )
        grant = Grant()
        try:
            self.grants._apply(self.session, grant, form)
        except ValidationError as error:
            what = _("The grant {number}").format(number=data.contract_number)
            self.refused(data.line, what, error)
            return None
        self.grants._audited_create(self.session, grant)
        self.grant_count += 1
        numbers = {i.number for i in data.instalments if i.number is not None}
        next_number = 1
        for instalment in sorted(data.instalments, key=lambda i: (i.number or 10**6, i.line)):
            number = instalment.number
            if number is None:
                while next_number in numbers:
                    next_number += 1
                number = next_number
                numbers.add(number)
            record = Instalment(grant_id=grant.id)
            form_i = InstalmentForm(
                number=number,
                due_on=instalment.due_on,
                received_on=instalment.received_on,
                amount=instalment.amount,
            )
            try:
                self.instalments._apply(self.session, grant, record, form_i)
            except ValidationError as error:
                what = _("An instalment of grant {number}").format(number=grant.contract_number)
                self.refused(instalment.line, what, error)
                continue
            self.instalments._created(self.session, record)
        if data.expenditures:
            line = self._budget_line(grant)
            if line is not None:
                for expenditure in data.expenditures:
                    self._expenditure(grant, line, expenditure)
        return grant

    def _budget_line(self, grant: Grant) -> BudgetLine | None:
        template = donor_template(self.session, grant.donor_id)
        heading = next((h for h in template.headings if h.carries_lines), None)
        line = BudgetLine(grant_id=grant.id)
        form = BudgetLineForm(
            heading_id=heading.id if heading else None,
            code="1",
            description=_("Expenditure imported from IATI"),
            amount=grant.amount,
        )
        try:
            self.budget._apply(self.session, grant, line, form)
        except ValidationError as error:
            what = _("The budget line of grant {number}").format(number=grant.contract_number)
            self.refused(1, what, error)  # the file has no line for it
            return None
        self.budget._created(self.session, line)
        return line

    def _expenditure(self, grant: Grant, line: BudgetLine, data: ExpenditureData) -> None:
        foreign = data.original_currency != grant.currency and data.original_amount is not None
        form = ExpenditureForm(
            spent_on=data.spent_on,
            budget_line_id=line.id,
            description=data.description,
            supplier=data.supplier,
            invoice_reference=data.invoice,
            original_currency=data.original_currency if foreign else grant.currency,
            original_amount=data.original_amount if foreign else data.amount,
            rate=data.rate if foreign else None,
        )
        record = Expenditure(grant_id=grant.id)
        try:
            self.expenditures._apply(self.session, grant, record, form)
        except ValidationError as error:
            what = _("An expenditure of grant {number}").format(number=grant.contract_number)
            self.refused(data.line, what, error)
            return
        self.expenditures._created(self.session, record)

    # -- results ----------------------------------------------------------------------------

    def _results(self, project: Project, data: ActivityData, grants: dict[str, Grant]) -> None:
        """Objectives first, then outcomes, then outputs, so each finds its parent; a
        result whose parent the file does not give hangs under the first one of the level
        above, made from the project's title when there is none."""
        ordered = sorted(
            data.results,
            key=lambda r: [ResultLevel.OBJECTIVE, ResultLevel.OUTCOME, ResultLevel.OUTPUT].index(
                r.level
            ),
        )
        created: dict[str, Result] = {}
        first: dict[ResultLevel, Result] = {}
        for order, result_data in enumerate(ordered, start=1):
            parent_level = {
                ResultLevel.OBJECTIVE: None,
                ResultLevel.OUTCOME: ResultLevel.OBJECTIVE,
                ResultLevel.OUTPUT: ResultLevel.OUTCOME,
            }[result_data.level]
            parent = created.get(result_data.parent or "")
            if parent_level is not None and (parent is None or parent.level != parent_level):
                parent = first.get(parent_level) or self._placeholder(
                    project, parent_level, created, first, data
                )
            result = self._result(project, result_data, parent, order)
            if result is None:
                continue
            created[result.code] = result
            first.setdefault(result.level, result)
            for indicator in result_data.indicators:
                self._indicator(project, result, indicator, grants)

    def _placeholder(
        self,
        project: Project,
        level: ResultLevel,
        created: dict[str, Result],
        first: dict[ResultLevel, Result],
        data: ActivityData,
    ) -> Result | None:
        above = {ResultLevel.OUTCOME: ResultLevel.OBJECTIVE}.get(level)
        parent = (
            (first.get(above) or self._placeholder(project, above, created, first, data))
            if above
            else None
        )
        code = {ResultLevel.OBJECTIVE: "OO", ResultLevel.OUTCOME: "OC"}[level]
        stand_in = ResultData(code, level, None, data.names, "", [], data.line)
        self.warn(
            data.line,
            _("The results had no result above them; {code} was made from the title.").format(
                code=code
            ),
        )
        result = self._result(project, stand_in, parent, 0)
        if result is not None:
            created[code] = result
            first.setdefault(level, result)
        return result

    def _result(
        self, project: Project, data: ResultData, parent: Result | None, order: int
    ) -> Result | None:
        form = ResultForm(
            level=data.level,
            parent_id=parent.id if parent is not None else None,
            code=data.code,
            **_names(data.names),
            assumptions=data.assumptions,
        )
        result = Result(project_id=project.id, sort_order=order)
        try:
            self.results._apply_result(self.session, result, form)
        except ValidationError as error:
            self.refused(data.line, _("The result {code}").format(code=data.code), error)
            return None
        self.results._created(self.session, result)
        return result

    def _indicator(
        self, project: Project, result: Result, data: IndicatorData, grants: dict[str, Grant]
    ) -> None:
        try:
            rollup = ParticipantRollup(data.rollup)
        except ValueError:
            rollup = ParticipantRollup.NONE
        form = IndicatorForm(
            result_id=result.id,
            code=data.code,
            **_names(data.names),
            unit=data.unit,
            baseline=data.baseline,
            target=data.target,
            means_of_verification=data.verification,
            baseline_year=data.baseline_year,
            target_year=data.target_year,
            rollup=rollup,
        )
        indicator = Indicator()
        try:
            self.results._apply_indicator(self.session, indicator, form, project.id)
        except ValidationError as error:
            self.refused(data.line, _("The indicator {code}").format(code=data.code), error)
            return
        self.results._created(self.session, indicator)
        for value in data.values:
            period = self._period(project, value, grants)
            if period is not None and value.value is not None:
                self._value(indicator, period, value)

    def _period(
        self, project: Project, data: ValueData, grants: dict[str, Grant]
    ) -> ReportingPeriod | None:
        """The reporting period of a value: one of its grant with those dates, else a new
        one in the grant whose dates hold it."""
        grant = grants.get(data.grant) or next(
            (g for g in grants.values() if g.start_date <= data.start and data.end <= g.end_date),
            None,
        )
        if grant is None:
            self.warn(
                data.line,
                _(
                    "A value for {start} – {end} belongs to no grant of the project; left out."
                ).format(start=data.start.isoformat(), end=data.end.isoformat()),
            )
            return None
        found = self.session.scalar(
            select(ReportingPeriod).where(
                ReportingPeriod.grant_id == grant.id,
                ReportingPeriod.start_date == data.start,
                ReportingPeriod.end_date == data.end,
            )
        )
        if found is not None:
            return found
        try:
            kind = PeriodKind(data.kind)
        except ValueError:
            kind = PeriodKind.QUARTERLY
        form = PeriodForm(
            label=data.label or f"{data.start.isoformat()}..{data.end.isoformat()}",
            kind=kind,
            start_date=data.start,
            end_date=data.end,
            due_on=data.due_on,
        )
        period = ReportingPeriod(grant_id=grant.id)
        try:
            self.periods._apply(self.session, grant, period, form)
        except ValidationError as error:
            self.refused(
                data.line, _("The reporting period {label}").format(label=form.label), error
            )
            return None
        self.periods._created(self.session, period)
        return period

    def _value(self, indicator: Indicator, period: ReportingPeriod, data: ValueData) -> None:
        check = Checker()
        number = _quantity(check, "value", data.value, required=True)
        women, men = _by_sex(check, number, data.women, data.men)
        if check.errors or number is None:
            what = _("The value of {code} for {label}").format(
                code=indicator.code, label=period.label
            )
            self.refused(data.line, what, ValidationError(check.errors))
            return
        record = IndicatorValue(
            indicator_id=indicator.id,
            period_id=period.id,
            value=number,
            women=women,
            men=men,
            status=ValueStatus.APPROVED,
            reviewed_by_id=self.values._reviewer_id(self.session),
            reviewed_at=utcnow(),
        )
        self.values._created(self.session, record)

    # -- research ---------------------------------------------------------------------------

    def _output(self, project: Project, data: OutputData) -> None:
        form = ResearchForm(
            output_type=data.output_type,
            status=data.status,
            **_names(data.names),
            authors=data.authors,
            languages=data.languages,
            published_on=data.published_on,
            publisher=data.publisher,
            place=data.place,
            isbn=data.isbn,
            doi=data.doi,
            url=data.url,
            abstract=data.abstract,
            project_id=project.id,
        )
        output = ResearchOutput()
        try:
            self.research._apply(self.session, output, form)
        except ValidationError as error:
            title = next(iter(data.names.values()), "")
            self.refused(data.line, _("The document “{title}”").format(title=title), error)
            return
        self.research._audited_create(self.session, output)
