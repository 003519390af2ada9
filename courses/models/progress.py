"""Who has to learn what by when, and what they have done: paths, enrolments, certificates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from .pages import CoursePage, LessonPage
from .teams import Team, in_active_language


class LearningPath(ClusterableModel):
    """An ordered set of courses with due dates, e.g. onboarding for new hires."""

    name = models.CharField(_("name (English)"), max_length=160, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=160, blank=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=160, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_pl = models.TextField(_("description (Polish)"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_ru"),
        FieldPanel("name_pl"),
        FieldPanel("description"),
        FieldPanel("description_ru"),
        FieldPanel("description_pl"),
        InlinePanel("steps", label=_("Courses"), heading=_("Courses in order")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, English when there is none."""
        return in_active_language(self, "name")

    @property
    def description_label(self) -> str:
        return in_active_language(self, "description")


class LearningPathCourse(Orderable):
    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("course")
    )
    due_in_days = models.PositiveSmallIntegerField(
        _("due in (days)"), default=14, help_text=_("Counted from the day the path is assigned.")
    )

    panels = [PageChooserPanel("course", "courses.CoursePage"), FieldPanel("due_in_days")]

    class Meta(Orderable.Meta):
        verbose_name = _("course in a path")
        verbose_name_plural = _("courses in a path")


class PathAssignment(models.Model):
    """A path given to a role (group), a team or one person; newcomers to a team get it too."""

    path = models.ForeignKey(
        LearningPath, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("path")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("team")
    )
    group = models.ForeignKey(
        "auth.Group", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("role")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("path assignment")
        verbose_name_plural = _("path assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(team__isnull=False, group__isnull=True, user__isnull=True)
                    | Q(team__isnull=True, group__isnull=False, user__isnull=True)
                    | Q(team__isnull=True, group__isnull=True, user__isnull=False)
                ),
                name="path_assignment_one_target",
                violation_error_message=_("Assign a path to exactly one team, role or person."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path} → {self.team or self.group or self.user}"


class Enrolment(models.Model):
    """A person's current obligation to complete a course (first time or refresher).

    One *active* enrolment per person and course; when a refresher is due the
    completed one is retired (active=False) and a refresher enrolment takes its place.
    """

    class Kind(models.TextChoices):
        INITIAL = "initial", _("Course")
        REFRESHER = "refresher", _("Refresher")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("person"),
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course")
    )
    path = models.ForeignKey(
        LearningPath,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("path"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    active = models.BooleanField(_("active"), default=True)
    enrolled_at = models.DateTimeField(_("enrolled at"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    quiz_passed_at = models.DateTimeField(_("quiz passed at"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        LessonPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last lesson"),
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(active=True),
                name="one_active_enrolment_per_course",
            ),
        ]
        indexes = [models.Index(fields=["active", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class LessonCompletion(models.Model):
    """A lesson done within one enrolment (a refresher course starts afresh)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="unique_lesson_completion")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.lesson}"


class KnowledgeCheckAnswer(models.Model):
    """The latest answer a person gave to one knowledge check in a lesson."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    option_index = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("knowledge check answer")
        verbose_name_plural = _("knowledge check answers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "block_id"], name="unique_knowledge_check_answer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.lesson} #{self.block_id}"


class Certificate(models.Model):
    """Proof of a completed course, checkable by anyone with its code."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("person"),
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("course")
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code


class ReminderLog(models.Model):
    """One reminder sent: the unique key makes each go out once per item and period."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        REFRESHER = "refresher", _("Refresher due")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    period = models.CharField(max_length=16)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind", "period"], name="unique_reminder_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} — {self.enrolment}"


class DigestLog(models.Model):
    """One weekly overdue digest sent to a lead."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=16)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="unique_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.period}"


def validate_assignment_target(*, team, group, user) -> None:
    if sum(x is not None for x in (team, group, user)) != 1:
        raise ValidationError(_("Assign a path to exactly one team, role or person."))
