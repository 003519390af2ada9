"""The question bank: competencies, categories and questions of every kind (snippets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..i18n import active_language
from .teams import in_active_language


class Competency(models.Model):
    """A skill a result is reported on (empathy, composure, …), named in three languages.

    Per-language name fields rather than translated copies: a competency is one
    row that every question and every result points at, in any language.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (English)"), max_length=80)
    name_ru = models.CharField(_("name (Russian)"), max_length=80, blank=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_ru"),
        FieldPanel("name_pl"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_active_language(self, "name")


class QuestionCategory(models.Model):
    """A pool of questions; quizzes draw from categories, imports fill them."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")

    def __str__(self) -> str:
        return self.name


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(ClusterableModel):
    """One question of any kind.

    Choice kinds keep their options as a JSON list of ``{"text", "weight",
    "feedback"}``: weight is the credit fraction (-1 .. 1) for single, multiple,
    true/false and missing word (whose text holds ``_____`` where the choice goes),
    and for short and numerical answers each option is an accepted answer (numerical
    ones add ``"tolerance"``); a matching question's options are pairs ``{"text":
    prompt, "match": answer}`` (no prompt: an extra wrong answer). Weight is the
    effectiveness of a reply (-1 .. 1) for situational questions, whose key is
    versioned (``key_version`` goes up when the weights change, and every answer
    records the version it was scored with). Dialogues keep their graph in
    ``DialogueNode`` / ``DialogueChoice`` rows.
    ``translations`` holds other languages' texts in the shape of the demo
    fixtures: ``{"ru": {"text", "options": [{"text", "feedback"}], "original",
    "nodes": [{"key", "customer", "choices": [{"text"}]}]}}``.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True / false")
        SHORT_ANSWER = "short_answer", _("Short answer")
        NUMERICAL = "numerical", _("Numerical")
        MATCHING = "matching", _("Matching")
        MISSING_WORD = "missing_word", _("Missing word")
        DESCRIPTION = "description", _("Description (no answer)")
        SITUATIONAL = "situational", _("Situational judgement")
        DIALOGUE = "dialogue", _("Role-play dialogue")
        REPHRASING = "rephrasing", _("Positive rephrasing")
        FREE_TEXT = "free_text", _("Free text")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("question text"))
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name=_("tags"))
    competencies = ParentalManyToManyField(
        Competency, blank=True, related_name="questions", verbose_name=_("competencies")
    )
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_(
            'A list of {"text": …, "weight": …, "feedback": …}; weight from -1 to 1. '
            'Numerical answers add "tolerance"; matching pairs are {"text": prompt, '
            '"match": answer}.'
        ),
    )
    case_sensitive = models.BooleanField(
        _("case sensitive"), default=False, help_text=_("Short answer only.")
    )
    key_version = models.PositiveIntegerField(
        _("key version"),
        default=1,
        help_text=_("Goes up by itself when the weights of a situational key change."),
    )
    key_history = models.JSONField(
        _("earlier keys"),
        default=dict,
        blank=True,
        help_text=_("The weights of every earlier key version, so old answers keep their key."),
    )
    original = models.TextField(
        _("reply to rephrase"), blank=True, help_text=_("Positive rephrasing only.")
    )
    rubric = models.TextField(
        _("rubric"), blank=True, help_text=_("What a grader looks for (free text, rephrasing).")
    )
    general_feedback = models.TextField(_("general feedback"), blank=True)
    mark = models.FloatField(_("marks"), default=1.0)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    source_key = models.CharField(
        _("source key"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("Where the question came from (demo key, import), to find it again."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("title"), FieldPanel("text")], heading=_("Question")
        ),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("tags"), FieldPanel("competencies")],
            heading=_("Bank"),
        ),
        FieldPanel("options"),
        FieldPanel("case_sensitive"),
        FieldPanel("key_version", read_only=True),
        FieldPanel("original"),
        FieldPanel("rubric"),
        InlinePanel("dialogue_nodes", label=_("Customer line"), heading=_("Dialogue: lines")),
        InlinePanel("dialogue_choices", label=_("Agent reply"), heading=_("Dialogue: replies")),
        FieldPanel("general_feedback"),
        FieldPanel("mark"),
    ]

    class Meta:
        ordering = ["category__name", "title"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    def weights(self, key_version: int | None = None) -> list[float]:
        """Option weights of the current key, or of an earlier ``key_version``."""
        if key_version is not None and key_version != self.key_version:
            earlier = (self.key_history or {}).get(str(key_version))
            if earlier is not None and len(earlier) == len(self.options or []):
                return [float(weight) for weight in earlier]
        return [float(option.get("weight", 0)) for option in self.options or []]

    def translated(self, language: str | None = None) -> dict:
        """This question's texts in ``language`` (falls back to the stored English)."""
        language = (language or active_language())[:2]
        if not isinstance(self.translations, dict):
            return {}
        return self.translations.get(language) or {}


class DialogueNode(Orderable):
    """A customer line in a role-play dialogue; the first line is the start."""

    class Mood(models.TextChoices):
        ANGRY = "angry", _("Angry")
        UPSET = "upset", _("Upset")
        NEUTRAL = "neutral", _("Neutral")
        CALM = "calm", _("Calm")
        PLEASED = "pleased", _("Pleased")

    class Ending(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        ESCALATED = "escalated", _("Escalated")
        LOST = "lost", _("Lost")

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="dialogue_nodes")
    key = models.SlugField(_("key"), max_length=60)
    customer_line = models.TextField(_("customer says"))
    mood = models.CharField(_("mood"), max_length=10, choices=Mood.choices, default=Mood.NEUTRAL)
    ending = models.CharField(
        _("ending"),
        max_length=10,
        choices=Ending.choices,
        blank=True,
        help_text=_("Leave empty while the conversation goes on."),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("customer_line"),
        FieldPanel("mood"),
        FieldPanel("ending"),
    ]

    class Meta(Orderable.Meta):
        # The first line is the start. Lines written by the admin carry a sort order;
        # imported and demo lines may not, and then the order they were written in
        # (pk) decides, the same on SQLite and PostgreSQL.
        ordering = ["sort_order", "pk"]
        verbose_name = _("dialogue line")
        verbose_name_plural = _("dialogue lines")

    def __str__(self) -> str:
        return self.key


class DialogueChoice(Orderable):
    """A reply the agent can choose at a line, leading to the next line."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="dialogue_choices")
    from_key = models.SlugField(_("after line"), max_length=60)
    text = models.TextField(_("agent says"))
    next_key = models.SlugField(_("leads to line"), max_length=60)
    scores = models.JSONField(
        _("competency points"),
        default=dict,
        blank=True,
        help_text=_('Points per competency code, e.g. {"empathy": 2, "courtesy": -1}.'),
    )

    panels = [
        FieldPanel("from_key"),
        FieldPanel("text"),
        FieldPanel("next_key"),
        FieldPanel("scores"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]
        verbose_name = _("dialogue reply")
        verbose_name_plural = _("dialogue replies")

    def __str__(self) -> str:
        return f"{self.from_key} → {self.next_key}"
