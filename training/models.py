from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from courses.models.pages import localized_draft, route_to_child, view_restrictions


class HomePage(Page):
    """The site's front door: a welcome for visitors, a hand-off for people signed in."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().serve(request, *args, **kwargs)

    def route(self, request, path_components):
        # The whole path below the home page in one query (courses' routing).
        return route_to_child(self, request, path_components)

    get_view_restrictions = view_restrictions
    localized_draft = property(localized_draft)
