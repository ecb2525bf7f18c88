"""Database files for the tests of damage: a demo office on disk, and the harm a bad disk
or a crash does to one."""

import os
from pathlib import Path

from desktop.store.database import Database
from desktop.store.demo import load_demo


def demo_database_file(db: Database) -> Path:
    """``db`` filled with the demo office and closed, so the file can be harmed and reopened."""
    load_demo(db)
    db.close()
    assert db.path is not None
    return db.path


def garbage_in_the_middle(path: Path, pages: int = 4) -> None:
    """Overwrite ``pages`` pages in the middle of the file with random bytes, as a bad disk
    would."""
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2 // 4096 * 4096)
        handle.write(os.urandom(4096 * pages))
