"""An agent takes a course's refresher quiz with a dialogue and a rephrasing question,
reloads mid-way, loses nothing, submits and sees per-competency results; an editor
imports a GIFT file with a preview."""

import re
from pathlib import Path

from playwright.sync_api import expect

DATA = Path(__file__).resolve().parents[1] / "courses" / "data"


def test_an_agent_takes_a_course_refresher_reloads_and_sees_results_per_competency(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "agent")
    # From My training to the positive-phrasing course, and on to its refresher quiz.
    page.goto(f"{live_server.url}/training/")
    page.click("a:has-text('Positive phrasing: say what you can do') >> nth=0")
    page.wait_for_url("**/courses/positive-phrasing/")
    quiz_link = page.locator("li.quiz a")
    expect(quiz_link).to_have_text("Positive phrasing refresher")
    shot(page, "course-with-refresher")
    quiz_link.click()
    page.wait_for_url("**/courses/positive-phrasing/phrasing-refresher/")
    expect(page.locator("main")).to_contain_text("Refresher")
    expect(page.locator(".breadcrumbs a")).to_have_text("Positive phrasing: say what you can do")
    shot(page, "quiz-start")
    page.click("button[data-action=start]")
    page.wait_for_selector("#quiz")
    expect(page.locator("[data-timer]")).to_have_text(re.compile(r"^(20:00|19:[45]\d)$"))

    sections = page.locator("section[data-question]")
    expect(sections).to_have_count(5)

    # True/false and single choice: the first option of each.
    for kind in ("true_false", "single"):
        section = page.locator(f"section[data-kind={kind}]").first
        section.locator("input[type=radio]").first.check()
        expect(section.locator("[data-saved-mark]")).to_have_text("Saved")

    # Situational judgement: most and least effective.
    sjt = page.locator("section[data-kind=situational]")
    sjt.locator("input[data-field=most]").nth(0).check()
    sjt.locator("input[data-field=least]").nth(1).check()
    expect(sjt.locator("[data-saved-mark]")).to_have_text("Saved")

    # The dialogue: the customer's line and mood, a reply, the next line appears.
    dialogue = page.locator("section[data-kind=dialogue]")
    expect(dialogue.locator("[data-current] .mood")).to_have_text("Angry")
    expect(dialogue.locator("[data-current] .line.customer")).to_contain_text("bedding set")
    # The page source holds the first line only: later lines come after each choice.
    source = page.content()
    assert "data-next" not in source
    assert dialogue.locator(".line.customer").count() == 1
    assert dialogue.locator(".ending").count() == 0
    first_reply = dialogue.locator("[data-current] button.reply").first
    first_reply_text = first_reply.inner_text()
    first_reply.click()
    expect(dialogue.locator("[data-transcript] .line.agent")).to_have_count(1)
    expect(dialogue.locator("[data-saved-mark]")).to_have_text("Saved")
    shot(page, "quiz-dialogue-step")

    # The rephrasing answer autosaves after a short pause in typing.
    rewrite = (
        "Thank you for sending the item back. It has reached our warehouse and is being"
        " checked now. I will email you the result by Friday, 5 pm."
    )
    rephrase = page.locator("section[data-kind=rephrasing]")
    expect(rephrase).to_contain_text("Your RMA is pending QC")
    rephrase.locator("textarea").fill(rewrite)
    expect(rephrase.locator("[data-saved-mark]")).to_have_text("Saved", timeout=5000)
    expect(page.locator("[data-status]")).to_have_text("Saved")
    shot(page, "quiz-answered")

    # Reload mid-way: nothing is lost, the dialogue resumes where it stopped.
    page.reload()
    page.wait_for_selector("#quiz")
    expect(page.locator("section[data-kind=true_false] input[type=radio]").first).to_be_checked()
    expect(page.locator("section[data-kind=single] input[type=radio]").first).to_be_checked()
    expect(sjt.locator("input[data-field=most]").nth(0)).to_be_checked()
    expect(sjt.locator("input[data-field=least]").nth(1)).to_be_checked()
    expect(rephrase.locator("textarea")).to_have_value(rewrite)
    expect(dialogue.locator("[data-transcript] .line.agent")).to_have_text(first_reply_text)
    shot(page, "quiz-after-reload")

    # Continue the dialogue to an ending.
    steps = dialogue.locator("[data-transcript] .line.agent").count()
    while dialogue.locator("[data-current] button.reply:not([disabled])").count():
        dialogue.locator("[data-current] button.reply").first.click()
        steps += 1
        expect(dialogue.locator("[data-transcript] .line.agent")).to_have_count(steps)
    expect(dialogue.locator("[data-current] .ending")).to_be_visible()

    page.click("button[data-action=submit]")
    page.wait_for_url("**/result/")
    expect(page.locator("[data-competencies] tr")).not_to_have_count(0)
    expect(page.locator("[data-competency=empathy]")).to_be_visible()
    expect(page.locator("[data-competency=positive_attitude]")).to_be_visible()
    shot(page, "quiz-result")

    page.click("text=Review my answers")
    expect(page.locator("section.review")).to_have_count(5)
    shot(page, "quiz-review")

    # The pass reached the course: its quiz is ticked off.
    page.goto(f"{live_server.url}/courses/positive-phrasing/")
    expect(page.locator("li.quiz.done")).to_be_visible()
    shot(page, "course-refresher-passed")


