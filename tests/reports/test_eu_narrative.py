"""The EU narrative report drawn from hand-built data, read back as a donor's reader sees it."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.domain.period import PeriodKind
from desktop.i18n import language_codes, translator_for
from desktop.reports.eu_narrative import activity_sentence, long_span, render_eu_narrative
from desktop.reports.eu_narrative_data import (
    Acronym,
    EuNarrativeReport,
    LogframeIndicator,
    LogframeResult,
    NarrativeActivity,
    Partner,
    TargetGroup,
)

CONTRACT = "2025/461-198"
PRISHTINA = {"en": "Prishtinë/Priština", "sq": "Prishtinë", "sr": "Приштина", "sr_Latn": "Priština"}
ZVECAN = {"en": "Zveçan/Zvečan", "sq": "Zveçan", "sr": "Звечан", "sr_Latn": "Zvečan"}


def _activity(language: str, **changes: object) -> NarrativeActivity:
    activity = NarrativeActivity(
        title="MCSC consultation",
        activity_type="Conference",
        municipality=PRISHTINA[language],
        start=date(2026, 3, 12),
        end=date(2026, 3, 13),
        women=23,
        men=19,
        other=0,
        carried_out_by="Centre for Community Safety",
        problems="The hall was booked twice; the municipality lent its assembly room.",
    )
    return replace(activity, **changes)  # type: ignore[arg-type]


def build_report(language: str, **changes: object) -> EuNarrativeReport:
    report = EuNarrativeReport(
        language=language,
        contract_number=CONTRACT,
        action_title="Safer Communities: strengthening MCSCs and civil society in Kosovo",
        donor="European Union Office in Kosovo",
        period_label="2026-Q1",
        period_kind=PeriodKind.QUARTERLY,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        due_on=date(2026, 4, 30),
        sent_on=None,
        coordinator="Peace and Safety Network",
        coordinator_acronym="PSN",
        contact_name="Arta Krasniqi",
        contact_title="Project manager",
        place=PRISHTINA[language],
        partners=(
            Partner("Centre for Community Safety", "QSB", "Co-applicant", 3),
            Partner("Together – Association for Youth and Safety", "", "Affiliated entity", 0),
            Partner("Kosovo Police", "PK", "Associate", 1, beneficiary=False),
        ),
        municipalities=(PRISHTINA[language], ZVECAN[language]),
        activity_municipalities=(PRISHTINA[language], ZVECAN[language]),
        acronyms=(Acronym("EU", "European Union"), Acronym("PSN", "Peace and Safety Network")),
        target_groups=(
            TargetGroup("Conference", 2, 30, 25, 0),
            TargetGroup("Fieldwork", 1, 6, 2, 0),
        ),
        results=(
            LogframeResult(
                "OC1",
                "Outcome",
                "MCSCs consult residents",
                (
                    LogframeIndicator(
                        "1.1", "Action plans adopted", "plans", Decimal(0), Decimal(6), Decimal(2)
                    ),
                    LogframeIndicator("1.2", "Residents consulted", "", None, Decimal(900), None),
                ),
            ),
        ),
        activities=(
            _activity(language),
            _activity(
                language,
                municipality=ZVECAN[language],
                start=date(2026, 3, 19),
                end=date(2026, 3, 19),
                women=6,
                men=2,
                problems="",
                carried_out_by="",
            ),
        ),
        summary="Six MCSCs consulted residents.\n\nTwo adopted action plans.",
        challenges="Tensions in the north postponed one event.",
        changes="",
        cooperation="The Kosovo Police took part in every dialogue event.",
        visibility="",
        records="",
        next_steps="A second consultation with the ministry.",
    )
    return replace(report, **changes)  # type: ignore[arg-type]


def _spaced(text: str) -> str:
    """No-break and thin spaces (which keep dates on one line) as plain ones."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text)


def _text(path: Path) -> str:
    """The PDF's text, its spaces plain and runs of them single."""
    pages = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", _spaced(pages).replace("<5", "< 5"))


def _render(report: EuNarrativeReport, folder: Path, name: str = "narrative") -> Path:
    path = folder / f"{name}-{report.language}.pdf"
    render_eu_narrative(report, path)
    return path


