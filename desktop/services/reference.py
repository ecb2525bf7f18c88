"""Reference data for forms and filters: municipalities, communities, activity types,
budget templates and their headings, and thematic areas, named in the asked language and in
its order.
"""

from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.reference import (
    LINE_KINDS,
    ActivityType,
    BudgetHeading,
    BudgetHeadingKind,
    BudgetTemplate,
    Community,
    Municipality,
    ReferenceItem,
    ThematicArea,
)
from desktop.i18n.collation import sort_key
from desktop.services.base import Service
from desktop.services.permissions import Permission, requires


@dataclass(frozen=True)
class Choice:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class HeadingChoice(Choice):
    """A budget heading: ``name`` is the heading as the donor's form prints it, number
    included; ``number`` ("1.3") and ``parent_id`` give its place, ``kind`` whether lines
    go under it or it is a subtotal or total the reports compute."""

    number: str = ""
    kind: BudgetHeadingKind = BudgetHeadingKind.DIRECT
    parent_id: int | None = None
    template_code: str = ""


class ReferenceService(Service):
    def _choices(self, model: type[ReferenceItem], language: str) -> list[Choice]:
        with self.unit_of_work(read_only=True) as session:
            items = session.scalars(select(model).order_by(model.sort_order, model.id))
            return [Choice(item.id, item.code, item.name(language)) for item in items]

    @requires(Permission.READ_RECORDS)
    def municipalities(self, language: str) -> list[Choice]:
        """In ``language``'s alphabetical order: their reference order is Albanian's, which
        in Serbian lists "Ђаковица" among the "G"s."""
        choices = self._choices(Municipality, language)
        return sorted(choices, key=lambda choice: sort_key(choice.name, language))

    @requires(Permission.READ_RECORDS)
    def communities(self, language: str) -> list[Choice]:
        return self._choices(Community, language)

    @requires(Permission.READ_RECORDS)
    def activity_types(self, language: str) -> list[Choice]:
        return self._choices(ActivityType, language)

    @requires(Permission.READ_RECORDS)
    def budget_templates(self, language: str) -> list[Choice]:
        return self._choices(BudgetTemplate, language)

    @requires(Permission.READ_RECORDS)
    def budget_headings(
        self, language: str, template_code: str | None = None, *, computed: bool = False
    ) -> list[HeadingChoice]:
        """The headings budget lines go under, in the order of the donor's form: of the
        template ``template_code`` (every template's when ``None``, as a filter of lines
        needs); ``computed`` adds the template's subtotals and totals, for a report's
        layout."""
        statement = (
            select(BudgetHeading, BudgetTemplate.code)
            .join(BudgetTemplate, BudgetHeading.template_id == BudgetTemplate.id)
            .order_by(BudgetTemplate.sort_order, BudgetHeading.sort_order, BudgetHeading.id)
        )
        if template_code is not None:
            statement = statement.where(BudgetTemplate.code == template_code)
        if not computed:
            statement = statement.where(BudgetHeading.kind.in_(sorted(LINE_KINDS)))
        with self.unit_of_work(read_only=True) as session:
            return [
                HeadingChoice(
                    heading.id,
                    heading.code,
                    heading.name(language),
                    number=heading.number,
                    kind=heading.kind,
                    parent_id=heading.parent_id,
                    template_code=code,
                )
                for heading, code in session.execute(statement)
            ]

    @requires(Permission.READ_RECORDS)
    def thematic_areas(self, language: str) -> list[Choice]:
        return self._choices(ThematicArea, language)
