"""Moodle's other question types in the bank, in quizzes and in import/export; a file
with questions Steady cannot take imports the rest only when the editor asks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from courses.formats import parse_moodle_xml
from courses.models import Answer, Attempt, Question
from courses.services.questions import (
    question_data,
    questions_export,
    questions_import,
    questions_parse,
)
from tests.factories import PASSWORD, agent, editor

from .quizzes import dialogue_question, question, quiz
from .test_quiz_pages import post_answer, start

pytestmark = pytest.mark.django_db

NEW_KINDS_GIFT = """\
$CATEGORY: Moodle kinds

::Courier::Which courier delivers next day?{=FastShip =%50%Fast*}

::Refund::A 40 EUR item comes back with a 5 EUR fee kept. How much is refunded?{#35:0.5}

::Match::Match each delivery option to its usual time.{
=Express -> next day
=Standard -> 3 to 5 days
= -> never
}

::Gap::A refund is usually sent within {=14 ~30 ~60} days of the withdrawal.

::Intro::The next questions are about parcels that arrive damaged.
"""


def new_kind_questions() -> list[Question]:
    return questions_import(questions=questions_parse(data=NEW_KINDS_GIFT.encode())).created


def test_every_new_kind_imports_into_the_bank_with_what_scoring_needs():
    created = {q.title: q for q in new_kind_questions()}

    assert {title: q.kind for title, q in created.items()} == {
        "Courier": "short_answer",
        "Refund": "numerical",
        "Match": "matching",
        "Gap": "missing_word",
        "Intro": "description",
    }
    assert created["Refund"].options[0]["tolerance"] == 0.5
    assert [o["match"] for o in created["Match"].options] == ["next day", "3 to 5 days", "never"]
    assert created["Intro"].mark == 0.0


@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_new_kinds_survive_export_and_import_again(fmt):
    first = new_kind_questions()

    text, skipped = questions_export(questions=first, fmt=fmt)
    again = questions_import(
        questions=questions_parse(data=text.encode(), filename=f"bank.{fmt}")
    ).created

    assert skipped == []
    assert [question_data(q) for q in again] == [question_data(q) for q in first]


def test_a_dialogue_and_a_rephrasing_question_survive_moodle_xml_without_loss():
    talk = dialogue_question()
    rephrase = question("rephrasing")

    text, skipped = questions_export(questions=[talk, rephrase], fmt="xml")
    talk_again, rephrase_again = questions_import(
        questions=questions_parse(data=text.encode(), filename="bank.xml")
    ).created

    assert skipped == []
    assert question_data(talk_again) == question_data(talk)
    assert [(n.key, n.mood, n.ending) for n in talk_again.dialogue_nodes.all()] == [
        ("start", "angry", ""),
        ("calm", "upset", ""),
        ("done", "pleased", "resolved"),
        ("lost", "angry", "lost"),
    ]
    assert rephrase_again.original == "We can't refund you. It's our policy."


BROKEN_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer"><name><text>Courier</text></name>
    <questiontext><text>Who delivers next day?</text></questiontext>
    <answer fraction="100"><text>FastShip</text></answer></question>
  <question type="calculated"><name><text>Formula</text></name>
    <questiontext><text>{a} + {b}?</text></questiontext></question>
  <question type="multianswer"><name><text>Cloze</text></name>
    <questiontext><text>{1:MULTICHOICE:=a~b}</text></questiontext></question>
</quiz>
"""


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def test_an_editor_sees_what_cannot_be_taken_and_imports_the_rest_on_request(client):
    login(client, editor())
    url = reverse("courses_bank:question_import")

    preview = client.post(url, {"file": SimpleUploadedFile("bank.xml", BROKEN_XML)})
    html = preview.content.decode()

    assert "Line 6" in html and "calculated" in html and "Line 8" in html
    assert "Import the 1 readable question, skip the rest" in html
    assert Question.objects.count() == 0
    content = preview.context["confirm_form"].initial["content"]

    refused = client.post(url, {"content": content, "filename": "bank.xml", "confirm": "1"})
    assert refused.status_code == 200 and Question.objects.count() == 0

    done = client.post(
        url, {"content": content, "filename": "bank.xml", "confirm": "1", "partial": "1"}
    )
    assert done.status_code == 302
    assert list(Question.objects.values_list("title", "kind")) == [("Courier", "short_answer")]


def test_a_file_with_nothing_readable_offers_no_partial_import(client):
    login(client, editor())
    broken = b"<quiz><question type='calculated'><name><text>F</text></name></question></quiz>"

    response = client.post(
        reverse("courses_bank:question_import"), {"file": SimpleUploadedFile("b.xml", broken)}
    )

    assert "readable" not in response.content.decode()
    assert "data-import-preview" not in response.content.decode()


def test_the_command_skips_unreadable_questions_only_when_asked(tmp_path):
    path = tmp_path / "bank.xml"
    path.write_bytes(BROKEN_XML)

    with pytest.raises(CommandError):
        call_command("import_questions", str(path))
    assert Question.objects.count() == 0

    call_command("import_questions", str(path), "--skip-unreadable")
    assert list(Question.objects.values_list("title", flat=True)) == ["Courier"]


# --- in a quiz --------------------------------------------------------------------------


@pytest.fixture
def quiz_of_new_kinds(demo_site):
    return quiz(demo_site, new_kind_questions(), shuffle_options=True)


def test_the_take_page_shows_each_new_kind_with_its_own_input(
    client, quiz_of_new_kinds, django_assert_max_num_queries
):
    login(client, agent())
    attempt = start(client, quiz_of_new_kinds)

    with django_assert_max_num_queries(16):
        html = client.get(reverse("courses:attempt_take", args=[attempt.pk])).content.decode()

    assert 'data-kind="short_answer"' in html and 'inputmode="decimal"' in html
    assert html.count('data-field="match"') == 2  # two prompts; the extra answer has none
    assert "A refund is usually sent within" in html and 'data-field="choice"' in html
    assert "parcels that arrive damaged" in html


def test_answers_to_new_kinds_are_saved_scored_and_reviewed(client, quiz_of_new_kinds):
    login(client, agent())
    attempt = start(client, quiz_of_new_kinds)
    by_title = {q.title: q for q in Question.objects.all()}
    match = by_title["Match"]
    gap = by_title["Gap"]

    answers = {
        "Courier": {"text": " fastship "},
        "Refund": {"text": "35,3"},
        "Match": {"matches": {"0": 0, "1": 2}},  # Standard -> never: wrong
        "Gap": {"choice": 0},
    }
    for title, answer in answers.items():
        assert post_answer(client, attempt, by_title[title].pk, answer).status_code == 200
    client.post(reverse("courses:attempt_submit", args=[attempt.pk]))

    attempt.refresh_from_db()
    scores = dict(
        Answer.objects.filter(attempt=attempt).values_list("question__title", "auto_score")
    )
    assert scores == {"Courier": 1.0, "Refund": 1.0, "Match": 0.5, "Gap": 1.0}
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.score == pytest.approx(87.5)  # the description adds no marks
    review = client.get(reverse("courses:attempt_review", args=[attempt.pk])).content.decode()
    assert "3 to 5 days" in review and "never" in review
    assert match.pk and gap.pk


@pytest.mark.parametrize(
    ("title", "answer", "message"),
    [
        ("Match", {"matches": {"2": 0}}, "That option does not exist."),  # a distractor
        ("Match", {"matches": {"0": 9}}, "That option does not exist."),
        ("Match", {"matches": ["0"]}, "The answer is not in the expected form."),
        ("Courier", {"text": "x" * 300}, "The answer is too long."),
        ("Refund", {"text": 35}, "The answer is not in the expected form."),
        ("Intro", {"text": "hi"}, "This part of the quiz takes no answer."),
        ("Gap", {"choice": 7}, "That option does not exist."),
    ],
)
def test_bad_answers_to_new_kinds_get_a_clear_refusal(
    client, quiz_of_new_kinds, title, answer, message
):
    login(client, agent())
    attempt = start(client, quiz_of_new_kinds)
    question_id = Question.objects.get(title=title).pk

    response = post_answer(client, attempt, question_id, answer)

    assert response.status_code == 400
    assert response.json()["error"] == message
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_an_exported_bank_opens_in_moodle_shape(client):
    login(client, editor())
    new_kind_questions()

    response = client.get(reverse("courses_bank:question_export"), {"format": "xml"})

    kinds = sorted(q.kind for q in parse_moodle_xml(response.content))
    assert kinds == ["description", "matching", "missing_word", "numerical", "short_answer"]
    assert b'type="matching"' in response.content and b"<subquestion" in response.content
