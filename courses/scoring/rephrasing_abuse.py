"""Abuse in a reply: profanity, slurs, insults, sarcastic put-downs, belittling phrases.

Any of them caps the score below the pass mark (see ``rephrasing.ABUSE_CAP``),
whatever else the reply does well. Words are matched like every other rule, by
spelling, lemma and stem, so "idiot", "идиотом" and "idioto" are one entry each.

Where the words come from:

- Profanity and slurs in English and Polish: the dictionaries of the
  ``glin-profanity`` package (MIT, kept up to date, the LDNOOBW lists), read as
  data, without the entries that have an everyday meaning in a shop's support
  reply ("panties", "escort", "jajko" = egg, "pieprzyć" = to pepper) or that name
  a body or a topic rather than call someone a name.
  Its Russian dictionary is written in Latin transliteration, so it cannot match
  Cyrillic text: the Russian profanity roots are ours, below.
- Insults and put-downs ("are you stupid", "use your brain", "stop whining",
  "genius" said to someone): our tables, per language, in the pattern language of
  ``rephrasing_patterns``. No package covers put-downs, which are polite words used
  to belittle.

"genius", "гений", "geniusz" and their like are put-downs only when said *to*
someone (set off by a comma, or after "well done", "nice one"…), so "our genius
bar" and "a genius idea" pass.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path

from courses.scoring.rephrasing_patterns import Token, find_spans, word_keys

LEXICON_PACKAGE = "glin-profanity"


def _entries(text: str) -> frozenset[str]:
    return frozenset(entry.strip() for entry in text.split(","))


_LEXICON_FILES = {"en": "english.json", "pl": "polish.json"}

# Lexicon entries left out: an everyday meaning in support replies, or a topic
# (body, sex, crime) named rather than a name called.
LEXICON_EXCLUDED = {
    "en": _entries(
        "anal, anus, bareback, barenaked, bbw, bondage, busty, butt, camel toe, domination, "
        "dominatrix, eunuch, erotic, erotism, escort, genitals, girl on, grope, hard core, "
        "hardcore, honkey, hooker, intercourse, jelly donut, kinky, leather restraint, lolita, "
        "lovemaking, mf, bs, nipple, nipples, nude, nudity, panties, panty, playboy, rectum, "
        "santorum, scat, sex, sexo, sexy, shrimping, snatch, snowballing, strip club, swinger, "
        "tied up, tight white, topless, twinkie, undressing, vagina, vibrator, voyeur, vulva, "
        "xx, xxx, swastika, white power, how to kill, how to murder, rape, raping, rapist, "
        "date rape, daterape, big black, huge fat, hot chick, tongue in a, taste my, "
        "spread legs, dog style, dommes, clitoris, penis, semen, testbad01, lmfao, omfg, "
        "nsfw images, pleasure chest, tainted love, wrapping men, violet wand, ball gag, "
        "girls gone wild, suicide girls, sultry women, bullet vibe, clover clamps, ponyplay, "
        "style doggy, cumming, boob, boobs"
    ),
    "pl": _entries(
        "burdel, burdelmama, cyc, dmuchać, duperele, jajco, jajeczko, jajko, jajo, pieprzyć, "
        "pierdzieć, rzygać, sraczka, syf"
    ),
}

# Name-calling and profanity the lexicons lack, one word (any inflected form) each.
# Adjectives ("stupid", "тупой", "głupi") are only put-downs said of the customer
# or their question: they are in PUTDOWN_PATTERNS ("a stupid mistake on our part" passes).
INSULT_WORDS = {
    "en": "idiot moron imbecile cretin halfwit nitwit dimwit numpty clown loser "
    "crybaby whiner jerk twit prat pillock wanker bellend dickhead arsehole dumbo "
    "doofus dunce buffoon simpleton",
    "ru": "идиот идиотка дурак дура тупица дебил дебилка кретин придурок болван олух "
    "недоумок бестолочь урод козёл скотина сволочь мразь тварь чмо лох лошара "
    "дегенерат имбецил ничтожество недотёпа растяпа нытик истеричка мудак мудила "
    "сука блядь гнида засранец говно дерьмо",
    "pl": "idiota idiotka debil kretyn kretynka głupek matoł dureń tępak półgłówek "
    "palant cymbał bałwan frajer nieuk nieudacznik ciamajda oferma łamaga beksa "
    "maruda histeryczka kmiot wieśniak cham prostak gamoń ćwok dupek głąb",
}

# Profanity roots, matched as the start of a word ("пизд*" covers every form).
PROFANITY_PREFIXES = {
    "en": "fuck* shit* bullshit* motherf* dickhead* asshole*",
    "ru": "хуй* хуё* хуе* хуя* пизд* ебан* ебал* ебат* ёб* заеб* выеб* уеб* "
    "долбоёб* долбоеб* бля* охуе* охуи* нахуй* похуй* пидор* пидар* мудак* мудач* "
    "засран* говнюк*",
    "pl": "kurw* chuj* huj* pierdol* jeban* jebać* zajeb* wyjeb* spierdal* skurw* "
    "pojeb* popierdol*",
}

# Polite words that belittle when said to someone: flagged when addressed.
VOCATIVE_PUTDOWNS = {
    "en": "genius einstein sherlock smartass sweetie honey darling princess buddy pal "
    "champ sunshine dummy",
    "ru": "гений умник умница эйнштейн шерлок дорогуша милочка голубчик солнышко",
    "pl": "geniusz mądrala einstein sherlock kochaniutka złotko słoneczko",
}

# Phrases that put the customer down, in the pattern language of rephrasing_patterns.
PUTDOWN_PATTERNS = {
    "en": (
        "be you ~1 stupid|dumb|blind|deaf|slow|illiterate|thick|daft|mad|crazy|insane",
        "you ~3 stupid|dumb|thick|daft|idiotic|moronic|pathetic|clueless|brainless|ignorant",
        "stupid|dumb|idiotic|moronic|silly|ridiculous question|request|complaint|claim",
        "shut up",
        "use your ~1 brain|head|noggin|common",
        "stop|quit ~1 whine|whinge|moan|complain|cry|nag|pester|bother|winge|sulk",
        "can you not read|see|hear",
        "can not you ~1 read|see|hear|understand|follow",  # "can't you read"
        "learn to read",
        "try read",
        "not rocket science",
        "even a child|kid|toddler|monkey",
        "any idiot|fool|child",
        "how many time ~4 tell|explain|say|repeat",
        "for the hundredth|thousandth|millionth|umpteenth|tenth time",
        "do you ~1 even ~1 read|know|understand|listen",
        "what be wrong with you",
        "get a life|grip|clue",
        "=grow up",  # not "growing up"
        "tough luck",
        "too bad for you",
        "thanks|thank ~1 for nothing",
        "who =cares",  # not "people who care about"
        "whatever you say",
        "explain ~3 slowly",
        "let me spell it out",
        "obviously|clearly you ~1 not|never|fail|miss|ignore|forget",
        "you people",
        "drama queen",
        "so sensitive",
        "you be ~2 overreact|hysterical|paranoid|ridiculous|childish|dramatic",
        "stop ~1 be ~1 ridiculous|silly|childish|dramatic|difficult|hysterical",
        "waste ~2 my|our time",
        "do your homework",
        # Dismissing the customer, or swearing at the situation in front of them.
        "deal with it",
        "get over it",
        "not my problem",
        "be that|it so hard",
        "so hard to understand",
        "do not be ~1 stupid|silly|ridiculous|dumb|difficult|childish|dramatic|daft",
        "you ~2 no idea",
        "nice try",
        "you dummy|idiot|fool",
        "what part of",
        "be you serious|kidding|joking",
        "~1 google it",
        "=duh",
        "chill out",
        "jesus christ",
        "for ~1 god|pete|heaven|christ|goodness ~1 sake",
        "damn it",
        "bloody hell",
        "you be ~2 hopeless|useless|impossible|unbelievable|clueless",
        "such a ~1 baby|child|pain|nuisance",
        "what a ~1 stupid|dumb|silly|ridiculous|idiotic",
        "shame on you",
        "you ask for it",
        "happy now",
        "bless your heart",
        "good grief",
        "=ugh",
        "=sigh",
        "honestly ~1 some people",
        "do not make me ~1 repeat|say|explain",
        "it be not that ~1 complicated|hard|difficult",
        "try harder",
        "learn to|how ~1 use",
        "try not to ~1 break|lose|ruin",
        "next time read",
    ),
    "ru": (
        "вы|ты ~3 тупой|глупый|слепой|глухой|неграмотный|ненормальный|дурной|больной",
        "тупой|глупый|дурацкий|идиотский|дебильный вопрос|просьба|претензия|жалоба",
        "заткнуться",
        "закрыть рот",
        "включить|напрячь|использовать ~1 мозг|мозги|голова|голову|извилины",
        "мозги ~1 включить|включите|включи",
        "хватит|перестать|прекратить|прекратите|перестаньте ~1 ныть|жаловаться|скулить|"
        "хныкать|истерить|ворчать|канючить|надоедать|придираться",
        "не ныть|нойте|скулите|истерите",
        "читать ~1 не ~1 уметь|умеете|умеешь",
        "научиться|научитесь|научись ~1 читать",
        "уметь|умеете|умеешь ~1 читать",
        "сколько ~1 раз|можно ~2 повторять|объяснять|говорить",
        "в сотый|тысячный|десятый|пятый раз",
        "даже ребёнок|ребенок|школьник|первоклассник",
        "любой дурак|идиот",
        "=русским =языком",
        "что с вами|тобой ~1 не так",
        "спасибо ни за что",
        "кого ~1 волновать|волнует|колышет|интересует",
        "не смешите|смешить",
        "устраивать|устраивайте ~1 истерика|истерику|драма|драму|сцена|сцену|цирк",
        "отнимать|тратить ~2 наш|моё|мое|наше время",
        "очевидно ~1 вы|ты ~1 не",
        "взрослый ~1 человек",
        "не ~1 ракетостроение|ракетная",
        "не ~1 выдумывать|выдумывайте|сочиняйте|сочинять",
        "не ~1 мой проблема",
        "это ~1 ваш|твой проблема",
        "смириться|смиритесь|смирись",
        "вы|ты ~1 серьёзно|серьезно",
        "так ~1 сложно|трудно ~1 понять|прочитать|разобраться",
        "погуглить|погуглите|погугли|загуглить|загуглите",
        "=слушайте|=слушай внимательно",
        "вы|ты ~1 вообще ~1 понимать|понимаете|понимаешь|соображать|соображаете",
        "ну ~1 вы|ты ~1 давать|даёте|даете",
        "какая разница",
        "разобраться|разберитесь|разбирайтесь ~1 сами|сам",
        "вы|ты ~1 издеваться|издеваетесь|издеваешься",
        "господи",
        "=чёрт|=черт",  # not "черта", "черту" (a feature, a line)
        "блин",
        "ну и ~1 люди",
        "это ~1 же ~1 элементарно",
        "вы|ты ~1 безнадёжный|безнадежный|безнадёжны|безнадежны|безнадёжен|безнадежен",
        "стыдно ~1 должно",
        "вы|ты ~1 как ~1 ребёнок|ребенок|дитя",
        "=учитесь|=научитесь|=учись|=научись ~1 пользоваться",
        "непонятливый|непонятливая|непонятливые",
        "сам|сами ~1 напроситься|напросились|напросился",
        "вы|ты ~1 меня ~1 достать|достали|достал",
    ),
    "pl": (
        "pan|pani|ty ~3 jest|jesteś|być ~1 głupi|głupia|ślepy|ślepa|głuchy|głucha|tępy|tępa",
        "czy ~1 pan|pani|ty ~1 głupi|głupia|ślepy|ślepa|głuchy|głucha",
        # A question in the other order: "Jest pan ślepy?"
        "być ~1 pan|pani|ty ~1 głupi|głupia|ślepy|ślepa|głuchy|głucha|tępy|tępa",
        "głupi|głupie|idiotyczny|idiotyczne|debilny|debilne pytanie|prośba|reklamacja|skarga",
        "zamknąć się",
        "zamknąć ~1 buzia|buzię|mordę|morda|dziób|jadaczkę",
        "użyć|ruszyć|włączyć|użyj|rusz|ruszyć ~1 mózg|mózgiem|głowa|głową|rozum|rozumu|"
        "mózgownica|mózgownicą",
        "przestać ~1 marudzić|jęczeć|narzekać|płakać|histeryzować|biadolić|zrzędzić|"
        "wydziwiać|dramatyzować|przesadzać",
        "nie marudzić|jęczeć|histeryzować|biadolić|dramatyzować|marudź|jęcz|histeryzuj",
        "naucz|nauczyć|nauczcie ~2 czytać",
        "nie ~1 umieć|umie|umiesz ~1 czytać",
        "czytać|przeczytać ~2 ze zrozumieniem",
        "ile razy ~3 powtarzać|tłumaczyć|mówić",
        "po raz setny|tysięczny|enty|dziesiąty",
        "nawet dziecko|przedszkolak",
        "każdy głupi",
        "jak krowie na rowie",
        "co ~1 z ~1 pan|pani|tobą ~1 nie tak",
        "dziękuję|dzięki za nic",
        "kogo to obchodzi",
        "nie ~1 rozśmieszać|rozśmieszaj|rozśmieszajcie",
        "zawracać ~1 głowę|głowa|gitarę",
        "marnować|tracić ~2 nasz|mój|nasze|moje ~1 czas",
        "dorosły ~1 człowiek",
        "nie ~1 fizyka kwantowa",
        "nie ~1 wymyślać|wymyślaj|zmyślać|zmyślaj",
        "nie =mój =problem",  # not "nie ma problemu"
        "uspokoić|uspokój|uspokójcie się",
        "czy to ~1 takie trudne",
        "wygooglować|wygoogluj|wygoogluje|wygooglujcie",
        "pan|pani|ty ~1 chyba ~1 żartować|żartuje|żartujesz",
        "pan|pani|ty ~2 kpić|kpi|kpisz",
        "nie ~1 gadać|gadaj|pleść|pleć ~1 głupot|głupoty|bzdur|bzdury",
        "co za różnica",
        "niech ~2 nie ~1 przesadza|przesadzać",
        "na litość boską",
        "cholera",
        "jezu",
        "do diabła",
        "=ludzie =ludzie",
        "=elementarne",
        "pan|pani|ty ~2 beznadziejny|beznadziejna|beznadziejni",
        "zachowywać ~3 jak ~1 dziecko",
        "naucz|nauczyć|nauczcie ~2 obsługiwać|korzystać|używać",
        "niekumaty|niekumata",
        "sam|sama ~3 prosić",
        "nie =bądź|=bądźcie ~1 tępy|głupi|tępa|głupia|dzieckiem",
        "mieć ~1 pana|pani|was|ciebie|cię ~1 dość",
    ),
}

PUTDOWN_LEADS = {
    "en": "well done|nice one|good job|great job|bravo|congratulations|thanks|listen|"
    "look|okay|ok|sure|right",
    "ru": "молодец|браво|поздравляю|спасибо|слушайте|послушайте|ну",
    "pl": "brawo|gratulacje|dzięki|dziękuję|słuchaj|posłuchaj|no",
}

_WORD_RE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)*$")


def _lexicon_path() -> Path | None:
    """Where the package keeps its dictionaries, found without importing it."""
    spec = importlib.util.find_spec("glin_profanity")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionaries"


@cache
def lexicon_words(language: str) -> tuple[str, ...]:
    """The package's entries for ``language`` that the rules use (plain words and phrases)."""
    name = _LEXICON_FILES.get(language)
    folder = _lexicon_path()
    if name is None or folder is None:
        return ()
    entries = json.loads((folder / name).read_text(encoding="utf-8"))["words"]
    excluded = LEXICON_EXCLUDED.get(language, frozenset())
    return tuple(
        entry.lower()
        for entry in entries
        if _WORD_RE.match(entry.lower()) and entry.lower() not in excluded
    )


