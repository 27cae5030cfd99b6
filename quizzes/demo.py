"""Build the demo question bank, lesson quizzes and contest (quizzes.demo_content), idempotently.

Rows are found by a natural key (category name, question code, quiz title, page slug): a missing
row is created, an existing one is left as editors made it, so a second run writes nothing.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from courses.demo_content import COURSES
from courses.models import LessonRule
from home.publishing import sync_child_page
from units.tree import CREATED, UNCHANGED, SyncCounts

from .demo_content import (
    CATEGORIES,
    CONTEST_PAGE,
    CONTEST_QUIZ,
    LESSON_QUIZ_INTRO,
    LESSON_QUIZ_PASS_MARK,
    LESSON_QUIZZES,
    QUESTIONS,
)
from .models import (
    ContestPage,
    Question,
    QuestionCategory,
    QuestionOption,
    Quiz,
    QuizDrawRule,
    QuizQuestion,
    ReviewWhen,
    Scoring,
    SelectionMode,
)


@dataclass
class DemoQuizzes:
    """What load_demo_quizzes made: counts, the quiz blocks for the lessons, and the contest's quiz."""

    bank: SyncCounts = field(default_factory=SyncCounts)
    quizzes: SyncCounts = field(default_factory=SyncCounts)
    lesson_blocks: dict = field(default_factory=dict)
    contest_quiz: Quiz | None = None


def activity_lesson_slug(course):
    """The slug of the course's lesson completed by its activity (where its quiz goes), or None."""
    for lesson in course["lessons"]:
        if lesson.get("completion_rule") == LessonRule.ACTIVITY:
            return lesson["slug"]
    return None


def quiz_block(quiz, intro):
    """Raw StreamField data of a lesson's quiz block (quizzes.blocks.QuizBlock)."""
    return {"type": "quiz", "value": {"quiz": quiz.pk, "intro": intro}}


def sync_category(spec):
    category = QuestionCategory.objects.filter(name=spec["name"]).first()
    if category is not None:
        return category, UNCHANGED
    return QuestionCategory.objects.create(**spec), CREATED


def sync_question(spec, categories):
    """The question with this code; a missing one is created with its options in the given order."""
    question = Question.objects.filter(code=spec["code"]).first()
    if question is not None:
        return question, UNCHANGED
    question = Question.objects.create(
        code=spec["code"],
        category=categories[spec["category"]],
        question_type=spec["type"],
        scoring=spec.get("scoring", Scoring.ALL_OR_NOTHING),
        difficulty=spec["difficulty"],
        stem=f"<p>{spec['stem']}</p>",
        explanation=f"<p>{spec['explanation']}</p>",
    )
    QuestionOption.objects.bulk_create(
        QuestionOption(question=question, text=text, is_correct=correct, feedback=feedback, sort_order=order)
        for order, (text, correct, feedback) in enumerate(spec["options"])
    )
    return question, CREATED


def sync_quiz(title, fields, fixed=(), draws=()):
    """The quiz with this title; a missing one is created with its fixed questions or draw rules."""
    quiz = Quiz.objects.filter(title=title).first()
    if quiz is not None:
        return quiz, UNCHANGED
    quiz = Quiz(title=title, **fields)
    quiz.fixed_questions = [QuizQuestion(question=question, sort_order=order) for order, question in enumerate(fixed)]
    quiz.draw_rules = [
        QuizDrawRule(category=category, count=count, sort_order=order) for order, (category, count) in enumerate(draws)
    ]
    quiz.save()
    return quiz, CREATED


def load_demo_quizzes(now=None):
    """The question bank, one end-of-course quiz per demo course and the contest's quiz."""
    result = DemoQuizzes()
    categories = {}
    for spec in CATEGORIES:
        categories[spec["name"]], status = sync_category(spec)
        result.bank.record(status)
    questions = {}
    for spec in QUESTIONS:
        questions[spec["code"]], status = sync_question(spec, categories)
        result.bank.record(status)

    for course in COURSES:
        spec, lesson_slug = LESSON_QUIZZES.get(course["slug"]), activity_lesson_slug(course)
        if spec is None or lesson_slug is None:
            continue
        quiz, status = sync_quiz(
            spec["title"],
            {"description": LESSON_QUIZ_INTRO, "pass_mark": LESSON_QUIZ_PASS_MARK, "questions_per_page": 10},
            fixed=[questions[code] for code in spec["questions"]],
        )
        result.quizzes.record(status)
        result.lesson_blocks[lesson_slug] = [quiz_block(quiz, LESSON_QUIZ_INTRO)]

    now = now or timezone.now()
    result.contest_quiz, status = sync_quiz(
        CONTEST_QUIZ["title"],
        {
            "description": CONTEST_QUIZ["description"],
            "selection_mode": SelectionMode.RANDOM,
            "time_limit_minutes": CONTEST_QUIZ["time_limit_minutes"],
            "max_attempts": CONTEST_QUIZ["max_attempts"],
            "opens_at": now,
            "closes_at": now + timedelta(days=CONTEST_QUIZ["open_days"]),
            "is_contest": True,
            "prediction_enabled": True,
            "questions_per_page": 5,
            # A second attempt must not know the key: answers and explanations show once the contest closes.
            "review_answers": ReviewWhen.AFTER_CLOSE,
            "review_explanations": ReviewWhen.AFTER_CLOSE,
        },
        draws=[(categories[name], count) for name, count in CONTEST_QUIZ["draws"]],
    )
    result.quizzes.record(status)
    return result


def load_demo_contest(home_page, quiz):
    """The contest's public page below the home page; return its sync status."""
    fields = {key: CONTEST_PAGE[key] for key in ("title", "intro", "rules", "ranking_size")}
    _page, status = sync_child_page(home_page, ContestPage, CONTEST_PAGE["slug"], {**fields, "quiz": quiz})
    return status
