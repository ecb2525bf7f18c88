"""Serbian has three plural forms, chosen by the last two digits; Albanian has two.

Each count is checked against the form a Serbian reader expects (1, 21, 101: "пројекат";
2, 22, 104: "пројекта"; 5, 11, 12, 25, 111, 112: "пројеката"), read from the shipped
catalog by Babel, independently of the application's own reader, and through the
application's ``ngettext`` in Cyrillic and Latin.
"""

import pytest
from babel.messages.pofile import read_po

import desktop.resources
from desktop.i18n import translator_for
from desktop.i18n.catalog import po_path
from desktop.i18n.translit import contains_cyrillic, cyrillic_to_latin

ONE, FEW, MANY = 0, 1, 2
SERBIAN_FORMS = {
    1: ONE,
    2: FEW,
    4: FEW,
    5: MANY,
    11: MANY,
    12: MANY,
    14: MANY,
    21: ONE,
    22: FEW,
    25: MANY,
    101: ONE,
    104: FEW,
    111: MANY,
    112: MANY,
    1000: MANY,
}
MESSAGES = [
    ("{count} project", "{count} projects"),
    ("{count} case", "{count} cases"),
    ("{count} entry", "{count} entries"),
    ("{count} activity", "{count} activities"),
    ("{count} participant", "{count} participants"),
]
# What a Serbian reader writes, for the message whose three forms all differ.
PROJECTS = {ONE: "пројекат", FEW: "пројекта", MANY: "пројеката"}
PROJECTS_LATIN = {ONE: "projekat", FEW: "projekta", MANY: "projekata"}


def shipped_forms(code: str, singular: str) -> tuple[str, ...]:
    with po_path(desktop.resources.I18N_DIR, code).open("rb") as handle:
        catalog = read_po(handle)
    message = catalog.get(singular)
    assert message is not None, singular
    assert isinstance(message.string, tuple)
    return message.string


@pytest.mark.parametrize(("count", "form"), sorted(SERBIAN_FORMS.items()))
def test_serbian_projects_take_the_form_of_their_count(count: int, form: int) -> None:
    cyrillic = translator_for("sr").ngettext("{count} project", "{count} projects", count)
    latin = translator_for("sr_Latn").ngettext("{count} project", "{count} projects", count)
    assert cyrillic.format(count=count) == f"{count} {PROJECTS[form]}"
    assert latin.format(count=count) == f"{count} {PROJECTS_LATIN[form]}"


@pytest.mark.parametrize(("singular", "plural"), MESSAGES)
@pytest.mark.parametrize(("count", "form"), sorted(SERBIAN_FORMS.items()))
def test_serbian_messages_pick_the_catalogs_form(
    singular: str, plural: str, count: int, form: int
) -> None:
    forms = shipped_forms("sr", singular)
    assert len(forms) == 3
    shown = translator_for("sr").ngettext(singular, plural, count)
    assert shown == forms[form]
    latin = translator_for("sr_Latn").ngettext(singular, plural, count)
    assert latin == cyrillic_to_latin(forms[form])
    assert not contains_cyrillic(latin)


def test_the_three_serbian_forms_are_told_apart() -> None:
    """Were the rule wrong (the English one, say), 2 and 5 would share a form."""
    t = translator_for("sr")
    shown = {t.ngettext("{count} case", "{count} cases", n).format(count=n) for n in (1, 2, 5)}
    assert shown == {"1 случај", "2 случаја", "5 случајева"}


@pytest.mark.parametrize(("count", "form"), [(1, 0), (2, 1), (5, 1), (11, 1), (21, 1)])
@pytest.mark.parametrize(("singular", "plural"), MESSAGES)
def test_albanian_has_one_and_many(singular: str, plural: str, count: int, form: int) -> None:
    forms = shipped_forms("sq", singular)
    assert len(forms) == 2
    assert translator_for("sq").ngettext(singular, plural, count) == forms[form]


def test_albanian_activities() -> None:
    t = translator_for("sq")
    shown = [
        t.ngettext("{count} activity", "{count} activities", n).format(count=n) for n in (1, 2)
    ]
    assert shown == ["1 aktivitet", "2 aktivitete"]
