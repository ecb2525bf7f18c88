"""The benchmark office itself: its organisations, people, projects and grants, written in
the first transaction of ``csodesk demo --scale``.

What the later stages (activities, results, research, cases) need to know of it stays in an
``Office``: the reference rows by code, the partners, and per project its dates, places,
partners, budget lines and reporting periods.
"""

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from math import ceil
from typing import Any, NamedTuple

from sqlalchemy import Connection, select

from desktop.domain import (
    ActivityType,
    BudgetHeading,
    BudgetLine,
    BudgetTemplate,
    Community,
    DonorProfile,
    Gender,
    Grant,
    Instalment,
    Municipality,
    Organisation,
    OrganisationKind,
    PartnerRole,
    PeriodKind,
    Person,
    Project,
    ProjectPartner,
    ProjectStatus,
    ReportingPeriod,
    ThematicArea,
    User,
)
from desktop.domain.identifiers import new_uuid
from desktop.domain.project import project_municipalities, project_thematic_areas
from desktop.domain.search import search_key_of
from desktop.i18n.folding import fold
from desktop.store import demo_content as story
from desktop.store import demo_scale_content as words
from desktop.store.demo import DEMO_TODAY, cents
from desktop.store.demo_content import Names
from desktop.store.demo_logo import flag_logo_png
from desktop.store.demo_scale_rows import (
    RowWriter,
    add_months,
    filled,
    largest_remainders,
    month_end,
    name_columns,
    weighted,
)

TODAY = DEMO_TODAY  # the benchmark office stands where the demo office stands
FIRST_MONTH = date(2023, 1, 1)  # the earliest a generated project starts
MONTHS = 51  # projects start in one of the months from FIRST_MONTH to March 2027
INDIRECT_RATE = Decimal("0.07")


class Place(NamedTuple):
    id: int
    code: str
    names: Names


class Period(NamedTuple):
    id: int
    label: str  # "2026-Q1"
    start: date
    end: date
    due_on: date


@dataclass
class OfficeProject:
    """A project as the later stages need it."""

    index: int
    id: int
    title: str  # in English, for its grant
    start: date
    end: date
    places: list[Place]
    partners: list[int]  # organisation ids that carry out its activities
    kinds: list[str]  # keys of the demo's ACTIVITY_KINDS
    activities: int = 0
    grant_id: int = 0
    lines: dict[str, int] = field(default_factory=dict)  # budget line code -> id
    periods: list[Period] = field(default_factory=list)


@dataclass
class Office:
    """The reference data by code and what was written of the office, by key."""

    places: list[Place]
    communities: dict[str, int]
    headings: dict[str, int]
    themes: list[int]
    activity_types: dict[str, tuple[int, Names]]
    admin_id: int = 0
    organisations: dict[str, int] = field(default_factory=dict)  # demo key -> id
    csos: list[int] = field(default_factory=list)  # partner CSOs still active
    councils: dict[str, int] = field(default_factory=dict)  # municipality code -> MCSC id
    organisation_names: dict[int, str] = field(default_factory=dict)  # id -> English name
    domains: dict[int, str] = field(default_factory=dict)  # organisation id -> e-mail domain
    staff: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    authors: list[str] = field(default_factory=list)  # "Surname, Given" of everybody
    projects: list[OfficeProject] = field(default_factory=list)
    templates: dict[str, int] = field(default_factory=dict)  # budget templates by code

    @property
    def places_by_code(self) -> dict[str, Place]:
        return {place.code: place for place in self.places}


def read_reference(connection: Connection) -> Office:
    """Kosovo's municipalities, communities, activity types, budget headings and themes,
    as the database holds them."""
    return Office(
        places=[
            Place(row.id, row.code, _names(row))
            for row in connection.execute(
                _named_rows(Municipality).order_by(Municipality.sort_order)
            )
        ],
        communities=_codes(connection, Community),
        headings=_codes(connection, BudgetHeading),
        templates=_codes(connection, BudgetTemplate),
        themes=sorted(_codes(connection, ThematicArea).values()),
        activity_types={
            row.code: (row.id, _names(row)) for row in connection.execute(_named_rows(ActivityType))
        },
    )


