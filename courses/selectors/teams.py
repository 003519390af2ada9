"""Reads about teams: who leads and who belongs where."""

from django.db.models import QuerySet

from ..models import Team, TeamMembership


def team_list_led_by(*, user) -> QuerySet[Team]:
    """Teams the user leads; a superuser leads none by default but sees all."""
    if user.is_superuser:
        return Team.objects.all()
    return Team.objects.filter(
        memberships__user=user, memberships__role=TeamMembership.Role.LEAD
    ).distinct()


def team_list_of_member(*, user) -> QuerySet[Team]:
    return Team.objects.filter(memberships__user=user).distinct()
