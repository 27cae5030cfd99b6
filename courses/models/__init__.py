from .assignments import Assignment, ReminderKind, ReminderLog, ReminderSettings, Weekday
from .laws import LawReference, courses_citing_replaced_laws
from .pages import CourseIndexPage, CoursePage, CourseTopic, LessonPage, LessonRule
from .tracking import CourseCompletion, Enrolment, EnrolmentSource, LessonProgress, ProgressStatus

__all__ = [
    "Assignment",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "CourseTopic",
    "Enrolment",
    "EnrolmentSource",
    "LawReference",
    "LessonPage",
    "LessonProgress",
    "LessonRule",
    "ProgressStatus",
    "ReminderKind",
    "ReminderLog",
    "ReminderSettings",
    "Weekday",
    "courses_citing_replaced_laws",
]
