"""Colours that carry a meaning (an error, a warning, success, a remark in a quieter voice)
and the series of a chart, picked for the palette the window is drawn with.

The one place where colours are written down: every other widget asks here or its palette,
so the window reads on a light and on a dark desktop theme alike.  Each colour is nudged
lighter on a dark background (darker on a light one) until its contrast with the window and
with a list's background reaches the WCAG level for text, so no theme makes a message vanish.
"""

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

READABLE = 4.5  # WCAG AA contrast for text of ordinary size
VISIBLE = 3.0  # WCAG contrast for the parts of a chart, which are not text

# Hue steps from the palette's accent: far enough apart to tell chart series apart, and
# women/men (the first two) never red/green, which colour-blind readers confuse.
_HUE_STEPS = (0, 150, 45, 280, 95, 325)
_DEFAULT_HUE = 210  # blue, for palettes whose accent is grey


def luminance(colour: QColor) -> float:
    """Relative luminance as WCAG defines it: 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(first: QColor, second: QColor, weight: float) -> QColor:
    """``first`` blended towards ``second`` by ``weight`` (0: first, 1: second), opaque."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * weight,
        first.greenF() + (second.greenF() - first.greenF()) * weight,
        first.blueF() + (second.blueF() - first.blueF()) * weight,
    )


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window (a dark desktop theme)."""
    window = palette.color(QPalette.ColorRole.Window)
    return luminance(window) < luminance(palette.color(QPalette.ColorRole.WindowText))


def readable(colour: QColor, backgrounds: tuple[QColor, ...], minimum: float = READABLE) -> QColor:
    """``colour`` with its hue kept, made lighter or darker, away from the backgrounds, until
    it reaches ``minimum`` contrast with each of them (or as far as black or white allows)."""
    darkest = min(backgrounds, key=luminance)
    brighten = luminance(darkest) < 0.18
    hue, saturation, lightness = colour.hslHueF(), colour.hslSaturationF(), colour.lightnessF()
    candidate = QColor(colour)
    while min(contrast_ratio(candidate, back) for back in backgrounds) < minimum:
        lightness = min(lightness + 0.02, 1.0) if brighten else max(lightness - 0.02, 0.0)
        candidate = QColor.fromHslF(max(hue, 0.0), saturation, lightness)
        if lightness in (0.0, 1.0):
            break
    return candidate


@dataclass(frozen=True)
class SemanticColours:
    """Text colours that say something, each readable on the window and on a list."""

    error: QColor
    warning: QColor
    success: QColor
    info: QColor
    muted: QColor  # secondary text: a caption above a figure, a remark
    base: QColor  # the background of lists and fields the tints are mixed into

    def tint(self, colour: QColor, strength: float = 0.22) -> QColor:
        """A background that hints at ``colour`` while the palette's text stays readable on it."""
        return mix(self.base, colour, strength)


# The colours picked for each palette (by the roles they depend on): an
# editor asks for them once per message label and a list once per painted cell, and picking
# them walks the lightness in small steps (about 0.2 ms a time).
_PICKED: dict[tuple[int, ...], tuple[QColor, ...]] = {}


def semantic_colours(palette: QPalette) -> SemanticColours:
    roles = (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Highlight,
    )
    key = tuple(palette.color(role).rgba() for role in roles)
    picked = _PICKED.get(key)
    if picked is None:
        picked = _PICKED[key] = _pick(palette)
    # Copies each time: a caller may change the colour it was given.
    return SemanticColours(*(QColor(colour) for colour in picked))


def _pick(palette: QPalette) -> tuple[QColor, ...]:
    """The colours of ``SemanticColours``, in the order of its fields."""
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = is_dark(palette)
    backgrounds = (window, base)

    def shade(hue: int) -> QColor:
        return readable(QColor.fromHsl(hue, 170, 175 if dark else 95), backgrounds)

    return (
        shade(4),
        shade(30),
        shade(125),
        shade(_accent_hue(palette)),
        readable(mix(text, window, 0.35), backgrounds),
        base,
    )


def _accent_hue(palette: QPalette) -> int:
    accent = palette.color(QPalette.ColorRole.Highlight)
    usable = accent.hslSaturation() > 40 and accent.hslHue() >= 0
    return accent.hslHue() if usable else _DEFAULT_HUE


def series_colours(palette: QPalette) -> tuple[QColor, ...]:
    """The fills of a chart's series, around the palette's accent hue: lighter on a dark
    window and deeper on a light one, each visible against the window."""
    window = palette.color(QPalette.ColorRole.Window)
    lightness = 170 if is_dark(palette) else 100
    hue = _accent_hue(palette)
    return tuple(
        readable(QColor.fromHsl((hue + step) % 360, 160, lightness), (window,), VISIBLE)
        for step in _HUE_STEPS
    )


def dark_palette() -> QPalette:
    """The palette Qt's Fusion style draws with on a dark desktop theme, for checking the
    window in the dark (screenshots and tests) where the platform offers no dark theme."""
    text = QColor(240, 240, 240)
    window = QColor(50, 50, 50)
    disabled_text = QColor(130, 130, 130)
    roles = {
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.Light: window.lighter(150),
        QPalette.ColorRole.Midlight: window.darker(130).lighter(110),
        QPalette.ColorRole.Mid: window.darker(130),
        QPalette.ColorRole.Dark: window.darker(150),
        QPalette.ColorRole.Shadow: window.darker(150).darker(135),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.BrightText: QColor(255, 255, 255),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.Base: window.darker(140),
        QPalette.ColorRole.AlternateBase: window.darker(110),
        QPalette.ColorRole.ToolTipBase: window.lighter(120),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Highlight: QColor(48, 140, 198),
        QPalette.ColorRole.HighlightedText: text,
        QPalette.ColorRole.Link: QColor(110, 180, 240),
        QPalette.ColorRole.LinkVisited: QColor(190, 150, 240),
        QPalette.ColorRole.PlaceholderText: QColor(240, 240, 240, 128),
    }
    palette = QPalette()
    for role, colour in roles.items():
        palette.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled_text)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, window)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, disabled_text)
    return palette


class _TextColour(QObject):
    """Keeps a widget's text in one meaning's colour, picked again whenever the palette
    changes (the desktop switching between light and dark) or the widget moves."""

    def __init__(self, widget: QWidget, meaning: str) -> None:
        super().__init__(widget)
        self._meaning = meaning
        widget.installEventFilter(self)
        self.apply(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ParentChange,
        ):
            self.apply(watched)
        return False

    def apply(self, widget: QWidget) -> None:
        # The parent's palette, not the widget's own: its text role is the one set here.
        parent = widget.parentWidget()
        around = parent.palette() if parent is not None else QApplication.palette()
        colour = getattr(semantic_colours(around), self._meaning)
        palette = widget.palette()
        if palette.color(QPalette.ColorRole.WindowText) == colour:
            return  # already so: setting it again would only send another PaletteChange
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.WindowText, colour)
            palette.setColor(group, QPalette.ColorRole.Text, colour)
        widget.setPalette(palette)


def use_text_colour(widget: QWidget, meaning: str) -> None:
    """Draw ``widget``'s text in the colour of ``meaning`` (a field of ``SemanticColours``:
    "error", "warning", "success", "info" or "muted") on every palette."""
    if meaning not in SemanticColours.__dataclass_fields__ or meaning == "base":
        raise ValueError(f"No text colour means {meaning!r}")
    _TextColour(widget, meaning)
