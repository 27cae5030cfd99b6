"""Attempts: starting, saving answers, finishing and scoring, and the read models of the learner's pages.

Views call these functions with the request's user; nothing else writes an attempt or decides a score.
"""

import random
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from . import grading
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptState,
    CloseReason,
    Question,
    QuestionType,
    SelectionMode,
)


class AttemptError(Exception):
    """A learner action the rules refuse; the message is for the learner."""


class AttemptClosed(AttemptError):
    """The attempt is finished (submitted, timed out or closed with the quiz)."""


def grace_seconds():
    return getattr(settings, "QUIZ_DEADLINE_GRACE_SECONDS", 30)


def _unit_of(user):
    cadre = getattr(user, "cadre", None)
    return cadre.unit if cadre is not None else None


# Starting


def draw_questions(quiz, rng):
    """The questions of a new attempt, in the quiz's order (before shuffling)."""
    if quiz.selection_mode == SelectionMode.FIXED:
        return [item.question for item in quiz.fixed_questions.select_related("question").order_by("sort_order")]
    drawn, taken = [], set()
    for rule in quiz.draw_rules.select_related("category").order_by("sort_order"):
        ids = [pk for pk in rule.candidates().values_list("pk", flat=True) if pk not in taken]
        if len(ids) < rule.count:
            raise AttemptError(
                _(
                    "Ngân hàng câu hỏi chưa đủ câu cho bài kiểm tra này (danh mục %(category)s). "
                    "Vui lòng báo ban tổ chức."
                )
                % {"category": rule.category}
            )
        chosen = rng.sample(ids, rule.count)
        taken.update(chosen)
        drawn.extend(chosen)
    by_id = Question.objects.in_bulk(drawn)
    return [by_id[pk] for pk in drawn]


def offering_pages(quiz):
    """The live, public pages that offer the quiz to learners: lessons whose body holds it, its contest pages.

    Read from Wagtail's reference index, which records the quiz blocks of lesson bodies and the
    contest pages' quiz field whenever a page is published.
    """
    from courses.models import LessonPage

    from .models import ContestPage

    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(quiz)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    ]
    return Page.objects.live().public().filter(pk__in=page_ids).type(LessonPage, ContestPage)


def refusal(user, quiz, now):
    """Why `user` may not start a new attempt now, or "" when they may.

    Whether learners may see the quiz at all (`offering_pages`) is the views' check, as a page's
    live status is for Wagtail pages.
    """
    if quiz.has_not_opened(now):
        return _("Bài kiểm tra chưa mở.")
    if quiz.has_closed(now):
        return _("Bài kiểm tra đã đóng.")
    if quiz.max_attempts and Attempt.objects.filter(quiz=quiz, user=user).count() >= quiz.max_attempts:
        return _("Bạn đã dùng hết %(count)s lượt làm bài.") % {"count": quiz.max_attempts}
    return ""


def start_attempt(user, quiz, lesson=None, now=None):
    """Resume the learner's open attempt or start a new one; refuse past the limits.

    Starting from a lesson enrols the learner in its course, so that the result counts there.
    """
    now = now or timezone.now()
    current = open_attempt(user, quiz, now)
    if current is not None:
        return current
    if reason := refusal(user, quiz, now):
        raise AttemptError(reason)
    if lesson is not None:
        _enrol_for(user, lesson)
    rng = random.Random(secrets.randbits(64))
    questions = draw_questions(quiz, rng)
    if not questions:
        raise AttemptError(_("Bài kiểm tra chưa có câu hỏi."))
    ordered = grading.shuffled(questions, rng.random(), quiz.shuffle_questions)
    options_by_question = {}
    for question in ordered:
        options_by_question[question.pk] = list(question.options.order_by("sort_order"))
    number = (Attempt.objects.filter(quiz=quiz, user=user).aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                unit=_unit_of(user),
                lesson=lesson,
                number=number,
                started_at=now,
                deadline=grading.attempt_deadline(now, quiz.time_limit_minutes, quiz.closes_at),
                max_score=sum((question.points for question in ordered), Decimal(0)),
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    question=question,
                    position=position,
                    option_order=[
                        option.pk
                        for option in grading.shuffled(options_by_question[question.pk], rng.random(),
                                                       quiz.shuffle_options)
                    ],
                    correct_option_ids=[option.pk for option in options_by_question[question.pk] if option.is_correct],
                    question_type=question.question_type,
                    scoring=question.scoring,
                    max_points=question.points,
                )
                for position, question in enumerate(ordered, start=1)
            )
    except IntegrityError:  # a concurrent request started one first
        current = Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.IN_PROGRESS).first()
        if current is None:
            raise AttemptError(_("Không thể bắt đầu lượt làm bài. Vui lòng thử lại.")) from None
        return current
    return attempt