def test_an_editor_imports_a_gift_file_with_a_preview(page, live_server, demo, sign_in, shot):
    sign_in(page, "editor")
    page.goto(f"{live_server.url}/admin/question-bank/import/")
    page.set_input_files("input[type=file]", str(DATA / "sample.gift"))
    page.click("button[name=preview]")
    expect(page.locator("[data-import-preview]")).to_contain_text("Late parcel opener")
    shot(page, "question-import-preview")
    page.click("button[name=confirm]")
    page.wait_for_url("**/admin/snippets/courses/question/**")
    expect(page.locator("body")).to_contain_text("questions imported")
    shot(page, "question-import-done")

    page.goto(f"{live_server.url}/admin/question-bank/import/")
    page.set_input_files("input[type=file]", str(DATA / "broken.gift"))
    page.click("button[name=preview]")
    expect(page.locator("[data-import-issues]")).to_contain_text("nothing was imported")
    shot(page, "question-import-broken")

    # The bank's dialogues: the checked graph, and the question editor.
    page.goto(f"{live_server.url}/admin/snippets/courses/question/?kind=dialogue")
    page.click("text=Graph >> nth=0")
    expect(page.locator("[data-graph-ok]")).to_be_visible()
    shot(page, "dialogue-graph")
    page.click("text=Edit the question")
    expect(page.locator("body")).to_contain_text("Dialogue: lines")
    shot(page, "question-edit-dialogue")
    # Leave the editor while the server is still up: Wagtail releases its editing
    # session on unload, and that request must not hit a database being flushed.
    page.goto(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")


def test_a_russian_speaker_takes_the_quiz_in_russian(page, live_server, demo, sign_in, shot):
    sign_in(page, "agent")
    page.goto(f"{live_server.url}/training/")
    page.click("button[data-language=ru]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/ru/assessments/phrasing-practice/")
    expect(page.locator("button[data-action=start]")).to_have_text("Начать тест")
    page.click("button[data-action=start]")
    page.wait_for_selector("#quiz")
    dialogue = page.locator("section[data-kind=dialogue]")
    expect(dialogue.locator("[data-current] .mood")).to_have_text("Злится")
    expect(dialogue.locator("[data-current] .line.customer")).to_contain_text("чайник")
    shot(page, "quiz-take-ru")


def test_an_answer_given_offline_is_saved_when_the_connection_returns(
    page, live_server, demo, sign_in, shot
):
    sign_in(page, "agent")
    page.goto(f"{live_server.url}/assessments/phrasing-practice/")
    page.click("button[data-action=start]")
    page.wait_for_selector("#quiz")

    page.context.set_offline(True)
    page.locator("section[data-kind=single] input[type=radio]").nth(2).check()
    expect(page.locator("[data-status]")).to_have_text("Not saved yet — retrying…")
    shot(page, "quiz-offline")
    page.context.set_offline(False)
    expect(page.locator("[data-status]")).to_have_text("Saved", timeout=10000)

    page.reload()
    page.wait_for_selector("#quiz")
    expect(page.locator("section[data-kind=single] input[type=radio]").nth(2)).to_be_checked()


def test_at_the_time_limit_the_quiz_locks_and_closes_with_what_was_saved(
    page, live_server, demo, sign_in, shot
):
    from courses.models import AssessmentIndexPage, Question, QuizPage, QuizQuestion

    questions = list(Question.objects.filter(kind="single")[:2])
    quick = QuizPage(title="Quick check", slug="quick-check", time_limit_seconds=4, pass_mark=50)
    quick.quiz_questions = [QuizQuestion(question=q) for q in questions]
    AssessmentIndexPage.objects.get(locale__language_code="en").add_child(instance=quick)

    sign_in(page, "agent")
    page.goto(f"{live_server.url}/assessments/quick-check/")
    page.click("button[data-action=start]")
    page.wait_for_selector("#quiz")
    first = page.locator("section[data-kind=single]").nth(0)
    first.locator("input[type=radio]").first.check()
    expect(first.locator("[data-saved-mark]")).to_have_text("Saved")

    expect(page.locator("[data-timer]")).to_have_text("0:00", timeout=8000)
    expect(page.locator("section[data-kind=single] input").first).to_be_disabled()
    expect(page.locator("[data-status]")).to_have_text("Time is up. Your answers so far were kept.")
    shot(page, "quiz-time-up")

    page.reload()
    page.wait_for_url("**/result/")
    expect(page.locator("main")).to_contain_text("Closed at the time limit")
    expect(page.locator("[data-total]")).to_have_text("50%")
    shot(page, "quiz-time-up-result")
