"""Learning paths: assigning one enrols everyone it covers, now and later."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Enrolment, LearningPath, PathAssignment, TeamMembership
from ..models.progress import validate_assignment_target
from .progress import enrolment_create


def _path_users(*, team=None, group=None, user=None):
    User = get_user_model()
    if user is not None:
        return [user]
    if team is not None:
        return list(
            User.objects.filter(
                team_memberships__team=team,
                team_memberships__role=TeamMembership.Role.MEMBER,
                is_active=True,
            ).order_by("pk")
        )
    return list(User.objects.filter(groups=group, is_active=True).order_by("pk"))


def path_enrol_user(*, path: LearningPath, user, today: date | None = None) -> list[Enrolment]:
    """Enrol one person in every course of a path, each due `due_in_days` from today."""
    today = today or timezone.localdate()
    steps = path.steps.select_related("course").order_by("sort_order")
    return [
        enrolment_create(
            user=user,
            course=step.course,
            due_on=today + timedelta(days=step.due_in_days),
            path=path,
        )
        for step in steps
    ]


@transaction.atomic
def path_assign(
    *,
    path: LearningPath,
    team=None,
    group=None,
    user=None,
    today: date | None = None,
) -> PathAssignment:
    """Assign a path to a team, a role (group) or a person, and enrol everyone covered."""
    validate_assignment_target(team=team, group=group, user=user)
    assignment, _created = PathAssignment.objects.get_or_create(
        path=path, team=team, group=group, user=user
    )
    for person in _path_users(team=team, group=group, user=user):
        path_enrol_user(path=path, user=person, today=today)
    return assignment


@transaction.atomic
def path_assignments_apply_to_member(*, membership: TeamMembership, today: date | None = None):
    """A newcomer to a team gets the paths assigned to that team (signal on joining)."""
    if membership.role != TeamMembership.Role.MEMBER:
        return
    for assignment in PathAssignment.objects.filter(team_id=membership.team_id).select_related(
        "path"
    ):
        path_enrol_user(path=assignment.path, user=membership.user, today=today)


@transaction.atomic
def path_assignments_apply_to_group_member(*, user, group_ids, today: date | None = None):
    """Someone given a role gets the paths assigned to that role."""
    for assignment in PathAssignment.objects.filter(group_id__in=group_ids).select_related("path"):
        path_enrol_user(path=assignment.path, user=user, today=today)
