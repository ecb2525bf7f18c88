"""The EU financial report of the demo office, printed and read back, on both databases.

Every figure the test expects is summed by the database here, independently of the
report's own queries, and looked for in the PDF's text in the report's language.
"""

import re
import struct
import zlib
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from pypdf import PdfReader
from sqlalchemy import ColumnElement, delete, func, or_, select, update

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH
from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.domain.organisation import DonorProfile
from desktop.domain.period import ReportingPeriod
from desktop.domain.reference import BudgetHeading, BudgetHeadingKind, BudgetTemplate
from desktop.i18n import language_codes, translator_for
from desktop.i18n.formatting import babel_locale
from desktop.reports.eu_financial import render_eu_financial
from desktop.services.errors import ValidationError
from desktop.services.eu_financial_report import EuFinancialReportService
from desktop.services.report_formats import report_format, write_report
from desktop.store.database import Database
from desktop.store.demo import load_demo

CONTRACT = "2025/461-198"
ZERO = Decimal(0)


def _ids(db: Database, contract: str = CONTRACT, label: str = "2026-Q1") -> tuple[int, int]:
    with db.transaction() as session:
        grant_id, period_id = session.execute(
            select(Grant.id, ReportingPeriod.id)
            .join(ReportingPeriod, ReportingPeriod.grant_id == Grant.id)
            .where(Grant.contract_number == contract, ReportingPeriod.label == label)
        ).one()
    return grant_id, period_id


def _render(db: Database, grant_id: int, period_id: int, language: str) -> PdfReader:
    stream = BytesIO()
    render_eu_financial(EuFinancialReportService(db).build(grant_id, period_id, language), stream)
    return PdfReader(BytesIO(stream.getvalue()))


def _pages(reader: PdfReader) -> list[str]:
    return [re.sub(r"[\u00a0\u202f]", " ", page.extract_text()) for page in reader.pages]


def _flat(reader: PdfReader) -> str:
    """The text as one line: a table's cells follow each other, row after row."""
    return " ".join(" ".join(_pages(reader)).split())


def _amount(value: Decimal, language: str) -> str:
    text = format_decimal(value, format="#,##0.00", locale=babel_locale(language))
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _money(value: object) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _printed_name(heading: BudgetHeading, language: str) -> str:
    """The heading's name as the table prints it, after its number."""
    name = heading.name(language)
    for prefix in (f"{heading.number}. ", f"{heading.number} "):
        name = name.removeprefix(prefix)
    return name


def _sums(
    db: Database, grant_id: int, period: tuple[date, date], *where: ColumnElement[bool]
) -> tuple[Decimal, Decimal, Decimal]:
    """Budget, expenditure in the period and to its end of the grant's lines ``where``."""
    start, end = period
    with db.transaction() as session:
        budget = session.scalar(
            select(func.sum(BudgetLine.amount))
            .join(BudgetHeading, BudgetLine.heading_id == BudgetHeading.id)
            .where(BudgetLine.grant_id == grant_id, *where)
        )

        def spent(*dates: ColumnElement[bool]) -> Decimal:
            return _money(
                session.scalar(
                    select(func.sum(Expenditure.amount))
                    .join(BudgetLine, Expenditure.budget_line_id == BudgetLine.id)
                    .join(BudgetHeading, BudgetLine.heading_id == BudgetHeading.id)
                    .where(Expenditure.grant_id == grant_id, *where, *dates)
                )
            )

        return (
            _money(budget),
            spent(Expenditure.spent_on >= start, Expenditure.spent_on <= end),
            spent(Expenditure.spent_on <= end),
        )


def _top_headings_with_lines(db: Database, grant_id: int) -> list[BudgetHeading]:
    with db.transaction() as session:
        used = select(BudgetLine.heading_id).where(BudgetLine.grant_id == grant_id)
        parents = select(BudgetHeading.parent_id).where(BudgetHeading.id.in_(used))
        headings = list(
            session.scalars(
                select(BudgetHeading)
                .where(
                    BudgetHeading.parent_id.is_(None),
                    or_(BudgetHeading.id.in_(used), BudgetHeading.id.in_(parents)),
                )
                .order_by(BudgetHeading.sort_order)
            )
        )
        session.expunge_all()
    return headings


