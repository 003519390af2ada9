"""Wellbeing in the browser: import, check-in, the lead's warning, hidden small groups."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment


def _yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


def test_hr_imports_a_workload_file_upload_preview_confirm(page, live_server, demo, sign_in, shot):
    sign_in(page, "hr")
    page.goto(f"{live_server.url}/admin/wellbeing/imports/")
    csv = (
        "E-mail;Дата;Обращения;Часы;Загрузка (%)\n"
        f"agent@northwind.example;{_yesterday()};41;8,5;83,5\n"
        f"nobody@northwind.example;{_yesterday()};12;4;50\n"
    ).encode("cp1251")
    page.set_input_files(
        "input[type=file]", files=[{"name": "week.csv", "mimeType": "text/csv", "buffer": csv}]
    )
    page.click("button[type=submit].button")
    page.wait_for_load_state("networkidle")
    assert "2 rows, 1 valid, 1 row with problems (1 problem)." in page.inner_text("#import-counts")
    assert "Nobody with the e-mail or employee id" in page.inner_text("#import-issues")
    shot(page, "wellbeing-import-preview")
    page.check("input[name=valid_only]")
    page.click("#confirm-import")
    page.wait_for_load_state("networkidle")
    assert "0 created, 1 updated, 0 unchanged." in page.inner_text("#import-result")
    shot(page, "wellbeing-import-done")


def test_an_agent_answers_the_open_check_in(page, live_server, demo, sign_in, shot):
    sign_in(page, "agent")
    page.goto(f"{live_server.url}/training/")
    banner = page.locator(".checkin-banner")
    assert banner.is_visible()
    shot(page, "wellbeing-checkin-banner")
    banner.locator("a").click()
    page.wait_for_load_state("networkidle")
    questions = page.locator(".checkin-form .question")
    for index in range(questions.count()):
        questions.nth(index).locator("input[type=radio]").nth(1).check()
    shot(page, "wellbeing-checkin-form")
    page.click("button[name=answer]")
    page.wait_for_load_state("networkidle")
    assert "stored without your name" in page.inner_text("main")
    page.goto(f"{live_server.url}/checkin/")
    text = page.inner_text("main")
    # The monthly check-in and the weekly pulse may both be open: answer-or-skip each once.
    if "No check-in is waiting" not in text:
        page.click("button[name=skip]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}/checkin/")
    assert "No check-in is waiting for you" in page.inner_text("main")


def test_the_lead_sees_the_warning_with_reasons_and_chart_and_acknowledges_it(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "lead.returns")
    assert page.url == f"{live_server.url}/team/"
    warning = page.locator("#current-warning")
    assert "Critical" in warning.inner_text() or "Warning" in warning.inner_text()
    reasons = page.locator("#current-warning .reasons").inner_text()
    assert "days in a row" in reasons
    assert "work-related burnout (CBI)" in reasons
    assert page.locator("svg.chart").count() >= 3
    assert "weeks of overtime in a row" in page.inner_text(".people-flags")
    shot(page, "wellbeing-lead-warning")
    page.fill("textarea[name=action_note]", "Saturday shifts stopped; 1:1s booked with everyone.")
    page.click("#current-warning form.stacked button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Acknowledged by" in page.inner_text("#current-warning")
    assert "Saturday shifts stopped" in page.inner_text("#current-warning")
    shot(page, "wellbeing-lead-acknowledged")


def test_the_lead_assigns_the_stress_course_and_an_agent_sees_it_in_my_training(
    page, live_server, demo, sign_in, shot
):
    stress = CoursePage.objects.get(slug="stress-management", locale__language_code="en")
    agent = "lucy.brown"  # Returns & complaints, not a new hire: not enrolled by onboarding
    assert not Enrolment.objects.filter(user__username=agent, course=stress).exists()

    sign_in(page, "lead.returns")
    actions = page.locator("#current-warning .actions")
    assert "Assign the stress-management course to the team." in actions.inner_text()
    page.click("#assign-course")
    page.wait_for_load_state("networkidle")
    assert "The stress-management course is assigned to the team." in page.inner_text(".messages")
    assert page.locator("#current-warning .actions .badge-ok").inner_text() == "assigned"
    assert page.locator("#assign-course").count() == 0
    shot(page, "wellbeing-lead-course-assigned")

    page.context.clear_cookies()
    sign_in(page, agent)
    assert page.url == f"{live_server.url}/training/"
    card = page.locator(".course-card", has_text=stress.title)
    expect(card).to_be_visible()
    shot(page, "wellbeing-agent-stress-course")


def test_a_team_below_k_shows_hidden_instead_of_numbers(page, live_server, demo, sign_in, shot):
    sign_in(page, "lead.technical")
    table = page.locator(".checkin-table").inner_text()
    assert "hidden: fewer than 5 answers" in table
    assert "n=" not in table
    shot(page, "wellbeing-lead-hidden")


@pytest.mark.parametrize("language", ["en", "ru"])
def test_hr_sees_the_organisation_heat_map(page, live_server, demo, sign_in, shot, language):
    sign_in(page, "hr")
    if language != "en":
        page.click(f"button[data-language={language}]")
        page.wait_for_load_state("networkidle")
    assert page.locator("table.heat td.level-critical").count() > 0
    assert page.locator("#team-checkins .hidden-cell").count() > 0
    shot(page, f"wellbeing-organisation-{language}")
