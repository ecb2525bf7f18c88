"""Reference data shipped in ``resources/data/``: municipalities, communities, activity types,
EU budget headings and thematic areas.

Each row has a stable ``code`` (what imports and the CLI use) and names in every language.
"""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.base import CODE_LENGTH, Base
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


class BudgetHeading(ReferenceItem, Base):
    """A donor budget heading, such as the EU's "1. Human resources" or indirect costs."""

    __tablename__ = "budget_headings"


class ThematicArea(ReferenceItem, Base):
    __tablename__ = "thematic_areas"
