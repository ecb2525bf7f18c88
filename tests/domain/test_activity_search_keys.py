"""An activity's search key holds each folded word once, and finds what the whole key did.

A Serbian title folds to the same words in Cyrillic and in Latin, and a municipality's
names share theirs; the key keeps each word at its first place (``distinct_words``)."""

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.domain.activity import Activity
from desktop.domain.search import activity_search_key, distinct_words, search_key_of
from desktop.i18n.folding import fold
from desktop.services.activities import ActivityService
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from tests.services.test_activities import Setting

TITLES = {
    "name_en": "Dialogue on safety in Zvečan",
    "name_sq": "Dialog për sigurinë në Zveçan",
    "name_sr": "Дијалог о безбедности у Звечану",
    "name_sr_latn": "Dijalog o bezbednosti u Zvečanu",
}


def test_a_title_in_cyrillic_and_latin_is_stored_once_and_found_by_every_word(
    db: Database,
) -> None:
    setting = Setting(db)
    service = ActivityService(db)
    activity_id = service.create(setting.form(**TITLES))
    with db.transaction() as session:
        key = session.scalar(select(Activity.search_key).where(Activity.id == activity_id))
    assert key is not None
    words = key.split()
    assert len(words) == len(set(words))
    assert words.count("bezbednosti") == 1 and words.count("zvecan") == 1
    every_word = {word for title in TITLES.values() for word in fold(title).split()}
    every_word |= set(fold("Municipal assembly hall").split())
    for word in sorted(every_word):
        found = [row.id for row in service.page(ListQuery(search=word))]
        assert found == [activity_id], word


def test_an_activitys_key_matches_the_words_of_the_whole_key() -> None:
    names = list(TITLES.values())
    places = ["Zvečan/Zvečan", "Zveçan", "Звечан", "Zvečan"]
    whole = search_key_of(*names, "Hall", *places)
    key = activity_search_key(names, "Hall", places)
    assert set(key.split()) == set(whole.split())
    assert len(key) < len(whole) * 0.8


@given(st.text(alphabet=st.sampled_from("ab cž\tЖ–/"), max_size=40))
def test_distinct_words_keeps_each_word_once_in_its_first_place(text: str) -> None:
    key = distinct_words(text)
    words = key.split()
    assert len(words) == len(set(words))
    assert words == list(dict.fromkeys(text.split()))
    assert key == " ".join(words)