@pytest.mark.parametrize("code", language_codes())
def test_prints_every_section_in_the_reports_language(code: str, tmp_path: Path) -> None:
    t = translator_for(code)
    path = _render(build_report(code), tmp_path)
    text = _text(path)
    for heading in (
        "Interim narrative report",
        "Table of contents",
        "List of acronyms",
        "Description",
        "Assessment of implementation of action activities",
        "Executive summary of the action",
        "Results and the updated logframe",
        "Beneficiaries, affiliated entities and other cooperation",
        "Visibility",
        "Location of records",
        "Work plan for the next period",
        "Contract number",
        "Reporting period",
    ):
        assert " ".join(t.gettext(heading).split()) in " ".join(text.split())
    assert PRISHTINA[code] in text
    assert t.gettext("Not applicable to an interim report.") in text


def test_only_beneficiaries_are_named_in_1_3_and_every_partner_in_3(tmp_path: Path) -> None:
    text = _text(_render(build_report("en"), tmp_path))
    description = text[text.index("1.3 Name") : text.index("1.4 Title")]
    assert "Centre for Community Safety: Co-applicant" in description
    assert "Kosovo Police" not in description
    cooperation = text[text.rindex("3 Beneficiaries") :]
    assert "Kosovo Police PK Associate 1" in cooperation


def test_a_final_period_prints_a_final_report_with_its_records(tmp_path: Path) -> None:
    report = build_report("en", period_kind=PeriodKind.FINAL, records="Archive room, PSN office")
    text = _text(_render(report, tmp_path))
    assert "Final narrative report" in text
    assert "Interim narrative report" not in text
    assert "Archive room, PSN office" in text
    assert "Not applicable to an interim report." not in text


def test_the_contract_number_is_in_every_footer(tmp_path: Path) -> None:
    reader = PdfReader(_render(build_report("sr"), tmp_path))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert CONTRACT in page.extract_text()


def test_the_table_of_contents_lists_the_sections_with_their_pages(tmp_path: Path) -> None:
    reader = PdfReader(_render(build_report("en"), tmp_path))
    contents = reader.pages[1].extract_text()
    for entry in ("1 Description", "2.3 Activities and their results", "4 Visibility"):
        assert re.search(re.escape(entry) + r"[ .]*\d+", " ".join(contents.split()))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "1 Description" in outline


def test_an_activity_reads_as_one_sentence_in_the_donors_style() -> None:
    t = translator_for("en")
    assert _spaced(activity_sentence(_activity("en"), False, t)) == (
        "Conference in Prishtinë/Priština with 42 participants (23 women, 19 men) for 2 days"
        " on March 12 – 13, 2026"
    )
    one_day = _activity("en", end=date(2026, 3, 12), municipality="")
    assert _spaced(activity_sentence(one_day, False, t)) == (
        "Conference with 42 participants (23 women, 19 men) on March 12, 2026"
    )


def test_a_small_count_of_women_or_men_is_left_out_for_outside_readers() -> None:
    t = translator_for("en")
    small = _activity("en", women=6, men=2, end=date(2026, 3, 12))
    assert _spaced(activity_sentence(small, False, t)) == (
        "Conference in Prishtinë/Priština with 8 participants on March 12, 2026"
    )
    assert _spaced(activity_sentence(small, True, t)) == (
        "Conference in Prishtinë/Priština with 8 participants (6 women, 2 men) on March 12, 2026"
    )


def test_one_woman_or_one_man_reads_in_the_singular() -> None:
    """An office's own report may show a single participant; English must not say "1 women"."""
    t = translator_for("en")
    single = _activity("en", women=1, men=7, end=date(2026, 3, 12))
    assert _spaced(activity_sentence(single, True, t)) == (
        "Conference in Prishtinë/Priština with 8 participants (1 woman, 7 men) on March 12, 2026"
    )
    sr = translator_for("sr")
    one_man = _activity("sr", women=21, men=1, end=date(2026, 3, 12))
    sentence = _spaced(activity_sentence(one_man, True, sr))
    assert "21 жена" in sentence and "1 мушкарац" in sentence


