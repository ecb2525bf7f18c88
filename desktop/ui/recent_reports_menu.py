"""File > Recent reports: the donor reports written lately, each opened in the PDF viewer.

The list is read afresh each time the menu opens, so a report written a moment ago (in
this window or another) is there without any signal, and a file deleted since shows
greyed out rather than failing when chosen.
"""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop.i18n import _
from desktop.ui import settings


class RecentReportsMenu(QMenu):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.aboutToShow.connect(self.refresh)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Recent &reports"))
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the entries from the saved list: newest first, missing files greyed."""
        self.clear()
        reports = [Path(path) for path in settings.recent_reports()]
        for number, path in enumerate(reports, start=1):
            self.addAction(self._entry(number, path))
        if not reports:
            empty = self.addAction(_("No reports written yet"))
            empty.setEnabled(False)
        self.addSeparator()
        clear = self.addAction(_("&Clear list"))
        clear.setEnabled(bool(reports))
        clear.triggered.connect(self.clear_list)

    def _entry(self, number: int, path: Path) -> QAction:
        # The number is the access key of the first nine; "&&" keeps an "&" in a file name.
        label = path.name.replace("&", "&&")
        action = QAction(f"&{number} {label}" if number < 10 else label, self)
        action.setData(str(path))
        if path.is_file():
            action.setStatusTip(str(path))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, report=path: self.open_report(report))
        else:
            action.setEnabled(False)
            # L10N: shown for a recent report whose file was moved or deleted
            action.setStatusTip(_("{path} is no longer there.").format(path=path))
        return action

    def report_actions(self) -> list[QAction]:
        """The entries that name a report, in menu order."""
        return [action for action in self.actions() if action.data()]

    def open_report(self, path: Path) -> None:
        if not path.is_file():
            QMessageBox.warning(
                self.parentWidget(),
                _("The report was not opened"),
                _("{path} is no longer there.").format(path=path),
            )
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(
                self.parentWidget(),
                _("The report was not opened"),
                _("No program to show PDF documents was found for {path}.").format(path=path),
            )

    def clear_list(self) -> None:
        """Forget the reports; the menu is rebuilt when next opened (rebuilding it now would
        delete the very action being triggered)."""
        settings.clear_recent_reports()
