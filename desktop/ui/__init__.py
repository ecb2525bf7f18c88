"""The PySide6 desktop interface; nothing outside this package imports Qt."""

from desktop.ui import binding_fixes as _binding_fixes  # noqa: F401  (applies on import)