def test_the_target_groups_hide_small_counts_but_keep_totals(tmp_path: Path) -> None:
    outside = _text(_render(build_report("en"), tmp_path, "outside"))
    internal = _text(_render(build_report("en", internal=True), tmp_path, "internal"))
    # A hidden count may not be the only unknown of its row or its column.
    assert "Conference 2 x x 55" in outside
    assert "Fieldwork 1 x < 5 8" in outside
    assert "Fieldwork 1 6 2 8" in internal
    assert "Total 3 36 27 63" in outside
    assert "63 participants (36 women, 27 men)" in outside
    assert "Total 3 36 27 63" in internal


def test_a_single_target_group_keeps_its_small_counts_out_of_the_totals(tmp_path: Path) -> None:
    report = build_report("en", target_groups=(TargetGroup("Fieldwork", 1, 6, 2, 0),))
    text = _text(_render(report, tmp_path))
    assert "Fieldwork 1 x < 5 8" in text
    assert "6 women" not in text and "Total 1 6 2" not in text
    assert "8 participants took part" in text


@pytest.mark.parametrize("code", ["en", "sq", "sr", "sr_Latn"])
def test_spans_of_days_write_the_month_out(code: str) -> None:
    span = long_span(date(2026, 3, 12), date(2026, 3, 13), code)
    month = {"en": "March", "sq": "mars", "sr": "март", "sr_Latn": "mart"}[code]
    assert month in span
    assert "13" in span and "12" in span


def test_every_font_is_embedded(tmp_path: Path) -> None:
    reader = PdfReader(_render(build_report("sr"), tmp_path))
    for page in reader.pages:
        for reference in page["/Resources"].get_object()["/Font"].get_object().values():
            font = reference.get_object()
            assert "Helvetica" not in str(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_hostile_text_in_every_field_still_prints(hostile_text: str, tmp_path: Path) -> None:
    sections = ("summary", "challenges", "changes", "cooperation", "visibility", "records")
    texts = {
        name: hostile_text * 4 if len(hostile_text) < 50 else hostile_text for name in sections
    }
    report = build_report(
        "sr",
        period_kind=PeriodKind.FINAL,
        next_steps="Long paragraph. " * 1250,
        action_title=hostile_text,
        coordinator=hostile_text,
        contact_name=hostile_text,
        place=hostile_text,
        partners=(Partner(hostile_text, hostile_text, hostile_text, 1),),
        acronyms=(Acronym(hostile_text, hostile_text),),
        target_groups=(TargetGroup(hostile_text, 1, 3, 0, 0),),
        results=(
            LogframeResult(
                hostile_text,
                hostile_text,
                hostile_text,
                (LogframeIndicator(hostile_text, hostile_text, hostile_text, None, None, None),),
            ),
        ),
        activities=(
            _activity(
                "sr",
                title=hostile_text,
                activity_type=hostile_text,
                municipality=hostile_text,
                carried_out_by=hostile_text,
                problems=hostile_text + " " + "y" * 300,
            ),
        ),
        **texts,
    )
    path = _render(report, tmp_path)
    text = _text(path)
    assert CONTRACT in text
    assert "None" not in text
    assert translator_for("sr").gettext("Final narrative report") in text


@pytest.mark.parametrize("code", language_codes())
def test_a_period_with_nothing_recorded_says_so_under_every_heading(
    code: str, tmp_path: Path
) -> None:
    t = translator_for(code)
    report = build_report(
        code,
        partners=(),
        acronyms=(),
        target_groups=(),
        results=(),
        activities=(),
        municipalities=(),
        activity_municipalities=(),
        contact_name="",
        contact_title="",
        place="",
        summary="",
        challenges=" \n ",
        cooperation="",
        next_steps="",
    )
    text = _text(_render(report, tmp_path))
    assert " ".join(t.gettext("No activities took place in this period.").split()) in text
    assert " ".join(t.gettext("No indicators have been set for this action.").split()) in text
    assert text.count(t.gettext("Not reported")) >= 8
    assert "None" not in text
