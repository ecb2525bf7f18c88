"""Peak memory with every list open: the main window on the scale's database after each
page of the sidebar was visited, beside a bare PySide6 ``QMainWindow`` holding an empty
``QTableView``.  Each is a fresh process, so nothing measured before counts, and reports
its peak resident set (``VmHWM`` in ``/proc/self/status``; ``ru_maxrss`` elsewhere).

Run as ``python -m bench.list_memory window DB`` or ``python -m bench.list_memory bare``;
it prints the peak in megabytes (2**20 bytes).
"""

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bench.measure import MEGABYTES, Figure, Target

if TYPE_CHECKING:  # the bare floor's process must import nothing of the application
    from desktop.store.database import Database

TARGET = Target(megabytes=250)
FLOOR = "a fresh process showing a bare PySide6 QMainWindow with an empty QTableView, offscreen"
MEBIBYTE = 1024 * 1024


def peak_megabytes() -> float:
    """This process's peak resident set so far."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / MEBIBYTE
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return peak * (1 if sys.platform == "darwin" else 1024) / MEBIBYTE


def _every_page(database: str) -> int:
    """The real main window, every page of the sidebar shown in turn; the number of pages."""
    from bench.list_gui import application, paint_window, settle
    from desktop.store.database import open_database
    from desktop.ui.main_window import MainWindow
    from desktop.ui.navigation import PAGES
    from desktop.ui.sign_in.access import page_allowed

    application()
    db = open_database(database)
    window = MainWindow(db)
    window.show()
    shown = 0
    for spec in PAGES:
        if not page_allowed(spec.key):
            continue
        window.show_page(spec.key)
        settle()
        paint_window(window)
        shown += 1
    return shown


def _bare() -> None:
    """Qt alone, nothing of the application (not even its translations) imported."""
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(["csodesk-bench"])
    window = QMainWindow()
    window.setCentralWidget(QTableView(window))
    window.resize(1200, 760)
    window.show()
    app.processEvents()
    window.repaint()


def _measure(*arguments: str) -> float:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.list_memory", *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).parent.parent,
    )
    return float(completed.stdout.split()[-1])


def memory_figures(db: "Database", scale: int, runs: int) -> list[Figure]:
    """Peak RSS of ``runs`` fresh main windows and bare windows, taking turns."""
    database = str(db.path or db.url.render_as_string(hide_password=False))
    samples: list[float] = []
    floor_samples: list[float] = []
    for _run in range(runs):
        samples.append(_measure("window", database))
        floor_samples.append(_measure("bare"))
    from desktop.ui.navigation import PAGES  # Qt and every page: not in the bare process

    return [
        Figure(
            "peak memory, every list open",
            scale,
            tuple(samples),
            tuple(floor_samples),
            floor=FLOOR,
            target=TARGET,
            detail=(
                f"peak RSS (VmHWM) of a fresh process: the main window on the database, each "
                f"of its {len(PAGES)} sidebar pages shown in turn and painted, background "
                "work (the dashboard, the lists' counts) finished"
            ),
            unit=MEGABYTES,
        )
    ]


def main(arguments: list[str]) -> int:
    if arguments[:1] == ["window"] and len(arguments) == 2:
        _every_page(arguments[1])
    elif arguments == ["bare"]:
        _bare()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"{peak_megabytes():.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
