"""The plain data of an EU interim or final narrative report (PRAG Annex VI, 2016 model).

Filled by ``desktop.services.eu_narrative_report``: names already resolved in the report's
language, counts summed in SQL, narratives as the user typed them.  The renderer only lays
them out, so a test can build one of these by hand and check the pages.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.period import PeriodKind


@dataclass(frozen=True)
class Partner:
    """A beneficiary, affiliated entity or associate of the action (section 1.3 and 3)."""

    name: str
    acronym: str
    role: str  # translated role label, e.g. "Co-applicant"
    activities: int  # activities of the period it carried out
    # The lead applicant, a co-applicant or an affiliated entity (1.3); associates and local
    # partners cooperate (section 3) without being beneficiaries of the grant.
    beneficiary: bool = True


@dataclass(frozen=True)
class Acronym:
    short: str
    meaning: str


@dataclass(frozen=True)
class TargetGroup:
    """Participants of one kind of activity in the period (section 1.8)."""

    name: str  # the activity type, in the report's language
    activities: int
    women: int
    men: int
    other: int  # another gender or none stated

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


@dataclass(frozen=True)
class NarrativeActivity:
    """One activity of the period, told as one sentence in the donor's style."""

    title: str
    activity_type: str
    municipality: str  # "" when the activity had none (an online campaign)
    start: date
    end: date
    women: int
    men: int
    other: int
    carried_out_by: str  # "" when not recorded
    problems: str  # problems met and how they were addressed, as typed

    @property
    def participants(self) -> int:
        return self.women + self.men + self.other

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class LogframeIndicator:
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    to_date: Decimal | None  # baseline plus the approved values up to the period's end


@dataclass(frozen=True)
class LogframeResult:
    code: str
    level: str  # translated level label, e.g. "Outcome"
    title: str
    indicators: tuple[LogframeIndicator, ...] = ()


@dataclass(frozen=True)
class EuNarrativeReport:
    """Everything one narrative report prints, for one grant and one reporting period."""

    language: str  # the report's language code, independent of the interface's
    contract_number: str
    action_title: str
    donor: str
    period_label: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    due_on: date | None
    sent_on: date | None
    coordinator: str  # the project's lead organisation
    coordinator_acronym: str
    contact_name: str
    contact_title: str
    place: str  # the lead organisation's municipality, for the signature block
    partners: tuple[Partner, ...]
    municipalities: tuple[str, ...]  # the project's, for 1.7
    activity_municipalities: tuple[str, ...]  # where the period's activities took place, 1.9
    acronyms: tuple[Acronym, ...]
    target_groups: tuple[TargetGroup, ...]
    results: tuple[LogframeResult, ...]
    activities: tuple[NarrativeActivity, ...]
    summary: str = ""
    challenges: str = ""
    changes: str = ""
    cooperation: str = ""
    visibility: str = ""
    records: str = ""
    next_steps: str = ""
    internal: bool = False  # exact small counts; a report for the donor hides them
    donor_logo: bytes | None = None

    @property
    def is_final(self) -> bool:
        return self.period_kind == PeriodKind.FINAL
