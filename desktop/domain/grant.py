"""Grants: the contract with a donor, its budget lines under donor headings, the
instalments received and the expenditures made.

An expenditure keeps the currency and amount of the invoice and the rate used to convert
it, so an auditor can retrace every converted figure.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Archivable, Base, Quantity, Rate, Tracked
from desktop.domain.organisation import Organisation
from desktop.domain.person import Person
from desktop.domain.project import Project
from desktop.domain.reference import BudgetHeading

DEFAULT_CURRENCY = "EUR"


class Grant(Tracked, Archivable, Base):
    __tablename__ = "grants"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("length(currency) = 3", name="currency_code"),
    )

    contract_number: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    title: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    donor_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    currency: Mapped[str] = mapped_column(String(3), default=DEFAULT_CURRENCY)
    amount: Mapped[Decimal]
    signed_on: Mapped[date | None]
    start_date: Mapped[date]
    end_date: Mapped[date]
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)
    # Whom the donor deals with: "name and title of the contact person" of EU reports.
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    project: Mapped[Project] = relationship()
    donor: Mapped[Organisation] = relationship()
    contact_person: Mapped[Person | None] = relationship()
    budget_lines: Mapped[list["BudgetLine"]] = relationship(
        back_populates="grant", order_by="BudgetLine.code"
    )
    instalments: Mapped[list["Instalment"]] = relationship(
        back_populates="grant", order_by="Instalment.number"
    )


class BudgetLine(Tracked, Base):
    __tablename__ = "budget_lines"
    __table_args__ = (
        UniqueConstraint("grant_id", "code"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("unit_cost IS NULL OR unit_cost >= 0", name="unit_cost_not_negative"),
    )

    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id"))
    heading_id: Mapped[int] = mapped_column(ForeignKey("budget_headings.id"))
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))  # "1.1.2"
    description: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    unit: Mapped[str | None] = mapped_column(String(CODE_LENGTH))  # "per month"
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    unit_cost: Mapped[Decimal | None]
    amount: Mapped[Decimal]

    grant: Mapped[Grant] = relationship(back_populates="budget_lines")
    heading: Mapped[BudgetHeading] = relationship()


class Instalment(Tracked, Base):
    """A tranche of the grant: when it is due, when it arrived, how much."""

    __tablename__ = "instalments"
    __table_args__ = (
        UniqueConstraint("grant_id", "number"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id"))
    number: Mapped[int]
    due_on: Mapped[date | None]
    received_on: Mapped[date | None]
    amount: Mapped[Decimal]

    grant: Mapped[Grant] = relationship(back_populates="instalments")


class Expenditure(Tracked, Base):
    __tablename__ = "expenditures"
    __table_args__ = (
        CheckConstraint("original_amount >= 0", name="original_amount_not_negative"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("rate > 0", name="rate_positive"),
        CheckConstraint("length(original_currency) = 3", name="currency_code"),
        # A grant's expenditures, and (schema 0014) the Dashboard's burn of a grant up to a
        # day read from the index alone.
        Index("ix_expenditures_burn", "grant_id", "spent_on", "amount"),
    )

    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id"))
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"), index=True)
    spent_on: Mapped[date] = mapped_column(index=True)
    description: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    supplier: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    invoice_reference: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    original_currency: Mapped[str] = mapped_column(String(3))
    original_amount: Mapped[Decimal]
    rate: Mapped[Decimal] = mapped_column(Rate)  # contract currency per unit of the original
    amount: Mapped[Decimal]  # in the grant's contract currency
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    grant: Mapped[Grant] = relationship()
    budget_line: Mapped[BudgetLine] = relationship()
