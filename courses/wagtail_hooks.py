"""Admin wiring for the courses app: registrations only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .permissions import can_view_team_training
from .views import bank
from .views.admin import (
    GoodReplyViewSet,
    LearningPathViewSet,
    PathAssignmentViewSet,
    QuestionBankGroup,
    TeamViewSet,
    TopicViewSet,
)
from .views.reports import TeamTrainingReportView

register_snippet(TeamViewSet)
register_snippet(TopicViewSet)
register_snippet(LearningPathViewSet)
register_snippet(PathAssignmentViewSet)
register_snippet(GoodReplyViewSet)


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


register_snippet(QuestionBankGroup)

bank_urls = (
    [
        path("import/", bank.question_import, name="question_import"),
        path("export/", bank.question_export, name="question_export"),
        path("statistics/", bank.item_statistics_view, name="item_statistics"),
        path("dialogue/<int:pk>/graph/", bank.dialogue_graph_view, name="dialogue_graph"),
    ],
    "courses_bank",
)


@hooks.register("register_admin_urls")
def register_bank_urls():
    return [path("question-bank/", include(bank_urls))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_question_bank_menu_item")
def import_menu_item():
    return PermissionMenuItem(
        _("Import"),
        reverse("courses_bank:question_import"),
        icon_name="upload",
        order=900,
        permission="courses.add_question",
    )


@hooks.register("register_question_bank_menu_item")
def export_menu_item():
    return PermissionMenuItem(
        _("Export"),
        reverse("courses_bank:question_export"),
        icon_name="download",
        order=910,
        permission="courses.view_question",
    )


@hooks.register("register_question_bank_menu_item")
def statistics_menu_item():
    return PermissionMenuItem(
        _("Item statistics"),
        reverse("courses_bank:item_statistics"),
        icon_name="table",
        order=920,
        permission="courses.view_item_statistics",
    )


@hooks.register("register_question_bank_menu_item")
def grading_menu_item():
    return PermissionMenuItem(
        _("Grading"),
        reverse("courses:grading_queue"),
        icon_name="edit",
        order=930,
        permission="courses.grade_answers",
    )