@cache
def abuse_patterns(language: str) -> tuple[str, ...]:
    """Every abuse pattern of ``language`` in the pattern language, phrases first."""
    words = set(INSULT_WORDS[language].split())
    lexicon = lexicon_words(language)
    phrases = tuple(f"={w.replace(' ', ' =')}" for w in lexicon if " " in w)
    words.update(w for w in lexicon if " " not in w)
    return (
        *PUTDOWN_PATTERNS[language],
        *phrases,
        *PROFANITY_PREFIXES[language].split(),
        "|".join(sorted(words)),
    )


def _addressed(text: str, tokens: list[Token], i: int, leads: frozenset[str]) -> bool:
    """Token ``i`` is said to the reader: "…, genius", "genius, …", "well done genius"."""
    before = text[: tokens[i].start].rstrip()
    after = text[tokens[i].end :].lstrip()
    if before.endswith(","):
        return True
    if tokens[i].sentence_start and after[:1] in (",", "!"):
        return True
    previous = tokens[i - 1] if i else None
    return bool(
        previous
        and previous.sentence == tokens[i].sentence
        and previous.keys & leads
        and (not after or after[:1] in ".!?,")
    )


@cache
def _vocative_keys(language: str) -> tuple[frozenset[str], frozenset[str]]:
    words = VOCATIVE_PUTDOWNS[language].split()
    leads = PUTDOWN_LEADS[language].split("|")
    return (
        frozenset().union(*(word_keys(language, w) for w in words)),
        frozenset().union(*(word_keys(language, w) for w in leads)),
    )


def find_abuse(language: str, text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Token spans of abusive words and phrases in ``tokens``, in text order."""
    spans = find_spans(language, abuse_patterns(language), tokens)
    vocatives, leads = _vocative_keys(language)
    for i, token in enumerate(tokens):
        addressed = token.keys & vocatives and _addressed(text, tokens, i, leads)
        if addressed and not any(a <= i < b for a, b in spans):
            spans.append((i, i + 1))
    return sorted(spans)
