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


RESOURCES = _resources_root()
I18N_DIR = RESOURCES / "i18n"
FONTS_DIR = RESOURCES / "fonts"
DATA_DIR = RESOURCES / "data"
