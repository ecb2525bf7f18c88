"""The bulk of the benchmark office: its activities, the participants counted at each, and
what each activity cost.

Participants are a few counts by gender × age band × community that add up to the people
there; for a small share of activities the sign-in sheet's headcount differs, so the
"incomplete" flag has something to show.  Two expenditures an activity, some invoiced in
dinars or dollars, converted to the grant's euros at the demo's rates, rounded as the
services round.  What the indicators and narratives later report is tallied as the rows
are drawn, so they add up to exactly these rows.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from desktop.domain import Activity, AgeBand, Expenditure, Gender, ParticipantCount
from desktop.domain.activity import ParticipantSums, title_keys
from desktop.domain.search import activity_search_key, expenditure_search_key, search_key_of
from desktop.i18n.translit import cyrillic_to_latin
from desktop.store import demo_content as story
from desktop.store import demo_scale_content as words
from desktop.store.demo import cents
from desktop.store.demo_content import Names
from desktop.store.demo_scale_office import TODAY, Office, OfficeProject, Place
from desktop.store.demo_scale_rows import BATCH, RowWriter, filled, largest_remainders, some

RATES = {code: Decimal(rate) for code, rate in story.RATES.items()}
INCOMPLETE_SHARE = 0.03  # activities whose headcount differs from their breakdown
_UNDER_30 = frozenset({AgeBand.UNDER_18, AgeBand.FROM_18_TO_29})
_NOTHING = [0] * 5


class Tally:
    """Per project, quarter and activity type: activities, participants, women, men and
    people under 30 — what the roll-up indicators and the narratives report."""

    ACTIVITIES, PARTICIPANTS, WOMEN, MEN, YOUTH = range(5)

    def __init__(self) -> None:
        # (project index, quarter) -> activity type id -> the five figures
        self._figures: dict[tuple[int, str], dict[int, list[int]]] = defaultdict(dict)
        self.participants = 0
        self.incomplete = 0

    def of(self, project: int, quarter: str, activity_type: int) -> list[int]:
        """The figures to add an activity to."""
        return self._figures[(project, quarter)].setdefault(activity_type, [0] * 5)

    def get(self, project: int, quarter: str, activity_type: int | None, measure: int) -> int:
        """One figure; for every activity type when ``activity_type`` is None."""
        by_type = self._figures.get((project, quarter), {})
        if activity_type is not None:
            return by_type.get(activity_type, _NOTHING)[measure]
        return sum(figures[measure] for figures in by_type.values())


def write_activities(
    rows: RowWriter,
    rng: random.Random,
    office: Office,
    tally: Tally,
    advance: Callable[[int], None],
) -> None:
    """Every project's share of activities, committed a batch at a time."""
    drawer = _Drawer(rows, rng, office, tally)
    for project in office.projects:
        for _ in range(project.activities):
            drawer.activity(project)
            if len(drawer.activities) == BATCH:
                advance(drawer.flush())
    if drawer.activities:
        advance(drawer.flush())