def _total_heading(db: Database, grant_id: int) -> BudgetHeading:
    with db.transaction() as session:
        template_id = session.scalar(
            select(BudgetHeading.template_id)
            .join(BudgetLine, BudgetLine.heading_id == BudgetHeading.id)
            .where(BudgetLine.grant_id == grant_id)
            .limit(1)
        )
        heading = session.scalars(
            select(BudgetHeading).where(
                BudgetHeading.template_id == template_id,
                BudgetHeading.kind == BudgetHeadingKind.TOTAL,
            )
        ).one()
        session.expunge(heading)
    return heading


def test_demo_report_in_every_language_adds_up_to_the_database(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        period = session.get(ReportingPeriod, period_id)
        assert period is not None
        dates = (period.start_date, period.end_date)
    headings = _top_headings_with_lines(db, grant_id)
    total_heading = _total_heading(db, grant_id)
    grand_total = _sums(db, grant_id, dates)
    assert len(headings) >= 5 and grand_total[2] > 0

    for language in language_codes():
        _ = translator_for(language).gettext
        reader = _render(db, grant_id, period_id, language)
        pages, text = _pages(reader), _flat(reader)

        for title in ("Budget and expenditure", "Exchange rates used", "Instalments received"):
            assert _(title) in text, (language, title)
        for number, page in enumerate(pages, start=1):
            assert CONTRACT in page.strip().splitlines()[-1] or CONTRACT in page, number
            assert _("Page {page} of {pages}").format(page=number, pages=len(pages)) in page
        for heading in headings:
            budget, in_period, cumulative = _sums(
                db,
                grant_id,
                dates,
                or_(BudgetHeading.id == heading.id, BudgetHeading.parent_id == heading.id),
            )
            subtotal = _("Subtotal {name}").format(name=_printed_name(heading, language))
            figures = " ".join(_amount(v, language) for v in (budget, in_period, cumulative))
            assert f"{subtotal} {figures}" in text, (language, subtotal, figures)
        total = " ".join(_amount(value, language) for value in grand_total)
        assert f"{_printed_name(total_heading, language)} {total}" in text, language


def test_foreign_currency_is_converted_at_its_recorded_rate_and_the_rate_listed(
    db: Database,
) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        end = session.get(ReportingPeriod, period_id).end_date  # type: ignore[union-attr]
        used = session.execute(
            select(
                Expenditure.original_currency,
                Expenditure.rate,
                func.count(),
                func.sum(Expenditure.original_amount),
                func.sum(Expenditure.amount),
            )
            .where(
                Expenditure.grant_id == grant_id,
                Expenditure.spent_on <= end,
                Expenditure.original_currency != "EUR",
            )
            .group_by(Expenditure.original_currency, Expenditure.rate)
        ).all()
        converted = session.execute(
            select(Expenditure.original_amount, Expenditure.rate, Expenditure.amount).where(
                Expenditure.grant_id == grant_id, Expenditure.original_currency != "EUR"
            )
        ).all()
    assert used, "the demo grant has expenditure in dinars and dollars"
    for original, rate, amount in converted:
        assert amount == (original * rate).quantize(Decimal("0.01"))

    for language in ("en", "sr"):
        text = _flat(_render(db, grant_id, period_id, language))
        for currency, rate, count, original, amount in used:
            shown_rate = format_decimal(
                Decimal(rate).normalize(), locale=babel_locale(language), decimal_quantization=False
            )
            assert f"{currency} 1 {currency} = {shown_rate} EUR" in text, (language, currency)
            assert (
                f"{count} {_amount(_money(original), language)} {currency}"
                f" {_amount(_money(amount), language)}" in text
            ), (language, currency)


def test_a_period_with_no_expenditure_prints_zero_for_the_period(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db, label="2026-Q4")
    report = EuFinancialReportService(db).build(grant_id, period_id, "en")

    text = _flat(_render(db, grant_id, period_id, "en"))

    assert report.total.in_period == ZERO
    assert report.total.cumulative > ZERO
    assert f"{_amount(report.total.budget, 'en')} 0.00 " in text


def test_a_grant_with_no_expenditure_renders_with_everything_unspent(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        session.execute(delete(Expenditure).where(Expenditure.grant_id == grant_id))

    report = EuFinancialReportService(db).build(grant_id, period_id, "sq")
    text = _flat(_render(db, grant_id, period_id, "sq"))

    assert report.rates == ()
    assert report.total.cumulative == ZERO
    assert report.total.balance == report.total.budget > ZERO
    assert (
        translator_for("sq")
        .gettext("All expenditure to the end of the period was made in {currency}.")
        .format(currency="EUR")
        in text
    )


HOSTILE = [
    "R&D < 5 <b>unclosed <para> &amp; {page}",
    "x" * 300,
    "Visibility 😀 🇽🇰 👩‍👩‍👧",
    ("Translation of the consultation report & annexes. " * 400)[:20000],
]


@pytest.mark.parametrize("text", HOSTILE, ids=["markup", "long-word", "emoji", "huge"])
def test_hostile_text_in_a_budget_line_renders(db: Database, text: str) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        session.execute(
            update(BudgetLine)
            .where(BudgetLine.grant_id == grant_id, BudgetLine.code == "1.1")
            .values(description=text[:TEXT_LENGTH], unit=text[:CODE_LENGTH])
        )

    reader = _render(db, grant_id, period_id, "sr")

    assert len(reader.pages) >= 3
    if text.startswith("R&D"):
        assert text in _flat(reader)


def test_a_donor_without_a_profile_reports_on_the_template_of_its_lines(db: Database) -> None:
    """A database upgraded to schema 0007 has EU lines but no profiles yet."""
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        session.execute(delete(DonorProfile))
        eu = session.scalars(select(BudgetTemplate).where(BudgetTemplate.code == "eu_2016")).one()
        eu_name = eu.name("en")

    report = EuFinancialReportService(db).build(grant_id, period_id, "en")

    assert report.template_name == eu_name
    assert report.donor_logo is None
    assert [h.number for h in report.headings][-1] == "11"


def test_a_donor_without_a_profile_or_lines_reports_on_the_simple_template(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        session.execute(delete(DonorProfile))
        session.execute(delete(Expenditure).where(Expenditure.grant_id == grant_id))
        session.execute(delete(BudgetLine).where(BudgetLine.grant_id == grant_id))
        simple = session.scalars(select(BudgetTemplate).where(BudgetTemplate.code == "simple"))
        simple_name = simple.one().name("sq")

    report = EuFinancialReportService(db).build(grant_id, period_id, "sq")
    text = _flat(_render(db, grant_id, period_id, "sq"))

    assert report.template_name == simple_name
    assert report.indirect_limit is None
    assert simple_name in text


def test_refuses_an_unknown_language_and_another_grants_period(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    other_grant, _other_period = _ids(db, contract="LHF-2025-017")
    service = EuFinancialReportService(db)

    with pytest.raises(ValidationError) as unknown:
        service.build(grant_id, period_id, "de")
    with pytest.raises(ValidationError) as elsewhere:
        service.build(other_grant, period_id, "en")

    assert "language" in unknown.value.errors
    assert "period" in elsewhere.value.errors


def test_the_report_formats_write_it_as_eu_financial(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    target = tmp_path / "financial.pdf"

    write_report(db, "eu-financial", grant_id, period_id, "sr_Latn", target)

    assert report_format("eu-financial").key == "eu-financial"
    assert CONTRACT in PdfReader(target).pages[0].extract_text()


def _png(width: int, height: int) -> bytes:
    """A small grey PNG, written by hand so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_the_donors_logo_from_its_profile_is_printed(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    logo = _png(40, 16)
    with db.transaction() as session:
        donor_id = session.get(Grant, grant_id).donor_id  # type: ignore[union-attr]
        eu = session.scalars(select(BudgetTemplate).where(BudgetTemplate.code == "eu_2016")).one()
        profile = session.scalars(
            select(DonorProfile).where(DonorProfile.organisation_id == donor_id)
        ).first() or DonorProfile(organisation_id=donor_id, budget_template=eu)
        profile.logo, profile.logo_media_type = logo, "image/png"
        session.add(profile)

    report = EuFinancialReportService(db).build(grant_id, period_id, "en")
    reader = _render(db, grant_id, period_id, "en")

    assert report.donor_logo == logo
    cover = reader.pages[0]["/Resources"].get_object()
    images = [
        name
        for name, item in cover.get("/XObject", {}).get_object().items()
        if item.get_object()["/Subtype"] == "/Image"
    ]
    assert images