def _enrol_for(user, lesson):
    from courses import progress

    course = lesson.course()
    if course is not None:
        try:
            progress.enrol(user, course)
        except progress.ProgressError as error:
            raise AttemptError(str(error)) from None


def open_attempt(user, quiz, now=None):
    """The learner's attempt in progress, closing it first if its time is up."""
    attempt = Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.IN_PROGRESS).first()
    if attempt is not None and grading.is_overdue(attempt.deadline, now or timezone.now(), grace_seconds()):
        finish(attempt.pk, now=now)
        return None
    return attempt


# Answering and finishing


def answers_from_choices(attempt, choices):
    """{position: [option ids]} from the choices as the page numbers them: 1 is the first option shown.

    Pages never carry option ids: ids grow in the order editors typed the options, so they could
    hint at the key. A choice outside the question's options maps to no option, which the checks
    that follow refuse.
    """
    orders = dict(attempt.questions.filter(position__in=list(choices)).values_list("position", "option_order"))
    answers = {}
    for position, numbers in choices.items():
        order = orders.get(position, [])
        answers[position] = [order[number - 1] if 0 < number <= len(order) else -1 for number in numbers]
    return answers


def _clean_answers(question_rows, answers):
    """Validate {position: [option ids]} against the attempt's questions; return {row: ids}."""
    by_position = {row.position: row for row in question_rows}
    cleaned = {}
    for position, option_ids in answers.items():
        row = by_position.get(position)
        if row is None:
            raise AttemptError(_("Câu hỏi không thuộc lượt làm bài này."))
        ids = sorted(set(option_ids))
        if any(option_id not in row.option_order for option_id in ids):
            raise AttemptError(_("Phương án không thuộc câu hỏi %(number)s.") % {"number": position})
        if row.question_type != QuestionType.MULTIPLE and len(ids) > 1:
            raise AttemptError(_("Câu %(number)s chỉ được chọn một phương án.") % {"number": position})
        cleaned[row] = ids
    return cleaned


def _locked(attempt_id, user=None):
    attempts = Attempt.objects.select_for_update().select_related("quiz")
    if user is not None:
        attempts = attempts.filter(user=user)
    attempt = attempts.filter(pk=attempt_id).first()
    if attempt is None:
        raise AttemptError(_("Không tìm thấy lượt làm bài."))
    return attempt


def _write_answers(question_rows, answers, now):
    changed = []
    for row, ids in _clean_answers(question_rows, answers).items():
        if row.selected_option_ids != ids:
            row.selected_option_ids = ids
            row.answered_at = now
            changed.append(row)
    AttemptQuestion.objects.bulk_update(changed, ["selected_option_ids", "answered_at"])


