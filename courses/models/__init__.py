from .assignments import Assignment, ReminderKind, ReminderLog, ReminderSettings, Weekday
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
    "LessonPage",
    "LessonProgress",
    "LessonRule",
    "ProgressStatus",
    "ReminderKind",
    "ReminderLog",
    "ReminderSettings",
    "Weekday",
]
