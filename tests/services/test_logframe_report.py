"""The logframe report on the demo office, its figures checked against SQL."""

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
from desktop.services.errors import ValidationError
from desktop.services.logframe_report import LogframeReportService
from desktop.services.report_formats import write_report
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


def _text_of(extracted: str) -> str:
    return " ".join(re.sub(r"[\u00a0\u202f]", " ", extracted).split())


def _text(path: Path) -> str:
    return _text_of(" ".join(page.extract_text() for page in PdfReader(path).pages))


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
    pages = [_text_of(page.extract_text()) for page in PdfReader(path).pages]
    text = " ".join(pages)

    for heading in ("Results chain", "Indicators", "Sources and means of verification"):
        assert _(heading) in text
    footer = _("Logframe {period} · Contract no. {number}").format(
        period="2026-Q2", number=CONTRACT
    )
    assert all(footer in page for page in pages)
    titles = [
        _("Overall objective (impact)"),
        _("Specific objectives (outcomes)"),
        _("Outputs"),
        _("Activities"),
    ]
    starts = [text.index(title) for title in titles]
    assert starts == sorted(starts)
    levels = [Level.OBJECTIVE, Level.OUTCOME, Level.OUTPUT]
    for result in report.results:
        number = levels.index(result.level)
        for indicator in result.indicators:
            where = text.index(f"{indicator.code} ")
            assert starts[number] < where < starts[number + 1], indicator.code


def test_values_by_sex_are_printed_where_every_approved_value_recorded_them(
    demo: Database, tmp_path: Path
) -> None:
    grant, period = _grant_and_period(demo, "2026-Q2")
    [(indicator, code)] = _sql(
        demo,
        """
        SELECT i.id, i.code FROM indicators i JOIN results r ON r.id = i.result_id
         WHERE r.project_id = (SELECT project_id FROM grants WHERE id = :grant)
           AND COALESCE(i.baseline, 0) = 0
         ORDER BY i.code LIMIT 1
        """,
        grant=grant,
    )
    with demo.transaction() as session:
        session.execute(
            text(
                "UPDATE indicator_values SET women = value - FLOOR(value / 3),"
                " men = FLOOR(value / 3) WHERE indicator_id = :indicator"
            ),
            {"indicator": indicator},
        )
    [(value, women, men)] = _sql(
        demo,
        """
        SELECT SUM(v.value), SUM(v.women), SUM(v.men) FROM indicator_values v
          JOIN reporting_periods p ON p.id = v.period_id
         WHERE v.indicator_id = :indicator AND v.status = 'approved' AND p.grant_id = :grant
           AND p.end_date <= (SELECT end_date FROM reporting_periods WHERE id = :period)
        """,
        indicator=indicator,
        grant=grant,
        period=period,
    )
    report = LogframeReportService(demo).build(grant, period, "en")
    path = tmp_path / "logframe.pdf"
    render_logframe(report, path)

    [figure] = [i.current for r in report.results for i in r.indicators if i.code == code]
    assert (figure.value, figure.women, figure.men) == tuple(
        Decimal(str(n)).quantize(Decimal("0.01")) for n in (value, women, men)
    )
    expected = f"{int(value)} ({int(women)} women, {int(men)} men)"
    assert expected in _text(path)


def test_registered_as_logframe_and_refuses_a_period_of_another_grant(
    demo: Database, tmp_path: Path
) -> None:
    grant, period = _grant_and_period(demo, "2026-Q1")
    path = tmp_path / "logframe.pdf"

    write_report(demo, "logframe", grant, period, "sq", path)

    assert CONTRACT in _text(path)
    [(other,)] = _sql(
        demo,
        "SELECT MIN(p.id) FROM reporting_periods p WHERE p.grant_id <> :grant",
        grant=grant,
    )
    with pytest.raises(ValidationError) as raised:
        LogframeReportService(demo).build(grant, other, "sq")
    assert "period" in raised.value.errors
    with pytest.raises(ValidationError):
        LogframeReportService(demo).build(grant, period, "de")
