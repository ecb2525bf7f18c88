"""The data of an EU interim or final narrative report, gathered for one grant and period.

Counts are summed in SQL, names resolved in the report's language with the per-language
fallback, narratives taken from the period's sections in that language (with the same
fallback as names).  Only approved indicator values are counted.  Community-safety cases
are not read at all: the names of people who raised them never reach a donor.
"""

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.grant import Grant
from desktop.domain.multilingual import resolve_name
from desktop.domain.organisation import DonorProfile, Organisation
from desktop.domain.period import NarrativeSection, NarrativeText, ReportingPeriod
from desktop.domain.person import Gender
from desktop.domain.project import PARTNER_ROLE_LABELS, PartnerRole, ProjectPartner
from desktop.domain.reference import ActivityType, Municipality
from desktop.domain.results import (
    RESULT_LEVEL_LABELS,
    Indicator,
    IndicatorValue,
    Result,
    ValueStatus,
)
from desktop.i18n import Translator, translator_for
from desktop.i18n.collation import sort_key
from desktop.reports.eu_narrative_data import (
    Acronym,
    EuNarrativeReport,
    LogframeIndicator,
    LogframeResult,
    NarrativeActivity,
    Partner,
    TargetGroup,
)
from desktop.services.base import Service
from desktop.services.period_activities import activities_in_period, participants_counted
from desktop.services.permissions import Permission, requires
from desktop.services.report_formats import check_report_language
from desktop.services.report_subject import grant_and_period
from desktop.store.database import Database

# Roles in the order the donor reads them: those who signed first, then who helps.
_ROLE_ORDER = {
    PartnerRole.LEAD: 0,
    PartnerRole.CO_APPLICANT: 1,
    PartnerRole.AFFILIATED_ENTITY: 2,
    PartnerRole.LOCAL_PARTNER: 3,
    PartnerRole.ASSOCIATE: 4,
}

_BENEFICIARIES = frozenset(
    {PartnerRole.LEAD, PartnerRole.CO_APPLICANT, PartnerRole.AFFILIATED_ENTITY}
)


class EuNarrativeReportService(Service):
    @requires(Permission.READ_RECORDS)
    def build(
        self, grant_id: int, period_id: int, language: str, internal: bool = False
    ) -> EuNarrativeReport:
        """Everything the narrative report of ``period_id`` prints, in ``language``."""
        check_report_language(language)
        t = translator_for(language)
        with self.unit_of_work(read_only=True) as session:
            grant, period = grant_and_period(session, grant_id, period_id, actor=self.actor)
            project = grant.project
            lead = project.lead_organisation or next(
                (p.organisation for p in project.partners if p.role == PartnerRole.LEAD), None
            )
            contact = grant.contact_person or project.contact_person
            texts = _narratives(session, period, language)
            activities = _activities(session, grant, period, language)
            partners = _partners(session, grant, period, t)
            profile = session.scalar(
                select(DonorProfile).where(DonorProfile.organisation_id == grant.donor_id)
            )
            return EuNarrativeReport(
                language=language,
                contract_number=grant.contract_number,
                action_title=project.name(language) or (grant.title or ""),
                donor=grant.donor.name(language),
                period_label=period.label,
                period_kind=period.kind,
                period_start=period.start_date,
                period_end=period.end_date,
                due_on=period.due_on,
                sent_on=period.sent_on,
                coordinator=lead.name(language) if lead is not None else "",
                coordinator_acronym=(lead.acronym or "") if lead is not None else "",
                contact_name=contact.full_name if contact is not None else "",
                contact_title=(contact.title or "") if contact is not None else "",
                place=(
                    lead.municipality.name(language)
                    if lead is not None and lead.municipality is not None
                    else ""
                ),
                partners=partners,
                municipalities=tuple(m.name(language) for m in project.municipalities),
                activity_municipalities=_activity_municipalities(session, grant, period, language),
                acronyms=_acronyms(
                    [lead, grant.donor, *(p.organisation for p in project.partners)],
                    _carriers(session, grant, period),
                    language,
                    t,
                ),
                target_groups=_target_groups(session, grant, period, language),
                results=_results(session, grant, period, language, t),
                activities=activities,
                summary=texts.get(NarrativeSection.SUMMARY, ""),
                challenges=texts.get(NarrativeSection.CHALLENGES, ""),
                changes=texts.get(NarrativeSection.CHANGES, ""),
                cooperation=texts.get(NarrativeSection.COOPERATION, ""),
                visibility=texts.get(NarrativeSection.VISIBILITY, ""),
                records=texts.get(NarrativeSection.RECORDS, ""),
                next_steps=texts.get(NarrativeSection.NEXT_STEPS, ""),
                internal=internal,
                donor_logo=profile.logo if profile is not None else None,
            )


