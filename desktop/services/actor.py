"""Who is acting: written into every audit entry, and checked by every service.

Without sign-in (a single-user laptop), the actor is the person logged in to the computer,
acting as administrator of their own file.
"""

import getpass
from dataclasses import dataclass

from desktop.domain.user import Role


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role = Role.ADMIN
    user_id: int | None = None
    # The organisation the user works for; None for the lead office, which sees everything.
    organisation_id: int | None = None
    # The interface language the user chose for their account (None: the computer's).
    language: str | None = None


def local_actor() -> Actor:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "local"
    return Actor(username=name or "local")


# One person works in a desktop process at a time, so who signed in is process-wide state
# rather than something the window threads through the ~64 services it creates.  A service
# given an explicit ``actor=`` uses that one instead (tests, the CLI, a second identity).
_signed_in: Actor | None = None


def signed_in_actor() -> Actor:
    """The actor the sign-in dialog accepted, or the local administrator when nobody has
    signed in (a single-user laptop needs no sign-in)."""
    return _signed_in or local_actor()


def sign_in_as(actor: Actor) -> None:
    global _signed_in
    _signed_in = actor


def sign_out() -> None:
    global _signed_in
    _signed_in = None
