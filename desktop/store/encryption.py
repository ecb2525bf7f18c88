"""Encrypted backups to carry offsite: AES-256-GCM with a key derived from a passphrase by
scrypt, written in 1 MiB chunks so a database of any size needs only a few MiB of memory.

A file is a header followed by chunks.  The header holds a magic line (so a wrong file is
recognised before any passphrase is tried), the format version, the scrypt parameters, a
random 16-byte salt, a random nonce prefix and a 32-byte passphrase check.  scrypt gives 64
bytes: the first 32 are the AES key, the other 32 the check, so a wrong passphrase is told
apart from a damaged or altered file.  Each chunk is sealed by GCM with a 12-byte nonce
(the 8-byte prefix and the chunk's number) and, as associated data, the whole header, the
chunk's number and whether it is the last: reordering, dropping or appending chunks, or
editing the header, fails authentication just as a changed byte does.

cryptography is imported by the functions that encrypt, decrypt or derive a key: every
start imports this module (through ``desktop.store.backups``), few starts use it.
"""

import hmac
import os
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.i18n import _
from desktop.store.errors import StoreError

MAGIC = b"CSO Desk encrypted backup\n"
FORMAT_VERSION = 1
SCRYPT_LOG2_N = 17  # n = 131072, r = 8, p = 1: 128 MiB and about half a second per try
SCRYPT_R = 8
SCRYPT_P = 1
MAX_SCRYPT_LOG2_N = 22  # a header asking for more is not ours: refused before deriving
CHUNK_SIZE = 1 << 20
MIN_PASSPHRASE_LENGTH = 8
SALT_SIZE = 16
NONCE_PREFIX_SIZE = 8
CHECK_SIZE = 32
TAG_SIZE = 16
_FIELDS = struct.Struct(f">BBBBI{SALT_SIZE}s{NONCE_PREFIX_SIZE}s{CHECK_SIZE}s")
HEADER_SIZE = len(MAGIC) + _FIELDS.size


class NotEncrypted(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("The file {path} is not an encrypted CSO Desk backup.").format(path=path)
        )


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__(_("The passphrase is not the one this backup was encrypted with."))


class PassphraseTooShort(StoreError):
    def __init__(self) -> None:
        super().__init__(
            _("A passphrase needs at least {count} characters.").format(count=MIN_PASSPHRASE_LENGTH)
        )


class BackupTampered(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "The encrypted backup {path} is damaged or was altered after it was written; "
                "nothing was restored from it."
            ).format(path=path)
        )


@dataclass(frozen=True)
class _Header:
    log2_n: int
    r: int
    p: int
    chunk_size: int
    salt: bytes
    nonce_prefix: bytes
    check: bytes

    def pack(self) -> bytes:
        return MAGIC + _FIELDS.pack(
            FORMAT_VERSION,
            self.log2_n,
            self.r,
            self.p,
            self.chunk_size,
            self.salt,
            self.nonce_prefix,
            self.check,
        )


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` starts like an encrypted backup (nothing is decrypted)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def encrypt_file(source: Path, target: Path, passphrase: str) -> Path:
    """Write ``source`` encrypted to ``target``; a partial file is never left behind."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    passphrase = normalised(passphrase)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseTooShort()
    salt = os.urandom(SALT_SIZE)
    key, check = _derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    header = _Header(
        SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, CHUNK_SIZE, salt, os.urandom(NONCE_PREFIX_SIZE), check
    )
    packed = header.pack()
    cipher = AESGCM(key)
    with _PartialFile(target) as partial, source.open("rb") as plain:
        output = partial.handle
        output.write(packed)
        for number, chunk, last in _chunks(plain, header.chunk_size):
            nonce = header.nonce_prefix + struct.pack(">I", number)
            output.write(cipher.encrypt(nonce, chunk, _associated(packed, number, last)))
        partial.commit()
    return target


def decrypt_file(source: Path, target: Path, passphrase: str) -> Path:
    """Write the database inside ``source`` to ``target``, or refuse with one sentence and
    leave no ``target`` behind."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with source.open("rb") as encrypted:
        header, packed = _read_header(encrypted, source)
        key = _key_for(header, passphrase)
        cipher = AESGCM(key)
        with _PartialFile(target) as partial:
            sealed_size = header.chunk_size + TAG_SIZE
            for number, sealed, last in _chunks(encrypted, sealed_size):
                nonce = header.nonce_prefix + struct.pack(">I", number)
                try:
                    plain = cipher.decrypt(nonce, sealed, _associated(packed, number, last))
                except InvalidTag:
                    raise BackupTampered(source) from None
                partial.handle.write(plain)
            partial.commit()
    return target


def _read_header(handle: BinaryIO, path: Path) -> tuple[_Header, bytes]:
    packed = handle.read(HEADER_SIZE)
    if len(packed) < HEADER_SIZE or not packed.startswith(MAGIC):
        raise NotEncrypted(path)
    version, log2_n, r, p, chunk_size, salt, prefix, check = _FIELDS.unpack(packed[len(MAGIC) :])
    sane = (
        version == FORMAT_VERSION
        and 10 <= log2_n <= MAX_SCRYPT_LOG2_N
        and 1 <= r <= 32
        and 1 <= p <= 16
        and 1024 <= chunk_size <= 64 * CHUNK_SIZE
    )
    if not sane:
        raise NotEncrypted(path)
    return _Header(log2_n, r, p, chunk_size, salt, prefix, check), packed


def normalised(passphrase: str) -> str:
    """The passphrase in Unicode's composed form (NFC): "ë" typed as one character on one
    computer and as "e" and a combining diaeresis on another is the same passphrase."""
    return unicodedata.normalize("NFC", passphrase)


def _key_for(header: _Header, passphrase: str) -> bytes:
    """The key of a file, from the passphrase as composed, or as typed (a backup written
    before passphrases were composed); ``WrongPassphrase`` if neither opens it."""
    for candidate in dict.fromkeys((normalised(passphrase), passphrase)):
        key, check = _derive(candidate, header.salt, header.log2_n, header.r, header.p)
        if hmac.compare_digest(check, header.check):
            return key
    raise WrongPassphrase()


def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    material = Scrypt(salt=salt, length=32 + CHECK_SIZE, n=1 << log2_n, r=r, p=p).derive(
        passphrase.encode("utf-8")
    )
    return material[:32], material[32:]


def _associated(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">I?", number, last)


def _chunks(handle: BinaryIO, size: int) -> Iterator[tuple[int, bytes, bool]]:
    """Numbered pieces of ``size`` bytes, the last flagged; an empty input is one empty,
    last piece, so even an empty file carries an authenticated end."""
    number = 0
    current = handle.read(size)
    while True:
        following = handle.read(size) if len(current) == size else b""
        last = not following
        yield number, current, last
        if last:
            return
        number += 1
        current = following


class _PartialFile:
    """A hidden file beside ``target`` that becomes it only by ``commit``; removed otherwise."""

    def __init__(self, target: Path) -> None:
        self.path = target.with_name(f".{target.name}.part")
        self.target = target

    def __enter__(self) -> "_PartialFile":
        self.handle = self.path.open("wb")
        return self

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.path, self.target)

    def __exit__(self, *_exc: object) -> None:
        self.handle.close()
        self.path.unlink(missing_ok=True)
