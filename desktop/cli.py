"""The one entry point: the window by default, sub-commands for headless work.

Headless commands import neither Qt nor more of the stack than they use, so ``csodesk
--help`` and ``csodesk list`` answer at once.  Every refusal is one translated sentence on
standard error and a non-zero exit status, never a traceback.
"""

import argparse
import gc
import os
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from desktop import i18n, version
from desktop.i18n import _

EXIT_OK, EXIT_REFUSED, EXIT_UNEXPECTED = 0, 1, 2
LIST_SUBJECTS = ("projects", "organisations", "grants", "periods")


def interface_language(requested: str | None) -> str | None:
    """``--lang``, else ``CSODESK_LANG``, else the system locale, if we speak it."""
    for candidate in (
        requested,
        os.environ.get("CSODESK_LANG"),
        os.environ.get("LC_ALL"),
        os.environ.get("LC_MESSAGES"),
        os.environ.get("LANG"),
    ):
        code = i18n.normalize_language(candidate)
        if code:
            return code
    return None


class _TranslatedHelp(argparse.HelpFormatter):
    """argparse's own words ("usage:") come from the stdlib catalog; ours are translated."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _VersionAction(argparse.Action):
    """``--version``, which looks the version up only when asked (see ``desktop.version``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        print(f"CSO Desk {version()}")
        parser.exit()


def _parser(parent: Any, name: str | None = None, **kwargs: Any) -> argparse.ArgumentParser:
    """A parser or sub-parser whose help option and group titles are translated."""
    options = {"formatter_class": _TranslatedHelp, "add_help": False, **kwargs}
    parser = parent.add_parser(name, **options) if name else argparse.ArgumentParser(**options)
    parser._positionals.title = _("arguments")
    parser._optionals.title = _("options")
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))
    return parser


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser, with the arguments of ``commands`` (all when ``None``).

    Every command is listed, with its help, whichever are given: ``csodesk --help`` needs
    none of their arguments, and building them all imports the report formats and builds
    some twenty parsers.  ``main`` builds the parser without any first, then again with the
    command named, so each run pays only for its own.
    """
    parser = _parser(
        None,
        prog="csodesk",
        description=_(
            "CSO Desk: projects, grants, activities, results, research and community-safety "
            "cases of civil-society organisations, and the reports their donors ask for. "
            "Without a command, the application window opens."
        ),
    )
    parser.add_argument("--version", action=_VersionAction, help=_("show the version and exit"))
    parser.add_argument(
        "--db",
        metavar="URL",
        help=_(
            "the database: a file path, sqlite:///path or postgresql://user@host/name "
            "(default: CSODESK_DB_URL, else a file in your data folder)"
        ),
    )
    parser.add_argument(
        "--lang",
        dest="interface_language",
        metavar="LANGUAGE",
        help=_("the language of the interface and messages: sq, sr, sr_Latn or en"),
    )
    parser.add_argument(
        "--translator-mode",
        action="store_true",
        help=_(
            "for translators: read a catalog again the moment its .po file is saved and "
            "relabel the open windows (also CSODESK_TRANSLATOR_MODE=1)"
        ),
    )
    parser.add_argument(
        "--exit-after-paint",
        nargs="?",
        const="window",
        choices=("window", "rows"),
        metavar="window|rows",
        help=_(
            "open the window as usual, then quit with status 0 as soon as it has been "
            "painted; with =rows, once the first rows of the list it opens on have been "
            "painted (for timing a start with hyperfine or /usr/bin/time)"
        ),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check this installation on throwaway data: create a temporary database, load "
            "the demonstration data, open the window offscreen, write a report in each "
            "language and check its fonts; prints one line per check, exits 0 if all pass"
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name, help_text, add_arguments in _command_parsers():
        if commands is None or name in commands:
            add_arguments(_parser(subparsers, name, help=help_text))
        else:  # listed only: its arguments, -h included, are left for the second parse
            subparsers.add_parser(name, help=help_text, add_help=False)
    return parser


def _command_parsers() -> list[tuple[str, str, Callable[[argparse.ArgumentParser], None]]]:
    """Each command's name, help and the function adding its arguments, in help's order."""
    return [
        ("demo", _("fill an empty database with demonstration data"), _demo_arguments),
        ("list", _("list records and the keys other commands take"), _list_arguments),
        ("report", _("write a donor report as PDF"), _report_arguments),
        ("db", _("look after the database"), _db_arguments),
        ("user", _("manage the user accounts of the database"), _user_arguments),
        ("export", _("write the organisation's projects as an IATI file"), _export_arguments),
        ("import", _("read an IATI file into an empty database"), _import_arguments),
        ("i18n", _("check the translation catalogs"), _i18n_arguments),
    ]


def _demo_arguments(demo: argparse.ArgumentParser) -> None:
    """``demo``: the small office, or a benchmark office of ``--scale`` activities."""
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help=_("do nothing, successfully, when the database already holds data"),
    )
    demo.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help=_(
            "instead of the small demonstration office, generate a benchmark office with N "
            "activities and proportional partners, grants, results, research and cases"
        ),
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        metavar="NUMBER",
        help=_("with --scale: the same number always generates the same data (default: 2026)"),
    )


def _list_arguments(listing: argparse.ArgumentParser) -> None:
    """``list``: what to list, and how."""
    listing.add_argument("subject", choices=LIST_SUBJECTS)
    listing.add_argument("--grant", metavar="NUMBER", help=_("only this grant (contract number)"))
    listing.add_argument("--archived", action="store_true", help=_("include archived records"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))


def _report_arguments(report: argparse.ArgumentParser) -> None:
    """``report``: the format, grant, period, language and file of a donor report."""
    from desktop.services.report_formats import report_formats

    report.add_argument(
        "format",
        metavar="FORMAT",
        # L10N: {formats} lists the format names, which stay in English: quarterly, logframe…
        help=_("the report's format: {formats}").format(
            formats=", ".join(f.key for f in report_formats())
        ),
    )
    report.add_argument("--grant", required=True, metavar="NUMBER", help=_("contract number"))
    report.add_argument(
        "--period",
        required=True,
        metavar="PERIOD",
        help=_("reporting period, as 2026-Q1 or 2026-01-01..2026-03-31"),
    )
    report.add_argument(
        "--lang",
        dest="report_language",
        metavar="LANGUAGE",
        help=_("the report's language: sq, sr, sr_Latn or en (default: the interface's)"),
    )
    report.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=_("the PDF to write")
    )
    report.add_argument(
        "--internal",
        action="store_true",
        help=_(
            "print small counts of people exactly, for the office's own use; without it, "
            "counts below 5 are hidden as donor reports require"
        ),
    )


def _db_arguments(database: argparse.ArgumentParser) -> None:
    """``db``: its actions, each with its own arguments."""
    from desktop.cli_backups import add_arguments as add_backup_arguments
    from desktop.cli_server import add_arguments as add_server_arguments

    database_commands = database.add_subparsers(
        dest="db_command", metavar=_("ACTION"), required=True
    )
    _parser(database_commands, "upgrade", help=_("bring the database to this version's schema"))
    _parser(database_commands, "check", help=_("check the database's integrity and schema"))
    backup = database_commands.add_parser(
        "backup", help=_("write a consistent copy of the database")
    )
    backup.add_argument("file", type=Path, metavar="FILE")
    restore = _parser(
        database_commands,
        "restore",
        help=_("put a backup in place of the database, keeping the database it replaces"),
    )
    add_backup_arguments(backup, restore)
    grant_access = database_commands.add_parser(
        "grant-access",
        help=_("give a user a PostgreSQL role of their own, limited to their organisation"),
    )
    grant_access.add_argument("username", metavar=_("USERNAME"))
    grant_access.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the role's password from the first line of standard input"),
    )
    revoke_access = database_commands.add_parser(
        "revoke-access", help=_("remove a user's own PostgreSQL role")
    )
    revoke_access.add_argument("username", metavar=_("USERNAME"))
    add_server_arguments(database_commands, _parser)


def _user_arguments(user: argparse.ArgumentParser) -> None:
    """``user``: its actions (``desktop.cli_users``)."""
    from desktop.cli_users import add_user_actions

    add_user_actions(user, _parser)


def _export_arguments(export: argparse.ArgumentParser) -> None:
    from desktop.cli_iati import add_export_arguments

    add_export_arguments(export)


def _import_arguments(importing: argparse.ArgumentParser) -> None:
    from desktop.cli_iati import add_import_arguments

    add_import_arguments(importing)


def _i18n_arguments(translations: argparse.ArgumentParser) -> None:
    """``i18n``: the check and its strictness."""
    translations.add_argument("i18n_command", choices=("check",))
    translations.add_argument(
        "--strict",
        action="store_true",
        help=_("also fail while a message is untranslated or fuzzy (used by make test)"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line, or the window without a command.

    Logging is set up once the arguments are read: ``csodesk --help`` and ``--version``
    then never import it (a third of what they would cost).  A warning logged before that,
    while the interface language's catalog is read, is printed all the same, as its message
    alone (Python's last-resort handler).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(interface_language(_early_language(arguments)) or i18n.DEFAULT_LANGUAGE)
    options, unknown = build_parser(commands=()).parse_known_args(arguments)
    if options.command is not None or unknown:
        named = None if options.command is None else {options.command}
        options = build_parser(named).parse_args(arguments)
    _log_warnings()
    if options.self_test:
        from desktop.self_test import run_self_test

        return run_self_test()
    if options.command is None:
        from desktop.ui import collector

        collector.pause()  # until the window's first rows: see desktop/ui/collector.py
        from desktop.ui.source_scans import skip_source_scans

        skip_source_scans()
        from desktop.ui.app import run_gui

        return run_gui(
            options.db,
            i18n.normalize_language(options.interface_language),
            translator_mode=options.translator_mode,
            exit_after_paint=options.exit_after_paint,
        )
    handler = _COMMANDS[options.command]
    paused = options.command in _WITHOUT_COLLECTOR and gc.isenabled()
    if paused:
        gc.disable()
    try:
        return handler(options)
    except KeyboardInterrupt:
        return EXIT_REFUSED
    except BrokenPipeError:  # the reader (`| head`) has seen enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
    except Exception as error:
        return _report_failure(error)
    finally:
        if paused:  # a caller of main() in its own process (a test) keeps its collector
            gc.enable()


def _log_warnings() -> None:
    """Warnings and worse on standard error, each with its level and where it comes from."""
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _early_language(arguments: list[str]) -> str | None:
    """``--lang`` before the command, read before the parser exists, so --help is translated."""
    for index, argument in enumerate(arguments):
        if argument in LIST_SUBJECTS or argument in {
            "demo",
            "list",
            "report",
            "db",
            "user",
            "i18n",
            "export",
            "import",
        }:
            return None
        if argument == "--lang" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return None


def _report_failure(error: Exception) -> int:
    from desktop.services.errors import ServiceError, ValidationError
    from desktop.store.errors import StoreError

    if isinstance(error, ValidationError):
        for field, message in error.errors.items():
            _error(_("{field}: {message}").format(field=field, message=message))
        return EXIT_REFUSED
    if isinstance(error, ServiceError | StoreError):
        _error(str(error))
        return EXIT_REFUSED
    if isinstance(error, OSError):
        _error(
            _("Cannot use the file {path}: {reason}").format(
                path=error.filename or "", reason=error.strerror or error
            )
        )
        return EXIT_REFUSED
    import logging

    logging.getLogger("desktop").debug("unexpected failure", exc_info=error)
    _error(_("CSO Desk met an unexpected problem: {problem}").format(problem=repr(error)))
    return EXIT_UNEXPECTED


def _error(message: str) -> None:
    print(_("csodesk: {message}").format(message=message), file=sys.stderr)


def _open(options: argparse.Namespace, for_reading: bool = False) -> Any:
    from desktop.cli_backups import warn_about_location
    from desktop.store.database import open_database

    warn_about_location(options.db)
    return open_database(options.db, for_reading=for_reading)


def _command_demo(options: argparse.Namespace) -> int:
    from desktop.store.errors import DatabaseNotEmpty

    if options.scale is not None and options.scale < 1:
        _error(_("--scale takes a number of activities of at least 1."))
        return EXIT_REFUSED
    db = _open(options)
    try:
        if options.scale is None:
            counts = _load_demo(db)
        else:
            counts = _load_scaled_demo(db, options.scale, options.seed)
    except DatabaseNotEmpty:
        if options.if_empty:
            return EXIT_OK
        raise
    finally:
        db.close()
    for label, count in counts:
        print("  " + _("{label}: {count}").format(label=label, count=count))
    return EXIT_OK


def _load_demo(db: Any) -> list[tuple[str, int]]:
    from desktop.store.demo import load_demo

    summary = load_demo(db)
    print(_("Demonstration data written to {where}:").format(where=db.description))
    return [
        (_("Organisations"), summary.organisations),
        (_("People"), summary.people),
        (_("Projects"), summary.projects),
        (_("Grants"), summary.grants),
        (_("Activities"), summary.activities),
        (_("Participants"), summary.participants),
        (_("Indicators"), summary.indicators),
        (_("Research outputs"), summary.research_outputs),
        (_("Cases"), summary.cases),
    ]


def _load_scaled_demo(db: Any, activities: int, seed: int) -> list[tuple[str, str]]:
    from desktop.i18n.formatting import format_number
    from desktop.store.demo_scale import load_scaled_demo

    language = i18n.current_language()
    summary = load_scaled_demo(db, activities, seed=seed, progress=_progress_printer())
    print(
        # L10N: {seconds} is a number of seconds, such as 42.5; "s" abbreviates "seconds".
        _("Benchmark data written to {where} in {seconds} s:").format(
            where=db.description, seconds=format_number(round(summary.seconds, 1), language)
        )
    )
    counts = (
        (_("Organisations"), summary.organisations),
        (_("People"), summary.people),
        (_("Projects"), summary.projects),
        (_("Grants"), summary.grants),
        (_("Budget lines"), summary.budget_lines),
        (_("Expenditures"), summary.expenditures),
        (_("Reporting periods"), summary.reporting_periods),
        (_("Activities"), summary.activities),
        (_("Participants"), summary.participants),
        (_("Activities whose participants do not add up"), summary.incomplete_activities),
        (_("Indicators"), summary.indicators),
        (_("Indicator values"), summary.indicator_values),
        (_("Research outputs"), summary.research_outputs),
        (_("Cases"), summary.cases),
    )
    return [(label, format_number(count, language)) for label, count in counts]


def _progress_printer() -> Callable[[int, int], None] | None:
    """A percentage that rewrites itself on a terminal; nothing when output is a file."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        # L10N: progress of the benchmark data, {percent} is a whole number from 0 to 100.
        print("\r" + _("Writing benchmark data: {percent}%").format(percent=percent),
              end="\n" if done >= total else "", file=sys.stderr, flush=True)  # fmt: skip

    return show


