"""CSO Desk: case management for civil-society organisations in Kosovo and the Western Balkans.

``__version__`` is worked out when first asked for, not at import: ``importlib.metadata``
alone costs more than a whole ``csodesk --help``.  ``pyproject.toml`` is the one place the
version is written; in a source tree (and an editable install) it is read from there, and
an installed package asks its installed metadata, which the build copied from it.
"""

import os

DISTRIBUTION = "cso-desk"
_PYPROJECT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pyproject.toml"
)
_version: str | None = None


def version() -> str:
    """The version of CSO Desk running; ``0.0.0`` when neither source can tell."""
    global _version
    if _version is None:
        _version = _source_tree_version() or _installed_version()
    return _version


def _source_tree_version() -> str | None:
    """The version in the ``pyproject.toml`` beside the package, if it is ours."""
    import tomllib

    try:
        with open(_PYPROJECT, "rb") as handle:
            project = tomllib.load(handle).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if project.get("name") != DISTRIBUTION or not isinstance(project.get("version"), str):
        return None
    return project["version"]


def _installed_version() -> str:
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a frozen bundle without its metadata
        return "0.0.0"


def __getattr__(name: str) -> str:
    """``from desktop import __version__`` keeps working, computed on first use."""
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
