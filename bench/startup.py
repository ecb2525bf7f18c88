"""The start-up figures: whole cold starts in fresh processes, each beside its floor.

- **first paint**: ``csodesk --db FILE --exit-after-paint`` (the window's first paint, the
  status 0 exit after it) against ``startup_window_floor.py``, a bare PySide6 ``QMainWindow``
  with an empty ``QTableView`` that quits after its first paint the same way.
- **first rows**: ``--exit-after-paint=rows`` with the activities page as the last page
  shown, until the list's viewport has painted rows, against ``startup_rows_floor.py``:
  PySide6 and SQLAlchemy's ORM imported, the activities service's own first-page SQL (the
  same statement and parameters, captured here) run in a ``Session``, the rows shown in a
  ``QTableView``.
- **--help** and **list projects** (``csodesk list`` lists projects, organisations, grants
  and periods) against ``python -c`` importing what each truly needs.

A time is the wall clock from starting the process to its exit (what ``hyperfine``
measures), runs taking turns with the floor's.  Each figure's detail also gives the median
CPU time (user + system) of the process and of its floor: on a shared machine whose other
work delays every process, the CPU times say what the start costs by itself.

Every process gets a throwaway home, settings folder and data folder, and the application
opens a copy of the scale's database in a throwaway folder, so its automatic backups
(beside the database) land there and are deleted with it; the untimed warm-up start takes
the one start backup, after which the file is unchanged since its newest backup, as on a
user's usual restart, and none is taken.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.measure import Figure, Target, interleaved
from desktop.services.activities import ActivityService
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.store.database import Database, copy_sqlite

HERE = Path(__file__).parent
ROOT = HERE.parent
TIMEOUT_S = 600
WINDOW_TARGET = Target(ratio=1.3)
ROWS_TARGET = Target(ratio=1.2)
COMMAND_TARGET = Target(ratio=2.0)
HELP_NEEDS = "argparse, gettext"
LIST_NEEDS = "argparse, gettext, sqlalchemy.orm, babel.numbers"


def startup_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """The four start-up figures on a copy of the scale's database."""
    assert db.path is not None, "the start-up figures need an SQLite database"
    cpu: dict[str, list[float]] = {}
    with _throwaway(db.path) as (database, environment, folder):
        query = folder / "first-page.json"
        query.write_text(json.dumps(_first_page_query(db)), encoding="utf-8")
        python = [sys.executable]
        app = [*python, "-m", "desktop", "--db", str(database)]
        commands = {
            "window": [*app, "--exit-after-paint"],
            "window floor": [*python, str(HERE / "startup_window_floor.py")],
            "rows": [*app, "--exit-after-paint=rows"],
            "rows floor": [*python, str(HERE / "startup_rows_floor.py"), str(database), str(query)],
            "help": [*python, "-m", "desktop", "--help"],
            "help floor": [*python, "-c", f"import {HELP_NEEDS}"],
            "list": [*app, "list", "projects"],
            "list floor": [*python, "-c", f"import {LIST_NEEDS}"],
        }
        measured = {
            key: _process(cpu, key, command, environment) for key, command in commands.items()
        }
        samples = interleaved(measured, runs)

    def figure(key: str, name: str, floor: str, target: Target, detail: str = "") -> Figure:
        spent, floor_spent = _median_cpu(cpu[key], runs), _median_cpu(cpu[f"{key} floor"], runs)
        detail = "; ".join(
            part
            for part in (
                detail,
                f"CPU {spent:.2f} s vs floor {floor_spent:.2f} s ({spent / floor_spent:.1f}×)",
            )
            if part
        )
        return Figure(
            name=name,
            scale=scale,
            samples=tuple(samples[key]),
            floor_samples=tuple(samples[f"{key} floor"]),
            floor=floor,
            target=target,
            detail=detail,
        )

    return [
        figure(
            "window",
            "cold start to the first paint of the main window",
            "bare PySide6 QMainWindow with an empty QTableView, quit after its first paint",
            WINDOW_TARGET,
            "csodesk --exit-after-paint, a fresh process to its exit",
        ),
        figure(
            "rows",
            "cold start to the first rows of the activities list",
            "bare script: PySide6 and sqlalchemy.orm imported, the service's first-page SQL in "
            "a Session, its rows in a QTableView, quit after the rows' paint",
            ROWS_TARGET,
            f"csodesk --exit-after-paint=rows on the activities page, {PAGE_SIZE} rows",
        ),
        figure(
            "help",
            "csodesk --help",
            f"python -c 'import {HELP_NEEDS}'",
            COMMAND_TARGET,
        ),
        figure(
            "list",
            "csodesk list projects",
            f"python -c 'import {LIST_NEEDS}'",
            COMMAND_TARGET,
        ),
    ]


