"""The IATI export as a donor's portal reads it: valid against IATI's own 2.03 schema, with
the demo office's figures to the cent and every text, however hostile, kept or cleaned."""

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import func, select

from desktop.domain.grant import Expenditure, Grant, Instalment
from desktop.domain.organisation import Organisation
from desktop.domain.project import Project
from desktop.domain.research import ResearchOutput
from desktop.domain.results import Indicator, IndicatorValue, Result, ValueStatus
from desktop.services.errors import NotFoundError, RefusedError
from desktop.services.iati.export import IatiExportService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.iati_support import demo_database, export_of, schema_errors

GRANT = "2025/461-198"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[Database]:
    db = demo_database(tmp_path_factory.mktemp("iati"), migrated_sqlite)
    yield db
    db.close()


@pytest.fixture(scope="module")
def psn(demo: Database) -> etree._Element:
    return etree.fromstring(export_of(demo, "PSN"))


def test_every_partners_file_validates_against_the_iati_schema(demo: Database) -> None:
    with demo.transaction() as session:
        acronyms = [
            acronym
            for acronym, number in session.execute(
                select(Organisation.acronym, Organisation.registration_number)
            )
            if number
        ]
    assert len(acronyms) >= 5
    for acronym in acronyms:
        content = export_of(demo, acronym)
        assert schema_errors(content) == [], acronym


def test_the_lead_organisations_file_holds_its_projects(
    demo: Database, psn: etree._Element
) -> None:
    with demo.transaction() as session:
        codes = sorted(session.scalars(select(Project.code)))
    assert psn.get("version") == "2.03"
    identifiers = [a.findtext("iati-identifier") for a in psn.findall("iati-activity")]
    assert identifiers == [f"XK-CR-5120417-{code}" for code in codes]
    first = psn.find("iati-activity")
    assert first.find("reporting-org").get("ref") == "XK-CR-5120417"
    languages = [n.get(XML_LANG) for n in first.find("title").findall("narrative")]
    assert languages[:3] == ["en", "sq", "sr"]
    assert set(languages) <= {"en", "sq", "sr", "sr-Latn"}
    assert first.find("recipient-country").get("code") == "XK"
    assert {p.get("role") for p in first.findall("participating-org")} >= {"1", "2", "4"}
    dac = [s for s in first.findall("sector") if s.get("vocabulary") == "1"]
    assert dac and all(len(s.get("code")) == 5 for s in dac)
    assert sum(Decimal(s.get("percentage")) for s in dac) == 100
    assert first.findall("location")


def _activity_with(root: etree._Element, grant: str) -> etree._Element:
    return next(
        a
        for a in root.findall("iati-activity")
        if any(b.get("{urn:csodesk:iati:1}grant") == grant for b in a.findall("budget"))
    )


def test_money_goes_out_to_the_cent(demo: Database, psn: etree._Element) -> None:
    activity = _activity_with(psn, GRANT)
    with demo.transaction() as session:
        grant = session.scalars(select(Grant).where(Grant.contract_number == GRANT)).one()
        spent = list(session.scalars(select(Expenditure).where(Expenditure.grant_id == grant.id)))
        received = list(
            session.scalars(
                select(Instalment).where(
                    Instalment.grant_id == grant.id, Instalment.received_on.is_not(None)
                )
            )
        )
        amount, currency = grant.amount, grant.currency
    (budget,) = [
        b for b in activity.findall("budget") if b.get("{urn:csodesk:iati:1}grant") == GRANT
    ]
    assert Decimal(budget.findtext("value")) == amount
    assert budget.find("value").get("currency") == currency

    def of_type(code: str) -> list[etree._Element]:
        return [
            t
            for t in activity.findall("transaction")
            if t.find("transaction-type").get("code") == code
            and t.get("{urn:csodesk:iati:1}grant") == GRANT
        ]

    (commitment,) = of_type("11")
    assert Decimal(commitment.findtext("value")) == amount
    assert commitment.get("ref") == GRANT
    assert len(of_type("1")) == len(received)
    expenditures = of_type("4")
    assert len(expenditures) == len(spent) > 0
    assert sum(Decimal(t.findtext("value")) for t in expenditures) == sum(e.amount for e in spent)
    for transaction in activity.findall("transaction"):
        assert "E" not in transaction.findtext("value")


