"""Builders for hiring tests: a small hiring quiz, positions, invitations, attempts."""

import re
from datetime import UTC, datetime, timedelta
from importlib.util import find_spec

from django.core import mail
from django.utils import timezone

from courses.models import AssessmentIndexPage, Competency, Question, QuizPage, QuizQuestion
from courses.services.attempts import attempt_answer_save, attempt_submit
from hiring.models import Position
from hiring.services.candidates import candidate_attempt_start, invitation_consent
from hiring.services.invitations import invitation_create

# The rephrasing rules ship separately (courses.scoring.rephrasing); with them installed
# the test quiz gains a rephrasing question.
HAS_REPHRASING_RULES = find_spec("courses.scoring.rephrasing") is not None
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LINK = re.compile(r"https?://[^\s\"<]+/assessment/([A-Za-z0-9_\-]+)/")


def competency(code: str) -> Competency:
    return Competency.objects.get_or_create(code=code, defaults={"name": code.title()})[0]


def _question(kind: str, title: str, codes: tuple[str, ...], **fields) -> Question:
    made = Question.objects.create(kind=kind, title=title, text=f"{title}?", **fields)
    made.competencies.set([competency(code) for code in codes])
    made.save()
    return made


def hiring_quiz(home, *, slug: str = "hiring-quiz", time_limit_seconds: int = 1800) -> QuizPage:
    questions = [
        _question(
            "single",
            "Returns window",
            ("ecommerce_law",),
            options=[{"text": "14 days", "weight": 1.0}, {"text": "3 days", "weight": 0.0}],
        ),
        _question(
            "situational",
            "Angry caller",
            ("composure", "empathy"),
            options=[
                {"text": "Listen, then apologise", "weight": 1.0},
                {"text": "Quote the policy", "weight": -0.5},
                {"text": "Hang up", "weight": -1.0},
            ],
        ),
        _question("free_text", "Wrong colour", ("empathy", "closing")),
    ]
    if HAS_REPHRASING_RULES:
        questions.append(
            _question(
                "rephrasing",
                "Locker parcel",
                ("courtesy", "positive_attitude"),
                original="You didn't collect it, so it's your fault.",
            )
        )
    index = AssessmentIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=AssessmentIndexPage(title="Assessments", slug="assessments")
        )
    quiz = QuizPage(
        title="Support agent assessment",
        slug=slug,
        mode=QuizPage.Mode.HIRING,
        time_limit_seconds=time_limit_seconds,
        attempts_allowed=1,
        feedback=QuizPage.Feedback.NEVER,
        pass_mark=60,
    )
    quiz.quiz_questions = [QuizQuestion(question=q) for q in questions]
    index.add_child(instance=quiz)
    return quiz


def position(title: str = "Support agent") -> Position:
    return Position.objects.get_or_create(title=title)[0]


def token_from_outbox(index: int = -1) -> str:
    return LINK.search(mail.outbox[index].body).group(1)


def invite(recruiter, quiz, *, name="Marta Nowak", email=None, language="en", now=None):
    """Invite one candidate (now by default); returns (invitation, raw token from the e-mail)."""
    now = now or timezone.now()
    invitation = invitation_create(
        recruiter=recruiter,
        quiz=quiz,
        name=name,
        email=email or f"{name.split()[0].lower()}@example.com",
        position=position(),
        language=language,
        now=now,
    )
    return invitation, token_from_outbox()


def take(
    invitation,
    *,
    now=None,
    right: bool = True,
    text: str = "I'm sorry; it ships today.",
    submit: bool = True,
):
    """Consent, answer every question, submit; returns the attempt."""
    now = now or timezone.now()
    invitation_consent(invitation=invitation, now=now)
    attempt = candidate_attempt_start(invitation=invitation, now=now)
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        if question.kind == "single":
            answer = {"choice": 0 if right else 1}
        elif question.kind == "situational":
            answer = {"most": 0, "least": 2} if right else {"most": 2, "least": 0}
        else:
            answer = {"text": text}
        attempt_answer_save(
            attempt=attempt, question=question, answer=answer, now=now + timedelta(minutes=1)
        )
    if submit:
        attempt = attempt_submit(attempt=attempt, now=now + timedelta(minutes=5))
    return attempt
