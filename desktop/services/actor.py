"""Who is acting: written into every audit entry.

Until sign-in arrives, the actor is the person logged in to the computer.
"""

import getpass
from dataclasses import dataclass

from desktop.domain.user import Role


@dataclass(frozen=True)
class Actor:
    username: str
    role: Role = Role.ADMIN
    user_id: int | None = None


def local_actor() -> Actor:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "local"
    return Actor(username=name or "local")
