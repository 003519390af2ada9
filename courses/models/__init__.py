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
from .teams import Team, TeamMembership

__all__ = [
    "Certificate",
    "CourseIndexPage",
    "CoursePage",
    "DigestLog",
    "Enrolment",
    "KnowledgeCheckAnswer",
    "LearningPath",
    "LearningPathCourse",
    "LessonCompletion",
    "LessonPage",
    "PathAssignment",
    "ReminderLog",
    "Team",
    "TeamMembership",
    "Topic",
]
