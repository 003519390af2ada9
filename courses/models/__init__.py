from .attempts import Answer, Attempt
from .library import GoodReply
from .pages import CourseIndexPage, CoursePage, LessonPage, Topic
from .progress import (
    Certificate,
    DigestLog,
    Enrolment,
    KnowledgeCheckAnswer,
    LearningPath,
    LearningPathCourse,
    LessonCompletion,
    PathAssignment,
    ReminderLog,
)
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
    "Certificate",
    "GoodReply",
    "Competency",
    "CourseIndexPage",
    "CoursePage",
    "DialogueChoice",
    "DialogueNode",
    "DigestLog",
    "Enrolment",
    "KnowledgeCheckAnswer",
    "LearningPath",
    "LearningPathCourse",
    "LessonCompletion",
    "LessonPage",
    "PathAssignment",
    "Question",
    "QuestionCategory",
    "QuestionTag",
    "QuizPage",
    "QuizQuestion",
    "ReminderLog",
    "Team",
    "TeamMembership",
    "Topic",
]
