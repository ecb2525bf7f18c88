"""A language's catalog compiled once into the user's cache folder and read from there.

Parsing the ``.po`` files with Babel costs 75–150 ms of CPU at every start (and importing
Babel more), more than a whole ``csodesk --help`` should take; reading the same
translations back from their compiled file costs about 1 ms.  The ``.po`` files stay the
only source: translators edit them, and nothing is compiled by hand or by the build.

Why the user's cache folder rather than ``.mo`` files built into ``resources/i18n/``: the
application reads ``.po`` files that change under it (translator mode, a translator's
working copy named by ``CSODESK_I18N_DIR``, ``make i18n``, a checkout), from a folder the
user may not be allowed to write (an installed program), so a file compiled beside them by
the build could be stale or impossible to refresh.  Why ``marshal`` rather than ``.mo``:
it stores exactly what the tolerant reading kept (plural forms as tuples, contexts in their
keys) together with the warnings it logged, which are logged again at every start so a
broken entry is still reported each time; it needs no import and loads faster than JSON.
Its format belongs to the Python version, which is part of the stamp; the folder is the
user's own, like every other file the application writes for them.

A compiled file is used only if its stamp, the first object in it, matches exactly: the
catalog folder, the language, the size and CRC-32 of every ``.po`` file the language is
made of (the content itself, so that a save within the file system's timestamp resolution,
a ``touch`` or a copy with preserved times can neither hide nor fake a change), and the
size and time of the modules whose code shapes a catalog (so that a new release, or a
developer's edit of the reading, compiles again).  Anything else (a missing, unreadable,
damaged or foreign file) is a miss: the ``.po`` files are parsed and the result written
anew, through a temporary file renamed over the old one so that no reader sees half a
file.  A cache folder that cannot be written costs only the time of parsing: the
translations are the same.  A miss also deletes the compiled files of catalog folders that
no longer exist (temporary working copies), so the folder keeps about one file per
language and catalog folder.
"""

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

from desktop.i18n.lookup import Catalog

CACHE_DIR_VARIABLE = "CSODESK_CACHE_DIR"
APP_DIR_NAME = "CSODesk"
FORMAT = 1
SUFFIX = ".catalog"
READER_LOG = "desktop.i18n.catalog"  # the reader's log, named so as not to import it
# The modules whose code turns .po files into a catalog, beside this one.
_READER = ("lookup.py", "catalog.py", "po_parser.py", "translator.py", "translit.py", "compiled.py")

Stamp = tuple[object, ...]


def cache_dir() -> Path:
    """Where compiled catalogs are kept: ``CSODESK_CACHE_DIR``, else the user's cache folder
    as ``platformdirs.user_cache_path("CSODesk", appauthor=False)`` names it, plus
    ``catalogs`` (worked out here: importing platformdirs costs more than reading a catalog).
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
        root = (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / APP_DIR_NAME
    return root / "catalogs"


def compiled_path(folder: Path, code: str) -> Path:
    """The compiled file of ``code``'s catalog read from ``folder``."""
    where = os.path.abspath(folder)
    return cache_dir() / f"{code}-{zlib.crc32(where.encode()):08x}{SUFFIX}"


def compiled_catalog(
    folder: Path, code: str, files: Sequence[Path], build: Callable[[], Catalog]
) -> Catalog:
    """The catalog of ``code`` made of the ``.po`` ``files`` under ``folder``: from its
    compiled file when that is current, else ``build()`` (which parses them and logs what
    it finds wrong), whose translations and warnings are then compiled for next time."""
    stamp = _stamp(os.path.abspath(folder), code, files)
    try:
        target: Path | None = compiled_path(folder, code)
    except RuntimeError:  # no home folder to find the cache in: parse every time
        target = None
    if stamp is not None and target is not None:
        found = _read(target, stamp)
        if found is not None:
            return found
    built, warnings = _built(build)
    if stamp is not None and target is not None:
        _write(target, stamp, built, warnings)
    return built


def _stamp(folder: str, code: str, files: Sequence[Path]) -> Stamp | None:
    """What a current compiled file starts with; ``None`` if a ``.po`` file cannot be read
    (nothing is cached then: the parse reports the problem)."""
    contents: list[tuple[int, int] | None] = []
    for path in files:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            contents.append(None)
            continue
        except OSError:
            return None
        contents.append((len(raw), zlib.crc32(raw)))
    return (FORMAT, sys.version_info[:2], folder, code, tuple(contents), _reader_stamp())


def _reader_stamp() -> tuple[tuple[int, int], ...]:
    """Size and modification time of the code that turns ``.po`` files into a catalog."""
    here = os.path.dirname(os.path.abspath(__file__))
    stamps: list[tuple[int, int]] = []
    for name in _READER:
        try:
            status = os.stat(os.path.join(here, name))
        except OSError:  # a frozen bundle: its executable changes with every release
            status = os.stat(sys.executable)
        stamps.append((status.st_size, status.st_mtime_ns))
    return tuple(stamps)


def _read(target: Path, stamp: Stamp) -> Catalog | None:
    try:
        with target.open("rb") as handle:
            if marshal.load(handle) != stamp:
                return None
            messages, plural_forms, warnings = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None  # missing, unreadable or damaged: parse the .po files again
    if not (
        isinstance(messages, dict)
        and isinstance(plural_forms, str)
        and isinstance(warnings, tuple)
        and all(isinstance(warning, str) for warning in warnings)
    ):
        return None
    if warnings:
        import logging

        for warning in warnings:
            logging.getLogger(READER_LOG).warning("%s", warning)
    return Catalog(messages, plural_forms)


def _built(build: Callable[[], Catalog]) -> tuple[Catalog, tuple[str, ...]]:
    """``build()``'s catalog, and the warnings it logged on this thread, as shown."""
    import logging
    import threading

    warnings: list[str] = []
    thread = threading.get_ident()

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread == thread:
                warnings.append(record.getMessage())

    reader_log = logging.getLogger(READER_LOG)
    collector = Collector(logging.WARNING)
    reader_log.addHandler(collector)
    try:
        built = build()
    finally:
        reader_log.removeHandler(collector)
    return built, tuple(warnings)


def _write(target: Path, stamp: Stamp, built: Catalog, warnings: tuple[str, ...]) -> None:
    import threading  # the temporary file is this thread's own, in case two compile at once

    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            marshal.dump(stamp, handle)
            marshal.dump((built.messages, built.plural_forms, warnings), handle)
        os.replace(temporary, target)
    except (OSError, ValueError) as error:
        import logging

        logging.getLogger(__name__).debug("%s was not written: %s", target, error)
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    _forget_removed_folders(target.parent)


def _forget_removed_folders(directory: Path) -> None:
    """Delete the compiled files of catalog folders that are gone."""
    for path in directory.glob(f"*{SUFFIX}"):
        try:
            with path.open("rb") as handle:
                stamp = marshal.load(handle)
            if not os.path.isdir(stamp[2]):
                path.unlink()
        except (OSError, EOFError, ValueError, TypeError, IndexError):
            continue
