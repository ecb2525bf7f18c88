"""Start time of the bundle against ``python -m desktop`` on the same database (issue 8: the
bundle may take at most 1.5 times as long).

    .venv/bin/python -m installer.measure_startup [DATABASE] [--runs 7] [--bundle dist/csodesk]

Both start with ``--exit-after-paint`` (the window's first paint) and ``--exit-after-paint=rows``
(the activities list's first rows), taking turns after one untimed warm-up each, in the
throwaway home, settings and data folders of the start-up benchmark (bench/startup.py) on a
copy of DATABASE (bench/data/bench-1000.sqlite by default: copied, never opened in place).
Prints the medians of wall-clock and CPU time, their ratios and the machine's load.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.measure import interleaved
from bench.startup import _process, _throwaway

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = ROOT / "bench" / "data" / "bench-1000.sqlite"
TARGET_RATIO = 1.5
FLAGS = {"window": "--exit-after-paint", "rows": "--exit-after-paint=rows"}


def measure(database: Path, bundle: Path, runs: int) -> str:
    """The table of medians, as printed."""
    cpu: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="csodesk-bundle-start-") as name:
        original = Path(name) / database.name
        shutil.copyfile(database, original)
        with _throwaway(original) as (copy, environment, folder):
            starts = {
                "source": [sys.executable, "-m", "desktop", "--db", str(copy)],
                "bundle": [str(bundle / "csodesk"), "--db", str(copy)],
            }
            # Each its own cache folder: the compiled catalogs and Babel's merged data are
            # stamped with the code that made them, so a shared folder would be rewritten
            # at every other start.
            environments = {
                kind: {**environment, "XDG_CACHE_HOME": str(folder / f"cache-{kind}")}
                for kind in starts
            }
            actions = {
                f"{kind} {how}": _process(cpu, f"{kind} {how}", [*start, flag], environments[kind])
                for how, flag in FLAGS.items()
                for kind, start in starts.items()
            }
            load_before = os.getloadavg()[0]
            samples = interleaved(actions, runs)
            load_after = os.getloadavg()[0]
    lines = [
        f"{runs} runs each, taking turns; load average {load_before:.1f} -> {load_after:.1f} "
        f"on {os.cpu_count()} cores",
        "start            source wall  bundle wall  ratio   source CPU  bundle CPU  ratio",
    ]
    for how in FLAGS:
        wall = [statistics.median(samples[f"{kind} {how}"]) for kind in ("source", "bundle")]
        spent = [statistics.median(cpu[f"{kind} {how}"][-runs:]) for kind in ("source", "bundle")]
        lines.append(
            f"{how:<16} {wall[0]:>9.3f} s  {wall[1]:>9.3f} s  {wall[1] / wall[0]:>5.2f}x"
            f"  {spent[0]:>9.3f} s  {spent[1]:>8.3f} s  {spent[1] / spent[0]:>5.2f}x"
        )
    lines.append(f"target: bundle <= {TARGET_RATIO}x source")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", type=Path, default=DEFAULT_DATABASE)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "csodesk")
    arguments = parser.parse_args()
    print(measure(arguments.database, arguments.bundle, arguments.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
