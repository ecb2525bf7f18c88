"""``csodesk user …``: the accounts of a database, for whoever administers the machine or
the server, without opening the window.

The commands act as the administrator of the database they open (as the computer's user
name in the audit log): whoever can run them can open the file or reach the server
anyway.  Passwords are read without echo, twice, or once from standard input for
scripts; they never appear on the command line, where other users of the machine could
read them in the process list.
"""

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from desktop.i18n import _

ParserFactory = Callable[..., argparse.ArgumentParser]


class CommandRefused(Exception):
    """A user command that cannot go on; ``str()`` is one translated sentence."""


def add_user_actions(user: argparse.ArgumentParser, parser: ParserFactory) -> None:
    """The actions of the ``user`` command, with ``parser`` (the CLI's translated one)."""
    actions = user.add_subparsers(dest="user_command", metavar=_("ACTION"), required=True)
    listing = parser(actions, "list", help=_("list the user accounts"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))

    add = parser(actions, "add", help=_("add a user account and set its password"))
    add.add_argument("username", metavar="USERNAME")
    add.add_argument(
        "--role",
        required=True,
        metavar="ROLE",
        help=_("what the user may do: admin, manager, staff, viewer or translator"),
    )
    add.add_argument(
        "--full-name", metavar="NAME", help=_("the user's full name (default: the user name)")
    )
    add.add_argument(
        "--organisation",
        metavar="ORGANISATION",
        help=_(
            "the partner organisation the user works for, as its key from "
            "'csodesk list organisations' or its acronym (default: the lead office)"
        ),
    )
    add.add_argument(
        "--language",
        metavar="LANGUAGE",
        help=_("the user's language: sq, sr, sr_Latn or en"),
    )
    _password_options(add)
    add.add_argument(
        "--no-password",
        action="store_true",
        help=_("set no password now (the user cannot sign in until one is set)"),
    )

    passwd = parser(actions, "passwd", help=_("set a user's password"))
    passwd.add_argument("username", metavar="USERNAME")
    _password_options(passwd)

    for name, text in (
        ("deactivate", _("stop a user from signing in; their name stays in the audit log")),
        ("activate", _("let a deactivated user sign in again")),
    ):
        parser(actions, name, help=text).add_argument("username", metavar="USERNAME")


def _password_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from the first line of standard input (for scripts)"),
    )


def run_user_command(db: Any, options: argparse.Namespace) -> list[str]:
    """Do ``options.user_command`` on ``db``; the lines to print.  Refusals raise the
    service's errors or ``CommandRefused``."""
    from desktop.services.actor import local_actor
    from desktop.services.users import UserService

    users = UserService(db, local_actor())
    command = options.user_command
    if command == "list":
        return _list(users, options.json)
    if command == "add":
        return _add(db, users, options)
    user_id = _find(users, options.username)
    if command == "passwd":
        users.set_password(user_id, read_password(options))
        return [_("The password of {name} was set.").format(name=options.username)]
    if command == "deactivate":
        users.deactivate(user_id)
        return [_("{name} can no longer sign in.").format(name=options.username)]
    users.activate(user_id)
    return [_("{name} can sign in again.").format(name=options.username)]


def _list(users: Any, as_json: bool) -> list[str]:
    from desktop.domain.user import ROLE_LABELS

    rows = users.rows()
    if as_json:
        records = [
            {
                "username": row.username,
                "full_name": row.full_name,
                "role": row.role.value,
                "organisation": row.organisation or None,
                "active": row.active,
                "has_password": row.has_password,
            }
            for row in rows
        ]
        return [json.dumps(records, ensure_ascii=False, indent=2)]
    header = [
        _("User name"),
        _("Full name"),
        _("Role"),
        _("Organisation"),
        _("Active"),
        _("Password"),
    ]
    table = [
        [
            row.username,
            row.full_name,
            _(ROLE_LABELS[row.role]),
            row.organisation or _("— lead office —"),
            _("Yes") if row.active else _("No"),
            _("Set") if row.has_password else _("None"),
        ]
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *table, strict=False)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *table]
    ]


def _add(db: Any, users: Any, options: argparse.Namespace) -> list[str]:
    from desktop.domain.user import ROLE_LABELS, Role
    from desktop.i18n import normalize_language
    from desktop.services.users import UserForm

    try:
        role = Role(options.role)
    except ValueError:
        raise CommandRefused(
            _("“{value}” is not a role: use admin, manager, staff, viewer or translator.").format(
                value=options.role
            )
        ) from None
    language = None
    if options.language:
        language = normalize_language(options.language)
        if language is None:
            raise CommandRefused(
                _("“{value}” is not a language: use sq, sr, sr_Latn or en.").format(
                    value=options.language
                )
            )
    form = UserForm(
        username=options.username,
        full_name=options.full_name or options.username,
        role=role,
        language=language,
        organisation_id=_organisation(db, options.organisation),
    )
    password = None if options.no_password else read_password(options)
    users.create(form, password)
    return [
        _("User {name} added as {role}.").format(
            name=options.username, role=_(ROLE_LABELS[form.role])
        )
    ]


def _find(users: Any, username: str) -> int:
    wanted = username.strip().casefold()
    for row in users.rows():
        if row.username.casefold() == wanted:
            return int(row.id)
    raise CommandRefused(_("There is no user {name}.").format(name=username))


def _organisation(db: Any, wanted: str | None) -> int | None:
    """The id of the organisation whose key (UUID) or acronym is ``wanted``."""
    if not wanted:
        return None
    from desktop.services.listing import ListQuery
    from desktop.services.organisations import OrganisationService

    service = OrganisationService(db)
    query = ListQuery()
    offset = 0
    key = wanted.strip().casefold()
    while batch := service.page(query, offset=offset, limit=500):
        for row in batch:
            if key in {str(row.uuid).casefold(), (row.acronym or "").casefold()}:
                return int(row.id)
        offset += len(batch)
    raise CommandRefused(
        _("There is no organisation {key}; see 'csodesk list organisations'.").format(key=wanted)
    )


def read_password(options: argparse.Namespace) -> str:
    """The new password: one line of standard input, or typed twice without echo."""
    if options.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise CommandRefused(_("Standard input held no password."))
        return line.rstrip("\r\n")
    first = getpass.getpass(_("New password: "))
    second = getpass.getpass(_("The same password again: "))
    if first != second:
        raise CommandRefused(_("The two passwords differ; nothing was changed."))
    return first
