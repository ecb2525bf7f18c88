"""Printing a report only reads: a colleague saving a record at that moment neither waits
for the report nor makes it wait, however long a large office's report takes to gather."""

import sqlite3

import pytest
from sqlalchemy import select

from desktop.domain.grant import Grant
from desktop.domain.period import ReportingPeriod
from desktop.services.report_formats import report_formats
from desktop.store.database import Database
from desktop.store.demo import load_demo


@pytest.fixture
def office(sqlite_db: Database) -> Database:
    load_demo(sqlite_db)
    return sqlite_db


def test_every_report_gathers_its_figures_while_another_connection_writes(
    office: Database,
) -> None:
    with office.transaction() as session:
        grant_id, period_id = session.execute(
            select(Grant.id, ReportingPeriod.id)
            .join(ReportingPeriod, ReportingPeriod.grant_id == Grant.id)
            .where(Grant.contract_number == "2025/461-198", ReportingPeriod.label == "2026-Q1")
        ).one()
    assert office.path is not None
    writer = sqlite3.connect(office.path, timeout=0, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a colleague's save, not yet committed
    try:
        for report in report_formats():
            assert report.build(office, grant_id, period_id, "sq") is not None, report.key
    finally:
        writer.execute("ROLLBACK")
        writer.close()
