"""Python's cycle collector held off while a report is drawn or a file is imported.

Both make tens of thousands of small objects, and none of them needs collecting before
the work is done: what they leave behind is freed by reference counting, or collected
young when the collector runs again afterwards.  The collector, which runs after every 700
new objects and now and then goes through the whole application's heap, cost them a share
it had no reason to take:

- laying out a report keeps every fragment, word, line and cell style until the PDF is
  written: the collector went through them about five times in a small quarterly report
  (3-4 ms, where reportlab's bare document pays 0.5 ms), and through the whole heap
  about once in twenty reports (≈ 0.1 s);
- an import of 10,000 activities reads and checks 160,000 cells into records, rows and
  audit entries: 0.2-0.25 s of its 2.1 s at 100,000 activities (docs/PERFORMANCE.md).
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold the cycle collector off for the block, and turn it back on after it (even
    when the block fails) if it was on; a report drawn or a file imported meanwhile on
    another thread may turn it back on earlier, which only costs that work some time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
