"""The EU narrative report of the demo grant, gathered from the database and read back from
the PDF, on SQLite and PostgreSQL."""

import re
import struct
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from sqlalchemy import select, text, update

from desktop.domain.activity import Activity
from desktop.domain.base import TEXT_LENGTH
from desktop.domain.grant import Grant
from desktop.domain.organisation import DonorProfile
from desktop.domain.period import NarrativeSection, NarrativeText, PeriodKind, ReportingPeriod
from desktop.domain.person import Person
from desktop.domain.reference import BudgetTemplate
from desktop.i18n import language_codes, translator_for
from desktop.reports.eu_narrative import render_eu_narrative
from desktop.services.errors import ValidationError
from desktop.services.eu_narrative_report import EuNarrativeReportService
from desktop.services.report_formats import write_report
from desktop.store.database import Database
from desktop.store.demo import load_demo

CONTRACT = "2025/461-198"
PRISHTINA = {"en": "Prishtinë/Priština", "sq": "Prishtinë", "sr": "Приштина", "sr_Latn": "Priština"}
CYRILLIC = re.compile("[\u0400-\u04ff]")

# Women and men at the activities of a period that overlap it, summed straight from the tables.
SEX_SUMS = """
    SELECT COALESCE(SUM(CASE WHEN pc.gender = 'female' THEN pc.count ELSE 0 END), 0),
           COALESCE(SUM(CASE WHEN pc.gender = 'male' THEN pc.count ELSE 0 END), 0)
    FROM participant_counts pc
    JOIN activities a ON a.id = pc.activity_id
    JOIN grants g ON g.project_id = a.project_id
    JOIN reporting_periods p ON p.grant_id = g.id
    WHERE p.id = :period AND a.archived_at IS NULL
      AND a.start_date <= p.end_date AND a.end_date >= p.start_date
"""

# Text a user can type that has broken reportlab documents elsewhere.
HOSTILE = [
    "R&D < 5 & <b>bold",
    "a<b",
    "<para>",
    "x" * 300,
    "😀 🇽🇰 👩‍👩‍👧",
    "Long paragraph. " * 1250,
    "",
    "</para></font> {page} {0} {",
]


def _ids(db: Database, label: str = "2026-Q1") -> tuple[int, int]:
    with db.transaction() as session:
        grant = session.scalar(select(Grant).where(Grant.contract_number == CONTRACT))
        assert grant is not None
        period = session.scalar(
            select(ReportingPeriod).where(
                ReportingPeriod.grant_id == grant.id, ReportingPeriod.label == label
            )
        )
        assert period is not None
        return grant.id, period.id


def _text(reader: PdfReader) -> str:
    pages = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f\u2009]", " ", pages))


def _fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for reference in fonts.get_object().values():
            font = reference.get_object()
            yield font
            for descendant in font.get("/DescendantFonts", []):
                yield descendant.get_object()


