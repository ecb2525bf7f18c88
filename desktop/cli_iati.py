"""``csodesk export iati`` and ``csodesk import iati``: IATI activity files from the
command line (``desktop.services.iati`` does the work; this module reads the arguments,
the file, and prints what happened)."""

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.i18n import _, ngettext

FORMATS = ("iati",)


def add_export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("format", choices=FORMATS, help=_("the file's format: iati"))
    export.add_argument(
        "--org",
        required=True,
        metavar="ORGANISATION",
        help=_(
            "the reporting organisation, by its acronym or its key as csodesk list "
            "organisations shows them"
        ),
    )
    export.add_argument(
        "--org-ref",
        metavar="IDENTIFIER",
        help=_(
            "the organisation's IATI identifier, when it has one (default: XK-CR- and its "
            "registration number)"
        ),
    )
    export.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=_("the XML file to write")
    )


def add_import_arguments(importing: argparse.ArgumentParser) -> None:
    importing.add_argument("format", choices=FORMATS, help=_("the file's format: iati"))
    importing.add_argument("file", type=Path, metavar="FILE", help=_("the XML file to read"))


def export(db: Any, options: argparse.Namespace) -> int:
    from desktop.services.iati.export import IatiExportService

    output: Path = options.output.expanduser()
    if not output.parent.is_dir():
        print(
            _("csodesk: {message}").format(
                message=_("The folder {folder} does not exist.").format(folder=output.parent)
            ),
            file=sys.stderr,
        )
        return 1
    service = IatiExportService(db)
    written = service.write(service.find_organisation(options.org), output, options.org_ref)
    print(
        ngettext(
            "{count} project of {identifier} written to {file}.",
            "{count} projects of {identifier} written to {file}.",
            written.activities,
        ).format(count=written.activities, identifier=written.reporting_ref, file=output)
    )
    return 0


def import_file(db: Any, options: argparse.Namespace) -> int:
    from desktop.services.iati.importing import IatiImportService

    content = options.file.expanduser().read_bytes()
    outcome = IatiImportService(db).import_activities(content)
    for warning in outcome.warnings:
        print(_("Warning: {warning}").format(warning=warning), file=sys.stderr)
    print(_("Imported from {file}:").format(file=options.file))
    for label, number in (
        (_("Projects"), outcome.projects),
        (_("Organisations"), outcome.organisations),
        (_("Grants"), outcome.grants),
    ):
        print("  " + _("{label}: {count}").format(label=label, count=number))
    return 0
