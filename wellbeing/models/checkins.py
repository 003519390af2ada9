"""Anonymous check-ins, and the receipts that stop a second answer.

Anonymity is built into the tables, not promised by the views:

* `CheckIn` holds the team, the period label and the answers. It has no user,
  no timestamp, no IP, no session; its primary key is a random UUID, so its
  value says nothing about when it was written.
* `CheckInReceipt` holds (user, period) and nothing else; its primary key is
  another random UUID. The only value the two tables share is the period.
* Rows of a closed period are rewritten in random order
  (`services.checkins_seal`), so the physical order in which a database stores
  them (SQLite's rowid, PostgreSQL's ctid) cannot pair an answer with the
  receipt written in the same transaction.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    """One anonymous answer to a check-in form for a team and period.

    Read it only through `wellbeing.selectors`, which releases aggregates
    through `wellbeing.privacy`; no view, export or API reads this table.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(
        "courses.Team", on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    period = models.CharField(_("period"), max_length=8, db_index=True)
    form = models.CharField(_("form"), max_length=20)
    answers = models.JSONField(_("answers"), default=dict)
    sib = models.FloatField(null=True, blank=True)
    cbi_work_pulse = models.FloatField(null=True, blank=True)
    cbi_work = models.FloatField(null=True, blank=True)
    cbi_client = models.FloatField(null=True, blank=True)
    who5 = models.FloatField(null=True, blank=True)
    comment = models.TextField(blank=True)
    sealed = models.BooleanField(default=False)

    SCALE_FIELDS = ("sib", "cbi_work_pulse", "cbi_work", "cbi_client", "who5")

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.team_id} {self.period}"


class CheckInReceipt(models.Model):
    """That a person has answered (or skipped) the check-in of a period: nothing more."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    period = models.CharField(_("period"), max_length=8)
    skipped = models.BooleanField(_("skipped"), default=False)

    class Meta:
        verbose_name = _("check-in receipt")
        verbose_name_plural = _("check-in receipts")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="unique_checkin_receipt"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.period}"