def save_answers(user, attempt_id, answers, now=None):
    """Autosave: store the learner's answers {position: [option ids]} in an open attempt.

    An attempt whose time is up is closed with what was saved before, and AttemptClosed is raised.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt_id, user)
        if not attempt.is_open:
            raise AttemptClosed(_("Lượt làm bài này đã kết thúc."))
        if grading.is_overdue(attempt.deadline, now, grace_seconds()):
            timed_out = True
        else:
            timed_out = False
            _write_answers(list(attempt.questions.all()), answers, now)
            Attempt.objects.filter(pk=attempt.pk).update(last_saved_at=now)
    if timed_out:
        finish(attempt.pk, now=now)
        raise AttemptClosed(_("Đã hết giờ làm bài. Bài được nộp với các câu trả lời đã lưu."))
    return attempt


def finish(attempt_id, user=None, answers=None, prediction=None, now=None):
    """Submit (or close) an attempt and score it on the server; idempotent.

    Answers sent with the submit are saved first, unless the deadline and its grace have passed: then
    the attempt is closed at its deadline with what was saved. A second or concurrent submit finds
    the attempt finished and returns it unchanged.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt_id, user)
        if not attempt.is_open:
            return attempt
        quiz = attempt.quiz
        rows = list(attempt.questions.all())
        overdue = grading.is_overdue(attempt.deadline, now, grace_seconds())
        # At or past the deadline it is a time-out (the page's countdown submits at zero); within
        # the grace the answers sent with it still count, past the grace only what was saved.
        if attempt.deadline is not None and now >= attempt.deadline:
            reason, finished_at = CloseReason.TIMEOUT, min(now, attempt.deadline)
            if quiz.closes_at and attempt.deadline == quiz.closes_at:
                reason = CloseReason.QUIZ_CLOSED
        else:
            reason, finished_at = CloseReason.SUBMITTED, now
        if answers and not overdue:
            _write_answers(rows, answers, now)
        for row in rows:
            row.points = grading.score_answer(
                row.question_type, row.scoring, row.correct_option_ids, row.selected_option_ids,
                len(row.option_order), row.max_points,
            )
        AttemptQuestion.objects.bulk_update(rows, ["points"])
        score = sum((row.points for row in rows), Decimal(0))
        result = grading.percent(score, attempt.max_score)
        claimed = Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(
            state=AttemptState.FINISHED,
            finished_at=finished_at,
            close_reason=reason,
            duration_seconds=max(0, round((finished_at - attempt.started_at).total_seconds())),
            score=score,
            percent=result,
            passed=result >= quiz.pass_mark,
            all_correct=all(row.points == row.max_points for row in rows),
            prediction=prediction if (quiz.prediction_enabled and not overdue) else None,
        )
    attempt.refresh_from_db()
    if claimed and attempt.lesson_id:
        _report_to_lesson(attempt)
    return attempt


def _report_to_lesson(attempt):
    from courses import progress

    grade = learner_grade(attempt.user, attempt.quiz)
    lesson = attempt.lesson.specific
    progress.record_activity_result(
        attempt.user, lesson, score=grade, passed=grade >= attempt.quiz.pass_mark, replace_score=True
    )


def close_overdue_attempts(now=None):
    """Close every open attempt whose deadline and grace have passed (run periodically); return how many."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(seconds=grace_seconds())
    closed = 0
    for attempt_id in Attempt.objects.filter(state=AttemptState.IN_PROGRESS, deadline__lt=cutoff).values_list(
        "pk", flat=True
    ):
        finish(attempt_id, now=now)
        closed += 1
    return closed


def learner_grade(user, quiz):
    """The learner's grade (%) on the quiz by its grading method, or None before a finished attempt."""
    finished = Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.FINISHED).values_list(
        "number", "percent"
    )
    return grading.final_grade(quiz.grading_method, [grading.FinishedAttempt(n, p) for n, p in finished])


# Read models for pages


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


def quiz_state(user, quiz):
    if not user.is_authenticated:
        return QuizState(quiz=quiz, refusal=_("Đăng nhập để làm bài."))
    now = timezone.now()
    current = open_attempt(user, quiz, now)
    finished = list(Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.FINISHED).order_by("number"))
    return QuizState(
        quiz=quiz,
        attempts=finished,
        current=current,
        refusal="" if current else refusal(user, quiz, now),
        grade=learner_grade(user, quiz) if finished else None,
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
    from .models import QuestionOption

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
    on_page = rows[(number - 1) * per_page: number * per_page]
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
        if (show_answers or show_explanations) else [],
        grade=learner_grade(attempt.user, quiz) if show_score else None,
    )
