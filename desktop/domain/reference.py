"""Reference data shipped in ``resources/data/``: municipalities, communities, activity types,
donors' budget templates and their headings, and thematic areas.

Each row has a stable ``code`` (what imports and the CLI use) and names in every language.
"""

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, Base
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName


class ReferenceItem(MultilingualName):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class Municipality(ReferenceItem, Base):
    """One of Kosovo's 38 municipalities; English uses the status-neutral dual form."""

    __tablename__ = "municipalities"


class Community(ReferenceItem, Base):
    """A community in the sense of Kosovo's law on communities (Albanian, Serb, Roma, …)."""

    __tablename__ = "communities"


class ActivityType(ReferenceItem, Base):
    __tablename__ = "activity_types"


class BudgetTemplate(ReferenceItem, Base):
    """A donor's budget form: the headings a grant's lines sit under and how they add up.

    The numbering of the EU's headings after "6. Other" changed between versions of its
    standard contract, so the scheme is data rather than code: ``eu_2016`` (PRAG Annex III,
    2016) and ``simple`` (for donors without a form of their own) are shipped.
    """

    __tablename__ = "budget_templates"

    # The largest share of the direct costs indirect costs may be (0.07 for the EU).
    indirect_limit: Mapped[Decimal | None] = mapped_column(Numeric(5, 4, asdecimal=True))

    headings: Mapped[list["BudgetHeading"]] = relationship(
        back_populates="template", order_by="BudgetHeading.sort_order"
    )


class BudgetHeadingKind(StrEnum):
    """What a heading is in its template: one budget lines sit under, or a computed row.

    Computed rows carry no lines; a report sums them: SUBTOTAL_DIRECT is every DIRECT
    heading, TOTAL_DIRECT is SUBTOTAL_DIRECT plus CONTINGENCY, TOTAL is everything.
    """

    DIRECT = "direct"
    CONTINGENCY = "contingency"
    INDIRECT = "indirect"
    SUBTOTAL_DIRECT = "subtotal_direct"
    TOTAL_DIRECT = "total_direct"
    TOTAL = "total"


LINE_KINDS = frozenset(
    {BudgetHeadingKind.DIRECT, BudgetHeadingKind.CONTINGENCY, BudgetHeadingKind.INDIRECT}
)


class BudgetHeading(ReferenceItem, Base):
    """A heading of a donor's budget template, such as the EU's "1.3 Per diems" or
    "11. Total eligible costs (9+10)".

    The name is the heading as the donor's form prints it, its number included; ``number``
    ("1", "1.3", "11") gives the structure (a sub-heading's ``parent`` is the heading it
    details) and ``sort_order`` the order of the form.
    """

    __tablename__ = "budget_headings"

    template_id: Mapped[int] = mapped_column(ForeignKey("budget_templates.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("budget_headings.id"))
    number: Mapped[str] = mapped_column(String(16), default="")
    kind: Mapped[BudgetHeadingKind] = enum_column(
        BudgetHeadingKind, "kind", default=BudgetHeadingKind.DIRECT
    )

    template: Mapped[BudgetTemplate] = relationship(back_populates="headings")
    parent: Mapped["BudgetHeading | None"] = relationship(remote_side="BudgetHeading.id")

    @property
    def carries_lines(self) -> bool:
        """Whether budget lines may sit under it (computed rows only add others up)."""
        return self.kind in LINE_KINDS


class ThematicArea(ReferenceItem, Base):
    __tablename__ = "thematic_areas"
