"""A guard against a reference-counting bug of the Qt binding, applied on import.

The PySide6 6.12.0 wheels return ``None`` from every method without a result, and ``True``
from ``SignalInstance.emit()``, without taking a reference to it, as if the interpreter
were CPython 3.12+, where these objects are immortal.  On CPython 3.11 every such call
takes one reference away, and once a count reaches zero (in a long session, or at the
latest while the interpreter shuts down) Python aborts with "none_dealloc" or
"bool_dealloc".  This gives 3.11 what 3.12 does, and only when probes show that the
installed binding needs it.  Remove it once the project requires a PySide6 release
without the bug, or Python 3.12.
"""

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_SPARE_REFERENCES = 1 << 40  # more calls than any session makes; far from overflow
_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def _loses_references() -> bool:
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a method without a result
        probe.ping.emit()
    return sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before


def protect_singletons() -> bool:
    """Make ``None``, ``True`` and ``False`` uncollectable if the binding needs it."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not _loses_references():
        return False
    for value in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(value)).value += _SPARE_REFERENCES
    return True


PROTECTED = protect_singletons()
