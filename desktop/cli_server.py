"""``csodesk db init-server`` and ``csodesk db copy``: an office's shared server, from a
terminal.

Both name their databases as arguments rather than through ``--db``: ``init-server`` is
run once, by whoever set the server up, and ``copy`` has two databases.  Passwords are read
as ``csodesk user`` reads them (typed twice without echo, or from standard input), never
from the command line.
"""

import argparse
from collections.abc import Callable

from desktop.i18n import _, ngettext

ParserFactory = Callable[..., argparse.ArgumentParser]
EXIT_OK, EXIT_REFUSED = 0, 1
_CHECKSUM_SHOWN = 16


def add_arguments(actions: argparse._SubParsersAction, parser: ParserFactory) -> None:
    """The ``db`` actions ``init-server`` and ``copy``, with ``parser`` (the CLI's own)."""
    init = parser(
        actions,
        "init-server",
        help=_(
            "prepare an empty PostgreSQL database for an office: the schema, row-level "
            "security and the first administrator"
        ),
    )
    init.add_argument(
        "url",
        metavar="URL",
        help=_("the empty database, as postgresql://owner@server/database?sslmode=require"),
    )
    init.add_argument(
        "--admin",
        required=True,
        metavar=_("USERNAME"),
        help=_("the user name of the first administrator"),
    )
    init.add_argument(
        "--full-name", metavar=_("NAME"), help=_("their full name (default: the user name)")
    )
    init.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password from the first line of standard input (for scripts)"),
    )
    copy = parser(
        actions,
        "copy",
        help=_(
            "copy every record, attachment and audit entry of one database into an empty "
            "one, and check the copy"
        ),
    )
    copy.add_argument(
        "source", metavar=_("SOURCE"), help=_("the database to copy: a file path or a URL")
    )
    copy.add_argument(
        "target",
        metavar=_("TARGET"),
        help=_("the empty database to copy into: a new file path or a URL"),
    )


def run(options: argparse.Namespace) -> int:
    """Do ``options.db_command`` (``init-server`` or ``copy``); the exit status.  Refusals
    raise the store's and services' errors, which the CLI prints as one sentence."""
    if options.db_command == "init-server":
        return _init_server(options)
    return _copy(options)


def _init_server(options: argparse.Namespace) -> int:
    from desktop.cli_users import CommandRefused, read_password
    from desktop.services.server_init import check_server_empty, init_server

    check_server_empty(options.url)
    try:
        password = read_password(options)
    except CommandRefused as refusal:
        _error(str(refusal))
        return EXIT_REFUSED
    except EOFError:  # no terminal, and nothing on standard input
        _error(
            _(
                "No password was given, so nothing was changed; without a terminal, "
                "use --password-stdin."
            )
        )
        return EXIT_REFUSED
    ready = init_server(options.url, options.admin, password, options.full_name)
    where = ready.where
    print(
        _("The database {where} is ready for CSO Desk (schema {revision}).").format(
            where=where, revision=ready.revision
        )
    )
    print(
        ngettext(
            "Row-level security is on for {count} table, with its policy: on this server "
            "staff of a partner organisation see only their organisation's projects.",
            "Row-level security is on for {count} tables, each with its policy: on this "
            "server staff of a partner organisation see only their organisation's projects.",
            len(ready.scoped_tables),
        ).format(count=len(ready.scoped_tables))
    )
    if ready.group_role:
        print(
            _(
                "Users can be given a database role of their own with: "
                'csodesk --db "{where}" db grant-access USERNAME'
            ).format(where=where)
        )
    else:
        print(
            _(
                "The role csodesk_users could not be created (the role connecting may not "
                "create roles), so users cannot be given database roles of their own yet."
            )
        )
    print(
        _(
            "{name} can sign in as administrator now; add the others in the window "
            '(File ▸ Users…) or with: csodesk --db "{where}" user add'
        ).format(name=ready.administrator, where=where)
    )
    return EXIT_OK


def _copy(options: argparse.Namespace) -> int:
    from desktop.i18n import current_language
    from desktop.i18n.formatting import format_number
    from desktop.store.copy import copy_database

    language = current_language()

    def show(phase: str, table: str, rows: int) -> None:
        if phase == "copied":
            print(
                "  "
                + ngettext(
                    "{table}: {count} row copied", "{table}: {count} rows copied", rows
                ).format(table=table, count=format_number(rows, language)),
                flush=True,
            )

    from desktop.store.location import describe, resolve_url

    print(
        _("Copying {source} into {target}:").format(
            source=describe(resolve_url(options.source)),
            target=describe(resolve_url(options.target)),
        )
    )
    result = copy_database(options.source, options.target, progress=show)
    print(_("Read back and checked, table by table:"))
    width = max(len(table.table) for table in result.tables)
    for table in result.tables:
        print(
            f"  {table.table.ljust(width)}  {format_number(table.rows, language):>10}  "
            f"SHA-256 {table.checksum[:_CHECKSUM_SHOWN]}…"
        )
    rows = sum(table.rows for table in result.tables)
    print(
        _(
            "The copy in {target} matches {source}: the same {tables} tables and "
            "{rows} rows, each table's row count and checksum equal."
        ).format(
            target=result.target,
            source=result.source,
            tables=len(result.tables),
            rows=format_number(rows, language),
        )
    )
    return EXIT_OK


def _error(message: str) -> None:
    import sys

    print(_("csodesk: {message}").format(message=message), file=sys.stderr)
