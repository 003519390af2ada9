"""Daily workload records per person, and the imports that bring them in."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wellbeing.storage import private_storage, workload_file_name


class WorkloadRecord(models.Model):
    """One person's working day as the contact-centre tools measured it.

    Field names follow `wellbeing.metrics.WORKLOAD_COLUMNS` so the loader maps
    them one to one. `team` is the team the person worked for that day (the
    file's team column, else the person's primary team at import time).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workload_records",
        verbose_name=_("person"),
    )
    team = models.ForeignKey(
        "courses.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workload_records",
        verbose_name=_("team"),
    )
    date = models.DateField(_("date"))
    contacts = models.PositiveIntegerField(_("contacts handled"), default=0)
    handle_time_s = models.PositiveIntegerField(_("average handle time (s)"), default=0)
    after_contact_s = models.PositiveIntegerField(_("average after-contact work (s)"), default=0)
    occupancy_pct = models.FloatField(
        _("occupancy (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    hours_worked = models.FloatField(
        _("hours worked"), default=0, validators=[MinValueValidator(0), MaxValueValidator(24)]
    )
    overtime_h = models.FloatField(_("overtime (h)"), default=0)
    after_hours_min = models.PositiveIntegerField(_("after-hours work (min)"), default=0)
    hostile_contacts = models.PositiveIntegerField(_("hostile or complaint contacts"), default=0)
    absence = models.BooleanField(_("unplanned absence"), default=False)
    csat = models.FloatField(_("CSAT"), null=True, blank=True)
    quality = models.FloatField(_("quality score"), null=True, blank=True)

    class Meta:
        verbose_name = _("workload record")
        verbose_name_plural = _("workload records")
        constraints = [
            models.UniqueConstraint(fields=["person", "date"], name="unique_workload_person_day"),
        ]
        indexes = [models.Index(fields=["team", "date"], name="workload_team_date")]

    def __str__(self) -> str:
        return f"{self.person} {self.date}"


class WorkloadImport(models.Model):
    """One uploaded workload file: its preview, its report and what applying it did."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking")
        PREVIEWED = "previewed", _("Previewed")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        APPLIED = "applied", _("Applied")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed")

    #: Personal data: private storage, a random name, deleted after the retention period.
    file = models.FileField(
        _("file"), upload_to=workload_file_name, storage=private_storage, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREVIEWED
    )
    valid_only = models.BooleanField(_("import only the valid rows"), default=False)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_valid = models.PositiveIntegerField(_("valid rows"), default=0)
    rows_created = models.PositiveIntegerField(_("rows created"), default=0)
    rows_updated = models.PositiveIntegerField(_("rows updated"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    errors_total = models.PositiveIntegerField(_("errors found"), default=0)
    preview = models.JSONField(_("first rows"), default=list, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("workload import")
        verbose_name_plural = _("workload imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def rows_with_problems(self) -> int:
        return max(self.rows_total - self.rows_valid, 0)

    @property
    def has_file_problem(self) -> bool:
        """A problem with the whole file (row 0): no row can be imported."""
        return any(row == 0 for row, *_rest in self.errors)

    @property
    def can_import_valid_rows(self) -> bool:
        """The stored file has valid rows to import on their own, skipping the others."""
        return bool(self.file) and self.rows_valid > 0 and not self.has_file_problem

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.APPLIED, self.Status.REFUSED, self.Status.FAILED}
