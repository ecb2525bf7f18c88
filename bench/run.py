"""``make bench``: every benchmark at every scale, printed and written to
``bench/results.md``.

Scales come from ``--scales`` or the ``BENCH_SCALES`` environment variable (default
"1000 10000 100000").  Each benchmark is a function ``(db, scale, runs) -> [Figure]`` in
``BENCHMARKS``; the findings written by hand in ``bench/findings.md`` (what a profile showed
where a target is missed) are copied under the table, so a new run keeps them.
"""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.databases import ensure_database
from bench.imports import import_figures
from bench.list_memory import memory_figures
from bench.lists import first_rows_figures, search_figures, sort_figures
from bench.measure import Figure
from bench.reports import report_figures
from bench.results import markdown, table
from bench.screens import screen_figures
from bench.startup import startup_figures
from desktop.store.database import Database, open_database

Benchmark = Callable[[Database, int, int], list[Figure]]

BENCHMARKS: tuple[Benchmark, ...] = (
    report_figures,
    startup_figures,
    first_rows_figures,
    search_figures,
    sort_figures,
    memory_figures,
    screen_figures,
    import_figures,
)
DEFAULT_SCALES = "1000 10000 100000"
HERE = Path(__file__).parent


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    scales = [int(scale) for scale in options.scales.replace(",", " ").split()]
    figures: list[Figure] = []
    for scale in scales:
        db = open_database(str(ensure_database(scale)))
        try:
            for benchmark in BENCHMARKS:
                if options.only and not any(n in benchmark.__name__ for n in options.only):
                    continue
                measured = benchmark(db, scale, options.runs)
                figures += measured
                print(table(measured), flush=True)
        finally:
            db.close()
    findings = HERE / "findings.md"
    notes = findings.read_text(encoding="utf-8") if findings.exists() else ""
    options.output.write_text(markdown(figures, options.runs, notes), encoding="utf-8")
    print(f"\n{table(figures)}\n\nWritten to {options.output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scales",
        default=os.environ.get("BENCH_SCALES") or DEFAULT_SCALES,
        help="numbers of activities, e.g. '1000 10000' (default: $BENCH_SCALES or %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only the benchmarks whose function name contains NAME (repeatable)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
