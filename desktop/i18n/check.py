"""``csodesk i18n check``: is every catalog complete, readable and safe?

Run by ``make test``, so a string added without its translations, a placeholder a
translator mistyped or a Cyrillic letter left in the Latin interface fails the build
before it reaches a user.
"""

from pathlib import Path

from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from desktop.i18n import _, ngettext
from desktop.i18n.catalog import DOMAIN, placeholders, po_path
from desktop.i18n.translator import load_catalog
from desktop.i18n.translit import contains_cyrillic

TRANSLATED = {"sq": 2, "sr": 3}  # catalogs translators fill, with their number of plural forms
_SHOWN_PER_PROBLEM = 5


def template_path(i18n_dir: Path) -> Path:
    return i18n_dir / f"{DOMAIN}.pot"


def _read(path: Path) -> PoCatalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def check_catalogs(i18n_dir: Path | None = None) -> list[str]:
    """Every problem found, one translated sentence each; empty when all is well."""
    from desktop.resources import I18N_DIR

    folder = i18n_dir or I18N_DIR
    template_file = template_path(folder)
    if not template_file.is_file():
        return [_("The translation template {path} is missing.").format(path=template_file)]
    template = [message for message in _read(template_file) if message.id]
    problems: list[str] = []
    for code, plural_count in TRANSLATED.items():
        problems.extend(_check_translated(folder, code, plural_count, template))
    problems.extend(_check_latin(folder, template))
    return problems


def _check_translated(
    folder: Path, code: str, plural_count: int, template: list[Message]
) -> list[str]:
    path = po_path(folder, code)
    if not path.is_file():
        return [_("The catalog {path} is missing.").format(path=path)]
    try:
        catalog = _read(path)
    except Exception as error:  # a translator's syntax error
        return [_("The catalog {path} cannot be read: {error}").format(path=path, error=error)]
    problems = []
    if catalog.num_plurals != plural_count:
        problems.append(
            _("{path}: the Plural-Forms header must declare {count} forms.").format(
                path=path, count=plural_count
            )
        )
    missing, unsafe = [], []
    for message in template:
        translated = catalog.get(message.id, message.context)
        forms = (
            ()
            if translated is None
            else ((translated.string,) if isinstance(translated.string, str) else translated.string)
        )
        if translated is None or translated.fuzzy or not forms or not all(forms):
            missing.append(_key(message))
            continue
        allowed = placeholders(_key(message))
        if not isinstance(message.id, str):
            allowed |= placeholders(message.id[1])
        if any(not placeholders(form) <= allowed for form in forms):
            unsafe.append(_key(message))
    if missing:
        problems.append(
            ngettext(
                "{path}: {count} message is not translated: {examples}",
                "{path}: {count} messages are not translated, such as: {examples}",
                len(missing),
            ).format(
                path=path, count=len(missing), examples=" | ".join(missing[:_SHOWN_PER_PROBLEM])
            )
        )
    if unsafe:
        problems.append(
            _("{path}: placeholders differ from the English in: {examples}").format(
                path=path, examples=" | ".join(unsafe[:_SHOWN_PER_PROBLEM])
            )
        )
    return problems


def _check_latin(folder: Path, template: list[Message]) -> list[str]:
    catalog = load_catalog(folder, "sr_Latn")
    cyrillic = [
        _key(message)
        for message in template
        if any(
            contains_cyrillic(form) for form in _forms(catalog.messages.get(_lookup_key(message)))
        )
    ]
    if not cyrillic:
        return []
    return [
        _("Serbian Latin still shows Cyrillic letters in: {examples}").format(
            examples=" | ".join(cyrillic[:_SHOWN_PER_PROBLEM])
        )
    ]


def _lookup_key(message: Message) -> str:
    return f"{message.context}\x04{_key(message)}" if message.context else _key(message)


def _forms(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value
