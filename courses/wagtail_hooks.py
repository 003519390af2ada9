"""Admin wiring for the courses app: registrations only."""

from wagtail.snippets.models import register_snippet

from .views.admin import TeamViewSet

register_snippet(TeamViewSet)
