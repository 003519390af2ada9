"""The reply library: good rewrites of weak replies that an editor approved."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from ..labels import findings_shown
from ..scoring.rephrasing import GOOD_REWRITE_THRESHOLD, score_reply

LANGUAGES = [("en", "English"), ("ru", "Русский"), ("pl", "Polski")]


class GoodReply(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """A weak reply and a good rewrite of it, for agents to search and copy.

    Editors write entries; quiz answers whose authors agreed arrive as drafts for
    moderation. An entry never records who wrote the rewrite or which attempt it
    came from: only the texts, the scorer's findings, the language and the topic.
    The score and findings are the scorer's, taken again whenever the texts are saved
    (an editor's own entry or an edited one included); a rewrite below the pass mark
    is refused by the form.
    """

    class Source(models.TextChoices):
        EDITOR = "editor", _("Editor")
        LEARNER = "learner", _("A learner's answer, shared with consent")

    situation = models.TextField(_("situation"))
    weak_reply = models.TextField(_("weak reply"))
    good_reply = models.TextField(_("good reply"))
    findings = models.JSONField(_("findings"), default=list, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="en")
    topic = models.ForeignKey(
        "courses.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.EDITOR, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="goodreply")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="goodreply",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("situation"),
        FieldPanel("weak_reply"),
        FieldPanel("good_reply"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("topic")]),
    ]

    search_fields = [
        index.SearchField("situation"),
        index.SearchField("good_reply"),
        index.SearchField("weak_reply"),
        index.AutocompleteField("good_reply"),
        index.FilterField("language"),
        index.FilterField("topic_id"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("good reply")
        verbose_name_plural = _("good replies")

    def __str__(self) -> str:
        return self.good_reply[:80]

    def save(self, *args, **kwargs):
        result = self._scored()
        self.score = result.score
        self.findings = result.as_dict()["findings"]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "score", "findings"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.good_reply.strip():
            return
        result = self._scored()
        if not result.passed:
            problems = "; ".join(
                f["message"]
                for f in findings_shown(result.as_dict()["findings"])
                if f["points"] < 0
            )
            raise ValidationError(
                {
                    "good_reply": _(
                        "This rewrite scores %(score)d of 100, below the pass mark of "
                        "%(mark)d: the library keeps only replies that pass. %(problems)s"
                    )
                    % {"score": result.score, "mark": GOOD_REWRITE_THRESHOLD, "problems": problems}
                }
            )

    def _scored(self):
        return score_reply(
            self.good_reply, language=self.language, original=self.weak_reply.strip() or None
        )

    @property
    def findings_shown(self) -> list[dict]:
        """The findings with their messages in the reader's language."""
        return findings_shown(self.findings)

    @property
    def revisions(self):
        return self._revisions
