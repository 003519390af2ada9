from .attempts import Answer, Attempt
from .questions import (
    Competency,
    DialogueChoice,
    DialogueNode,
    Question,
    QuestionCategory,
    QuestionTag,
)
from .quiz import AssessmentIndexPage, QuizPage, QuizQuestion
from .teams import Team, TeamMembership

__all__ = [
    "Answer",
    "AssessmentIndexPage",
    "Attempt",
    "Competency",
    "DialogueChoice",
    "DialogueNode",
    "Question",
    "QuestionCategory",
    "QuestionTag",
    "QuizPage",
    "QuizQuestion",
    "Team",
    "TeamMembership",
]
