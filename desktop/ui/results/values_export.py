"""The columns of the indicator values grid as a spreadsheet: each indicator with its
baseline and target, its value and review status in each reporting period, what the
approved values add up to and the progress towards the target.

Values, baselines and targets go out as numbers; the progress as a percentage figure
(``75.00`` for three quarters of the way), as its header says.
"""

from decimal import Decimal

from desktop.domain.results import VALUE_STATUS_LABELS
from desktop.i18n import _
from desktop.services.export import ExportColumn
from desktop.services.results import IndicatorLine, ValueGrid

PERCENT = Decimal("0.01")


def _progress(line: IndicatorLine) -> Decimal | None:
    share = line.share_of_target
    return None if share is None else (share * 100).quantize(PERCENT)


def _status(line: IndicatorLine, position: int) -> str:
    status = line.cells[position].status
    return _(VALUE_STATUS_LABELS[status]) if status is not None else ""


def value_columns(grid: ValueGrid | None) -> list[ExportColumn]:
    """The export's columns for ``grid`` (its periods decide how many), headers in the
    interface language."""
    columns = [
        ExportColumn(_("Result"), lambda line: line.result_code),
        ExportColumn(_("Code"), lambda line: line.code),
        ExportColumn(_("Indicator"), lambda line: line.name),
        ExportColumn(_("Unit"), lambda line: line.unit),
        ExportColumn(_("Baseline"), lambda line: line.baseline),
        ExportColumn(_("Target"), lambda line: line.target),
    ]
    for position, period in enumerate(grid.periods if grid else ()):
        columns.append(ExportColumn(period.label, lambda line, at=position: line.cells[at].value))
        # L10N: the header of an exported column: the review status of each indicator's
        # value in a reporting period, such as "2026-Q1: status"
        status = _("{period}: status").format(period=period.label)
        columns.append(ExportColumn(status, lambda line, at=position: _status(line, at)))
    columns.append(ExportColumn(_("Cumulative"), lambda line: line.cumulative))
    columns.append(ExportColumn(_("Progress (%)"), _progress))
    return columns