def test_only_approved_values_and_every_output_go_out(demo: Database, psn: etree._Element) -> None:
    with demo.transaction() as session:
        approved = session.scalar(
            select(func.count(IndicatorValue.id)).where(
                IndicatorValue.status == ValueStatus.APPROVED
            )
        )
        other = session.scalar(
            select(func.count(IndicatorValue.id)).where(
                IndicatorValue.status != ValueStatus.APPROVED
            )
        )
        outputs = session.scalar(
            select(func.count(ResearchOutput.id)).where(ResearchOutput.project_id.is_not(None))
        )
        indicators = session.scalar(
            select(func.count(Indicator.id)).join(Result, Indicator.result_id == Result.id)
        )
    assert other > 0
    actuals = [actual for actual in psn.iter("actual") if actual.find("dimension") is None]
    assert len(actuals) == approved
    assert len(list(psn.iter("indicator"))) == indicators
    assert len(psn.findall("iati-activity/document-link")) == outputs
    categories = {c.get("code") for c in psn.iter("category")}
    assert categories <= {"A01", "A08"}


def test_hostile_text_is_kept_or_cleaned_and_the_file_still_validates(db: Database) -> None:
    load_demo(db)
    hostile = "Безбедност <&> \"quoted\" 'single'\x01\x0b\ufffe end"
    with db.transaction() as session:
        project = session.scalars(select(Project).order_by(Project.code)).first()
        project.name_en = hostile
        project.summary = "Line\x02 one\x1f"
        lead = session.get(Organisation, project.lead_organisation_id)
        lead.name_sq = "<script>&amp;</script>\x07"
        acronym = lead.acronym
    content = export_of(db, acronym)
    assert schema_errors(content) == []
    root = etree.fromstring(content)
    titles = [n.text for n in root.iter("narrative") if n.getparent().tag == "title"]
    assert "Безбедност <&> \"quoted\" 'single' end" in titles
    assert "Line one" in [n.text for n in root.iter("narrative")]
    assert "<script>&amp;</script>" in [n.text for n in root.iter("narrative")]


def test_an_unknown_organisation_or_one_without_identifier_is_refused(db: Database) -> None:
    load_demo(db)
    service = IatiExportService(db)
    with pytest.raises(NotFoundError, match="nobody"):
        service.find_organisation("nobody")
    donor = service.find_organisation("euok")
    with pytest.raises(RefusedError, match="--org-ref"):
        service.export(donor)
    given = service.export(donor, org_ref="XI-IATI-EC_NEAR")
    assert given.reporting_ref == "XI-IATI-EC_NEAR"
    assert schema_errors(given.content) == []
    root = etree.fromstring(given.content)
    assert all(
        a.findtext("iati-identifier").startswith("XI-IATI-EC_NEAR-")
        for a in root.findall("iati-activity")
    )


def test_a_donors_file_commits_and_disburses_to_the_lead_and_leaves_its_spending_out(
    demo: Database,
) -> None:
    """IATI's transaction types are the reporter's: the EU Office's file gives the grant
    (outgoing commitment, disbursements) to the project's lead, where the lead's own file
    receives it (incoming commitment and funds) and spends it."""
    service = IatiExportService(demo)
    content = service.export(service.find_organisation("EUOK"), "XI-IATI-EC_NEAR").content
    assert schema_errors(content) == []
    activity = _activity_with(etree.fromstring(content), GRANT)
    given = [
        t for t in activity.findall("transaction") if t.get("{urn:csodesk:iati:1}grant") == GRANT
    ]
    with demo.transaction() as session:
        grant = session.scalars(select(Grant).where(Grant.contract_number == GRANT)).one()
        received = session.scalar(
            select(func.count(Instalment.id)).where(
                Instalment.grant_id == grant.id, Instalment.received_on.is_not(None)
            )
        )
    assert received
    kinds = [t.find("transaction-type").get("code") for t in given]
    assert kinds == ["2"] + ["3"] * received
    for transaction in given:
        assert transaction.find("provider-org").get("ref") == "XI-IATI-EC_NEAR"
        assert transaction.find("receiver-org").get("ref") == "XK-CR-5120417"  # PSN leads
    lead_file = _activity_with(etree.fromstring(export_of(demo, "PSN")), GRANT)
    lead_kinds = {t.find("transaction-type").get("code") for t in lead_file.findall("transaction")}
    assert lead_kinds == {"11", "1", "4"}
