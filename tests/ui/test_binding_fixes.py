"""The interface survives a binding that forgets references to None, True and False."""

import sys

from desktop.ui import binding_fixes


def test_none_and_the_booleans_cannot_run_out_of_references() -> None:
    probe = binding_fixes._Probe()
    for _ in range(10_000):
        probe.setObjectName("probe")
        probe.ping.emit()
    if binding_fixes.PROTECTED:
        for value in (None, True, False):
            assert sys.getrefcount(value) > 1 << 39
    else:
        assert not binding_fixes._loses_references()