def eu_narrative_data(
    db: Database, grant_id: int, period_id: int, language: str, internal: bool
) -> EuNarrativeReport:
    """The report formats' entry point (``desktop.services.report_formats``)."""
    return EuNarrativeReportService(db).build(grant_id, period_id, language, internal)


def _narratives(
    session: Session, period: ReportingPeriod, language: str
) -> dict[NarrativeSection, str]:
    """Each section's text in ``language``, or in the next language of its fallback chain."""
    texts: dict[NarrativeSection, dict[str, str | None]] = {}
    for narrative in session.scalars(
        select(NarrativeText).where(NarrativeText.period_id == period.id)
    ):
        texts.setdefault(narrative.section, {})[narrative.language] = narrative.text
    return {section: resolve_name(by_language, language) for section, by_language in texts.items()}


_WOMEN = participants_counted(Gender.FEMALE)
_MEN = participants_counted(Gender.MALE)
_OTHER = participants_counted(Gender.OTHER, Gender.UNDISCLOSED)


def _activities(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> tuple[NarrativeActivity, ...]:
    carrier = aliased(Organisation)
    statement = (
        select(Activity, ActivityType, Municipality, carrier, _WOMEN, _MEN, _OTHER)
        .join(ActivityType, Activity.activity_type_id == ActivityType.id)
        .outerjoin(Municipality, Activity.municipality_id == Municipality.id)
        .outerjoin(carrier, Activity.carried_out_by_id == carrier.id)
        .outerjoin(ParticipantCount, ParticipantCount.activity_id == Activity.id)
        .where(*activities_in_period(grant, period))
        .group_by(Activity.id, ActivityType.id, Municipality.id, carrier.id)
        .order_by(Activity.start_date, Activity.id)
    )
    return tuple(
        NarrativeActivity(
            title=activity.name(language),
            activity_type=activity_type.name(language),
            municipality=municipality.name(language) if municipality is not None else "",
            start=activity.start_date,
            end=activity.end_date,
            women=int(women),
            men=int(men),
            other=int(other),
            carried_out_by=organisation.name(language) if organisation is not None else "",
            problems=activity.problems or "",
        )
        for activity, activity_type, municipality, organisation, women, men, other in (
            session.execute(statement)
        )
    )


def _target_groups(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> tuple[TargetGroup, ...]:
    """Participants by type of activity; the types come in their reference order."""
    statement = (
        select(ActivityType, func.count(distinct(Activity.id)), _WOMEN, _MEN, _OTHER)
        .join(Activity, Activity.activity_type_id == ActivityType.id)
        .outerjoin(ParticipantCount, ParticipantCount.activity_id == Activity.id)
        .where(*activities_in_period(grant, period))
        .group_by(ActivityType.id)
        .order_by(ActivityType.sort_order, ActivityType.id)
    )
    return tuple(
        TargetGroup(
            name=activity_type.name(language),
            activities=int(count),
            women=int(women),
            men=int(men),
            other=int(other),
        )
        for activity_type, count, women, men, other in session.execute(statement)
    )


def _activity_municipalities(
    session: Session, grant: Grant, period: ReportingPeriod, language: str
) -> tuple[str, ...]:
    places = session.scalars(
        select(Municipality)
        .where(
            Municipality.id.in_(
                select(Activity.municipality_id).where(
                    *activities_in_period(grant, period), Activity.municipality_id.is_not(None)
                )
            )
        )
        .order_by(Municipality.sort_order, Municipality.id)
    )
    return tuple(place.name(language) for place in places)


def _carriers(session: Session, grant: Grant, period: ReportingPeriod) -> list[Organisation]:
    """The organisations that carried out an activity of the period."""
    return list(
        session.scalars(
            select(Organisation).where(
                Organisation.id.in_(
                    select(Activity.carried_out_by_id).where(*activities_in_period(grant, period))
                )
            )
        )
    )


def _partners(
    session: Session, grant: Grant, period: ReportingPeriod, t: Translator
) -> tuple[Partner, ...]:
    carried = dict(
        session.execute(
            select(Activity.carried_out_by_id, func.count(Activity.id))
            .where(*activities_in_period(grant, period), Activity.carried_out_by_id.is_not(None))
            .group_by(Activity.carried_out_by_id)
        ).all()
    )
    partners = session.scalars(
        select(ProjectPartner).where(ProjectPartner.project_id == grant.project_id)
    )
    ordered = sorted(
        partners,
        key=lambda partner: (_ROLE_ORDER.get(partner.role, 9), partner.id),
    )
    return tuple(
        Partner(
            name=partner.organisation.name(t.code),
            acronym=partner.organisation.acronym or "",
            role=t.gettext(PARTNER_ROLE_LABELS[partner.role]),
            activities=int(carried.get(partner.organisation_id, 0)),
            beneficiary=partner.role in _BENEFICIARIES,
        )
        for partner in ordered
    )


def _results(
    session: Session, grant: Grant, period: ReportingPeriod, language: str, t: Translator
) -> tuple[LogframeResult, ...]:
    """Each result with its indicators: baseline, target and the approved value to date.

    The value to date is the baseline plus the approved values of the grant's periods that
    ended by this one's end, as the quarterly report counts it.
    """
    approved_to_date = (
        select(func.sum(IndicatorValue.value))
        .join(ReportingPeriod, IndicatorValue.period_id == ReportingPeriod.id)
        .where(
            and_(
                IndicatorValue.indicator_id == Indicator.id,
                IndicatorValue.status == ValueStatus.APPROVED,
                ReportingPeriod.grant_id == grant.id,
                ReportingPeriod.end_date <= period.end_date,
            )
        )
        .scalar_subquery()
    )
    statement = (
        select(Result, Indicator, approved_to_date)
        .outerjoin(Indicator, Indicator.result_id == Result.id)
        .where(Result.project_id == grant.project_id)
        .order_by(Result.sort_order, Result.code, Indicator.code)
    )
    results: dict[int, tuple[Result, list[LogframeIndicator]]] = {}
    for result, indicator, approved in session.execute(statement):
        _, indicators = results.setdefault(result.id, (result, []))
        if indicator is None:
            continue
        indicators.append(
            LogframeIndicator(
                code=indicator.code,
                name=indicator.name(language),
                unit=indicator.unit or "",
                baseline=indicator.baseline,
                target=indicator.target,
                to_date=(
                    (indicator.baseline or Decimal(0)) + Decimal(str(approved))
                    if approved is not None
                    else None
                ),
            )
        )
    return tuple(
        LogframeResult(
            code=result.code,
            level=t.gettext(RESULT_LEVEL_LABELS[result.level]),
            title=result.name(language),
            indicators=tuple(indicators),
        )
        for result, indicators in results.values()
    )


def _acronyms(
    named: Iterable[Organisation | None],
    carriers: Iterable[Organisation],
    language: str,
    t: Translator,
) -> tuple[Acronym, ...]:
    """The acronyms of the organisations the report names, and the few terms it always uses.

    The terms are translated (the Serbian reader knows an MCSC as ОСБЗ), and each acronym is
    listed once, in the alphabetical order of the report's language.
    """
    _ = t.gettext
    pgettext = t.pgettext
    terms = [
        # L10N: an acronym in the list of acronyms; use the one your readers know
        (pgettext("acronym", "CSO"), _("Civil society organisation")),
        (pgettext("acronym", "EU"), _("European Union")),
        (pgettext("acronym", "MCSC"), _("Municipal Community Safety Council")),
        (pgettext("acronym", "NGO"), _("Non-governmental organisation")),
        (pgettext("acronym", "SALW"), _("Small arms and light weapons")),
    ]
    found: dict[str, str] = {}
    for organisation in [*named, *carriers]:
        if organisation is not None and (organisation.acronym or "").strip():
            found.setdefault(organisation.acronym.strip(), organisation.name(language))
    for short, meaning in terms:
        found.setdefault(short, meaning)
    return tuple(
        Acronym(short, meaning)
        for short, meaning in sorted(found.items(), key=lambda item: sort_key(item[0], language))
    )
