"""The start-up floor: a bare PySide6 ``QMainWindow`` holding an empty ``QTableView``, at the
main window's default size, that quits right after its first paint exactly as
``csodesk --exit-after-paint`` does (an event filter sees the paint; the quit follows on the
event loop's next turn).  Run as a script, in a fresh process, by ``bench/startup.py``."""

import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class QuitAfterPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QTableView(window))
    window.resize(1200, 760)
    watcher = QuitAfterPaint(window)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
