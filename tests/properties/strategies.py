"""Hostile input for the services: what a paste, a broken import or a script may hand them.

Every strategy mixes ordinary values (so that some calls succeed and the success path is
checked too) with the awkward ones: control and direction characters, combining marks,
astral characters, Serbian Cyrillic and Albanian letters, whitespace only, strings at and
just past the column limits, and now and then one shared 1 MB string (built once, so that
the tests stay fast).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from desktop.services.listing import ListQuery

# One megabyte of mixed scripts, shared by every test that draws it.
MEGABYTE = ("Prishtinë Приштина \u202eevil\u202c e\u0301 😀 " * 40_000)[: 1 << 20]

SPECIAL_TEXTS = (
    "",
    " ",
    "\t\n  \r\n",
    "\x00",
    "a\x00b",
    "\u200e\u200f",
    "\u202eevil\u202c",
    "\u200f\u05e9\u05dc\u05d5\u05dd\u200e",
    "e\u0301\u0301\u0301",
    "\u0301",
    "😀👩🏽‍💻🇽🇰",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U00010348",
    "Ђорђе Љубичић Џаковица Шћ",
    "Gjakovë Ferizaj çelës ËÇ",
    "\ufeffBOM",
    "\u2028\u2029\x85\x7f\x9f",
    "%_\\'\"; DROP TABLE projects; --",
    "١٢٣٤",
    "x" * 64,
    "x" * 65,
    "y" * 500,
    "y" * 501,
    "z" * 20_001,
)

_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",))


@st.composite
def _mixed(draw: st.DrawFn) -> str:
    """Ordinary words with a few hostile pieces spliced in."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(SPECIAL_TEXTS[:18]),
                st.text(_alphabet, max_size=12),
                st.sampled_from(("Mitrovica", "Zveçan", "Звечан", "MCSC", "2026")),
            ),
            min_size=1,
            max_size=5,
        )
    )
    return "".join(pieces)


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SPECIAL_TEXTS),
        st.text(_alphabet, max_size=40),
        _mixed(),
        _rarely_a_megabyte(),
    )


def _rarely_a_megabyte() -> st.SearchStrategy[str]:
    """The 1 MB string about once in ten draws of this branch (it costs time on every call)."""
    return st.integers(0, 9).flatmap(
        lambda n: st.just(MEGABYTE) if n == 0 else st.sampled_from(SPECIAL_TEXTS)
    )


NUMBER_TEXTS = (
    "0",
    "-0",
    "1.234,56",
    "1,234.56",
    "12,5",
    "0.005",
    "1e3",
    "1E+999999",
    "-1",
    "NaN",
    "sNaN",
    "Infinity",
    "-inf",
    "999999999999.99",
    "1000000000000",
    "١٢٣",
    "１２３",
    "€ 12",
    "12 €",
    "",
    "   ",
    "--5",
    "0x10",
    "1_000",
)


