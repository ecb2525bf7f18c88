"""Search keys: the folded text a record is found by.

Each record's key holds its codes and its names in every language, folded to lower-case
Latin without accents, so "prishtine", "Priština" and "Приштина" meet on one indexed column
on SQLite and PostgreSQL alike.  The services and the demo loaders build keys with the
functions here, so a record loaded in bulk is found exactly as one typed in the window.
"""

import re
from collections.abc import Iterable

from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.i18n.folding import fold


def search_key_of(*parts: str | None) -> str:
    return fold(" ".join(part for part in parts if part))


def names_of(record: object) -> list[str | None]:
    """The record's names in every language, for its search key."""
    return [getattr(record, name_column(code)) for code in NAME_LANGUAGES]


def isbn_digits(isbn: str | None) -> str | None:
    """The ISBN without hyphens or spaces ("978-9951-…" is also typed "9789951…")."""
    return re.sub(r"[^0-9X]", "", isbn.upper()) if isbn else None


def distinct_words(key: str) -> str:
    """``key`` with each word kept at its first place only.

    An activity's key repeats itself: a Serbian title folds to the same words in Cyrillic
    and in Latin, and a municipality's four names share theirs ("skenderaj/srbica
    skenderaj srbica srbica").  A search asks whether each of its words occurs within a
    key's words, so the shorter key finds exactly what the longer one did.  The key is
    stored four times over (the row, two indexes, the trigram table) and read by every
    search; keeping each word once takes about a third off it, for ≈ 5 µs a key."""
    return " ".join(dict.fromkeys(key.split()))


def activity_search_key(
    names: Iterable[str | None], venue: str | None, place_names: Iterable[str | None]
) -> str:
    """An activity is found by its title in any language, its venue and the names of its
    municipality."""
    return distinct_words(search_key_of(*names, venue, *place_names))


def activity_search_key_folded(
    folded_names: Iterable[str], venue: str | None, place_names: Iterable[str | None]
) -> str:
    """``activity_search_key`` of titles already folded one by one (``fold``), as the
    activity service folds them to compare titles: folding works word by word, so the
    folded parts joined by spaces are the fold of the parts joined, and a title of
    10,000 imported rows is folded once instead of twice."""
    return distinct_words(
        " ".join(filter(None, (*folded_names, search_key_of(venue, *place_names))))
    )


def case_search_key(
    reference: str | None, title: str | None, place_names: Iterable[str | None]
) -> str:
    """A case is found by its reference, title and municipality; never by who raised it,
    which is confidential (``services/case_confidential.py``)."""
    return search_key_of(reference, title, *place_names)


def research_search_key(
    isbn: str | None,
    doi: str | None,
    names: Iterable[str | None],
    authors: str | None,
    publisher: str | None,
) -> str:
    """A research output is found by its ISBN (with or without hyphens), DOI, title in
    any language, authors and publisher."""
    return search_key_of(isbn, isbn_digits(isbn), doi, *names, authors, publisher)


def expenditure_search_key(
    description: str | None, supplier: str | None, invoice: str | None
) -> str:
    """An expenditure is found by its description, supplier and invoice reference.

    Folding works letter by letter, so the key of the three equals the key of the first two
    and that of the invoice joined by a space; a bulk loader may fold the few recurring
    descriptions and suppliers once (see ``desktop.store.demo_scale_activities``)."""
    return search_key_of(description, supplier, invoice)
