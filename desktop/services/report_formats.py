"""The donor report formats CSO Desk can print, for the command line and the Reports page.

Each format gathers its data from the database (``build``) and draws it as a PDF
(``render``); both are named as ``"module:function"`` and imported only when a report is
written, so listing the formats (``csodesk --help``, the Reports page's choice) loads
neither reportlab nor a format's queries.  The list holds only the formats that exist: a
format appears once its line is added to ``_FORMATS``.
"""

import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from desktop.i18n import N_, _, language_codes
from desktop.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:  # the database layer is imported when a report is written, not listed
    from desktop.store.database import Database

# build(db, grant_id, period_id, language, internal) -> the format's report data
Build = Callable[["Database", int, int, str, bool], Any]
# render(data, target) writes the PDF to a path or a binary stream
Render = Callable[[Any, Path | BinaryIO], None]


@dataclass(frozen=True)
class ReportFormat:
    """One printable format: ``key`` for the command line, ``label`` to show (translate it
    with ``_()`` when shown), and where its build and render functions live."""

    key: str
    label: str
    builder: str  # "package.module:function", a Build
    renderer: str  # "package.module:function", a Render

    def build(
        self, db: "Database", grant_id: int, period_id: int, language: str, internal: bool = False
    ) -> Any:
        """The report's data for a grant and period, in ``language``.

        ``internal`` keeps small counts exact, for a report that stays in the office.
        """
        check_report_language(language)
        build = cast(Build, _function(self.builder))
        return build(db, grant_id, period_id, language, internal)

    def render(self, data: Any, target: Path | BinaryIO) -> None:
        """Draw the report; the cycle collector is held off meanwhile (see
        ``desktop.collector``)."""
        from desktop.collector import collector_paused

        render = cast(Render, _function(self.renderer))
        with collector_paused():
            render(data, target)


def quarterly_data(
    db: "Database", grant_id: int, period_id: int, language: str, internal: bool
) -> Any:
    from desktop.services.reports import ReportService

    return ReportService(db).quarterly(grant_id, period_id, language, internal=internal)


_FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat(
        "quarterly",
        N_("Quarterly progress report"),
        "desktop.services.report_formats:quarterly_data",
        "desktop.reports.quarterly:render_quarterly",
    ),
    ReportFormat(
        "eu-narrative",
        N_("EU narrative report"),
        "desktop.services.eu_narrative_report:eu_narrative_data",
        "desktop.reports.eu_narrative:render_eu_narrative",
    ),
    ReportFormat(
        "eu-financial",
        N_("EU financial report"),
        "desktop.services.eu_financial_report:eu_financial_data",
        "desktop.reports.eu_financial:render_eu_financial",
    ),
    ReportFormat(
        "logframe",
        N_("Logframe"),
        "desktop.services.logframe_report:logframe_data",
        "desktop.reports.logframe:render_logframe",
    ),
    # Each other format adds its one ReportFormat(key, N_(label), "module:build",
    # "module:render") here, in the order the Reports page lists them; its build takes
    # (db, grant_id, period_id, language, internal) and returns the data its render draws.
)


def report_formats() -> tuple[ReportFormat, ...]:
    return _FORMATS


def report_format(key: str) -> ReportFormat:
    """The format named ``key`` on the command line; an unknown name is refused by name."""
    for candidate in _FORMATS:
        if candidate.key == key.strip():
            return candidate
    raise NotFoundError(
        _("“{value}” is not a report format: use {formats}.").format(
            value=key, formats=", ".join(f.key for f in _FORMATS)
        )
    )


def check_report_language(language: str) -> None:
    """Refuse a language the reports are not written in, before anything is read."""
    if language not in language_codes():
        raise ValidationError(
            {"language": _("“{value}” is not a report language.").format(value=language)}
        )


def write_report(
    db: "Database",
    key: str,
    grant_id: int,
    period_id: int,
    language: str,
    target: Path,
    *,
    internal: bool = False,
) -> None:
    """Write one report as a PDF; a failure never leaves half a file behind.

    The PDF is drawn in a hidden file beside ``target`` and moved into place whole, so an
    older report of the same name survives any failure.
    """
    report = report_format(key)
    data = report.build(db, grant_id, period_id, language, internal)
    target = Path(target)
    handle, temporary = tempfile.mkstemp(
        prefix=".csodesk-", suffix=".pdf", dir=target.parent if target.parent.exists() else None
    )
    os.close(handle)
    try:
        report.render(data, Path(temporary))
        # mkstemp keeps its file to its owner; a report is shared like any document.
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """The permissions a newly created document gets under the user's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _function(path: str) -> Callable[..., Any]:
    module, _separator, name = path.partition(":")
    return cast(Callable[..., Any], getattr(importlib.import_module(module), name))