def numbers() -> st.SearchStrategy[Any]:
    """Amounts, rates, counts and years as a form or an import may carry them."""
    return st.one_of(
        st.none(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.decimals(min_value=0, max_value=10**6, places=2),
        st.sampled_from(
            (
                Decimal("NaN"),
                Decimal("sNaN"),
                Decimal("-Infinity"),
                Decimal("1E+400"),
                Decimal("1E-400"),
                Decimal("-0.01"),
                Decimal("0.123456789012345678901234567890"),
                Decimal("999999999999.995"),
            )
        ),
        st.integers(),
        st.integers(min_value=2**63 - 2, max_value=2**80),
        st.integers(max_value=-(2**63) + 1, min_value=-(2**80)),
        st.floats(),
        st.sampled_from(NUMBER_TEXTS),
        st.text(_alphabet, max_size=12),
        st.booleans(),
    )


def dates() -> st.SearchStrategy[Any]:
    """Dates as objects (far past and future included), as text in many shapes, or none."""
    return st.one_of(
        st.none(),
        st.dates(),
        st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
        st.sampled_from((date.min, date.max, date(1900, 2, 28), date(2100, 1, 1))),
        st.datetimes(min_value=datetime(1, 1, 1)),
        st.dates().map(date.isoformat),
        st.sampled_from(
            (
                "2026-02-30",
                "0000-01-01",
                "10000-01-01",
                "31.12.2026",
                "12/31/2026",
                "2026-W01-1",
                "20260101",
                "２０２６-０１-０１",
                "2026-01-01T10:00",
                " 2026-01-01 ",
                "yesterday",
                "",
            )
        ),
        hostile_text(),
        st.integers(),
    )


def ids() -> st.SearchStrategy[Any]:
    """Record ids that do not exist: zero, negative, huge, beyond 64 bits, not integers."""
    return st.one_of(
        st.none(),
        st.integers(min_value=-5, max_value=10**6),
        st.integers(min_value=2**63 - 2, max_value=2**70),
        st.integers(max_value=-(2**63), min_value=-(2**70)),
        st.sampled_from((True, 1.5, "1", "x", Decimal("2"))),
    )


def id_lists() -> st.SearchStrategy[list[Any]]:
    return st.lists(st.one_of(ids(), st.integers(1, 40)), max_size=6).flatmap(
        lambda items: (
            st.just(items + items[:1])  # a duplicate now and then
            if items
            else st.just(items)
        )
    )


def enum_values(kind: type[Enum]) -> st.SearchStrategy[Any]:
    """Members, their raw values, and things that are not members at all."""
    return st.one_of(
        st.sampled_from(list(kind)),
        st.sampled_from([member.value for member in kind]),
        st.sampled_from(("", "not-a-member", "OPEN", "\x00")),
        st.integers(-3, 3),
        st.none(),
    )


def _strategy_for(annotation: Any) -> st.SearchStrategy[Any] | None:
    """A hostile strategy for a form field, chosen by its annotation (``None`` for a shape
    a test must describe itself)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in args if arg is not type(None)]
        if date in members:
            return dates()
        if Decimal in members:
            return numbers()
        if int in members and str in members:
            return numbers()
        if members == [int]:
            return ids()
        if members == [bytes]:
            return st.one_of(st.none(), st.binary(max_size=64))
        enum_members = [arg for arg in members if isinstance(arg, type) and issubclass(arg, Enum)]
        if enum_members:
            return enum_values(enum_members[0])
        return st.one_of(st.none(), hostile_text())
    if origin is list:
        (item,) = args
        if item is int:
            return id_lists()
        if item is str:
            return st.lists(hostile_text(), max_size=4)
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return enum_values(annotation)
    if annotation is str:
        return hostile_text()
    if annotation is bool:
        return st.one_of(st.booleans(), st.none(), st.integers(), hostile_text())
    return st.nothing()


def field_strategies(form_type: type) -> dict[str, st.SearchStrategy[Any]]:
    hints = typing.get_type_hints(form_type)
    strategies = {
        item.name: _strategy_for(hints[item.name]) for item in dataclasses.fields(form_type)
    }
    return {name: strategy for name, strategy in strategies.items() if strategy is not None}


def forms(
    baseline: Callable[[], Any],
    overrides: dict[str, st.SearchStrategy[Any]] | None = None,
    skip: tuple[str, ...] = (),
) -> st.SearchStrategy[Any]:
    """Forms built on a fresh ``baseline()`` (a valid form): either one field made hostile,
    so that it is the only problem, or every field drawn at random."""
    strategies = {
        name: strategy
        for name, strategy in {**field_strategies(type(baseline())), **(overrides or {})}.items()
        if name not in skip
    }
    names = sorted(strategies)

    @st.composite
    def one_field(draw: st.DrawFn) -> Any:
        name = draw(st.sampled_from(names))
        return dataclasses.replace(baseline(), **{name: draw(strategies[name])})

    @st.composite
    def all_fields(draw: st.DrawFn) -> Any:
        return dataclasses.replace(baseline(), **{name: draw(strategies[name]) for name in names})

    return st.one_of(one_field(), one_field(), all_fields())


LANGUAGES = ("en", "sq", "sr", "sr_Latn")


def languages() -> st.SearchStrategy[Any]:
    """The four languages, and codes no service knows."""
    return st.one_of(
        st.sampled_from(LANGUAGES),
        st.sampled_from(("", "de", "SR_LATN", "sr-Latn", "xx_\x00", "en" * 300)),
    )


def list_queries(
    filters: dict[str, st.SearchStrategy[Any]] | None = None,
    sorts: tuple[str, ...] = ("name", "code"),
    query_type: type = ListQuery,
) -> st.SearchStrategy[Any]:
    """A list's search box, sorting, language and filters, each set at random."""
    filters = filters or {}

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        chosen = draw(st.lists(st.sampled_from(sorted(filters)), unique=True)) if filters else []
        return query_type(
            search=draw(hostile_text()),
            include_archived=draw(st.booleans()),
            sort=draw(st.one_of(st.sampled_from(sorts), hostile_text())),
            descending=draw(st.booleans()),
            language=draw(st.sampled_from(LANGUAGES)),
            filters=tuple((name, draw(filters[name])) for name in chosen),
        )

    return build()


# -- tables, as an import reads them ------------------------------------------------------

DATE_TEXTS = (
    "15.03.2026",
    "15.03.2026.",
    "15/3/2026",
    "2026-03-15",
    "2026/03/15",
    "03/15/2026",
    "31.02.2026",
    "2026-13-01",
    "1.1.0001",
    "31.12.9999",
    "15-03-2026",
    "15 March 2026",
)
CSV_ENCODINGS = ("utf-8", "utf-8-sig", "cp1250")
CSV_DELIMITERS = (",", ";")


def table_cells() -> st.SearchStrategy[str]:
    """What a cell of an office's spreadsheet may hold: hostile text, numbers and dates
    written every way, empty cells, long cells and NUL."""
    return st.one_of(
        st.just(""),
        hostile_text(),
        st.sampled_from(NUMBER_TEXTS),
        st.sampled_from(DATE_TEXTS),
        st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(
            lambda amount: str(amount).replace(".", ",")
        ),
        st.sampled_from(("x" * 5_000, "Mitrovica\x00", "a\r\nb", '"quoted", "; split"')),
    )


def header_names(spellings: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A column's header: one of a field's real spellings (in any case), or anything."""
    return st.one_of(
        st.sampled_from(spellings),
        st.sampled_from(spellings).map(str.upper),
        st.sampled_from(spellings).map(lambda name: f"{name}:"),
        hostile_text().filter(lambda text: len(text) < 200),
    )


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str) -> bytes:
    """``rows`` as a CSV file an office's Excel might save; characters the encoding has no
    byte for become "?", as Excel writes them."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


# -- user names and passwords, as typed into the sign-in dialogs -------------------------

PASSWORD_TEXTS = (
    "",
    "short",
    "x" * 9,
    "x" * 10,
    "x" * 1024,
    "x" * 1025,
    "\x00" * 12,
    "pässwörd e\u0301 long enough",
    "\u202ecorrect horse\u202c battery",
    " correct horse battery ",
    "Корректна лозинка 2026",
)


def usernames() -> st.SearchStrategy[str]:
    """Names a user may type: ordinary ones (unique, in any case, with spaces around),
    ones that fold together ("STRASSE", "straße"), and hostile text."""
    plain = st.integers(0, 10**6).map(lambda n: f"user{n}")
    return st.one_of(
        plain,
        plain.map(str.upper),
        plain.map(lambda name: f"  {name}\t"),
        plain.map(lambda name: f"{name}\x00"),
        plain.map(lambda name: f"\u202e{name}\u202c"),
        st.sampled_from(("straße", "STRASSE", "ana.maria-1_2", "Đorđe", "Ђорђе", "ǅ", "\u212a")),
        hostile_text(),
    )


def passwords() -> st.SearchStrategy[str]:
    """Passwords: long enough ones, at and past the limits, and hostile text."""
    return st.one_of(
        st.text(_alphabet, min_size=10, max_size=30),
        st.sampled_from(PASSWORD_TEXTS),
        hostile_text(),
    )
