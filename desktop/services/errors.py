"""What a service refuses, in words the user can act on.

``ValidationError`` names each field that is wrong, so a form can put the message beside
the field and the CLI can print ``field: message``; nothing is written when it is raised.
"""

from desktop.i18n import _


class ServiceError(Exception):
    """A refusal whose ``str()`` is one translated sentence for the user."""


class ValidationError(ServiceError):
    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


class NotFoundError(ServiceError):
    """A record that is not there; the message is a whole sentence naming what is missing
    (record types differ in grammatical gender, so no "{what} was not found" template)."""


class ConflictError(ServiceError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this record after you opened it. Reload it to see "
                "their changes, then make yours again."
            )
        )


class RefusedError(ServiceError):
    """An action that is valid in itself but not in the present state of the data."""


class StorageError(ServiceError):
    """The database refused the work for a reason outside the data (a full disk, a
    read-only file, another copy holding the lock); the transaction was rolled back, so
    the sentence can promise that nothing was changed."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "The database could not save the change (the disk may be full, read-only "
                "or busy); nothing was changed."
            )
        )


class DiskFullError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _("The disk is full: free some space and save again; nothing was changed.")
        )


class ReadOnlyDatabaseError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The database can only be read now (the file, its disk or the server is "
                "read-only): ask whoever looks after it, then save again; nothing was changed."
            )
        )


class DiskIOError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The database's disk could not be written or read (it may have been removed, "
                "be failing or have become read-only): check it and save again; nothing was "
                "changed."
            )
        )


class DatabaseBusyError(StorageError):
    """Another copy or user held the lock past the wait.  A read that meets it (``reading``:
    a list, a count, a report) changed nothing and had nothing to save, so it is told to try
    again rather than to save again."""

    def __init__(self, *, reading: bool = False) -> None:
        if reading:
            message = _(
                "The data could not be read because the database is in use by another copy "
                "of CSO Desk or another user: wait a moment and try again."
            )
        else:
            message = _(
                "The database is in use by another copy of CSO Desk or another user: wait a "
                "moment and save again; nothing was changed."
            )
        super().__init__(message)


class AccessRefusedError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Your account on the database server may not make this change: ask your "
                "administrator; nothing was changed."
            )
        )


class DamagedDatabaseError(StorageError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "The database file is damaged: close CSO Desk and open it again to restore "
                "the newest backup; nothing was changed."
            )
        )
