"""Views of the wellbeing app: thin, calling selectors and services."""

from .checkin import checkin
from .dashboards import organisation, team_dashboard, warning_acknowledge, warning_assign_course
from .impact import impact_report

__all__ = [
    "checkin",
    "impact_report",
    "organisation",
    "team_dashboard",
    "warning_acknowledge",
    "warning_assign_course",
]
