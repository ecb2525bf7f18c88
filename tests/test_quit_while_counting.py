"""Quitting a real start while the list is being counted, in fresh processes: the start
``--exit-after-paint=rows`` quits right after the first rows, just as the activities
list begins counting its rows on the thread pool.  That count used to start after the
quit anyway and run on while Qt tore the application down; now and then the process
crashed as it ended (a segmentation fault, status -11).

Each process here makes every statement off the GUI thread slow (SQLite's progress
handler sleeps), so a count that is let run would still be running for a good while after
the quit; it reports how many statements ran on worker threads, and how many of those
reads got to their end.
"""

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.services.listing import PAGE_SIZE
from tests.test_startup import throwaway_environment

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120
STARTS = 5
ACTIVITIES = 300  # more than the first page holds, so the list is counted
assert ACTIVITIES > PAGE_SIZE
# The real entry point, every worker thread's statement slowed down (10 ms every 100 of
# SQLite's instructions: a count of the activities then takes seconds); standard error's
# last line reports the status and the worker threads' statements once all else is done.
RUNNER = """
import atexit, json, sys, threading, time
from sqlalchemy import event
from sqlalchemy.engine import Engine

seen = {"status": None, "started": 0, "reads_finished": 0}
# Registered before Qt is imported, so it runs after Qt's own clean-up at exit: a read
# still running then is counted if it gets to its end.
atexit.register(lambda: print("\\n" + json.dumps(seen), file=sys.stderr, flush=True))

def worker_thread():
    return threading.current_thread() is not threading.main_thread()

@event.listens_for(Engine, "connect")
def slow_off_the_gui_thread(connection, _record):
    def pause():
        if worker_thread():
            time.sleep(0.01)
        return 0
    connection.set_progress_handler(pause, 100)

@event.listens_for(Engine, "before_cursor_execute")
def started(_connection, _cursor, _statement, *_rest):
    if worker_thread():
        seen["started"] += 1

@event.listens_for(Engine, "after_cursor_execute")
def finished(_connection, _cursor, statement, *_rest):
    if worker_thread() and statement.lstrip().upper().startswith("SELECT"):
        seen["reads_finished"] += 1

from desktop.cli import main
seen["status"] = main(sys.argv[1:])
sys.exit(seen["status"])
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("office") / "office.sqlite3"
    assert main(["--db", str(path), "demo", "--scale", str(ACTIVITIES)]) == 0
    yield path


def _environment(home: Path) -> dict[str, str]:
    """``tests.test_startup``'s throwaway home, whose settings show the activities page."""
    settings = home / "config" / "CSODesk" / "CSODesk.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[main_window]\npage=activities\n", encoding="utf-8")
    return throwaway_environment(home)


def _start(home: Path, database: Path) -> tuple[int, dict[str, Any], str]:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, "--db", str(database), "--exit-after-paint=rows"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
        env=_environment(home),
    )
    lines = result.stderr.strip().splitlines()
    report = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    return result.returncode, report, result.stderr


def test_quitting_as_the_list_is_counted_ends_every_start_cleanly(
    office: Path, tmp_path: Path
) -> None:
    for start in range(STARTS):
        status, report, stderr = _start(tmp_path / f"home-{start}", office)
        assert status == 0, f"start {start + 1} ended with status {status}:\n{stderr}"
        assert report["status"] == 0
        assert report["reads_finished"] == 0, "a read on a worker thread ran on after the quit"
        assert "Traceback" not in stderr
