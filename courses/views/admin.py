from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..forms import QuestionForm
from ..models import (
    Competency,
    GoodReply,
    LearningPath,
    PathAssignment,
    Question,
    QuestionCategory,
    Team,
    Topic,
)
from ..services.paths import path_assign


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "name_ru", "name_pl", "slug"]
    search_fields = ["name", "name_ru", "name_pl"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Course topics")
    list_display = ["name", "name_ru", "name_pl", "code"]


class GoodReplyViewSet(SnippetViewSet):
    """The reply library: drafts from learners wait here for an editor's approval."""

    model = GoodReply
    icon = "openquote"
    menu_label = _("Good replies")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["good_reply", "language", "topic", "source", "live"]
    list_filter = ["language", "topic", "source", "live"]


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    menu_order = 220
    add_to_admin_menu = True


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "pick"
    menu_label = _("Competencies")
    list_display = ["code", "name", "name_ru", "name_pl"]
    search_fields = ["code", "name"]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
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


class GraphColumn(Column):
    """A link to a dialogue's checked graph, for dialogue questions only."""

    def get_value(self, instance):
        if instance.kind != Question.Kind.DIALOGUE:
            return ""
        url = reverse("courses_bank:dialogue_graph", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("Graph"))


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["title", "kind", "category", GraphColumn("graph", label=_("Dialogue"))]
    list_filter = ["kind", "category", "competencies"]
    search_fields = ["title", "text"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionForm)

    def get_queryset(self, request):
        return Question.objects.select_related("category")


class QuestionBankGroup(SnippetViewSetGroup):
    """The question bank in one menu: questions, categories, competencies, tools."""

    menu_label = _("Question bank")
    menu_icon = "help"
    menu_order = 220
    items = (QuestionViewSet, QuestionCategoryViewSet, CompetencyViewSet)
    submenu_hook = "register_question_bank_menu_item"
