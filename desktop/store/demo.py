"""The demo office: one call fills an empty database with most of a year of plausible work,
so that a new user, a trainer or a test finds every list, form and report populated.

The content lives in ``desktop.store.demo_content``; this module turns it into records in a
single transaction, deriving what the services would have derived (search keys, converted
amounts, budget totals, indirect costs), so the demo behaves exactly like typed-in data.
It never touches a database that already holds work: the demo is for trying CSO Desk out,
and mixing invented partners into real ones would be hard to undo.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import product
from math import prod
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain import (
    Activity,
    ActivityType,
    BudgetHeading,
    BudgetLine,
    BudgetTemplate,
    Case,
    CaseStatus,
    CaseStatusChange,
    Community,
    DonorProfile,
    Expenditure,
    Gender,
    Grant,
    Indicator,
    IndicatorValue,
    Instalment,
    Municipality,
    NarrativeSection,
    NarrativeText,
    Organisation,
    OrganisationKind,
    ParticipantCount,
    PeriodKind,
    Person,
    Project,
    ProjectPartner,
    ReportingPeriod,
    ResearchOutput,
    Result,
    ThematicArea,
    User,
    ValueStatus,
)
from desktop.domain.base import Base
from desktop.domain.multilingual import MultilingualName
from desktop.domain.reference import ReferenceItem
from desktop.domain.search import (
    activity_search_key,
    case_search_key,
    names_of,
    research_search_key,
    search_key_of,
)
from desktop.i18n.folding import fold
from desktop.store import demo_content as content
from desktop.store.database import Database
from desktop.store.demo_logo import flag_logo_png
from desktop.store.errors import DatabaseNotEmpty

# The day the demo office stands at unless told otherwise: late in 2026, after the third
# quarter's values were entered and before its report is due.  A fixed day rather than the
# clock, so the same call always writes the same records.
DEMO_TODAY = date(2026, 10, 20)

CENT = Decimal("0.01")
_SECTIONS = (NarrativeSection.SUMMARY, NarrativeSection.CHALLENGES, NarrativeSection.NEXT_STEPS)
_MORE_SECTIONS = (
    NarrativeSection.VISIBILITY,
    NarrativeSection.CHANGES,
    NarrativeSection.COOPERATION,
    NarrativeSection.RECORDS,
)
_ReferenceT = TypeVar("_ReferenceT", bound=ReferenceItem)


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo wrote, for the CLI to tell the user what they now have."""

    organisations: int
    people: int
    projects: int
    grants: int
    budget_lines: int
    instalments: int
    expenditures: int
    reporting_periods: int
    narrative_texts: int
    activities: int
    participants: int  # people counted at the activities, not rows
    results: int
    indicators: int
    indicator_values: int
    research_outputs: int
    cases: int
    users: int


def load_demo(db: Database, *, today: date | None = None) -> DemoSummary:
    """Fill the empty database ``db`` with the demo office; refuse one that holds any work.

    ``today`` is the day the demo office stands at: the community-safety cases are opened,
    followed up and fall due around it.  Everything is written in one transaction, so a
    failure leaves the database as empty as it was.
    """
    with db.transaction() as session:
        if any(_exists(session, model) for model in (Organisation, Project, Grant)):
            raise DatabaseNotEmpty(db.description)
        _Loader(session, today or DEMO_TODAY).load()
        session.flush()
        return _summary(session)


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent as an accountant rounds (half up), as ``Numeric(14, 2)`` stores."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def spread(total: int, *mixes: Mapping[Any, int]) -> dict[tuple[Any, ...], int]:
    """``total`` people spread over every combination of the mixes' keys in proportion to
    the product of their shares; largest remainders round, so the counts add up exactly."""
    weights = {keys: prod(mix[key] for mix, key in zip(mixes, keys, strict=True))
               for keys in product(*mixes)}  # fmt: skip
    whole = sum(weights.values())
    quotas = {keys: Fraction(total * weight, whole) for keys, weight in weights.items()}
    counts = {keys: int(quota) for keys, quota in quotas.items()}
    # sorted() is stable, so equal remainders go to the earlier combination every time.
    by_remainder = sorted(quotas, key=lambda keys: quotas[keys] - counts[keys], reverse=True)
    for keys in by_remainder[: total - sum(counts.values())]:
        counts[keys] += 1
    return {keys: count for keys, count in counts.items() if count}


class _Held(NamedTuple):
    """An activity as the indicators that count activities see it."""

    project: str
    kind: str
    start: date
    participants: int
    women: int
    men: int


