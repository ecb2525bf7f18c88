"""PySide6 reads the source of every Python module imported after it; the window's start
asks it not to.

Importing PySide6 replaces Python's ``__import__`` with a hook that, for each new module,
reads the module's whole source file (``inspect.getsource``) to see whether it names
PySide6, in case it opts into PySide's ``__feature__`` syntax (snake-case names, true
properties).  The window is painted before SQLAlchemy and our models and services are
imported, so each of the 300-odd modules that follow was read again as text, tokenized by
``inspect``: ≈ 0.1 s of the cold start to the first rows on the office's laptop, which a
script importing SQLAlchemy before PySide6 never pays (bench/findings.md, "Start-up: the
first rows").

CSO Desk uses no ``__feature__``.  A module found to name PySide6 is given PySide's
default feature set (0), one that does not is told apart (-1) only so that ``__feature__``
stays out of its way; with no module selecting a feature, both mean Qt's plain names.  So
every module is now taken to use the default set, without reading its source: the hook
still records each module, only the reading is skipped.
"""

import sys
from types import ModuleType


def skip_source_scans() -> None:
    """Stop PySide6's import hook reading the source of each module imported from now on;
    does nothing on a PySide6 whose hook works otherwise."""
    import PySide6.QtCore  # noqa: F401 - installs the hook this adjusts

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_default_features  # type: ignore[attr-defined]


def _uses_default_features(module: ModuleType) -> bool:
    return True
