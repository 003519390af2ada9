"""Demo hiring: two positions, the hiring quiz, and 12 candidates in every state.

Everything goes through the real services (invitations, consent, the quiz engine's
attempts, grading, decisions) with fixed times counted back from today, so the
dashboard, the comparison and the grading queue look like a working week. Four
earlier candidates, past the retention period, are purged: their anonymous scores
remain, so the percentiles show.
"""

from __future__ import annotations

import random
from datetime import timedelta
from importlib.util import find_spec

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from courses.models import Question, QuizPage
from courses.services.attempts import attempt_answer_save, attempt_submit
from hiring.models import Candidate, Position
from hiring.services.candidates import (
    candidate_answer_grade,
    candidate_attempt_start,
    candidate_decide,
    candidate_purge_expired,
    integrity_record,
    invitation_consent,
)
from hiring.services.invitations import invitation_create, invitation_revoke

DEMO_DOMAIN = "candidates.example"
# The rephrasing rules ship separately; until they are installed, rephrasing
# questions are left unanswered rather than scored by anything else.
HAS_REPHRASING_RULES = find_spec("courses.scoring.rephrasing") is not None
HIRING_SLUG = "support-agent-assessment"

# (English title, description, Russian title, Polish title)
POSITIONS = (
    (
        "Customer support agent — chat and e-mail",
        "First-line support for orders, deliveries and returns, in writing.",
        "Специалист поддержки — чат и e-mail",
        "Konsultant obsługi klienta — czat i e-mail",
    ),
    (
        "Senior support agent — phone and complaints",
        "Handles escalated calls and complaints; mentors new agents.",
        "Старший специалист поддержки — телефон и жалобы",
        "Starszy konsultant — telefon i reklamacje",
    ),
)

# (name, position index, language, stage, skill 0..1, decision)
CANDIDATES = (
    ("Olivia Bennett", 0, "en", "invited", 0.0, ""),
    ("Tomasz Zieliński", 1, "pl", "invited", 0.0, ""),
    ("Daniel Okafor", 0, "en", "started", 0.6, ""),
    ("Anna Kuznetsova", 1, "en", "started", 0.8, ""),
    ("Priya Raman", 0, "en", "submitted", 0.85, ""),
    ("Lucas Moreau", 1, "en", "submitted", 0.45, ""),
    ("Sofia Lindqvist", 0, "en", "graded", 0.9, ""),
    ("James Whitaker", 0, "en", "graded", 0.55, ""),
    ("Elena Popescu", 1, "en", "graded", 0.75, ""),
    ("Mateo García", 0, "en", "decided", 0.95, Candidate.Decision.ADVANCE),
    ("Hannah Kowalczyk", 1, "en", "decided", 0.35, Candidate.Decision.REJECT),
    ("Yusuf Demir", 1, "en", "decided", 0.7, Candidate.Decision.HOLD),
)
EARLIER = (
    ("Earlier candidate", 0.5),
    ("Earlier candidate", 0.65),
    ("Earlier candidate", 0.8),
    ("Earlier candidate", 0.4),
)

NOTES = {
    Candidate.Decision.ADVANCE: "Calm in the refund role-play, clear written replies. Invite to "
    "the team interview with the Orders & delivery lead.",
    Candidate.Decision.REJECT: "Blamed the customer in both rephrasing tasks and skipped the next "
    "step. Thanked and told by e-mail.",
    Candidate.Decision.HOLD: "Good law answers, a little slow. Keep for the phone team opening in "
    "January.",
}

