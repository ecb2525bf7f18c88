"""Expenditures are found whatever the accents, letter case or script typed."""

import pytest

from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.store.demo import load_demo


@pytest.mark.parametrize("typed", ["udhetime", "Udhëtime", "UDHËTIME rajonale", "ur-1187"])
def test_supplier_found_in_any_spelling(db: Database, typed: str) -> None:
    load_demo(db)
    grant = GrantService(db).find("2025/461-198")
    rows = ExpenditureService(db).page(grant, ListQuery(search=typed))
    assert [row.invoice_reference for row in rows] == ["UR-1187"]
