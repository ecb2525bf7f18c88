"""Timing several runs of a figure and of its floor, and the verdict against a target.

A figure is never one run: the median says how long it takes, the spread how far to
trust it, and the floor measured in the same run turns the time into a ratio that a
slower or busier machine does not change.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """What a figure must meet: at most ``ratio`` times its floor, under ``seconds``, at
    most ``megabytes``, or several of these.  Where the issue sets only an absolute limit
    (a list's first rows in 50 ms), ``ratio`` is ``None``: the ratio is still printed, as
    what the interface adds to the database's own work, but not judged."""

    ratio: float | None = None
    seconds: float | None = None
    megabytes: float | None = None  # for a figure of memory, whose samples are megabytes

    def describe(self) -> str:
        limits = [] if self.ratio is None else [f"≤ {self.ratio:g}× floor"]
        if self.megabytes is not None:
            limits.append(f"≤ {self.megabytes:g} MB")
        elif self.seconds is not None:
            limits.append(f"< {self.seconds:g} s")
        return ", ".join(limits)


SECONDS = "s"
MEGABYTES = "MB"


@dataclass(frozen=True)
class Figure:
    """One benchmark figure at one scale: its runs and its floor's, in ``unit`` (seconds,
    or megabytes for a figure of memory)."""

    name: str
    scale: int
    samples: tuple[float, ...]
    floor_samples: tuple[float, ...]
    floor: str  # what the floor is, for the reader of the results
    target: Target
    detail: str = ""  # what was measured, e.g. the grant and the number of table rows
    unit: str = SECONDS

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def spread(self) -> float:
        """Slowest run minus fastest run."""
        return max(self.samples) - min(self.samples)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor_samples)

    @property
    def ratio(self) -> float:
        return self.median / self.floor_median if self.floor_median > 0 else float("inf")

    @property
    def within_ratio(self) -> bool:
        return self.target.ratio is None or self.ratio <= self.target.ratio

    @property
    def within_time(self) -> bool:
        """Within the target's absolute limit: under its seconds, or at most its megabytes."""
        if self.unit == MEGABYTES:
            return self.target.megabytes is None or self.median <= self.target.megabytes
        return self.target.seconds is None or self.median < self.target.seconds

    @property
    def met(self) -> bool:
        return self.within_ratio and self.within_time


def timed(action: Callable[[], object]) -> float:
    """Seconds one call of ``action`` takes, on the wall clock (what a user waits for)."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def interleaved(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Each action timed ``runs`` times, taking turns after one untimed warm-up call each.

    Taking turns puts a figure and its floor under the same load from whatever else the
    machine is doing; the warm-up keeps imports and font loading out of the figures, which
    measure a report printed in a running application.
    """
    for action in actions.values():
        action()
    samples: dict[str, list[float]] = {key: [] for key in actions}
    for _run in range(runs):
        for key, action in actions.items():
            samples[key].append(timed(action))
    return samples
