from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from ..i18n import active_language


class Team(ClusterableModel):
    """A support team: the LMS's org structure, also used by wellbeing."""

    name = models.CharField(_("name (English)"), max_length=120, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_pl = models.TextField(_("description (Polish)"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_ru"),
        FieldPanel("name_pl"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_ru"),
        FieldPanel("description_pl"),
        InlinePanel("memberships", label=_("Members"), heading=_("Members and leads")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        permissions = [
            ("view_team_training", _("Can see the training of the teams they lead")),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, English when there is none."""
        return in_active_language(self, "name")

    @property
    def description_label(self) -> str:
        return in_active_language(self, "description")


def in_active_language(instance, field: str) -> str:
    """``field_<language>`` of the instance in the active language, else ``field`` (English)."""
    return getattr(instance, f"{field}_{active_language()}", "") or getattr(instance, field)


class TeamMembership(models.Model):
    """A person in a team, as a member or as its lead.

    One person can lead some teams and belong to others, so the role sits on the
    membership, not on the person.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        LEAD = "lead", _("Lead")

    team = ParentalKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="team_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    panels = [FieldPanel("user"), FieldPanel("role"), FieldPanel("joined_on")]

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="unique_team_member"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.team} ({self.get_role_display()})"