WRITTEN = {
    "hire-reph-locker-returned": (
        "Your parcel has come back to us from the locker. I can send it to you again today at no "
        "cost, or refund you straight away, whichever you prefer. Just reply with your choice and "
        "it will be on its way within 1–2 working days.",
        "The parcel came back from the locker because it wasn't collected. We can send it again if "
        "you want, let us know.",
        "You didn't pick it up in time so it was returned. You'll need to order again.",
    ),
    "hire-reph-warranty-jargon": (
        "I'm sorry the kettle stopped working. I can open the warranty claim for you now: please "
        "send me a photo of the receipt and the serial number on the label under the base, and "
        "I'll arrange the repair with our service centre. You'll hear from me within two "
        "working days.",
        "Please send us the serial number and your receipt and we will pass your claim to the "
        "service centre.",
        "Use the RMA portal and upload SN and POP. The ASC decides.",
    ),
    "hire-ft-wrong-colour": (
        "Hello Marta, I'm sorry we sent the wrong colour — that's our mistake. A grey cover is "
        "leaving today by courier and will reach you by Friday at the latest; I'll e-mail the "
        "tracking number this afternoon. A courier will collect the pink one whenever suits you, "
        "free of charge. Enjoy the weekend with your parents!",
        "Hi Marta, sorry about that. We'll send the grey cover this week and you can return the "
        "pink one with the form in the parcel.",
        "Dear customer, please return the item and we will check availability of the grey colour.",
    ),
    "hire-ft-unknown-answer": (
        "Thank you for asking! You'd like to start the robot vacuum from your phone through your "
        "smart-home system. I'm checking this with our product team and will write to you by the "
        "end of tomorrow with the answer. Meanwhile, the Northwind app already lets you start it "
        "from your phone.",
        "Good question. I will ask the product team and come back to you soon.",
        "I don't know, sorry. Maybe check the manual.",
    ),
}


def _tier(skill: float) -> int:
    return 0 if skill >= 0.8 else (1 if skill >= 0.55 else 2)


def _choice_answer(question: Question, skill: float, rng: random.Random) -> dict:
    weights = [float(option.get("weight", 0)) for option in question.options or []]
    if not weights:
        return {}
    order = sorted(range(len(weights)), key=lambda i: weights[i], reverse=True)
    kind = question.kind
    if kind == Question.Kind.MULTIPLE:
        good = [i for i in order if weights[i] > 0]
        if rng.random() > skill and len(order) > len(good):
            good = good[:-1] + [order[-1]] if good else [order[-1]]
        return {"choices": good}
    if kind == Question.Kind.SITUATIONAL:
        if rng.random() < skill:
            return {"most": order[0], "least": order[-1]}
        most, least = rng.sample(range(len(weights)), 2)
        return {"most": most, "least": least}
    pick = order[0] if rng.random() < skill else rng.choice(order[1:] or order)
    return {"choice": pick}


def _dialogue_answer(question: Question, skill: float, rng: random.Random) -> dict:
    nodes = {node.key: node for node in question.dialogue_nodes.all()}
    choices: dict[str, list] = {}
    for choice in question.dialogue_choices.all():
        choices.setdefault(choice.from_key, []).append(choice)
    if not nodes:
        return {"path": []}
    key = next(iter(nodes))
    path = []
    for _step in range(12):
        node = nodes.get(key)
        options = choices.get(key, [])
        if node is None or node.ending or not options:
            break
        ranked = sorted(options, key=lambda c: sum((c.scores or {}).values()), reverse=True)
        picked = ranked[0] if rng.random() < skill else ranked[-1]
        path.append(picked.pk)
        key = picked.next_key
    return {"path": path}


def _answer(question: Question, skill: float, rng: random.Random) -> dict:
    if question.kind == Question.Kind.DIALOGUE:
        return _dialogue_answer(question, skill, rng)
    if question.kind in (Question.Kind.REPHRASING, Question.Kind.FREE_TEXT):
        key = (question.source_key or "").removeprefix("demo:")
        texts = WRITTEN.get(key)
        return {"text": texts[_tier(skill)] if texts else "I would apologise and offer a solution."}
    return _choice_answer(question, skill, rng)


