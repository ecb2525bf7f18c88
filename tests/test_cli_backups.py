"""``csodesk db backup --encrypt``, ``csodesk db restore`` and ``csodesk db check`` on a
damaged file, as someone looking after an office's laptop would run them."""

import io
import os
import shlex
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.store import backups, encryption
from desktop.store.database import Database
from desktop.store.demo import load_demo

PASSPHRASE = "Mitrovicë 2026"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "SCRYPT_LOG2_N", 12)


@pytest.fixture
def demo_file(sqlite_db: Database) -> Path:
    load_demo(sqlite_db)
    sqlite_db.close()
    assert sqlite_db.path is not None
    return sqlite_db.path


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *arguments: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def codes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT code FROM projects ORDER BY code")]
    finally:
        connection.close()


def rename_projects(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE projects SET code = 'AFTER-' || id")
        connection.commit()
    finally:
        connection.close()


def test_an_encrypted_backup_is_restored_with_its_passphrase_only(
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sealed = tmp_path / "offsite.enc"
    db = ["--db", str(demo_file)]
    original = codes(demo_file)

    code, out, _err = run(
        capsys, monkeypatch, *db, "db", "backup", str(sealed), "--encrypt", "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert code == 0 and str(sealed) in out
    assert encryption.is_encrypted(sealed)
    rename_projects(demo_file)

    code, _out, err = run(
        capsys, monkeypatch, *db, "db", "restore", str(sealed), "--passphrase-stdin",
        stdin="wrong passphrase\n",
    )  # fmt: skip
    assert code == 1 and "passphrase" in err and "Traceback" not in err
    assert codes(demo_file)[0].startswith("AFTER-")

    code, out, _err = run(
        capsys, monkeypatch, *db, "db", "restore", str(sealed), "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert code == 0
    assert codes(demo_file) == original
    [kept] = backups.list_backups(demo_file)
    assert kept.reason == backups.BEFORE_RESTORE and str(kept.path) in out
    assert codes(kept.path)[0].startswith("AFTER-")


def test_two_different_passphrases_write_nothing(
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = iter([PASSPHRASE, PASSPHRASE + "!"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    target = tmp_path / "offsite.enc"
    code, _out, err = run(
        capsys, monkeypatch, "--db", str(demo_file), "db", "backup", str(target), "--encrypt"
    )
    assert code == 1 and "differ" in err
    assert not target.exists()


def test_no_terminal_to_type_a_passphrase_in_is_one_sentence(
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As in a scheduled task: getpass finds no terminal and nothing on standard input."""

    def no_terminal(_prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    target = tmp_path / "offsite.enc"
    db = ["--db", str(demo_file)]

    code, _out, err = run(capsys, monkeypatch, *db, "db", "backup", str(target), "--encrypt")
    assert code == 1 and "--passphrase-stdin" in err and "unexpected" not in err
    assert not target.exists()

    encryption.encrypt_file(demo_file, target, PASSPHRASE)
    before = demo_file.read_bytes()
    code, _out, err = run(capsys, monkeypatch, *db, "db", "restore", str(target))
    assert code == 1 and "No passphrase was given" in err
    assert demo_file.read_bytes() == before


def test_a_damaged_database_is_checked_without_being_opened_and_its_backup_is_named(
    demo_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = backups.take_backup(demo_file, backups.EXIT)
    with demo_file.open("r+b") as handle:
        handle.seek(demo_file.stat().st_size // 2 // 4096 * 4096)
        handle.write(os.urandom(4096 * 4))
    before = demo_file.read_bytes()

    code, _out, err = run(capsys, monkeypatch, "--db", str(demo_file), "db", "check")

    assert code == 1
    assert "damaged" in err and str(good) in err and " db restore " in err
    assert demo_file.read_bytes() == before

    code, _out, _err = run(capsys, monkeypatch, "--db", str(demo_file), "db", "restore", str(good))
    assert code == 0
    assert len(codes(demo_file)) == 4
    assert run(capsys, monkeypatch, "--db", str(demo_file), "db", "check")[0] == 0


def test_the_restore_command_named_for_a_damaged_database_runs_as_copied(
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command once came in typographic quotes and without the damaged file's --db, so
    pasted into a shell it named no file, or restored into another database."""
    folder = tmp_path / "Зyra e Fondacionit"
    folder.mkdir()
    office = folder / "baza e zyrës.sqlite3"
    demo_file.rename(office)
    backups.take_backup(office, backups.EXIT)
    with office.open("r+b") as handle:
        handle.seek(office.stat().st_size // 2 // 4096 * 4096)
        handle.write(os.urandom(4096 * 4))

    code, _out, err = run(capsys, monkeypatch, "--db", str(office), "db", "check")
    assert code == 1
    command = shlex.split(err.strip().splitlines()[-1])
    assert command[:3] == ["csodesk", "--db", str(office)]

    code, _out, _err = run(capsys, monkeypatch, *command[1:])
    assert code == 0
    assert len(codes(office)) == 4


def test_restoring_a_file_that_is_no_backup_is_one_sentence(
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    letter = tmp_path / "letter.sqlite3"
    letter.write_bytes(b"Dear donor, " * 1000)
    before = demo_file.read_bytes()
    code, _out, err = run(capsys, monkeypatch, "--db", str(demo_file), "db", "restore", str(letter))
    assert code == 1 and str(letter) in err and len(err.strip().splitlines()) == 1
    assert demo_file.read_bytes() == before


def test_a_database_in_a_sync_folder_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    code, _out, err = run(
        capsys, monkeypatch, "--db", str(folder / "office.sqlite3"), "db", "check"
    )
    assert code == 0
    assert "Dropbox" in err and "PostgreSQL" in err
