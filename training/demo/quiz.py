"""Demo question banks and quizzes: a hiring role-play assessment and training quizzes.

Questions come from ``fixtures/demo/questions/*.json`` (English texts in the
question, Russian and Polish kept in ``Question.translations`` and shown to
people reading in those languages). Situational weights there run -2 .. 2; the models use -1 .. 1.
"""

from django.db import transaction
from wagtail.models import Locale

from courses.competencies import SEED_COMPETENCIES
from courses.formats.model import default_name
from courses.models import (
    AssessmentIndexPage,
    Competency,
    CoursePage,
    DialogueChoice,
    DialogueNode,
    Question,
    QuestionCategory,
    QuizPage,
    QuizQuestion,
)
from training.models import HomePage

from . import FIXTURES, read_fixture

BANKS = ("hiring-roleplay", "stress-and-phrasing", "product-knowledge", "ecommerce-law")
HIRING_SLUG = "support-agent-assessment"
PRACTICE_SLUG = "phrasing-practice"
REFRESHER_SLUG = "product-and-law-refresher"
COURSE_SLUG = "positive-phrasing"
COURSE_QUIZ_SLUG = "phrasing-refresher"
# The positive-phrasing course's refresher: a dialogue and a rephrasing question
# among four others, none of them graded by a person.
COURSE_QUIZ_KEYS = [
    "sp-not-personal",
    "sp-burnout-sign",
    "sp-sj-personal-insults",
    "hire-rp-late-discount",
    "sp-reph-rma-jargon",
]


def _ensure_competencies() -> dict[str, Competency]:
    for order, (code, name, name_ru, name_pl) in enumerate(SEED_COMPETENCIES):
        Competency.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_ru": name_ru, "name_pl": name_pl, "sort_order": order},
        )
    return {c.code: c for c in Competency.objects.all()}


def _question(spec: dict, category: QuestionCategory, competencies: dict) -> Question:
    key = f"demo:{spec['key']}"
    existing = Question.objects.filter(source_key=key).first()
    if existing is not None:
        _add_missing_translations(existing, spec)
        return existing
    english = spec["translations"]["en"]
    scale = 0.5 if spec["kind"] == "situational" else 1.0
    question = Question(
        kind=spec["kind"],
        title=default_name(english["text"]),
        text=english["text"],
        category=category,
        options=[
            {
                "text": option["text"],
                "weight": float(option.get("weight", 0)) * scale,
                "feedback": option.get("feedback", ""),
            }
            for option in english.get("options", [])
        ],
        original=english.get("original", ""),
        rubric=english.get("rubric", ""),
        translations={lang: data for lang, data in spec["translations"].items() if lang != "en"},
        source_key=key,
    )
    question.dialogue_nodes = [
        DialogueNode(
            key=node["key"],
            customer_line=node["customer"],
            mood=node.get("mood") or "neutral",
            ending=node.get("ending") or "",
        )
        for node in english.get("nodes", [])
    ]
    question.dialogue_choices = [
        DialogueChoice(
            from_key=node["key"],
            text=choice["text"],
            next_key=choice["next"],
            scores=choice.get("scores", {}),
        )
        for node in english.get("nodes", [])
        for choice in node.get("choices", [])
    ]
    question.save()
    question.competencies.set([competencies[c] for c in spec["competencies"] if c in competencies])
    question.save()  # a ParentalManyToManyField is written on save
    return question


def _add_missing_translations(question: Question, spec: dict) -> None:
    """A language added to the fixtures after the question was loaded joins it; others stay."""
    current = question.translations if isinstance(question.translations, dict) else {}
    missing = {
        language: texts
        for language, texts in spec["translations"].items()
        if language != "en" and language not in current
    }
    if missing:
        question.translations = {**current, **missing}
        question.save(update_fields=["translations"])


def _quiz(index, slug: str, questions: list[Question], **fields) -> QuizPage:
    quiz = QuizPage.objects.filter(slug=slug).first()
    if quiz is not None:
        return quiz
    quiz = QuizPage(slug=slug, **fields)
    quiz.quiz_questions = [QuizQuestion(question=question) for question in questions]
    index.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


