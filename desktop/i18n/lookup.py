"""What a running translator needs of a catalog: its translations, its plural rule, and
where its ``.po`` file lives.

Kept apart from ``catalog`` (the tolerant reading of ``.po`` files and what it finds wrong)
so that a start whose catalog is already compiled (``desktop.i18n.compiled``) imports
neither that reader nor Babel.
"""

import gettext
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.i18n.catalog import Issue

DOMAIN = "csodesk"
CONTEXT_SEP = "\x04"
ENGLISH_PLURAL = "nplurals=2; plural=(n != 1);"
# How many plural forms each language has (CLDR / GNU gettext), to catch a wrong header.
PLURAL_COUNTS = {"en": 2, "sq": 2, "sr": 3, "sr_Latn": 3}
# The n a plural rule is tried on: enough to pass every ending Serbian cares about.
SAMPLE_COUNTS = range(200)

MessageKey = str  # msgid, or "context\x04msgid"
Translation = str | tuple[str, ...]
PluralRule = Callable[[int], int]


def po_path(i18n_dir: Path, code: str) -> Path:
    return i18n_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def plural_rule(header: str | None, expected: int | None = None) -> PluralRule | None:
    """The function of a ``Plural-Forms`` value, or ``None`` if it is unusable: unreadable,
    with another number of forms than the language has, or choosing a form that is not there.
    """
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", header or "")
    if not match:
        return None
    count = int(match.group(1))
    if count < 1 or (expected is not None and count != expected):
        return None
    try:
        rule = gettext.c2py(match.group(2))
        if all(0 <= rule(n) < count for n in SAMPLE_COUNTS):
            return rule
    except (ValueError, SyntaxError, ArithmeticError, RecursionError, TypeError):
        pass
    return None


class Catalog:
    """The usable translations of one language, with the plural rule from its header, and
    what the reading found wrong or missing (for the log and ``csodesk i18n check``)."""

    def __init__(
        self,
        messages: dict[MessageKey, Translation],
        plural_forms: str = ENGLISH_PLURAL,
        *,
        issues: Iterable["Issue"] = (),
        untranslated: Iterable[tuple[MessageKey, int]] = (),
        fuzzy: Iterable[MessageKey] = (),
        lines: dict[MessageKey, int] | None = None,
        broken: Iterable[MessageKey] = (),
    ) -> None:
        self.messages = messages
        self.plural_forms = plural_forms
        self.plural_index = plural_rule(plural_forms) or gettext.c2py("n != 1")
        self.issues = tuple(issues)
        self.untranslated = tuple(untranslated)
        self.fuzzy = frozenset(fuzzy)
        self.lines = lines or {}  # where each entry of the file starts
        self.broken = frozenset(broken)  # entries dropped for an error, shown in English

    def lookup(self, key: MessageKey) -> str | None:
        found = self.messages.get(key)
        if isinstance(found, tuple):
            return found[0] or None
        return found or None

    def lookup_plural(self, key: MessageKey, n: int) -> str | None:
        found = self.messages.get(key)
        if not isinstance(found, tuple):
            return None
        index = self.plural_index(n)
        if index < len(found) and found[index]:
            return found[index]
        return None


def context_key(context: str, message: str) -> MessageKey:
    return f"{context}{CONTEXT_SEP}{message}"
