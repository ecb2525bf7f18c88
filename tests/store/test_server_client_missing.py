"""A computer without PostgreSQL's client library (the Linux bundle uses the system's
libpq) is told what to install when it is given a server's address, in one sentence, and a
database file still opens."""

import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.cli import main
from desktop.store.engine import make_engine
from desktop.store.errors import ServerClientMissing


@pytest.fixture
def without_libpq(monkeypatch: pytest.MonkeyPatch) -> None:
    """psycopg as it behaves when no libpq can be loaded: importing it fails."""
    monkeypatch.setitem(sys.modules, "psycopg", None)


@pytest.mark.usefixtures("without_libpq")
def test_a_server_address_says_which_library_to_install() -> None:
    with pytest.raises(ServerClientMissing, match="sudo apt install libpq5"):
        make_engine(make_url("postgresql+psycopg://office@server.lan/csodesk"))


@pytest.mark.usefixtures("without_libpq")
def test_the_command_line_prints_it_and_a_file_still_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", "postgresql://office@server.lan/csodesk", "list", "projects"]) == 1
    error = capsys.readouterr().err
    assert "PostgreSQL client library (libpq)" in error
    assert "Traceback" not in error
    assert main(["--db", str(tmp_path / "office.sqlite3"), "list", "projects"]) == 0
