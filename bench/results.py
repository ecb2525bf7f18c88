"""The figures as a table: printed after a run and written to ``bench/results.md``."""

import platform
from collections.abc import Sequence
from datetime import UTC, datetime

from bench.measure import MEGABYTES, Figure

HEADER = (
    "figure",
    "scale",
    "median",
    "spread",
    "floor median",
    "ratio",
    "target",
    "met",
)


def table(figures: Sequence[Figure]) -> str:
    """A Markdown table, one line per figure and scale (readable as plain text too)."""
    lines = [_line(HEADER), _line(tuple("---" for _ in HEADER))]
    lines += [_line(_cells(figure)) for figure in figures]
    return "\n".join(lines)


def markdown(figures: Sequence[Figure], runs: int, notes: str = "") -> str:
    """The whole results file: how it was measured, the table, what each figure timed."""
    measured = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    details = "\n".join(
        f"- {figure.name}, {figure.scale:,}: {figure.detail}" for figure in figures if figure.detail
    )
    floors = "\n".join(sorted({f"- {figure.name}: {figure.floor}" for figure in figures}))
    parts = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {measured}: Python {platform.python_version()}, "
        f"{platform.machine()}, {_cores()} cores. Each figure is the median of {runs} runs "
        "after one warm-up; spread is the slowest run minus the fastest; the floor is timed "
        "in the same run, taking turns with the figure, and the ratio is median / floor median.",
        "",
        table(figures),
        "",
        "## What was measured",
        "",
        details,
        "",
        "## Floors",
        "",
        floors,
    ]
    if notes.strip():
        parts += ["", notes.strip()]
    return "\n".join(parts) + "\n"


def _cells(figure: Figure) -> tuple[str, ...]:
    return (
        figure.name,
        f"{figure.scale:,}",
        _amount(figure, figure.median),
        _amount(figure, figure.spread),
        _amount(figure, figure.floor_median),
        f"{figure.ratio:.2f}×",
        figure.target.describe(),
        _verdict(figure),
    )


def _verdict(figure: Figure) -> str:
    """Which limit a missed figure exceeds, so a slow ratio is not read as a slow report."""
    if figure.met:
        return "yes"
    limit = "memory" if figure.unit == MEGABYTES else "time"
    missed = [
        name
        for name, within in (("ratio", figure.within_ratio), (limit, figure.within_time))
        if not within
    ]
    return f"**no** ({' and '.join(missed)})"


def _amount(figure: Figure, value: float) -> str:
    return f"{value:.0f} MB" if figure.unit == MEGABYTES else _duration(value)


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _line(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