def _command_list(options: argparse.Namespace) -> int:
    from desktop.cli_listing import list_records

    db = _open(options, for_reading=True)
    try:
        columns, records = list_records(
            db, options.subject, options.grant, options.archived, i18n.current_language()
        )
    finally:
        db.close()
    if options.json:
        import json

        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(columns, records)
    return EXIT_OK


def _print_table(columns: list[tuple[str, str]], records: list[dict[str, Any]]) -> None:
    header = [title for _key, title in columns]
    rows = [[str(record.get(key) or "") for key, _title in columns] for record in records]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=False)]
    for row in [header, *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _command_report(options: argparse.Namespace) -> int:
    from desktop.services.grants import GrantService
    from desktop.services.report_formats import report_format, write_report

    language = (
        i18n.normalize_language(options.report_language)
        if options.report_language
        else i18n.current_language()
    )
    if language is None:
        _error(
            _("“{value}” is not a report language: use sq, sr, sr_Latn or en.").format(
                value=options.report_language
            )
        )
        return EXIT_REFUSED
    chosen = report_format(options.format)
    output: Path = options.output.expanduser()
    if not output.parent.is_dir():
        _error(_("The folder {folder} does not exist.").format(folder=output.parent))
        return EXIT_REFUSED
    db = _open(options)
    try:
        grants = GrantService(db)
        grant_id = grants.find(options.grant)
        period_id = grants.find_period(grant_id, options.period)
        write_report(
            db, chosen.key, grant_id, period_id, language, output, internal=options.internal
        )
    finally:
        db.close()
    print(_("Report written to {file}.").format(file=output))
    return EXIT_OK


def _command_db(options: argparse.Namespace) -> int:
    from desktop import cli_backups
    from desktop.store.errors import DatabaseDamaged
    from desktop.store.maintenance import backup_to, check_database

    if options.db_command == "restore":
        return cli_backups.restore(options)
    if options.db_command in {"init-server", "copy"}:
        from desktop.cli_server import run as run_server_command

        return run_server_command(options)
    try:
        if options.db_command == "backup" and options.encrypt:
            return cli_backups.encrypted_backup(options)
        db = _open(options)
    except DatabaseDamaged as error:
        return cli_backups.damaged(error)
    try:
        if options.db_command == "upgrade":
            print(_("The database {where} is up to date.").format(where=db.description))
            return EXIT_OK
        if options.db_command == "backup":
            backup_to(db, options.file.expanduser())
            print(_("Backup written to {file}.").format(file=options.file))
            return EXIT_OK
        if options.db_command in {"grant-access", "revoke-access"}:
            return _database_access(db, options)
        problems = check_database(db)
    finally:
        db.close()
    for problem in problems:
        _error(problem)
    if problems:
        return EXIT_REFUSED
    print(_("The database {where} is in good order.").format(where=db.description))
    return EXIT_OK


def _database_access(db: Any, options: argparse.Namespace) -> int:
    from desktop.store.roles import (
        check_access_possible,
        grant_database_access,
        revoke_database_access,
    )

    if options.db_command == "revoke-access":
        if revoke_database_access(db, options.username):
            print(
                _("{username} can no longer connect to the database directly.").format(
                    username=options.username
                )
            )
        else:
            print(
                _("{username} had no database role of their own.").format(username=options.username)
            )
        return EXIT_OK
    import getpass

    check_access_possible(db, options.username)
    if options.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass(
                _("Database password for {username}: ").format(username=options.username)
            )
        except EOFError:  # no terminal, and nothing on standard input
            _error(
                _(
                    "No password was given, so nothing was changed; without a terminal, "
                    "use --password-stdin."
                )
            )
            return EXIT_REFUSED
    grant_database_access(db, options.username, password)
    print(
        _(
            "{username} can now connect to the database with their own role, and sees only "
            "their organisation's projects."
        ).format(username=options.username)
    )
    return EXIT_OK


def _command_user(options: argparse.Namespace) -> int:
    from desktop.cli_users import CommandRefused, run_user_command

    db = _open(options)
    try:
        lines = run_user_command(db, options)
    except CommandRefused as refusal:
        _error(str(refusal))
        return EXIT_REFUSED
    finally:
        db.close()
    print("\n".join(lines))
    return EXIT_OK


def _command_exchange(options: argparse.Namespace) -> int:
    """``export iati`` and ``import iati`` (``desktop.cli_iati``)."""
    from desktop import cli_iati

    db = _open(options, for_reading=options.command == "export")
    try:
        if options.command == "export":
            return cli_iati.export(db, options)
        return cli_iati.import_file(db, options)
    finally:
        db.close()


def _command_i18n(options: argparse.Namespace) -> int:
    from desktop.i18n.check import check_catalogs, report

    result = check_catalogs()
    print("\n".join(report(result, options.strict)))
    return EXIT_OK if result.passed(options.strict) else EXIT_REFUSED


# Commands that read, print and end: every object they make lives until they end, and the
# cyclic garbage collector only walked SQLAlchemy's and the models' classes again and again
# as they were imported (≈ 70 ms of the ≈ 0.6 s of CPU ``list projects`` took).
_WITHOUT_COLLECTOR = frozenset({"list"})

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _command_demo,
    "list": _command_list,
    "report": _command_report,
    "db": _command_db,
    "user": _command_user,
    "i18n": _command_i18n,
    "export": _command_exchange,
    "import": _command_exchange,
}
