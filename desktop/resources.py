"""Where the shipped resources live, in a source tree, an installed package or a frozen bundle.

Every layer reads catalogs, fonts and reference data through these paths, so that the
installer only has to put one folder beside the package.
"""

import os
import sys
from pathlib import Path


def _resources_root() -> Path:
    override = os.environ.get("CSODESK_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def i18n_dir() -> Path:
    """The translation catalogs' folder: ``CSODESK_I18N_DIR`` when set, else the shipped one.

    The override lets a translator run the application on a working copy of the catalogs
    (and tests on a temporary one); it is read at each call, so it can change while running.
    """
    override = os.environ.get(I18N_DIR_VARIABLE)
    return Path(override) if override else RESOURCES / "i18n"


I18N_DIR_VARIABLE = "CSODESK_I18N_DIR"
RESOURCES = _resources_root()
I18N_DIR = i18n_dir()  # the folder at start; ask i18n_dir() for the one in force now
FONTS_DIR = RESOURCES / "fonts"
DATA_DIR = RESOURCES / "data"
