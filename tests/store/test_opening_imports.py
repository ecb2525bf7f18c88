"""What the start imports after the window's frame has painted: opening the file (with
its damage check, the start backup's decision and the schema revision read), asking
whether anyone must sign in, and reading the activities list's first page.  None of it
needs Alembic (the file is at the head revision), the report or spreadsheet libraries,
encryption, password hashing, Qt, or the demo builder, and the damage check starts before
SQLAlchemy is imported; each process is a fresh interpreter, so the modules it names are
the ones this path imported."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.database import Database
from desktop.store.migrations import HEAD
from tests.damaged_files import demo_database_file

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120
AFTER_THE_FRAME = """
import json, sys
from desktop.store.backups import RotationPolicy
from desktop.store.database import check_ahead, open_database
from desktop.store.schema import VERSION_TABLE

path = sys.argv[1]
check_ahead(path)
db = open_database(path, automatic_backup=RotationPolicy(), check_behind=True)
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery
from desktop.services.sign_in import needs_first_administrator, sign_in_required

required = needs_first_administrator(db) or sign_in_required(db)
rows = ActivityService(db).page(ListQuery(sort="start_date", descending=True), 0, 200)
with db.engine.connect() as connection:
    revision = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
db.close()
print(json.dumps({"rows": len(rows), "revision": revision, "modules": sorted(sys.modules)}))
"""
CHECK_AHEAD = """
import json, sys
from desktop.store.database import check_ahead

check_ahead(sys.argv[1]).wait()
print(json.dumps({"modules": sorted(sys.modules)}))
"""
# argon2 too: asking whether anyone must sign in hashes no password.
NOT_NEEDED = {
    "alembic",
    "reportlab",
    "openpyxl",
    "PIL",
    "cryptography",
    "argon2",
    "PySide6",
    "shiboken6",
}


@pytest.fixture
def office(sqlite_db: Database) -> Path:
    return demo_database_file(sqlite_db)


def _run(script: str, path: Path, home: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "CSODESK_LANG": "en"},
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_opening_a_current_file_and_reading_its_first_page_imports_only_what_it_needs(
    office: Path, tmp_path: Path
) -> None:
    report = _run(AFTER_THE_FRAME, office, tmp_path)
    assert report["rows"] == 50 and report["revision"] == HEAD
    modules = set(report["modules"])  # type: ignore[arg-type]
    assert not {name.split(".")[0] for name in modules} & NOT_NEEDED
    assert not {name for name in modules if name.startswith("desktop.store.demo")}
    assert not {name for name in modules if name.startswith(("desktop.reports", "desktop.ui"))}


def test_the_damage_check_starts_before_sqlalchemy_is_imported(
    office: Path, tmp_path: Path
) -> None:
    """The window starts the check first and imports SQLAlchemy (0.3 s of CPU) while it
    runs; had ``check_ahead`` imported it, the check would start that much later."""
    modules = set(_run(CHECK_AHEAD, office, tmp_path)["modules"])  # type: ignore[arg-type]
    assert "desktop.store.backups" in modules
    assert not {name.split(".")[0] for name in modules} & {"sqlalchemy", "PySide6"}
