"""Hiring: positions, candidates (no account), their invitations and integrity signals.

A candidate's personal data (name, e-mail, notes, free-text answers) lives only
here and in the attempt's answers; `candidate_purge_expired` wipes it after the
retention period and keeps the anonymous scores for item statistics.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models.teams import in_active_language


class Position(models.Model):
    """A job opening candidates are invited for, named in three languages.

    Per-language fields, as for competencies: one row that every candidate points
    at, shown in the reader's language (and in the candidate's, in their e-mail).
    """

    title = models.CharField(_("title (English)"), max_length=200, unique=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_pl = models.CharField(_("title (Polish)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        permissions = [
            ("access_hiring", _("Can use hiring: invitations, candidates, decisions")),
        ]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The title in the active language, English where none was written."""
        return in_active_language(self, "title")


class Candidate(models.Model):
    """A person applying for a position; needs no account.

    The status is derived (see `status`), not stored: the quiz engine closes
    attempts on its own schedule, and a stored copy would go stale.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        STARTED = "started", _("Started")
        SUBMITTED = "submitted", _("Submitted")
        GRADED = "graded", _("Graded")
        DECIDED = "decided", _("Decided")

    class Decision(models.TextChoices):
        ADVANCE = "advance", _("Advance")
        REJECT = "reject", _("Reject")
        HOLD = "hold", _("Hold")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), db_index=True)
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="candidates", verbose_name=_("position")
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, blank=True, default=""
    )
    decision_notes = models.TextField(_("notes"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    purged_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        # Never the name: this string is copied into the audit log, which outlives a purge.
        return f"Candidate #{self.pk}"

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None

    @property
    def display_name(self) -> str:
        return _("Removed (#%(id)s)") % {"id": self.pk} if self.is_purged else self.name


class Invitation(models.Model):
    """A candidate's link to one hiring quiz, and what was observed while they took it.

    Only the SHA-256 of the token is stored; the raw token exists in the e-mail
    alone. The link stays usable to resume the same attempt until the attempt's
    deadline, but it never starts a second one.
    """

    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="invitation", verbose_name=_("candidate")
    )
    quiz = models.ForeignKey(
        "courses.QuizPage",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("assessment"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    used_at = models.DateTimeField(_("first used at"), null=True, blank=True)
    attempt = models.OneToOneField(
        "courses.Attempt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
        verbose_name=_("attempt"),
    )
    # Integrity signals: information for the recruiter, never a reason to fail anyone.
    focus_lost_count = models.PositiveIntegerField(_("times the page lost focus"), default=0)
    paste_count = models.PositiveIntegerField(_("paste events in free text"), default=0)
    question_seconds = models.JSONField(_("seconds per question"), default=dict, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"Invitation #{self.pk}"

    @property
    def participant_key(self) -> str:
        """The opaque key the quiz engine files this candidate's attempt under."""
        return f"candidate-{self.candidate_id}"


class TokenRateLimit(models.Model):
    """Requests per client and time window on token URLs, when no shared cache exists."""

    key = models.CharField(max_length=128)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
