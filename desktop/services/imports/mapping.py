"""Which column of a file fills which field of a record, guessed from the header.

The people who fill a partner list write its headers in their own language ("Emri",
"Назив", "Naziv", "Name"), so a field is recognised by its label in each of the four
languages and by a few words offices commonly use; the user checks the guess in the
preview and may change any of it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from desktop.i18n import _, language_codes, translator_for
from desktop.i18n.folding import fold
from desktop.i18n.translator import on_catalogs_reloaded

Mapping = dict[str, int | None]  # field key -> column index, or None: not imported
_DECORATIONS = str.maketrans(dict.fromkeys("*:._()", " "))


@dataclass(frozen=True)
class TargetField:
    """A field an import fills: ``label`` is an untranslated message (it may carry an
    ``&`` access key); ``aliases`` are further header spellings, matched exactly (ignoring
    case) first, then folded."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()

    def title(self) -> str:
        """The label in the interface language, without its access key."""
        return plain_label(_(self.label))


def plain_label(text: str) -> str:
    """ "&Kind" as "Kind", "R&&D" as "R&D"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _header_key(text: str) -> str:
    """A header without what people add around a field's name ("Name:", "E-mail *")."""
    return " ".join(text.translate(_DECORATIONS).split())


@cache
def _spellings(target: TargetField) -> tuple[frozenset[str], frozenset[str]]:
    """The field's names as headers: exact (case-folded) and folded (no accents, Latin)."""
    names = {target.key, *target.aliases}
    names.update(
        plain_label(translator_for(code).gettext(target.label)) for code in language_codes()
    )
    keys = {_header_key(name) for name in names}
    return frozenset(key.casefold() for key in keys), frozenset(fold(key) for key in keys)


# A translator's saved catalog (translator mode) brings new header spellings with it.
on_catalogs_reloaded(_spellings.cache_clear)


def guess_mapping(fields: Sequence[TargetField], header: Sequence[str]) -> Mapping:
    """Each field's column, or ``None``; a column fills one field at most.

    Exact spellings win over folded ones, so "Назив" goes to the Cyrillic name and "Naziv"
    to the Latin one although both fold to "naziv".
    """
    mapping: Mapping = {target.key: None for target in fields}
    taken: set[int] = set()
    cleaned = [_header_key(title) for title in header]
    for exact in (True, False):
        for target in fields:
            if mapping[target.key] is not None:
                continue
            exact_names, folded_names = _spellings(target)
            for index, title in enumerate(cleaned):
                if index in taken or not title:
                    continue
                found = title.casefold() in exact_names if exact else fold(title) in folded_names
                if found:
                    mapping[target.key] = index
                    taken.add(index)
                    break
    return mapping
