"""Translator mode: the running application re-reads a catalog the moment its ``.po`` file
is saved, and every open window relabels itself, so a translator sees each word in place.

Started by ``csodesk --translator-mode`` or ``CSODESK_TRANSLATOR_MODE=1``.  Editors such as
Poedit save by writing a new file and renaming it over the old one; the file system
watcher then forgets the path, so it is added again after every change, and the
``LC_MESSAGES`` folders are watched too, for a catalog that appears only later.
"""

import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop import resources
from desktop.i18n import language_codes
from desktop.i18n.translator import reload_interface_language

log = logging.getLogger(__name__)

ENV_VARIABLE = "CSODESK_TRANSLATOR_MODE"
# Editors write a file in several steps: wait until they are done before reading it.
SETTLE_MS = 200


def translator_mode_requested(flag: bool = False) -> bool:
    """The command-line flag, else ``CSODESK_TRANSLATOR_MODE`` set to 1, yes, true or on."""
    return flag or os.environ.get(ENV_VARIABLE, "").strip().lower() in {"1", "yes", "true", "on"}


class CatalogWatcher(QObject):
    """Watches every language's ``.po`` file; ``reloaded`` fires after the catalogs were
    read again and the interface relabelled."""

    reloaded = Signal()

    def __init__(self, parent: QObject | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or resources.i18n_dir()
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._reload)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._watch()
        log.info("translator mode: watching the catalogs in %s", self.folder)

    def catalog_files(self) -> list[Path]:
        # Not at the module's import: every start imports it to ask whether it is wanted.
        from desktop.i18n.catalog import po_path

        return [po_path(self.folder, code) for code in language_codes()]

    def watched(self) -> set[str]:
        return set(self._watcher.files()) | set(self._watcher.directories())

    def _watch(self) -> None:
        """(Re-)add every catalog and folder that exists and is not watched now."""
        wanted = {
            str(path)
            for catalog in self.catalog_files()
            for path in (catalog, catalog.parent)
            if path.exists()
        }
        missing = sorted(wanted - self.watched())
        if missing:
            self._watcher.addPaths(missing)

    def _changed(self, _path: str) -> None:
        self._watch()
        self._settle.start()

    def _reload(self) -> None:
        self._watch()
        code = reload_interface_language()
        log.info("translator mode: catalogs read again, the interface shows %s", code)
        self.reloaded.emit()


def start_translator_mode(parent: QObject) -> CatalogWatcher:
    """The application's watcher, created on first use."""
    watcher = parent.findChild(CatalogWatcher)
    return watcher if watcher is not None else CatalogWatcher(parent)
