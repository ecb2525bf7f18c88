"""Dates and amounts as offices type them in spreadsheets, whatever the interface language.

A file's cells were typed on someone else's computer, so their format says nothing about
the language CSO Desk is shown in: "15.03.2026", "15/03/2026", "2026-03-15" and
"1.234,50", "1,234.50", "1 234,50 €" are all read here, and anything that could mean two
different things is refused rather than guessed.  Each function raises ``ValueError`` for
text it cannot read; the import says which row and column, in the user's language.

Dates with dots, slashes or hyphens are read day first, as everyone in Kosovo and Serbia
writes them: "03/04/2026" is 3 April.  A date that can only be month first
("12/31/2026", as an American Excel writes it) is refused with a sentence that says so,
never turned round silently.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from desktop.i18n import _

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR_FIRST = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})\.?")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?")  # the Balkans' order
_CURRENCY = re.compile(r"^(€|eur|\$|usd|£|gbp|chf)\s*|\s*(€|eur|\$|usd|£|gbp|chf)$", re.I)
_GROUPING = str.maketrans("", "", " \u00a0\u202f'’")


@lru_cache(maxsize=4096)  # a file's dates recur row after row, and are read twice a row
def read_date(text: str) -> date:
    """A date written day first ("15.03.2026", "15/3/2026", Serbian "15.03.2026.") or
    year first ("2026-03-15"); a spreadsheet's own dates reach here already as ISO."""
    cleaned = text.strip()
    for pattern, order in ((_ISO, "ymd"), (_YEAR_FIRST, "ymd"), (_DAY_FIRST, "dmy")):
        found = pattern.fullmatch(cleaned)
        if found:
            parts = dict(zip(order, map(int, found.groups()), strict=True))
            return date(parts["y"], parts["m"], parts["d"])
    raise ValueError(text)


def date_problem(text: str) -> str:
    """Why ``text`` is not a date ``read_date`` reads, in one sentence for the user."""
    found = _DAY_FIRST.fullmatch(text.strip())
    if found and 1 <= int(found.group(1)) <= 12 < int(found.group(2)) <= 31:
        return _(
            "“{value}” puts the month first; write the day first ({example}) or the year "
            "first (YYYY-MM-DD)."
        ).format(value=text, example=f"{found.group(2)}.{found.group(1)}.{found.group(3)}")
    return _("“{value}” is not a date; write it as 31.12.2026 or 2026-12-31.").format(value=text)


def read_rate(text: str) -> Decimal:
    """An exchange rate ("1,9558", "0.512", "117.5"): unlike an amount, a rate has more
    than two decimals, so a lone comma or point is always its decimal mark."""
    cleaned = text.strip().translate(_GROUPING)
    if cleaned.count(",") + cleaned.count(".") == 1 and re.fullmatch(r"\d+[.,]\d+", cleaned):
        return Decimal(cleaned.replace(",", "."))
    return read_amount(text)


def read_amount(text: str) -> Decimal:
    """An amount with a decimal comma or point and any grouping ("1.234,50", "1,234.50",
    "1 234,5", "€ 980"); a lone separator followed by three digits groups thousands,
    since money has at most two decimals."""
    cleaned = _CURRENCY.sub("", text.strip()).translate(_GROUPING)
    negative = cleaned.startswith("-")
    digits = cleaned.removeprefix("-")
    if not digits or not re.fullmatch(r"[\d.,]+", digits) or not digits[0].isdigit():
        raise ValueError(text)
    commas, points = digits.count(","), digits.count(".")
    if commas and points:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif commas + points == 1:
        separator = "," if commas else "."
        decimal = "" if len(digits) - digits.index(separator) - 1 == 3 else separator
    else:
        decimal = ""  # none, or one separator repeated: groups of thousands
    grouping = {",", "."} - {decimal}
    whole, _, fraction = digits.partition(decimal) if decimal else (digits, "", "")
    if decimal and (decimal in fraction or any(mark in fraction for mark in grouping)):
        raise ValueError(text)
    if any(not group.isdigit() for group in re.split(r"[.,]", whole)):
        raise ValueError(text)
    number = "".join(ch for ch in whole if ch.isdigit())
    try:
        amount = Decimal(f"{number}.{fraction}" if fraction else number)
    except InvalidOperation as error:
        raise ValueError(text) from error
    return -amount if negative else amount
