"""Demo people: staff with one role each, and three teams with their leads."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from courses.models import Team, TeamMembership
from courses.roles import AGENT, TEAM_LEAD
from courses.services.roles import sync_role_permissions

from . import read_fixture

TEAM_TEXT_FIELDS = (
    "name",
    "name_ru",
    "name_pl",
    "description",
    "description_ru",
    "description_pl",
)


def fill_blank(instance, values: dict[str, str]) -> None:
    """Fill the fields still blank (e.g. languages added later); keep what an editor wrote."""
    missing = {f: v for f, v in values.items() if v and not getattr(instance, f)}
    if missing:
        for field, value in missing.items():
            setattr(instance, field, value)
        instance.save(update_fields=list(missing))


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str


def _user(spec: dict, password_hash: str, *, superuser: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=spec["username"],
        defaults={
            "first_name": spec["first_name"],
            "last_name": spec["last_name"],
            "email": f"{spec['username']}@northwind.example",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user


def load_people() -> list[DemoLogin]:
    """Create the demo staff and teams; return the logins worth showing."""
    data = read_fixture("people.json")
    # One hash for every demo login: hashing is slow on purpose, 29 times over adds up.
    password = make_password(data["password"])
    sync_role_permissions()
    groups = {g.name: g for g in Group.objects.all()}
    logins: list[DemoLogin] = []

    for spec in data["staff"]:
        user = _user(spec, password, superuser=spec.get("superuser", False))
        user.groups.add(*(groups[name] for name in spec["roles"]))
        logins.append(DemoLogin(user.username, spec["title"]))

    for team_spec in data["teams"]:
        names = {field: team_spec.get(field, "") for field in TEAM_TEXT_FIELDS}
        team, _created = Team.objects.get_or_create(slug=team_spec["slug"], defaults=names)
        fill_blank(team, names)
        lead = _user(team_spec["lead"], password)
        lead.groups.add(groups[TEAM_LEAD])
        TeamMembership.objects.get_or_create(
            team=team, user=lead, defaults={"role": TeamMembership.Role.LEAD}
        )
        logins.append(DemoLogin(lead.username, f"Team lead of {team.name}"))
        for member_spec in team_spec["members"]:
            member = _user(member_spec, password)
            member.groups.add(groups[AGENT])
            TeamMembership.objects.get_or_create(team=team, user=member)
            if member.username == "agent":
                logins.append(DemoLogin(member.username, f"Agent, new hire in {team.name}"))
    return logins
