"""The quarterly progress report, read back from the PDF the way a donor's reader sees it."""

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from sqlalchemy import text as sql_text

import desktop.reports.quarterly as quarterly
from desktop.i18n import current_language, language_codes, set_language, translator_for
from desktop.i18n.catalog import Catalog
from desktop.i18n.formatting import format_date, format_money
from desktop.i18n.languages import language
from desktop.i18n.translator import Translator
from desktop.reports.data import (
    ActivityRow,
    BudgetRow,
    CaseCountRow,
    CommunityRow,
    IndicatorRow,
    QuarterlyReport,
    ResearchRow,
)
from desktop.reports.quarterly import render_quarterly
from desktop.services.reports import ReportService
from desktop.store.database import Database
from desktop.store.demo import load_demo

LANGUAGES = language_codes()
MakeReport = Callable[..., QuarterlyReport]


def _render(report: QuarterlyReport, folder: Path) -> PdfReader:
    path = folder / f"quarterly-{report.language}.pdf"
    render_quarterly(report, path)
    return PdfReader(path)


def _plain(text: str) -> str:
    """Extracted text with the no-break spaces of dates and amounts as plain spaces."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _pages(reader: PdfReader) -> list[str]:
    return [_plain(page.extract_text()) for page in reader.pages]


def _text(reader: PdfReader) -> str:
    return "\n".join(_pages(reader))


def _fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for reference in fonts.get_object().values():
            font = reference.get_object()
            yield font
            for descendant in font.get("/DescendantFonts", []):
                yield descendant.get_object()


@pytest.mark.parametrize("code", LANGUAGES)
def test_renders_in_each_language_with_its_own_place_names(
    code: str, make_report: MakeReport, tmp_path: Path
) -> None:
    expected = {
        "sq": ["Prishtinë", "Mitrovicë e Veriut", "Graçanicë"],
        "sr": ["Приштина", "Северна Митровица", "Грачаница"],
        "sr_Latn": ["Priština", "Severna Mitrovica", "Gračanica"],
        "en": ["Prishtinë/Priština", "Приштина"],
    }[code]

    text = _text(_render(make_report(code), tmp_path))

    for name in expected:
        assert name in text


def test_one_report_holds_every_spelling_of_prishtina(
    make_report: MakeReport, tmp_path: Path
) -> None:
    text = _text(_render(make_report("en"), tmp_path))

    assert "Prishtinë" in text
    assert "Priština" in text
    assert "Приштина" in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_contract_number_and_page_n_of_m_on_every_page(
    code: str, make_report: MakeReport, tmp_path: Path
) -> None:
    report = make_report(code)
    pages = _pages(_render(report, tmp_path))
    page_label = translator_for(code).gettext("Page {page} of {pages}")

    assert len(pages) >= 3
    footer = (
        translator_for(code)
        .gettext("Quarterly progress report {period} · Contract no. {number}")
        .format(period=report.period_label, number=report.contract_number)
    )
    for number, text in enumerate(pages, start=1):
        assert report.contract_number in text
        assert footer in text
        assert page_label.format(page=number, pages=len(pages)) in text


@pytest.mark.parametrize("code", ["sq", "sr"])
def test_every_font_is_embedded_and_none_is_helvetica(
    code: str, make_report: MakeReport, tmp_path: Path
) -> None:
    reader = _render(make_report(code), tmp_path)
    fonts = list(_fonts(reader))

    names = {str(font["/BaseFont"]) for font in fonts}
    assert not any("Helvetica" in name for name in names)
    assert any(name.endswith("DejaVuSans-Bold") for name in names)
    for font in fonts:
        if font["/Subtype"] == "/Type0":
            continue  # the descendant font carries the descriptor
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_dates_are_long_on_the_cover_and_money_in_the_report_language(
    code: str, make_report: MakeReport, tmp_path: Path
) -> None:
    report = make_report(code)
    text = _text(_render(report, tmp_path))
    total_budget = sum((row.budget for row in report.budget), Decimal(0))

    assert _plain(format_date(date(2026, 3, 31), code, "long")) in text
    assert _plain(format_date(date(2026, 4, 14), code, "long")) in text
    assert _plain(format_money(total_budget, "EUR", code)) in text


def test_metadata_names_title_author_and_language(make_report: MakeReport, tmp_path: Path) -> None:
    report = make_report("sr")
    reader = _render(report, tmp_path)

    assert reader.metadata is not None
    assert report.project_title in (reader.metadata.title or "")
    assert reader.metadata.author == "CSO Desk"
    assert reader.trailer["/Root"]["/Lang"] == language("sr").bcp47


def test_renders_into_a_stream(make_report: MakeReport) -> None:
    stream = BytesIO()

    render_quarterly(make_report("sq", activity_count=2), stream)

    assert stream.getvalue().startswith(b"%PDF")
    assert len(PdfReader(BytesIO(stream.getvalue())).pages) == 3


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_empty_report_still_renders_and_says_so(
    code: str, make_report: MakeReport, tmp_path: Path
) -> None:
    report = replace(
        make_report(code),
        partners=[],
        municipalities=[],
        summary="",
        activities=[],
        indicators=[],
        budget=[],
        research=[],
        challenges="",
        next_steps="",
        generated_on=None,
    )
    _ = translator_for(code).gettext

    text = " ".join(_text(_render(report, tmp_path)).split())

    assert _("No activities took place in this period.") in text
    assert _("No indicator values were reported for this period.") in text
    assert _("No budget has been recorded for this project.") in text


def _everywhere(report: QuarterlyReport, text: str) -> QuarterlyReport:
    """The report with ``text`` in every field a user can type into."""
    return replace(
        report,
        project_title=text,
        project_code=text,
        contract_number=text,
        donor=text,
        lead_organisation=text,
        partners=[text, text],
        period_label=text,
        municipalities=[text],
        summary=text,
        activities=[ActivityRow(date(2026, 2, 3), date(2026, 2, 4), text, text, text, 3, 4, 1)],
        indicators=[IndicatorRow(text, text, text, None, Decimal(10), Decimal(2), Decimal(5))],
        budget=[BudgetRow(text, Decimal(1000), Decimal(0), Decimal(250))],
        research=[ResearchRow(text, text, text, None)],
        communities=[CommunityRow(text, 2, 7, 1), CommunityRow(text, 30, 28, 0)],
        cases_by_category=[CaseCountRow(text, 2, 1)],
        cases_by_municipality=[CaseCountRow(text, 2, 1)],
        challenges=text,
        next_steps=text,
    )


@pytest.mark.parametrize("code", ["sq", "sr"])
def test_hostile_text_in_every_field_renders(
    code: str, hostile_text: str, make_report: MakeReport, tmp_path: Path
) -> None:
    reader = _render(_everywhere(make_report(code), hostile_text), tmp_path)

    assert len(reader.pages) >= 2
    assert _text(reader)


def test_markup_typed_by_users_is_printed_literally(
    make_report: MakeReport, tmp_path: Path
) -> None:
    literal = ["R&D < 5", "a<b", "<b>unclosed", "<para>", "&amp;", "{page}"]
    report = make_report("en", activity_count=2)
    report = replace(
        report,
        project_title=f"Safety & dialogue {literal[0]}",
        donor=literal[1],
        summary=f"{literal[2]}\n\n{literal[3]}",
        activities=[replace(report.activities[0], title=literal[4])],
        research=[replace(report.research[0], authors=literal[5])],
    )

    text = _text(_render(report, tmp_path))

    for fragment in literal:
        assert fragment in text


def test_report_language_is_not_the_interface_language(
    make_report: MakeReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    albanian = Translator(
        "sq",
        Catalog({"Summary": "Përmbledhje", "Page {page} of {pages}": "Faqja {page} nga {pages}"}),
    )
    monkeypatch.setattr(quarterly, "translator_for", lambda code: albanian)
    interface = current_language()
    set_language("sr")
    try:
        pages = _pages(_render(make_report("sq"), tmp_path))
    finally:
        set_language(interface)

    assert "Përmbledhje" in pages[1]
    assert f"Faqja 2 nga {len(pages)}" in pages[1]


def test_an_activity_without_a_municipality_prints_a_dash_not_an_empty_cell(
    make_report: MakeReport, tmp_path: Path
) -> None:
    report = make_report("en", activity_count=1)
    [activity] = report.activities
    report = replace(report, activities=[replace(activity, municipality="")])

    lines = [line.strip() for line in _text(_render(report, tmp_path)).splitlines()]

    row = lines[lines.index("Jan 5, 2026") :]
    cells_before_counts = row[: row.index(str(activity.women))]
    assert cells_before_counts[-1] == "—"


COMMUNITIES = [
    CommunityRow("Albanian", 50, 49, 0),
    CommunityRow("Serb", 29, 35, 0),
    CommunityRow("Roma", 2, 4, 0),
    CommunityRow("Ashkali", 0, 3, 1),
]


def test_small_community_counts_are_hidden_outside_the_office_only(
    make_report: MakeReport, tmp_path: Path
) -> None:
    report = replace(make_report("en", activity_count=2), communities=COMMUNITIES)
    outside = " ".join(_text(_render(report, tmp_path)).split())
    inside = " ".join(_text(_render(replace(report, internal=True), tmp_path)).split())

    assert "Roma < 5 < 5 0 6" in outside
    assert "Roma 2 4 0 6" in inside
    assert "< 5" not in inside
    assert "do not send to donors" in inside
    assert "do not send to donors" not in outside
    # Totals stay exact either way.
    assert "Total 81 91 1 173" in outside
    assert "Total 81 91 1 173" in inside


@pytest.mark.parametrize("code", LANGUAGES)
def test_cases_opened_and_resolved_by_category_and_municipality(
    code: str, make_report: MakeReport, tmp_path: Path
) -> None:
    _ = translator_for(code).gettext
    report = replace(
        make_report(code, activity_count=2),
        cases_by_category=[CaseCountRow("Road safety", 3, 1), CaseCountRow("Weapons", 1, 1)],
        cases_by_municipality=[CaseCountRow(MUNICIPALITY[code], 4, 2)],
    )

    text = " ".join(_text(_render(report, tmp_path)).split())

    assert _("Community-safety cases") in text
    assert f"{MUNICIPALITY[code]} 4 2" in text
    assert f"{_('Total')} 4 2" in text
    empty = replace(report, cases_by_category=[], cases_by_municipality=[])
    assert _("No cases were opened or resolved in this period.") in " ".join(
        _text(_render(empty, tmp_path)).split()
    )


MUNICIPALITY = {
    "en": "Prishtinë/Priština",
    "sq": "Prishtinë",
    "sr": "Приштина",
    "sr_Latn": "Priština",
}


def test_demo_communities_and_cases_equal_sql_and_name_nobody(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    demo = db
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
    outside, inside = _pdf_text(tmp_path / "external.pdf"), _pdf_text(tmp_path / "internal.pdf")

    assert "< 5" in outside
    assert "< 5" not in inside
    assert "do not send to donors" in inside
    assert "do not send to donors" not in outside
    assert f"Total {women:,} {men:,}" in outside and f"Total {women:,} {men:,}" in inside
    row = small[0]
    assert f"{row.community} {row.women} {row.men}" in inside
    assert f"{opened} case" in outside
    for name in names:
        assert name not in outside and name not in inside


def _sql(db: Database, statement: str, **params: object) -> list[Any]:
    with db.transaction() as session:
        return list(session.execute(sql_text(statement), params))


def _grant_and_period(db: Database, label: str) -> tuple[int, int]:
    [(grant, period)] = _sql(
        db,
        "SELECT g.id, p.id FROM grants g JOIN reporting_periods p ON p.grant_id = g.id"
        " WHERE g.contract_number = '2025/461-198' AND p.label = :label",
        label=label,
    )
    return grant, period


def _pdf_text(path: Path) -> str:
    return " ".join(_text(PdfReader(path)).split())
