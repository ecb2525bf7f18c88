"""Babel's locale data for a language, merged once into the user's cache folder.

Babel ships each locale's CLDR data as a pickle of what the locale adds to its parent, and
on first use merges the chain (root, then "en"; root, "sr", "sr_Latn", "sr_Latn_XK") into
one dictionary: ≈ 30 ms of CPU for English on the office's laptop, paid at every start by
the first date the activities list shows (bench/findings.md, "Start-up: the first rows").
The merged dictionary, pickled whole, loads in ≈ 3 ms.  So the first merge of a locale is
written to the user's cache folder, beside the compiled catalogs (``desktop.i18n.compiled``),
and later starts hand Babel that dictionary for its own cache, where ``babel.localedata.load``
looks first.  The data are Babel's own, merged by Babel: nothing is trimmed or rebuilt, so
every format reads what it would have read.

A file is used only if its stamp, the first object in it, matches: this module's format, the
Python version (pickle's classes), Babel's version and where its data live, and the locale.
Anything else (missing, unreadable, damaged, foreign) is a miss: Babel merges as usual and
the file is written anew through a temporary file renamed over the old one.  A Babel without
the cache this relies on (a private dictionary of ``babel.localedata``) simply merges every
time.  The folder is the user's own, as for the catalogs: a file there is trusted as the
user's configuration is.
"""

import os
import pickle
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import Any

from desktop.i18n.compiled import cache_dir

FORMAT = 1
SUFFIX = ".locale"


def preload(name: str) -> None:
    """Give Babel the merged data of the locale ``name`` ("sq_XK") before it is first
    asked for, from the cache folder when current; otherwise let Babel merge it and keep
    the result there for next time."""
    from babel import localedata

    cache = getattr(localedata, "_cache", None)
    lock = getattr(localedata, "_cache_lock", None)
    if not isinstance(cache, dict) or lock is None or name in cache:
        return
    stamp = _stamp(name, localedata)
    try:
        target: Path | None = cache_dir() / f"{name}{SUFFIX}"
    except RuntimeError:  # no home folder to find the cache in
        target = None
    found = _read(target, stamp) if target is not None else None
    if found is None:
        merged = localedata.load(name)
        if target is not None:
            _write(target, stamp, merged)
        return
    with lock:
        cache.setdefault(name, found)


def _stamp(name: str, localedata: Any) -> tuple[object, ...]:
    from babel import __version__

    return (FORMAT, sys.version_info[:2], __version__, os.path.abspath(localedata.__file__), name)


def _read(target: Path, stamp: tuple[object, ...]) -> dict[str, Any] | None:
    try:
        with target.open("rb") as handle:
            if pickle.load(handle) != stamp:
                return None
            data = pickle.load(handle)
    except Exception:  # missing, unreadable, damaged or foreign: Babel merges again
        return None
    return data if isinstance(data, dict) else None


def _write(target: Path, stamp: tuple[object, ...], data: dict[str, Any]) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            pickle.dump(stamp, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except (OSError, pickle.PicklingError) as error:
        import logging

        logging.getLogger(__name__).debug("%s was not written: %s", target, error)
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
