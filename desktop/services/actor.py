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


def local_actor() -> Actor:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "local"
    return Actor(username=name or "local")
