"""``csodesk demo --scale N`` as someone preparing a benchmark runs it: it writes, says what
and how long it took, refuses a database with data, and names a bad number."""

import json
import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store.database import Database


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_demo_scale_writes_a_benchmark_office(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db.url.render_as_string(hide_password=False)
    db.close()
    code, out, err = _run(capsys, "--db", url, "--lang", "en", "demo", "--scale", "500")
    assert code == 0, err
    assert re.search(r"written to .* in [\d.]+ s:", out)
    assert "  Activities: 500" in out.splitlines()
    assert "  Expenditures: 1,000" in out.splitlines()
    projects = json.loads(_run(capsys, "--db", url, "list", "projects", "--json")[1])
    assert len(projects) == 3
    code, _out, err = _run(capsys, "--db", url, "demo", "--scale", "500")
    assert code == 1 and "already holds data" in err and "Traceback" not in err
    assert _run(capsys, "--db", url, "demo", "--scale", "500", "--if-empty")[0] == 0


def test_the_same_seed_writes_the_same_projects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listings = []
    for name, seed in (("a", "11"), ("b", "11"), ("c", "12")):
        path = str(tmp_path / f"{name}.sqlite3")
        assert _run(capsys, "--db", path, "demo", "--scale", "50", "--seed", seed)[0] == 0
        listings.append(json.loads(_run(capsys, "--db", path, "list", "projects", "--json")[1]))
    assert listings[0] == listings[1] != listings[2]


@pytest.mark.parametrize("scale", ["0", "-5"])
def test_a_scale_below_one_is_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scale: str
) -> None:
    path = tmp_path / "empty.sqlite3"
    code, out, err = _run(capsys, "--db", str(path), "demo", "--scale", scale)
    assert code == 1 and "--scale" in err and not out
    assert not path.exists()
