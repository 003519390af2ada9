"""Released check-in comments and the complementary-suppression note, in en, ru and pl.

The last closed month is built through the real services: people answer the
monthly check-in (`checkin_submit`, on the month's last day), then the month
is released (`checkins_release`, on the first day of this month). The demo's
own release of that month is deleted first, so the pages show this test's. Orders & delivery has
11 answers with comments (at least 10: the comments are shown), Returns &
complaints 6 answers with comments (figures shown, comments not: under 10),
Technical help 2 answers (hidden: under k). Hiding Technical help alone would
let the organisation total give it away, so Returns is hidden as well, as a
complement, and the page says so.
"""

import datetime as dt
import random

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from courses.models import Team, TeamMembership
from tests.factories import MembershipFactory, agent
from wellbeing import instruments
from wellbeing.models import ReleasedCheckInFigure
from wellbeing.selectors import primary_team_ids
from wellbeing.services.checkins import checkin_submit, checkins_release, month_label

LANGUAGES = ["en", "ru", "pl"]
ORDERS_COMMENTS = [
    f"Orders comment {n}: the returns queue tool freezes on Mondays" for n in range(11)
]
RETURNS_COMMENTS = [f"Returns comment {n}: too many escalations" for n in range(6)]
TECHNICAL_COMMENTS = ["Technical comment 0: fine", "Technical comment 1: fine"]
SHUFFLE_SEED = 14
NOTE = (
    "Some values are hidden even though they have enough answers: shown together with the "
    "totals, they would give away the numbers of a group that is too small to show "
    "(complementary suppression)."
)


def _answers(level: int) -> dict[str, int]:
    """One answer per monthly item: the option `level` steps above the lowest."""
    return {
        item.code: sorted(item.options.values)[level] for item in instruments.MONTHLY_FULL.items
    }


def _answering(team: Team, count: int) -> list:
    """`count` people whose primary team is `team`, adding new members if it has too few."""
    members = TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER)
    primary = primary_team_ids(user_ids=list(members.values_list("user_id", flat=True)))
    people = [m.user for m in members.select_related("user").order_by("user__username")]
    people = [person for person in people if primary.get(person.pk) == team.pk]
    for n in range(count - len(people)):
        person = agent(username=f"orders.newcomer{n}", first_name="Newcomer", last_name=f"N{n}")
        MembershipFactory(team=team, user=person)
        people.append(person)
    return people[:count]


@pytest.fixture
def released_month(demo, settings):
    """Last month, answered on its last day and released on the first of this month."""
    settings.STEADY_CHECKIN_COMMENTS_ENABLED = True
    first_of_month = timezone.localdate().replace(day=1)
    last_day = first_of_month - dt.timedelta(days=1)
    period = month_label(last_day)
    # The demo released this month from its own answers; this test answers it instead.
    ReleasedCheckInFigure.objects.filter(period=period).delete()
    teams = {
        team.slug: team for team in Team.objects.filter(slug__in=["orders", "returns", "technical"])
    }
    plan = {
        "orders": ORDERS_COMMENTS,
        "returns": RETURNS_COMMENTS,
        "technical": TECHNICAL_COMMENTS,
    }
    answered_by = {}
    for slug, comments in plan.items():
        people = _answering(teams[slug], len(comments))
        assert len(people) == len(comments)
        answered_by[slug] = people
        for index, (person, comment) in enumerate(zip(people, comments, strict=True)):
            checkin_submit(
                user=person,
                form=instruments.MONTHLY_FULL.code,
                period=period,
                answers=_answers(1 + index % 2),
                today=last_day,
                comment=comment,
            )
    opened = checkins_release(today=first_of_month, rng=random.Random(SHUFFLE_SEED))
    assert opened == 11 + 6 + 2
    hidden = ReleasedCheckInFigure.objects.filter(period=period, released=False)
    assert {(f.group_name, f.suppressed_because) for f in hidden} == {
        ("Returns & complaints", "complementary"),
        ("Technical help", "small_group"),
    }
    shuffled = list(ORDERS_COMMENTS)
    random.Random(SHUFFLE_SEED).shuffle(shuffled)
    assert shuffled != ORDERS_COMMENTS  # the release order is not the order of answering
    return {"period": period, "teams": teams, "people": answered_by, "shuffled": shuffled}


def _prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def _assert_no_names(text: str, people: dict) -> None:
    for person in (p for group in people.values() for p in group):
        assert person.username not in text
        assert person.get_full_name() not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lead_of_a_team_with_ten_answers_sees_its_comments_shuffled_and_nameless(
    page, live_server, released_month, sign_in, shot, language
):
    orders = released_month["teams"]["orders"]
    sign_in(page, "lead")
    page.goto(f"{live_server.url}{_prefix(language)}/team/{orders.pk}/")
    page.wait_for_load_state("networkidle")
    section = page.locator("#checkin-comments")
    section.scroll_into_view_if_needed()
    assert _in(language, "Comments from check-ins") in section.inner_text()
    assert released_month["period"] in section.inner_text()
    shown = section.locator("li").all_inner_texts()
    assert shown == released_month["shuffled"]
    _assert_no_names(section.inner_text(), released_month["people"])
    shot(page, f"checkin-comments-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_team_hidden_to_protect_another_says_so_and_shows_no_comments_under_ten(
    page, live_server, released_month, sign_in, shot, language
):
    returns = released_month["teams"]["returns"]
    sign_in(page, "lead.returns")
    page.goto(f"{live_server.url}{_prefix(language)}/team/{returns.pk}/")
    page.wait_for_load_state("networkidle")
    main = page.inner_text("main")
    assert _in(language, "hidden to protect another group") in main
    month_row = page.locator(".checkin-table tbody tr", has_text=released_month["period"])
    assert month_row.locator(".complementary").count() == 3
    assert page.locator(".complementary-note").count() == 1
    note = _in(language, NOTE)
    assert note in page.inner_text(".complementary-note")
    if language != "en":
        assert note != NOTE  # translated, not the English text
    assert _in(language, "No comments released yet.") in page.inner_text("#checkin-comments")
    for comment in RETURNS_COMMENTS:
        assert comment not in main


@pytest.mark.parametrize("language", LANGUAGES)
def test_hr_sees_orders_comments_only_and_the_complementary_note_on_the_organisation_page(
    page, live_server, released_month, sign_in, shot, language
):
    sign_in(page, "hr")
    page.goto(f"{live_server.url}{_prefix(language)}/organisation/")
    page.wait_for_load_state("networkidle")
    main = page.inner_text("main")
    hidden = _in(language, "hidden to protect another group")
    assert hidden in main
    # Last month's table: Orders shown with its 11 answers, Returns hidden on all three scales.
    table = page.locator("#team-checkins tbody tr")
    assert table.filter(has_text="n=11").count() == 1
    assert table.filter(has_text="n=19").count() == 1  # the whole organisation
    protected = table.filter(has=page.locator(".complementary"))
    assert protected.count() == 1
    assert protected.locator(".complementary").count() == 3
    assert "n=" not in protected.inner_text()
    assert page.locator(".complementary-note").count() == 1
    assert _in(language, NOTE) in page.inner_text(".complementary-note")
    comments = page.locator("#checkin-comments")
    assert comments.locator("li").all_inner_texts() == released_month["shuffled"]
    for comment in RETURNS_COMMENTS + TECHNICAL_COMMENTS:
        assert comment not in main
    _assert_no_names(comments.inner_text(), released_month["people"])
    page.locator(".complementary-note").scroll_into_view_if_needed()
    shot(page, f"checkin-suppressed-note-{language}")