@transaction.atomic
def load_quiz() -> dict:
    """Competencies, the four demo banks, an assessment index and three quizzes."""
    competencies = _ensure_competencies()
    banks: dict[str, list[Question]] = {}
    for bank in BANKS:
        if not (FIXTURES / "questions" / f"{bank}.json").exists():
            continue
        data = read_fixture(f"questions/{bank}.json")
        category, _created = QuestionCategory.objects.get_or_create(name=data["category"])
        banks[bank] = [_question(spec, category, competencies) for spec in data["questions"]]

    home = HomePage.objects.filter(locale=Locale.objects.get(language_code="en")).first()
    index = AssessmentIndexPage.objects.filter(slug="assessments").first()
    if index is None:
        index = home.add_child(
            instance=AssessmentIndexPage(
                title="Assessments",
                slug="assessments",
                intro="<p>Role-play assessments and practice quizzes.</p>",
            )
        )
        index.save_revision().publish()

    hiring = _quiz(
        index,
        HIRING_SLUG,
        banks.get("hiring-roleplay", []),
        title="Customer support agent — role-play assessment",
        intro="<p>Situations from a real support queue: choose replies, talk a customer"
        " through a problem, rewrite replies positively. About 30 minutes.</p>",
        mode=QuizPage.Mode.HIRING,
        time_limit_seconds=30 * 60,
        attempts_allowed=1,
        pass_mark=60,
        feedback=QuizPage.Feedback.NEVER,
    )
    by_key = {q.source_key: q for qs in banks.values() for q in qs}
    practice_keys = [
        "sp-reset-after-hostile-call",
        "sp-positive-never-no",
        "sp-sj-third-message",
        "hire-rp-broken-kettle",
        "sp-reph-locker-code",
    ]
    practice = _quiz(
        index,
        PRACTICE_SLUG,
        [by_key[f"demo:{key}"] for key in practice_keys if f"demo:{key}" in by_key],
        title="Positive phrasing and de-escalation practice",
        intro="<p>Five questions, one of them a role-play with an upset customer.</p>",
        mode=QuizPage.Mode.TRAINING,
        time_limit_seconds=20 * 60,
        pass_mark=60,
        feedback=QuizPage.Feedback.AFTER_SUBMIT,
    )
    refresher = _quiz(
        index,
        REFRESHER_SLUG,
        [],
        title="Delivery, warranty and consumer law refresher",
        intro="<p>Eight questions drawn at random from the product and the law banks.</p>",
        mode=QuizPage.Mode.REFRESHER,
        draw_count=8,
        shuffle_questions=True,
        shuffle_options=True,
        pass_mark=70,
        attempts_allowed=3,
        grading_method=QuizPage.Grading.HIGHEST,
    )
    if not refresher.draw_categories.exists():
        refresher.draw_categories.set(
            QuestionCategory.objects.filter(
                questions__source_key__in=[
                    q.source_key
                    for bank in ("product-knowledge", "ecommerce-law")
                    for q in banks.get(bank, [])[:1]
                ]
            ).distinct()
        )
        refresher.save_revision().publish()
    _translate_pages(index, [hiring, practice, refresher])
    course_quiz = _course_refresher(by_key)
    return {
        "hiring": hiring,
        "practice": practice,
        "refresher": refresher,
        "course_refresher": course_quiz,
    }


