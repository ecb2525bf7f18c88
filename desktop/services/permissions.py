"""What each role may do, decided here and enforced by the services.

Hiding a button is a courtesy; the refusal that counts is the one a service raises, so a
script, a second window or a future web front end meets the same rules.  Each permission
has its own refusal sentence (roles differ in grammatical gender and number across our
languages, so no "{role} may not {action}" template).
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar, cast

from desktop.domain.user import Role
from desktop.i18n import N_, _
from desktop.services.actor import Actor
from desktop.services.errors import RefusedError


class Permission(StrEnum):
    READ_RECORDS = "read_records"  # projects, grants, activities, cases, reports…
    EDIT_RECORDS = "edit_records"  # create and change them
    ARCHIVE_RECORDS = "archive_records"  # archive and restore top-level records
    APPROVE_VALUES = "approve_values"  # approve, return and reopen indicator values
    READ_CONFIDENTIAL = "read_confidential"  # who raised a case, and how to reach them
    READ_AUDIT = "read_audit"  # the audit log
    MANAGE_SETTINGS = "manage_settings"  # donor profiles, budget templates, reference data
    MANAGE_USERS = "manage_users"  # accounts, roles and passwords
    MAINTAIN_DATABASE = "maintain_database"  # restore a backup, open another database
    TRANSLATE = "translate"  # the translation catalogs


_EVERYONE_WHO_READS = frozenset({Role.ADMIN, Role.MANAGER, Role.STAFF, Role.VIEWER})
_EDITORS = frozenset({Role.ADMIN, Role.MANAGER, Role.STAFF})
_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})
_ADMINS = frozenset({Role.ADMIN})

ROLES_WITH: dict[Permission, frozenset[Role]] = {
    Permission.READ_RECORDS: _EVERYONE_WHO_READS,
    Permission.EDIT_RECORDS: _EDITORS,
    Permission.ARCHIVE_RECORDS: _MANAGERS,
    Permission.APPROVE_VALUES: _MANAGERS,
    Permission.READ_CONFIDENTIAL: _MANAGERS,
    Permission.READ_AUDIT: _MANAGERS,
    Permission.MANAGE_SETTINGS: _MANAGERS,
    Permission.MANAGE_USERS: _ADMINS,
    Permission.MAINTAIN_DATABASE: _ADMINS,
    Permission.TRANSLATE: frozenset({Role.ADMIN, Role.TRANSLATOR}),
}

REFUSALS: dict[Permission, str] = {
    Permission.READ_RECORDS: N_("Your role does not let you read the organisation's records."),
    Permission.EDIT_RECORDS: N_("Your role lets you read records but not change them."),
    Permission.ARCHIVE_RECORDS: N_("Only administrators and managers may archive or restore."),
    Permission.APPROVE_VALUES: N_(
        "Only administrators and managers may approve, return or reopen values."
    ),
    Permission.READ_CONFIDENTIAL: N_("Only administrators and managers may see who raised a case."),
    Permission.READ_AUDIT: N_("Only administrators and managers may read the audit log."),
    Permission.MANAGE_SETTINGS: N_(
        "Only administrators and managers may change donor profiles and settings."
    ),
    Permission.MANAGE_USERS: N_("Only administrators may manage users and passwords."),
    Permission.MAINTAIN_DATABASE: N_(
        "Only administrators may restore backups or replace the database."
    ),
    Permission.TRANSLATE: N_("Only administrators and translators may edit translations."),
}


class PermissionDenied(RefusedError):
    """A refusal because of who is asking, not of what they sent: a ``RefusedError``, so
    every caller that shows a refusal shows this one too."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission
        super().__init__(_(REFUSALS[permission]))


def allowed(actor: Actor, permission: Permission) -> bool:
    return actor.role in ROLES_WITH[permission]


def require(actor: Actor, permission: Permission) -> None:
    """Raise ``PermissionDenied`` unless ``actor``'s role has ``permission``."""
    if not allowed(actor, permission):
        raise PermissionDenied(permission)


Method = TypeVar("Method", bound=Callable[..., Any])


def requires(permission: Permission) -> Callable[[Method], Method]:
    """Refuse the decorated service method unless the service's actor has ``permission``.

    The check comes before the method reads or writes anything.  The permission stays on
    the method as ``required_permission``, so a test can find a public method nobody
    guarded.
    """

    def guard(method: Method) -> Method:
        @wraps(method)
        def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
            require(self.actor, permission)
            return method(self, *args, **kwargs)

        guarded.required_permission = permission  # type: ignore[attr-defined]
        return cast(Method, guarded)

    return guard


def required_permission(method: Callable[..., Any]) -> Permission | None:
    """The permission ``@requires`` put on ``method``, or None if it has none."""
    return getattr(method, "required_permission", None)
