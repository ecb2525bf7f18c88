"""Reference data for forms and filters: municipalities, communities, activity types,
budget headings and thematic areas, named in the asked language and in its order.
"""

from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.reference import (
    ActivityType,
    BudgetHeading,
    Community,
    Municipality,
    ReferenceItem,
    ThematicArea,
)
from desktop.i18n.collation import sort_key
from desktop.services.base import Service


@dataclass(frozen=True)
class Choice:
    id: int
    code: str
    name: str


class ReferenceService(Service):
    def _choices(self, model: type[ReferenceItem], language: str) -> list[Choice]:
        with self.unit_of_work() as session:
            items = session.scalars(select(model).order_by(model.sort_order, model.id))
            return [Choice(item.id, item.code, item.name(language)) for item in items]

    def municipalities(self, language: str) -> list[Choice]:
        """In ``language``'s alphabetical order: their reference order is Albanian's, which
        in Serbian lists "Ђаковица" among the "G"s."""
        choices = self._choices(Municipality, language)
        return sorted(choices, key=lambda choice: sort_key(choice.name, language))

    def communities(self, language: str) -> list[Choice]:
        return self._choices(Community, language)

    def activity_types(self, language: str) -> list[Choice]:
        return self._choices(ActivityType, language)

    def budget_headings(self, language: str) -> list[Choice]:
        return self._choices(BudgetHeading, language)

    def thematic_areas(self, language: str) -> list[Choice]:
        return self._choices(ThematicArea, language)
