"""Python's cycle collector held off while a report is drawn.

Laying out a report makes tens of thousands of small objects (fragments, words, lines,
cell styles) and keeps every page until the PDF is written, so the collector, which runs
after every 700 new objects, went through them about five times in a small quarterly
report (3-4 ms, where reportlab's bare document pays 0.5 ms), and through the whole
application's heap about once in twenty reports (≈ 0.1 s).  Nothing the drawing makes
needs collecting before the PDF is written; what it leaves behind is freed by reference
counting, or collected young when the collector runs again afterwards.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cycle collector off for the block, and turn it back on after it (even
    when the block fails) if it was on; a report drawn meanwhile on another thread may
    turn it back on earlier, which only costs that report some time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
