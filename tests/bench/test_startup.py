"""The start-up benchmark still runs: on the small demo each of its four figures times real
processes beside its floor, and its throwaway copy and backups are gone afterwards.  No
time is asserted here."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import startup
from bench.startup import HERE, _first_page_query, _run_to_exit, startup_figures
from desktop.store.backups import backup_folder
from desktop.store.database import Database
from desktop.store.demo import load_demo


def test_every_start_up_figure_has_runs_a_floor_and_cpu_times(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    assert sqlite_db.path is not None
    figures = startup_figures(sqlite_db, 50, runs=1)

    assert [figure.name for figure in figures] == [
        "cold start to the first paint of the main window",
        "cold start to the first rows of the activities list",
        "csodesk --help",
        "csodesk list projects",
    ]
    for figure in figures:
        assert figure.scale == 50
        assert len(figure.samples) == len(figure.floor_samples) == 1
        assert figure.median > 0 and figure.floor_median > 0
        assert "CPU" in figure.detail and figure.floor
    assert not backup_folder(sqlite_db.path).exists()  # the copy's backups went with it


def test_the_rows_floor_shows_the_services_first_page(sqlite_db: Database, tmp_path: Path) -> None:
    load_demo(sqlite_db)
    query = _first_page_query(sqlite_db)
    assert query["sql"].lstrip().upper().startswith("SELECT") and "activities" in query["sql"]
    file = tmp_path / "first-page.json"
    file.write_text(json.dumps(query), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(HERE / "startup_rows_floor.py"), str(sqlite_db.path), str(file)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr


def test_a_start_that_fails_or_hangs_is_reported_not_waited_for(monkeypatch: Any) -> None:
    with pytest.raises(subprocess.CalledProcessError):
        _run_to_exit([sys.executable, "-c", "raise SystemExit(3)"], dict(os.environ))
    # a process that never exits is killed at the deadline, and that is a failure too
    monkeypatch.setattr(startup, "TIMEOUT_S", 0.5)
    with pytest.raises(subprocess.CalledProcessError):
        _run_to_exit([sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ))