class _Drawer:
    def __init__(self, rows: RowWriter, rng: random.Random, office: Office, tally: Tally) -> None:
        self.rows = rows
        self.rng = rng
        self.office = office
        self.tally = tally
        self.activities: list[dict[str, Any]] = []
        self.counts: list[dict[str, Any]] = []
        self.expenditures: list[dict[str, Any]] = []
        self._titles: dict[tuple[Any, ...], tuple[Names, str, dict[str, str]]] = {}
        self._keys: dict[tuple[str, str], str] = {}

    def flush(self) -> int:
        written = len(self.activities)
        with self.rows.connection.begin():
            self.rows.insert(Activity, self.activities)
            self.rows.insert(ParticipantCount, self.counts)
            self.rows.insert(Expenditure, self.expenditures)
        self.activities, self.counts, self.expenditures = [], [], []
        return written

    def activity(self, project: OfficeProject) -> None:
        rng = self.rng
        kind = story.ACTIVITY_KINDS[rng.choice(project.kinds)]
        type_id, type_names = self.office.activity_types[kind.activity_type]
        place = rng.choice(project.places)
        start = project.start + timedelta(
            days=rng.randint(0, max(0, (min(project.end, TODAY) - project.start).days))
        )
        days = rng.choices((1, 2, 3), (70, 20, 10))[0]
        prefix = rng.randrange(len(words.ACTIVITY_PREFIXES)) if rng.random() < 0.12 else None
        names, search_key, keys = self._title(kind, place, prefix, rng.random() < 0.5)
        activity_id = self.rows.next_key(Activity)
        figures = self.tally.of(project.index, _quarter(start), type_id)
        sums = self._participants(activity_id, kind, place, figures)
        headcount = sums.recorded
        if rng.random() < INCOMPLETE_SHARE:
            headcount += rng.randint(1, 6)
            self.tally.incomplete += 1
        self.activities.append(
            self.rows.tracked(
                Activity,
                archived_at=None,
                name_en=names.en,
                name_sq=names.sq,
                name_sr=names.sr,
                name_sr_latn=names.sr_latn,
                project_id=project.id,
                activity_type_id=type_id,
                municipality_id=place.id,
                carried_out_by_id=rng.choice(project.partners),
                start_date=start,
                end_date=start + timedelta(days=days - 1),
                venue=kind.venue,
                description=kind.description,
                participants_total=headcount,
                participants_women=sums.women,
                participants_men=sums.men,
                participants_recorded=sums.recorded,
                search_key=search_key,
                **keys,
            )
        )
        language = "sr" if place.code in words.SERB_MAJORITY else "sq"
        for line, what, euros in (words.VENUE_EXPENDITURE, rng.choice(words.EXPENDITURE_KINDS)):
            self.expenditures.append(
                self._expenditure(
                    project,
                    line,
                    f"{what}, {type_names.en}, {place.names.en}",
                    language,
                    euros,
                    start,
                )
            )

    def _title(
        self, kind: story.ActivityKind, place: Place, prefix: int | None, latin: bool
    ) -> tuple[Names, str, dict[str, str]]:
        """The title in every language, the search key and the title's sort keys, built as
        the activities service builds them; few combinations recur, so all are kept."""
        key = (kind.titles, place.code, prefix, latin)
        known = self._titles.get(key)
        if known is None:
            names = filled(kind.titles, latin, m=place.names)
            if prefix is not None:
                before = words.ACTIVITY_PREFIXES[prefix]
                names = Names(
                    before.en + names.en,
                    before.sq + names.sq,
                    before.sr + names.sr,
                    cyrillic_to_latin(before.sr + names.sr) if latin else None,
                )
            by_language = {"en": names.en, "sq": names.sq, "sr": names.sr, "sr_Latn": names.sr_latn}
            known = (
                names,
                activity_search_key(names, kind.venue, place.names),
                title_keys(by_language),
            )
            self._titles[key] = known
        return known

    def _participants(
        self, activity_id: int, kind: story.ActivityKind, place: Place, figures: list[int]
    ) -> ParticipantSums:
        """A few counts by gender × age band × community that add up to the people there;
        their sums, which the activity stores."""
        rng = self.rng
        genders = story.GENDER_MIXES[kind.genders]
        ages = some(rng, story.AGE_MIXES[kind.ages], 2 if rng.random() < 0.4 else 1)
        communities = some(rng, _community_mix(place.code), 2 if rng.random() < 0.4 else 1)
        cells = [
            (gender, age, community, share * age_share * community_share)
            for gender, share in genders.items()
            for age, age_share in ages.items()
            for community, community_share in communities.items()
        ]
        total = rng.randint(*words.PARTICIPANTS_BY_TYPE[kind.activity_type])
        shares = largest_remainders(total, [cell[3] for cell in cells])
        drawn: list[tuple[Gender, int]] = []
        for (gender, age, community, _weight), count in zip(cells, shares, strict=True):
            if not count:
                continue
            drawn.append((gender, count))
            self.counts.append(
                self.rows.tracked(
                    ParticipantCount,
                    activity_id=activity_id,
                    gender=gender,
                    age_band=age,
                    community_id=self.office.communities[community],
                    count=count,
                )
            )
            if gender == Gender.FEMALE:
                figures[Tally.WOMEN] += count
            elif gender == Gender.MALE:
                figures[Tally.MEN] += count
            if age in _UNDER_30:
                figures[Tally.YOUTH] += count
        figures[Tally.ACTIVITIES] += 1
        figures[Tally.PARTICIPANTS] += total
        self.tally.participants += total
        return ParticipantSums.of(drawn)

    def _expenditure_key(self, description: str, supplier: str, invoice: str) -> str:
        """``expenditure_search_key(description, supplier, invoice)``, as the expenditures
        service builds it; folding is letter by letter, so the part every invoice differs in
        is folded alone and the few descriptions and suppliers only once."""
        known = self._keys.get((description, supplier))
        if known is None:
            known = expenditure_search_key(description, supplier, None)
            self._keys[(description, supplier)] = known
        return f"{known} {search_key_of(invoice)}"

    def _expenditure(
        self,
        project: OfficeProject,
        line: str,
        description: str,
        language: str,
        euros: tuple[int, int],
        spent_on: date,
    ) -> dict[str, Any]:
        """Most invoices are in euros; in Serb-majority places most are in dinars (whole
        dinars), and now and then one is in dollars."""
        rng = self.rng
        value = Decimal(rng.randint(euros[0] * 100, euros[1] * 100)) / 100
        draw = rng.random()
        if language == "sr" and draw < 0.7:
            currency, original = "RSD", (value / RATES["RSD"]).quantize(Decimal(1))
        elif draw < 0.04:
            currency, original = "USD", cents(value / RATES["USD"])
        else:
            currency, original = "EUR", value
        number = self.rows.next_key(Expenditure)
        supplier = rng.choice(words.SUPPLIERS[language][line])
        invoice = f"INV-{spent_on:%y}-{number:07d}"
        return self.rows.tracked(
            Expenditure,
            grant_id=project.grant_id,
            budget_line_id=project.lines[line],
            spent_on=spent_on,
            description=description,
            supplier=supplier,
            invoice_reference=invoice,
            search_key=self._expenditure_key(description, supplier, invoice),
            original_currency=currency,
            original_amount=original,
            rate=RATES[currency],
            amount=cents(original * RATES[currency]),
        )


def _community_mix(code: str) -> dict[str, int]:
    """Who comes to an activity in the municipality ``code``, by community."""
    mix = story.COMMUNITY_MIXES.get(code) or words.COMMUNITY_MIXES.get(code)
    if mix:
        return mix
    majority = "serb_majority" if code in words.SERB_MAJORITY else "albanian_majority"
    return words.COMMUNITY_MIXES[majority]


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
