"""No widget writes down a colour of its own: colours come from the palette or from
``desktop/ui/widgets/colours.py``, which picks them for a light or a dark theme.  A fixed
colour reads on one theme and vanishes on the other."""

import io
import re
import tokenize
from pathlib import Path

import desktop.ui

UI = Path(desktop.ui.__file__).parent
HELPER = UI / "widgets" / "colours.py"

NAMED = (
    "black|white|red|green|blue|cyan|magenta|yellow|gray|darkGray|lightGray"
    "|darkRed|darkGreen|darkBlue|darkCyan|darkMagenta|darkYellow"
)  # not "transparent": no colour at all reads on every theme
FORBIDDEN = (
    (re.compile(r"QColor\s*\(\s*['\"\d]"), "a QColor made of numbers or a name"),
    (re.compile(r"QColor\s*\.\s*from(Rgb|Hsl|Hsv|Cmyk|String)"), "a QColor made of numbers"),
    (re.compile(rf"Qt\s*\.\s*(GlobalColor\s*\.\s*)?({NAMED})\b"), "a named Qt colour"),
    (re.compile(r"['\"][^'\"]*#[0-9a-fA-F]{3,8}\b"), "a colour written in hex"),
    (re.compile(r"\b(rgba?|hsla?)\s*\("), "a colour function in a style sheet"),
    (re.compile(r"setStyleSheet\s*\([^)]*\b(color|background)"), "a style sheet colour"),
)


SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}


def _code_by_line(source: str) -> dict[int, str]:
    """Each line's code without its comment (a comment may well say "#1" or "red")."""
    lines: dict[int, list[str]] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in SKIPPED:
            lines.setdefault(token.start[0], []).append(token.string)
    return {number: " ".join(parts) for number, parts in lines.items()}


def colour_literals(source: str) -> list[tuple[int, str]]:
    """(line number, what) for each colour written down in ``source``."""
    return [
        (number, what)
        for number, code in _code_by_line(source).items()
        for pattern, what in FORBIDDEN
        if pattern.search(code)
    ]


def test_the_scan_finds_the_colours_it_forbids() -> None:
    """Each kind of fixed colour is caught (so the test below can fail)."""
    for line in (
        'ERROR_COLOUR = "#c62828"',
        'self.setStyleSheet(f"color: {ERROR_COLOUR};")',
        "    DRAFT: QColor(158, 158, 158, 50),",
        'painter.setPen(QColor("red"))',
        "alert=QColor.fromHsl(5, 190, 105)",
        "painter.setPen(Qt.GlobalColor.black)",
        "item.setForeground(Qt.white)",
        'label.setStyleSheet("background: rgb(255, 0, 0)")',
    ):
        assert colour_literals(line), line
    for line in (
        "pixmap.fill(Qt.GlobalColor.transparent)",
        "colour = palette.color(QPalette.ColorRole.Window)  # the window's #1 colour",
        'self.sidebar.setStyleSheet("QListWidget::item { padding: 6px 10px; }")',
        "QColor(colours.error)",
    ):
        assert not colour_literals(line), line


def test_no_widget_writes_down_a_colour() -> None:
    offences = [
        f"{path.relative_to(UI.parent.parent)}:{number}: {what}"
        for path in sorted(UI.rglob("*.py"))
        if path != HELPER
        for number, what in colour_literals(path.read_text(encoding="utf-8"))
    ]
    assert not offences, "Take colours from the palette or widgets/colours.py:\n" + "\n".join(
        offences
    )
