import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from courses.models import Team, TeamMembership

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"auth", "courses", "wellbeing", "training", "wagtailcore"}
    }


def test_load_demo_twice_adds_nothing_the_second_time():
    call_command("load_demo", verbosity=0)
    first = _row_counts()
    call_command("load_demo", verbosity=0)
    assert _row_counts() == first


def test_demo_has_three_teams_of_six_to_twelve_with_one_lead_each():
    call_command("load_demo", verbosity=0)
    teams = Team.objects.prefetch_related("memberships")
    assert teams.count() == 3
    for team in teams:
        members = [m for m in team.memberships.all() if m.role == TeamMembership.Role.MEMBER]
        leads = [m for m in team.memberships.all() if m.role == TeamMembership.Role.LEAD]
        assert 6 <= len(members) <= 12, team.name
        assert len(leads) == 1, team.name


def test_every_demo_login_in_the_readme_exists_with_its_role():
    call_command("load_demo", verbosity=0)
    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}
    expected = {
        "agent": "Agent",
        "lead": "Team lead",
        "recruiter": "Recruiter",
        "editor": "Editor",
        "hr": "Wellbeing admin",
    }
    for username, role in expected.items():
        assert role in {g.name for g in users[username].groups.all()}, username
    assert users["admin"].is_superuser
    for user in users.values():
        assert user.check_password("steady-demo")


def test_the_demo_library_has_approved_passing_replies_in_each_language_by_topic():
    from courses.models import GoodReply
    from courses.services.library import library_search

    call_command("load_demo", verbosity=0)
    for language in ("en", "ru", "pl"):
        entries = list(library_search(language=language))
        assert len(entries) == 3, language
        assert all(e.live and e.topic_id and e.score >= 60 and e.findings for e in entries)
    assert [e.language for e in library_search(query="возврат")] == ["ru"]
    assert not GoodReply.objects.filter(live=False).exists()
