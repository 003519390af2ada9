"""Views of the wellbeing app: thin, calling selectors and services."""

from .checkin import checkin
from .dashboards import organisation, team_dashboard, warning_acknowledge, warning_assign_course

__all__ = [
    "checkin",
    "organisation",
    "team_dashboard",
    "warning_acknowledge",
    "warning_assign_course",
]
