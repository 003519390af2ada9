"""The pattern language of the rephrasing rules: tokens, lemmas and matching.

A pattern is space-separated elements that must all fall in one sentence:

- ``word``: any form of the word (same lemma, stem or spelling), ``=word``: exactly
  this spelling, ``word*``: a spelling that starts with ``word``;
- ``a|b|c``: any alternative; a trailing ``?`` makes the element optional;
- ``@name``: any word of the language's ``classes[name]``; ``#``: a number;
  ``*``: any word;
- ``:1p`` / ``:2p`` / ``:imp`` / ``:past`` after a word, class or ``*``: and in that
  verb form (see ``LanguageRules.forms``: a regex on the spelling, one on the lemma);
- ``~N``: up to N words in between, never a negation; ``^``: start of a sentence.

Lemmas come from simplemma and stems from Snowball, both offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import simplemma
import snowballstemmer

from courses.scoring.rephrasing_rules import RULES, LanguageRules

_EN_TOKEN_RE = re.compile(
    r"\d+(?:[.:,]\d+)*"
    r"|(?i:can)(?=not\b)"  # "cannot" is read as "can not"
    r"|[^\W\d_]+(?=n['’]t\b)|n['’]t\b"  # "can't" as "ca" + "n't"
    r"|['’][^\W\d_]+"  # "'ll", "'s"
    r"|[^\W_]+"
)
_TOKEN_RE = re.compile(r"\d+(?:[.:,]\d+)*|[^\W_]+")
_SENTENCE_END_RE = re.compile(r"[.!?;…]+(?=\s|$)|\n")


@dataclass(frozen=True)
class Token:
    """A word or number of the text, with what it is compared by."""

    text: str  # lower-cased, contractions expanded
    start: int
    end: int
    sentence: int
    sentence_start: bool
    keys: frozenset[str]
    lemma: str
    is_number: bool


@cache
def _stemmer(name: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(name)


@cache
def lemma(language: str, word: str) -> str:
    """The dictionary form of ``word`` (simplemma, offline), lower-cased."""
    return simplemma.lemmatize(word, lang=language).lower()


@cache
def word_keys(language: str, word: str) -> frozenset[str]:
    """Spelling, lemma and stems of a word; two words match when these intersect."""
    word = word.lower()
    rules = RULES[language]
    keys = set()
    for spelling in {word, word.replace("ё", "е")}:
        base = lemma(language, spelling)
        keys.update((spelling, base))
        for stem in (
            _stemmer(rules.stemmer).stemWord(spelling),
            _stemmer(rules.stemmer).stemWord(base),
        ):
            # Short stems ("na", "ем") collide with unrelated words.
            if len(stem) >= 4:
                keys.add("~" + stem)
    return frozenset(keys)


def tokenize(text: str, language: str) -> list[Token]:
    """Words and numbers of ``text`` with their offsets and sentence numbers."""
    rules = RULES[language]
    pattern = _EN_TOKEN_RE if language == "en" else _TOKEN_RE
    sentence_ends = [m.end() for m in _SENTENCE_END_RE.finditer(text)]
    tokens: list[Token] = []
    sentence = 0
    previous_sentence = -1
    for match in pattern.finditer(text):
        while sentence < len(sentence_ends) and match.start() >= sentence_ends[sentence]:
            sentence += 1
        word = match.group().lower().replace("’", "'")
        word = rules.contractions.get(word, word)
        if word == "'s" and tokens and tokens[-1].text in rules.is_before_s:
            word = "is"  # "what's", "it's": a verb after these words, not a possessive
        is_number = word[0].isdigit()
        tokens.append(
            Token(
                text=word,
                start=match.start(),
                end=match.end(),
                sentence=sentence,
                sentence_start=sentence != previous_sentence,
                keys=frozenset({word}) if is_number else word_keys(language, word),
                lemma=word if is_number else lemma(language, word),
                is_number=is_number,
            )
        )
        previous_sentence = sentence
    return tokens


@dataclass(frozen=True)
class _Alternative:
    kind: Literal["word", "exact", "prefix", "class", "number", "any"]
    keys: frozenset[str] = frozenset()
    value: str = ""
    form: str | None = None


@dataclass(frozen=True)
class _Element:
    kind: Literal["word", "gap", "anchor"]
    alternatives: tuple[_Alternative, ...] = ()
    optional: bool = False
    gap: int = 0


def _parse_alternative(language: str, raw: str) -> _Alternative:
    rules = RULES[language]
    form = None
    if ":" in raw[1:]:
        raw, form = raw.rsplit(":", 1)
        if form not in rules.forms:
            raise ValueError(f"Unknown verb form {form!r} for {language!r}")
    if raw == "#":
        return _Alternative("number", form=form)
    if raw == "*":
        return _Alternative("any", form=form)
    if raw.startswith("@"):
        words = rules.classes[raw[1:]].split()
        keys = frozenset().union(*(word_keys(language, w) for w in words))
        return _Alternative("class", keys=keys, form=form)
    if raw.startswith("="):
        return _Alternative("exact", value=raw[1:].lower(), form=form)
    if raw.endswith("*"):
        return _Alternative("prefix", value=raw[:-1].lower(), form=form)
    return _Alternative("word", keys=word_keys(language, raw), form=form)


@cache
def _compile(language: str, pattern: str) -> tuple[_Element, ...]:
    elements = []
    for raw in pattern.split():
        if raw == "^":
            elements.append(_Element("anchor"))
        elif raw.startswith("~"):
            elements.append(_Element("gap", gap=int(raw[1:])))
        else:
            optional = raw.endswith("?")
            alternatives = tuple(
                _parse_alternative(language, alt) for alt in raw.rstrip("?").split("|")
            )
            elements.append(_Element("word", alternatives, optional))
    return tuple(elements)


@cache
def negators(language: str) -> frozenset[str]:
    """The words that negate: "not", "не", "nie"."""
    return frozenset(RULES[language].negators.split())


def _form_matches(rules: LanguageRules, form: str | None, token: Token) -> bool:
    if form is None:
        return True
    spelling_re, lemma_re = rules.forms[form]
    return bool(re.search(spelling_re, token.text) and re.search(lemma_re, token.lemma))


def _alternative_matches(rules: LanguageRules, alt: _Alternative, token: Token) -> bool:
    if alt.kind == "number":
        hit = token.is_number
    elif alt.kind == "any":
        hit = not token.is_number
    elif alt.kind == "exact":
        hit = token.text == alt.value
    elif alt.kind == "prefix":
        hit = token.text.startswith(alt.value)
    else:
        hit = bool(token.keys & alt.keys)
    return hit and _form_matches(rules, alt.form, token)


def _match_at(
    language: str, elements: tuple[_Element, ...], tokens: list[Token], start: int
) -> int | None:
    """End index (exclusive) of a match of ``elements`` starting at ``start``, or None."""
    rules = RULES[language]
    negation = negators(language)
    sentence = tokens[start].sentence

    def walk(k: int, i: int) -> int | None:
        if k == len(elements):
            return i
        element = elements[k]
        if element.kind == "anchor":
            return walk(k + 1, i) if i < len(tokens) and tokens[i].sentence_start else None
        if element.kind == "gap":
            for skip in range(element.gap + 1):
                j = i + skip
                if skip and (
                    j > len(tokens)
                    or tokens[j - 1].sentence != sentence
                    or tokens[j - 1].text in negation
                ):
                    break
                found = walk(k + 1, j)
                if found is not None:
                    return found
            return None
        if i < len(tokens) and tokens[i].sentence == sentence:
            token = tokens[i]
            if any(_alternative_matches(rules, alt, token) for alt in element.alternatives):
                found = walk(k + 1, i + 1)
                if found is not None:
                    return found
        return walk(k + 1, i) if element.optional else None

    return walk(0, start)


def _may_match(elements: tuple[_Element, ...], keys: frozenset[str], spellings: set[str]) -> bool:
    """False when a required word of the pattern is nowhere in the text: a cheap test
    that skips most of the patterns of a table before any matching is tried."""
    for element in elements:
        if element.kind != "word" or element.optional:
            continue
        if not any(
            (alt.kind in ("word", "class") and alt.keys & keys)
            or (alt.kind == "exact" and alt.value in spellings)
            or alt.kind in ("prefix", "number", "any")
            for alt in element.alternatives
        ):
            return False
    return True


def find_spans(
    language: str, patterns: Iterable[str], tokens: list[Token]
) -> list[tuple[int, int]]:
    """Non-overlapping token spans matched by any of ``patterns``, in text order."""
    spans = []
    keys = frozenset().union(*(t.keys for t in tokens)) if tokens else frozenset()
    spellings = {t.text for t in tokens}
    for pattern in patterns:
        elements = _compile(language, pattern)
        if not _may_match(elements, keys, spellings):
            continue
        i = 0
        while i < len(tokens):
            end = _match_at(language, elements, tokens, i)
            if end is not None and end > i:
                spans.append((i, end))
                i = end
            else:
                i += 1
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
