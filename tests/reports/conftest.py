"""A realistic quarterly report of a Kosovo community-safety project, in each report language.

Names are given per language the way the services resolve them: Albanian names in the
Albanian report, Serbian Cyrillic in the Serbian one, and the official bilingual
municipality names ("Prishtinë/Priština") in English.  The English report also lists a
research output published under its Serbian Cyrillic title, so one report holds
"Prishtinë", "Priština" and "Приштина" together.
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop.reports.data import (
    ActivityRow,
    BudgetRow,
    IndicatorRow,
    QuarterlyReport,
    ResearchRow,
)

CONTRACT_NUMBER = "NDICI/2024/451-117"

MUNICIPALITIES = {
    "sq": ["Prishtinë", "Mitrovicë e Veriut", "Graçanicë", "Zveçan", "Gjilan"],
    "sr": ["Приштина", "Северна Митровица", "Грачаница", "Звечан", "Гњилане"],
    "sr_Latn": ["Priština", "Severna Mitrovica", "Gračanica", "Zvečan", "Gnjilane"],
    "en": [
        "Prishtinë/Priština",
        "Mitrovicë e Veriut/Severna Mitrovica",
        "Graçanicë/Gračanica",
        "Zveçan/Zvečan",
        "Gjilan/Gnjilane",
    ],
}

TEXTS: dict[str, dict[str, str | list[str]]] = {
    "sq": {
        "title": "Komunitete më të sigurta: forcimi i KKSB-ve dhe i shoqërisë civile për "
        "kontrollin e armëve të vogla",
        "donor": "Zyra e Bashkimit Evropian në Kosovë",
        "lead": "Rrjeti për Paqe dhe Siguri",
        "partners": ["Qendra për Siguri në Bashkësi", "OJQ Zajedno (Graçanicë)"],
        "types": ["Konsultim publik", "Trajnim", "Takim dialogu", "Fushatë"],
        "activities": [
            "Konsultim publik për strategjinë kombëtare të kontrollit të AVL-ve",
            "Trajnim për hulumtim në komuna për stafin e OShC-ve",
            "Takim dialogu ndërmjet policisë dhe komuniteteve",
            "Takim i KKSB-së për planin e veprimit",
        ],
        "summary": "Në këtë tremujor projekti mbështeti pesë KKSB që të konsultojnë "
        "komunitetet dhe të hartojnë planet e veprimit.\n\nStafi i OShC-ve partnere "
        "përfundoi trajnimin për hulumtim dhe publikoi dy produkte hulumtuese.",
        "challenges": "Tensionet në veri e shtynë një takim dialogu për dy javë.",
        "next": "Konsultimi publik i dytë për strategjinë e AVL-ve me ministrinë.",
        "indicators": [
            "KKSB që kanë miratuar plan veprimi",
            "Pjesëmarrës në takime dialogu (gra)",
            "Rekomandime të politikave të pranuara nga institucionet",
        ],
        "units": ["komuna", "persona", "rekomandime"],
        "headings": [
            "1. Burimet njerëzore",
            "2. Udhëtimet",
            "3. Pajisjet dhe furnizimet",
            "5. Kosto të tjera, shërbime",
            "7. Kosto indirekte",
        ],
        "research": [
            "Siguria në bashkësi në Prishtinë dhe Graçanicë",
            "Armët e vogla në komunat e veriut",
        ],
        "research_types": ["Raport hulumtues", "Përmbledhje e politikave"],
    },
    "sr": {
        "title": "Безбедније заједнице: јачање ОСБЗ и цивилног друштва у контроли малог "
        "и лаког оружја",
        "donor": "Канцеларија Европске уније на Косову",
        "lead": "Мрежа за мир и безбедност",
        "partners": ["Центар за безбедност заједнице", "НВО Заједно (Грачаница)"],
        "types": ["Јавна консултација", "Обука", "Дијалошки скуп", "Кампања"],
        "activities": [
            "Јавна консултација о националној стратегији контроле МЛО",
            "Обука особља ОЦД за истраживање у општинама",
            "Дијалошки скуп полиције и заједница",
            "Састанак ОСБЗ о акционом плану",
        ],
        "summary": "У овом тромесечју пројекат је подржао пет ОСБЗ да консултују заједнице "
        "и израде акционе планове.\n\nОсобље партнерских ОЦД завршило је обуку за "
        "истраживање и објавило два истраживачка производа.",
        "challenges": "Тензије на северу одложиле су један дијалошки скуп за две недеље.",
        "next": "Друга јавна консултација о стратегији МЛО са министарством.",
        "indicators": [
            "ОСБЗ који су усвојили акциони план",
            "Учесници дијалошких скупова (жене)",
            "Препоруке политика које су институције прихватиле",
        ],
        "units": ["општине", "особе", "препоруке"],
        "headings": [
            "1. Људски ресурси",
            "2. Путовања",
            "3. Опрема и потрошни материјал",
            "5. Остали трошкови, услуге",
            "7. Индиректни трошкови",
        ],
        "research": [
            "Безбедност заједнице у Приштини и Грачаници",
            "Мало оружје у северним општинама",
        ],
        "research_types": ["Истраживачки извештај", "Сажетак политике"],
    },
    "sr_Latn": {
        "title": "Bezbednije zajednice: jačanje OSBZ i civilnog društva u kontroli malog "
        "i lakog oružja",
        "donor": "Kancelarija Evropske unije na Kosovu",
        "lead": "Mreža za mir i bezbednost",
        "partners": ["Centar za bezbednost zajednice", "NVO Zajedno (Gračanica)"],
        "types": ["Javna konsultacija", "Obuka", "Dijaloški skup", "Kampanja"],
        "activities": [
            "Javna konsultacija o nacionalnoj strategiji kontrole MLO",
            "Obuka osoblja OCD za istraživanje u opštinama",
            "Dijaloški skup policije i zajednica",
            "Sastanak OSBZ o akcionom planu",
        ],
        "summary": "U ovom tromesečju projekat je podržao pet OSBZ da konsultuju zajednice "
        "i izrade akcione planove.\n\nOsoblje partnerskih OCD završilo je obuku za "
        "istraživanje i objavilo dva istraživačka proizvoda.",
        "challenges": "Tenzije na severu odložile su jedan dijaloški skup za dve nedelje.",
        "next": "Druga javna konsultacija o strategiji MLO sa ministarstvom.",
        "indicators": [
            "OSBZ koji su usvojili akcioni plan",
            "Učesnici dijaloških skupova (žene)",
            "Preporuke politika koje su institucije prihvatile",
        ],
        "units": ["opštine", "osobe", "preporuke"],
        "headings": [
            "1. Ljudski resursi",
            "2. Putovanja",
            "3. Oprema i potrošni materijal",
            "5. Ostali troškovi, usluge",
            "7. Indirektni troškovi",
        ],
        "research": [
            "Bezbednost zajednice u Prištini i Gračanici",
            "Malo oružje u severnim opštinama",
        ],
        "research_types": ["Istraživački izveštaj", "Sažetak politike"],
    },
    "en": {
        "title": "Safer Communities: strengthening MCSCs and civil society on small-arms control",
        "donor": "European Union Office in Kosovo",
        "lead": "Peace and Safety Network",
        "partners": ["Centre for Community Safety", "NGO Zajedno (Graçanicë/Gračanica)"],
        "types": ["Public consultation", "Training", "Dialogue event", "Campaign"],
        "activities": [
            "Public consultation on the national SALW control strategy",
            "Training of CSO staff in municipal research",
            "Dialogue event between police and communities",
            "MCSC meeting on the action plan",
        ],
        "summary": "This quarter the project supported five MCSCs to consult communities "
        "and draft their action plans.\n\nStaff of the partner CSOs completed their "
        "research training and published two research outputs.",
        "challenges": "Tensions in the north postponed one dialogue event by two weeks.",
        "next": "A second public consultation on the SALW strategy with the ministry.",
        "indicators": [
            "MCSCs that have adopted an action plan",
            "Participants in dialogue events (women)",
            "Policy recommendations taken up by institutions",
        ],
        "units": ["municipalities", "people", "recommendations"],
        "headings": [
            "1. Human resources",
            "2. Travel",
            "3. Equipment and supplies",
            "5. Other costs, services",
            "7. Indirect costs",
        ],
        "research": [
            "Безбедност заједнице: Приштина и Грачаница",
            "Small arms in the northern municipalities",
        ],
        "research_types": ["Research report", "Policy brief"],
    },
}


def build_report(language: str, activity_count: int = 90) -> QuarterlyReport:
    """The 2026-Q1 report of an EU-funded project, with enough activities for several pages."""
    text = TEXTS[language]
    municipalities = MUNICIPALITIES[language]
    activities = [
        ActivityRow(
            start=date(2026, 1, 5) + timedelta(days=index * 80 // activity_count),
            end=date(2026, 1, 5) + timedelta(days=index * 80 // activity_count + index % 3),
            title=text["activities"][index % 4],
            activity_type=text["types"][index % 4],
            municipality=municipalities[index % len(municipalities)],
            women=8 + index % 11,
            men=6 + index % 7,
            other=1 if index % 10 == 0 else 0,
        )
        for index in range(activity_count)
    ]
    indicators = [
        IndicatorRow(
            "1.1",
            text["indicators"][0],
            text["units"][0],
            Decimal(0),
            Decimal(5),
            Decimal(2),
            Decimal(3),
        ),
        IndicatorRow(
            "1.2",
            text["indicators"][1],
            text["units"][1],
            None,
            Decimal(400),
            Decimal(260),
            Decimal(455),
        ),
        IndicatorRow(
            "2.1", text["indicators"][2], text["units"][2], Decimal(0), Decimal(6), None, None
        ),
    ]
    amounts = [
        ("96000.00", "12400.50", "41250.00"),
        ("18500.00", "2310.40", "6120.75"),
        ("12000.00", "0.00", "11800.00"),
        ("54250.00", "9875.25", "19430.10"),
        ("12670.00", "1727.00", "5468.00"),
    ]
    budget = [
        BudgetRow(heading, Decimal(total), Decimal(period), Decimal(to_date))
        for heading, (total, period, to_date) in zip(text["headings"], amounts, strict=True)
    ]
    research = [
        ResearchRow(
            text["research"][0], text["research_types"][0], "A. Krasniqi, M. Jovanović", None
        ),
        ResearchRow(
            text["research"][1], text["research_types"][1], "D. Berisha", date(2026, 3, 12)
        ),
    ]
    return QuarterlyReport(
        language=language,
        project_title=text["title"],
        project_code="CSK-2025-03",
        contract_number=CONTRACT_NUMBER,
        donor=text["donor"],
        lead_organisation=text["lead"],
        partners=list(text["partners"]),
        period_label="2026-Q1",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        project_start=date(2025, 4, 1),
        project_end=date(2027, 3, 31),
        currency="EUR",
        municipalities=list(municipalities),
        summary=text["summary"],
        activities=activities,
        indicators=indicators,
        budget=budget,
        research=research,
        challenges=text["challenges"],
        next_steps=text["next"],
        generated_on=date(2026, 4, 14),
    )


@pytest.fixture
def make_report() -> Callable[..., QuarterlyReport]:
    return build_report


# Text a user can type, paste or import that has broken reportlab documents elsewhere.
HOSTILE_TEXTS = {
    "ampersand": "R&D < 5",
    "open-tag": "a<b",
    "unclosed-bold": "<b>unclosed",
    "para-tag": "<para>",
    "closing-tag": "</para></font>",
    "entities": "&amp; &#x41; &nbsp; &bogus;",
    "braces": "{page} {0} {",
    "controls": "ctrl\x00\x01\x0b\x0c\x1b\x7f\x85 chars",
    "long-word": "x" * 5000,
    "emoji": "😀 🇽🇰 👩‍👩‍👧",
    "right-to-left": "שלום עולם مرحبا بالعالم",
    "empty": "",
    "blank": " \t \n ",
    "line-breaks": "one\r\ntwo\rthree\u2028four\n\n\nfive",
    "lone-surrogate": "half \ud800 a pair",
    "direction-marks": "\u202edesrever\u202c \u2066isolated\u2069 \ufeffbom",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that asks for ``hostile_text`` once per hostile text."""
    if "hostile_text" in metafunc.fixturenames:
        metafunc.parametrize("hostile_text", list(HOSTILE_TEXTS.values()), ids=list(HOSTILE_TEXTS))
