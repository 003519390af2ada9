"""Factories for the test suite: people with roles, teams and memberships."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.models import Team, TeamMembership
from courses.roles import AGENT, EDITOR, RECRUITER, TEAM_LEAD, WELLBEING_ADMIN

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory, roles=[AGENT])
    role = TeamMembership.Role.MEMBER


def agent(**kwargs):
    return UserFactory(roles=[AGENT], **kwargs)


def lead_of(team: Team, **kwargs):
    user = UserFactory(roles=[TEAM_LEAD], **kwargs)
    MembershipFactory(team=team, user=user, role=TeamMembership.Role.LEAD)
    return user


def recruiter(**kwargs):
    return UserFactory(roles=[RECRUITER], **kwargs)


def wellbeing_admin(**kwargs):
    return UserFactory(roles=[WELLBEING_ADMIN], **kwargs)


def editor(**kwargs):
    return UserFactory(roles=[EDITOR], **kwargs)
