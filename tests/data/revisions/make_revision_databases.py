"""Make the checked-in database of each schema revision, with the code of that revision.

Each ``revision-NNNN.sqlite3.gz`` is what CSO Desk wrote when NNNN was its newest schema:
the commit below is checked out into a temporary worktree, its own ``open_database``
creates the file and its own demo loader fills it; three attachments of known bytes (every
byte value, a random blob, a name in three scripts) are added with plain SQL, because the
demo has none, and so are a manager and three audit entries of hers.  Revision 0001
predates the demo: its file is revision 0002's, taken down one revision by 0002's own
downgrade.

A new revision adds one line to ``COMMITS`` (the commit where it is the newest schema) and
runs this script once::

    .venv/bin/python tests/data/revisions/make_revision_databases.py 0009

The files are never regenerated for old revisions: they stand for databases in the field.
"""

import gzip
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[2]

COMMITS = {
    "0002": "96f376acf55f2ec52f3248ef7810f4daab0853e3",
    "0003": "1fcc817af4a26de61e86e140bfe70ca8d97cb6a5",
    "0004": "05a893054b76412a8a95e19137199d6ad634316e",
    "0005": "65b530426cee1cf798fe296381dd778fea64b0bc",
    "0006": "9b238d27b61d020f38d68d3e439f2f4be1a667be",
    "0007": "3f474ce6dc5a96b68c44403f7b67a46e55dabb87",
    "0008": "43bcfaaab49dcd100618cf0903114063e94686e5",
    "0009": "e53081c7d8448a23c46b73f07e5bbd7a4b5447a0",
    "0010": "dc13044e0ceeb4a9dc105724178f36eec0fd8990",
    "0011": "8e66a61f86bd946adb49f9d75d59f13c5742f6a7",
    "0012": "78ba12f0389391d1ae203cfb0253a0ebb45227cc",
    "0013": "8e4cf7bed0a5d48dfe51d258b67bdaa4e6bbdb47",
    "0014": "5099bc3532f4c35716c7f3ed9a47c17cf1b4770f",
    "0015": "4b11eb4084081135813ca9574cb6d545bacc07dd",
}
DOWNGRADED = {"0001": "0002"}  # revision: the revision whose code takes it down to it

# Run inside the worktree, with its own code on sys.path.
_FILL = """
import hashlib, random, sys, uuid
from datetime import datetime, timezone
from sqlalchemy import text
from desktop.store.database import open_database
from desktop.store.demo import load_demo

path, seed = sys.argv[1], int(sys.argv[2])
db = open_database(path)
load_demo(db)
blobs = [
    ("Every byte value.bin", "application/octet-stream", bytes(range(256)) * 4),
    ("Kontrata – Уговор – Ugovor ë ç š.pdf", "application/pdf",
     b"%PDF-1.4\\n" + random.Random(seed).randbytes(64_000)),
    ("empty.txt", "text/plain", b""),
]
now = datetime(2026, 1, 15, 9, 30, tzinfo=timezone.utc)
with db.engine.begin() as connection:
    owners = connection.execute(text("SELECT uuid FROM projects ORDER BY id")).scalars().all()
    for number, (name, media_type, content) in enumerate(blobs):
        connection.execute(
            text(
                "INSERT INTO attachments (uuid, entity, entity_uuid, filename, media_type, "
                "size, sha256, content, created_at, updated_at, version) VALUES (:uuid, "
                "'projects', :owner, :name, :media_type, :size, :sha256, :content, :at, :at, 1)"
            ),
            {
                "uuid": uuid.UUID(int=seed * 100 + number).hex,
                "owner": owners[number % len(owners)],
                "name": name,
                "media_type": media_type,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "content": content,
                "at": now,
            },
        )
    connection.execute(
        text(
            "INSERT INTO users (uuid, username, full_name, role, language, active, created_at, "
            "updated_at, version) VALUES (:uuid, 'arta.krasniqi', 'Arta Krasniqi', 'manager', "
            "'sq', 1, :at, :at, 1)"
        ),
        {"uuid": uuid.UUID(int=seed * 100 + 99).hex, "at": now},
    )
    user_id = connection.execute(text("SELECT max(id) FROM users")).scalar()
    project_id, project_uuid = connection.execute(
        text("SELECT id, uuid FROM projects ORDER BY id LIMIT 1")
    ).one()
    for action, changes in (
        ("create", '{"code": [null, "P-1"]}'),
        ("update", '{"title_sq": ["Dialog", "Dialog n\\u00eb Zve\\u00e7an \\u2013 '
                   '\\u0417\\u0432\\u0435\\u0447\\u0430\\u043d"]}'),
        ("archive", "{}"),
    ):
        connection.execute(
            text(
                "INSERT INTO audit_entries (at, user_id, username, action, entity, entity_id, "
                "entity_uuid, changes) VALUES (:at, :user_id, 'arta.krasniqi', :action, "
                "'projects', :project_id, :project_uuid, :changes)"
            ),
            {
                "at": now,
                "user_id": user_id,
                "action": action,
                "project_id": project_id,
                "project_uuid": project_uuid,
                "changes": changes,
            },
        )
db.close()
"""

_DOWNGRADE = """
import sys
from desktop.store import schema
from desktop.store.location import sqlite_url
from pathlib import Path
schema.downgrade(sqlite_url(Path(sys.argv[1])), sys.argv[2])
"""


def fixture_path(revision: str) -> Path:
    return HERE / f"revision-{revision}.sqlite3.gz"


def _run(worktree: Path, script: str, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=worktree,
        env={"PYTHONPATH": str(worktree), "PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir()},
        check=True,
    )


def _compact(database: Path) -> None:
    import sqlite3

    from desktop.store.collations import register_sqlite_collations

    connection = sqlite3.connect(database)
    register_sqlite_collations(connection)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.execute("VACUUM")
    connection.close()


def _store(database: Path, revision: str) -> None:
    _compact(database)
    with (
        database.open("rb") as source,
        gzip.GzipFile(fixture_path(revision), "wb", mtime=0) as zipped,
    ):
        shutil.copyfileobj(source, zipped)
    digest = hashlib.sha256(fixture_path(revision).read_bytes()).hexdigest()[:12]
    print(
        f"{fixture_path(revision).name}: {fixture_path(revision).stat().st_size:,} bytes ({digest})"
    )


def make(revision: str, work: Path) -> None:
    source = DOWNGRADED.get(revision, revision)
    worktree = work / f"tree-{source}"
    if not worktree.exists():
        subprocess.run(
            [
                "git",
                "-C",
                str(REPOSITORY),
                "worktree",
                "add",
                "--detach",
                str(worktree),
                COMMITS[source],
            ],
            check=True,
            capture_output=True,
        )
    database = work / f"revision-{revision}.sqlite3"
    database.unlink(missing_ok=True)
    _run(worktree, _FILL, str(database), source)
    if source != revision:
        _run(worktree, _DOWNGRADE, str(database), revision)
    _store(database, revision)


def main(revisions: list[str]) -> None:
    work = Path(tempfile.mkdtemp(prefix="csodesk-revisions-"))
    try:
        for revision in revisions or [*DOWNGRADED, *COMMITS]:
            make(revision, work)
    finally:
        for tree in work.glob("tree-*"):
            subprocess.run(
                ["git", "-C", str(REPOSITORY), "worktree", "remove", "--force", str(tree)],
                check=False,
            )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
