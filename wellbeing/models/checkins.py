"""Anonymous check-ins: sealed answers while a period is open, frozen figures after.

Anonymity is built into the storage, not promised by the views
(docs/privacy.md has the threat model):

* While a period is open, an answer exists only as a `SealedCheckIn`: one
  AES-GCM ciphertext of fixed length (answers, scores, team and comment padded
  to the same size), a random id and the period label. No plaintext column
  carries a value, so the order of rows (ids, SQLite's rowid, PostgreSQL's
  ctid or xmin, the WAL, free pages) can pair a person's receipt with a
  ciphertext and with nothing else. The key is not in the database
  (`STEADY_CHECKIN_KEY`, by default derived from `SECRET_KEY`).
* `CheckInReceipt` holds (user, period) and nothing else: it stops a second
  answer while the period is open.
* When the period has closed, `services.checkins_release` opens every sealed
  answer of it in memory, decides the release once (`privacy.release`) and
  writes `ReleasedCheckInFigure` rows (numbers only for released cells) and
  `ReleasedCheckInComments`; in the same transaction it deletes the sealed
  answers and the receipts of the period. No per-answer record and no number
  of a suppressed cell is stored after that, and what was released never
  changes: the rows keep plain group ids, not foreign keys, so deleting,
  merging or moving teams and people leaves them as they are.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SealedCheckIn(models.Model):
    """One answer of an open period, encrypted; opened only when the period is released."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    period = models.CharField(_("period"), max_length=8, db_index=True)
    sealed = models.BinaryField(_("sealed answer"))

    class Meta:
        verbose_name = _("sealed check-in")
        verbose_name_plural = _("sealed check-ins")
        default_permissions = ()

    def __str__(self) -> str:
        return self.period


class CheckInReceipt(models.Model):
    """That a person has answered (or skipped) the check-in of an open period: nothing more."""

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


class ReleasedCheckInFigure(models.Model):
    """One cell of a released period, frozen when it was released.

    ``group_id`` is a team id, or 0 for the whole organisation; it is a plain
    integer on purpose (a deleted team's cells stay, and so does the
    organisation's figure). A suppressed cell keeps its reason and no number.
    """

    group_id = models.BigIntegerField(_("group"))
    parent_id = models.BigIntegerField(_("parent group"), null=True, blank=True)
    group_name = models.CharField(_("group name at release"), max_length=200, blank=True)
    period = models.CharField(_("period"), max_length=8)
    scale = models.CharField(_("scale"), max_length=20)
    released = models.BooleanField(_("released"))
    suppressed_because = models.CharField(_("suppressed because"), max_length=20, blank=True)
    answers = models.PositiveIntegerField(null=True, blank=True)
    n = models.PositiveIntegerField(null=True, blank=True)
    mean = models.FloatField(null=True, blank=True)
    share_concern = models.FloatField(null=True, blank=True)
    team_size = models.FloatField(null=True, blank=True)
    participation = models.FloatField(null=True, blank=True)
    k = models.PositiveSmallIntegerField(_("minimum group size at release"))
    released_on = models.DateField(_("released on"))

    class Meta:
        verbose_name = _("released check-in figure")
        verbose_name_plural = _("released check-in figures")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["group_id", "period", "scale"], name="unique_released_checkin_cell"
            ),
        ]
        indexes = [models.Index(fields=["period"], name="released_checkin_period")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.period} {self.scale}"


class ReleasedCheckInComments(models.Model):
    """The comments of one team and period that the comment rule released, shuffled.

    Written at release only when the rule allows (`privacy.release_comments`);
    comments that may not be shown are never stored past the release.
    """

    group_id = models.BigIntegerField(_("group"))
    period = models.CharField(_("period"), max_length=8)
    answers = models.PositiveIntegerField(_("answers"))
    comments = models.JSONField(_("comments"), default=list)

    class Meta:
        verbose_name = _("released check-in comments")
        verbose_name_plural = _("released check-in comments")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["group_id", "period"], name="unique_released_checkin_comments"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.period}"
