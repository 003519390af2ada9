"""The five roles of Steady as Django groups, and what each may do.

The groups are created by a data migration (`0002_roles`); the permissions they
carry are granted after every migration run, because a model's permissions only
exist once its app has migrated. Adding a permission here and migrating is all it
takes to change a role.
"""

from django.utils.translation import gettext_lazy as _

AGENT = "Agent"
RECRUITER = "Recruiter"
TEAM_LEAD = "Team lead"
WELLBEING_ADMIN = "Wellbeing admin"
EDITOR = "Editor"

ROLES = (AGENT, RECRUITER, TEAM_LEAD, WELLBEING_ADMIN, EDITOR)

ROLE_LABELS = {
    AGENT: _("Agent"),
    RECRUITER: _("Recruiter"),
    TEAM_LEAD: _("Team lead"),
    WELLBEING_ADMIN: _("Wellbeing admin"),
    EDITOR: _("Editor"),
}

QUESTION_BANK_PERMISSIONS = tuple(
    f"courses.{action}_{model}"
    for model in ("question", "questioncategory", "competency")
    for action in ("add", "change", "delete", "view")
)

# "app_label.codename" per role. Codenames of apps that are not installed are
# skipped, so the plugin works with only the apps a site chose.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    AGENT: (),
    # Recruiters grade candidates in their own hiring queue; the staff grading
    # queue (agents' training answers) is not theirs: a recruiter sees only hiring.
    RECRUITER: ("courses.access_hiring",),
    TEAM_LEAD: (
        "courses.view_team_training",
        "wellbeing.view_team_wellbeing",
        "wagtailadmin.access_admin",
    ),
    WELLBEING_ADMIN: (
        "wellbeing.view_team_wellbeing",
        "wellbeing.manage_wellbeing",
        "wellbeing.change_wellbeingsettings",
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


def sync_role_permissions(sender=None, **kwargs) -> None:
    """Grant each role the permissions listed above (idempotent, adds only)."""
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    for role, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        wanted = set()
        for code in codes:
            app_label, codename = code.split(".", 1)
            wanted.add((app_label, codename))
        if not wanted:
            continue
        perms = (
            Permission.objects.using(using)
            .filter(
                content_type__app_label__in={a for a, _c in wanted},
                codename__in={c for _a, c in wanted},
            )
            .select_related("content_type")
        )
        matching = [p for p in perms if (p.content_type.app_label, p.codename) in wanted]
        group.permissions.add(*matching)


def user_roles(user) -> set[str]:
    """The role names a user holds; superusers hold all of them."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(ROLES)
    cached = getattr(user, "_steady_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._steady_roles = cached
    return cached
