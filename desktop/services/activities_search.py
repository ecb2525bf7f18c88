"""How a page of the activities list finds the activities a search matches, on SQLite.

A search keystroke waits for the list's first page, and two ways lead to it.  The trigram
table (``activities_search``, schema 0005) names the candidates, which are then compared
and sorted: the cost grows with the number of matches (128,000 activities matching
"trajnim" at 1,000,000 took 220 ms, nearly all of it reading and sorting them).  Or the
list reads activities newest first through the start date's index, comparing each key, and
stops at the page's last match: the cost grows with how rare the matches are (a page of a
word that one activity in eight holds reads 1,600 activities).

Reading in order costs about ``wanted × N / M`` rows for M matches among N activities, the
trigram way about M; they meet at ``M = √(wanted × N)`` (14,000 for the first page at
1,000,000).  The trigram table says cheaply which side a search is on: it is asked for at
most that many candidates and answers from its index alone; when it names fewer, those
very rows are the page's candidates, so the trigram table is read once.  Matches need not
be spread evenly over the dates, though (a word in the titles of one year's activities),
so reading in order is bounded: it may look only at the activities up to a start date that
a fixed number of rows, ``READ_AT_MOST``, reaches.  When the page's matches all lie within
that stretch, their ids are the page's candidates; otherwise the trigram way is taken.  The
rows found are the same either way: among rows in the list's order, those up to the bound
all come before those after it.  Only the start date is read so, comparing each key: the
other orders follow what the words say (titles by their first word, the largest events are
of a few types), so a common word's matches may gather at one end of them, and a bounded
read found none of "trajnim" in the first 28,000 activities by title (docs/PERFORMANCE.md).

A common word in another order with an index of its own (the title's keys, the participant
sums: ``INDEXED_SORTS``) is no longer read and sorted candidate by candidate, though, when
that order brings its matches soon enough: the trigram table's candidates become a set
SQLite looks each activity up in as it reads the sort's index in order, and only the
page's rows are read from the table (≈ 0.4 µs an activity against ≈ 2.3 µs a candidate's
row at 1,000,000: "trajnim" by title 340 → 155 ms, by women 340 → 65 ms).  Whether the
matches come soon enough is judged from every thousandth activity (``_sooner_in_order``):
a word whose matches gather at the far end ("trajnim" by the most women first) still
takes the trigram way.

The trigram table is asked for a few trigrams of each word, not all of them: trigrams that
together cover every letter of the word (``covering_trigrams``: "mitrovic" is "mit", "rov",
"vic").  FTS5 intersects the lists of rows of every trigram it is given, and most trigrams
of a word are common ("ovi", "tin"), so every trigram left out saves reading a long list;
the few more candidates it lets through are dropped by the comparison, which every row
found passes anyway.

Words shorter than three letters have no trigram of their own.  Since schema 0013 the
trigram table is fed each key followed by two spaces, so every place a key holds a short
word begins one of the table's trigrams, which its vocabulary (a TEMP ``fts5vocab`` table)
lists by prefix: none means no key holds the word, and the page is empty at once ("zz"
0.4 s → 3 ms at 1,000,000); a few ("q": 16) are looked up as an OR of them, the candidates
then compared like a long word's.  The vocabulary counts each trigram's rows as it lists
it (20 ms for the first 33 beginning with "a" at 100,000), so it is asked only for words
that fewer than ``COMMON_IN_SAMPLE`` of the latest activities hold (``_common``, read
from the date walk's index): common short words are found at once by reading in order.
A short word whose trigrams are too many to list, in another order than by date, is
compared in the narrow index on the keys (``ix_activities_search_key``, read from end to
end without touching the table: 0.4 s at 1,000,000) unless it is common, when the list's
own order finds the page sooner.

Since schema 0013 the walk in date order of an unfiltered list reads
``ix_activities_start_date_key`` (start date, id, key, ``archived_at``): each key is
compared in the index and only the page's rows are read from the table, about eight times
less work a row (``WALK_CHEAPER``), so the trigram table is asked for fewer candidates
before the walk is preferred.

A filter (or the user's scope) that leaves fewer activities than the point where the two
ways meet has them compared at once, read through the filter's index.

PostgreSQL needs none of this: its trigram index serves ``LIKE`` as it is, and its planner
weighs the two plans with its statistics.
"""

