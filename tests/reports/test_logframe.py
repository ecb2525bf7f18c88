"""The logframe report drawn from plain data, read back from the PDF as a donor reads it."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.i18n import language_codes, translator_for
from desktop.reports.logframe import render_logframe
from desktop.reports.logframe_data import (
    ActivityTypeSummary,
    Figure,
    Level,
    LogframeIndicator,
    LogframeReport,
    LogframeResult,
)

CONTRACT = "2025/461-198"


def _indicator(code: str, current: Figure, text: str = "") -> LogframeIndicator:
    return LogframeIndicator(
        code=code,
        name=text or f"Indicator {code}: people who took part in MCSC consultations",
        unit="people",
        baseline=Decimal(0),
        baseline_year=2024,
        current=current,
        target=Decimal(400),
        target_year=2027,
        means_of_verification=text or "Attendance lists; MCSC minutes",
    )


def _report(language: str, text: str = "", results: int = 6) -> LogframeReport:
    levels = [Level.OBJECTIVE, Level.OUTCOME, Level.OUTPUT]
    return LogframeReport(
        language=language,
        project_title=text or "Safer Communities",
        project_code="CSK-2025-01",
        contract_number=CONTRACT,
        donor=text or "European Union Office in Kosovo",
        period_label="2026-Q1",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        results=[
            LogframeResult(
                level=levels[min(number, 2)],
                code=f"R{number}",
                text=text or f"Result {number}: MCSCs consult communities and act on it",
                assumptions=text or "Municipalities keep funding their MCSCs",
                indicators=[
                    _indicator(f"R{number}.1", Figure(Decimal(12), Decimal(7), Decimal(5)), text),
                    _indicator(f"R{number}.2", Figure(Decimal(3)), text),
                    _indicator(f"R{number}.3", Figure(None), text),
                ],
            )
            for number in range(results)
        ],
        activities=[ActivityTypeSummary(text or "Training", 12, 340, 180, 150)],
        generated_on=date(2026, 4, 2),
    )


def _pages(report: LogframeReport, folder: Path) -> list[str]:
    path = folder / f"logframe-{report.language}.pdf"
    render_logframe(report, path)
    reader = PdfReader(path)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    return [" ".join(page.extract_text().replace("\u00a0", " ").split()) for page in reader.pages]


@pytest.mark.parametrize("code", language_codes())
def test_headings_in_the_language_and_the_contract_in_every_footer(
    code: str, tmp_path: Path
) -> None:
    _ = translator_for(code).gettext
    pages = _pages(_report(code, results=14), tmp_path)
    text = " ".join(pages)

    assert len(pages) >= 2
    footer = _("Logframe {period} · Contract no. {number}").format(
        period="2026-Q1", number=CONTRACT
    )
    for page in pages:
        assert footer in page
    for heading in (
        "Results chain",
        "Indicators",
        "Sources and means of verification",
        "Assumptions",
        "Overall objective (impact)",
        "Specific objectives (outcomes)",
        "Outputs",
        "Activities",
    ):
        assert _(heading) in text, heading


def test_values_by_sex_where_recorded_and_a_dash_where_missing(tmp_path: Path) -> None:
    text = " ".join(_pages(_report("en", results=1), tmp_path))

    assert "12 (7 women, 5 men)" in text
    assert "340 participants (180 women, 150 men)" in text
    assert "(2024)" in text and "(2027)" in text
    assert "—" in text


def test_a_result_without_indicators_and_an_empty_level_print(tmp_path: Path) -> None:
    report = _report("sr", results=1)
    report = replace(report, results=[replace(report.results[0], indicators=[])], activities=[])

    text = " ".join(_pages(report, tmp_path))

    assert "R0" in text


HOSTILE = {
    "markup": "<b>R&D < 5 & a<b",
    "long": "word " * 4000,
    "long-word": "x" * 300,
    "emoji": "😀 🇽🇰 👩‍👩‍👧",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_texts_give_a_valid_pdf(text: str, tmp_path: Path) -> None:
    pages = _pages(_report("sr", text=text, results=3), tmp_path)

    assert pages and CONTRACT in pages[-1]
    if text.startswith("<b>"):
        assert "<b>R&D < 5 & a<b" in " ".join(pages)


def test_no_page_ends_with_a_level_title(tmp_path: Path) -> None:
    titles = {"Specific objectives (outcomes)", "Outputs", "Activities"}
    report = _report("en", results=1)
    objective = report.results[0]
    for count in range(1, 7):
        results = [replace(objective, indicators=objective.indicators[:2])] * count + [
            replace(objective, level=level, code=f"{level.value}-{n}")
            for n, level in enumerate([Level.OUTCOME] * 4 + [Level.OUTPUT] * 4)
        ]
        path = tmp_path / f"logframe-{count}.pdf"
        render_logframe(replace(report, results=results), path)
        for page in PdfReader(path).pages[:-1]:
            lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
            # The running header and footer are extracted last; leave them out.
            body = [
                line
                for line in lines
                if CONTRACT not in line
                and not line.startswith("Page ")
                and line != report.project_title
            ]
            assert body[-1] not in titles, (count, body[-3:])


def test_fonts_embedded_metadata_and_outline(tmp_path: Path) -> None:
    path = tmp_path / "logframe.pdf"
    render_logframe(_report("sr"), path)
    reader = PdfReader(path)

    fonts = [
        font.get_object()
        for page in reader.pages
        for font in page["/Resources"].get_object().get("/Font", {}).get_object().values()
    ]
    assert fonts
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object()
    assert reader.metadata is not None
    assert "Safer Communities" in (reader.metadata.title or "")
    assert reader.metadata.author == "CSO Desk"
    assert str(reader.trailer["/Root"]["/Lang"]).startswith("sr")
    assert [item.title for item in reader.outline] == [
        translator_for("sr").gettext("Logframe"),
        translator_for("sr").gettext("Results matrix"),
    ]
