"""Why a database could not be opened, in one translated sentence the user can act on."""

from desktop.i18n import _


class StoreError(Exception):
    """A storage problem the user must hear about; ``str()`` is the translated message."""


class DatabaseUrlError(StoreError):
    def __init__(self, url: str) -> None:
        super().__init__(
            _(
                "“{url}” is not a database address CSO Desk understands: give a file path, "
                "sqlite:///path or postgresql://user@host/database."
            ).format(url=url)
        )


class DatabaseUnavailable(StoreError):
    def __init__(self, where: str) -> None:
        super().__init__(
            _(
                "Cannot connect to the database at {where}: check the address, the network "
                "and that the server is running."
            ).format(where=where)
        )


class ServerClientMissing(StoreError):
    """The PostgreSQL client library could not be loaded: the Linux bundle uses the
    system's (installer/README.md), which a computer that never reached a server may lack."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "To reach a PostgreSQL server, CSO Desk needs the PostgreSQL client library "
                "(libpq), which this computer lacks: install it (on Debian or Ubuntu: sudo apt "
                "install libpq5), then try again. Databases in files work without it."
            )
        )


class NotADatabase(StoreError):
    def __init__(self, path: str) -> None:
        super().__init__(
            _("The file {path} is not a CSO Desk database (or it is damaged).").format(path=path)
        )


class ReadOnlyLocation(StoreError):
    def __init__(self, path: str) -> None:
        super().__init__(
            _("CSO Desk cannot write to {path}: choose a folder where you may save files.").format(
                path=path
            )
        )


class DatabaseDamaged(StoreError):
    """An SQLite file that failed its check at open; it was not opened for writing."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(
            _(
                "The database {path} is damaged, so CSO Desk did not open it and changed "
                "nothing in it: {details}"
            ).format(path=path, details=" ".join(problems))
        )


class DatabaseTooNew(StoreError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            _(
                "This database was last used by a newer version of CSO Desk (schema {revision}); "
                "update CSO Desk before opening it."
            ).format(revision=revision)
        )


class UpgradeFailed(StoreError):
    def __init__(self, backup: str | None) -> None:
        if backup is None:
            message = _("Updating the database failed and it was left as it was.")
        else:
            message = _(
                "Updating the database failed and it was left as it was; a copy is at {backup}."
            ).format(backup=backup)
        super().__init__(message)


class DatabaseNotEmpty(StoreError):
    def __init__(self, where: str) -> None:
        super().__init__(
            _(
                "The database {where} already holds data; the demo fills only an empty database."
            ).format(where=where)
        )
