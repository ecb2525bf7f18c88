"""``csodesk export iati`` and ``csodesk import iati`` end to end, as an office's script runs
them, on SQLite and PostgreSQL."""

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.domain.project import Project
from desktop.store.database import Database, open_database
from desktop.store.demo import load_demo
from tests.postgres_server import PostgresServer
from tests.services.iati_support import WORKED_EXAMPLE, activities, schema_errors

_numbers = count()


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, db: Database, tmp_path: Path) -> Iterator[str]:
    """A second, empty database of the same kind as ``db``."""
    if db.url.get_backend_name() == "sqlite":
        yield str(tmp_path / "empty.sqlite3")
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"csodesk_iati_{os.getpid()}_{next(_numbers)}"
    yield server.create_database(name, template=request.getfixturevalue("postgres_template"))
    server.drop_database(name)


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_then_import_into_an_empty_database(
    db: Database, empty_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(db)
    url = db.url.render_as_string(hide_password=False)
    written = tmp_path / "activities.xml"
    code, out, err = _run(capsys, "--db", url, "export", "iati", "--org", "psn", "-o", str(written))
    assert (code, err) == (0, "")
    assert "4 projects of XK-CR-5120417" in out
    assert schema_errors(written.read_bytes()) == []

    code, out, err = _run(capsys, "--db", empty_url, "import", "iati", str(written))
    assert (code, err) == (0, "")
    assert "Projects: 4" in out
    again = tmp_path / "again.xml"
    code, _out, _err = _run(
        capsys, "--db", empty_url, "export", "iati", "--org", "PSN", "-o", str(again)
    )
    assert code == 0
    assert activities(again.read_bytes()) == activities(written.read_bytes())

    code, _out, err = _run(capsys, "--db", empty_url, "import", "iati", str(written))
    assert code == 1 and "Nothing was changed" in err


def test_the_worked_example_imports_with_warnings(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db.url.render_as_string(hide_password=False)
    code, out, err = _run(capsys, "--db", url, "import", "iati", str(WORKED_EXAMPLE))
    assert code == 0
    assert "Projects: 1" in out
    assert "Warning: Line 12:" in err


def test_bad_input_gets_one_clear_sentence(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(db)
    url = db.url.render_as_string(hide_password=False)
    out_file = str(tmp_path / "x.xml")
    code, _out, err = _run(capsys, "--db", url, "export", "iati", "--org", "NOPE", "-o", out_file)
    assert code == 1 and "“NOPE”" in err and "csodesk list organisations" in err
    assert not Path(out_file).exists()
    broken = tmp_path / "broken.xml"
    broken.write_text("<iati-activities>\n<oops>", encoding="utf-8")
    empty = open_database(str(tmp_path / "empty.sqlite3"))
    empty.close()
    code, _out, err = _run(
        capsys, "--db", str(tmp_path / "empty.sqlite3"), "import", "iati", str(broken)
    )
    assert code == 1 and "line 2" in err and "nothing was imported" in err
    code, _out, err = _run(capsys, "--db", url, "import", "iati", str(tmp_path / "missing.xml"))
    assert code == 1 and "missing.xml" in err
    with db.transaction() as session:
        assert session.scalar(select(func.count(Project.id))) == 4


def test_an_export_that_cannot_be_written_says_why_and_leaves_no_file(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_demo(db)
    url = db.url.render_as_string(hide_password=False)
    taken = tmp_path / "activities.xml"
    taken.mkdir()  # a folder where the file should go
    code, _out, err = _run(capsys, "--db", url, "export", "iati", "--org", "PSN", "-o", str(taken))
    assert code == 1 and "The IATI file could not be written to" in err
    assert not list(tmp_path.glob(".activities.xml*"))  # no half-written file beside it
    assert taken.is_dir() and not any(taken.iterdir())