def _course_refresher(by_key: dict[str, Question]) -> QuizPage | None:
    """The positive-phrasing course's own refresher quiz, with its translations.

    Passing it counts as the course's quiz (``progress_quiz_passed``).
    """
    course = (
        CoursePage.objects.filter(slug=COURSE_SLUG, locale__language_code="en")
        .order_by("path")
        .first()
    )
    if course is None:
        return None
    quiz = QuizPage.objects.child_of(course).filter(slug=COURSE_QUIZ_SLUG).first()
    if quiz is None:
        quiz = QuizPage(
            slug=COURSE_QUIZ_SLUG,
            title="Positive phrasing refresher",
            intro="<p>Five questions: a role-play with an upset customer and a reply"
            " to rewrite positively among them. Your answers are saved as you go.</p>",
            mode=QuizPage.Mode.REFRESHER,
            time_limit_seconds=20 * 60,
            pass_mark=60,
            attempts_allowed=3,
            grading_method=QuizPage.Grading.HIGHEST,
            feedback=QuizPage.Feedback.AFTER_SUBMIT,
        )
        quiz.quiz_questions = [
            QuizQuestion(question=by_key[f"demo:{key}"])
            for key in COURSE_QUIZ_KEYS
            if f"demo:{key}" in by_key
        ]
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
    for code in ("ru", "pl"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or not course.has_translation(locale):
            continue
        _translation(quiz, locale, *PAGE_TEXT[code][COURSE_QUIZ_SLUG])
    return quiz


# Title and introduction of each demo assessment page, by language and slug.
PAGE_TEXT = {
    "ru": {
        "assessments": (
            "Оценочные задания",
            "<p>Ролевые задания и тренировочные тесты.</p>",
        ),
        HIRING_SLUG: (
            "Оператор службы поддержки — ролевое задание",
            "<p>Ситуации из настоящей очереди обращений: выберите ответ, проведите клиента"
            " через проблему в диалоге, перепишите ответы позитивно. Около 30 минут.</p>",
        ),
        PRACTICE_SLUG: (
            "Практика: позитивные формулировки и деэскалация",
            "<p>Пять вопросов, один из них — ролевой диалог с расстроенным клиентом.</p>",
        ),
        REFRESHER_SLUG: (
            "Повторение: доставка, гарантия и права потребителей",
            "<p>Восемь вопросов, выбранных случайно из банков о товарах и о законе.</p>",
        ),
        COURSE_QUIZ_SLUG: (
            "Повторение: позитивные формулировки",
            "<p>Пять вопросов, среди них ролевой диалог с расстроенным клиентом и ответ,"
            " который нужно переписать позитивно. Ответы сохраняются по ходу работы.</p>",
        ),
    },
    "pl": {
        "assessments": (
            "Zadania oceniające",
            "<p>Zadania z odgrywaniem ról i quizy ćwiczeniowe.</p>",
        ),
        HIRING_SLUG: (
            "Konsultant obsługi klienta — zadanie z odgrywaniem ról",
            "<p>Sytuacje z prawdziwej kolejki zgłoszeń: wybierz odpowiedź, przeprowadź klienta"
            " przez problem w rozmowie, przeredaguj odpowiedzi na pozytywne. Około 30 minut.</p>",
        ),
        PRACTICE_SLUG: (
            "Ćwiczenie: pozytywne sformułowania i deeskalacja",
            "<p>Pięć pytań, w tym rozmowa z odgrywaniem ról ze zdenerwowanym klientem.</p>",
        ),
        REFRESHER_SLUG: (
            "Powtórka: dostawa, gwarancja i prawa konsumenta",
            "<p>Osiem pytań losowanych z banków o produktach i o prawie.</p>",
        ),
        COURSE_QUIZ_SLUG: (
            "Powtórka: pozytywne sformułowania",
            "<p>Pięć pytań, w tym rozmowa z odgrywaniem ról ze zdenerwowanym klientem i odpowiedź"
            " do przeredagowania na pozytywną. Odpowiedzi zapisują się na bieżąco.</p>",
        ),
    },
}


def _translation(page, locale, title: str, intro: str) -> None:
    """The page's copy in the locale with its own title and introduction.

    A copy made by an earlier demo with the English introduction gets the
    translated one; a copy already in its language is left as it is.
    """
    copy = page.get_translation_or_none(locale)
    if copy is None:
        copy = page.copy_for_translation(locale, copy_parents=True)
    elif copy.specific.intro != page.specific.intro or not page.specific.intro:
        return
    copy = copy.specific
    copy.title = title
    copy.intro = intro
    copy.save_revision().publish()


def _translate_pages(index, quizzes) -> None:
    """Russian and Polish copies of the pages, so /ru/ and /pl/ URLs reach the quizzes.

    The copies ask the same questions; each question shows its own translation
    (from the fixtures) and falls back to English.
    """
    for code, texts in PAGE_TEXT.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        for page in [index, *quizzes]:
            _translation(page, locale, *texts[page.slug])
