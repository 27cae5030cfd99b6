from .pages import CourseIndexPage, CoursePage, CourseTopic, LessonPage, LessonRule
from .tracking import CourseCompletion, Enrolment, EnrolmentSource, LessonProgress, ProgressStatus

__all__ = [
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
]
