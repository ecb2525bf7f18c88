"""Render the application icon's PNG and ICO from its SVG:
``.venv/bin/python installer/icons/render_icons.py``.

Both are committed beside the SVG, so that no build needs an SVG renderer: the Linux
package installs the PNG, the Windows executables and Inno Setup take the ICO (every size
the Windows shell asks for, written by Pillow), and a macOS build converts the PNG to
.icns through Pillow.  Run this again after editing the SVG.
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZE = 256
ICO_SIZES = ((16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256))


def render(svg: Path, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(target)):
        raise OSError(f"cannot write {target}")


def main() -> int:
    application = QGuiApplication([*sys.argv[:1], "-platform", "offscreen"])
    png = HERE / f"csodesk-{SIZE}.png"
    render(HERE / "csodesk.svg", SIZE, png)
    del application
    from PIL import Image

    with Image.open(png) as image:
        image.save(HERE / "csodesk.ico", sizes=list(ICO_SIZES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
