"""What the signed-in role is offered in the window: a courtesy, not the protection.

The services refuse whatever a role may not do (``desktop.services.permissions``); the
window only spares a viewer a Save button that can never work.  Everything here asks the
process-wide signed-in actor, so a widget needs no actor handed down to it.
"""

from desktop.domain.user import ROLE_LABELS
from desktop.i18n import _
from desktop.services.actor import signed_in_actor
from desktop.services.permissions import Permission, allowed

# Pages that need more than reading the organisation's records.
PAGE_PERMISSIONS: dict[str, Permission] = {"audit": Permission.READ_AUDIT}


def may(permission: Permission) -> bool:
    """Whether the signed-in user's role has ``permission``."""
    return allowed(signed_in_actor(), permission)


def page_allowed(key: str) -> bool:
    """Whether the sidebar offers the page ``key`` to the signed-in user."""
    return may(PAGE_PERMISSIONS.get(key, Permission.READ_RECORDS))


def has_account() -> bool:
    """Whether someone signed in with a user account (not the laptop's local administrator)."""
    return signed_in_actor().user_id is not None


def signed_in_text() -> str:
    """ "Signed in as ana (Manager)" for the status bar; "" when nobody signed in."""
    actor = signed_in_actor()
    if actor.user_id is None:
        return ""
    # L10N: in the status bar; {name} is a user name, {role} a role such as "Manager"
    return _("Signed in as {name} ({role})").format(
        name=actor.username, role=_(ROLE_LABELS[actor.role])
    )
