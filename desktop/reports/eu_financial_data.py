"""The plain data the EU financial report is drawn from, filled by
``desktop.services.eu_financial_report``.

The budget arrives as the donor template's tree of headings, each with its budget lines and
their figures; every subtotal and total is a sum of line figures computed here in
``Decimal``, so a printed total is exactly the sum of the lines above it and of the
expenditures recorded in the database.  Names arrive resolved in the report's language.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

ZERO = Decimal(0)
CENT = Decimal("0.01")


class HeadingKind(StrEnum):
    """What a heading of a budget template is, as the template's ``kind`` says.

    Lines hang under DIRECT, CONTINGENCY and INDIRECT headings; the other three are rows
    the report computes from them.
    """

    DIRECT = "direct"
    CONTINGENCY = "contingency"
    INDIRECT = "indirect"
    SUBTOTAL_DIRECT = "subtotal_direct"  # every DIRECT heading
    TOTAL_DIRECT = "total_direct"  # SUBTOTAL_DIRECT and CONTINGENCY
    TOTAL = "total"  # everything

    @property
    def carries_lines(self) -> bool:
        return self in _LINE_KINDS


_LINE_KINDS = frozenset({HeadingKind.DIRECT, HeadingKind.CONTINGENCY, HeadingKind.INDIRECT})
# Which headings each computed row adds up.
COMPUTED_FROM: dict[HeadingKind, frozenset[HeadingKind]] = {
    HeadingKind.SUBTOTAL_DIRECT: frozenset({HeadingKind.DIRECT}),
    HeadingKind.TOTAL_DIRECT: frozenset({HeadingKind.DIRECT, HeadingKind.CONTINGENCY}),
    HeadingKind.TOTAL: _LINE_KINDS,
}


@dataclass(frozen=True)
class Figures:
    """Budget against actual, in the contract currency."""

    budget: Decimal = ZERO
    in_period: Decimal = ZERO  # expenditure within the reporting period
    cumulative: Decimal = ZERO  # expenditure from the start to the end of the period

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            self.budget + other.budget,
            self.in_period + other.in_period,
            self.cumulative + other.cumulative,
        )

    @property
    def balance(self) -> Decimal:
        """What is left of the budget; negative when it was overspent."""
        return self.budget - self.cumulative

    @property
    def share_spent(self) -> Decimal | None:
        """Cumulative expenditure as a share of the budget; ``None`` without a budget."""
        return self.cumulative / self.budget if self.budget else None


def total_of(figures: Iterable[Figures]) -> Figures:
    return sum(figures, Figures())


@dataclass(frozen=True)
class LineRow:
    code: str
    description: str
    unit: str
    quantity: Decimal | None  # number of units; ``None`` for a lump sum typed as an amount
    unit_rate: Decimal | None
    figures: Figures


@dataclass(frozen=True)
class Heading:
    """One heading of the template with its own lines and its sub-headings' lines."""

    number: str  # "1", "1.3", "7"
    name: str
    kind: HeadingKind
    lines: tuple[LineRow, ...] = ()
    children: tuple["Heading", ...] = ()

    def all_lines(self) -> Iterator[LineRow]:
        yield from self.lines
        for child in self.children:
            yield from child.all_lines()

    @property
    def figures(self) -> Figures:
        return total_of(line.figures for line in self.all_lines())


@dataclass(frozen=True)
class RateUsed:
    """One rate at which expenditure in a foreign currency was converted, and where."""

    currency: str
    rate: Decimal  # contract currency per unit of ``currency``
    months: tuple[date, ...]  # the first day of each month it was used in
    original_amount: Decimal  # in ``currency``
    converted_amount: Decimal  # in the contract currency
    expenditures: int


@dataclass(frozen=True)
class InstalmentRow:
    number: int
    due_on: date | None
    received_on: date | None  # ``None`` while not received by the end of the period
    amount: Decimal


@dataclass(frozen=True)
class IndirectCheck:
    """The template's ceiling on indirect costs against what the budget and spending hold."""

    limit: Decimal  # 0.07: indirect costs at most 7 % of the direct costs
    direct: Figures  # the base the ceiling applies to
    indirect: Figures

    @staticmethod
    def _ceiling(limit: Decimal, base: Decimal) -> Decimal:
        # The indirect line is itself rounded to the cent, so the ceiling is too.
        return (limit * base).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def budget_ceiling(self) -> Decimal:
        return self._ceiling(self.limit, self.direct.budget)

    @property
    def spent_ceiling(self) -> Decimal:
        return self._ceiling(self.limit, self.direct.cumulative)

    @property
    def budget_exceeded(self) -> bool:
        return self.indirect.budget > self.budget_ceiling

    @property
    def spent_exceeded(self) -> bool:
        return self.indirect.cumulative > self.spent_ceiling

    @property
    def budget_share(self) -> Decimal | None:
        return self.indirect.budget / self.direct.budget if self.direct.budget else None

    @property
    def spent_share(self) -> Decimal | None:
        if not self.direct.cumulative:
            return None
        return self.indirect.cumulative / self.direct.cumulative


@dataclass(frozen=True)
class EuFinancialReport:
    """Budget against actual for one grant and one reporting period."""

    language: str  # the report's language code, independent of the interface's
    contract_number: str
    title: str  # the grant's title, or the project's when the grant has none
    donor: str
    coordinator: str  # the lead organisation
    period_label: str  # "2026-Q1"
    period_start: date
    period_end: date
    grant_start: date
    grant_end: date
    currency: str
    grant_amount: Decimal
    template_name: str
    headings: tuple[Heading, ...]  # top-level headings in the template's order
    indirect_limit: Decimal | None = None
    rates: tuple[RateUsed, ...] = ()
    instalments: tuple[InstalmentRow, ...] = ()
    donor_logo: bytes | None = None
    generated_on: date | None = None
    project_title: str = ""

    @property
    def final(self) -> bool:
        """Whether the period closes the action, so this is the final report."""
        return self.period_end >= self.grant_end

    @property
    def time_elapsed(self) -> Decimal:
        """The share of the action's days (both ends counted) gone by the period's end, so
        a reader can set the share spent against it."""
        if self.period_end < self.grant_start:
            return ZERO
        if self.period_end >= self.grant_end:
            return Decimal(1)
        elapsed = (self.period_end - self.grant_start).days + 1
        return Decimal(elapsed) / Decimal((self.grant_end - self.grant_start).days + 1)

    def figures_of(self, kinds: Iterable[HeadingKind]) -> Figures:
        wanted = frozenset(kinds)
        return total_of(h.figures for h in self.headings if h.kind in wanted)

    def computed(self, kind: HeadingKind) -> Figures:
        """The figures of a computed row (subtotal of direct costs, totals)."""
        return self.figures_of(COMPUTED_FROM[kind])

    @property
    def total(self) -> Figures:
        return self.computed(HeadingKind.TOTAL)

    @property
    def indirect_check(self) -> IndirectCheck | None:
        """``None`` when the template sets no ceiling or the grant has no direct costs."""
        if self.indirect_limit is None:
            return None
        direct = self.computed(HeadingKind.TOTAL_DIRECT)
        if not direct.budget:
            return None
        return IndirectCheck(self.indirect_limit, direct, self.figures_of([HeadingKind.INDIRECT]))

    @property
    def received(self) -> Decimal:
        """What the donor had paid by the end of the period."""
        return sum((i.amount for i in self.instalments if i.received_on is not None), ZERO)

    @property
    def lines(self) -> list[LineRow]:
        return [line for heading in self.headings for line in heading.all_lines()]
