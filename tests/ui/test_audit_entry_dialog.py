"""The details of an audit entry as a manager opens them: a long value wraps in its cell and
starts at the top of it, where the eye looks, rather than centred somewhere out of view."""

from collections import Counter
from datetime import UTC, datetime
from uuid import uuid4

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.services.audit_log import AuditAction, AuditChange, AuditRow
from desktop.ui.audit_page import AuditEntryDialog
from desktop.ui.widgets.colours import contrast_ratio

LONG = "Community dialogue on safety in the northern municipalities, with youth groups. " * 12


def entry(*changes: AuditChange) -> AuditRow:
    return AuditRow(
        id=1,
        at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        username="arta",
        action=AuditAction.UPDATE,
        entity="project",
        entity_label="Project",
        entity_id=1,
        entity_uuid=uuid4(),
        record="P-01",
        summary="Description (English)",
        changes=changes,
    )


def has_text(image: QImage) -> bool:
    """Whether some pixel stands out from the commonest one (the cell's background)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(contrast_ratio(QColor.fromRgb(pixel), background) for pixel in pixels) >= 3


def test_one_long_change_is_read_from_the_top_of_its_row(qtbot: QtBot) -> None:
    change = AuditChange(column="description_en", field="Description (English)", old="", new=LONG)
    dialog = AuditEntryDialog(entry(change))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.changes
    # the row is as tall as the text at the width the column has now, not at a guessed one
    qtbot.waitUntil(lambda: table.rowHeight(0) == table.sizeHintForRow(0))
    after = table.visualRect(table.model().index(0, 2))
    lines = 3 * table.fontMetrics().lineSpacing()
    top = after.adjusted(0, 0, 0, lines - after.height()).intersected(table.viewport().rect())
    assert top.height() == lines  # the row starts in view…
    assert has_text(table.viewport().grab(top).toImage())  # …with its first lines there

    dialog.resize(dialog.width() + 300, dialog.height())
    qtbot.waitUntil(lambda: table.rowHeight(0) == table.sizeHintForRow(0))
