"""What the learner's quiz pages show: the entry box, a page of an attempt (no key), and a review.

Read models only: every write and every score is quizzes.attempts'.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from . import grading
from .attempts import attempts_since, cycle_start, learner_grade, open_attempt, refusal
from .models import Attempt, AttemptState, Question, QuestionOption, QuestionType


@dataclass
class QuizState:
    """What the quiz's entry box shows a learner."""

    quiz: object
    attempts: list = field(default_factory=list)
    current: Attempt | None = None
    refusal: str = ""
    grade: Decimal | None = None

    @property
    def can_start(self):
        return self.current is None and not self.refusal

    @property
    def passed(self):
        return self.grade is not None and self.grade >= self.quiz.pass_mark

    @property
    def attempts_left(self):
        if not self.quiz.max_attempts:
            return None
        return max(0, self.quiz.max_attempts - len(self.attempts) - (1 if self.current else 0))

    @property
    def show_grade(self):
        return self.grade is not None and grading.review_allowed(self.quiz.review_score, self.quiz.has_closed())


def quiz_state(user, quiz, lesson=None):
    """The learner's state on the quiz; seen from `lesson`, only the attempts of their current cycle count."""
    if not user.is_authenticated:
        return QuizState(quiz=quiz, refusal=_("Đăng nhập để làm bài."))
    now = timezone.now()
    since = cycle_start(user, lesson)
    current = open_attempt(user, quiz, now)
    finished = list(attempts_since(user, quiz, since).filter(state=AttemptState.FINISHED).order_by("number"))
    return QuizState(
        quiz=quiz,
        attempts=finished,
        current=current,
        refusal="" if current else refusal(user, quiz, now, since=since),
        grade=learner_grade(user, quiz, since=since) if finished else None,
    )


@dataclass
class OptionView:
    """An option as the learner sees it, numbered by its place in this attempt (never its id).

    `is_correct` and `feedback` are filled only in an allowed review.
    """

    choice: int
    text: str
    selected: bool
    is_correct: bool | None = None
    feedback: str = ""


@dataclass
class QuestionView:
    position: int
    question: Question
    question_type: str
    options: list
    answered: bool
    points: Decimal | None = None
    max_points: Decimal | None = None
    explanation: str = ""

    @property
    def multiple(self):
        return self.question_type == QuestionType.MULTIPLE


def _question_views(rows, with_key=False, with_explanations=False):
    option_ids = [option_id for row in rows for option_id in row.option_order]
    options = QuestionOption.objects.in_bulk(option_ids)
    views = []
    for row in rows:
        correct = set(row.correct_option_ids)
        views.append(
            QuestionView(
                position=row.position,
                question=row.question,
                question_type=row.question_type,
                answered=row.answered,
                options=[
                    OptionView(
                        choice=number,
                        text=options[option_id].text if option_id in options else _("(phương án đã bị xóa)"),
                        selected=option_id in row.selected_option_ids,
                        is_correct=(option_id in correct) if with_key else None,
                        feedback=options[option_id].feedback if with_key and option_id in options else "",
                    )
                    for number, option_id in enumerate(row.option_order, start=1)
                ],
                points=row.points if with_key else None,
                max_points=row.max_points,
                explanation=row.question.explanation if with_explanations else "",
            )
        )
    return views


@dataclass
class AttemptPage:
    """One page of an attempt in progress: its questions (no key), the navigator and the clock."""

    attempt: Attempt
    number: int
    page_count: int
    questions: list
    navigator: list
    seconds_left: int | None

    @property
    def previous_page(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next_page(self):
        return self.number + 1 if self.number < self.page_count else None


def attempt_page(attempt, number, now=None):
    rows = list(attempt.questions.select_related("question", "question__image"))
    per_page = attempt.quiz.questions_per_page
    page_count = max(1, -(-len(rows) // per_page))
    number = min(max(1, number), page_count)
    on_page = rows[(number - 1) * per_page : number * per_page]
    seconds_left = None
    if attempt.deadline is not None:
        seconds_left = max(0, int((attempt.deadline - (now or timezone.now())).total_seconds()))
    return AttemptPage(
        attempt=attempt,
        number=number,
        page_count=page_count,
        questions=_question_views(on_page),
        navigator=[(row.position, row.answered, (index // per_page) + 1) for index, row in enumerate(rows)],
        seconds_left=seconds_left,
    )


@dataclass
class AttemptReview:
    """A finished attempt as its review options allow the learner to see it."""

    attempt: Attempt
    show_score: bool
    show_answers: bool
    show_explanations: bool
    questions: list
    grade: Decimal | None


def attempt_review(attempt):
    quiz = attempt.quiz
    closed = quiz.has_closed()
    show_score = grading.review_allowed(quiz.review_score, closed)
    show_answers = grading.review_allowed(quiz.review_answers, closed)
    show_explanations = grading.review_allowed(quiz.review_explanations, closed)
    rows = list(attempt.questions.select_related("question", "question__image"))
    return AttemptReview(
        attempt=attempt,
        show_score=show_score,
        show_answers=show_answers,
        show_explanations=show_explanations,
        questions=_question_views(rows, with_key=show_answers, with_explanations=show_explanations)
        if (show_answers or show_explanations)
        else [],
        grade=learner_grade(attempt.user, quiz, since=_cycle_of(attempt)) if show_score else None,
    )


def _cycle_of(attempt):
    """The start of the learner's current cycle when the attempt belongs to it (its grade counts only that cycle)."""
    since = cycle_start(attempt.user, attempt.lesson.specific) if attempt.lesson_id else None
    return since if since is not None and attempt.started_at >= since else None
