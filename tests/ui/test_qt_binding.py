"""The installed Qt binding must keep Python's reference counts right.

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a method
without a result (and to ``True`` on every signal emission) until Python aborts;
pyproject.toml excludes it there.  This fails loudly if such a binding is ever installed.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_calls_and_signals_keep_reference_counts() -> None:
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        probe.setObjectName("probe")
        probe.ping.emit()
    assert sys.getrefcount(None) >= none_before - 10
    assert sys.getrefcount(True) >= true_before - 10
