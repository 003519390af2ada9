from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import LearningPath, PathAssignment, Team, Topic
from ..services.paths import path_assign


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Course topics")
    list_display = ["name", "name_ru", "name_pl", "code"]


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name"]
    search_fields = ["name"]


class PathAssignmentCreateView(SnippetCreateView):
    """Assigning through the admin enrols everyone covered, like the service does."""

    def save_instance(self):
        data = self.form.cleaned_data
        assignment = path_assign(
            path=data["path"], team=data.get("team"), group=data.get("group"), user=data.get("user")
        )
        log(instance=assignment, action="wagtail.create", user=self.request.user)
        return assignment


class PathAssignmentViewSet(SnippetViewSet):
    model = PathAssignment
    icon = "user"
    menu_label = _("Path assignments")
    add_view_class = PathAssignmentCreateView
    list_display = ["path", "team", "group", "user", "assigned_at"]
    list_filter = ["path"]
    panels = [FieldPanel("path"), FieldPanel("team"), FieldPanel("group"), FieldPanel("user")]
