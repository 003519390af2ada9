"""The team training report in the Wagtail admin, for leads: only the teams they lead."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from ..labels import STATUS_LABELS
from ..lib.cells import cell_text_safe
from ..lib.status import CELL_STATUSES, EXPIRING_WITHIN_DAYS
from ..models import Enrolment, Team, TeamMembership
from ..permissions import require_team_training
from ..selectors import team_list_led_by


def status_condition(status: str, today) -> Q:
    """The enrolments whose matrix cell shows `status`, as a database condition."""
    completed = Q(status=Enrolment.Status.COMPLETED)
    expiring = completed & Q(valid_until__lte=today + timezone.timedelta(days=EXPIRING_WITHIN_DAYS))
    overdue = ~completed & Q(due_on__lt=today)
    return {
        "done": completed & ~expiring,
        "expiring": expiring,
        "overdue": overdue,
        "in_progress": Q(status=Enrolment.Status.IN_PROGRESS) & ~overdue,
        "not_started": Q(status=Enrolment.Status.NOT_STARTED) & ~overdue,
    }[status]


def _led_teams(request):
    return team_list_led_by(user=request.user) if request else Team.objects.none()


class TeamTrainingFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(
        label=_("Team"),
        queryset=_led_teams,
        method="filter_team",
        empty_label=_("All my teams"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(code, STATUS_LABELS[code]) for code in CELL_STATUSES],
        method="filter_status",
        empty_label=_("Any status"),
    )

    class Meta:
        model = Enrolment
        fields = ["team", "status"]

    def filter_team(self, queryset, name, value):
        return queryset.filter(
            user__team_memberships__team=value,
            user__team_memberships__role=TeamMembership.Role.MEMBER,
        )

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_condition(value, timezone.localdate()))


class StatusColumn(Column):
    def get_value(self, instance):
        return STATUS_LABELS[enrolment_status(instance)]


def enrolment_status(enrolment: Enrolment) -> str:
    from ..lib.status import cell_status

    return cell_status(
        status=enrolment.status,
        due_on=enrolment.due_on,
        valid_until=enrolment.valid_until,
        today=timezone.localdate(),
    )


class TeamTrainingReportView(ReportView):
    page_title = _("Team training")
    header_icon = "group"
    index_url_name = "courses_team_training_report"
    index_results_url_name = "courses_team_training_report_results"
    filterset_class = TeamTrainingFilterSet
    model = Enrolment
    list_export = [
        "person",
        "course.title",
        "status_label",
        "due_on",
        "completed_on",
        "valid_until",
    ]
    export_headings = {
        "person": _("Person"),
        "course.title": _("Course"),
        "status_label": _("Status"),
        "due_on": _("Due on"),
        "completed_on": _("Completed on"),
        "valid_until": _("Valid until"),
    }
    columns = [
        Column("person", label=_("Person")),
        Column("course", label=_("Course"), accessor="course.title"),
        StatusColumn("status", label=_("Status")),
        Column("due_on", label=_("Due on")),
        Column("completed_on", label=_("Completed on")),
        Column("valid_until", label=_("Valid until")),
    ]

    def preprocess_field_value(self, field, value, export_format):
        """Wagtail writes the file; every text cell is neutralised the way
        `courses.spreadsheets` does it, in CSV as in XLSX."""
        return cell_text_safe(super().preprocess_field_value(field, value, export_format))

    def dispatch(self, request, *args, **kwargs):
        require_team_training(request.user)  # a hidden menu item protects nothing
        return super().dispatch(request, *args, **kwargs)

    @property
    def permission_policy(self):
        return None

    def get_filename(self):
        return f"team-training-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        teams = team_list_led_by(user=self.request.user)
        members = TeamMembership.objects.filter(
            team__in=teams, role=TeamMembership.Role.MEMBER
        ).values("user_id")
        return (
            Enrolment.objects.filter(active=True, user_id__in=members)
            .select_related("user", "course")
            .order_by("user__last_name", "user__first_name", "course__path")
        )

    def decorate_paginated_queryset(self, object_list):
        for enrolment in object_list:
            enrolment.person = enrolment.user.get_full_name() or enrolment.user.username
            enrolment.status_label = STATUS_LABELS[enrolment_status(enrolment)]
            enrolment.completed_on = (
                timezone.localdate(enrolment.completed_at) if enrolment.completed_at else None
            )
        return list(object_list)
