"""The demo's courses, lessons, path, teams and quizzes read in Russian and Polish in a browser."""

import json
from pathlib import Path

import pytest

COURSES = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "courses"


def course_texts(language: str) -> list[tuple[str, str, str, str]]:
    """(course slug, course title, first lesson slug, first lesson title) from the fixtures."""
    found = []
    for path in sorted(COURSES.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        text = spec["translations"][language]
        lesson = text["lessons"][0]
        found.append((spec["slug"], text["title"], lesson["slug"], lesson["title"]))
    return found


PATH_AND_TEAM = {
    "ru": (
        "Адаптация новых сотрудников",
        "Заказы и доставка",
        "Повторение: позитивные формулировки",
    ),
    "pl": (
        "Wdrożenie nowych pracowników",
        "Zamówienia i dostawa",
        "Powtórka: pozytywne sformułowania",
    ),
}


FIRST_QUESTION = {
    "ru": "Когда клиент грубит",
    "pl": "Gdy klient jest niegrzeczny",
}


@pytest.mark.parametrize("language", ["ru", "pl"])
def test_an_agent_reads_every_course_and_its_first_lesson_in_the_chosen_language(
    page, live_server, demo, sign_in, shot, language
):
    sign_in(page, "agent")
    path_name, team_name, quiz_title = PATH_AND_TEAM[language]

    page.goto(f"{live_server.url}/{language}/training/")
    main = page.inner_text("main")
    assert path_name in main
    assert team_name in main
    assert page.get_attribute("html", "lang") == language
    shot(page, f"content-{language}-my-training")

    for slug, title, lesson_slug, lesson_title in course_texts(language):
        response = page.goto(f"{live_server.url}/{language}/courses/{slug}/")
        assert response.status == 200
        assert page.inner_text("h1").strip() == title
        shot(page, f"content-{language}-course-{slug}")

        response = page.goto(f"{live_server.url}/{language}/courses/{slug}/{lesson_slug}/")
        assert response.status == 200
        assert lesson_title in page.inner_text("h1")
        shot(page, f"content-{language}-lesson-{slug}")

    response = page.goto(
        f"{live_server.url}/{language}/courses/positive-phrasing/phrasing-refresher/"
    )
    assert response.status == 200
    assert quiz_title in page.inner_text("main")
    shot(page, f"content-{language}-course-quiz")

    # The quiz's questions, a role-play among them, are asked in the same language.
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert FIRST_QUESTION[language] in page.inner_text("main")
    shot(page, f"content-{language}-course-quiz-questions")