def write_office(
    rows: RowWriter,
    rng: random.Random,
    office: Office,
    organisations: int,
    people: int,
    projects: int,
    activities: int,
) -> None:
    """The first stage: who works here, on which projects (sharing out ``activities``
    among them), funded by which grants."""
    office.admin_id = _admin(rows)
    _Builder(rows, rng, office).build(organisations, people, projects, activities)


class _Builder:
    def __init__(self, rows: RowWriter, rng: random.Random, office: Office) -> None:
        self.rows = rows
        self.rng = rng
        self.office = office
        self.places_by_code = office.places_by_code

    def build(self, organisations: int, people: int, projects: int, activities: int) -> None:
        self._organisations(organisations)
        self._people(people)
        self._projects(projects, activities)
        self._donor_profiles()
        self._grants()

    # -- organisations and people ----------------------------------------------------------

    def _organisations(self, wanted: int) -> None:
        office, rows = self.office, []
        for seed in story.ORGANISATIONS:
            place = self.places_by_code[seed.municipality] if seed.municipality else None
            row = self._organisation(
                seed.acronym,
                seed.kind,
                place,
                seed.names,
                seed.registration_number,
                seed.email,
                seed.website,
            )
            rows.append(row)
            office.organisations[seed.key] = row["id"]
            if seed.kind == OrganisationKind.PARTNER_CSO:
                office.csos.append(row["id"])
        councils = min(len(office.places), (wanted - len(rows)) // 6)
        for place in self.rng.sample(office.places, councils):
            names = filled(story.MCSC_NAMES, self.rng.random() < 0.5, m=place.names)
            row = self._organisation(
                story.MCSC_ACRONYM, OrganisationKind.INSTITUTION, place, names, None, None, None
            )
            rows.append(row)
            office.councils[place.code] = row["id"]
        while len(rows) < wanted:
            rows.append(self._cso())
        self.rows.insert(Organisation, rows)

    def _cso(self) -> dict[str, Any]:
        rng = self.rng
        form, cause = rng.choice(words.CSO_FORMS), rng.choice(words.CSO_CAUSES)
        place = rng.choice(self.office.places)
        names = filled(form, rng.random() < 0.5, cause=cause, m=place.names)
        head = names.sq.partition(" – ")[0]
        acronym = "".join(word[0] for word in head.split() if word[0].isupper())
        domain = f"{fold(acronym)}{self.rows.next_key(Organisation)}.example"
        row = self._organisation(
            acronym,
            OrganisationKind.PARTNER_CSO,
            place,
            names,
            f"51{rng.randint(10_000, 99_999)}",
            f"info@{domain}",
            f"https://{domain}" if rng.random() < 0.6 else None,
        )
        if rng.random() < 0.01:
            row["archived_at"] = self.rows.now
        else:
            self.office.csos.append(row["id"])
        return row

    def _organisation(
        self,
        acronym: str | None,
        kind: OrganisationKind,
        place: Place | None,
        names: Names,
        registration_number: str | None,
        email: str | None,
        website: str | None,
    ) -> dict[str, Any]:
        rng = self.rng
        address = None
        if place is not None:
            streets = words.STREETS["sr" if place.code in words.SERB_MAJORITY else "sq"]
            address = f"{rng.choice(streets)} {rng.randint(1, 120)}, {place.names.en}"
        row = self.rows.tracked(
            Organisation,
            archived_at=None,
            **name_columns(names),
            acronym=acronym,
            kind=kind,
            registration_number=registration_number,
            municipality_id=place.id if place else None,
            address=address,
            email=email,
            phone=f"+383 {rng.choice((38, 44, 45, 49))} {rng.randint(100, 999)} "
            f"{rng.randint(100, 999)}",
            website=website,
            notes=None,
            search_key=search_key_of(acronym, *names),
        )
        if email:
            self.office.domains[row["id"]] = email.partition("@")[2]
        self.office.organisation_names[row["id"]] = names.en
        return row

    def _people(self, wanted: int) -> None:
        office, rows = self.office, []
        for seed in story.PEOPLE:
            place = self.places_by_code[seed.municipality] if seed.municipality else None
            rows.append(
                self._person(
                    seed.first_name,
                    seed.last_name,
                    seed.gender,
                    seed.title,
                    office.organisations[seed.organisation],
                    place,
                    seed.community,
                )
            )
        employers = [*office.csos, *office.councils.values(), *office.organisations.values()]
        while len(rows) < wanted:
            rows.append(self._staff_member(employers))
        self.rows.insert(Person, rows)

    def _staff_member(self, employers: list[int]) -> dict[str, Any]:
        rng = self.rng
        # Three in four people work for a partner CSO.
        csos = self.office.csos
        organisation = rng.choice(csos if csos and rng.random() < 0.75 else employers)
        community = weighted(rng, words.STAFF_COMMUNITIES)
        gender = weighted(rng, words.GENDERS_OF_STAFF)
        women, men, surnames = words.GIVEN_AND_SURNAMES[community]
        given = {Gender.FEMALE: women, Gender.MALE: men}.get(gender, women + men)
        row = self._person(
            rng.choice(given),
            rng.choice(surnames),
            gender,
            rng.choice(words.JOB_TITLES),
            organisation,
            rng.choice(self.office.places),
            community,
        )
        if rng.random() < 0.01:
            row["archived_at"] = self.rows.now
        return row

    def _person(
        self,
        first_name: str,
        last_name: str,
        gender: Gender,
        title: str,
        organisation: int,
        place: Place | None,
        community: str | None,
    ) -> dict[str, Any]:
        domain = self.office.domains.get(organisation)
        email = fold(f"{first_name}.{last_name}@{domain}").replace(" ", "") if domain else None
        row = self.rows.tracked(
            Person,
            archived_at=None,
            first_name=first_name,
            last_name=last_name,
            gender=gender,
            title=title,
            organisation_id=organisation,
            municipality_id=place.id if place else None,
            community_id=self.office.communities[community] if community else None,
            email=email,
            phone=None,
            notes=None,
            search_key=search_key_of(first_name, last_name, email),
        )
        self.office.staff[organisation].append(row["id"])
        self.office.authors.append(f"{last_name}, {first_name}")
        return row

    # -- projects ----------------------------------------------------------------------------

    def _projects(self, wanted: int, activities: int) -> None:
        rows: list[dict[str, Any]] = []
        partners: list[dict[str, Any]] = []
        municipalities: list[dict[str, int]] = []
        themes: list[dict[str, int]] = []
        numbers: Counter[int] = Counter()
        for index in range(wanted):
            project, roles = self._project(index, numbers)
            rows.append(project)
            key = project["id"]
            partners += [
                self.rows.tracked(ProjectPartner, project_id=key, organisation_id=who, role=role)
                for who, role in roles
            ]
            municipalities += [
                {"project_id": key, "municipality_id": place.id}
                for place in self.office.projects[-1].places
            ]
            themes += [
                {"project_id": key, "thematic_area_id": theme}
                for theme in self.rng.sample(self.office.themes, self.rng.randint(1, 3))
            ]
        self._share_out(activities)
        self.rows.insert(Project, rows)
        self.rows.insert(ProjectPartner, partners)
        self.rows.insert(project_municipalities, municipalities)
        self.rows.insert(project_thematic_areas, themes)

    def _project(
        self, index: int, numbers: Counter[int]
    ) -> tuple[dict[str, Any], list[tuple[int, PartnerRole]]]:
        rng, office = self.rng, self.office
        # The first project is always under way, so even the smallest office has work.
        month = rng.randrange(24, 40) if index == 0 else rng.randrange(MONTHS)
        start = add_months(FIRST_MONTH, month)
        end = month_end(add_months(start, rng.choice((12, 18, 24, 30, 36)) - 1))
        places = rng.sample(office.places, rng.randint(1, 6))
        lead = office.organisations["psn"]
        if office.csos and rng.random() < 0.6:
            lead = rng.choice(office.csos)
        others = [cso for cso in office.csos if cso != lead]
        local = rng.sample(others, min(len(others), rng.randint(1, 4)))
        numbers[start.year] += 1
        code = f"CSK-{start.year}-{numbers[start.year]:03d}"
        names = filled(
            words.PROJECT_TITLE,
            rng.random() < 0.5,
            headline=rng.choice(words.PROJECT_HEADLINES),
            aim=rng.choice(words.PROJECT_AIMS),
            m=places[0].names,
        )
        contacts = office.staff.get(lead) or [key for keys in office.staff.values() for key in keys]
        row = self.rows.tracked(
            Project,
            archived_at=None,
            **name_columns(names),
            code=code,
            summary=words.PROJECT_SUMMARY.format(
                places=", ".join(place.names.en for place in places)
            ),
            status=_status(rng, start, end),
            start_date=start,
            end_date=end,
            lead_organisation_id=lead,
            contact_person_id=rng.choice(contacts),
            search_key=search_key_of(code, *names),
        )
        roles = [(lead, PartnerRole.LEAD)] + [(cso, rng.choice(_LOCAL_ROLES)) for cso in local]
        if rng.random() < 0.3:
            associate = rng.choice((office.organisations["police"], office.organisations["mpb"]))
            roles.append((associate, PartnerRole.ASSOCIATE))
        kinds = rng.sample(sorted(story.ACTIVITY_KINDS), rng.randint(4, 7))
        office.projects.append(
            OfficeProject(index, row["id"], names.en, start, end, places, [lead, *local], kinds)
        )
        return row, roles

    def _share_out(self, activities: int) -> None:
        """Each project gets activities in proportion to how long it has been running."""
        projects = self.office.projects
        weights = [
            max(0, (min(p.end, TODAY) - p.start).days) * self.rng.uniform(0.6, 1.4)
            for p in projects
        ]
        for project, count in zip(projects, largest_remainders(activities, weights), strict=True):
            project.activities = count

    # -- grants ------------------------------------------------------------------------------

    def _donor_profiles(self) -> None:
        """Both donors budget on the EU's form here (the lines of ``_budget``); the EU's
        reports print the demo's logo."""
        office = self.office
        self.rows.insert(
            DonorProfile,
            [
                {
                    "uuid": new_uuid(),
                    "organisation_id": office.organisations[key],
                    "budget_template_id": office.templates["eu_2016"],
                    "logo": flag_logo_png() if key in story.DONORS_WITH_LOGO else None,
                    "logo_media_type": "image/png" if key in story.DONORS_WITH_LOGO else None,
                }
                for key in ("eu", "lhf")
            ],
        )

    def _grants(self) -> None:
        rng, office = self.rng, self.office
        grants, lines, instalments, periods = [], [], [], []
        for project in office.projects:
            eu = rng.random() < 0.75
            number = project.index
            signed = project.start - timedelta(days=rng.randint(10, 45))
            contract = (
                f"{signed.year}/{460 + number // 1000}-{number % 1000:03d}"
                if eu
                else f"LHF-{signed.year}-{number:03d}"
            )
            project.grant_id = self.rows.next_key(Grant)
            budget = self._budget(project)
            lines += budget
            amount = sum((line["amount"] for line in budget), Decimal(0))
            grants.append(
                self.rows.tracked(
                    Grant,
                    archived_at=None,
                    contract_number=contract,
                    title=project.title,
                    project_id=project.id,
                    donor_id=office.organisations["eu" if eu else "lhf"],
                    currency="EUR",
                    amount=amount,
                    signed_on=signed,
                    start_date=project.start,
                    end_date=project.end,
                    notes=None,
                    search_key=search_key_of(contract, project.title),
                )
            )
            instalments += self._instalments(project, amount)
            periods += self._periods(project)
        self.rows.insert(Grant, grants)
        self.rows.insert(BudgetLine, lines)
        self.rows.insert(Instalment, instalments)
        self.rows.insert(ReportingPeriod, periods)

    def _budget(self, project: OfficeProject) -> list[dict[str, Any]]:
        """Lines under the EU headings sized to the project's months, partners and
        activities; indirect costs are a share of the direct ones."""
        rng = self.rng
        months = (project.end.year - project.start.year) * 12 + project.end.month
        months -= project.start.month - 1
        planned = max(project.activities, 3 * months)  # a planned project budgets ahead
        partners = len(project.partners)
        quantities = {
            "month": months,
            "partner_month": max(1, months * partners // 2),
            "activity": planned,
            "half_activity": ceil(planned / 2),
            "partner": partners + 1,
            "once": 1,
        }
        templates = list(words.BUDGET_LINES)
        if rng.random() < 0.5:
            templates.append(words.SMALL_GRANTS_LINE)
        if rng.random() < 0.3:
            templates.append(words.CONTINGENCY_LINE)
        lines = []
        for line in templates:
            quantity = Decimal(quantities[line.per])
            unit_cost = Decimal(rng.randint(*line.unit_cost))
            lines.append(
                self._line(
                    project,
                    line.code,
                    line.heading,
                    line.description,
                    unit=line.unit,
                    quantity=quantity,
                    unit_cost=unit_cost,
                    amount=cents(quantity * unit_cost),
                )
            )
        direct = sum((line["amount"] for line in lines), Decimal(0))
        code, heading, description = story.INDIRECT_LINE
        rate = f"{(INDIRECT_RATE * 100).normalize():f}"
        lines.append(
            self._line(
                project,
                code,
                heading,
                description.format(rate=rate),
                unit=None,
                quantity=None,
                unit_cost=None,
                amount=cents(INDIRECT_RATE * direct),
            )
        )
        project.lines = {line["code"]: line["id"] for line in lines}
        return lines

    def _line(
        self, project: OfficeProject, code: str, heading: str, description: str, **money: Any
    ) -> dict[str, Any]:
        return self.rows.tracked(
            BudgetLine,
            grant_id=project.grant_id,
            heading_id=self.office.headings[heading],
            code=code,
            description=description,
            **money,
        )

    def _instalments(self, project: OfficeProject, amount: Decimal) -> list[dict[str, Any]]:
        """Pre-financing, then tranches; the last takes what is left, so they add up."""
        rng = self.rng
        shares = rng.choice(((60, 30, 10), (80, 20), (70, 30)))
        middle = project.start + (project.end - project.start) / 2
        dues = [project.start + timedelta(days=15), middle, project.end + timedelta(days=90)]
        dues = [dues[0], *dues[3 - len(shares) + 1 :]]
        rows, paid = [], Decimal(0)
        for number, (share, due) in enumerate(zip(shares, dues, strict=True), start=1):
            part = amount - paid if number == len(shares) else cents(amount * share / 100)
            paid += part
            received = due + timedelta(days=rng.randint(3, 20))
            rows.append(
                self.rows.tracked(
                    Instalment,
                    grant_id=project.grant_id,
                    number=number,
                    due_on=due,
                    received_on=received if received <= TODAY else None,
                    amount=part,
                )
            )
        return rows

    def _periods(self, project: OfficeProject) -> list[dict[str, Any]]:
        """The calendar quarters the grant runs through, cut to its dates."""
        rows = []
        first = date(project.start.year, 3 * ((project.start.month - 1) // 3) + 1, 1)
        while first <= project.end:
            label = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
            start, end = (
                max(first, project.start),
                min(month_end(add_months(first, 2)), project.end),
            )
            due = end + timedelta(days=story.DAYS_TO_REPORT)
            row = self.rows.tracked(
                ReportingPeriod,
                grant_id=project.grant_id,
                label=label,
                kind=PeriodKind.QUARTERLY,
                start_date=start,
                end_date=end,
                due_on=due,
            )
            rows.append(row)
            project.periods.append(Period(row["id"], label, start, end, due))
            first = add_months(first, 3)
        return rows


_LOCAL_ROLES = (PartnerRole.CO_APPLICANT, PartnerRole.LOCAL_PARTNER, PartnerRole.AFFILIATED_ENTITY)


def _admin(rows: RowWriter) -> int:
    """The demo's administrator, who reviews values and moves cases on; reused if present."""
    username, full_name, role, language = story.USER
    existing = rows.connection.scalar(select(User.id).where(User.username == username))
    if existing is not None:
        return existing
    row = rows.tracked(
        User, username=username, full_name=full_name, role=role, language=language, active=True
    )
    rows.insert(User, [row])
    return row["id"]


def _status(rng: random.Random, start: date, end: date) -> ProjectStatus:
    if start > TODAY:
        return ProjectStatus.PLANNED
    if end < TODAY:
        return ProjectStatus.COMPLETED
    return ProjectStatus.SUSPENDED if rng.random() < 0.03 else ProjectStatus.ACTIVE


def _named_rows(model: Any) -> Any:
    return select(
        model.id, model.code, model.name_en, model.name_sq, model.name_sr, model.name_sr_latn
    )


def _names(row: Any) -> Names:
    return Names(row.name_en, row.name_sq, row.name_sr, row.name_sr_latn)


def _codes(connection: Connection, model: Any) -> dict[str, int]:
    return {code: key for key, code in connection.execute(select(model.id, model.code))}
