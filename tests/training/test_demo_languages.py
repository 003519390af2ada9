"""Every demo page, team and path exists in en, ru and pl, written in that language."""

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page

from courses.models import (
    AssessmentIndexPage,
    CourseIndexPage,
    CoursePage,
    LearningPath,
    LessonPage,
    QuizPage,
    Team,
)
from training.models import HomePage

LANGUAGES = ("en", "ru", "pl")
DEMO_PAGE_TYPES = (HomePage, CourseIndexPage, CoursePage, LessonPage, QuizPage, AssessmentIndexPage)

_TAG = re.compile(r"<[^>]+>")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# Small words that are common in one language and rare in the others.
ENGLISH_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "the and of in is you your for it that with are be this as or not can what when will"
        " if we our they their have has from by at an",
    )
)
POLISH_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        "i w z na do się nie to że jest jak o co po czy od za dla ale tak już przez lub gdy"
        " jeśli są może być ten ta tylko klient klienta",
    )
)
RUSSIAN_STOPWORDS = frozenset(
    re.findall(r"\S+", "и в не на что с по как это к у о из за от для или но вы если так же когда")
)
POLISH_LETTERS = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")


def language_profile(text: str) -> dict[str, float]:
    """Shares that tell the languages apart: Cyrillic letters, Polish letters, stopwords."""
    letters = _LETTER.findall(text)
    words = [w.lower() for w in _WORD.findall(text)]
    count = max(len(words), 1)
    return {
        "cyrillic": sum("а" <= c.lower() <= "я" or c in "ёЁ" for c in letters)
        / max(len(letters), 1),
        "polish_letters": sum(c in POLISH_LETTERS for c in letters) / max(len(letters), 1),
        "en_words": sum(w in ENGLISH_STOPWORDS for w in words) / count,
        "pl_words": sum(w in POLISH_STOPWORDS for w in words) / count,
        "ru_words": sum(w in RUSSIAN_STOPWORDS for w in words) / count,
    }


def written_in(text: str, language: str) -> bool:
    """Whether the text reads as the language: its own letters and small words, few English."""
    p = language_profile(text)
    if language == "ru":
        return p["cyrillic"] > 0.7 and p["en_words"] < 0.05
    if language == "pl":
        return (
            p["cyrillic"] < 0.05
            and p["en_words"] < 0.05
            and (p["polish_letters"] > 0.01 or p["pl_words"] > 0.1)
        )
    return (
        p["cyrillic"] < 0.05
        and p["polish_letters"] < 0.002
        and p["en_words"] > 0.02
        and p["pl_words"] < p["en_words"]
    )


def test_the_language_check_tells_the_three_languages_apart():
    english = "Tell the customer what you can do and when they will hear from you."
    russian = "Скажите клиенту, что вы можете сделать и когда он получит ответ."
    polish = "Powiedz klientowi, co możesz zrobić i kiedy dostanie odpowiedź."
    assert [written_in(english, code) for code in LANGUAGES] == [True, False, False]
    assert [written_in(russian, code) for code in LANGUAGES] == [False, True, False]
    assert [written_in(polish, code) for code in LANGUAGES] == [False, False, True]
    # A Polish title over an English body is not Polish.
    assert not written_in("Powtórka: " + english, "pl")


def page_text(page) -> str:
    """What a reader sees of a demo page: title, introduction, summary and lesson body."""
    parts = [page.title, getattr(page, "intro", "") or "", getattr(page, "summary", "") or ""]
    body = getattr(page, "body", None)
    if body is not None:
        parts.append(" ".join(_strings(body.raw_data)))
    return unescape(_TAG.sub(" ", " ".join(str(part) for part in parts)))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id", "kind", "speaker", "correct"):
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def english_demo_pages() -> list[Page]:
    english = Locale.objects.get(language_code="en")
    return [
        page.specific
        for page in Page.objects.filter(locale=english, depth__gte=2).order_by("path")
        if isinstance(page.specific, DEMO_PAGE_TYPES)
    ]


@pytest.mark.django_db
def test_every_demo_page_has_a_live_translation_in_russian_and_polish(demo):
    pages = english_demo_pages()
    kinds = {type(page) for page in pages}
    assert kinds == set(DEMO_PAGE_TYPES)
    assert sum(isinstance(page, LessonPage) for page in pages) >= 17
    missing = [
        f"{page.url_path} ({code})"
        for page in pages
        for code in ("ru", "pl")
        if not Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=code, live=True
        ).exists()
    ]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_page_is_written_in_its_own_language(demo, language):
    keys = [page.translation_key for page in english_demo_pages()]
    pages = Page.objects.filter(translation_key__in=keys, locale__language_code=language)
    wrong = [
        f"{page.url_path}: {language_profile(page_text(page.specific))}"
        for page in pages.specific()
        if not written_in(page_text(page), language)
    ]
    assert wrong == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ("ru", "pl"))
def test_teams_and_the_onboarding_path_have_names_in_russian_and_polish(demo, language):
    named = [*Team.objects.all(), *LearningPath.objects.all()]
    assert len(named) >= 4
    with translation.override(language):
        for thing in named:
            assert thing.label != thing.name
            assert written_in(f"{thing.label}. {thing.description_label}", language), thing.name
    with translation.override("en"):
        assert [thing.label for thing in named] == [thing.name for thing in named]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_question_is_shown_in_the_readers_language(demo, language):
    from courses.models import Question
    from courses.selectors.quiz import question_display

    questions = Question.objects.filter(source_key__startswith="demo:").prefetch_related(
        "dialogue_nodes", "dialogue_choices"
    )
    assert questions.count() >= 37
    wrong = []
    for question in questions:
        shown = question_display(question, language=language)
        text = " ".join(
            [shown["text"], shown["original"], shown["rubric"]]
            + [f"{o['text']} {o.get('feedback', '')}" for o in shown["options"]]
            + [n["customer"] for n in shown["nodes"]]
            + [c["text"] for n in shown["nodes"] for c in n["choices"]]
        )
        if not written_in(text, language):
            wrong.append(f"{question.source_key}: {language_profile(text)}")
    assert wrong == []
