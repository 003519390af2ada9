"""Rule-based scoring of a "positive rephrasing" answer in English, Russian or Polish.

The agent rewrites a negative reply. ``score_reply`` looks for what makes a reply
negative (a refusal without an alternative, hiding behind policy, blaming or
commanding the customer, internal jargon) and for what makes it positive (an
alternative, a next step with a time, ownership, acknowledging the customer, the
original's facts kept). Words are compared by lemma (simplemma) and stem (Snowball),
so one table entry covers every inflected form. The rules are data, per language, in
``rephrasing_rules``; ``rephrasing_patterns`` matches them; this module turns the
matches into findings and a score: ``BASE_SCORE`` plus rewards minus penalties, each
code counted once, capped at ``MAJOR_PENALTY_CAP`` after a major penalty, 0-100.

A person reviews the result afterwards: the score is a first opinion, not a verdict.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Literal

from courses.scoring.rephrasing_abuse import find_abuse
from courses.scoring.rephrasing_patterns import Token, find_spans, lemma, negators, tokenize
from courses.scoring.rephrasing_rules import RULES
from courses.scoring.rephrasing_tone import Tone, tone_of

SUPPORTED_LANGUAGES = ("en", "ru", "pl")

GOOD_REWRITE_THRESHOLD = 60
BASE_SCORE = 50
# An insult, a slur or a put-down fails the reply whatever else it does well.
ABUSE_CAP = 20
# A reply that still blames, commands, hides behind policy, uses jargon or refuses
# without an alternative must not pass, however polite the rest of it is.
MAJOR_PENALTY_CAP = 50

REWARD_POINTS = {
    "alternative": 15,
    "next_step": 15,
    "ownership": 10,
    "acknowledgement": 10,
    "facts_kept": 10,
}
PENALTY_POINTS = {
    "refusal": 25,
    "refusal_softened": 5,
    "policy": 20,
    "blame": 25,
    "command": 20,
    "jargon": 20,
    "facts_dropped": 15,
    "vague_promise": 10,
    "no_next_step": 10,
    "empty": 0,
    "abuse": 50,
}
MAJOR_PENALTIES = frozenset({"refusal", "policy", "blame", "command", "jargon"})
# When two penalty matches overlap, the earlier code here keeps the words:
# "you must have" is blame, not also a command.
PENALTY_PRIORITY = ("blame", "refusal", "policy", "command", "jargon", "vague_promise")

# The tone of the wording (-1..+1) is worth up to this many points either way: enough
# to rank a constructive reframe above a bleak original, too little to outweigh the
# rubric (a major penalty still caps the score).
TONE_POINTS = 30
# A text that neither speaks to a reader nor for a team (no "you", "we", "sorry",
# "please") is not shaped like a support reply: the rubric has less to say about it,
# so its tone counts for more, moving the score a share of the way to 0 or 100.
UNSHAPED_TONE_POINTS = 50
TONE_CODES = ("tone_negative", "tone_positive")
# Kinds of tone words highlighted for each direction.
_TONE_KINDS = {
    "tone_negative": ("catastrophe", "negative", "absolute"),
    "tone_positive": ("reframe", "positive"),
}

# Share of the original's key words that a rewrite keeps to earn / lose points.
FACT_WORDS_KEPT_SHARE = 0.4
FACT_WORDS_DROPPED_SHARE = 0.2
FACT_WORDS_MIN_COUNT = 4

FINDING_CODES: dict[str, str] = {
    "empty": "The reply is empty.",
    "abuse": "Insults or puts down the customer.",
    "tone_negative": "Bleak wording: negative, catastrophising or absolute words.",
    "tone_positive": "Constructive wording that reframes the problem.",
    "refusal": "Refuses without offering an alternative.",
    "refusal_softened": "Refuses, but offers an alternative; lead with what you can do.",
    "policy": "Hides behind policy or rules instead of explaining.",
    "blame": "Blames the customer or shifts the blame elsewhere.",
    "command": "Orders the customer about or tells them how to feel.",
    "jargon": "Uses internal jargon the customer may not understand.",
    "vague_promise": "Promises to get back without saying when.",
    "no_next_step": "Gives no next step, alternative or commitment.",
    "facts_dropped": "Drops facts of the original reply.",
    "alternative": "Offers an alternative or a choice.",
    "next_step": "Names a concrete next step with a time.",
    "ownership": "Takes ownership: says what you will do.",
    "acknowledgement": "Acknowledges the customer (understanding, apology or thanks).",
    "facts_kept": "Keeps the facts of the original reply.",
}

_REWARD_PATTERN_CODES = ("alternative", "ownership", "acknowledgement")
# Order ids, codes, amounts, dates and times: "48213", "SPRING10", "18:00", "14" of "14-day".
_NUMBER_RE = re.compile(r"[^\W_]*\d[^\W_]*(?:[.:/]\d+)*")


@dataclass(frozen=True)
class Finding:
    """One rule that fired: where in the text, and how many points it is worth.

    ``text[start:end] == excerpt``. Findings about the reply as a whole (``empty``,
    ``no_next_step``, ``facts_dropped``) have ``start == end == 0``; a dropped number
    is quoted, from the original, in ``excerpt``.
    """

    code: str
    kind: Literal["penalty", "reward"]
    points: int
    message: str
    start: int
    end: int
    excerpt: str


@dataclass(frozen=True)
class RephrasingResult:
    """The score (0-100) and the findings that explain it."""

    score: int
    findings: tuple[Finding, ...]
    language: str

    @property
    def passed(self) -> bool:
        return self.score >= GOOD_REWRITE_THRESHOLD

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "passed": self.passed,
            "language": self.language,
            "findings": [asdict(f) for f in self.findings],
        }


def _normalize_language(language: str) -> str:
    code = (language or "").replace("_", "-").split("-")[0].lower()
    if code not in SUPPORTED_LANGUAGES:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        raise ValueError(f"Unsupported language {language!r}: expected one of {supported}.")
    return code


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _rule_spans(language: str, text: str, tokens: list[Token]) -> dict[str, list[tuple[int, int]]]:
    """Token spans per code after shields, penalty priority and negation are applied."""
    rules = RULES[language]
    negation = negators(language)
    shields = find_spans(language, rules.shields, tokens)
    spans: dict[str, list[tuple[int, int]]] = {}
    taken: list[tuple[int, int]] = []  # penalty words, then reward words
    timed_sentences = {
        tokens[a].sentence for a, _ in find_spans(language, rules.patterns["time"], tokens)
    }
    for code in PENALTY_PRIORITY:
        spans[code] = [
            span
            for span in find_spans(language, rules.patterns[code], tokens)
            if not any(_overlaps(span, s) for s in shields)
            and not any(_overlaps(span, t) for t in taken)
            # "I'll let you know by Friday" is a next step, not a vague promise.
            and not (code == "vague_promise" and tokens[span[0]].sentence in timed_sentences)
        ]
        taken.extend(spans[code])

    def next_to_negator(i: int, j: int) -> bool:
        """Token ``j`` is a negation right after / before token ``i``, no comma between."""
        if not 0 <= j < len(tokens) or tokens[j].text not in negation:
            return False
        a, b = sorted((i, j))
        return not text[tokens[a].end : tokens[b].start].strip()

    def negated(span: tuple[int, int]) -> bool:
        return next_to_negator(span[0], span[0] - 1) or next_to_negator(span[1] - 1, span[1])

    # Rewards never share words with a penalty or an earlier reward: "we will not" is
    # no ownership, "I can send" is an alternative and not also ownership.
    for code in ("time", *_REWARD_PATTERN_CODES):
        spans[code] = [
            span
            for span in find_spans(language, rules.patterns[code], tokens)
            if not negated(span) and not any(_overlaps(span, t) for t in taken)
        ]
        taken.extend(spans[code])
    return spans


def _finding(code: str, text: str, tokens: list[Token], span: tuple[int, int]) -> Finding:
    start, end = tokens[span[0]].start, tokens[span[1] - 1].end
    kind: Literal["penalty", "reward"] = "reward" if code in REWARD_POINTS else "penalty"
    return Finding(code, kind, 0, FINDING_CODES[code], start, end, text[start:end])


@lru_cache(maxsize=512)
def _original_facts(language: str, original: str) -> tuple[tuple[str, ...], tuple[Token, ...]]:
    """The numbers and key words (one token per lemma) of an original reply.

    Words inside the original's own rule matches ("can't", "SLA", "policy") are the
    negative part the rewrite should lose, so they are not facts. Cached: every draft
    of a live-practice exercise is checked against the same original.
    """
    rules = RULES[language]
    original_tokens = tokenize(original, language)
    in_rules = {
        i
        for code_spans in _rule_spans(language, original, original_tokens).values()
        for a, b in code_spans
        for i in range(a, b)
    }
    rule_chars = [(original_tokens[i].start, original_tokens[i].end) for i in in_rules]
    numbers = list(
        dict.fromkeys(
            m.group().lower()
            for m in _NUMBER_RE.finditer(original)
            if not any(a < m.end() and m.start() < b for a, b in rule_chars)
        )
    )
    stop_words = {w for word in rules.stopwords.split() for w in (word, lemma(language, word))}
    key_words: dict[str, Token] = {}
    for i, token in enumerate(original_tokens):
        if (
            not token.is_number
            and len(token.text) >= 4
            and i not in in_rules
            and token.text not in stop_words
            and token.lemma not in stop_words
            and not re.search(rules.not_key_word, token.lemma)
        ):
            key_words.setdefault(token.lemma, token)
    return tuple(numbers), tuple(key_words.values())


def _fact_findings(language: str, text: str, tokens: list[Token], original: str) -> list[Finding]:
    """Numbers, ids and key words of ``original`` that the rewrite keeps or drops."""
    numbers, key_words = _original_facts(language, original)
    findings: list[Finding] = []
    text_numbers = {m.group().lower(): m for m in _NUMBER_RE.finditer(text)}
    missing = [n for n in numbers if n not in text_numbers]
    for number in missing:
        message = f"Drops {number!r} from the original reply."
        findings.append(Finding("facts_dropped", "penalty", 0, message, 0, 0, number))

    kept = [
        next(t for t in tokens if t.keys & source.keys)
        for source in key_words
        if any(t.keys & source.keys for t in tokens)
    ]
    share = len(kept) / len(key_words) if key_words else 1.0
    enough_words = len(key_words) >= FACT_WORDS_MIN_COUNT
    if enough_words and share < FACT_WORDS_DROPPED_SHARE:
        message = f"Keeps only {len(kept)} of {len(key_words)} key words of the original."
        findings.append(Finding("facts_dropped", "penalty", 0, message, 0, 0, ""))
    elif not missing and (numbers or enough_words) and share >= FACT_WORDS_KEPT_SHARE:
        if numbers:
            start, end = text_numbers[numbers[0]].span()
        elif kept:
            start, end = kept[0].start, kept[0].end
        else:
            start = end = 0
        message = f"Keeps the original's numbers and {len(kept)} of {len(key_words)} key words."
        findings.append(Finding("facts_kept", "reward", 0, message, start, end, text[start:end]))
    return findings


def score_reply(text: str, *, language: str, original: str | None = None) -> RephrasingResult:
    """Score a rewritten reply from 0 to 100; ``original`` enables the facts check."""
    language = _normalize_language(language)
    tokens = tokenize(text or "", language)
    if not tokens:
        empty = Finding("empty", "penalty", 0, FINDING_CODES["empty"], 0, 0, "")
        return RephrasingResult(score=0, findings=(empty,), language=language)

    spans = _rule_spans(language, text, tokens)
    findings: list[Finding] = []
    abuse = find_abuse(language, text, tokens)
    if abuse:
        words = ", ".join(
            dict.fromkeys(text[tokens[a].start : tokens[b - 1].end] for a, b in abuse)
        )
        message = f"{FINDING_CODES['abuse'][:-1]}: {words}."
        findings.extend(
            replace(_finding("abuse", text, tokens, span), message=message) for span in abuse
        )
    has_alternative = bool(spans["alternative"])
    for code in PENALTY_PRIORITY:
        shown = "refusal_softened" if code == "refusal" and has_alternative else code
        findings.extend(_finding(shown, text, tokens, span) for span in spans[code])
    for code in _REWARD_PATTERN_CODES:
        findings.extend(_finding(code, text, tokens, span) for span in spans[code])

    # A time is a next step only in a sentence that is not itself negative.
    penalised_sentences = {tokens[a].sentence for code in PENALTY_PRIORITY for a, _ in spans[code]}
    # "I'll be stuck here all week" names a time in a catastrophising sentence: no next step.
    tone = tone_of(language, text, tokens)
    penalised_sentences |= {
        tokens[a].sentence for kind in ("catastrophe", "negative") for a, _ in tone.spans[kind]
    }
    # "Looking after the kids today" names a time but promises nothing: a time is a next
    # step only in a sentence that commits to something (says what will be done, offers).
    committed_sentences = {
        tokens[a].sentence
        for a, _ in (
            *spans["ownership"],
            *spans["alternative"],
            *find_spans(language, RULES[language].patterns["commitment"], tokens),
        )
    }
    findings.extend(
        _finding("next_step", text, tokens, span)
        for span in spans["time"]
        if tokens[span[0]].sentence not in penalised_sentences
        and tokens[span[0]].sentence in committed_sentences
    )
    reply_shaped = bool(find_spans(language, RULES[language].patterns["reader"], tokens))
    if reply_shaped and not any(
        f.code in ("next_step", "alternative", "ownership") for f in findings
    ):
        findings.append(
            Finding("no_next_step", "penalty", 0, FINDING_CODES["no_next_step"], 0, 0, "")
        )
    if original and original.strip():
        findings.extend(_fact_findings(language, text, tokens, original))
    findings.extend(_tone_findings(language, text, tokens, tone))

    return _scored(findings, language, tone=tone.value, reply_shaped=reply_shaped)


def _tone_findings(language: str, text: str, tokens: list[Token], tone: Tone) -> list[Finding]:
    """The words that set the tone, in its direction; ``_scored`` gives the first its points."""
    if not tone.value:
        return []
    code = "tone_positive" if tone.value > 0 else "tone_negative"
    kind: Literal["penalty", "reward"] = "reward" if tone.value > 0 else "penalty"
    spans = sorted(span for k in _TONE_KINDS[code] for span in tone.spans[k])
    if not spans:
        return [Finding(code, kind, 0, FINDING_CODES[code], 0, 0, "")]
    return [replace(_finding(code, text, tokens, span), kind=kind) for span in spans]


def _scored(
    findings: list[Finding], language: str, *, tone: float = 0.0, reply_shaped: bool = True
) -> RephrasingResult:
    """Give each code its points once (repeats show 0) and add them up.

    The tone (-1..+1) is worth ``TONE_POINTS`` times itself in a reply. In a text not
    shaped like one it moves the rubric's score a share of the way to 100 (or to 0):
    ``UNSHAPED_TONE_POINTS`` times the tone at the middle of the scale, less near the
    ends, so two texts the rubric sees alike still differ by their tone instead of both
    hitting 0 or 100.
    """
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    seen: set[str] = set()
    points_of: list[int] = []
    rubric = BASE_SCORE
    for finding in findings:
        points = 0
        if finding.code not in TONE_CODES and finding.code not in seen:
            seen.add(finding.code)
            if finding.kind == "reward":
                points = REWARD_POINTS[finding.code]
            else:
                points = -PENALTY_POINTS[finding.code]
        rubric += points
        points_of.append(points)
    if reply_shaped:
        tone_total = round(tone * TONE_POINTS)
    else:
        room = (100 - max(0, min(100, rubric))) if tone > 0 else max(0, min(100, rubric))
        tone_total = round(tone * UNSHAPED_TONE_POINTS * room / (100 - BASE_SCORE))
    first_tone = next((i for i, f in enumerate(findings) if f.code in TONE_CODES), None)
    if first_tone is not None:
        points_of[first_tone] = tone_total
    score = rubric + tone_total
    if seen & MAJOR_PENALTIES:
        score = min(score, MAJOR_PENALTY_CAP)
    if "abuse" in seen:
        score = min(score, ABUSE_CAP)
    score = max(0, min(100, score))
    scored = tuple(replace(f, points=p) for f, p in zip(findings, points_of, strict=True))
    return RephrasingResult(score=score, findings=scored, language=language)
