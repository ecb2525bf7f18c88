"""Render the application icon's PNG from its SVG: ``python installer/icons/render_icons.py``.

The PNG is committed beside the SVG, so that a Windows or macOS build (which converts it
to .ico or .icns through Pillow) and the Linux package need no SVG renderer; run this
again after editing the SVG.
"""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (256,)


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
    for size in SIZES:
        render(HERE / "csodesk.svg", size, HERE / f"csodesk-{size}.png")
    del application
    return 0


if __name__ == "__main__":
    sys.exit(main())
