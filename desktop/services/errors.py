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
    the sentence can promise that nothing was changed.

    ``reading``: the work only read (a list, a count, a report), so there was no change to
    save and nothing to save again: the user is told the data could not be read and what
    to do before trying again.  Each kind words both, since the cause and the remedy are
    the same but the act the user retries is not.
    """

    def __init__(self, *, reading: bool = False) -> None:
        super().__init__(self.reading_sentence() if reading else self.saving_sentence())

    def saving_sentence(self) -> str:
        return _(
            "The database could not save the change (the disk may be full, read-only "
            "or busy); nothing was changed."
        )

    def reading_sentence(self) -> str:
        return _(
            "The data could not be read: the database did not answer (the connection to "
            "the server may have been lost, or the server or the disk may be busy); try "
            "again in a moment."
        )


class DiskFullError(StorageError):
    def saving_sentence(self) -> str:
        return _("The disk is full: free some space and save again; nothing was changed.")

    def reading_sentence(self) -> str:
        return _(
            "The data could not be read because the disk is full: free some space and try again."
        )


class ReadOnlyDatabaseError(StorageError):
    def saving_sentence(self) -> str:
        return _(
            "The database can only be read now (the file, its disk or the server is "
            "read-only): ask whoever looks after it, then save again; nothing was changed."
        )

    def reading_sentence(self) -> str:
        # L10N: SQLite must write a small index file beside the database even to read it.
        return _(
            "The data could not be read because the database's file, its folder or the "
            "server is read-only: ask whoever looks after it, then try again."
        )


class DiskIOError(StorageError):
    def saving_sentence(self) -> str:
        return _(
            "The database's disk could not be written or read (it may have been removed, "
            "be failing or have become read-only): check it and save again; nothing was "
            "changed."
        )

    def reading_sentence(self) -> str:
        return _(
            "The data could not be read from the database's disk (it may have been removed, "
            "be failing or have become read-only): check it and try again."
        )


class DatabaseBusyError(StorageError):
    """Another copy or user held the lock past the wait."""

    def saving_sentence(self) -> str:
        return _(
            "The database is in use by another copy of CSO Desk or another user: wait a "
            "moment and save again; nothing was changed."
        )

    def reading_sentence(self) -> str:
        return _(
            "The data could not be read because the database is in use by another copy "
            "of CSO Desk or another user: wait a moment and try again."
        )


class AccessRefusedError(StorageError):
    def saving_sentence(self) -> str:
        return _(
            "Your account on the database server may not make this change: ask your "
            "administrator; nothing was changed."
        )

    def reading_sentence(self) -> str:
        return _(
            "The data could not be read because your account on the database server may "
            "not read it: ask your administrator."
        )


class DamagedDatabaseError(StorageError):
    def saving_sentence(self) -> str:
        return _(
            "The database file is damaged: close CSO Desk and open it again to restore "
            "the newest backup; nothing was changed."
        )

    def reading_sentence(self) -> str:
        return _(
            "The data could not be read because the database file is damaged: close CSO "
            "Desk and open it again to restore the newest backup."
        )