class _Loader:
    """Writes the content into one session, keeping what later tables point at."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.municipalities = _by_code(session, Municipality)
        self.communities = _by_code(session, Community)
        self.activity_types = _by_code(session, ActivityType)
        self.headings = _by_code(session, BudgetHeading)
        self.templates = _by_code(session, BudgetTemplate)
        self.themes = _by_code(session, ThematicArea)
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.projects: dict[str, Project] = {}
        self.grants: dict[str, Grant] = {}
        self.lines: dict[tuple[str, str], BudgetLine] = {}  # (contract number, line code)
        self.periods: dict[tuple[str, str], ReportingPeriod] = {}  # (project code, label)

    def load(self) -> None:
        admin = self._user()
        self._organisations()
        self._people()
        self._projects()
        self._grants()
        self._expenditures()
        held = self._activities()
        self._results(held)
        self._research()
        self._cases(admin)

    def _user(self) -> User:
        username, full_name, role, language = content.USER
        user = User(username=username, full_name=full_name, role=role, language=language)
        self.session.add(user)
        self.session.flush()  # the cases' history names the admin by id
        return user

    def _organisations(self) -> None:
        for seed in content.ORGANISATIONS:
            self._organisation(
                seed.key,
                seed.acronym,
                seed.kind,
                seed.municipality,
                seed.names,
                registration_number=seed.registration_number,
                email=seed.email,
                website=seed.website,
            )
        for code in content.MCSC_MUNICIPALITIES:
            self._organisation(
                f"mcsc-{code}",
                content.MCSC_ACRONYM,
                OrganisationKind.INSTITUTION,
                code,
                _named_after(content.MCSC_NAMES, self.municipalities[code]),
            )
        for key, template in content.DONOR_TEMPLATES.items():
            logo = flag_logo_png() if key in content.DONORS_WITH_LOGO else None
            self.session.add(
                DonorProfile(
                    organisation=self.organisations[key],
                    budget_template=self.templates[template],
                    logo=logo,
                    logo_media_type="image/png" if logo else None,
                )
            )

    def _organisation(
        self,
        key: str,
        acronym: str | None,
        kind: OrganisationKind,
        municipality: str | None,
        names: content.Names,
        **details: str | None,
    ) -> None:
        organisation = Organisation(
            acronym=acronym,
            kind=kind,
            municipality=self.municipalities[municipality] if municipality else None,
            **details,
        )
        _set_names(organisation, names)
        organisation.search_key = search_key_of(organisation.acronym, *names_of(organisation))
        self.session.add(organisation)
        self.organisations[key] = organisation

    def _people(self) -> None:
        for seed in content.PEOPLE:
            organisation = self.organisations[seed.organisation]
            domain = organisation.email.partition("@")[2] if organisation.email else None
            email = fold(f"{seed.first_name}.{seed.last_name}@{domain}") if domain else None
            person = Person(
                first_name=seed.first_name,
                last_name=seed.last_name,
                gender=seed.gender,
                title=seed.title,
                organisation=organisation,
                municipality=self.municipalities[seed.municipality] if seed.municipality else None,
                community=self.communities[seed.community] if seed.community else None,
                email=email,
            )
            person.search_key = search_key_of(person.first_name, person.last_name, person.email)
            self.session.add(person)
            self.people[seed.key] = person

    def _projects(self) -> None:
        for seed in content.PROJECTS:
            project = Project(
                code=seed.code,
                summary=seed.summary,
                status=seed.status,
                start_date=seed.start,
                end_date=seed.end,
                lead_organisation=self.organisations[seed.lead],
                contact_person=self.people[seed.contact],
                partners=[
                    ProjectPartner(organisation=self.organisations[key], role=role)
                    for key, role in seed.partners
                ],
                municipalities=[self.municipalities[code] for code in seed.municipalities],
                thematic_areas=[self.themes[code] for code in seed.themes],
            )
            _set_names(project, seed.names)
            project.search_key = search_key_of(project.code, *names_of(project))
            self.session.add(project)
            self.projects[seed.code] = project

    def _grants(self) -> None:
        for seed in content.GRANTS:
            lines = [
                BudgetLine(
                    code=line.code,
                    heading=self.headings[line.heading],
                    description=line.description,
                    unit=line.unit,
                    quantity=Decimal(line.quantity),
                    unit_cost=Decimal(line.unit_cost),
                    amount=cents(line.quantity * Decimal(line.unit_cost)),
                )
                for line in seed.lines
            ]
            rate = Decimal(seed.indirect_rate)
            on_eu_template = seed.donor in content.DONOR_TEMPLATES
            code, heading, description = (
                content.INDIRECT_LINE if on_eu_template else content.ADMINISTRATION_LINE
            )
            lines.append(
                BudgetLine(
                    code=code,
                    heading=self.headings[heading],
                    description=description.format(rate=f"{(rate * 100).normalize():f}"),
                    amount=cents(rate * sum(line.amount for line in lines)),
                )
            )
            amount = sum((line.amount for line in lines), Decimal(0))
            grant = Grant(
                contract_number=seed.contract_number,
                title=seed.title,
                project=self.projects[seed.project],
                donor=self.organisations[seed.donor],
                amount=amount,
                signed_on=seed.signed_on,
                start_date=seed.start,
                end_date=seed.end,
                notes=seed.notes,
                contact_person=self.people[content.GRANT_CONTACTS[seed.contract_number]],
                budget_lines=lines,
                instalments=_instalments(amount, seed.instalments),
            )
            grant.search_key = search_key_of(grant.contract_number, grant.title)
            self.session.add(grant)
            self.grants[seed.contract_number] = grant
            self.lines.update({(seed.contract_number, line.code): line for line in lines})
            for period in _quarters(grant):
                self.session.add(period)
                self.periods[(seed.project, period.label)] = period
                if period.due_on is not None and period.due_on <= self.today:
                    period.sent_on = period.due_on - timedelta(days=content.DAYS_SENT_EARLY)
                key = (seed.contract_number, period.label)
                period.narratives = [
                    NarrativeText(section=section, language=language, text=text)
                    for written, sections_in in (
                        (content.NARRATIVES.get(key, {}), _SECTIONS),
                        (content.MORE_NARRATIVES.get(key, {}), _MORE_SECTIONS),
                    )
                    for language, sections in written.items()
                    for section, text in zip(sections_in, sections, strict=True)
                ]

    def _expenditures(self) -> None:
        for seed in content.EXPENDITURES:
            self._spend(seed)
        for payroll in content.PAYROLL:
            for quarter, months in _by_quarter(payroll.first_month, payroll.last_month):
                self._spend(
                    content.ExpenditureSeed(
                        payroll.contract_number,
                        payroll.line,
                        _month_end(months[-1]),
                        f"{payroll.description}, {quarter}",
                        payroll.payee,
                        f"PAY/{payroll.contract_number}/{quarter}/{payroll.line}",
                        "EUR",
                        str(len(months) * Decimal(payroll.per_month)),
                    )
                )

    def _spend(self, seed: content.ExpenditureSeed) -> None:
        rate = Decimal(content.RATES[seed.currency])
        original = Decimal(seed.original_amount)
        self.session.add(
            Expenditure(
                grant=self.grants[seed.contract_number],
                budget_line=self.lines[(seed.contract_number, seed.line)],
                spent_on=seed.spent_on,
                description=seed.description,
                supplier=seed.supplier,
                invoice_reference=seed.invoice,
                original_currency=seed.currency,
                original_amount=original,
                rate=rate,
                amount=cents(original * rate),
                search_key=search_key_of(seed.description, seed.supplier, seed.invoice),
            )
        )

    def _activities(self) -> list[_Held]:
        held = []
        for seed in content.ACTIVITIES:
            kind = content.ACTIVITY_KINDS[seed.kind]
            place = self.municipalities[seed.municipality]
            activity = Activity(
                project=self.projects[seed.project],
                activity_type=self.activity_types[kind.activity_type],
                municipality=place,
                carried_out_by=self.organisations[seed.carried_out_by],
                start_date=seed.start,
                end_date=seed.start + timedelta(days=seed.days - 1),
                venue=kind.venue,
                description=kind.description,
                problems=content.ACTIVITY_PROBLEMS.get(
                    (seed.project, seed.municipality, seed.start)
                ),
                participants_total=seed.participants,
            )
            _set_names(activity, _named_after(kind.titles, place))
            activity.search_key = activity_search_key(
                names_of(activity), kind.venue, names_of(place)
            )
            activity.set_title_keys()
            counts = spread(
                seed.participants,
                content.GENDER_MIXES[kind.genders],
                content.AGE_MIXES[kind.ages],
                content.COMMUNITY_MIXES[seed.communities or seed.municipality],
            )
            activity.participants = [
                ParticipantCount(
                    gender=gender, age_band=age, community=self.communities[community], count=n
                )
                for (gender, age, community), n in counts.items()
            ]
            activity.count_participants()
            self.session.add(activity)
            women, men = (
                sum(n for (gender, _age, _c), n in counts.items() if gender == sex)
                for sex in (Gender.FEMALE, Gender.MALE)
            )
            held.append(_Held(seed.project, seed.kind, seed.start, seed.participants, women, men))
        return held

    def _results(self, held: list[_Held]) -> None:
        results: dict[tuple[str, str], Result] = {}
        for order, seed in enumerate(content.RESULTS):
            result = Result(
                project=self.projects[seed.project],
                parent=results[(seed.project, seed.parent)] if seed.parent else None,
                level=seed.level,
                code=seed.code,
                sort_order=order,
                assumptions=content.RESULT_ASSUMPTIONS.get((seed.project, seed.code)),
            )
            _set_names(result, seed.names)
            self.session.add(result)
            results[(seed.project, seed.code)] = result
        for seed in content.INDICATORS:
            project = self.projects[seed.project]
            indicator = Indicator(
                result=results[(seed.project, seed.result)],
                code=seed.code,
                unit=seed.unit,
                baseline=Decimal(seed.baseline),
                # The baseline as found when the project began; the target for its end.
                baseline_year=project.start_date.year,
                target=Decimal(seed.target),
                target_year=project.end_date.year,
                means_of_verification=seed.verification,
            )
            _set_names(indicator, seed.names)
            for number, label in enumerate(content.VALUE_PERIODS):
                period = self.periods[(seed.project, label)]
                women = men = None
                if isinstance(seed.values, content.Rollup):
                    value = Decimal(_rolled_up(seed.project, seed.values, period, held))
                    women, men = _by_sex(seed.project, seed.values, period, held)
                else:
                    value = Decimal(seed.values[number])
                self.session.add(
                    IndicatorValue(
                        indicator=indicator,
                        period=period,
                        value=value,
                        women=women,
                        men=men,
                        status=_value_status(seed.project, label),
                        comment=seed.comments[number],
                    )
                )

    def _research(self) -> None:
        for seed in content.RESEARCH:
            output = ResearchOutput(
                project=self.projects[seed.project],
                output_type=seed.output_type,
                status=seed.status,
                authors=seed.authors,
                languages=seed.languages,
                published_on=seed.published_on,
                publisher=seed.publisher,
                place=seed.place,
                isbn=seed.isbn,
                doi=seed.doi,
                abstract=seed.abstract,
            )
            _set_names(output, seed.names)
            output.search_key = research_search_key(
                output.isbn, output.doi, names_of(output), output.authors, output.publisher
            )
            self.session.add(output)

    def _cases(self, admin: User) -> None:
        for seed in content.CASES:
            opened = self.today - timedelta(days=seed.opened_days_ago)
            resolved = [
                days for status, days, _note in seed.history if status == CaseStatus.RESOLVED
            ]
            case = Case(
                reference=seed.reference,
                project=self.projects[seed.project] if seed.project else None,
                municipality=self.municipalities[seed.municipality],
                category=seed.category,
                title=seed.title,
                description=seed.description,
                raised_by=seed.raised_by,
                raised_by_contact=content.CASE_CONTACTS.get(seed.reference),
                referred_to=self.organisations[seed.referred_to] if seed.referred_to else None,
                status=seed.history[-1][0],
                opened_on=opened,
                due_on=opened + timedelta(days=seed.due_after_days),
                resolved_on=opened + timedelta(days=resolved[0]) if resolved else None,
                history=[
                    CaseStatusChange(
                        status=status,
                        # Office hours, one step an hour, so two steps on one day keep order.
                        changed_at=datetime.combine(
                            opened + timedelta(days=days), time(9 + step), tzinfo=UTC
                        ),
                        changed_by_id=admin.id,
                        note=note,
                    )
                    for step, (status, days, note) in enumerate(seed.history)
                ],
            )
            case.search_key = case_search_key(
                case.reference, case.title, names_of(case.municipality)
            )
            self.session.add(case)


def _exists(session: Session, model: type[Base]) -> bool:
    return session.scalar(select(model.id).limit(1)) is not None  # type: ignore[attr-defined]


def _by_code(session: Session, model: type[_ReferenceT]) -> dict[str, _ReferenceT]:
    return {item.code: item for item in session.scalars(select(model))}


def _set_names(record: MultilingualName, names: content.Names) -> None:
    record.name_en, record.name_sq, record.name_sr, record.name_sr_latn = names


def _named_after(templates: content.Names, place: Municipality) -> content.Names:
    """Names that end in the municipality's, in each language (``{m}`` in the templates);
    the Serbian Latin is left to be derived from the Cyrillic."""
    return content.Names(
        templates.en.format(m=place.name_en),
        templates.sq.format(m=place.name_sq),
        templates.sr.format(m=place.name_sr),
    )


def _instalments(amount: Decimal, seeds: Iterable[content.InstalmentSeed]) -> list[Instalment]:
    """Tranches by share of ``amount``; the last takes the rest, so they add up to it."""
    instalments = []
    paid = Decimal(0)
    seeds = list(seeds)
    for number, seed in enumerate(seeds, start=1):
        part = amount - paid if number == len(seeds) else cents(amount * Decimal(seed.share))
        paid += part
        instalments.append(
            Instalment(number=number, due_on=seed.due_on, received_on=seed.received_on, amount=part)
        )
    return instalments


def _month_end(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)


def _by_quarter(first: date, last: date) -> list[tuple[str, list[date]]]:
    """The months from ``first`` to ``last`` (each as its first day), grouped by quarter
    ("2026-Q1")."""
    quarters: dict[str, list[date]] = {}
    month = first
    while month <= last:
        quarters.setdefault(f"{month.year}-Q{(month.month - 1) // 3 + 1}", []).append(month)
        month = _month_end(month) + timedelta(days=1)
    return list(quarters.items())


def _quarters(grant: Grant) -> list[ReportingPeriod]:
    """The grant's quarterly reporting periods in the report year, cut to its dates."""
    periods = []
    year = content.REPORT_YEAR
    for quarter in range(1, 5):
        first = date(year, 3 * quarter - 2, 1)
        last = _month_end(date(year, 3 * quarter, 1))
        start, end = max(first, grant.start_date), min(last, grant.end_date)
        if start <= end:
            periods.append(
                ReportingPeriod(
                    grant=grant,
                    label=f"{year}-Q{quarter}",
                    kind=PeriodKind.QUARTERLY,
                    start_date=start,
                    end_date=end,
                    due_on=end + timedelta(days=content.DAYS_TO_REPORT),
                )
            )
    return periods


