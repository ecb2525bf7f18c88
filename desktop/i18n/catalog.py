"""Translation catalogs read straight from the ``.po`` files translators edit.

No compile step: a translator saves in Poedit and restarts (or switches language) to see
the result.  A catalog that cannot be read, or an entry whose placeholders differ from the
English ones, is skipped with a warning, so a broken translation shows English text
instead of breaking the application.
"""

import gettext
import logging
import re
import string
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po

from desktop.i18n.translit import cyrillic_to_latin

log = logging.getLogger(__name__)

DOMAIN = "csodesk"
_CONTEXT_SEP = "\x04"
_ENGLISH_PLURAL = "nplurals=2; plural=(n != 1);"

MessageKey = str  # msgid, or "context\x04msgid"
Translation = str | tuple[str, ...]


def po_path(i18n_dir: Path, code: str) -> Path:
    return i18n_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def placeholders(text: str) -> set[str]:
    """The named ``{fields}`` of a message, as ``str.format`` sees them."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:
        return {"<malformed>"}


def _plural_function(plural_forms: str | None) -> Callable[[int], int]:
    match = re.search(r"plural\s*=\s*(.+?);?\s*$", plural_forms or "")
    if match:
        try:
            return gettext.c2py(match.group(1).rstrip(";"))
        except (ValueError, SyntaxError):
            log.warning("unreadable Plural-Forms %r; using the English rule", plural_forms)
    return gettext.c2py("n != 1")


class Catalog:
    """The translations of one language, with the plural rule from its header."""

    def __init__(
        self, messages: dict[MessageKey, Translation], plural_forms: str = _ENGLISH_PLURAL
    ) -> None:
        self.messages = messages
        self.plural_forms = plural_forms
        self.plural_index = _plural_function(plural_forms)

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


def _entry_is_safe(msgid: str | tuple[str, ...], msgstr: Translation, path: Path) -> bool:
    english = msgid if isinstance(msgid, str) else msgid[-1]
    allowed = placeholders(english)
    if isinstance(msgid, tuple):
        allowed |= placeholders(msgid[0])
    forms = (msgstr,) if isinstance(msgstr, str) else msgstr
    for form in forms:
        if form and not placeholders(form) <= allowed:
            log.warning("%s: placeholders of %r do not match the English; ignored", path, english)
            return False
    return True


def read_catalog(path: Path) -> Catalog:
    """Read one ``.po`` file; an unreadable one yields an empty catalog (English text)."""
    if not path.is_file():
        return Catalog({})
    try:
        with path.open("rb") as handle:
            po = read_po(handle, abort_invalid=False)
    except Exception as error:  # a broken file must never stop the application
        log.warning("cannot read the catalog %s: %s", path, error)
        return Catalog({})
    messages: dict[MessageKey, Translation] = {}
    for message in po:
        forms = (message.string,) if isinstance(message.string, str) else message.string
        if not message.id or message.fuzzy or not any(forms):
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        key = f"{message.context}{_CONTEXT_SEP}{msgid}" if message.context else msgid
        msgstr = message.string if isinstance(message.string, str) else tuple(message.string)
        if _entry_is_safe(message.id, msgstr, path):
            messages[key] = msgstr
    plural_forms = po.plural_forms if po.plural_forms else _ENGLISH_PLURAL
    return Catalog(messages, plural_forms)


def transliterated(catalog: Catalog, overrides: Catalog) -> Catalog:
    """Serbian Latin: every Cyrillic translation transliterated, then the Latin overrides."""

    def to_latin(value: Translation) -> Translation:
        if isinstance(value, tuple):
            return tuple(cyrillic_to_latin(form) for form in value)
        return cyrillic_to_latin(value)

    messages = {key: to_latin(value) for key, value in catalog.messages.items()}
    messages.update(overrides.messages)
    return Catalog(messages, catalog.plural_forms)


def context_key(context: str, message: str) -> MessageKey:
    return f"{context}{_CONTEXT_SEP}{message}"
