"""The training portal in a browser: a new hire learns, a lead exports, a code is verified."""

import re

from playwright.sync_api import expect

from courses.models import KnowledgeCheckAnswer, LessonPage


def _answers_of_first_check(url: str) -> tuple[int, int]:
    """(a right option, a wrong option) of the lesson's first knowledge check."""
    lesson = LessonPage.objects.get(
        slug=url.rstrip("/").rsplit("/", 1)[-1], locale__language_code="en"
    )
    check = next(block.value for block in lesson.body if block.block_type == "knowledge_check")
    flags = [option["correct"] for option in check["options"]]
    return flags.index(True), flags.index(False)


def test_a_new_hire_completes_a_lesson_with_its_knowledge_check(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "ivan.petrov")
    assert page.url == f"{live_server.url}/training/"
    expect(page.locator(".path-card")).to_contain_text("New hire onboarding")
    expect(page.locator(".path-card")).to_contain_text("0 of 4 courses completed")
    shot(page, "portal-my-training-before")

    page.click("text=Open the path")
    expect(page.locator("h1")).to_have_text("New hire onboarding")
    expect(page.locator(".locked").first).to_contain_text("Opens after")
    shot(page, "portal-path")

    page.click(".path-steps .course-card h3 a >> nth=0")
    expect(page.locator(".lesson-list li.done")).to_have_count(1)
    shot(page, "portal-course")
    page.click("a.resume")

    right, wrong = _answers_of_first_check(page.url)
    check = page.locator(".knowledge-check").first
    check.scroll_into_view_if_needed()
    check.locator(f".check-option[data-option='{wrong}']").click()
    feedback = check.locator(".check-feedback")
    expect(feedback).to_be_visible()
    expect(check).to_have_attribute("data-answered", "wrong")
    check.locator(f".check-option[data-option='{right}']").click()
    expect(check).to_have_attribute("data-answered", "right")
    expect(feedback).to_contain_text("✓")
    assert KnowledgeCheckAnswer.objects.filter(user__username="ivan.petrov", correct=True).exists()
    page.reload()
    expect(page.locator(".knowledge-check").first).to_have_attribute("data-answered", "right")
    shot(page, "portal-lesson-knowledge-check")

    page.click("button[data-complete]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/training/")
    card = page.locator(".course-card", has_text="Northwind Home: products")
    expect(card).to_contain_text("2 of 4 lessons done")
    expect(card.locator(".progress")).to_have_attribute("aria-valuenow", "50")
    shot(page, "portal-my-training-after")


def test_the_lead_opens_the_team_matrix_and_exports_it(page, live_server, demo, sign_in, shot):
    sign_in(page, "lead")
    page.click("nav.site-nav >> text=Team training")
    expect(page.locator("h1")).to_have_text("Team training")
    expect(page.locator("table.matrix")).to_contain_text("Anna Kowalska")
    expect(page.locator("table.matrix .badge-ok").first).to_be_visible()
    shot(page, "portal-team-matrix")

    with page.expect_download() as csv_download:
        page.click("a[data-export=csv]")
    download = csv_download.value
    assert re.match(r"team-training-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8-sig") as handle:
        text = handle.read()
    assert "Anna Kowalska" in text and "Done" in text

    with page.expect_download() as xlsx_download:
        page.click("a[data-export=xlsx]")
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")

    page.goto(f"{live_server.url}/admin/reports/team-training/")
    expect(page.locator("main")).to_contain_text("Anna Kowalska")
    shot(page, "portal-team-report-admin")


def test_a_certificate_code_is_verified_on_the_public_page(page, live_server, demo, shot):
    from courses.lib.codes import display_code
    from courses.models import Certificate

    code = Certificate.objects.get(user__username="agent").code
    page.goto(f"{live_server.url}/certificates/verify/")
    page.fill("#id_code", display_code(code).lower())
    page.click("form.stacked button[type=submit]")
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "valid")
    expect(verdict).to_contain_text("Anna Kowalska")
    expect(verdict).to_contain_text("Northwind Home: products, delivery and orders")
    shot(page, "portal-certificate-valid")

    page.fill("#id_code", "ZZZZZ-ZZZZZ")
    page.click("form.stacked button[type=submit]")
    expect(page.locator("[data-verdict]")).to_contain_text("Unknown code")
    shot(page, "portal-certificate-unknown")


def test_the_holder_prints_the_certificate_in_russian(page, live_server, demo, sign_in, shot):
    from courses.models import Certificate

    code = Certificate.objects.get(user__username="agent").code
    sign_in(page, "agent")
    page.click("button[data-language=ru]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/ru/certificates/{code}/print/")
    expect(page.locator(".certificate")).to_contain_text("Anna Kowalska")
    shot(page, "portal-certificate-print-ru")
    page.emulate_media(media="print")
    shot(page, "portal-certificate-print-media")
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/ru/courses/")
    expect(page.locator("h1")).to_have_text("Учебные курсы")
    shot(page, "portal-catalogue-ru")
    page.click("text=Право потребителей в интернет-торговле")
    expect(page.locator(".lesson-list li.done")).to_have_count(2)
    page.click("a.resume")
    expect(page.locator(".knowledge-check").first).to_contain_text("Проверьте себя")
    shot(page, "portal-lesson-ru")
