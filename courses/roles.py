"""The five roles of Steady as Django groups, and what *courses* grants them.

The groups are created by a data migration (`0002_roles`). Each app declares the
permissions its roles get in its own `roles` module (`ROLE_PERMISSIONS`, naming only
its own and Wagtail's permissions); `courses.services.roles` collects them from every
installed app and grants them after every migration run, because a model's
permissions only exist once its app has migrated. Views check permissions
(`user.has_perm`), never role names.
"""

AGENT = "Agent"
RECRUITER = "Recruiter"
TEAM_LEAD = "Team lead"
WELLBEING_ADMIN = "Wellbeing admin"
EDITOR = "Editor"

ROLES = (AGENT, RECRUITER, TEAM_LEAD, WELLBEING_ADMIN, EDITOR)

QUESTION_BANK_PERMISSIONS = tuple(
    f"courses.{action}_{model}"
    for model in ("question", "questioncategory", "competency")
    for action in ("add", "change", "delete", "view")
)

REPLY_LIBRARY_PERMISSIONS = tuple(
    f"courses.{action}_goodreply" for action in ("add", "change", "delete", "publish", "view")
)

# "app_label.codename" per role, courses' own grants. Agents read the reply library;
# recruiters hold none of courses' (the staff grading queue is not theirs: they grade
# candidates in hiring's own queue).
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    AGENT: ("courses.view_goodreply",),
    TEAM_LEAD: (
        "courses.view_team_training",
        "courses.view_goodreply",
        "wagtailadmin.access_admin",
    ),
    WELLBEING_ADMIN: (
        # HR keeps the teams (and their leads) that every report is built on.
        "courses.view_team",
        "courses.add_team",
        "courses.change_team",
        "wagtailadmin.access_admin",
    ),
    EDITOR: (
        "wagtailadmin.access_admin",
        "courses.view_team",
        "courses.add_team",
        "courses.change_team",
        "courses.delete_team",
        "courses.view_topic",
        "courses.add_topic",
        "courses.change_topic",
        "courses.view_learningpath",
        "courses.add_learningpath",
        "courses.change_learningpath",
        "courses.delete_learningpath",
        "courses.view_pathassignment",
        "courses.add_pathassignment",
        *QUESTION_BANK_PERMISSIONS,
        *REPLY_LIBRARY_PERMISSIONS,
        "courses.grade_answers",
        "courses.view_item_statistics",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
}


def user_roles(user) -> set[str]:
    """The role names a user holds; superusers hold all of them. For choosing what a
    person lands on and is offered, never for allowing anything."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(ROLES)
    cached = getattr(user, "_steady_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._steady_roles = cached
    return cached
