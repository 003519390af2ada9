"""The question bank in the Wagtail admin: editor checks, dialogue graphs, item statistics."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import DialogueNode, Question
from courses.services.attempts import attempt_answer_save, attempt_start, attempt_submit
from tests.factories import PASSWORD, agent, editor

from .quizzes import dialogue_question, question, quiz

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def editor_client(client):
    user = editor()
    client.login(username=user.username, password=PASSWORD)
    return client


def question_form(**overrides):
    data = {
        "kind": "dialogue",
        "title": "Late parcel",
        "text": "Talk to the customer.",
        "options": "[]",
        "original": "",
        "rubric": "",
        "general_feedback": "",
        "mark": "1",
        "tags": "",
        "dialogue_nodes": inline_formset(
            [
                {"key": "start", "customer_line": "Where is it?", "mood": "angry", "ending": ""},
                {"key": "calm", "customer_line": "OK", "mood": "calm", "ending": ""},
                {"key": "done", "customer_line": "Thanks", "mood": "pleased", "ending": "resolved"},
            ]
        ),
        "dialogue_choices": inline_formset(
            [
                {
                    "from_key": "start",
                    "text": "Sorry!",
                    "next_key": "done",
                    "scores": '{"empathy": 2}',
                }
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_editor_is_told_about_dead_ends_and_unreachable_lines(editor_client):
    response = editor_client.post(reverse("wagtailsnippets_courses_question:add"), question_form())
    assert response.status_code == 200
    html = response.content.decode()
    assert "has no replies and no ending" in html
    assert "No path from the start leads to" in html
    assert not Question.objects.exists()


def test_a_sound_dialogue_is_saved(editor_client):
    form = question_form(
        dialogue_choices=inline_formset(
            [
                {"from_key": "start", "text": "Sorry!", "next_key": "calm", "scores": "{}"},
                {"from_key": "calm", "text": "Tomorrow.", "next_key": "done", "scores": "{}"},
            ]
        )
    )
    response = editor_client.post(reverse("wagtailsnippets_courses_question:add"), form)
    assert response.status_code == 302
    assert Question.objects.get().dialogue_choices.count() == 2


def test_a_choice_question_without_a_right_answer_is_refused(editor_client):
    form = question_form(
        kind="single",
        options='[{"text": "A", "weight": 0}, {"text": "B", "weight": 0}]',
        dialogue_nodes=inline_formset([]),
        dialogue_choices=inline_formset([]),
    )
    response = editor_client.post(reverse("wagtailsnippets_courses_question:add"), form)
    assert "no correct answer" in response.content.decode()
    assert not Question.objects.exists()


def test_changing_a_situational_key_bumps_its_version(editor_client):
    sjt = question("situational")
    options = (
        '[{"text": "a", "weight": 1}, {"text": "b", "weight": 0}, {"text": "c", "weight": -1}]'
    )
    form = question_form(
        kind="situational",
        title=sjt.title,
        options=options,
        dialogue_nodes=inline_formset([]),
        dialogue_choices=inline_formset([]),
    )
    url = reverse("wagtailsnippets_courses_question:edit", args=[sjt.pk])
    response = editor_client.post(url, form)
    assert response.status_code == 302
    sjt.refresh_from_db()
    assert sjt.key_version == 2
    assert sjt.key_history == {"1": [1.0, 0.5, -0.5, -1.0]}
    assert sjt.weights() == [1.0, 0.0, -1.0]


def test_the_dialogue_graph_page_draws_the_graph_and_its_issues(
    editor_client, django_assert_max_num_queries
):
    talk = dialogue_question()
    with django_assert_max_num_queries(20):
        response = editor_client.get(reverse("courses_bank:dialogue_graph", args=[talk.pk]))
    html = response.content.decode()
    assert "data-graph-ok" in html and "<svg" in html
    DialogueNode.objects.create(question=talk, key="island", customer_line="?", mood="calm")
    url = reverse("courses_bank:dialogue_graph", args=[talk.pk])
    html = editor_client.get(url).content.decode()
    assert "data-graph-issues" in html and "island" in html


@pytest.mark.parametrize("takers", [3, 30])
def test_item_statistics_for_editors(
    editor_client, demo_site, django_assert_max_num_queries, takers
):
    easy, hard = question("single", title="Easy one"), question("single", title="Hard one")
    page = quiz(demo_site, [easy, hard])
    for n in range(takers):
        attempt = attempt_start(quiz=page, user=agent(), now=NOW)
        attempt_answer_save(attempt=attempt, question=easy, answer={"choice": 0}, now=NOW)
        attempt_answer_save(
            attempt=attempt, question=hard, answer={"choice": 0 if n % 3 == 0 else 1}, now=NOW
        )
        attempt_submit(attempt=attempt, now=NOW)
    with django_assert_max_num_queries(20):
        response = editor_client.get(reverse("courses_bank:item_statistics"))
    html = response.content.decode()
    assert "data-item-statistics" in html and "Easy one" in html and "Hard one" in html
    assert f"<td>{takers}</td>" in html


def test_an_agent_may_not_see_statistics_or_graphs(client):
    user = agent()
    client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("courses_bank:item_statistics")).status_code in (302, 403)
    talk = dialogue_question()
    assert client.get(reverse("courses_bank:dialogue_graph", args=[talk.pk])).status_code in (
        302,
        403,
    )


def test_the_question_bank_menu_lists_the_bank_for_editors(editor_client):
    html = editor_client.get(reverse("wagtailsnippets_courses_question:list")).content.decode()
    assert "Question bank" in html


def test_the_quiz_page_and_question_editors_render(editor_client, demo_site):
    from wagtail.models import Page

    page = quiz(demo_site, [question("single"), dialogue_question()])
    assert editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    index = Page.objects.get(pk=page.get_parent().pk)
    add = reverse("wagtailadmin_pages:add", args=["courses", "quizpage", index.pk])
    assert editor_client.get(add).status_code == 200
    talk = Question.objects.get(kind="dialogue")
    edit = reverse("wagtailsnippets_courses_question:edit", args=[talk.pk])
    assert editor_client.get(edit).status_code == 200