import json
import math
from collections.abc import Callable

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity
from desktop.services.listing import TRIGRAM, search_condition, search_words

# The table itself, not the mapped class: the list's SQL is Core (``desktop.services.activities``).
_activities = Activity.__table__

# The sort whose index a page can be read through in order; the list's default.
WALKED_SORT = "start_date"
# Each page read in order looks at no more activities than this many times the point
# where the two ways cost the same (√(wanted × N)).
READ_AT_MOST = 2
# How much cheaper the walk of an unfiltered list compares a key (in the index
# ``ix_activities_start_date_key``, schema 0013: ≈ 0.4 µs) than the trigram way reads a
# candidate's row (≈ 3 µs): the two ways then meet at √(wanted × N / WALK_CHEAPER) matches.
WALK_CHEAPER = 8
# How likely SQLite's planner is told an activity is to lie within the walk's stretch of
# dates: so unlikely that it reads the start date's index even when a filter has an index
# of its own (the type's, ``ix_activities_listed``), which it would otherwise read whole
# (every activity of a type, 83,000 at 1,000,000) and sort by date: 0.25 s.
_WITHIN_LIKELIHOOD = "0.0000001"  # a constant in the SQL, as likelihood() wants
# Short words that match this many of the newest activities are common enough that a
# list read in its own order meets the page's 200 sooner than the keys' index is read
# from end to end (≈ 0.4 s, as long as reading 130,000 activities at 1,000,000).
SAMPLE = 2000
COMMON_IN_SAMPLE = 3

# The sorts other than the date whose key an index holds in the list's order (the title's
# sort keys, schema 0012; the participant sums, 0011): a common word's page can be read
# through it, each activity looked up among the trigram table's candidates.
INDEXED_SORTS = frozenset({"name", "women", "men", "recorded", "total", "incomplete"})
# How many activities, spread evenly over the ids, tell whether that read is the sooner.
SORT_SAMPLE = 1000
# How much cheaper such a read takes an activity (an index entry and a lookup among the
# candidates: ≈ 0.4 µs at 1,000,000 for the title's wide keys) than the trigram way reads
# and sorts a candidate's row (≈ 2.3 µs): measured 6, taken as 4 to stay on the safe side.
SORTED_WALK_CHEAPER = 4

# A short word's trigrams are listed when there are at most this many (a common letter,
# "a", begins hundreds, and listing them counts the rows of each: 20 ms at 100,000).
SHORT_TERMS_AT_MOST = 40

_TRIGRAMS = table("activities_search", column("rowid"), column("activities_search"))
# How many candidates (up to ``enough``) and their ids as a JSON array, built by SQLite:
# the page passes them back as they are, without a Python list of thousands of ids.
_CANDIDATES = text(
    "SELECT count(*), json_group_array(rowid) FROM (SELECT rowid FROM activities_search "
    "WHERE activities_search MATCH :match LIMIT :enough)"
)

# The trigram table's vocabulary, made for the connection when first needed (a TEMP table:
# nothing in the file's schema).
_VOCABULARY = text(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.activities_search_terms "
    "USING fts5vocab(main, activities_search, row)"
)
_TERMS = text(
    "SELECT term FROM temp.activities_search_terms WHERE term >= :low AND term <= :high LIMIT :most"
)
_LAST_CHARACTER = "\U0010ffff"

# ``in_order(search)``: the ids of the activities the list's filters, scope and ``search``
# let through, in the list's order.
InOrder = Callable[[ColumnElement[bool]], Select]


