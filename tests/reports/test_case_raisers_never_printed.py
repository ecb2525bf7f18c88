"""No donor report prints who raised a case or how to reach them, in any format, period or
language, for the office or for the donor; printing one writes no VIEW entry either.
"""

import re
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from desktop.domain import AuditEntry, Case, Grant, ReportingPeriod
from desktop.domain.audit import AuditAction
from desktop.domain.case import CASE_CATEGORY_LABELS
from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.cases import CaseService
from desktop.services.report_formats import report_formats, write_report
from desktop.store.database import Database
from desktop.store.demo import load_demo

CONTRACT = "2025/461-198"
ADMIN = Actor("arta", Role.ADMIN)


def _text(path: Path) -> str:
    pages = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f\u2009]", " ", pages))


def _people_raise_every_case(db: Database) -> list[str]:
    """Give every demo case a person's name and contact, through the service, so a leak
    would be one a reader of the PDF sees; the values to look for."""
    service = CaseService(db, ADMIN)
    with db.transaction() as session:
        ids = list(session.scalars(select(Case.id).order_by(Case.id)))
    values = []
    for number, case_id in enumerate(ids, start=1):
        details = service.get(case_id)
        details.form.raised_by = f"Valbona Raiserova {number}"
        details.form.raised_by_contact = f"+383 44 000 9{number:02d}, raiser{number}@example.org"
        service.update(case_id, details.form, details.version)
        values += [details.form.raised_by, f"+383 44 000 9{number:02d}", f"raiser{number}@"]
    return values


def test_no_report_prints_who_raised_a_case(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    secrets = _people_raise_every_case(db)
    with db.transaction() as session:
        grant_id = session.scalar(select(Grant.id).where(Grant.contract_number == CONTRACT))
        periods = list(
            session.scalars(
                select(ReportingPeriod.id)
                .where(ReportingPeriod.grant_id == grant_id)
                .order_by(ReportingPeriod.start_date)
            )
        )
        views_before = session.scalar(
            select(AuditEntry.id)
            .where(AuditEntry.action == AuditAction.VIEW)
            .order_by(AuditEntry.id.desc())
        )
    assert len(periods) == 4
    printed = []
    for report in report_formats():
        for period_id in periods:
            for internal in (False, True):
                for language in ("en", "sr") if period_id == periods[-1] else ("en",):
                    path = tmp_path / f"{report.key}-{period_id}-{internal}-{language}.pdf"
                    write_report(
                        db, report.key, grant_id, period_id, language, path, internal=internal
                    )
                    text = _text(path)
                    printed.append(text)
                    leaks = [value for value in secrets if value in text]
                    assert not leaks, (report.key, period_id, internal, language, leaks)
                    assert "Raiserova" not in text and "Раисерова" not in text
    assert {report.key for report in report_formats()} >= {
        "quarterly",
        "eu-narrative",
        "eu-financial",
        "logframe",
    }
    # The reports do speak of the cases (by category), so the check above means something.
    categories = list(CASE_CATEGORY_LABELS.values())
    assert any(label in text for text in printed for label in categories)
    with db.transaction() as session:
        views_after = session.scalar(
            select(AuditEntry.id)
            .where(AuditEntry.action == AuditAction.VIEW)
            .order_by(AuditEntry.id.desc())
        )
    assert views_after == views_before  # no report read the names
