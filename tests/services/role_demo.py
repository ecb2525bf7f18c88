"""The demo office with one user of each role: what the permission recipes of
``test_permissions_by_role`` are prepared against, there and in the tests that reuse the
recipes (``test_reads_never_wait_for_writers``, ``test_audit_sealed``)."""

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.user import Role, User
from desktop.services.actor import Actor
from desktop.services.base import RecordService, Service
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.store.demo import load_demo

GRANT = "2025/461-198"


@dataclass
class Demo:
    """The demo office's records the recipes use, and the administrator who prepares."""

    db: Database
    admin: Actor
    users: dict[Role, Actor]
    folder: Path
    grant_id: int
    period_id: int
    project_id: int
    numbers: Iterator[int]

    def unique(self, prefix: str) -> str:
        return f"{prefix}{next(self.numbers)}"

    def as_admin(self, service: type[Service]) -> Any:
        return service(self.db, self.admin)

    def first(self, service: type[RecordService], **filters: Any) -> int:
        query = ListQuery()
        for name, value in filters.items():
            query = query.with_filter(name, value)
        return self.as_admin(service).page(query, 0, 1)[0].id

    def csv(self, rows: list[list[str]]) -> Path:
        path = self.folder / f"{self.unique('import-')}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            csv.writer(file, delimiter=";").writerows(rows)
        return path


def demo_with_roles(db: Database, folder: Path) -> Demo:
    """``db`` (freshly migrated) filled with the demo office and a user of every role; the
    recipes' files go to ``folder``."""
    load_demo(db)
    users: dict[Role, Actor] = {}
    with db.transaction() as session:
        for role in Role:
            user = User(username=f"{role.value}-user", full_name=f"The {role.value}", role=role)
            session.add(user)
            session.flush()
            users[role] = Actor(user.username, role, user.id)
    grants = GrantService(db, users[Role.ADMIN])
    grant_id = grants.find(GRANT)
    return Demo(
        db=db,
        admin=users[Role.ADMIN],
        users=users,
        folder=folder,
        grant_id=grant_id,
        period_id=grants.find_period(grant_id, "2026-Q1"),
        project_id=grants.get(grant_id).form.project_id,
        numbers=itertools.count(1),
    )
