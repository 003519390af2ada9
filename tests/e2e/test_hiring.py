"""Hiring end to end: a recruiter invites, the candidate takes the assessment from the
e-mailed link across two browser sessions, the recruiter grades, compares, decides."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from courses.models import Answer
from hiring.models import Candidate

LINK = re.compile(r"https?://\S+/assessment/[A-Za-z0-9_\-]+/")


def test_a_candidate_is_invited_takes_the_assessment_and_is_decided(
    page, browser, browser_context_args, live_server, demo, sign_in, shot
):
    # The recruiter's desk, alive with the demo candidates.
    sign_in(page, "recruiter")
    assert page.url == f"{live_server.url}/hiring/"
    assert "Mateo García" in page.inner_text("main")
    shot(page, "hiring-01-candidates")

    # Invite one candidate.
    mail.outbox.clear()
    page.click("a.button:has-text('Invite candidates')")
    page.check("input[name=mode][value=one]")
    page.select_option("#id_quiz", label="Customer support agent — role-play assessment")
    page.select_option("#id_position", index=1)
    page.fill("#id_name", "Nina Sokolova")
    page.fill("#id_email", "nina@example.org")
    shot(page, "hiring-02-invite")
    page.click("button:has-text('Send invitations')")
    page.wait_for_load_state("networkidle")
    assert "Invitation sent" in page.inner_text("main")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nina@example.org"]
    path = urlsplit(LINK.search(mail.outbox[0].body).group(0)).path
    link = f"{live_server.url}{path}"

    # The candidate opens the link in a browser of their own: notice, consent, questions.
    candidate = browser.new_context(**browser_context_args)
    tab = candidate.new_page()
    tab.goto(link)
    assert "What is recorded" in tab.inner_text("main")
    shot(tab, "hiring-03-landing")
    tab.click("button:has-text('Start the assessment')")  # the consent box is required
    assert "/take/" not in tab.url
    tab.check("input[name=consent]")
    tab.click("button:has-text('Start the assessment')")
    tab.wait_for_url(re.compile(r".*/take/$"))
    first = tab.locator("section.question-situational").first
    first.locator("input[data-field=most]").first.check()
    first.locator("[data-saved-mark]").filter(has_text="Saved").wait_for()
    free_text = tab.locator("section.question-free_text textarea").first
    free_text.fill("Hello Marta, I'm sorry: the grey cover leaves today and reaches you by Friday.")
    tab.locator("section.question-free_text [data-saved-mark]").first.filter(
        has_text="Saved"
    ).wait_for()
    shot(tab, "hiring-04-taking")
    candidate.close()  # the browser closes mid-assessment

    # A new browser, the same link: the answers are still there; finish.
    again = browser.new_context(**browser_context_args)
    tab = again.new_page()
    tab.goto(link)
    tab.click("text=Continue the assessment")
    tab.wait_for_url(re.compile(r".*/take/$"))
    assert "grey cover" in tab.locator("section.question-free_text textarea").first.input_value()
    tab.locator("section.question-single input[data-field=choice]").first.check()
    tab.locator("section.question-single [data-saved-mark]").first.filter(
        has_text="Saved"
    ).wait_for()
    tab.click("button:has-text('Submit my answers')")
    tab.wait_for_url(re.compile(r".*/done/$"))
    assert "Thank you" in tab.inner_text("main")
    shot(tab, "hiring-05-thank-you")
    tab.goto(link)
    assert "has been used" in tab.inner_text("main")
    again.close()

    # The recruiter grades the free text.
    nina = Candidate.objects.get(email="nina@example.org")
    answer = Answer.objects.get(
        attempt__invitation__candidate=nina,
        question__kind="free_text",
        response__text__isnull=False,
    )
    page.goto(f"{live_server.url}/hiring/grading/")
    assert "Nina Sokolova" in page.inner_text("main")
    page.goto(f"{live_server.url}/hiring/grading/{answer.pk}/")
    page.fill("#id_score", "85")
    page.fill("#id_note", "Specific date, apologises, offers the fix.")
    shot(page, "hiring-06-grade")
    page.click("button:has-text('Save grade')")
    page.wait_for_load_state("networkidle")
    assert "Grade saved" in page.inner_text("main")

    # Compare Nina with a demo candidate, side by side.
    page.goto(f"{live_server.url}/hiring/")
    page.check(f"input[name=c][value='{nina.pk}']")
    mateo = Candidate.objects.get(name="Mateo García")
    page.check(f"input[name=c][value='{mateo.pk}']")
    page.click("button[data-action=compare]")
    page.wait_for_load_state("networkidle")
    assert page.locator("svg.radar polygon.series").count() == 2
    shot(page, "hiring-07-compare")

    # A decision with notes.
    page.goto(f"{live_server.url}/hiring/candidates/{nina.pk}/")
    assert "never used to fail anyone automatically" in page.inner_text("main")
    page.check("input[name=decision][value=advance]")
    page.fill("#id_notes", "Invite to the team interview.")
    page.click("button:has-text('Record decision')")
    page.wait_for_load_state("networkidle")
    assert "Decision recorded" in page.inner_text("main")
    shot(page, "hiring-08-decided")
    nina.refresh_from_db()
    assert nina.decision == "advance"

    # The same comparison in Russian.
    page.goto(f"{live_server.url}/ru/hiring/compare/?c={nina.pk}&c={mateo.pk}")
    assert "Сравнение кандидатов" in page.inner_text("main")
    shot(page, "hiring-11-compare-ru")


def test_a_guessed_link_is_refused_plainly_and_then_rate_limited(page, live_server, shot, settings):
    settings.STEADY_TOKEN_RATE_LIMIT = "3/10m"
    for attempt in range(3):
        page.goto(f"{live_server.url}/assessment/guessed-token-{attempt}/")
        assert "Link not valid" in page.inner_text("main")
    shot(page, "hiring-09-link-not-valid")
    response = page.goto(f"{live_server.url}/assessment/guessed-token-4/")
    assert response.status == 429 and "Too many attempts" in page.inner_text("main")
    shot(page, "hiring-10-rate-limited")


def test_the_candidate_list_fits_1280_pixels_and_a_link_can_be_copied(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "recruiter")
    assert page.viewport_size["width"] == 1280
    page.goto(f"{live_server.url}/hiring/")
    # No sideways scrolling: the competencies are a strip of bars, numbers on demand.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.locator("table.candidates").bounding_box()["width"] <= 1280
    page.locator("details.comp-details summary").first.click()
    assert page.locator("details.comp-details[open] dl.comp-list dt").count() >= 3
    shot(page, "hiring-12-list-1280")
    notes = page.inner_text("[data-percentile-rule]")
    assert "personal data has been deleted" in notes  # the demo has purged candidates

    # A candidate still invited: the recruiter makes a link to pass on by chat.
    invited = Candidate.objects.filter(
        invitation__attempt__isnull=True,
        invitation__revoked_at__isnull=True,
        purged_at__isnull=True,
        decision="",
    )
    page.goto(f"{live_server.url}/hiring/candidates/{invited.first().pk}/")
    page.click("button[data-action=new-link]")
    field = page.locator("#new-link")
    assert "/assessment/" in field.input_value()
    page.click("button[data-copy]")
    # The clipboard answers asynchronously: wait for the button to say so.
    expect(page.locator("button[data-copy]")).to_have_text("Copied")
    shot(page, "hiring-13-new-link")

    # The same list in Russian, with Russian dates.
    page.goto(f"{live_server.url}/ru/hiring/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    shot(page, "hiring-14-list-ru")