def _take(invitation, *, skill: float, start, rng: random.Random, finish: bool, fast: bool = False):
    invitation_consent(invitation=invitation, now=start)
    attempt = candidate_attempt_start(invitation=invitation, now=start)
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    moment = start
    answered = (
        attempt.question_ids if finish else attempt.question_ids[: len(attempt.question_ids) // 2]
    )
    invitation.attempt = attempt
    for pk in answered:
        question = questions[pk]
        if question.kind == Question.Kind.REPHRASING and not HAS_REPHRASING_RULES:
            continue
        seconds = rng.uniform(2, 5) if fast else rng.uniform(35, 140)
        moment += timedelta(seconds=seconds)
        attempt_answer_save(
            attempt=attempt, question=question, answer=_answer(question, skill, rng), now=moment
        )
        integrity_record(invitation=invitation, event="time", question_id=pk, seconds=seconds)
        if (
            question.kind in (Question.Kind.REPHRASING, Question.Kind.FREE_TEXT)
            and rng.random() > skill
        ):
            integrity_record(invitation=invitation, event="paste", question_id=pk)
    for _blur in range(rng.choice((0, 0, 1, 2, 4))):
        integrity_record(invitation=invitation, event="blur")
    if finish:
        attempt_submit(attempt=attempt, now=moment + timedelta(seconds=30))
    return attempt


@transaction.atomic
def _position(title: str, text: str, title_ru: str, title_pl: str) -> Position:
    """The demo position, with its Russian and Polish titles filled where still blank."""
    position = Position.objects.get_or_create(title=title, defaults={"description": text})[0]
    blank = {
        field: value
        for field, value in (("title_ru", title_ru), ("title_pl", title_pl))
        if not getattr(position, field)
    }
    if blank:
        Position.objects.filter(pk=position.pk).update(**blank)
        for field, value in blank.items():
            setattr(position, field, value)
    return position


def load_hiring() -> None:
    """Positions, candidates in every state, grades, decisions. Safe to run again."""
    if Candidate.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        return
    quiz = QuizPage.objects.filter(slug=HIRING_SLUG).first()
    if quiz is None:
        return  # the quiz engine's demo is not loaded
    recruiter = get_user_model().objects.filter(username="recruiter").first()
    positions = [
        _position(title, text, title_ru, title_pl) for title, text, title_ru, title_pl in POSITIONS
    ]
    rng = random.Random(20261127)
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)

    # Earlier candidates, past retention: only their anonymous scores remain.
    long_ago = today - timedelta(days=400)
    for index, (name, skill) in enumerate(EARLIER):
        invitation = invitation_create(
            recruiter=recruiter,
            quiz=quiz,
            name=f"{name} {index + 1}",
            email=f"earlier{index + 1}@{DEMO_DOMAIN}",
            position=positions[0],
            language="en",
            now=long_ago,
            send=False,
        )
        _take(invitation, skill=skill, start=long_ago + timedelta(days=1), rng=rng, finish=True)
    candidate_purge_expired(now=today)

    for index, (name, pos, language, stage, skill, decision) in enumerate(CANDIDATES):
        invited_at = today - timedelta(days=12 - index)
        slug = name.lower().split()[0]
        invitation = invitation_create(
            recruiter=recruiter,
            quiz=quiz,
            name=name,
            email=f"{slug}@{DEMO_DOMAIN}",
            position=positions[pos],
            language=language,
            now=invited_at,
            send=False,
        )
        if stage == "invited":
            if index == 1:
                invitation_revoke(invitation=invitation, recruiter=recruiter, now=invited_at)
            continue
        if stage == "started":
            # Started just now, so the attempt is still open when the demo is shown.
            _take(
                invitation,
                skill=skill,
                start=timezone.now() - timedelta(minutes=5),
                rng=rng,
                finish=False,
            )
            continue
        attempt = _take(
            invitation,
            skill=skill,
            start=invited_at + timedelta(hours=20),
            rng=rng,
            finish=True,
            fast=name.startswith("Lucas"),
        )
        if stage == "submitted":
            continue
        for answer in attempt.answers.select_related("question").filter(
            question__kind__in=(Question.Kind.FREE_TEXT, Question.Kind.REPHRASING)
        ):
            grade = {0: 90, 1: 65, 2: 25}[_tier(skill)] + rng.randint(-5, 5)
            candidate_answer_grade(
                answer=answer,
                score=grade,
                grader=recruiter,
                note="Clear next step." if grade > 70 else "",
            )
        if decision:
            candidate_decide(
                candidate=invitation.candidate,
                decision=decision,
                notes=NOTES[decision],
                recruiter=recruiter,
                now=invited_at + timedelta(days=2),
            )
