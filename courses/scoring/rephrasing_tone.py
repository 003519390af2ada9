"""The emotional tone of a reply's wording, from -1 (bleak) to +1 (constructive).

The support rubric of ``rephrasing`` sees what a reply does (refuses, blames, offers,
commits); this module sees how it sounds. Four kinds of words move the tone:

- negative emotion ("angry", "upset", "разочарован", "zawiedziony") and
  catastrophising ("disaster", "ruined", "кошмар", "katastrofa") pull it down;
- absolutes ("always", "never", "nothing", "всегда", "nigdy") pull it down, because
  they turn one bad event into a rule;
- neutralising reframes ("at least", "the good news", "opportunity", "к счастью",
  "na szczęście"), concessions that turn from the bad part to the rest ("although",
  "хотя", "choć") and constructive, forward-looking words ("glad", "will", "learn")
  push it up.

A negated word turns round: "not a problem", "не проблема", "nie problem" are not
negative; a reframe denied right after ("I can't", "we won't") adds nothing. In
English each negation outside a reassuring phrase ("no problem", "can't wait") is
itself a little bleak: saying what is not frames a thought negatively. English adds
the VADER lexicon (vaderSentiment, MIT), a general valence lexicon for short informal
texts; Russian and Polish use our tables only (matched by lemma, so one entry covers
every inflected form).

``tone_of`` returns the tone and the token spans of the words that moved it, so the
findings can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from courses.scoring.rephrasing_patterns import Token, find_spans, negators
from courses.scoring.rephrasing_rules import RULES

# How much one word of each kind moves the raw tone before squashing.
NEGATIVE_WEIGHT = 1.0
CATASTROPHE_WEIGHT = 1.5
ABSOLUTE_WEIGHT = 0.5
REFRAME_WEIGHT = 1.5
POSITIVE_WEIGHT = 1.0
# Each negation ("not", "can't", "no") pulls the raw tone down by this much. Russian and
# Polish negate every word of a clause ("никто ничего не", "nikt nic nie"), so counting
# their negators would count one thought several times: they have none.
NEGATION_WEIGHT = {"en": 0.5, "ru": 0.0, "pl": 0.0}
# Share of the English tone that comes from VADER's compound score.
VADER_SHARE = 0.5
# Raw tone of this size is about three quarters of the way to +-1.
TONE_SCALE = 2.0

NEGATIVE = {
    "en": "angry annoy annoyed upset frustrate frustrated sad unhappy disappoint "
    "disappointed depressed depressing miserable stress stressed stressful worry worried "
    "anxious afraid scared fear hate hated bored boring tired exhausted sick lonely "
    "problem issue fault fail failed failure bad worse wrong broken damage damaged "
    "annoying hurt pain painful unfortunately suck sucks mess lose lost loss "
    "cry crying ugh hard difficult struggle struggling unfair late delay delayed "
    "complain complaint regret rubbish waste useless inconvenient inconvenience fml",
    "ru": "злой злиться расстроить расстроенный расстраивать грустный грусть печальный "
    "разочаровать разочарованный разочарование обидно обида тревога тревожный бояться "
    "страх ненавидеть скучный устать усталый больной одинокий проблема ошибка вина "
    "виноватый провал плохой плохо хуже неправильный сломать сломанный повреждение "
    "повреждённый неприятный неприятность больно боль жалоба жаловаться "
    "сожаление потерять потеря сложно трудно трудный задержка опоздать несправедливо "
    "бесполезный неудобство неудобный отказ нельзя бесить раздражать раздражение "
    "раздражённый нервничать нервный паника паниковать отчаяние отчаяться депрессия "
    "одиночество стыд стыдно тоска тоскливый надоесть отстой",
    "pl": "zły złość zdenerwowany denerwować smutny smutek rozczarowany rozczarowanie "
    "zawiedziony niepokój martwić bać strach nienawidzić nudny zmęczony "
    "chory samotny problem błąd wina winny porażka niestety źle gorszy gorzej zepsuty "
    "zepsuć uszkodzony uszkodzenie nieprzyjemny ból boleć szkoda skarga narzekać "
    "stracić strata trudny trudno opóźnienie opóźniony spóźniony niesprawiedliwy "
    "bezużyteczny niedogodność niewygodny odmowa irytować irytujący wkurzać wkurzony "
    "zdenerwować panika panikować rozpacz depresja samotność wstyd tęsknota nuda "
    "męczyć męczący",
}

CATASTROPHE = {
    "en": "disaster disastrous catastrophe catastrophic nightmare terrible horrible awful "
    "horrendous worst ruin ruined ruins hopeless pointless unbearable impossible "
    "unacceptable outrageous ridiculous furious devastate devastated doom doomed "
    "die dying dead kill killing hell insane crazy",
    "ru": "катастрофа катастрофический кошмар кошмарный ужас ужасный ужасно худший "
    "испортить испорченный безнадёжный бессмысленный невыносимый невозможно "
    "неприемлемый возмутительный бешенство ад безумие конец крах жуть жуткий "
    "погибнуть умереть смерть",
    "pl": "katastrofa katastrofalny koszmar koszmarny tragedia tragiczny okropny "
    "okropnie straszny strasznie najgorszy zrujnować zrujnowany beznadziejny "
    "bezsensowny niemożliwe niedopuszczalny skandaliczny wściekły "
    "piekło masakra koniec klęska dramat horror fatalny fatalnie zginąć umrzeć śmierć",
}

ABSOLUTES = {
    "en": "always never nothing nobody everything everyone completely totally entirely "
    "forever constantly absolutely ever everyday literally",
    "ru": "всегда никогда ничего ничто никто всё вечно постоянно совершенно полностью абсолютно "
    "каждый ежедневно вообще нигде",
    "pl": "zawsze nigdy nic nikt wszystko wiecznie ciągle całkowicie kompletnie "
    "zupełnie absolutnie każdy codziennie wcale nigdzie",
}

# Phrases that neutralise a bad event or look for its good side.
REFRAMES = {
    "en": (
        "at least",
        "good news",
        "bright side",
        "silver lining",
        "the good thing",
        "luckily|fortunately|thankfully|hopefully",
        "opportunity|chance",
        "learn|lesson",
        "look forward",
        "next time",
        "on the plus side",
        "it be okay|ok|fine",
        "not the end of the world",
        "step by step",
        "one step",
        "work on",
        "grateful|thankful|appreciate",
        "progress|improve|improvement|grow|growth",
        "i|we will|can|='ll",
        "figure ~2 out",
        "move on",
        "make it through",
        "get through",
        "stay|remain|keep|be calm|positive|focused|patient",
        "focus on",
        "take ~1 rest|break|breath",
        "so i|we can",
        "ready",
        "normal|natural|okay|fine",
        "soon",
        "worth it",
        "manage|handle|solve|fix|sort",
        # Conceding the bad part to turn to the rest ("although it was hard, ...").
        "although|though|despite|eventually",
        "be able to",
        "productive|organize|organise|prepare|plan|goal|skill|experience|patience|result",
        "concentrate|finish|achieve|accomplish",
    ),
    "ru": (
        "по крайней мере",
        "хотя бы",
        "хорошая новость",
        "к счастью",
        "зато",
        "надеяться|надеюсь",
        "возможность|шанс",
        "научиться|урок|опыт",
        "в следующий раз",
        "с нетерпением",
        "ничего страшного",
        "не конец света",
        "шаг за шагом",
        "благодарный|благодарить|ценить",
        "улучшить|улучшение|прогресс|расти|рост",
        "я|мы ~1 сделать|помочь|решить|справиться|проверить|отправить|найти",
        "справиться|решить|исправить|уладить",
        "сохранять ~1 спокойствие",
        "скоро|готовый",
        "нормально|нормальный",
        "хотя|несмотря",
        "в итоге",
        "со временем",
        "смочь",
        "продуктивный|организовать|подготовиться|план|цель|навык|терпение|результат",
        "сосредоточиться|закончить|достичь|добиться",
    ),
    "pl": (
        "przynajmniej|chociaż",
        "dobra wiadomość",
        "na szczęście",
        "za to",
        "mieć nadzieję|nadzieja",
        "okazja|szansa|możliwość",
        "nauczyć|lekcja|doświadczenie",
        "następnym razem",
        "z niecierpliwością",
        "nic strasznego|nie szkodzi",
        "nie koniec świata",
        "krok po kroku",
        "wdzięczny|doceniać",
        "poprawić|poprawa|postęp|rozwój|rozwijać",
        "poradzić|rozwiązać|naprawić|załatwić",
        "zachować ~1 spokój",
        "wkrótce|niedługo|gotowy",
        "normalny|normalne|naturalne",
        "choć|mimo",
        "w końcu",
        "z czasem",
        "być w stanie",
        "produktywny|zorganizować|przygotować|plan|cel|umiejętność|cierpliwość|wynik",
        "skupić|skończyć|osiągnąć",
    ),
}

POSITIVE = {
    "en": "glad happy pleased delighted excited love enjoy great good nice wonderful "
    "fantastic excellent perfect better best fun proud calm relax relaxed confident "
    "ready thank thanks welcome help helpful gladly sure positive hope fresh new",
    "ru": "рад радость довольный счастливый приятно отлично отличный хороший хорошо "
    "прекрасный замечательный лучше лучший спокойно уверенный готовый спасибо "
    "благодарить помочь помощь конечно новый",
    "pl": "zadowolony szczęśliwy cieszyć miło świetnie świetny dobry dobrze wspaniały "
    "doskonały lepszy lepiej najlepszy spokojnie pewny gotowy dziękować dziękuję pomóc "
    "pomoc chętnie nowy",
}


@dataclass(frozen=True)
class Tone:
    """The tone of a text and the token spans behind it, per kind of word."""

    value: float
    spans: dict[str, list[tuple[int, int]]]


@cache
def _word_pattern(language: str, table: str) -> tuple[str, ...]:
    words = {
        "negative": NEGATIVE,
        "catastrophe": CATASTROPHE,
        "absolute": ABSOLUTES,
        "positive": POSITIVE,
    }[table][language].split()
    return ("|".join(words),)


@cache
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # the English tone then rests on our tables alone
        return None
    return SentimentIntensityAnalyzer()


def _squash(raw: float) -> float:
    return raw / (abs(raw) + TONE_SCALE / 3)


def tone_of(language: str, text: str, tokens: list[Token]) -> Tone:
    """The tone of ``text`` (already tokenised) from -1 to +1."""
    negation = negators(language)
    reassuring = find_spans(language, RULES[language].shields, tokens)

    def is_negation(i: int) -> bool:
        """A negator outside a reassuring phrase ("no problem", "can't wait")."""
        return tokens[i].text in negation and not any(a <= i < b for a, b in reassuring)

    def negated(span: tuple[int, int]) -> bool:
        """Negated from before: "not happy", "не проблема"."""
        before = tokens[max(0, span[0] - 2) : span[0]]
        return any(t.text in negation and t.sentence == tokens[span[0]].sentence for t in before)

    def denied(span: tuple[int, int]) -> bool:
        """Denied right after: "I can't", "we won't" say nothing constructive."""
        return span[1] < len(tokens) and is_negation(span[1])

    spans: dict[str, list[tuple[int, int]]] = {}
    taken: list[tuple[int, int]] = []
    tables = {"reframe": REFRAMES[language]}
    for kind in ("catastrophe", "negative", "absolute", "positive"):
        tables[kind] = _word_pattern(language, kind)
    for kind in ("reframe", "catastrophe", "negative", "absolute", "positive"):
        found = [
            span
            for span in find_spans(language, tables[kind], tokens)
            if not any(a < span[1] and span[0] < b for a, b in taken)
        ]
        spans[kind] = found
        taken.extend(found)

    raw = 0.0
    weights = {
        "catastrophe": -CATASTROPHE_WEIGHT,
        "negative": -NEGATIVE_WEIGHT,
        "absolute": -ABSOLUTE_WEIGHT,
        "reframe": REFRAME_WEIGHT,
        "positive": POSITIVE_WEIGHT,
    }
    # An absolute turns a bad event into a rule ("nothing ever works"); in a sentence
    # with nothing bad in it ("nie musi Pan nic robić") it is only grammar.
    bleak_sentences = {
        tokens[a].sentence for kind in ("catastrophe", "negative") for a, _ in spans[kind]
    }
    spans["absolute"] = [s for s in spans["absolute"] if tokens[s[0]].sentence in bleak_sentences]
    for kind, weight in weights.items():
        kept = []
        for span in spans[kind]:
            # "not bad", "не проблема": a negated negative word is mildly positive,
            # a negated positive one ("not happy") is negative; neither is shown as its kind.
            if kind == "reframe" and denied(span):
                continue  # the negation itself already counts as bleak
            if negated(span) and kind != "absolute":
                raw -= weight / 2
            else:
                raw += weight
                kept.append(span)
        spans[kind] = kept
    # Saying what is not ("I can't", "nobody cares") frames a thought negatively; a
    # reassuring negation ("no problem", "you don't need to") does not.
    raw -= NEGATION_WEIGHT[language] * sum(is_negation(i) for i in range(len(tokens)))
    sentences = max(1, len({t.sentence for t in tokens}))
    value = _squash(raw / sentences**0.5)
    if language == "en" and (vader := _vader()) is not None:
        compound = vader.polarity_scores(text)["compound"]
        value = VADER_SHARE * compound + (1 - VADER_SHARE) * value
    return Tone(value=value, spans=spans)
