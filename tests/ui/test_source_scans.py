"""The window's start keeps PySide6 from reading the source of every module it imports."""

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import inspect
import sys

sys.path.insert(0, sys.argv[1])
from desktop.ui.source_scans import skip_source_scans

read = []
original = inspect.getsource
inspect.getsource = lambda module: read.append(module.__name__) or original(module)
import plain_module_before
skip_source_scans()
import plain_module_after
from shibokensupport.feature import pyside_feature_dict

print(",".join(read))
print(pyside_feature_dict.get("plain_module_after"))
"""


def test_modules_imported_after_the_call_are_not_read_as_text(tmp_path: Path) -> None:
    for name in ("plain_module_before", "plain_module_after"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    # PySide6 imported first, as the window's start does, so the hook is in place for both.
    script = "import PySide6.QtCore\n" + SCRIPT
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    read, selection = done.stdout.split()
    # Without the call PySide6 reads a module as text: the check can see the reading.
    assert read == "plain_module_before"
    # The hook still records the module, with PySide's default features (none selected).
    assert selection == "0"
