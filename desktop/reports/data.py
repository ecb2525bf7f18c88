"""The plain data a report is drawn from, filled by ``desktop.services.reports``.

Names arrive already resolved in the report's language (with the per-language fallback
applied) and amounts as ``Decimal``; the report only lays them out and formats them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class ActivityRow:
    start: date
    end: date
    title: str
    activity_type: str
    municipality: str
    women: int
    men: int
    other: int  # participants who did not give a gender, or another one

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    this_period: Decimal | None
    cumulative: Decimal | None

    @property
    def share_of_target(self) -> Decimal | None:
        """Cumulative progress from baseline towards target, 0..1 (or more when exceeded)."""
        if self.target is None or self.cumulative is None:
            return None
        start = self.baseline or Decimal(0)
        if self.target == start:
            return None
        return (self.cumulative - start) / (self.target - start)


@dataclass(frozen=True)
class BudgetRow:
    heading: str
    budget: Decimal
    spent_in_period: Decimal
    spent_to_date: Decimal

    @property
    def share_spent(self) -> Decimal | None:
        return self.spent_to_date / self.budget if self.budget else None


@dataclass(frozen=True)
class ResearchRow:
    title: str
    output_type: str
    authors: str
    published_on: date | None


@dataclass(frozen=True)
class CommunityRow:
    """The period's participants of one community, by gender."""

    community: str
    women: int
    men: int
    other: int  # another gender, or none stated


@dataclass(frozen=True)
class CaseCountRow:
    """Cases of one category or one municipality; never who raised them."""

    label: str
    opened: int  # opened in the period
    resolved: int  # resolved in the period, whenever they were opened


@dataclass(frozen=True)
class QuarterlyReport:
    """A one-project quarterly progress summary for one reporting period."""

    language: str  # the report's language code, independent of the interface's
    project_title: str
    project_code: str
    contract_number: str
    donor: str
    lead_organisation: str
    partners: list[str]
    period_label: str  # "2026-Q1"
    period_start: date
    period_end: date
    project_start: date
    project_end: date
    currency: str
    municipalities: list[str]
    summary: str  # the period's narrative summary, plain text typed by the user
    activities: list[ActivityRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    research: list[ResearchRow] = field(default_factory=list)
    communities: list[CommunityRow] = field(default_factory=list)
    cases_by_category: list[CaseCountRow] = field(default_factory=list)
    cases_by_municipality: list[CaseCountRow] = field(default_factory=list)
    challenges: str = ""
    next_steps: str = ""
    generated_on: date | None = None
    internal: bool = False  # exact small counts, for the office's own eyes
    donor_logo: bytes | None = None  # PNG or JPEG from the donor's profile

    @property
    def share_of_time_elapsed(self) -> Decimal:
        """How much of the project's duration has passed by the end of the period, 0..1."""
        total = (self.project_end - self.project_start).days
        if total <= 0:
            return Decimal(1)
        elapsed = (min(self.period_end, self.project_end) - self.project_start).days
        return max(Decimal(0), min(Decimal(1), Decimal(elapsed) / Decimal(total)))
