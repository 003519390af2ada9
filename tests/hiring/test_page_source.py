"""A candidate reading the page source finds only what they have reached: later
dialogue lines, branches and ending labels come from the server after each choice."""

import pytest
from django.urls import reverse

from courses.models import QuizQuestion
from tests.courses.quizzes import choice_id, dialogue_question
from tests.factories import recruiter

from .helpers import hiring_quiz, invite

pytestmark = pytest.mark.django_db

LATER = ("OK, and when?", "Thank you!", "I'm leaving.", "Resolved", "Lost", "data-next")


@pytest.fixture
def talk(demo_site):
    quiz = hiring_quiz(demo_site)
    question = dialogue_question()
    QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=99)
    return quiz, question


def started(client, quiz):
    invitation, token = invite(recruiter(), quiz)
    client.post(reverse("hiring:assessment_landing", args=[token]), {"consent": "yes"})
    return token


def answer(client, token, question, path):
    return client.post(
        reverse("hiring:assessment_answer", args=[token]),
        data={"question": question.pk, "answer": {"path": path}},
        content_type="application/json",
    )


def test_the_page_holds_the_first_line_and_its_replies_only(client, talk):
    quiz, question = talk
    token = started(client, quiz)

    html = client.get(reverse("hiring:assessment_take", args=[token])).content.decode()

    assert "Where is my parcel?!" in html
    assert "I&#x27;m sorry, let me check." in html and "Calm down." in html
    for later in LATER:
        assert later not in html


def test_the_next_line_comes_with_the_saved_reply_and_nothing_beyond_it(client, talk):
    quiz, question = talk
    token = started(client, quiz)
    sorry = choice_id(question, "I'm sorry")

    response = answer(client, token, question, [sorry])

    body = response.json()
    assert body["ok"] is True
    step = body["dialogue"]
    assert step["transcript"] == [
        {
            "customer": "Where is my parcel?!",
            "mood": "angry",
            "mood_label": "Angry",
            "reply": "I'm sorry, let me check.",
        }
    ]
    assert step["current"]["customer"] == "OK, and when?"
    assert [c["text"] for c in step["current"]["choices"]] == ["Tomorrow by noon; I'll email you."]
    assert "next" not in str(step) and "Thank you!" not in str(step)


def test_after_a_reload_the_page_shows_the_way_walked_and_still_nothing_ahead(client, talk):
    quiz, question = talk
    token = started(client, quiz)
    answer(client, token, question, [choice_id(question, "I'm sorry")])

    html = client.get(reverse("hiring:assessment_take", args=[token])).content.decode()

    assert "OK, and when?" in html and "Tomorrow by noon" in html
    for later in ("Thank you!", "I'm leaving.", "Resolved", "Lost", "data-next"):
        assert later not in html


def test_an_ending_is_named_only_once_it_is_reached(client, talk):
    quiz, question = talk
    token = started(client, quiz)
    path = [choice_id(question, "I'm sorry"), choice_id(question, "Tomorrow")]

    step = answer(client, token, question, path).json()["dialogue"]

    assert step["current"]["ending"] == "resolved"
    assert step["current"]["ending_label"] == "Resolved"
    assert step["current"]["choices"] == []
    assert "I'm leaving." not in str(step)
