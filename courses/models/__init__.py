from .attempts import Answer, Attempt
from .hiring import Candidate, Invitation, Position, TokenRateLimit
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
    "Candidate",
    "Competency",
    "DialogueChoice",
    "DialogueNode",
    "Invitation",
    "Position",
    "Question",
    "QuestionCategory",
    "QuestionTag",
    "QuizPage",
    "QuizQuestion",
    "Team",
    "TeamMembership",
    "TokenRateLimit",
]
