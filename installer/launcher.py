"""The bundle's entry point: the same as ``python -m desktop`` (``desktop.cli.main``).

PyInstaller needs a script rather than a module to start from; keeping it this small means
the bundle and the source tree run exactly the same code.
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
