"""``clean_text`` returns a printable text merely stripped, without looking at each
character; for every text it must give what the character-by-character filter it replaced
gave, which is kept here as the reference."""

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.services.validation import clean_text

_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _reference(value: str | None) -> str:
    """``clean_text`` as it was before the fast path (commit 2ae4e89)."""
    if value is None:
        return ""
    kept = "".join(ch for ch in str(value) if (ch in "\n\t" or ch >= " ") and ch not in _OVERRIDES)
    return kept.strip()


_AWKWARD = st.sampled_from(
    [
        "\x00",
        "\x01",
        "\x1f",
        "\x7f",
        "\x85",
        "\x9f",
        "\t",
        "\n",
        "\r",
        "\x0b",
        "\x0c",
        " ",
        "\xa0",
        "\u2000",
        "\u2028",
        "\u2029",
        "\u3000",
        "\u200b",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u061c",
        "\ufeff",
        "\u0301",
        "\ue000",
        "\U000f0000",
        "\ufffe",
        "ë",
        "ç",
        "Љ",
        "ђ",
        "Ω",
        "ع",
        "中",
        "😀",
        "a",
        "Z",
        "1",
        "-",
    ]
)
_TEXTS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.lists(st.one_of(_AWKWARD, st.characters(blacklist_categories=("Cs",))), max_size=25).map(
        "".join
    ),
)


@settings(max_examples=2000, deadline=None)
@given(text=_TEXTS)
def test_clean_text_keeps_what_the_filter_kept(text: str) -> None:
    assert clean_text(text) == _reference(text)


def test_clean_text_drops_controls_and_overrides_and_strips() -> None:
    assert clean_text("  Trajnim\x00 për\u202e gra \n") == "Trajnim për gra"
    assert clean_text("\u2066Prishtinë\u2069") == "Prishtinë"
    assert clean_text("\xa0Gjakovë\u3000") == "Gjakovë"
    assert clean_text("two\nlines\tand a tab ") == "two\nlines\tand a tab"
    assert clean_text(None) == ""
    assert clean_text(12) == "12"
