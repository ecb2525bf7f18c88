"""The PySide6 desktop interface; nothing outside this package imports Qt."""
