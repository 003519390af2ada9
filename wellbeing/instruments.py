"""Published wellbeing instruments, their items and their published scoring.

Pure module: no Django imports. The check-in forms, the loaders and the
dashboards all read the questions and the scoring rules from here, so a scale
is scored in exactly one way everywhere.

Instruments
-----------
* ``cbi`` — Copenhagen Burnout Inventory, work-related and client-related
  scales. Kristensen TS, Borritz M, Villadsen E, Christensen KB (2005). The
  Copenhagen Burnout Inventory: a new tool for the assessment of burnout.
  Work & Stress 19(3):192-207. doi:10.1080/02678370500297720. Free to use.
  We ask about "customers" where the original says "clients".
* ``who5`` — WHO-5 Well-Being Index (WHO Regional Office for Europe, 1998);
  Topp CW, Østergaard SD, Søndergaard S, Bech P (2015). The WHO-5 Well-Being
  Index: a systematic review of the literature. Psychother Psychosom
  84(3):167-176. doi:10.1159/000376585. Free to use.
* ``sib`` — single-item burnout measure. Rohland BM, Kruse GR, Rohrer JE
  (2004). Validation of a single-item measure of burnout against the Maslach
  Burnout Inventory among physicians. Stress and Health 20(2):75-79.
  doi:10.1002/smi.1002.

Answer coding
-------------
An answer is the integer ``Option.value`` of the chosen option:

* CBI: 0..4 = intensity; 4 is "To a very high degree" / "Always", 0 is
  "To a very low degree" / "Never/almost never". Published points are
  ``value * 25`` (100/75/50/25/0); a reverse-scored item gets
  ``100 - value * 25``.
* WHO-5: 0..5 exactly as published (5 = "All of the time").
* Single item: 1..5 exactly as published.

Translations
------------
English texts are the published wording. Russian and Polish texts are an
unofficial translation by the Steady team: they have not been validated and
are not the official translations of the instruments' authors.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

LANGUAGES: tuple[str, ...] = ("en", "ru", "pl")

#: CBI scale score at or above which burnout is "high": the cut-off used in the
#: PUMA study (Borritz M et al. 2006, Scand J Public Health 34:49-58) and since.
CBI_HIGH_LINE: float = 50.0
#: WHO-5 percentage score at or below which wellbeing is poor and screening
#: for depression is indicated (Topp et al. 2015).
WHO5_LOW_LINE: float = 50.0
#: WHO-5 score at or below which depression is likely (Topp et al. 2015).
#: Steady never screens individuals, so only WHO5_LOW_LINE drives warnings.
WHO5_DEPRESSION_LINE: float = 28.0
#: Single-item burnout answer at or above which a person reports one or more
#: symptoms of burnout (Rohland et al. 2004: 3 = "I am definitely burning out").
SIB_BURNOUT_LINE: int = 3

SCORING_MEAN_POINTS = "mean_points"
SCORING_SUM_TIMES_FOUR = "sum_times_four"
SCORING_SINGLE = "single"

CONCERN_HIGH = "high"
CONCERN_LOW = "low"


def _texts(en: str, ru: str, pl: str) -> Mapping[str, str]:
    return MappingProxyType({"en": en, "ru": ru, "pl": pl})


@dataclass(frozen=True)
class Option:
    """One response option: the integer stored as the answer and its labels."""

    value: int
    labels: Mapping[str, str]


@dataclass(frozen=True)
class OptionSet:
    """The response options of an item, in the published display order."""

    code: str
    options: tuple[Option, ...]

    @property
    def values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.options)


@dataclass(frozen=True)
class Item:
    """One question. ``code`` is unique across all instruments."""

    code: str
    texts: Mapping[str, str]
    options: OptionSet
    reverse: bool = False


@dataclass(frozen=True)
class Scale:
    """How a set of items becomes one score.

    ``line`` and ``concern`` give the published cut-off: for ``concern ==
    "high"`` a value at or above the line is of concern, for ``"low"`` a value
    at or below it. ``line is None`` means there is no published cut-off
    (pulse scales), so no "share above the line" is ever computed for it.
    """

    code: str
    name: str
    items: tuple[str, ...]
    method: str
    min_answered: int
    minimum: float
    maximum: float
    published: bool = True
    line: float | None = None
    concern: str | None = None


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: items, instructions and the scales it yields."""

    code: str
    name: str
    citation: str
    instructions: Mapping[str, str]
    items: tuple[Item, ...]
    scales: tuple[Scale, ...]
    published: bool = True

    @property
    def item_codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)


