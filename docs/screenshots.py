"""Screenshots of every page of the main window, for the README, taken from the demo data.

Run with ``make screenshots``: it builds a throwaway demo database and settings folder, so
nothing of the user's own data or preferences is shown or changed.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.store.database import open_database
from desktop.store.demo import load_demo
from desktop.ui.language import language_hub
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES

OUTPUT = Path(__file__).resolve().parent / "screenshots"
LANGUAGES = ("en", "sq")
WINDOW_SIZE = (1280, 800)


def _settle(app: QApplication) -> None:
    """Let pages that load in the background (the dashboard) deliver before the picture."""
    for _ in range(3):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(10_000)
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as scratch:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        db = open_database(str(Path(scratch) / "demo.sqlite3"))
        load_demo(db)
        language_hub()
        window = MainWindow(db)
        window.resize(*WINDOW_SIZE)
        window.show()
        for language in LANGUAGES:
            i18n.set_language(language)
            folder = OUTPUT / language
            folder.mkdir(parents=True, exist_ok=True)
            for spec in PAGES:
                window.show_page(spec.key)
                _settle(app)
                window.grab().save(str(folder / f"{spec.key}.png"))
        window.close()
        db.close()
    print(f"Screenshots written to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
