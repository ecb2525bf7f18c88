"""Python's cyclic garbage collector stays off while the window starts.

A start makes some 150,000 objects that live as long as the process (modules, classes,
Qt's wrappers, SQLAlchemy's mappers and compiled statements) and next to no cycles worth
collecting; with the collector on, its collections kept walking them again and again as
they piled up.  Unpickling Babel's locale data for the list's first date took 130 ms of CPU
instead of 20, and the whole start to the first rows about 0.2 s more (bench/findings.md,
"Start-up: the first rows").  So the command line pauses the collector before it imports
the window (``pause``), and ``resume_after_rows`` turns it on again once the window's page
has painted its first rows, freezing what the start made (``gc.freeze``: later
collections leave those objects alone, so an hour's work in the window does not walk them
again either).

A start that does not reach its rows soon (a sign-in dialog left open, a migration, a
damaged file's questions) gets the collector back after ``LONGEST_PAUSE_S`` all the same,
from a timer thread that needs no event loop.  Nothing here imports Qt before it is asked
to watch a window: the command line calls ``pause`` before Qt is loaded.
"""

import gc
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# Longer than any start to its first rows on an old laptop, short enough that a dialog
# left open at start does not let garbage pile up for long.
LONGEST_PAUSE_S = 10.0

_lock = threading.Lock()
_timer: threading.Timer | None = None  # set while the collector is paused by ``pause``


def pause() -> None:
    """Turn the collector off for the start; it comes back on by itself at the latest after
    ``LONGEST_PAUSE_S``."""
    global _timer
    with _lock:
        if _timer is not None or not gc.isenabled():
            return  # paused already, or someone else turned it off: theirs to turn on
        gc.disable()
        _timer = threading.Timer(LONGEST_PAUSE_S, resume)
        _timer.daemon = True
        _timer.start()


def resume() -> None:
    """Turn the collector on again, if ``pause`` turned it off; the objects made so far are
    moved out of its reach for good (each later collection would only find them alive)."""
    global _timer
    with _lock:
        if _timer is None:
            return
        _timer.cancel()
        _timer = None
        gc.freeze()
        gc.enable()


def is_paused() -> bool:
    return _timer is not None


def resume_after_rows(window: "QWidget") -> None:
    """``resume`` on the event loop's turn after ``window``'s page first shows rows (at
    once for a page without a list)."""
    if not is_paused():
        return
    from desktop.ui.first_paint import ExitAfterRows

    ExitAfterRows(window, done=resume)
