"""Per-language rule tables for ``rephrasing``: plain data, no logic.

Patterns are written in the small language described in ``rephrasing_patterns``
("не мочь", "we|i can|could ~1 @offer_verb", "proszę ~2 @order_verb"). Each table
lists, per finding code, the patterns that trigger it; ``time`` lists the time
expressions that make a next step concrete. A penalty that overlaps a ``shields``
match is dropped, so "no problem" or "не волнуйтесь" is never read as a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LanguageRules:
    """Everything the engine needs to know about one language."""

    stemmer: str
    negators: str
    forms: dict[str, tuple[str, str]]
    classes: dict[str, str]
    shields: tuple[str, ...]
    patterns: dict[str, tuple[str, ...]]
    stopwords: str = ""
    # Lemmas that are verbs, adjectives or adverbs: not key words for the facts check.
    not_key_word: str = r"^$"
    contractions: dict[str, str] = field(default_factory=dict)
    # Words after which "'s" is "is" ("what's wrong", "it's late"), not a possessive.
    is_before_s: frozenset[str] = frozenset()


EN = LanguageRules(
    stemmer="english",
    not_key_word=r"(?:ly)$",
    negators="not no never",
    # The bare verb of an order ("Wait", "Read"), not a gerund or a past ("Waiting", "Waited").
    forms={"imp": (r"^(?!\w*(?:ing|ed)$)", r"")},
    contractions={
        "ca": "can",
        "wo": "will",
        "sha": "shall",
        "n't": "not",
        "'ll": "will",
        "'ve": "have",
        "'re": "are",
        "'m": "am",
        "'d": "would",
    },
    is_before_s=frozenset(
        [
            "what",
            "it",
            "that",
            "there",
            "here",
            "he",
            "she",
            "who",
            "where",
            "how",
            "when",
            "why",
            "everything",
            "nothing",
            "something",
            "this",
        ]
    ),
    classes={
        "weekday": "monday tuesday wednesday thursday friday saturday sunday weekend",
        # "may" stays out: it is far more often the verb than the month.
        "month": "january february march april june july august september october "
        "november december",
        "unit": "minute hour day week month",
        "part_of_day": "morning afternoon evening noon midday tonight",
        "third_party": "manufacturer bank courier seller carrier brand maker them",
        "order_verb": "wait read find download contact call write measure choose",
        "done_verb": "check send email contact arrange book ask cancel restore correct "
        "resend remove open issue refund pass start create make reserve hold keep call "
        "write update confirm look investigate replace repair organise organize add lend "
        "apply give notify chase follow process approve credit deliver",
        "offer_verb": "offer send arrange give issue book repair replace deliver apply lend "
        "add hold reserve exchange refund ship notify provide swap suggest recommend extend "
        "upgrade",
        "option_verb": "try choose pay use return drop exchange pick collect get keep swap",
    },
    shields=(
        "no problem|worry|worries",
        "not a problem",
        "do not worry|hesitate|mind",
        "free of charge",
        "at no ~1 cost|charge",
        "not ~1 charge|cost",
        "can not wait",
        "can not help but",
        "can not ~1 see|find",
        "as a rule",
        "in term of",
        "all you need",
        "you should ~1 receive|get|see|arrive|be|find",
        "should have receive|get|arrive",
        "should have be deliver|send|ship|refund|credit|charge|process|approve",
        "as you ~1 say|mention|explain|describe|write",
        "as soon as",
        "if you do not",
        "you do not ~1 need|have|receive|get|see|worry|hesitate|mind",
        "we do not want",
        # Feelings and resolutions about oneself, not a refusal to the customer.
        "i|we do|will not like|love|let|feel|mind|care|want",
        "sorry ~2 you will? have|need to",
        "receive|get ~2 wrong|incorrect",
        "send|deliver ~3 wrong|incorrect",
    ),
    patterns={
        "refusal": (
            "can not",
            "unable to",
            "not able to",
            "not possible",
            "impossible",
            "no way",
            "nothing ~1 can ~1 do",
            "nothing can be do",
            # A refusal is said now: "I didn't sleep" refuses nothing.
            "we|i =do not",
            "we|i will not",
            "we have no",
            "reject|refuse|deny",
            "not available",
            "unavailable",
            "not handle by we",
            "^ please? contact|call|write|ask ~2 @third_party",
        ),
        "policy": (
            "policy",
            "rule",
            "regulation",
            "the|our|these term",
            "as per",
            "per the|our",
            "not allow|permit",
            "system ~2 not ~1 allow|let",
            "system setting",
            "standard ~1 time|procedure|practice",
            "that be|='s how ~2 work",
            "only ~1 possible|allow|accept|permit",
            "possible only",
        ),
        "blame": (
            "you should have",
            "you must have",
            "your fault|mistake|problem|responsibility",
            "you be suppose to",
            "you ~1 fail to",
            "you do not|never",
            "you be not ~1 home|there|in|available",
            "you ~4 wrong|incorrect|incorrectly",
            "not our fault|problem|responsibility|concern",
            "not responsible|liable",
            "=not =us",
            "because|since you",
            "as ~3 already say|mention|state|explain|tell|write",
            "as i|we ~1 say|tell|explain|mention",
            "as ~3 =stated|=mentioned|=explained|=specified|=indicated",
            "before =ordering|=buying|=purchasing",
            "yourself",
            "be on you",
            "on your side",
        ),
        "command": (
            "calm down",
            # "Relax, …" and "please relax" tell the customer how to feel; "I can relax" does not.
            "^ please? just? relax",
            "you ~2 relax",
            "please understand",
            "be patient",
            "you will? need|have to",
            "you must|should",
            "you ought to",
            "you be require to",
            "just wait",
            "^ please? @order_verb:imp",
            "stop ~1 ask|write|email|call|contact|complain",
            "do not contact|write|call|email us",
        ),
        "jargon": (
            "sla",
            "l1|l2|l3",
            "tier #|one|two|three",
            "escalate|escalation",
            "ticket",
            "backlog",
            "queue",
            "backend|backoffice",
            "back office|end",
            "wms|crm|erp|sku|rma|3pl|api",
            "fulfilment|fulfillment",
            "sync",
            "first|second|third line",
        ),
        "vague_promise": (
            "we|i will|shall ~2 let you know",
            "we|i will|shall ~2 update|contact you",
            "we|i will|shall ~2 keep you update|inform|post",
            "we|i will|shall ~2 get back to you",
            "we|i will|shall ~2 be in touch",
            "as soon as possible",
            "asap",
            "in due course",
            "at some point",
            "=soon|=shortly|=later",
        ),
        "alternative": (
            "instead",
            "alternatively",
            "alternative",
            "option",
            "we|i can|could ~1 @offer_verb",
            "you can|could ~2 @option_verb",
            "would you like|prefer",
            "shall i|we",
            "if you prefer|like|want",
            "happy|glad to",
            "we|i offer|suggest|recommend|propose",
            "goodwill",
            "a one off",
            "what we can do",
        ),
        "ownership": (
            "i|we will|shall",
            "=let me",
            "i|we have ~1 @done_verb",
            "i ~2 @done_verb",
            "i|we be ~1 @done_verb",
            "on your behalf",
            # Exact: the stem "person" would also take "person" and "personal".
            "=personally",
            # "I'll call them myself", not "by myself" (alone).
            "@done_verb|@offer_verb|it|them ~2 myself",
        ),
        "acknowledgement": (
            "understand",
            "understandably",
            "sorry",
            "apologize|apologise|apology",
            "thank|thanks",
            "appreciate",
            "frustrating|frustration|annoying|disappointing|worrying|upsetting|inconvenient",
            "inconvenience|hassle",
            "see how|why",
            "i know how",
            "i hear you",
            "lovely|great idea|question",
        ),
        # Speaks to the reader or for a team: the shape of a reply to a customer.
        "reader": (
            "=you|=your|=yours|=yourself|=yourselves|=we|=us|=our|=ours|=ourselves",
            # Exact: "thankful" is gratitude, not thanks said to someone.
            "sorry|apologize|apologise|apology|please|=thanks",
            "=thank =you",
        ),
        # Says what will happen: a future, or a scheduled event ("the courier comes").
        "commitment": (
            "will|shall",
            "we|i can",
            "going to",
            "=gonna",
            "=comes|=arrives|=reaches|=ships|=leaves|=goes|=collects|=delivers|=replies"
            "|=calls|=starts|=opens|=expires|=ends|=lands|=returns",
        ),
        "time": (
            "@weekday",
            "@month",
            "today|tomorrow|tonight",
            "this|next|tomorrow @part_of_day",
            "this|next week|month",
            "noon|midday",
            "end of ~1 day|week|month",
            "within|in|over|next ~4 @unit",
            "by|before|until|till|at|between|from #",
            "right now|away",
            "straight away",
            "immediately",
        ),
    },
    stopwords="that this with have from they them their there what when which while will "
    "would could should about after before because been being into just more most much only "
    "other over same some such than then these those very your yours also already again here "
    "still even ever were does doing done please thanks thank hello dear sorry make take know "
    "like want need your yours ours item items",
)


RU = LanguageRules(
    stemmer="russian",
    not_key_word=r"(?:ть|ться|чь|чься|ти|тись|ый|ий|ой)$",
    negators="не ни нет",
    forms={
        # first person sg/pl present or future: проверю, верну, проверим, вернём, передам
        "1p": (r"(?:ю|у|ем|ём|им|ам|юсь|усь|емся|ёмся|имся)$", r"(?:ть|ться|чь|чься|ти|тись)$"),
        "imp": (r"(?:ите|йте|ьте|итесь|йтесь|ьтесь)$", r"(?:ть|ться|чь|чься|ти|тись)$"),
        "past": (r"(?:л|ла|ло|ли|лся|лась|лось|лись)$", r"(?:ть|ться|чь|чься|ти|тись)$"),
        # present or (perfective) future, any person: придут, вернётся, проверим
        "nonpast": (
            r"(?:у|ю|ешь|ёшь|ишь|ет|ёт|ит|ем|ём|им|ете|ёте|ите|ут|ют|ат|ят)(?:ся|сь)?$",
            r"(?:ть|ться|чь|чься|ти|тись)$",
        ),
        "2p": (r"(?:ите|ете|ёте)$", r"(?:ть|ться|чь|чься|ти|тись)$"),
    },
    classes={
        "weekday": "понедельник вторник среда четверг пятница суббота воскресенье выходные",
        "month": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
        "unit": "минута час день неделя месяц сутки",
        "part_of_day": "утро вечер полдень обед завтрашний",
        "third_party": "банк производитель продавец курьер почта служба он она они ним нему ней",
        "redirect": "обратиться обращаться писать написать звонить позвонить связаться",
        "order_verb": "ждать подождать читать смотреть искать перемерить",
        "act": "проверить отправить прислать выслать вернуть связаться оформить уточнить "
        "сообщить перезвонить позвонить заменить организовать передать написать сделать "
        "договориться открыть исправить отменить удалить добавить применить зарезервировать "
        "записать выпустить выдать придержать забронировать попросить помочь разблокировать "
        "подтвердить начислить компенсировать отследить восстановить сохранить дать "
        "заняться позаботиться "
        # imperfective partners: "проверяю", "уже занимаюсь"
        "проверять отправлять присылать возвращать связываться оформлять уточнять "
        "сообщать передавать писать делать заменять исправлять отменять заниматься",
    },
    shields=(
        "без проблема",
        "нет проблема",
        "не проблема",
        "не волноваться|переживать|беспокоиться|стесняться|забыть",
        "ничего страшный",
        "не за что",
        "не видеть|находить",
        "не заставить ~1 ждать",
        "не мочь не",
        "не *:1p ~2 плата|доплата|комиссия|штраф",
        "не оставить",
        "не придется|прийтись",
        "не получить|прийти",
        "прийти|доставить|отправить ~2 не тот",
    ),
    patterns={
        "refusal": (
            "не мочь|смочь",
            "не *:1p",
            "невозможный|невозможно",
            "нельзя",
            "не получиться",
            "не выйти",
            "нет|не ~1 возможность",
            "отказать|отказ|отказано",
            "ничего не поделать",
            "не подлежать",
            "нечего",
            "от мы не зависеть",
            "не зависеть от мы",
            "недоступный",
            "@redirect:imp ~3 @third_party",
        ),
        "policy": (
            "правило",
            "регламент",
            "политика",
            "согласно",
            "=положено",
            "не предусмотреть|предусмотренный",
            "инструкция",
            "система ~1 не позволять|давать",
            "так работать",
            "стандартный ~1 срок|порядок|процедура",
            "возможный|возможно только",
            "только ~1 возможный|возможно",
            "настройка ~1 система",
            "в условие",
        ),
        "blame": (
            "=вы ~1 сам",
            "сам ~1 виноватый",
            "=вы ~1 виноватый",
            "ваш вина",
            "по ~1 вина",
            "не наш вина|проблема|ответственность|забота",
            "ваш забота|проблема|ответственность",
            "за ваш =счет|=счёт",
            "надо|нужно =было",
            "=вам =следовало|=стоило",
            "=вы ~3 неправильно|неверный|неправильный|ошибочно|ошибочный",
            "=вы ~2 не тот",
            "=вы|=вас ~2 не *:past",
            "как ~2 уже ~2 говорить|сказать|писать|объяснить|упомянуть",
            "как =указано|=сказано|=написано|=оговорено",
            "перед заказ|покупка",
            "внимательнее|внимательно ~1 читать|смотреть",
            "потому ~1 что вы",
            "так как вы",
            "из за вы",
            "не мы",
        ),
        "command": (
            "успокоиться",
            "понять:imp",
            "@order_verb:imp",
            "набраться ~1 терпение",
            "хватит",
            "прекратить:imp|перестать:imp",
            "не *:imp",
            "=вы ~1 должен|обязанный",
            "=вам ~1 нужно|надо|следовать|необходимо",
        ),
        "jargon": (
            "тикет",
            "эскалировать|эскалация|эскалирован",
            "sla",
            "l1|l2|l3",
            "первый|второй|третий линия",
            "crm|wms|erp|sku|rma",
            "бэкенд|бэкофис|бэк",
            "фулфилмент",
            "рассинхрон|синхронизация",
            "трекинг",
            "кейс",
            "апрув|аппрув",
            "саппорт",
        ),
        "vague_promise": (
            "сообщить:1p|уведомить:1p|связаться:1p|известить:1p",
            "дать:1p знать",
            "в ближайший время",
            "как можно скорее",
            "дополнительно",
            "=позже|=позднее",
            "в свой время",
            "скоро",
        ),
        "alternative": (
            "вместо",
            "взамен",
            "зато",
            "альтернатива|альтернативный",
            "вариант",
            "предложить:1p|предлагать:1p",
            "мочь:1p|смочь:1p",
            "=вы ~1 мочь|смочь",
            "можно",
            "если ~1 вы ~1 удобный|удобно|хотеть",
            "хотеть:2p",
            "исключение",
            "добрый воля",
        ),
        "ownership": (
            "я ~2 @act",
            "@act:1p",
            "=лично",
            "взять ~1 на себя",
        ),
        "acknowledgement": (
            "понимать:1p",
            "извинить|извиняться|извинение",
            "прощение",
            "жаль",
            "сожалеть:1p",
            "спасибо",
            "благодарить:1p|благодарность",
            "неприятно|обидно|досадно|тревожно|неприятный",
            "сочувствовать",
            "отличный идея",
            "радость",
        ),
        "reader": (
            "вы|ваш|ты|твой|мы|наш",
            "извинить|извиняться|извинение|жаль|спасибо|пожалуйста|=благодарю|=благодарим",
        ),
        "commitment": ("*:nonpast",),
        "time": (
            "@weekday",
            "@month",
            "сегодня|завтра|послезавтра|сразу",
            "прямо сейчас",
            "в течение ~3 @unit",
            "через ~3 @unit",
            "за ~2 @unit",
            "в ближайший ~2 @unit",
            "этот|следующий @unit",
            "конец ~1 @unit",
            "до|к|с ~1 @part_of_day",
            "до|к|с #",
        ),
    },
    stopwords="который это этот эта эти того тому этого этой когда если чтобы потому поэтому "
    "также тоже уже только очень можно нужно будет было были быть есть нами вами ваше ваша "
    "ваши вашего вашей нашей наша наши наше свой своя себя сейчас здесь там тогда после "
    "перед через между пожалуйста спасибо здравствуйте ещё еще всего всех весь вся всё "
    "такой такая такие также какой какая просто даже уже",
)


PL = LanguageRules(
    stemmer="polish",
    not_key_word=r"(?:ć|c|y|i)$",
    negators="nie ani",
    forms={
        # first person: sprawdzę, sprawdzimy, dam, sprawdziłem/łam, zrobiliśmy
        "1p": (r"(?:ę|my|am|em|śmy)$", r"(?:ć|c)$"),
        "imp": (r"(?:cie|j|ij)$", r"(?:ć|c)$"),
        "past": (r"(?:ł|ła|ło|li|ły)$", r"(?:ć|c)$"),
        # present or (perfective) future, any person: dotrą, odbierze, wyślemy
        "nonpast": (r"(?:ę|esz|isz|ysz|[^ł]e|[^łl]i|[^ł]y|[^ł]a|my|cie|ą)$", r"(?:ć|c)$"),
    },
    classes={
        "weekday": "poniedziałek wtorek środa czwartek piątek sobota niedziela weekend",
        "month": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień "
        "październik listopad grudzień",
        "unit": "minuta godzina dzień tydzień miesiąc doba",
        "part_of_day": "rano wieczór wieczorem południe popołudnie",
        "third_party": "bank producent sprzedawca kurier poczta on ona oni niego nim nich",
        "redirect": "kontaktować skontaktować pisać napisać dzwonić zadzwonić zwracać",
        "order_verb": "uspokoić czekać poczekać przestać czytać szukać znaleźć pobrać zmierzyć "
        "uzbroić zrozumieć",
        "act": "sprawdzić wysłać przesłać zwrócić skontaktować oddać przekazać napisać "
        "zadzwonić zorganizować zlecić umówić wymienić anulować przywrócić poprawić usunąć "
        "dodać zarezerwować wystawić potwierdzić odblokować zgłosić poprosić pomóc dać "
        "naprawić zamontować zatrzymać wygenerować dołączyć uwzględnić wypożyczyć zająć "
        "załatwić wyjaśnić ustalić dopilnować "
        # imperfective partners: "sprawdzam", "już to załatwiam"
        "sprawdzać wysyłać przesyłać zwracać kontaktować przekazywać pisać dzwonić "
        "organizować zlecać umawiać wymieniać poprawiać załatwiać zajmować",
    },
    shields=(
        "nie ma problem",
        "bez problem",
        "nie martwić|przejmować|wahać|obawiać",
        "nie widzieć",
        "nie móc nie",
        "nie *:1p ~2 opłata|dopłata|prowizja|koszt",
        "nie musieć",
        "nie dostać|otrzymać",
        "otrzymać|dostać ~3 zły",
    ),
    patterns={
        "refusal": (
            "nie móc",
            "nie *:1p",
            "niemożliwy|niemożliwa|niemożliwe",
            "nie być ~1 możliwy|dostępny",
            "niedostępny|niedostępna",
            "nie można",
            "nie dać",
            "nie ma możliwość",
            "odrzucić|odmówić|odmowa",
            "nie podlegać",
            "nie zależeć od my",
            "nie leżeć w ~1 gestia",
            "nic do zmiana",
            "proszę ~2 @redirect ~3 @third_party",
        ),
        "policy": (
            "regulamin",
            "zgodnie z",
            "polityka",
            "procedura",
            "zasada",
            "przepis",
            "nie ~1 przewidzieć",
            "system nie pozwalać",
            "tak działać",
            "standardowy ~1 czas|procedura|termin",
            "możliwy tylko",
            "tylko ~1 możliwy",
            "ustawienie ~1 system",
            "w ~1 warunek",
        ),
        "blame": (
            "sam|sama ~1 =pan|=pani",
            "=pan|=pani ~1 sam|sama",
            "to =pan|=pani ~2 *:past",
            "pan|pani wina",
            "wina pan|pani",
            "z wina",
            "nie nasz wina|problem|odpowiedzialność",
            "pan|pani problem",
            "=nie =my",
            "trzeba =było",
            "należało",
            "powinien =pan|=pani =był|=była",
            "=pan|=pani ~2 zły|źle|błędny|błędnie|niepoprawny|niewłaściwy",
            "zły|źle|błędny|błędnie ~3 =pan|=pani",
            "nie *:past ~1 =pan|=pani",
            "=pan|=pani ~1 nie *:past",
            "jak już ~1 pisać|mówić|wspominać|informować",
            "jak =napisano|=wspomniano|=zaznaczono|=wskazano|=podano",
            "=pana|=pani ~1 nie =było|=był|=była",
            "przed zakup|zamówienie",
            "uważniej|uważnie ~1 czytać",
            "bo|ponieważ ~4 =pan|=pani",
            "odpowiadać =pan|=pani",
        ),
        "command": (
            "proszę ~2 @order_verb",
            "proszę ~2 nie *",
            "musieć ~2 =pan|=pani",
            "=pan|=pani musieć",
            "powinien ~1 =pan|=pani",
            "=pan|=pani powinien",
            "mieć obowiązek",
        ),
        "jargon": (
            "ticket|tiket|tikiet",
            "sla",
            "l1|l2|l3",
            "eskalować|eskalacja",
            "pierwszy|drugi|trzeci linia",
            "crm|wms|erp|sku|rma",
            "backoffice|backend",
            "fulfillment*|fulfilment*",
            "tracking",
            "synchronizacja",
            "zgłoszenie ~2 system",
            "case",
        ),
        "vague_promise": (
            "dać:1p|=dam|=damy znać",
            "poinformować:1p|powiadomić:1p|odezwać:1p|skontaktować:1p",
            "w swój czas",
            "wkrótce|niebawem|=później",
            "jak najszybciej",
            "w najbliższy czas",
        ),
        "alternative": (
            "zamiast",
            "w zamian",
            "za to",
            "alternatywa|alternatywnie|alternatywny",
            "opcja",
            "propozycja",
            "zaproponować:1p|proponować:1p",
            "móc:1p",
            "móc ~1 =pan|=pani",
            "można",
            "jeśli ~2 wol*",
            "wyjątkowo",
            "dobry wola",
            "^ czy @act",
        ),
        "ownership": (
            "@act:1p",
            "ja|my ~2 @act",
            "chętnie",
            "osobiście",
            "zająć się",
        ),
        "acknowledgement": (
            "rozumieć:1p",
            "przepraszać:1p|przeprosić|przeprosiny",
            "przykro",
            "dziękować:1p|dzięki|podziękowanie",
            "szkoda",
            "współczuć",
            "frustrujący|rozczarowujący|niepokojący|przykry|nieprzyjemny",
            "świetny pomysł",
        ),
        "reader": (
            "pan|pani|państwo|ty|twój|wy|wasz|my|nasz",
            "przepraszać|przeprosić|przykro|proszę|szkoda|=dziękuję|=dziękujemy",
        ),
        "commitment": ("*:nonpast",),
        "time": (
            "@weekday",
            "@month",
            "dziś|dzisiaj|jutro|pojutrze|natychmiast|=najpóźniej",
            "od razu",
            "w ciąg ~3 @unit",
            "za ~3 @unit",
            "przyszły|ten|bieżący @unit",
            "koniec ~1 @unit",
            "do|od|przed|między|o #",
            "do ~1 @part_of_day",
        ),
    },
    stopwords="który która które jest będzie było była były jako przez przy więc także "
    "również tylko bardzo można trzeba żeby jeśli kiedy gdzie tego tych temu jego jej ich "
    "nasz nasza nasze naszej pana pani panu panią państwo proszę dziękuję już jeszcze oraz "
    "albo który które dla pod nad tam tutaj teraz potem żaden",
)


RULES: dict[str, LanguageRules] = {"en": EN, "ru": RU, "pl": PL}
