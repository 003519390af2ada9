"""Live feedback on a rephrasing answer in en, ru and pl, and the reply library.

A learner presses "Check my reply" in a refresher quiz and sees the insult highlighted;
an agent finds an approved Russian rewrite by a Russian search and copies it.
"""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import GoodReply
from courses.services.attempts import attempt_start
from tests.courses.quizzes import question, quiz
from tests.factories import PASSWORD, agent

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

CASES = {
    "en": (
        "We can't refund you. It's our policy.",
        "Thank you for your message, you idiot. I will refund you by Friday and "
        "e-mail you the receipt.",
        "you idiot",
    ),
    "ru": (
        "Мы не можем вернуть деньги. Таковы правила.",
        "Спасибо за сообщение, идиот. Я верну вам деньги до пятницы и пришлю чек на почту.",
        "идиот",
    ),
    "pl": (
        "Nie możemy zwrócić pieniędzy. Taki jest regulamin.",
        "Dziękuję za wiadomość, idioto. Zwrócę pieniądze do piątku i wyślę paragon mailem.",
        "idioto",
    ),
}


@pytest.fixture
def learner(transactional_db):
    return agent(username="olga")


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["en", "ru", "pl"])
def test_check_my_reply_highlights_the_insult(
    page, live_server, demo_site, learner, shot, language
):
    original, reply, insult = CASES[language]
    q = question("rephrasing", original=original)
    refresher = quiz(demo_site, [q], mode="refresher", live_practice=True)
    with translation.override(language):
        attempt = attempt_start(quiz=refresher, user=learner, now=NOW)
        url = reverse("courses:attempt_take", args=[attempt.pk])
    sign_in(page, live_server, "olga")
    page.goto(f"{live_server.url}{url}")
    page.fill("textarea[data-practice-text]", reply)
    page.click("[data-practice-check]")
    # The first check in a language loads its lemma dictionary: slow on a busy machine.
    page.locator(".practice-score, .practice-error").wait_for(timeout=120_000)
    shot(page, f"practice-live-feedback-{language}")
    mark = page.locator(".practice-text mark.finding-code-abuse")
    assert mark.inner_text() == insult
    assert "failed" in page.locator(".practice-score").get_attribute("class")
    assert insult in page.locator(".practice-feedback .findings").inner_text()


def test_an_approved_rewrite_is_found_by_a_russian_search_and_copied(
    page, live_server, demo_site, learner, shot
):
    good = "Понимаю вас. Я оформлю возврат сегодня и до 17:00 пришлю письмо с номером заявки."
    GoodReply.objects.create(
        situation="Клиент просит возврат после 30 дней",
        weak_reply="Мы не можем вернуть деньги.",
        good_reply=good,
        language="ru",
        live=True,
    )
    GoodReply.objects.create(
        situation="A late parcel",
        weak_reply="Not our problem.",
        good_reply="I'm sorry it's late; I'll chase the courier and update you by 3 pm.",
        language="en",
        live=True,
    )
    GoodReply.objects.create(
        situation="Черновик",
        weak_reply="Нет.",
        good_reply="Черновик про возврат, ещё не одобрен.",
        language="ru",
        live=False,
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, live_server, "olga")
    with translation.override("ru"):
        url = reverse("courses:reply_library")
    page.goto(f"{live_server.url}{url}")
    page.fill("[data-library-query]", "возврат")
    page.click("form.library-search button[type=submit]")
    page.wait_for_load_state("networkidle")
    entries = page.locator(".library-entry")
    # The demo's own Russian refund entry is found too; never the English one or the draft.
    assert entries.count() >= 1
    assert all(lang == "ru" for lang in entries.evaluate_all("els => els.map(e => e.lang)"))
    assert "Черновик" not in page.locator(".library-entries").inner_text()
    ours = entries.filter(has_text=good)
    assert ours.count() == 1
    ours.locator(".findings").wait_for()  # the scorer's findings, in Russian
    assert "Берёт ответственность" in ours.locator(".findings").inner_text()
    ours.locator("[data-copy]").click()
    page.wait_for_function(
        "[...document.querySelectorAll('[data-copy]')].some(b => b.dataset.copied)"
    )
    assert ours.locator("[data-copy]").get_attribute("data-copied") == good
    assert page.evaluate("navigator.clipboard.readText()") == good
    shot(page, "reply-library-ru-search-copied")
