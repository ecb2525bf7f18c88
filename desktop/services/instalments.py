"""A grant's instalments: the tranches the donor pays, when each is due and when it came.

The instalments together cannot exceed the grant amount (a donor never pays more than the
contract says), and a tranche cannot have arrived on a day still to come.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.grant import Grant, Instalment
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_money
from desktop.services.currency import money
from desktop.services.errors import ValidationError
from desktop.services.grant_parts import GrantPartService
from desktop.services.permissions import Permission, requires
from desktop.services.validation import Checker

MAX_INSTALMENTS = 999


@dataclass
class InstalmentForm:
    number: int | str | None = None
    due_on: date | str | None = None
    received_on: date | str | None = None
    amount: Decimal | str | None = None


@dataclass(frozen=True)
class InstalmentDetails:
    id: int
    uuid: UUID
    version: int
    grant_id: int
    form: InstalmentForm


@dataclass(frozen=True)
class InstalmentRow:
    id: int
    version: int
    number: int
    due_on: date | None
    received_on: date | None
    amount: Decimal
    currency: str

    @property
    def received(self) -> bool:
        return self.received_on is not None


def _missing() -> str:
    return _("The instalment was not found; it may have been deleted.")


class InstalmentService(GrantPartService):
    @requires(Permission.READ_RECORDS)
    def instalments(self, grant_id: int) -> list[InstalmentRow]:
        with self.unit_of_work(read_only=True) as session:
            grant = self._grant(session, grant_id)
            return [
                InstalmentRow(
                    i.id, i.version, i.number, i.due_on, i.received_on, i.amount, grant.currency
                )
                for i in session.scalars(
                    select(Instalment)
                    .where(Instalment.grant_id == grant_id)
                    .order_by(Instalment.number)
                )
            ]

    @requires(Permission.READ_RECORDS)
    def next_number(self, grant_id: int) -> int:
        """The number a new instalment gets unless the user types another."""
        with self.unit_of_work(read_only=True) as session:
            highest = session.scalar(
                select(func.max(Instalment.number)).where(Instalment.grant_id == grant_id)
            )
        return (highest or 0) + 1

    @requires(Permission.READ_RECORDS)
    def get(self, instalment_id: int) -> InstalmentDetails:
        with self.unit_of_work(read_only=True) as session:
            instalment = self._part(session, Instalment, instalment_id, _missing())
            form = InstalmentForm(
                number=instalment.number,
                due_on=instalment.due_on,
                received_on=instalment.received_on,
                amount=instalment.amount,
            )
            return InstalmentDetails(
                instalment.id, instalment.uuid, instalment.version, instalment.grant_id, form
            )

    @requires(Permission.EDIT_RECORDS)
    def create(self, grant_id: int, form: InstalmentForm) -> int:
        with self.unit_of_work() as session:
            grant = self._grant(session, grant_id)
            instalment = Instalment(grant_id=grant.id)
            self._apply(session, grant, instalment, form)
            return self._created(session, instalment)

    @requires(Permission.EDIT_RECORDS)
    def update(self, instalment_id: int, form: InstalmentForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            instalment = self._part(
                session, Instalment, instalment_id, _missing(), expected_version
            )
            before = self._state(instalment)
            self._apply(session, instalment.grant, instalment, form)
            self._updated(session, instalment, before)

    @requires(Permission.EDIT_RECORDS)
    def delete(self, instalment_id: int, expected_version: int) -> None:
        with self.unit_of_work() as session:
            instalment = self._part(
                session, Instalment, instalment_id, _missing(), expected_version
            )
            self._deleted(session, instalment)

    def _apply(
        self, session: Session, grant: Grant, instalment: Instalment, form: InstalmentForm
    ) -> None:
        check = Checker()
        number = _number(check, form.number)
        due_on = check.date("due_on", form.due_on)
        received_on = check.date("received_on", form.received_on)
        amount = check.amount("amount", form.amount, required=True)
        if received_on is not None and received_on > date.today():
            check.fail("received_on", _("An instalment cannot have been received in the future."))
        if number is not None and session.scalar(
            select(Instalment.id).where(
                Instalment.grant_id == grant.id,
                Instalment.number == number,
                Instalment.id != instalment.id,
            )
        ):
            check.fail(
                "number",
                _("This grant already has an instalment number {number}.").format(number=number),
            )
        if amount is not None:
            others = session.scalar(
                select(func.coalesce(func.sum(Instalment.amount), 0)).where(
                    Instalment.grant_id == grant.id, Instalment.id != instalment.id
                )
            )
            total = money(others) + amount
            if total > grant.amount:
                language = current_language()
                check.fail(
                    "amount",
                    _(
                        "With this instalment the donor would pay {total}, more than the grant "
                        "amount of {amount}."
                    ).format(
                        total=format_money(total, grant.currency, language),
                        amount=format_money(grant.amount, grant.currency, language),
                    ),
                )
        if check.errors:
            raise ValidationError(check.errors)
        instalment.number = number  # type: ignore[assignment]
        instalment.due_on = due_on
        instalment.received_on = received_on
        instalment.amount = amount  # type: ignore[assignment]


def _number(check: Checker, value: int | str | None) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text:
        check.fail("number", _("This field is required."))
        return None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_INSTALMENTS:
        check.fail(
            "number",
            _("Number the instalments 1, 2, 3 … up to {limit}.").format(limit=MAX_INSTALMENTS),
        )
        return None
    return int(text)
