"""Quiz pages: the settings of a quiz and the questions it asks."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page


class AssessmentIndexPage(Page):
    """A home for quizzes that belong to no course, such as hiring assessments."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    subpage_types = ["courses.QuizPage"]

    class Meta:
        verbose_name = _("assessment index page")


class QuizPage(Page):
    """A quiz: fixed questions or N drawn from pools, with time limit and attempts."""

    class Mode(models.TextChoices):
        TRAINING = "training", _("Training")
        REFRESHER = "refresher", _("Refresher")
        HIRING = "hiring", _("Hiring")

    class Feedback(models.TextChoices):
        AFTER_SUBMIT = "after_submit", _("After submitting")
        NEVER = "never", _("Never")

    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Highest attempt")
        LAST = "last", _("Last attempt")

    intro = RichTextField(_("introduction"), blank=True)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.TRAINING)
    draw_count = models.PositiveSmallIntegerField(
        _("questions to draw"),
        default=0,
        help_text=_("0 asks the fixed questions below; more draws that many from the pools."),
    )
    draw_categories = ParentalManyToManyField(
        "courses.QuestionCategory", blank=True, verbose_name=_("draw from categories")
    )
    draw_tags = models.CharField(
        _("draw from tags"),
        max_length=255,
        blank=True,
        help_text=_("Comma-separated tags; a question with any of them is in the pool."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=False)
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"), default=0, help_text=_("0 means no time limit.")
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    feedback = models.CharField(
        _("show feedback"), max_length=15, choices=Feedback.choices, default=Feedback.AFTER_SUBMIT
    )
    live_practice = models.BooleanField(
        _('offer "Check my reply"'),
        default=False,
        help_text=_(
            "Learners may check a rephrasing answer before submitting. Never offered in "
            "hiring assessments."
        ),
    )
    grading_method = models.CharField(
        _("grading method"), max_length=10, choices=Grading.choices, default=Grading.HIGHEST
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldRowPanel([FieldPanel("time_limit_seconds"), FieldPanel("attempts_allowed")]),
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("grading_method")]),
                FieldPanel("feedback"),
                FieldPanel("live_practice"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
            ],
            heading=_("Settings"),
        ),
        InlinePanel("quiz_questions", label=_("Question"), heading=_("Fixed questions")),
        MultiFieldPanel(
            [FieldPanel("draw_count"), FieldPanel("draw_categories"), FieldPanel("draw_tags")],
            heading=_("Random draw"),
        ),
    ]

    # The course portal adds "courses.CoursePage" here when the branches merge.
    parent_page_types = ["courses.AssessmentIndexPage", "courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz page")

    def clean(self):
        super().clean()
        if self.pass_mark > 100:
            raise ValidationError({"pass_mark": _("The pass mark is a percentage: 0 to 100.")})
        if self.live_practice and self.mode == self.Mode.HIRING:
            raise ValidationError(
                {"live_practice": _("A hiring assessment never lets a candidate check a reply.")}
            )

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.draw_tags.split(",") if tag.strip()]

    @property
    def shows_feedback(self) -> bool:
        return self.feedback == self.Feedback.AFTER_SUBMIT

    @property
    def offers_live_practice(self) -> bool:
        """Checking a reply before submitting: never in hiring, whatever the setting says."""
        return self.live_practice and self.mode != self.Mode.HIRING

    def serve(self, request, *args, **kwargs):
        """The quiz's front page (GET) and the start or resume of an attempt (POST)."""
        from ..selectors.quiz import quiz_front_for
        from ..services.attempts import AttemptError, attempt_start

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        now = timezone.now()
        if request.method == "POST":
            try:
                attempt = attempt_start(quiz=self, user=request.user, now=now)
            except AttemptError as refused:
                messages.error(request, refused.message)
                return redirect(self.url)
            return redirect("courses:attempt_take", pk=attempt.pk)
        context = quiz_front_for(quiz=self, user=request.user, now=now)
        return TemplateResponse(request, "courses/quiz_page.html", context)


class QuizQuestion(Orderable):
    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="quiz_questions")
    question = models.ForeignKey(
        "courses.Question", on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
