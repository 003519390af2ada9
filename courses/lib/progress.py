"""How far a person is through a course, from plain counts: lessons and the course quiz."""


def progress_percent(
    *, lessons_total: int, lessons_done: int, has_quiz: bool, quiz_passed: bool, completed: bool
) -> int:
    """Percent done, counting the course quiz as one step like a lesson.

    A course with a quiz is not 100% until the quiz is passed, even with every
    lesson read; a completed enrolment is 100% whatever the counts say (a refresher
    completed by its quiz alone, a lesson added after completion).
    """
    if completed:
        return 100
    steps = lessons_total + (1 if has_quiz else 0)
    if not steps:
        return 0
    done = min(lessons_done, lessons_total) + (1 if has_quiz and quiz_passed else 0)
    return min(99, round(100 * done / steps)) if done < steps else 100
