"""The plain data of a logframe report, filled by ``desktop.services.logframe_report``.

Names and texts arrive already resolved in the report's language; values are ``Decimal``
and ``None`` where nothing was recorded, which the report prints as a dash.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Level(StrEnum):
    """The rows of the EU matrix, in the order the matrix lists them."""

    OBJECTIVE = "objective"  # overall objective (impact)
    OUTCOME = "outcome"  # specific objectives (outcomes)
    OUTPUT = "output"


@dataclass(frozen=True)
class Figure:
    """A value, with its women and men where the office recorded them."""

    value: Decimal | None
    women: Decimal | None = None
    men: Decimal | None = None


@dataclass(frozen=True)
class LogframeIndicator:
    code: str
    name: str
    unit: str
    baseline: Decimal | None
    baseline_year: int | None
    current: Figure  # cumulative to the end of the period, approved values only
    target: Decimal | None
    target_year: int | None
    means_of_verification: str


@dataclass(frozen=True)
class LogframeResult:
    level: Level
    code: str
    text: str
    assumptions: str
    indicators: list[LogframeIndicator] = field(default_factory=list)


@dataclass(frozen=True)
class ActivityTypeSummary:
    """One kind of activity carried out up to the end of the period."""

    activity_type: str
    activities: int
    participants: int
    women: int
    men: int


@dataclass(frozen=True)
class LogframeReport:
    language: str  # the report's language code, independent of the interface's
    project_title: str
    project_code: str
    contract_number: str
    donor: str
    period_label: str  # "2026-Q1"
    period_start: date
    period_end: date  # the reference date of the current values
    results: list[LogframeResult] = field(default_factory=list)
    activities: list[ActivityTypeSummary] = field(default_factory=list)
    logo: bytes | None = None  # the donor's PNG or JPEG, from its profile
    generated_on: date | None = None

    def results_at(self, level: Level) -> list[LogframeResult]:
        return [result for result in self.results if result.level == level]