def _rolled_up(project: str, rollup: content.Rollup, period: ReportingPeriod,
               held: list[_Held]) -> int:  # fmt: skip
    """An indicator's value for ``period`` counted from the activities that began in it."""
    within = [
        activity
        for activity in held
        if activity.project == project
        and activity.kind in rollup.kinds
        and period.start_date <= activity.start <= period.end_date
    ]
    if rollup.measure == "activities":
        return len(within)
    if rollup.measure == "women":
        return sum(activity.women for activity in within)
    return sum(activity.participants for activity in within)


def _by_sex(project: str, rollup: content.Rollup, period: ReportingPeriod,
            held: list[_Held]) -> tuple[Decimal | None, Decimal | None]:  # fmt: skip
    """The women and men of a value that counts people; ``None`` for one that counts
    activities.  A count of women has no men in it."""
    if rollup.measure == "activities":
        return None, None
    within = [
        activity
        for activity in held
        if activity.project == project
        and activity.kind in rollup.kinds
        and period.start_date <= activity.start <= period.end_date
    ]
    women = Decimal(sum(activity.women for activity in within))
    if rollup.measure == "women":
        return women, Decimal(0)
    return women, Decimal(sum(activity.men for activity in within))


def _value_status(project: str, label: str) -> ValueStatus:
    """Earlier quarters are approved; the last one is submitted or still a draft."""
    if label != content.VALUE_PERIODS[-1]:
        return ValueStatus.APPROVED
    return ValueStatus.SUBMITTED if project in content.Q3_SUBMITTED else ValueStatus.DRAFT


def _summary(session: Session) -> DemoSummary:
    def count(model: type[Base]) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return DemoSummary(
        organisations=count(Organisation),
        people=count(Person),
        projects=count(Project),
        grants=count(Grant),
        budget_lines=count(BudgetLine),
        instalments=count(Instalment),
        expenditures=count(Expenditure),
        reporting_periods=count(ReportingPeriod),
        narrative_texts=count(NarrativeText),
        activities=count(Activity),
        participants=session.scalar(select(func.coalesce(func.sum(ParticipantCount.count), 0)))
        or 0,
        results=count(Result),
        indicators=count(Indicator),
        indicator_values=count(IndicatorValue),
        research_outputs=count(ResearchOutput),
        cases=count(Case),
        users=count(User),
    )
