"""Text as XML 1.0 can hold it.

XML 1.0 forbids most control characters (even escaped), lone surrogates and U+FFFE/FFFF;
lxml refuses to write them.  What a user typed long ago, or pasted from a PDF, may hold
one, and it must not stop the export: such characters are dropped, everything else kept.
"""

import re
from decimal import Decimal

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str | None) -> str:
    """``value`` without the characters XML 1.0 forbids, its ends stripped ("" for None)."""
    if not value:
        return ""
    return _FORBIDDEN.sub("", value).strip()


def decimal_text(value: Decimal) -> str:
    """A Decimal as xsd:decimal writes it: plain digits, never an exponent or a float's
    rounding ("1E+3" is no xsd:decimal)."""
    return format(value, "f")
