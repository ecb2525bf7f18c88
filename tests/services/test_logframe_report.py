"""The logframe and the quarterly report's new parts on the demo office, against SQL."""

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from desktop.domain.results import ResultLevel
from desktop.i18n import language_codes, translator_for
from desktop.reports.logframe import render_logframe
from desktop.reports.logframe_data import Level
from desktop.reports.quarterly import render_quarterly
from desktop.services.logframe_report import LogframeReportService
from desktop.services.reports import ReportService
from desktop.store.database import Database
from desktop.store.demo import load_demo

CONTRACT = "2025/461-198"


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def _sql(db: Database, statement: str, **params: Any) -> list[Any]:
    with db.transaction() as session:
        return list(session.execute(text(statement), params))


def _grant_and_period(db: Database, label: str) -> tuple[int, int]:
    [(grant, period)] = _sql(
        db,
        "SELECT g.id, p.id FROM grants g JOIN reporting_periods p ON p.grant_id = g.id"
        " WHERE g.contract_number = :number AND p.label = :label",
        number=CONTRACT,
        label=label,
    )
    return grant, period


def _text(path: Path) -> str:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return " ".join(re.sub(r"[\u00a0\u202f]", " ", " ".join(pages)).split())


def test_logframe_lists_every_indicator_under_its_level_with_sql_sums(demo: Database) -> None:
    grant, period = _grant_and_period(demo, "2026-Q2")
    expected = {
        (level, code): (
            Decimal(str(baseline or 0)) + Decimal(str(total)) if total is not None else None
        )
        for level, code, baseline, total in _sql(
            demo,
            """
            SELECT r.level, i.code, i.baseline,
                   (SELECT SUM(v.value) FROM indicator_values v
                      JOIN reporting_periods p ON p.id = v.period_id
                     WHERE v.indicator_id = i.id AND v.status = 'approved'
                       AND p.grant_id = :grant
                       AND p.end_date <=
                           (SELECT end_date FROM reporting_periods WHERE id = :period))
              FROM indicators i JOIN results r ON r.id = i.result_id
             WHERE r.project_id = (SELECT project_id FROM grants WHERE id = :grant)
            """,
            grant=grant,
            period=period,
        )
    }
    report = LogframeReportService(demo).build(grant, period, "en")

    printed = {
        (result.level.value, indicator.code): indicator.current.value
        for result in report.results
        for indicator in result.indicators
    }
    assert len(expected) >= 5
    assert printed == expected
    assert {level.value for level in Level} == {level.value for level in ResultLevel}


@pytest.mark.parametrize("code", language_codes())
def test_logframe_pdf_in_each_language(demo: Database, code: str, tmp_path: Path) -> None:
    grant, period = _grant_and_period(demo, "2026-Q2")
    report = LogframeReportService(demo).build(grant, period, code)
    path = tmp_path / "logframe.pdf"
    render_logframe(report, path)
    _ = translator_for(code).gettext

    text = _text(path)

    assert _("Results chain") in text
    assert _("Specific objectives (outcomes)") in text
    assert text.count(CONTRACT) >= len(PdfReader(path).pages)
    for result in report.results:
        for indicator in result.indicators:
            assert indicator.code in text


def test_quarterly_communities_and_cases_equal_sql_and_name_nobody(
    demo: Database, tmp_path: Path
) -> None:
    grant, period = _grant_and_period(demo, "2026-Q1")
    [(start, end, project)] = _sql(
        demo,
        "SELECT p.start_date, p.end_date, g.project_id FROM reporting_periods p"
        " JOIN grants g ON g.id = p.grant_id WHERE p.id = :period",
        period=period,
    )
    communities = _sql(
        demo,
        """
        SELECT SUM(CASE WHEN c.gender = 'female' THEN c.count ELSE 0 END),
               SUM(CASE WHEN c.gender = 'male' THEN c.count ELSE 0 END), SUM(c.count)
          FROM participant_counts c JOIN activities a ON a.id = c.activity_id
         WHERE a.project_id = :project AND a.archived_at IS NULL
           AND a.start_date <= :end AND a.end_date >= :start
        """,
        project=project,
        start=start,
        end=end,
    )
    [(opened, resolved)] = _sql(
        demo,
        """
        SELECT SUM(CASE WHEN opened_on BETWEEN :start AND :end THEN 1 ELSE 0 END),
               SUM(CASE WHEN resolved_on BETWEEN :start AND :end THEN 1 ELSE 0 END)
          FROM cases WHERE project_id = :project AND archived_at IS NULL
        """,
        project=project,
        start=start,
        end=end,
    )
    # Who raised a case; an organisation that raised one may be named as a partner anyway.
    names = [
        row[0]
        for row in _sql(
            demo,
            "SELECT raised_by FROM cases WHERE raised_by <> '' AND project_id = :project"
            " AND raised_by NOT IN (SELECT name_en FROM organisations)",
            project=project,
        )
    ]
    assert names
    service = ReportService(demo)
    external = service.quarterly(grant, period, "en")
    internal = service.quarterly(grant, period, "en", internal=True)

    [(women, men, total)] = communities
    assert sum(row.women for row in external.communities) == women
    assert sum(row.men for row in external.communities) == men
    assert sum(r.women + r.men + r.other for r in external.communities) == total
    assert sum(row.opened for row in external.cases_by_category) == (opened or 0)
    assert sum(row.resolved for row in external.cases_by_municipality) == (resolved or 0)
    small = [row for row in external.communities if 0 < row.women < 5 or 0 < row.men < 5]
    assert small, "the demo has a small community to hide"

    render_quarterly(external, tmp_path / "external.pdf")
    render_quarterly(internal, tmp_path / "internal.pdf")
    outside, inside = _text(tmp_path / "external.pdf"), _text(tmp_path / "internal.pdf")

    assert "< 5" in outside
    assert "< 5" not in inside
    assert f"Total {women:,} {men:,}" in outside and f"Total {women:,} {men:,}" in inside
    row = small[0]
    assert f"{row.community} {row.women} {row.men}" in inside
    assert f"{opened} case" in outside
    for name in names:
        assert name not in outside and name not in inside
