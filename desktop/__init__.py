"""CSO Desk: case management for civil-society organisations in Kosovo and the Western Balkans."""

from importlib import metadata

try:
    __version__ = metadata.version("cso-desk")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
