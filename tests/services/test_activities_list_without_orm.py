"""The activities list and the start's sign-in question are read through the tables alone.

The ORM configures every mapper imported so far the first time it compiles a statement
that names a mapped class (≈ 25 ms), and a start's first rows would wait for it
(``desktop/services/activities.py``).  A fresh process asks whether anyone must sign in,
then reads every kind of page the list can ask for, and counts it, as an administrator
and as a user scoped to one organisation: at the end no mapper may have been configured,
and the pages must have held activities."""

import json
import subprocess
import sys
from pathlib import Path

from desktop.store.database import Database
from desktop.store.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120

SCRIPT = """
import json, sys
from datetime import date

from desktop.domain.user import Role
from desktop.services.activities import ActivityService
from desktop.services.actor import Actor
from desktop.services.listing import ListQuery
from desktop.services.sign_in import needs_first_administrator, sign_in_required
from desktop.store.database import open_database

SORTS = (
    "name", "start_date", "end_date", "type", "municipality", "project", "venue",
    "women", "men", "recorded", "total", "incomplete",
)
FILTERS = (
    ("project_id", 1), ("activity_type_id", 1), ("municipality_id", 1), ("period_id", 1),
    ("date_from", date(2020, 1, 1)), ("date_to", date(2030, 12, 31)), ("carried_out_by_id", 1),
)
queries = [
    ListQuery(sort=sort, descending=descending, language=language)
    for sort in SORTS
    for descending in (False, True)
    for language in ("en", "sq", "sr")
]
queries += [
    ListQuery(search=search, sort=sort)
    for search in ("training", "dialog", "q", "zz", "a b")
    for sort in ("start_date", "name", "type", "project", "women")
]
queries += [ListQuery(filters=(pair,)) for pair in FILTERS]
queries += [ListQuery(include_archived=True, search="training", filters=FILTERS[:1])]

db = open_database(sys.argv[1])
sign_in_required(db)
needs_first_administrator(db)
rows = 0
for actor in (Actor("admin", Role.ADMIN), Actor("arta", Role.STAFF, organisation_id=1)):
    service = ActivityService(db, actor)
    for query in queries:
        rows += len(service.page(query))
        service.count(query)
db.close()

from desktop.domain.base import Base

configured = sorted(mapper.class_.__name__ for mapper in Base.registry.mappers if mapper.configured)
print(json.dumps({"rows": rows, "configured": configured}))
"""


def test_the_list_and_the_sign_in_question_configure_no_mapper(db: Database) -> None:
    load_demo(db)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, db.url.render_as_string(hide_password=False)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rows"] > 0
    assert report["configured"] == []
