"""Platform-dependent launchers, which pyproject.toml cannot express.

On Windows ``csodesk`` is a GUI script, so no console window opens behind the app, and
``csodesk-cli`` is the console twin for scripting; elsewhere ``csodesk`` is a console script.
"""

import sys

from setuptools import setup

if sys.platform == "win32":
    entry_points = {
        "gui_scripts": ["csodesk = desktop.cli:main"],
        "console_scripts": ["csodesk-cli = desktop.cli:main"],
    }
else:
    entry_points = {"console_scripts": ["csodesk = desktop.cli:main"]}

setup(entry_points=entry_points)
