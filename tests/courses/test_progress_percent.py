"""The course quiz counts as a step of the course: pure rule, no database."""

from courses.lib.progress import progress_percent


def test_a_course_with_every_lesson_read_but_its_quiz_open_is_not_done():
    percent = progress_percent(
        lessons_total=2, lessons_done=2, has_quiz=True, quiz_passed=False, completed=False
    )
    assert percent == 67


def test_passing_the_quiz_counts_as_one_step():
    assert (
        progress_percent(
            lessons_total=3, lessons_done=0, has_quiz=True, quiz_passed=True, completed=False
        )
        == 25
    )


def test_a_course_without_a_quiz_counts_its_lessons_only():
    assert (
        progress_percent(
            lessons_total=4, lessons_done=1, has_quiz=False, quiz_passed=False, completed=False
        )
        == 25
    )


def test_nearly_done_is_never_rounded_up_to_a_hundred():
    percent = progress_percent(
        lessons_total=299, lessons_done=299, has_quiz=True, quiz_passed=False, completed=False
    )
    assert percent == 99


def test_a_completed_enrolment_is_a_hundred_and_an_empty_course_nothing():
    assert (
        progress_percent(
            lessons_total=5, lessons_done=0, has_quiz=True, quiz_passed=False, completed=True
        )
        == 100
    )
    assert (
        progress_percent(
            lessons_total=0, lessons_done=0, has_quiz=False, quiz_passed=False, completed=False
        )
        == 0
    )
