"""Access keys (Alt and a letter) on the buttons that show an action.

A ``QToolButton``, alone or in a ``QToolBar``, shows its action's ``iconText()``, which Qt
derives from the text by dropping the ``&``: an action labelled "&Submit" is drawn as
"Submit" and Alt+S does nothing, so a keyboard user has no way to the button but the mouse.
Giving the action its own text as icon text keeps the underlined letter and the key.
"""

from PySide6.QtGui import QAction


def keep_access_keys(*actions: QAction) -> None:
    """Let the buttons of ``actions`` show their access keys; call after each ``setText``
    (an icon text set once no longer follows the text, in another language say)."""
    for action in actions:
        action.setIconText(action.text())


def follow_access_keys(action: QAction) -> None:
    """Keep ``action``'s access key on its buttons through every relabelling (a language
    switch, Archive turning into Restore) without each caller remembering to."""

    def relabel() -> None:
        if action.iconText() != action.text():
            action.setIconText(action.text())

    action.changed.connect(relabel)
    relabel()
