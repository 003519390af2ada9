"""Admin wiring for the courses app: registrations only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .permissions import can_view_team_training
from .views.admin import (
    LearningPathViewSet,
    PathAssignmentViewSet,
    TeamViewSet,
    TopicViewSet,
)
from .views.reports import TeamTrainingReportView

register_snippet(TeamViewSet)
register_snippet(TopicViewSet)
register_snippet(LearningPathViewSet)
register_snippet(PathAssignmentViewSet)


class TeamTrainingMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_team_training(request.user)


@hooks.register("register_admin_urls")
def register_team_training_report_urls():
    return [
        path(
            "reports/team-training/",
            TeamTrainingReportView.as_view(),
            name="courses_team_training_report",
        ),
        path(
            "reports/team-training/results/",
            TeamTrainingReportView.as_view(results_only=True),
            name="courses_team_training_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_team_training_report_menu_item():
    return TeamTrainingMenuItem(
        _("Team training"),
        reverse("courses_team_training_report"),
        name="team-training",
        icon_name="group",
        order=100,
    )
