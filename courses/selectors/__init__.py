"""Reads for pages and reports."""

from .matrix import Matrix, MatrixRow, team_matrix
from .quiz import (
    answer_rows,
    attempt_counting,
    attempt_list_for,
    competency_rows,
    question_display,
    quiz_course,
)
from .teams import team_list_led_by, team_list_of_member
from .training import (
    CourseProgress,
    CourseRow,
    MyTraining,
    PathRow,
    catalogue_for,
    course_for_topic,
    course_progress_for,
    knowledge_check_answers_for,
    lessons_of,
    localized_map,
    my_training_for,
    originals_map,
    path_detail_for,
    quiz_children_of,
)

__all__ = [
    "answer_rows",
    "attempt_counting",
    "attempt_list_for",
    "competency_rows",
    "question_display",
    "quiz_course",
    "CourseProgress",
    "CourseRow",
    "Matrix",
    "MatrixRow",
    "MyTraining",
    "PathRow",
    "catalogue_for",
    "course_for_topic",
    "course_progress_for",
    "knowledge_check_answers_for",
    "lessons_of",
    "localized_map",
    "my_training_for",
    "originals_map",
    "path_detail_for",
    "quiz_children_of",
    "team_list_led_by",
    "team_list_of_member",
    "team_matrix",
]
