"""Encrypted backups: what goes in comes out with the right passphrase, and nothing comes out
of a wrong passphrase, an altered byte, a dropped or reordered chunk, or a file that is not
one of ours; a refusal leaves no file behind."""

import os
import unicodedata
from pathlib import Path

import pytest

from desktop.store import encryption
from desktop.store.encryption import (
    BackupTampered,
    NotEncrypted,
    PassphraseTooShort,
    WrongPassphrase,
    decrypt_file,
    encrypt_file,
    is_encrypted,
)

PASSPHRASE = "ura e ibrit 2026"
SMALL_CHUNK = 4096


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheaper scrypt and small chunks, so each test stays quick and spans many chunks;
    the parameters travel in the header, so decryption follows whatever was written."""
    monkeypatch.setattr(encryption, "SCRYPT_LOG2_N", 12)
    monkeypatch.setattr(encryption, "CHUNK_SIZE", SMALL_CHUNK)


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "backup.sqlite3"
    path.write_bytes(os.urandom(SMALL_CHUNK * 5 + 123))
    return path


def test_round_trip_gives_back_every_byte_and_hides_them(plain: Path, tmp_path: Path) -> None:
    sealed = encrypt_file(plain, tmp_path / "offsite.enc", PASSPHRASE)
    assert is_encrypted(sealed)
    assert plain.read_bytes()[:4096] not in sealed.read_bytes()

    opened = decrypt_file(sealed, tmp_path / "restored.sqlite3", PASSPHRASE)

    assert opened.read_bytes() == plain.read_bytes()


@pytest.mark.parametrize("size", [0, SMALL_CHUNK, SMALL_CHUNK * 2])
def test_empty_and_whole_chunk_files_round_trip(tmp_path: Path, size: int) -> None:
    plain = tmp_path / "plain"
    plain.write_bytes(os.urandom(size))
    sealed = encrypt_file(plain, tmp_path / "sealed", PASSPHRASE)
    assert decrypt_file(sealed, tmp_path / "opened", PASSPHRASE).read_bytes() == plain.read_bytes()


def test_the_real_key_derivation_round_trips(
    plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()  # scrypt with n = 2**17 and 1 MiB chunks, as shipped
    assert encryption.SCRYPT_LOG2_N == 17
    sealed = encrypt_file(plain, tmp_path / "sealed", PASSPHRASE)
    assert decrypt_file(sealed, tmp_path / "opened", PASSPHRASE).read_bytes() == plain.read_bytes()


def test_a_wrong_passphrase_is_told_and_writes_nothing(plain: Path, tmp_path: Path) -> None:
    sealed = encrypt_file(plain, tmp_path / "sealed", PASSPHRASE)
    target = tmp_path / "opened"
    with pytest.raises(WrongPassphrase):
        decrypt_file(sealed, target, "ura e ibrit 2025")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite3", "sealed"]


@pytest.mark.parametrize(
    "alter",
    [
        pytest.param(lambda data: _flip(data, len(data) // 2), id="a byte in a middle chunk"),
        pytest.param(lambda data: _flip(data, len(data) - 1), id="the last tag"),
        pytest.param(lambda data: data[: -(SMALL_CHUNK // 2)], id="the end cut off"),
        pytest.param(
            lambda data: data[: encryption.HEADER_SIZE + SMALL_CHUNK + 16],
            id="whole chunks dropped",
        ),
        pytest.param(lambda data: _swap_chunks(data, 1, 2), id="chunks reordered"),
        pytest.param(lambda data: data + data[-200:], id="bytes appended"),
    ],
)
def test_an_altered_file_is_refused_and_writes_nothing(
    plain: Path, tmp_path: Path, alter: object
) -> None:
    sealed = encrypt_file(plain, tmp_path / "sealed", PASSPHRASE)
    sealed.write_bytes(alter(sealed.read_bytes()))  # type: ignore[operator]
    target = tmp_path / "opened"
    with pytest.raises(BackupTampered):
        decrypt_file(sealed, target, PASSPHRASE)
    assert not target.exists()
    assert not list(tmp_path.glob(".*part"))


def test_a_changed_header_parameter_is_refused(plain: Path, tmp_path: Path) -> None:
    sealed = encrypt_file(plain, tmp_path / "sealed", PASSPHRASE)
    data = bytearray(sealed.read_bytes())
    data[len(encryption.MAGIC) + 2] += 1  # scrypt's r: another key, so "wrong passphrase"
    sealed.write_bytes(bytes(data))
    with pytest.raises(WrongPassphrase):
        decrypt_file(sealed, tmp_path / "opened", PASSPHRASE)


@pytest.mark.parametrize(
    "content", [b"", b"SQLite format 3\x00" + b"\x00" * 5000, encryption.MAGIC + b"\xff" * 20]
)
def test_a_file_that_is_not_an_encrypted_backup_is_recognised(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "other.enc"
    path.write_bytes(content)
    with pytest.raises(NotEncrypted):
        decrypt_file(path, tmp_path / "opened", PASSPHRASE)
    assert not (tmp_path / "opened").exists()


def test_a_short_passphrase_is_refused_before_anything_is_written(
    plain: Path, tmp_path: Path
) -> None:
    with pytest.raises(PassphraseTooShort):
        encrypt_file(plain, tmp_path / "sealed", "short")
    assert not (tmp_path / "sealed").exists()


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def _swap_chunks(data: bytes, first: int, second: int) -> bytes:
    size = SMALL_CHUNK + encryption.TAG_SIZE
    start = encryption.HEADER_SIZE
    chunks = [data[start + i * size : start + (i + 1) * size] for i in range(5)]
    chunks[first], chunks[second] = chunks[second], chunks[first]
    return data[:start] + b"".join(chunks) + data[start + 5 * size :]


COMPOSED = "Mitrovicë, Зубин Поток 🔐"
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # "e" and a combining diaeresis


def test_a_passphrase_typed_decomposed_on_another_computer_opens_the_backup(
    plain: Path, tmp_path: Path
) -> None:
    assert DECOMPOSED != COMPOSED
    sealed = encrypt_file(plain, tmp_path / "offsite.enc", COMPOSED)

    opened = decrypt_file(sealed, tmp_path / "restored.sqlite3", DECOMPOSED)

    assert opened.read_bytes() == plain.read_bytes()


def test_a_backup_sealed_with_a_decomposed_passphrase_before_still_opens(
    plain: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as earlier:  # written before passphrases were composed
        earlier.setattr(encryption, "normalised", lambda passphrase: passphrase)
        sealed = encrypt_file(plain, tmp_path / "offsite.enc", DECOMPOSED)

    opened = decrypt_file(sealed, tmp_path / "restored.sqlite3", DECOMPOSED)

    assert opened.read_bytes() == plain.read_bytes()
    with pytest.raises(WrongPassphrase):
        decrypt_file(sealed, tmp_path / "again.sqlite3", COMPOSED + "x")