@pytest.mark.parametrize("code", language_codes())
def test_the_demo_grants_report_in_each_language(db: Database, code: str, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    t = translator_for(code)
    report = EuNarrativeReportService(db).build(grant_id, period_id, code)
    path = tmp_path / f"narrative-{code}.pdf"
    render_eu_narrative(report, path)
    reader = PdfReader(path)
    whole = _text(reader)

    for heading in (
        "Interim narrative report",
        "Table of contents",
        "List of acronyms",
        "Description",
        "Assessment of implementation of action activities",
        "Results and the updated logframe",
        "Beneficiaries, affiliated entities and other cooperation",
        "Visibility",
        "Location of records",
        "Work plan for the next period",
    ):
        assert " ".join(t.gettext(heading).split()) in whole
    for page in reader.pages:
        assert CONTRACT in page.extract_text()
    contents = " ".join(reader.pages[1].extract_text().split())
    assert re.search(r"1\s+" + re.escape(t.gettext("Description")) + r"[ .]*\d", contents)

    with db.transaction() as session:
        women, men = session.execute(text(SEX_SUMS), {"period": period_id}).one()
    assert (
        sum(g.women for g in report.target_groups),
        sum(g.men for g in report.target_groups),
    ) == (
        women,
        men,
    )
    assert sum(a.women for a in report.activities) == women
    assert sum(a.men for a in report.activities) == men
    assert women > 0 and men > 0

    assert PRISHTINA[code] in whole
    if code == "sr":
        assert "Priština" not in whole
    else:
        assert not CYRILLIC.search(whole), CYRILLIC.search(whole)

    fonts = list(_fonts(reader))
    assert fonts
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_one_activity_of_the_demo_as_the_donor_reads_it(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        name, women, men = session.execute(
            text(
                """
                SELECT t.name_en,
                       SUM(CASE WHEN pc.gender = 'female' THEN pc.count ELSE 0 END),
                       SUM(CASE WHEN pc.gender = 'male' THEN pc.count ELSE 0 END)
                FROM activities a
                JOIN activity_types t ON t.id = a.activity_type_id
                JOIN municipalities m ON m.id = a.municipality_id
                JOIN participant_counts pc ON pc.activity_id = a.id
                WHERE a.start_date = :day AND m.code = 'prishtine'
                GROUP BY t.name_en
                """
            ),
            {"day": date(2026, 2, 17)},
        ).one()
    report = EuNarrativeReportService(db).build(grant_id, period_id, "en")
    path = tmp_path / "narrative.pdf"
    render_eu_narrative(report, path)

    expected = (
        f"{name} in Prishtinë/Priština with 46 participants ({women} women, {men} men)"
        " on February 17, 2026"
    )
    assert expected in _text(PdfReader(path))


def test_a_final_period_prints_where_the_records_are(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db, "2026-Q4")
    with db.transaction() as session:
        session.execute(
            update(ReportingPeriod)
            .where(ReportingPeriod.id == period_id)
            .values(kind=PeriodKind.FINAL, sent_on=date(2027, 1, 28))
        )
        session.add(
            NarrativeText(
                period_id=period_id,
                section=NarrativeSection.RECORDS,
                language="en",
                text="Originals are kept at the PSN office for seven years.",
            )
        )
    report = EuNarrativeReportService(db).build(grant_id, period_id, "sq")
    path = tmp_path / "final.pdf"
    render_eu_narrative(report, path)
    whole = _text(PdfReader(path))

    t = translator_for("sq")
    assert t.gettext("Final narrative report") in whole
    assert "Originals are kept at the PSN office for seven years." in whole
    assert "2027" in whole  # the date it was sent


def test_hostile_texts_in_every_section_and_activity_still_print(
    db: Database, tmp_path: Path
) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        session.execute(
            text("DELETE FROM narrative_texts WHERE period_id = :period"), {"period": period_id}
        )
        for index, section in enumerate(NarrativeSection):
            session.add(
                NarrativeText(
                    period_id=period_id,
                    section=section,
                    language="sr",
                    text=HOSTILE[(index + 2) % len(HOSTILE)],
                )
            )
        activities = session.scalars(
            select(Activity).where(
                Activity.start_date >= date(2026, 1, 1), Activity.start_date <= date(2026, 3, 31)
            )
        ).all()
        for index, activity in enumerate(activities):
            hostile = HOSTILE[index % len(HOSTILE)]
            activity.name_sr = (hostile or "x")[:TEXT_LENGTH]
            activity.problems = HOSTILE[(index + 3) % len(HOSTILE)]

    for internal in (False, True):
        report = EuNarrativeReportService(db).build(grant_id, period_id, "sr", internal=internal)
        path = tmp_path / f"hostile-{internal}.pdf"
        render_eu_narrative(report, path)
        whole = _text(PdfReader(path))
        assert "R&D < 5 & <b>bold" in whole
        assert "None" not in whole
        assert translator_for("sr").gettext("Not reported") in whole


def test_no_name_of_a_person_who_raised_a_case_is_printed(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    with db.transaction() as session:
        # People's names in place of the demo's groups, so a leak would be one a reader sees.
        session.execute(text("UPDATE cases SET raised_by = 'Valbona Raised ' || reference"))
        raisers = list(session.scalars(text("SELECT raised_by FROM cases")))
    report = EuNarrativeReportService(db).build(grant_id, period_id, "en", internal=True)
    path = tmp_path / "narrative.pdf"
    render_eu_narrative(report, path)
    whole = _text(PdfReader(path))
    assert raisers
    assert "Valbona" not in whole


def test_a_period_of_another_grant_is_refused(db: Database) -> None:
    load_demo(db)
    grant_id, _ = _ids(db)
    with db.transaction() as session:
        other = session.scalar(
            select(ReportingPeriod.id).where(ReportingPeriod.grant_id != grant_id).limit(1)
        )
    with pytest.raises(ValidationError):
        EuNarrativeReportService(db).build(grant_id, other, "en")
    with pytest.raises(ValidationError):
        EuNarrativeReportService(db).build(grant_id, _ids(db)[1], "de")


def test_the_format_is_printable_by_its_name(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db, "2026-Q2")
    target = tmp_path / "eu-narrative.pdf"
    write_report(db, "eu-narrative", grant_id, period_id, "sr_Latn", target)
    whole = _text(PdfReader(target))
    assert CONTRACT in whole
    assert "Priština" in whole


def _png() -> bytes:
    """A 2 × 1 pixel PNG, written by hand so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + bytes([0, 51, 153, 255, 204, 0]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_the_grants_contact_person_and_the_donors_logo(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db)
    logo = _png()
    with db.transaction() as session:
        grant = session.get(Grant, grant_id)
        assert grant is not None
        grant.contact_person = Person(
            first_name="Besnik", last_name="Morina", title="Grants officer"
        )
        profile = session.scalar(
            select(DonorProfile).where(DonorProfile.organisation_id == grant.donor_id)
        )
        if profile is None:  # the demo may give the EU its profile already
            template = session.scalar(
                select(BudgetTemplate).where(BudgetTemplate.code == "eu_2016")
            )
            profile = DonorProfile(organisation_id=grant.donor_id, budget_template=template)
            session.add(profile)
        profile.logo, profile.logo_media_type = logo, "image/png"
    report = EuNarrativeReportService(db).build(grant_id, period_id, "en")
    assert report.donor_logo == logo
    path = tmp_path / "narrative.pdf"
    render_eu_narrative(report, path)
    reader = PdfReader(path)
    assert "Besnik Morina, Grants officer" in _text(reader)
    images = reader.pages[0]["/Resources"].get_object().get("/XObject", {})
    assert len(images) >= 1


def test_the_logframe_counts_only_approved_values(db: Database) -> None:
    load_demo(db)
    grant_id, period_id = _ids(db, "2026-Q3")
    with db.transaction() as session:
        expected = {
            code: (baseline, approved)
            for code, baseline, approved in session.execute(
                text(
                    """
                    SELECT i.code, i.baseline,
                           (SELECT SUM(v.value) FROM indicator_values v
                            JOIN reporting_periods p ON p.id = v.period_id
                            WHERE v.indicator_id = i.id AND v.status = 'approved'
                              AND p.grant_id = :grant
                              AND p.end_date <= (SELECT end_date FROM reporting_periods
                                                 WHERE id = :period))
                    FROM indicators i JOIN results r ON r.id = i.result_id
                    JOIN grants g ON g.project_id = r.project_id
                    WHERE g.id = :grant
                    """
                ),
                {"grant": grant_id, "period": period_id},
            )
        }
        unapproved = session.scalar(
            text(
                "SELECT COUNT(*) FROM indicator_values"
                " WHERE period_id = :p AND status <> 'approved'"
            ),
            {"p": period_id},
        )
    assert unapproved  # the demo's third quarter is not approved yet

    report = EuNarrativeReportService(db).build(grant_id, period_id, "en")
    printed = {i.code: i.to_date for result in report.results for i in result.indicators}
    assert printed.keys() == expected.keys()
    for code, (baseline, approved) in expected.items():
        if approved is None:
            assert printed[code] is None
        else:
            assert printed[code] == (baseline or 0) + approved
