"""The lead's team training matrix: people × courses, filtered, and its flat export rows."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from ..lib.status import cell_status
from ..models import CoursePage, Enrolment, Team, TeamMembership
from .teams import team_list_led_by
from .training import localized_map


@dataclass
class MatrixRow:
    user: object
    teams: list[str]
    cells: list[tuple[str, Enrolment | None]]


@dataclass
class Matrix:
    teams: list[Team]
    courses: list[CoursePage]
    rows: list[MatrixRow]
    today: date
    course_ids: list[int] = field(default_factory=list)  # the originals' pks, as filtered on
    status: str | None = None

    def flat(self) -> list[dict]:
        """One line per person and assigned course: the export's shape."""
        lines = []
        for row in self.rows:
            for course, (cell, enrolment) in zip(self.courses, row.cells, strict=True):
                if enrolment is None or (self.status and cell != self.status):
                    continue
                lines.append(
                    {
                        "team": ", ".join(row.teams),
                        "person": row.user.get_full_name() or row.user.username,
                        "username": row.user.username,
                        "course": course.title,
                        "status": cell,
                        "due_on": enrolment.due_on,
                        "completed_on": timezone.localdate(enrolment.completed_at)
                        if enrolment.completed_at
                        else None,
                        "valid_until": enrolment.valid_until,
                    }
                )
        return lines


def team_matrix(
    *,
    user,
    team_id: int | None = None,
    course_id: int | None = None,
    status: str | None = None,
    today: date | None = None,
) -> Matrix:
    """People × courses for the teams a lead leads, with optional filters."""
    today = today or timezone.localdate()
    teams = list(team_list_led_by(user=user).order_by("name"))
    chosen = [t for t in teams if team_id is None or t.pk == team_id]
    memberships = (
        TeamMembership.objects.filter(team__in=chosen, role=TeamMembership.Role.MEMBER)
        .select_related("user", "team")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    people: dict[int, MatrixRow] = {}
    for membership in memberships:
        row = people.setdefault(membership.user_id, MatrixRow(membership.user, [], []))
        row.teams.append(membership.team.label)
    enrolments = list(
        Enrolment.objects.filter(user_id__in=list(people), active=True).select_related("course")
    )
    if course_id is not None:
        enrolments = [e for e in enrolments if e.course_id == course_id]
    originals = sorted({e.course_id: e.course for e in enrolments}.values(), key=lambda c: c.path)
    localized = localized_map(originals, CoursePage)
    by_cell = {(e.user_id, e.course_id): e for e in enrolments}
    rows = []
    for person_id, row in people.items():
        for course in originals:
            enrolment = by_cell.get((person_id, course.pk))
            row.cells.append(
                (
                    cell_status(
                        status=enrolment.status if enrolment else None,
                        due_on=enrolment.due_on if enrolment else None,
                        valid_until=enrolment.valid_until if enrolment else None,
                        today=today,
                    ),
                    enrolment,
                )
            )
        if status and not any(cell == status for cell, _e in row.cells):
            continue
        rows.append(row)
    return Matrix(
        teams=teams,
        courses=[localized[c.pk] for c in originals],
        rows=rows,
        today=today,
        course_ids=[c.pk for c in originals],
        status=status,
    )