@contextmanager
def _throwaway(database: Path) -> Iterator[tuple[Path, dict[str, str], Path]]:
    """A copy of ``database``, an environment whose home, settings and data folders are
    new and empty (the application's settings name the activities page as the last one
    shown), and the folder holding both; all deleted afterwards.

    ``PYTHONDONTWRITEBYTECODE`` is left out: an installed CSO Desk starts from compiled
    modules, and without them every start would compile ours again (≈ 10 ms of ``--help``,
    50 ms of ``list``, more for the window), a cost no office pays after its first start.
    The warm-up run before the timed ones writes them."""
    with tempfile.TemporaryDirectory(prefix="csodesk-startup-") as name:
        folder = Path(name)
        copy = folder / database.name
        copy_sqlite(database, copy)
        settings = folder / "config" / "CSODesk" / "CSODesk.conf"
        settings.parent.mkdir(parents=True)
        settings.write_text("[main_window]\npage=activities\n", encoding="utf-8")
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("CSODESK_", "LC_", "LANG", "PYTHONDONTWRITEBYTECODE"))
        }
        environment.update(
            HOME=str(folder / "home"),
            XDG_CONFIG_HOME=str(folder / "config"),
            XDG_DATA_HOME=str(folder / "data"),
            XDG_CACHE_HOME=str(folder / "cache"),
            QT_QPA_PLATFORM=environment.get("QT_QPA_PLATFORM", "offscreen"),
            CSODESK_LANG="en",
        )
        yield copy, environment, folder


def _process(
    cpu: dict[str, list[float]], key: str, command: list[str], environment: dict[str, str]
) -> Callable[[], None]:
    """Runs ``command`` once, adding the CPU time it took to ``cpu[key]``."""
    spent = cpu.setdefault(key, [])

    def run() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        _run_to_exit(command, environment)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

    return run


def _run_to_exit(command: list[str], environment: dict[str, str]) -> None:
    """Runs ``command`` and returns the moment it exits, failing on a non-zero status.

    ``subprocess.run(timeout=…)`` waits by polling, sleeping 0.5, 1, 2 … up to 50 ms between
    looks, so every time it measured was rounded up to the next look (31.5, 63.5, 113.5,
    163.5, 213.5 ms…): a bare window of 140 ms and a start of 170 ms both read as 163.5 or
    213.5 ms.  A blocking wait returns at the exit; a timer kills a process that hangs."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = threading.Timer(TIMEOUT_S, process.kill)
    deadline.start()
    try:
        status = process.wait()
    finally:
        deadline.cancel()
    if status != 0:
        raise subprocess.CalledProcessError(status, command)


def _median_cpu(samples: list[float], runs: int) -> float:
    """The median of the timed runs' CPU times (the first, untimed warm-up left out)."""
    return statistics.median(samples[-runs:])


def _first_page_query(db: Database) -> dict[str, Any]:
    """The SQL and parameters the activities service sends for the list's first page, as
    the page opens (newest first, in English)."""
    from desktop.ui.activities.page import COLUMNS

    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, parameters: Any, *_rest: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            sent.append((sql, parameters))

    query = ListQuery(sort=COLUMNS[0].sort_key or "", descending=True, language="en")
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        ActivityService(db).page(query, 0, PAGE_SIZE)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    sql, parameters = sent[-1]
    return {"sql": sql, "parameters": list(parameters)}
