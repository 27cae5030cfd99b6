"""Attempts: starting, saving answers, finishing and scoring, and the read models of the learner's pages.

Views call these functions with the request's user; nothing else writes an attempt or decides a score.
"""

import random
import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from . import entries, grading
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


def cycle_start(user, lesson):
    """When the learner's current cycle of the lesson's course started (None: the first cycle, or no lesson).

    A learner taking a course again for recertification gets the quiz's attempts anew from then on.
    """
    if lesson is None or not user.is_authenticated:
        return None
    from courses import progress

    return progress.cycle_started_at(user, lesson.course())


def attempts_since(user, quiz, since):
    attempts = Attempt.objects.filter(quiz=quiz, user=user)
    return attempts.filter(started_at__gte=since) if since is not None else attempts


def is_offered_to(user, quiz):
    """Whether `user` may see the quiz at all: a live page offers it, or they edit quizzes (to try it out)."""
    return user.has_perm("quizzes.change_quiz") or offering_pages(quiz).exists()


def refusal(user, quiz, now, since=None):
    """Why `user` may not start a new attempt now, or "" when they may.

    `since`: count only the attempts started from then on (see `cycle_start`). Whether learners
    may see the quiz at all (`offering_pages`) is the views' check, as a page's live status is
    for Wagtail pages.
    """
    if quiz.has_not_opened(now):
        return _("Bài kiểm tra chưa mở.")
    if quiz.has_closed(now):
        return _("Bài kiểm tra đã đóng.")
    if quiz.max_attempts and attempts_since(user, quiz, since).count() >= quiz.max_attempts:
        return _("Bạn đã dùng hết %(count)s lượt làm bài.") % {"count": quiz.max_attempts}
    return ""


def start_attempt(user, quiz, lesson=None, now=None, device_token=""):
    """Resume the learner's open attempt or start a new one; refuse past the limits.

    Starting from a lesson enrols the learner in its course, so that the result counts there.
    `device_token`: the device a new attempt is open on (quizzes.integrity), written with it.
    """
    now = now or timezone.now()
    current = open_attempt(user, quiz, now)
    if current is not None:
        return current
    if reason := refusal(user, quiz, now, since=cycle_start(user, lesson)):
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
                device_token=device_token,
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    question=question,
                    position=position,
                    option_order=[
                        option.pk
                        for option in grading.shuffled(
                            options_by_question[question.pk], rng.random(), quiz.shuffle_options
                        )
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


def finish(attempt_id, user=None, answers=None, prediction=None, now=None, address=None):
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
            row.points = _points(row)
        AttemptQuestion.objects.bulk_update(rows, ["points"])
        score = sum((row.points for row in rows), Decimal(0)).quantize(grading.CENT, rounding=ROUND_HALF_UP)
        result = grading.percent(score, attempt.max_score)
        outcome = {
            "state": AttemptState.FINISHED,
            "finished_at": finished_at,
            "close_reason": reason,
            "duration_seconds": max(0, round((finished_at - attempt.started_at).total_seconds())),
            "score": score,
            "percent": result,
            "passed": result >= quiz.pass_mark,
            "all_correct": all(row.points == row.max_points for row in rows),
            "prediction": prediction if (quiz.prediction_enabled and not overdue) else None,
            "submit_address": address,
        }
        claimed = Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).update(**outcome)
        if claimed:  # the row now holds exactly `outcome`: no need to read it again
            for name, value in outcome.items():
                setattr(attempt, name, value)
            if quiz.is_contest:
                entries.record(attempt)
    if not claimed:  # a concurrent submit finished it first: return what it stored
        attempt.refresh_from_db()
    if claimed and attempt.lesson_id:
        _report_to_lesson(attempt)
    return attempt


def _points(row):
    return grading.score_answer(
        row.question_type,
        row.scoring,
        row.correct_option_ids,
        row.selected_option_ids,
        len(row.option_order),
        row.max_points,
    )


def rescored(attempt):
    """The score a finished attempt's stored answers earn, computed again (to check what was stored)."""
    return sum((_points(row) for row in attempt.questions.all()), Decimal(0))


def _report_to_lesson(attempt):
    from courses import progress

    lesson = attempt.lesson.specific
    grade = learner_grade(attempt.user, attempt.quiz, since=cycle_start(attempt.user, lesson))
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


def learner_grade(user, quiz, since=None):
    """The learner's grade (%) on the quiz by its grading method, or None before a finished attempt.

    `since`: grade only the attempts started from then on (see `cycle_start`).
    """
    finished = attempts_since(user, quiz, since).filter(state=AttemptState.FINISHED).values_list("number", "percent")
    return grading.final_grade(quiz.grading_method, [grading.FinishedAttempt(n, p) for n, p in finished])
