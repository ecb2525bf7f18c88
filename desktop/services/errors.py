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
