"""The benchmark databases: one ``csodesk demo --scale N`` file per scale, built once.

Building 100,000 activities takes about forty seconds, so a file that exists is reused;
it is written under a temporary name first, so an interrupted build is never mistaken for
a finished one.
"""

import os
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"


def database_path(scale: int, directory: Path = DATA) -> Path:
    return directory / f"bench-{scale}.sqlite"


def ensure_database(scale: int, directory: Path = DATA) -> Path:
    """The scale's database file, built with the demo command if it is missing."""
    path = database_path(scale, directory)
    if path.exists():
        return path
    directory.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.building")
    partial.unlink(missing_ok=True)
    print(f"Building the {scale:,}-activity benchmark database (once) …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(partial), "demo", "--scale", str(scale)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.replace(partial, path)
    return path
