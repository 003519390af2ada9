"""Attempts at a quiz and the answers given in them."""

import math

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    """One sitting of a quiz by a person (``user``) or a hiring candidate.

    Candidates have no account: the hiring feature keeps its own invitation and
    gives the attempt an opaque ``participant_key``. The questions drawn for the
    attempt, in the order shown, and each question's option order are fixed at the
    start so a reload shows the same quiz.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        EXPIRED = "expired", _("Closed at the time limit")

    quiz = models.ForeignKey(
        "courses.QuizPage",
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("quiz"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("person"),
    )
    participant_key = models.CharField(_("participant"), max_length=64, blank=True, db_index=True)
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    question_ids = models.JSONField(default=list)
    option_orders = models.JSONField(default=dict)  # str(question id) -> [option index, …]
    language = models.CharField(_("language"), max_length=8, default="en")
    score = models.FloatField(_("score (%)"), null=True, blank=True)
    competency_scores = models.JSONField(_("scores per competency"), default=dict, blank=True)
    pending_count = models.PositiveSmallIntegerField(_("answers to grade"), default=0)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        permissions = [
            ("grade_answers", _("Can grade quiz answers")),
            ("view_item_statistics", _("Can see item statistics of questions")),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            # One open attempt per person and quiz, even when two tabs start at once.
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(status="open", user__isnull=False),
                name="one_open_attempt_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz", "participant_key"],
                condition=models.Q(status="open", user__isnull=True),
                name="one_open_attempt_per_participant",
            ),
        ]

    def __str__(self) -> str:
        who = self.user or self.participant_key
        return f"{self.quiz} — {who} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def seconds_left(self, now) -> int | None:
        if self.deadline is None:
            return None
        # Rounded up: the page must never lock before the server closes the attempt.
        return max(0, math.ceil((self.deadline - now).total_seconds()))


class Answer(models.Model):
    """The answer to one question of an attempt, saved on every change.

    ``response`` is the raw answer: ``{"choice": i}``, ``{"choices": [i, …]}``,
    ``{"most": i, "least": j}``, ``{"path": [choice id, …]}`` or ``{"text": …}``,
    with option indexes in the question's stored order. ``auto_score`` is what the
    rules gave (0 .. 1), ``manual_score`` a person's grade that overrides it.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "courses.Question", on_delete=models.PROTECT, related_name="answers"
    )
    response = models.JSONField(default=dict)
    saved_at = models.DateTimeField(_("saved at"))
    key_version = models.PositiveIntegerField(default=1)
    auto_score = models.FloatField(_("automatic score"), null=True, blank=True)
    auto_detail = models.JSONField(default=dict, blank=True)
    manual_score = models.FloatField(_("grade"), null=True, blank=True)
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("graded by"),
    )
    grader_note = models.TextField(_("grader's note"), blank=True)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}"

    @property
    def score(self) -> float | None:
        return self.manual_score if self.manual_score is not None else self.auto_score