# --- Copenhagen Burnout Inventory -------------------------------------------
# Option labels follow the PUMA questionnaire (Kristensen et al. 2005, appendix).
# ru/pl: unofficial translation by the Steady team.

CBI_DEGREE = OptionSet(
    code="cbi_degree",
    options=(
        Option(
            4, _texts("To a very high degree", "В очень большой степени", "W bardzo dużym stopniu")
        ),
        Option(3, _texts("To a high degree", "В большой степени", "W dużym stopniu")),
        Option(2, _texts("Somewhat", "Отчасти", "Po części")),
        Option(1, _texts("To a low degree", "В небольшой степени", "W niewielkim stopniu")),
        Option(
            0,
            _texts(
                "To a very low degree", "В очень небольшой степени", "W bardzo niewielkim stopniu"
            ),
        ),
    ),
)
CBI_FREQUENCY = OptionSet(
    code="cbi_frequency",
    options=(
        Option(4, _texts("Always", "Всегда", "Zawsze")),
        Option(3, _texts("Often", "Часто", "Często")),
        Option(2, _texts("Sometimes", "Иногда", "Czasami")),
        Option(1, _texts("Seldom", "Редко", "Rzadko")),
        Option(
            0, _texts("Never/almost never", "Никогда или почти никогда", "Nigdy lub prawie nigdy")
        ),
    ),
)

