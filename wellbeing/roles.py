"""What wellbeing grants Steady's roles (see `courses.services.roles`)."""

from courses.roles import TEAM_LEAD, WELLBEING_ADMIN

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # The dashboards of the teams they lead, nobody else's.
    TEAM_LEAD: ("wellbeing.view_team_wellbeing",),
    # HR: workload imports, settings and the organisation view, never a team's dashboard.
    WELLBEING_ADMIN: (
        "wellbeing.manage_wellbeing",
        "wellbeing.change_wellbeingsettings",
        "wagtailadmin.access_admin",
    ),
}