def page_search(
    session: Session,
    typed: str,
    sort: str,
    descending: bool,
    wanted: int,
    in_order: InOrder,
    narrowed: bool = True,
) -> ColumnElement[bool]:
    """The condition of a search for a page that ends with its ``wanted``-th match, on an
    SQLite database (the trigram table's, ``activities_search``, is SQLite's): the
    comparison, over candidates found by reading newest (or oldest) first where that finds
    the page sooner, or else over those the trigram table names (or, for words too short
    for a trigram that are common, the index on the keys).  ``narrowed``: a filter or the
    actor's scope may leave few activities, so they are counted first (a query saved on
    every keystroke of an unfiltered list)."""
    plain = search_condition(_activities.c.search_key, typed, trigrams=False)
    words = search_words(typed)
    match = trigram_match(words)
    short = [word for word in words if len(word) < TRIGRAM]
    common = bool(short) and _common(session, words)
    if short and not common:
        groups = [_terms_beginning(session, word) for word in short]
        if any(group == [] for group in groups):  # no key holds that text
            return false()
        match = _with_terms(match, [group for group in groups if group is not None])
    by_trigrams = _by_the_keys(plain) if match is None else and_(_named_by(match), plain)
    if sort != WALKED_SORT and (match is None or narrowed or sort not in INDEXED_SORTS):
        return plain if match is None and common else by_trigrams
    activities = session.scalar(select(func.max(_activities.c.id))) or 0
    enough = math.isqrt(wanted * activities) + 1
    if sort != WALKED_SORT:
        assert match is not None  # the condition above returned otherwise
        found = session.execute(_CANDIDATES, {"match": match, "enough": enough}).one()
        if found[0] < enough:
            return and_(one_of(found[1]), plain)
        if _sooner_in_order(session, in_order, plain, activities, wanted):
            return and_(_listed_by(match), plain)
        return by_trigrams
    if match is not None:
        # Without a filter the walk compares keys in its index alone (schema 0013), so it
        # is the cheaper way down to fewer matches.
        probed = enough if narrowed else math.isqrt(wanted * activities // WALK_CHEAPER) + 1
        found = session.execute(_CANDIDATES, {"match": match, "enough": probed}).one()
        if found[0] < probed:
            return and_(one_of(found[1]), plain)
    if narrowed and _fewer_than(session, in_order, enough):  # the filters leave a few activities
        return plain
    bound = _start_date_reached(session, descending, READ_AT_MOST * enough)
    if bound is None:  # the whole table is within reach
        return plain if match is None else by_trigrams
    within = _activities.c.start_date >= bound if descending else _activities.c.start_date <= bound
    walked = list(session.scalars(in_order(and_(plain, _likely_few(within))).limit(wanted)))
    if len(walked) >= wanted:
        return and_(one_of(walked), plain)
    return by_trigrams


def covering_trigrams(word: str) -> list[str]:
    """Trigrams of ``word`` that together hold each of its letters: every third one, and
    the last; none for a word shorter than a trigram."""
    if len(word) < TRIGRAM:
        return []
    starts = list(range(0, len(word) - TRIGRAM + 1, TRIGRAM))
    if starts[-1] != len(word) - TRIGRAM:
        starts.append(len(word) - TRIGRAM)
    return [word[start : start + TRIGRAM] for start in starts]


def _quoted(piece: str) -> str:
    """``piece`` as an FTS5 string, none of whose characters FTS5 reads as syntax."""
    return '"{}"'.format(piece.replace('"', '""'))


def trigram_match(words: list[str]) -> str | None:
    """The FTS5 query naming the rows that hold the covering trigrams of every word of
    three letters or more, or ``None`` when no word is that long.  Each trigram is quoted,
    so FTS5 reads none of its characters as syntax."""
    pieces = sorted({piece for word in words for piece in covering_trigrams(word)})
    return " ".join(_quoted(piece) for piece in pieces) or None


def _with_terms(match: str | None, groups: list[list[str]]) -> str | None:
    """``match`` also requiring, of each group, one of its trigrams (each group: the
    trigrams beginning with a short word).  FTS5 reads two strings side by side as both,
    but not a string beside parentheses: the parts are joined by AND."""
    alternatives = [
        "(" + " OR ".join(_quoted(term) for term in group) + ")" for group in sorted(groups)
    ]
    return " AND ".join(([match] if match else []) + alternatives) or None


def _terms_beginning(session: Session, word: str) -> list[str] | None:
    """The trigrams of the table that begin with ``word`` (one or two letters), or ``None``
    when there are more than ``SHORT_TERMS_AT_MOST``.  Since schema 0013 the table is fed
    each key followed by two spaces, so every place a key holds ``word`` begins one of
    them: none means no key holds it.  The vocabulary counts each trigram's rows as it
    lists it, so it is asked only for words the newest activities show to be rare."""
    session.execute(_VOCABULARY)
    terms = list(
        session.scalars(
            _TERMS, {"low": word, "high": word + _LAST_CHARACTER, "most": SHORT_TERMS_AT_MOST + 1}
        )
    )
    return terms if len(terms) <= SHORT_TERMS_AT_MOST else None


def one_of(ids: str | list[int]) -> ColumnElement[bool]:
    """``activities.id`` is one of ``ids`` (a list, or a JSON array of them), passed as one
    parameter however many it holds (SQLite's JSON functions)."""
    listed = func.json_each(ids if isinstance(ids, str) else json.dumps(ids)).table_valued("value")
    return _activities.c.id.in_(select(listed.c.value))


def _named_by(match: str) -> ColumnElement[bool]:
    """The activities the trigram table names for ``match``, from its index alone (it keeps
    no positions, so "abcd" also names a key holding "bcd" and "abc" apart; the comparison
    drops such rows)."""
    return _activities.c.id.in_(
        select(_TRIGRAMS.c.rowid).where(_TRIGRAMS.c.activities_search.match(match))
    )


def _listed_by(match: str) -> ColumnElement[bool]:
    """The activities the trigram table names for ``match``, as a set each activity met in
    the list's order is looked up in (``id + 0`` is no column an index serves, so SQLite's
    planner reads the sort's own index in order rather than the named rows)."""
    return (_activities.c.id + literal_column("0")).in_(
        select(_TRIGRAMS.c.rowid).where(_TRIGRAMS.c.activities_search.match(match))
    )


def _sooner_in_order(
    session: Session,
    in_order: InOrder,
    plain: ColumnElement[bool],
    activities: int,
    wanted: int,
) -> bool:
    """Whether reading the list's own order (its sort's index), each activity looked up
    among the trigram table's candidates, reaches the ``wanted``-th match sooner than
    reading and sorting every candidate's row would, judged from every ``stride``-th
    activity: the sample's matches stand for ``stride`` activities each, and the place in
    the list's order of the one that stands for the ``wanted``-th match, for how far the
    walk reads (the sample's rows are read by id and sorted: a few milliseconds)."""
    stride = max(1, activities // SORT_SAMPLE)
    sample = list(range(stride, activities + 1, stride))
    rows = session.execute(in_order(one_of(sample)).add_columns(plain)).all()
    places = [place for place, (_id, matches) in enumerate(rows, start=1) if matches]
    needed = max(1, math.ceil(wanted / stride))
    if len(places) < needed:
        return False
    return places[needed - 1] <= SORTED_WALK_CHEAPER * len(places)


def _by_the_keys(plain: ColumnElement[bool]) -> ColumnElement[bool]:
    """The activities whose key matches, found by comparing every key in the index on the
    keys alone (a subquery of its own, so SQLite reads that index rather than the table in
    the list's order)."""
    return _activities.c.id.in_(select(_activities.c.id).where(plain).correlate(None))


def _common(session: Session, words: list[str]) -> bool:
    """Whether the words match at least ``COMMON_IN_SAMPLE`` of the ``SAMPLE`` latest
    activities (by start date, from ``ix_activities_start_date_key`` alone since schema
    0013: a millisecond).  A list in another order than by date then finds its page
    soonest by reading that order as it is (the title's or a participant sum's index) and
    comparing each key; rarer words are sooner found through the trigram table's
    vocabulary, or by comparing every key in the keys' own index."""
    latest = (
        select(_activities.c.search_key).order_by(_activities.c.start_date.desc()).limit(SAMPLE)
    )
    newest = latest.subquery()
    in_sample = (newest.c.search_key.contains(word, autoescape=True) for word in words)
    matching = select(func.count()).select_from(newest).where(*in_sample)
    return (session.scalar(matching) or 0) >= COMMON_IN_SAMPLE


def _likely_few(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """``condition``, which SQLite's planner is to take as true of almost no row (its
    ``likelihood()``), so that it reads the index that serves it."""
    return func.likelihood(condition, literal_column(_WITHIN_LIKELIHOOD))


def _fewer_than(session: Session, in_order: InOrder, enough: int) -> bool:
    """Whether the list's filters let fewer than ``enough`` activities through (read from
    the filters' index, at most ``enough`` entries of it): then comparing each of their
    keys is the quickest way to the page."""
    listed = in_order(true()).order_by(None).limit(enough).subquery()
    return (session.scalar(select(func.count()).select_from(listed)) or 0) < enough


def _start_date_reached(session: Session, descending: bool, rows: int) -> object | None:
    """The start date ``rows`` activities into the list's order (from its index alone);
    ``None`` when there are not that many."""
    order = _activities.c.start_date.desc() if descending else _activities.c.start_date.asc()
    return session.scalar(select(_activities.c.start_date).order_by(order).offset(rows).limit(1))
