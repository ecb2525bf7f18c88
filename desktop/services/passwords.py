"""Password hashing with Argon2id, kept in one place so every caller uses the same rules.

argon2-cffi's ``PasswordHasher`` with its default parameters is RFC 9106's second
recommended ("low-memory") profile: Argon2id, 3 passes, 64 MiB of memory, 4 lanes, a
16-byte random salt and a 32-byte hash.  The encoded hash carries its own parameters, so a
hash made under older parameters still verifies and is replaced at the next sign-in.

argon2 is imported when a password is first hashed or checked, not with this module: every
start asks whether sign-in is needed (``services.sign_in``), which needs no hashing.
"""

from functools import cache
from typing import TYPE_CHECKING

from desktop.i18n import _, ngettext
from desktop.services.validation import Checker

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD_LENGTH = 10
# Long enough for any passphrase, short enough that hashing a pasted megabyte cannot be
# used to stall a shared server.
MAX_PASSWORD_LENGTH = 1024


@cache
def _hasher() -> "PasswordHasher":
    from argon2 import PasswordHasher
    from argon2.low_level import Type

    return PasswordHasher(type=Type.ID)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(encoded: str, password: str) -> bool:
    """Whether ``password`` matches ``encoded``; a damaged hash simply does not match."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(encoded, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    from argon2.exceptions import InvalidHashError

    try:
        return _hasher().check_needs_rehash(encoded)
    except InvalidHashError:
        return True


def parameters_of(encoded: str) -> str:
    """The part of an encoded hash that names its parameters ("m=65536,t=3,p=4"), which
    is not secret and tells the audit log why a hash was replaced."""
    parts = encoded.split("$")
    return parts[3] if len(parts) > 3 else ""


@cache
def _dummy_hash() -> str:
    return _hasher().hash("not the password of anyone who can sign in")


def waste_a_verification(password: str) -> None:
    """Take as long as checking a real password, so that an unknown user name cannot be
    told from a wrong password by the time the answer takes."""
    verify_password(_dummy_hash(), password)


def check_new_password(check: Checker, field: str, password: str, username: str) -> None:
    """Put in ``check`` what is wrong with ``password`` as the new password of ``username``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        check.fail(
            field,
            ngettext(
                "Use at least {count} character.",
                "Use at least {count} characters.",
                MIN_PASSWORD_LENGTH,
            ).format(count=MIN_PASSWORD_LENGTH),
        )
    elif len(password) > MAX_PASSWORD_LENGTH:
        check.fail(
            field,
            ngettext(
                "Too long: at most {limit} character.",
                "Too long: at most {limit} characters.",
                MAX_PASSWORD_LENGTH,
            ).format(limit=MAX_PASSWORD_LENGTH),
        )
    elif password.strip().casefold() == username.strip().casefold():
        check.fail(field, _("The password cannot be the same as the user name."))
