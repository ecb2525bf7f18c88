"""The Audit log page as staff and managers read a case's history: field labels and names,
a long description shortened in the list and whole in the details, and who raised the case
shown to a manager but not to staff."""

from datetime import date

from pytestqt.qtbot import QtBot

from desktop.domain import CaseCategory
from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.cases import CaseForm, CaseService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.audit_page import AuditEntryDialog, AuditPage

CHANGES = 5
DESCRIPTION = (
    "Residents say the bus stop on the main road has had no lighting since the storm in "
    "January; pupils wait there in the dark every morning."
)


def _case_with_new_contact(db: Database) -> None:
    places = {m.code: m.id for m in ReferenceService(db).municipalities("en")}
    service = CaseService(db, Actor("marko", Role.MANAGER))
    case_id = service.create(
        CaseForm(
            reference="CS-2026-099",
            title="No lighting at the bus stop",
            municipality_id=places["zvecan"],
            category=CaseCategory.ROAD_SAFETY,
            raised_by="Parents' council",
            opened_on=date(2026, 3, 2),
        )
    )
    details = service.get(case_id, with_raisers=False)
    details.form.municipality_id = places["mitrovice-jug"]
    details.form.raised_by = "Jelena Stojanović, 044 123 456"
    details.form.description = DESCRIPTION
    service.update(case_id, details.form, details.version)


def _page(qtbot: QtBot, db: Database, role: Role) -> AuditPage:
    page = AuditPage(db, actor=Actor("reader", role))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    return page


def _details(qtbot: QtBot, page: AuditPage) -> list[tuple[str, ...]]:
    page.table.selectRow(0)
    dialog = page.show_selected()
    assert isinstance(dialog, AuditEntryDialog)
    qtbot.waitExposed(dialog)
    values = dialog.values()
    dialog.reject()
    return values


def test_a_manager_reads_who_raised_the_case_and_the_whole_description(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    _case_with_new_contact(sqlite_db)
    page = _page(qtbot, sqlite_db, Role.MANAGER)
    summary = page.model.index(0, CHANGES).data()
    assert summary.startswith(
        "Municipality: Zveçan/Zvečan → Mitrovicë e Jugut/Južna Mitrovica; "
        "Raised by: Parents' council → Jelena Stojanović, 044 123 456; "
        "Description: (empty) → Residents say the bus stop on the main…"
    )
    assert _details(qtbot, page) == [
        ("Municipality", "Zveçan/Zvečan", "Mitrovicë e Jugut/Južna Mitrovica"),
        ("Raised by", "Parents' council", "Jelena Stojanović, 044 123 456"),
        ("Description", "", DESCRIPTION),
    ]


def test_staff_read_the_change_but_not_who_raised_the_case(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    _case_with_new_contact(sqlite_db)
    page = _page(qtbot, sqlite_db, Role.STAFF)
    summaries = [page.model.index(row, CHANGES).data() for row in range(2)]
    assert not any("Jelena" in text or "Parents'" in text for text in summaries)
    assert "Raised by: (confidential) → (confidential)" in summaries[0]
    assert "Raised by: (confidential)" in summaries[1]  # the case was created with it
    details = _details(qtbot, page)
    assert ("Raised by", "(confidential)", "(confidential)") in details
    assert ("Municipality", "Zveçan/Zvečan", "Mitrovicë e Jugut/Južna Mitrovica") in details
