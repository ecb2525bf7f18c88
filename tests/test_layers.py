"""The layer rules of DESIGN.md, checked on the source: Qt only in ``desktop/ui``, and the
headless commands start without importing Qt at all.
"""

import ast
import subprocess
import sys
from pathlib import Path

import desktop

PACKAGE = Path(desktop.__file__).parent
QT_MODULES = ("PySide6", "shiboken6")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_outside_ui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] in QT_MODULES for name in _imported_modules(path))
    ]
    assert offenders == []


def test_lower_layers_never_import_the_interface() -> None:
    for layer in ("domain", "store", "services", "i18n", "reports"):
        for path in (PACKAGE / layer).rglob("*.py"):
            imported = _imported_modules(path)
            assert not any(name.startswith("desktop.ui") for name in imported), path


def test_headless_commands_do_not_load_qt(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"code = main(['--db', {str(tmp_path / 'x.sqlite3')!r}, 'list', 'projects', '--json'])\n"
        "assert code == 0, code\n"
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
