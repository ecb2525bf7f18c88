"""Serbian Cyrillic to Latin transliteration (the official one-to-one Gaj alphabet).

Translators keep one Serbian catalog, in Cyrillic; the Latin interface and Latin names are
derived from it.  Љ, Њ and Џ become the digraphs Lj, Nj and Dž, written all-capital when
the word around them is all-capital ("ЉУБОВИЈА" -> "LJUBOVIJA", "Љубовија" -> "Ljubovija").
"""

import re

_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip

_TABLE = dict(_LOWER)
_TABLE.update({cyr.upper(): lat.capitalize() for cyr, lat in _LOWER.items()})
_DIGRAPH_CAPITALS = {"Љ", "Њ", "Џ"}
_BY_CODE = {ord(cyrillic): latin for cyrillic, latin in _TABLE.items()}
_SERBIAN_CYRILLIC = re.compile(f"[{''.join(_TABLE)}]")


def _is_upper_letter(char: str) -> bool:
    return char.isalpha() and char.isupper()


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic in ``text``; anything else passes through unchanged."""
    if not text or _SERBIAN_CYRILLIC.search(text) is None:
        return text  # most names shown are Latin: no need to walk them letter by letter
    if _DIGRAPH_CAPITALS.isdisjoint(text):
        return text.translate(_BY_CODE)  # no letter whose case depends on its neighbours
    out: list[str] = []
    last = len(text) - 1
    for i, char in enumerate(text):
        latin = _TABLE.get(char)
        if latin is None:
            out.append(char)
        elif char in _DIGRAPH_CAPITALS:
            # "ЉУ" is all-capital; "Љу" or a lone "Љ" is a capital initial.
            neighbour_upper = (i < last and _is_upper_letter(text[i + 1])) or (
                i > 0 and _is_upper_letter(text[i - 1]) and (i == last or not text[i + 1].isalpha())
            )
            out.append(latin.upper() if neighbour_upper else latin)
        else:
            out.append(latin)
    return "".join(out)


def contains_cyrillic(text: str) -> bool:
    """True when ``text`` holds a Cyrillic letter (used to prove Latin output stays Latin)."""
    return any("\u0400" <= char <= "\u04ff" for char in text)
