"""A language's catalog compiled once into the user's cache folder and read from there.

Parsing the ``.po`` files with Babel costs 75–150 ms of CPU at every start (and Babel's
import as much again), more than a whole ``csodesk --help`` should take; reading the same
translations back from a JSON file costs about 1 ms.  The ``.po`` files stay the only
source: translators edit them and nothing is compiled by hand or by the build.

Why a cache folder rather than ``.mo`` files built into ``resources/i18n/``: the app reads
``.po`` files that change under it (translator mode, ``CSODESK_I18N_DIR`` working copies,
``make i18n``, an installed folder the user cannot write to), so a compiled file beside
them could be stale or impossible to write.  Why JSON rather than ``.mo``: it holds what
the tolerant reading kept (plural forms as lists, contexts in their keys) and the warnings
it logged, replayed on every start so a broken entry is still reported each time; it is
version-independent and harmless to read if damaged; and ``json`` is in the stdlib.

A compiled file is used only if its first line, the stamp, matches exactly: the catalog
folder, the language, the size and CRC-32 of every ``.po`` file the language is made of
(the content itself, so a save within the file system's timestamp granularity, a ``touch``
or a copy with preserved times can neither hide nor fake a change), and the size and time
of the modules whose code shapes a catalog (so a new release or a developer's edit of the
reading rebuilds it).  Anything else (a missing, unreadable, damaged or foreign file) is a
miss: the ``.po`` files are parsed and the result written anew, through a temporary file
renamed over the old one so that a reader never sees half a file.  A cache folder that
cannot be written costs only the time of parsing; the translations are the same.  Each
miss also deletes the compiled files of catalog folders that no longer exist (temporary
working copies), so the folder holds about one file per language and catalog folder.
"""

import json
import logging
import os
import sys
import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.i18n.lookup import Catalog, Translation

log = logging.getLogger(__name__)
# The reader's log (``desktop.i18n.catalog``), named here so as not to import the reader.
reader_log = logging.getLogger("desktop.i18n.catalog")

CACHE_DIR_VARIABLE = "CSODESK_CACHE_DIR"
APP_DIR_NAME = "CSODesk"
FORMAT = 1
_SUFFIX = ".json"
# The modules whose code turns .po files into a catalog, beside this one.
_READER = ("lookup.py", "catalog.py", "po_parser.py", "translator.py", "translit.py", "compiled.py")


def cache_dir() -> Path:
    """Where compiled catalogs are kept: ``CSODESK_CACHE_DIR``, else the user's cache folder
    as ``platformdirs.user_cache_path("CSODesk", appauthor=False)`` names it, plus
    ``catalogs`` (worked out here: importing platformdirs costs more than this whole read).
    """
    override = os.environ.get(CACHE_DIR_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        root = Path(local) / APP_DIR_NAME / "Cache"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches" / APP_DIR_NAME
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
        root = (Path(xdg) if xdg else Path.home() / ".cache") / APP_DIR_NAME
    return root / "catalogs"


def compiled_catalog(
    folder: Path, code: str, files: Sequence[Path], build: Callable[[], Catalog]
) -> Catalog:
    """The catalog of ``code`` made of the ``.po`` ``files`` under ``folder``: from its
    compiled file when that is current, else ``build()`` (which parses and logs the
    problems found), whose translations and warnings are then compiled for next time."""
    where = os.path.abspath(folder)
    stamp = _stamp(where, code, files)
    target = cache_dir() / f"{code}-{zlib.crc32(where.encode()):08x}{_SUFFIX}"
    if stamp is not None:
        found = _read(target, stamp)
        if found is not None:
            return found
    warnings: list[str] = []
    collector = _Collector(warnings)
    reader_log.addHandler(collector)
    try:
        built = build()
    finally:
        reader_log.removeHandler(collector)
    if stamp is not None:
        _write(target, stamp, built, warnings)
    return built


def _stamp(folder: str, code: str, files: Sequence[Path]) -> str | None:
    """The first line a current compiled file starts with; ``None`` if a file cannot be
    read (then nothing is cached: the parse reports the problem)."""
    sizes: list[list[int] | None] = []
    for path in files:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            sizes.append(None)
            continue
        except OSError:
            return None
        sizes.append([len(raw), zlib.crc32(raw)])
    return json.dumps(
        {
            "format": FORMAT,
            "folder": folder,
            "language": code,
            "files": sizes,
            "reader": _reader_stamp(),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _reader_stamp() -> list[list[int]]:
    """Size and modification time of the code that turns ``.po`` files into a catalog."""
    here = os.path.dirname(os.path.abspath(__file__))
    stamps: list[list[int]] = []
    for name in _READER:
        try:
            status = os.stat(os.path.join(here, name))
        except OSError:  # a frozen bundle: its executable changes with every release
            status = os.stat(sys.executable)
        stamps.append([status.st_size, status.st_mtime_ns])
    return stamps


def _read(target: Path, stamp: str) -> Catalog | None:
    try:
        with target.open(encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != stamp:
                return None
            content = json.loads(handle.read())
        messages: dict[str, Translation] = {
            key: tuple(value) if isinstance(value, list) else value
            for key, value in content["messages"].items()
        }
        catalog = Catalog(messages, content["plural_forms"])
        warnings = [str(warning) for warning in content["warnings"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, unreadable or damaged: parse the .po files again
    for warning in warnings:
        reader_log.warning("%s", warning)
    return catalog


def _write(target: Path, stamp: str, built: Catalog, warnings: list[str]) -> None:
    content = {
        "messages": built.messages,
        "plural_forms": built.plural_forms,
        "warnings": warnings,
    }
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(stamp + "\n")
            json.dump(content, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, target)
    except OSError as error:
        log.debug("the compiled catalog %s was not written: %s", target, error)
        _remove(temporary)
        return
    _forget_removed_folders(target.parent)


def _forget_removed_folders(directory: Path) -> None:
    """Delete the compiled files of catalog folders that are gone."""
    for path in directory.glob(f"*{_SUFFIX}"):
        try:
            with path.open(encoding="utf-8") as handle:
                folder = json.loads(handle.readline())["folder"]
            if not os.path.isdir(folder):
                path.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            continue


def _remove(path: Path) -> None:
    from contextlib import suppress  # only after a failed write

    with suppress(OSError):
        path.unlink(missing_ok=True)


class _Collector(logging.Handler):
    """Keeps the warnings the catalog reader logs on the building thread, as shown."""

    def __init__(self, collected: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.collected = collected
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.collected.append(record.getMessage())
