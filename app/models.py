"""Imports every model so that Alembic and string-named relationships see them all."""

from app.audit import AuditEntry
from app.auth.models import LoginThrottle, Role, User, UserRole
from app.courses.models import (
    Course,
    CourseTrainer,
    Enrolment,
    Lesson,
    LessonProgress,
    LessonRevision,
    LessonTranslation,
    Module,
    StoredImage,
)
from app.db import Base
from app.events.models import (
    Attendance,
    Certificate,
    Event,
    EventAssessment,
    EventCourseLink,
    EventSession,
    Organisation,
    Person,
    PersonMerge,
    Registration,
    SigninUpload,
)
from app.quizzes.models import Question, Quiz, QuizAttempt, QuizResponse
from app.rivers.models import Measurement, Parameter, Source, Standard, Station

__all__ = [
    "EventAssessment",
    "EventCourseLink",
    "Question",
    "Quiz",
    "QuizAttempt",
    "QuizResponse",
    "Measurement",
    "Parameter",
    "Source",
    "Standard",
    "Station",
    "Course",
    "CourseTrainer",
    "Enrolment",
    "Lesson",
    "LessonProgress",
    "LessonRevision",
    "LessonTranslation",
    "Module",
    "StoredImage",
    "Attendance",
    "AuditEntry",
    "Base",
    "Certificate",
    "Event",
    "EventSession",
    "PersonMerge",
    "Registration",
    "SigninUpload",
    "LoginThrottle",
    "Organisation",
    "Person",
    "Role",
    "User",
    "UserRole",
]