# ru/pl: unofficial translation by the Steady team.
CBI_WORK_ITEMS: tuple[Item, ...] = (
    Item(
        "cbi_w1",
        _texts(
            "Is your work emotionally exhausting?",
            "Эмоционально изматывает ли вас ваша работа?",
            "Czy Twoja praca jest wyczerpująca emocjonalnie?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_w2",
        _texts(
            "Do you feel burnt out because of your work?",
            "Чувствуете ли вы выгорание из-за своей работы?",
            "Czy odczuwasz wypalenie z powodu swojej pracy?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_w3",
        _texts(
            "Does your work frustrate you?",
            "Вызывает ли у вас работа чувство досады и бессилия?",
            "Czy Twoja praca Cię frustruje?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_w4",
        _texts(
            "Do you feel worn out at the end of the working day?",
            "Чувствуете ли вы себя вымотанными к концу рабочего дня?",
            "Czy pod koniec dnia pracy czujesz się wyczerpany(-a)?",
        ),
        CBI_FREQUENCY,
    ),
    Item(
        "cbi_w5",
        _texts(
            "Are you exhausted in the morning at the thought of another day at work?",
            "Чувствуете ли вы утром опустошение при мысли о ещё одном рабочем дне?",
            "Czy rano czujesz się wyczerpany(-a) na myśl o kolejnym dniu w pracy?",
        ),
        CBI_FREQUENCY,
    ),
    Item(
        "cbi_w6",
        _texts(
            "Do you feel that every working hour is tiring for you?",
            "Кажется ли вам, что каждый рабочий час вас утомляет?",
            "Czy masz poczucie, że każda godzina pracy jest dla Ciebie męcząca?",
        ),
        CBI_FREQUENCY,
    ),
    # Reverse-scored in the published scoring: "Always" scores 0.
    Item(
        "cbi_w7",
        _texts(
            "Do you have enough energy for family and friends during leisure time?",
            "Хватает ли вам сил на семью и друзей в свободное время?",
            "Czy w czasie wolnym masz dość energii dla rodziny i przyjaciół?",
        ),
        CBI_FREQUENCY,
        reverse=True,
    ),
)

# "clients" in the original; "customers" here (customer support).
# ru/pl: unofficial translation by the Steady team.
CBI_CLIENT_ITEMS: tuple[Item, ...] = (
    Item(
        "cbi_c1",
        _texts(
            "Do you find it hard to work with customers?",
            "Трудно ли вам работать с клиентами?",
            "Czy praca z klientami jest dla Ciebie trudna?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_c2",
        _texts(
            "Do you find it frustrating to work with customers?",
            "Вызывает ли у вас работа с клиентами чувство досады и бессилия?",
            "Czy praca z klientami Cię frustruje?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_c3",
        _texts(
            "Does it drain your energy to work with customers?",
            "Отнимает ли у вас силы работа с клиентами?",
            "Czy praca z klientami odbiera Ci energię?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_c4",
        _texts(
            "Do you feel that you give more than you get back when you work with customers?",
            "Есть ли у вас ощущение, что в работе с клиентами вы отдаёте больше, "
            "чем получаете взамен?",
            "Czy masz poczucie, że w pracy z klientami dajesz z siebie więcej, "
            "niż dostajesz w zamian?",
        ),
        CBI_DEGREE,
    ),
    Item(
        "cbi_c5",
        _texts(
            "Are you tired of working with customers?",
            "Устали ли вы от работы с клиентами?",
            "Czy jesteś zmęczony(-a) pracą z klientami?",
        ),
        CBI_FREQUENCY,
    ),
    Item(
        "cbi_c6",
        _texts(
            "Do you sometimes wonder how long you will be able to continue working with customers?",
            "Задумываетесь ли вы иногда, как долго ещё сможете работать с клиентами?",
            "Czy zdarza Ci się zastanawiać, jak długo jeszcze dasz radę pracować z klientami?",
        ),
        CBI_FREQUENCY,
    ),
)

# Published rule: the scale score is the mean of the answered items; a
# respondent who answered fewer than half the items (fewer than 4 of 7, fewer
# than 3 of 6) is a non-responder for that scale.
CBI_WORK = Scale(
    code="cbi_work",
    name="CBI work-related burnout",
    items=tuple(item.code for item in CBI_WORK_ITEMS),
    method=SCORING_MEAN_POINTS,
    min_answered=math.ceil(len(CBI_WORK_ITEMS) / 2),
    minimum=0.0,
    maximum=100.0,
    line=CBI_HIGH_LINE,
    concern=CONCERN_HIGH,
)
CBI_CLIENT = Scale(
    code="cbi_client",
    name="CBI customer-related burnout",
    items=tuple(item.code for item in CBI_CLIENT_ITEMS),
    method=SCORING_MEAN_POINTS,
    min_answered=math.ceil(len(CBI_CLIENT_ITEMS) / 2),
    minimum=0.0,
    maximum=100.0,
    line=CBI_HIGH_LINE,
    concern=CONCERN_HIGH,
)

CBI = Instrument(
    code="cbi",
    name="Copenhagen Burnout Inventory (work- and customer-related burnout)",
    citation=(
        "Kristensen TS, Borritz M, Villadsen E, Christensen KB. The Copenhagen Burnout "
        "Inventory: a new tool for the assessment of burnout. Work & Stress. "
        "2005;19(3):192-207. doi:10.1080/02678370500297720"
    ),
    instructions=_texts(
        "Please answer each question about your work.",
        "Пожалуйста, ответьте на каждый вопрос о вашей работе.",
        "Odpowiedz, proszę, na każde pytanie dotyczące Twojej pracy.",
    ),
    items=CBI_WORK_ITEMS + CBI_CLIENT_ITEMS,
    scales=(CBI_WORK, CBI_CLIENT),
)

# --- WHO-5 Well-Being Index ---------------------------------------------------
# ru/pl: unofficial translation by the Steady team.

WHO5_OPTIONS = OptionSet(
    code="who5_frequency",
    options=(
        Option(5, _texts("All of the time", "Всё время", "Przez cały czas")),
        Option(4, _texts("Most of the time", "Большую часть времени", "Przez większość czasu")),
        Option(
            3,
            _texts(
                "More than half of the time", "Больше половины времени", "Przez ponad połowę czasu"
            ),
        ),
        Option(
            2,
            _texts(
                "Less than half of the time",
                "Меньше половины времени",
                "Przez mniej niż połowę czasu",
            ),
        ),
        Option(1, _texts("Some of the time", "Изредка", "Od czasu do czasu")),
        Option(0, _texts("At no time", "Ни разу", "Ani razu")),
    ),
)

WHO5_ITEMS: tuple[Item, ...] = (
    Item(
        "who5_1",
        _texts(
            "I have felt cheerful and in good spirits",
            "Мне было радостно, и у меня было хорошее настроение",
            "Towarzyszyły mi pogoda ducha i dobry nastrój",
        ),
        WHO5_OPTIONS,
    ),
    Item(
        "who5_2",
        _texts(
            "I have felt calm and relaxed",
            "Я чувствовал(а) себя спокойно и расслабленно",
            "Czułem(-am) spokój i odprężenie",
        ),
        WHO5_OPTIONS,
    ),
    Item(
        "who5_3",
        _texts(
            "I have felt active and vigorous",
            "Я чувствовал(а) себя активным(-ой) и полным(-ой) сил",
            "Czułem(-am) się aktywny(-a) i pełen(-na) energii",
        ),
        WHO5_OPTIONS,
    ),
    Item(
        "who5_4",
        _texts(
            "I woke up feeling fresh and rested",
            "Я просыпался(-ась) бодрым(-ой) и отдохнувшим(-ей)",
            "Budziłem(-am) się rześki(-a) i wypoczęty(-a)",
        ),
        WHO5_OPTIONS,
    ),
    Item(
        "who5_5",
        _texts(
            "My daily life has been filled with things that interest me",
            "Моя повседневная жизнь была наполнена тем, что мне интересно",
            "Moje codzienne życie było wypełnione rzeczami, które mnie interesują",
        ),
        WHO5_OPTIONS,
    ),
)

# Published rule: raw score = sum of the five items (0-25), multiplied by 4
# gives the percentage score 0-100. Every item must be answered.
WHO5_SCALE = Scale(
    code="who5",
    name="WHO-5 Well-Being Index",
    items=tuple(item.code for item in WHO5_ITEMS),
    method=SCORING_SUM_TIMES_FOUR,
    min_answered=len(WHO5_ITEMS),
    minimum=0.0,
    maximum=100.0,
    line=WHO5_LOW_LINE,
    concern=CONCERN_LOW,
)

WHO5 = Instrument(
    code="who5",
    name="WHO-5 Well-Being Index",
    citation=(
        "WHO Regional Office for Europe. Wellbeing measures in primary health care: the "
        "DepCare project. 1998. Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 "
        "Well-Being Index: a systematic review of the literature. Psychother Psychosom. "
        "2015;84(3):167-176. doi:10.1159/000376585"
    ),
    instructions=_texts(
        "Please indicate for each of the five statements which is closest to how you "
        "have been feeling over the last two weeks.",
        "Для каждого из пяти утверждений выберите вариант, который лучше всего описывает "
        "ваше самочувствие за последние две недели.",
        "Przy każdym z pięciu stwierdzeń wybierz odpowiedź, która najlepiej opisuje Twoje "
        "samopoczucie w ciągu ostatnich dwóch tygodni.",
    ),
    items=WHO5_ITEMS,
    scales=(WHO5_SCALE,),
)

# --- Single-item burnout measure ---------------------------------------------
# Wording as validated by Rohland et al. (2004), from the Physician Worklife
# Study. ru/pl: unofficial translation by the Steady team.

SIB_OPTIONS = OptionSet(
    code="sib_levels",
    options=(
        Option(
            1,
            _texts(
                "I enjoy my work. I have no symptoms of burnout.",
                "Мне нравится моя работа. У меня нет признаков выгорания.",
                "Lubię swoją pracę. Nie mam żadnych objawów wypalenia.",
            ),
        ),
        Option(
            2,
            _texts(
                "Occasionally I am under stress, and I don't always have as much energy as I "
                "once did, but I don't feel burned out.",
                "Иногда я испытываю стресс, и сил у меня не всегда столько, сколько раньше, "
                "но выгорания я не чувствую.",
                "Czasami jestem w stresie i nie zawsze mam tyle energii co kiedyś, ale nie "
                "odczuwam wypalenia.",
            ),
        ),
        Option(
            3,
            _texts(
                "I am definitely burning out and have one or more symptoms of burnout, such as "
                "physical and emotional exhaustion.",
                "Я определённо выгораю: у меня есть один или несколько признаков выгорания, "
                "например физическое и эмоциональное истощение.",
                "Zdecydowanie się wypalam i mam co najmniej jeden objaw wypalenia, na przykład "
                "fizyczne i emocjonalne wyczerpanie.",
            ),
        ),
        Option(
            4,
            _texts(
                "The symptoms of burnout that I'm experiencing won't go away. I think about "
                "frustration at work a lot.",
                "Признаки выгорания, которые я испытываю, не проходят. Я много думаю о том, что "
                "меня тяготит на работе.",
                "Objawy wypalenia, których doświadczam, nie mijają. Dużo myślę o frustracji "
                "w pracy.",
            ),
        ),
        Option(
            5,
            _texts(
                "I feel completely burned out and often wonder if I can go on. I am at the "
                "point where I may need some changes or may need to seek some sort of help.",
                "Я чувствую полное выгорание и часто сомневаюсь, смогу ли продолжать. Мне, "
                "возможно, нужны перемены или какая-то помощь.",
                "Czuję się całkowicie wypalony(-a) i często zastanawiam się, czy dam radę dalej. "
                "Być może potrzebuję zmian albo jakiejś pomocy.",
            ),
        ),
    ),
)

SIB_ITEM = Item(
    "sib_1",
    _texts(
        "Overall, based on your definition of burnout, how would you rate your level of burnout?",
        "В целом, исходя из вашего собственного понимания выгорания, как бы вы оценили "
        "его уровень у себя?",
        "Ogólnie rzecz biorąc, opierając się na własnym rozumieniu wypalenia, jak oceniasz "
        "poziom swojego wypalenia?",
    ),
    SIB_OPTIONS,
)

# Published rule: the answer itself (1-5) is the score; 3 or more = burnout
# symptoms (Rohland et al. 2004).
SIB_SCALE = Scale(
    code="sib",
    name="Single-item burnout",
    items=(SIB_ITEM.code,),
    method=SCORING_SINGLE,
    min_answered=1,
    minimum=1.0,
    maximum=5.0,
    line=float(SIB_BURNOUT_LINE),
    concern=CONCERN_HIGH,
)

SIB = Instrument(
    code="sib",
    name="Single-item burnout measure",
    citation=(
        "Rohland BM, Kruse GR, Rohrer JE. Validation of a single-item measure of burnout "
        "against the Maslach Burnout Inventory among physicians. Stress and Health. "
        "2004;20(2):75-79. doi:10.1002/smi.1002"
    ),
    instructions=_texts(
        "Choose the statement that fits you best.",
        "Выберите утверждение, которое подходит вам больше всего.",
        "Wybierz stwierdzenie, które najlepiej do Ciebie pasuje.",
    ),
    items=(SIB_ITEM,),
    scales=(SIB_SCALE,),
)

INSTRUMENTS: Mapping[str, Instrument] = MappingProxyType(
    {instrument.code: instrument for instrument in (CBI, WHO5, SIB)}
)

# --- Check-in configurations ---------------------------------------------------
# The weekly pulse must be short (three questions) and still honest. A partial
# WHO-5 or a partial CBI scale cannot be scored as the published scale, so the
# pulse carries:
#   * the single-item burnout measure, which is published as a single item and
#     keeps its published 1-5 score and its ">= 3" line;
#   * two CBI work-related items (emotional exhaustion, worn out at the end of
#     the day), reported as "cbi_work_pulse": the mean of their published item
#     points. It is NOT the CBI work-related burnout scale, has no published
#     cut-off (line=None), and is only ever used as a trend.
# The monthly check-in carries the full published CBI work and customer scales
# and the WHO-5, scored as published.

CBI_WORK_PULSE = Scale(
    code="cbi_work_pulse",
    name="CBI work items pulse (two items, not the published scale)",
    items=("cbi_w1", "cbi_w4"),
    method=SCORING_MEAN_POINTS,
    min_answered=2,
    minimum=0.0,
    maximum=100.0,
    published=False,
)

WEEKLY_PULSE = Instrument(
    code="weekly_pulse",
    name="Weekly pulse",
    citation=SIB.citation + " Items cbi_w1 and cbi_w4 from: " + CBI.citation,
    instructions=SIB.instructions,
    items=(SIB_ITEM, CBI.item("cbi_w1"), CBI.item("cbi_w4")),
    scales=(SIB_SCALE, CBI_WORK_PULSE),
    published=False,
)

MONTHLY_FULL = Instrument(
    code="monthly_full",
    name="Monthly check-in",
    citation=CBI.citation + " " + WHO5.citation,
    instructions=CBI.instructions,
    items=CBI.items + WHO5.items,
    scales=(CBI_WORK, CBI_CLIENT, WHO5_SCALE),
    published=False,
)

CHECKIN_FORMS: Mapping[str, Instrument] = MappingProxyType(
    {form.code: form for form in (WEEKLY_PULSE, MONTHLY_FULL)}
)

#: Every scale any instrument or check-in form yields, by code.
SCALES: Mapping[str, Scale] = MappingProxyType(
    {
        scale.code: scale
        for instrument in (*INSTRUMENTS.values(), *CHECKIN_FORMS.values())
        for scale in instrument.scales
    }
)


def get(code: str) -> Instrument:
    """Return the instrument or check-in form called ``code``."""
    if code in INSTRUMENTS:
        return INSTRUMENTS[code]
    if code in CHECKIN_FORMS:
        return CHECKIN_FORMS[code]
    known = ", ".join(sorted([*INSTRUMENTS, *CHECKIN_FORMS]))
    raise ValueError(f"Unknown instrument {code!r}; known instruments: {known}.")


def _validated(instrument: Instrument, answers: Mapping[str, int | None]) -> dict[str, int]:
    by_code = {item.code: item for item in instrument.items}
    unknown = sorted(set(answers) - set(by_code))
    if unknown:
        raise ValueError(
            f"Unknown item code(s) for instrument {instrument.code!r}: {', '.join(unknown)}."
        )
    given: dict[str, int] = {}
    for code, value in answers.items():
        if value is None:
            continue
        allowed = by_code[code].options.values
        # bool is an int subclass; True must not pass as 1.
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise ValueError(
                f"Answer {value!r} for item {code!r} is out of range; "
                f"allowed values are {min(allowed)}..{max(allowed)}."
            )
        given[code] = value
    return given


def _points(item: Item, value: int) -> float:
    points = value * 25.0
    return 100.0 - points if item.reverse else points


def _score_scale(instrument: Instrument, scale: Scale, given: Mapping[str, int]) -> float | None:
    answered = [code for code in scale.items if code in given]
    if len(answered) < scale.min_answered:
        return None
    if scale.method == SCORING_MEAN_POINTS:
        points = [_points(instrument.item(code), given[code]) for code in answered]
        return sum(points) / len(points)
    if scale.method == SCORING_SUM_TIMES_FOUR:
        return float(sum(given[code] for code in answered) * 4)
    if scale.method == SCORING_SINGLE:
        return float(given[answered[0]])
    raise ValueError(f"Unknown scoring method {scale.method!r} for scale {scale.code!r}.")


def score(
    instrument: str | Instrument, answers: Mapping[str, int | None]
) -> dict[str, float | None]:
    """Score one respondent's answers with the published rules.

    ``answers`` maps item codes to option values; a missing item or ``None``
    is unanswered. Returns ``{scale_code: score}`` for every scale of the
    instrument; a scale the respondent did not answer enough of is ``None``
    (CBI: fewer than half its items; WHO-5: any item missing). Scores are not
    rounded. Raises ``ValueError`` for an unknown item code or an out-of-range
    or non-integer answer.
    """
    resolved = get(instrument) if isinstance(instrument, str) else instrument
    given = _validated(resolved, answers)
    return {scale.code: _score_scale(resolved, scale, given) for scale in resolved.scales}


def is_high(scale: str, value: float | None) -> bool:
    """Whether ``value`` is on the concerning side of the scale's published line.

    CBI scales: ``value >= 50`` (high burnout). WHO-5: ``value <= 50`` (poor
    wellbeing; the name reads "high concern"). Single item: ``value >= 3``.
    ``None`` (non-responder) is never high. Raises ``ValueError`` for an
    unknown scale or a scale without a published line (the pulse).
    """
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}; known scales: {', '.join(sorted(SCALES))}.")
    spec = SCALES[scale]
    if spec.line is None:
        raise ValueError(f"Scale {scale!r} has no published cut-off; use it as a trend only.")
    if value is None or math.isnan(value):
        return False
    return bool(beyond_line(spec, value))


def beyond_line(scale: Scale, values):
    """``values`` (a number or an array) on the concerning side of ``scale.line``.

    The one statement of the rule: at or above the line for ``concern ==
    "high"``, at or below it for ``"low"``. NaN is never beyond. Elementwise
    for numpy arrays and pandas series, so the metrics use it on whole columns.
    """
    if scale.concern == CONCERN_LOW:
        return values <= scale.line
    return values >= scale.line


def single_item_to_100(value: float) -> float:
    """Map the single-item burnout answer 1..5 onto 0..100 as ``(value - 1) * 25``.

    Only for drawing it on the same axis as the CBI; the published score and
    its ">= 3" line stay on the 1..5 scale.
    """
    return (value - 1.0) * 25.0
