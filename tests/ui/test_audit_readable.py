"""The Audit log page as a manager reads a case's history: field labels and names, a long
description shortened in the list and whole in the details, and who raised the case shown
only in the details of one entry (which the log records), never in the list or its export."""

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
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
    assert summary.startswith(  # the list never names who raised a case...
        "Municipality: Zveçan/Zvečan → Mitrovicë e Jugut/Južna Mitrovica; "
        "Raised by: (confidential) → (confidential); "
        "Description: (empty) → Residents say the bus stop on the main…"
    )
    assert _details(qtbot, page) == [  # ...the entry, opened, does, and says so in the log
        ("Municipality", "Zveçan/Zvečan", "Mitrovicë e Jugut/Južna Mitrovica"),
        ("Raised by", "Parents' council", "Jelena Stojanović, 044 123 456"),
        ("Description", "", DESCRIPTION),
    ]
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.model.index(0, CHANGES).data() == (
        "Saw who raised the case in the audit log: Raised by"
    )


def test_the_audit_log_exported_never_names_who_raised_a_case(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case_with_new_contact(sqlite_db)
    page = _page(qtbot, sqlite_db, Role.MANAGER)
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), ""))
    )
    run = page.export()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    with target.open(encoding="utf-8-sig", newline="") as file:
        text = " ".join(" ".join(row) for row in csv.reader(file))
    assert "Raised by: (confidential) → (confidential)" in text
    assert "Jelena" not in text and "Parents'" not in text
