"""An editor imports a Moodle bank with a question Steady cannot take (the rest on
request); an agent answers short-answer, numerical, matching and missing-word
questions, reloads, submits and reviews them."""

from playwright.sync_api import expect

BANK = """\
::Courier::Which courier delivers next day?{=FastShip =%50%Fast*}

::Refund::A 40 EUR item comes back with a 5 EUR fee kept. How much is refunded?{#35:0.5}

::Match::Match each delivery option to its usual time.{
=Express -> next day
=Standard -> 3 to 5 days
= -> never
}

::Gap::A refund is usually sent within {=14 ~30 ~60} days of the withdrawal.

::Intro::The next questions are about parcels that arrive late.

::Broken::Which reply shows empathy?{=I'm sorry ~Calm down
"""


def test_an_editor_imports_the_readable_questions_and_an_agent_answers_them(
    page, live_server, demo, sign_in, shot, tmp_path
):
    bank = tmp_path / "moodle-kinds.gift"
    bank.write_text(BANK)
    sign_in(page, "editor")
    page.goto(f"{live_server.url}/admin/question-bank/import/")
    page.set_input_files("input[type=file]", str(bank))
    page.click("button[name=preview]")
    expect(page.locator("[data-import-issues]")).to_contain_text("Line 15 (Broken)")
    expect(page.locator("[data-import-preview]")).to_contain_text("Matching")
    shot(page, "moodle-kinds-partial-import")
    page.click("button[name=confirm]")
    page.wait_for_url("**/admin/snippets/courses/question/**")
    expect(page.locator("body")).to_contain_text("5 questions imported")
    page.context.clear_cookies()

    from courses.models import AssessmentIndexPage, Question, QuizPage, QuizQuestion

    order = ["Intro", "Courier", "Refund", "Match", "Gap"]
    by_title = {q.title: q for q in Question.objects.filter(title__in=order)}
    check = QuizPage(title="Delivery check", slug="delivery-check", pass_mark=50)
    check.quiz_questions = [
        QuizQuestion(question=by_title[t], sort_order=i) for i, t in enumerate(order)
    ]
    AssessmentIndexPage.objects.get(locale__language_code="en").add_child(instance=check)

    sign_in(page, "agent")
    page.goto(f"{live_server.url}/assessments/delivery-check/")
    page.click("button[data-action=start]")
    page.wait_for_selector("#quiz")
    page.fill("section[data-kind=short_answer] input[data-field=text]", "fastship")
    page.fill("section[data-kind=numerical] input[data-field=text]", "35,2")
    matching = page.locator("section[data-kind=matching]")
    matching.locator("select[data-field=match]").nth(0).select_option(label="next day")
    matching.locator("select[data-field=match]").nth(1).select_option(label="never")
    page.locator("section[data-kind=missing_word] select").select_option(label="14")
    for kind in ("short_answer", "numerical", "matching", "missing_word"):
        expect(page.locator(f"section[data-kind={kind}] [data-saved-mark]")).to_have_text("Saved")
    shot(page, "moodle-kinds-take")

    page.reload()
    page.wait_for_selector("#quiz")
    expect(page.locator("section[data-kind=numerical] input")).to_have_value("35,2")
    expect(matching.locator("select[data-field=match]").nth(1)).to_have_value(
        matching.locator("option", has_text="never").first.get_attribute("value")
    )
    page.click("button[data-action=submit]")
    page.wait_for_url("**/result/")
    expect(page.locator("[data-total]")).to_have_text("88%")
    page.click("text=Review")
    expect(page.locator("table.answer-rows").nth(2)).to_contain_text("3 to 5 days")
    expect(page.locator("section.review").first).not_to_contain_text("Awaiting grading")
    shot(page, "moodle-kinds-review")
