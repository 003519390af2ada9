"""The reply library: approved rewrites only, found by a search in any language, and
learners' answers entering as anonymous drafts only with consent."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from courses.labels import findings_shown
from courses.models import GoodReply, Topic
from courses.services.attempts import attempt_answer_save, attempt_start, attempt_submit
from courses.services.library import library_search
from tests.factories import agent, recruiter

from .quizzes import question, quiz

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GOOD_EN = "I understand. I can offer store credit today and I'll email you the voucher by 5 pm."
GOOD_RU = "Понимаю вас. Я оформлю возврат сегодня и до 17:00 пришлю вам письмо с номером заявки."

pytestmark = pytest.mark.django_db


def entry(good=GOOD_EN, *, language="en", live=True, topic=None, situation="A late refund"):
    made = GoodReply(
        situation=situation,
        weak_reply="We can't refund you.",
        good_reply=good,
        language=language,
        topic=topic,
        live=live,
    )
    made.save()
    return made


def test_a_russian_query_finds_the_russian_entry_only():
    entry(GOOD_RU, language="ru", situation="Возврат денег")
    entry()
    found = library_search(query="возврат")
    assert [e.language for e in found] == ["ru"]


def test_a_draft_is_never_shown():
    entry(live=False)
    assert list(library_search()) == []
    assert list(library_search(query="voucher")) == []


def test_entries_filter_by_language_and_topic():
    refunds = Topic.objects.create(code="refunds", name="Refunds")
    entry(topic=refunds)
    entry(GOOD_RU, language="ru")
    assert [e.topic for e in library_search(topic_id=refunds.pk)] == [refunds]
    assert [e.language for e in library_search(language="ru")] == ["ru"]


def test_an_agent_sees_good_replies_with_bounded_queries(client, django_assert_max_num_queries):
    for i in range(5):
        entry(f"{GOOD_EN} ({i})", topic=Topic.objects.create(code=f"t{i}", name=f"T{i}"))
    client.force_login(agent())
    with django_assert_max_num_queries(12):
        response = client.get(reverse("courses:reply_library"), {"q": "voucher"})
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="library-entry"') == 5 and "data-copy" in text


def test_the_learner_navigation_links_to_good_replies(client):
    client.force_login(agent())
    response = client.get(reverse("courses:my_training"))
    assert reverse("courses:reply_library") in response.content.decode()


def test_a_recruiter_is_refused(client):
    client.force_login(recruiter())
    assert client.get(reverse("courses:reply_library")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get(reverse("courses:reply_library")).status_code == 302


def _answered(demo_site, *, mode="training", share=True, text=GOOD_EN):
    person = agent(first_name="Olga", last_name="Secret")
    q = question("rephrasing")
    page = quiz(demo_site, [q], mode=mode)
    attempt = attempt_start(quiz=page, user=person, now=NOW)
    answer = {"text": text, "share": share}
    attempt_answer_save(attempt=attempt, question=q, answer=answer, now=NOW)
    attempt_submit(attempt=attempt, now=NOW)
    return person, attempt


def test_a_shared_passing_answer_becomes_an_anonymous_draft(demo_site):
    person, attempt = _answered(demo_site)
    draft = GoodReply.objects.get()
    assert not draft.live and draft.source == GoodReply.Source.LEARNER
    assert draft.good_reply == GOOD_EN and draft.findings
    stored = " ".join(str(value) for value in GoodReply.objects.values().get().values()) + " ".join(
        r.content.__repr__() for r in draft.revisions.all()
    )
    assert "Olga" not in stored and "Secret" not in stored
    assert person.username not in stored
    field_names = {f.name for f in GoodReply._meta.get_fields()}
    assert not field_names & {"user", "attempt", "author", "answer"}


@pytest.mark.parametrize(
    ("mode", "share", "text"),
    [
        ("training", False, GOOD_EN),  # no consent
        ("training", True, "No."),  # did not pass
        ("hiring", True, GOOD_EN),  # never from a hiring assessment
    ],
)
def test_nothing_enters_the_library_without_consent_a_pass_and_a_training_quiz(
    demo_site, mode, share, text
):
    _answered(demo_site, mode=mode, share=share, text=text)
    assert not GoodReply.objects.exists()


def test_the_consent_box_is_offered_in_training_but_not_in_hiring(client, demo_site):
    person = agent()
    q = question("rephrasing")
    client.force_login(person)
    training = attempt_start(quiz=quiz(demo_site, [q]), user=person, now=NOW)
    hiring = attempt_start(quiz=quiz(demo_site, [q], mode="hiring"), user=person, now=NOW)
    take = reverse("courses:attempt_take", args=[training.pk])
    assert 'data-field="share"' in client.get(take).content.decode()
    take = reverse("courses:attempt_take", args=[hiring.pk])
    assert 'data-field="share"' not in client.get(take).content.decode()


# --- An entry's score and findings are the scorer's, shown in the reader's language ---


def test_an_editors_entry_is_scored_when_saved_and_rescored_when_edited():
    made = entry()
    assert made.score >= 60 and {f["code"] for f in made.findings} >= {"ownership", "next_step"}
    made.good_reply = "We can't refund you. That's our policy."
    made.save(update_fields=["good_reply"])
    made.refresh_from_db()
    assert made.score < 60 and "policy" in {f["code"] for f in made.findings}


def test_a_rewrite_below_the_pass_mark_is_refused_with_its_score_in_the_editors_language():
    weak = GoodReply(situation="s", weak_reply="We can't refund you.", language="en")
    weak.good_reply = "You should have read the terms. No refund."
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        weak.full_clean()
    message = " ".join(refused.value.message_dict["good_reply"])
    assert "ниже проходного" in message and f"{weak._scored().score} из 100" in message


def test_the_admin_form_refuses_a_failing_rewrite_and_saves_nothing(admin_client):
    url = reverse("wagtailsnippets_courses_goodreply:add")
    data = {
        "situation": "Refund",
        "weak_reply": "We can't refund you.",
        "good_reply": "Not my problem, read the policy.",
        "language": "en",
        "topic": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "below the pass mark" in response.content.decode()
    assert not GoodReply.objects.exists()
    data["good_reply"] = GOOD_EN
    assert admin_client.post(url, data).status_code == 302
    assert GoodReply.objects.get().score >= 60


def test_the_library_shows_an_entrys_findings_in_the_readers_language(client):
    entry(GOOD_RU, language="ru", situation="Возврат денег")
    client.force_login(agent())
    with translation.override("ru"):
        text = client.get(reverse("courses:reply_library"), HTTP_ACCEPT_LANGUAGE="ru").content
    text = text.decode()
    assert "Берёт ответственность" in text and "Takes ownership" not in text


def test_review_pages_show_stored_findings_in_the_readers_language():
    stored = {
        "code": "blame",
        "kind": "penalty",
        "points": -20,
        "message": "Blames.",
        "excerpt": "x",
    }
    abuse = {"code": "abuse", "kind": "penalty", "points": -50, "message": "x", "excerpt": "idiot"}
    with translation.override("pl"):
        shown = findings_shown([stored, abuse])
    assert shown[0]["message"] != "Blames." and shown[0]["excerpt"] == "x"
    assert shown[1]["message"].endswith(": idiot")
    assert findings_shown(None) == []
