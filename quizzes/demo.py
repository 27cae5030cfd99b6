"""Build the demo question bank, lesson quizzes and contest (quizzes.demo_content), idempotently.

Rows are found by a natural key (category name, question code, quiz title, page slug): a missing
row is created, an existing one is left as editors made it, so a second run writes nothing.
The closed contest's results are made through quizzes.attempts, like a learner's, and only while
its quiz has no attempt.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.demo_content import COURSES
from courses.models import LessonRule
from elearn.publishing import sync_child_page
from elearn.sync import CREATED, UNCHANGED, SyncCounts
from units.demo import DEMO_ACCOUNTS, demo_cadre_rows
from units.models import Unit
from units.roles import LEARNER

from . import attempts, ranking
from .demo_content import (
    CATEGORIES,
    CLOSED_CONTEST_PAGE,
    CLOSED_CONTEST_QUIZ,
    CLOSED_CONTEST_RESULTS,
    CONTEST_PAGE,
    CONTEST_PRIZES,
    CONTEST_QUIZ,
    CONTEST_ROUND_2_QUIZ,
    CONTEST_ROUNDS,
    CONTEST_UNIT_PRIZES,
    LESSON_QUIZ_INTRO,
    LESSON_QUIZ_PASS_MARK,
    LESSON_QUIZZES,
    QUESTIONS,
)
from .models import (
    ContestPage,
    OverallRule,
    PrizeTier,
    Question,
    QuestionCategory,
    QuestionOption,
    Quiz,
    QuizDrawRule,
    QuizQuestion,
    ReviewWhen,
    Scoring,
    SelectionMode,
    UnitPrizeTier,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class DemoQuizzes:
    """What load_demo_quizzes made: counts, the quiz blocks for the lessons, and the contest's quiz."""

    bank: SyncCounts = field(default_factory=SyncCounts)
    quizzes: SyncCounts = field(default_factory=SyncCounts)
    lesson_blocks: dict = field(default_factory=dict)
    contest_quiz: Quiz | None = None
    contest_round_2_quiz: Quiz | None = None
    closed_contest_quiz: Quiz | None = None


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
    draws = [(categories[name], count) for name, count in CONTEST_QUIZ["draws"]]
    opens_at, closes_at = now, now + timedelta(days=CONTEST_QUIZ["open_days"])
    result.contest_quiz, status = sync_quiz(
        CONTEST_QUIZ["title"], contest_quiz_fields(CONTEST_QUIZ, opens_at, closes_at), draws=draws
    )
    result.quizzes.record(status)
    second_closes = closes_at + timedelta(days=CONTEST_QUIZ["open_days"])
    result.contest_round_2_quiz, status = sync_quiz(
        CONTEST_ROUND_2_QUIZ["title"], contest_quiz_fields(CONTEST_ROUND_2_QUIZ, closes_at, second_closes), draws=draws
    )
    result.quizzes.record(status)
    for quiz in (result.contest_quiz, result.contest_round_2_quiz):
        _demo_prizes(quiz)

    spec = CLOSED_CONTEST_QUIZ
    draws = [(categories[name], count) for name, count in spec["draws"]]
    opens_at, closes_at = vietnam_time(spec["opens_at"]), vietnam_time(spec["closes_at"])
    result.closed_contest_quiz, status = sync_quiz(
        spec["title"], contest_quiz_fields(spec, opens_at, closes_at, ranking_published=True), draws=draws
    )
    result.quizzes.record(status)
    return result


def _demo_prizes(quiz):
    """The rulebook's prizes of a demo round, while it has none."""
    if not quiz.prize_tiers.exists():
        PrizeTier.objects.bulk_create(
            PrizeTier(quiz=quiz, name=name, winners=winners, min_percent=least, sort_order=order)
            for order, (name, winners, least) in enumerate(CONTEST_PRIZES)
        )
    if not quiz.unit_prize_tiers.exists():
        UnitPrizeTier.objects.bulk_create(
            UnitPrizeTier(
                quiz=quiz, name=name, winners=winners, min_participation=rate, min_average=average, sort_order=order
            )
            for order, (name, winners, rate, average) in enumerate(CONTEST_UNIT_PRIZES)
        )


def vietnam_time(parts):
    """An aware datetime from (year, month, day, hour, minute) in Vietnam time."""
    return datetime(*parts, tzinfo=VIETNAM)


def contest_quiz_fields(spec, opens_at, closes_at, **extra):
    """The fields of a demo contest's quiz from its spec in demo_content."""
    return {
        "description": spec["description"],
        "selection_mode": SelectionMode.RANDOM,
        "time_limit_minutes": spec["time_limit_minutes"],
        "max_attempts": spec["max_attempts"],
        "opens_at": opens_at,
        "closes_at": closes_at,
        "is_contest": True,
        "prediction_enabled": True,
        "questions_per_page": 5,
        # A second attempt must not know the key: answers and explanations show once the contest closes.
        "review_answers": ReviewWhen.AFTER_CLOSE,
        "review_explanations": ReviewWhen.AFTER_CLOSE,
        **extra,
    }


def load_demo_contest(home_page, quiz, spec=CONTEST_PAGE, second_round=None):
    """A contest's public page below the home page (by default the open one, in two rounds and open to citizens);
    return its sync status."""
    fields = {key: spec[key] for key in ("title", "intro", "rules", "ranking_size")}
    if second_round is not None:
        fields.update(overall_rule=OverallRule.SUM, open_registration=True)
    quizzes = [quiz] if second_round is None else [quiz, second_round]
    rounds = {"rounds": [{"name": name, "quiz": item} for name, item in zip(CONTEST_ROUNDS, quizzes, strict=False)]}
    _page, status = sync_child_page(home_page, ContestPage, spec["slug"], fields, rounds)
    return status


def load_demo_closed_contest(home_page, quiz):
    """The closed contest's public page; return its sync status."""
    return load_demo_contest(home_page, quiz, CLOSED_CONTEST_PAGE)


# The closed contest's results

RIGHT, WRONG, BLANK = "right", "wrong", "blank"


@dataclass(frozen=True)
class PlannedAttempt:
    """One attempt of the closed contest's demo results, decided before anything is written.

    `outcomes` holds, for each question position in turn, whether it is answered right, wrong or
    left blank: the questions themselves are drawn by start_attempt.
    """

    staff_code: str
    started_at: datetime
    duration_seconds: int
    outcomes: tuple
    prediction: int | None = None

    @property
    def finished_at(self):
        return self.started_at + timedelta(seconds=self.duration_seconds)

    @property
    def all_right(self):
        return all(outcome == RIGHT for outcome in self.outcomes)


def _start_time(rng, quiz):
    """A start in the contest's window, on some day between 07:30 and 21:30 Vietnam time."""
    opens_at, closes_at = quiz.opens_at.astimezone(VIETNAM), quiz.closes_at.astimezone(VIETNAM)
    day = opens_at.date() + timedelta(days=rng.randrange((closes_at.date() - opens_at.date()).days + 1))
    minute = rng.randint(7 * 60 + 30, 21 * 60 + 30)
    start = datetime(day.year, day.month, day.day, tzinfo=VIETNAM)
    start += timedelta(minutes=minute, seconds=rng.randrange(60))
    latest = closes_at - timedelta(minutes=quiz.time_limit_minutes + 5)
    return min(max(start, opens_at + timedelta(minutes=rng.randint(1, 30))), latest)


def _plan_attempt(rng, spec, quiz, staff_code, skill, started_at, question_count):
    limit = quiz.time_limit_minutes * 60
    outcomes = [
        RIGHT if rng.random() < skill else (BLANK if rng.random() < 0.1 else WRONG) for _ in range(question_count)
    ]
    if rng.random() < spec["timeout_share"]:
        # The countdown submitted at zero: the last questions were never answered.
        for position in range(question_count - rng.randint(1, 3), question_count):
            outcomes[position] = BLANK
        duration = limit
    else:
        duration = int(rng.triangular(150, limit - 10, 420))
    return PlannedAttempt(staff_code, started_at, duration, tuple(outcomes))


def plan_contest_results(candidates, quiz, always=(), spec=CLOSED_CONTEST_RESULTS):
    """The attempts of the demo results, the same on every call: a list of PlannedAttempt.

    `candidates` are (staff code, unit key) pairs; a unit key is the unit right under the province
    that the cadre belongs to. Each such unit gets a share of its cadres taking part, so the unit
    ranking shows different participation rates; staff codes in `always` take part too.
    """
    rng = random.Random(spec["seed"])
    by_unit = {}
    for staff_code, unit_key in sorted(candidates):
        by_unit.setdefault(unit_key, []).append(staff_code)
    chosen = set(always)
    for unit_key in sorted(by_unit):
        codes = by_unit[unit_key]
        chosen.update(rng.sample(codes, round(rng.choice(spec["unit_shares"]) * len(codes))))

    weights = [weight for weight, _low, _high in spec["skills"]]
    question_count = quiz.question_count()
    plans = []
    for staff_code in sorted(chosen):
        _weight, low, high = rng.choices(spec["skills"], weights=weights)[0]
        skill = rng.uniform(low, high)
        first = _plan_attempt(rng, spec, quiz, staff_code, skill, _start_time(rng, quiz), question_count)
        plans.append(first)
        if quiz.max_attempts != 1 and not first.all_right and rng.random() < spec["second_attempt_share"]:
            started_at = first.finished_at + timedelta(hours=rng.uniform(2, 240))
            if started_at + timedelta(minutes=quiz.time_limit_minutes + 5) < quiz.closes_at:
                skill = min(0.99, skill + rng.uniform(0, 0.15))
                plans.append(_plan_attempt(rng, spec, quiz, staff_code, skill, started_at, question_count))

    # Everyone guesses how many will answer every question right; timed-out attempts never got to it.
    actual = len({plan.staff_code for plan in plans if plan.all_right})
    spread = max(3.0, actual / 2)
    predicted = []
    for plan in plans:
        if plan.duration_seconds >= quiz.time_limit_minutes * 60 or rng.random() < spec["no_prediction_share"]:
            predicted.append(plan)
        else:
            guess = max(0, round(rng.gauss(actual, spread)))
            predicted.append(
                PlannedAttempt(plan.staff_code, plan.started_at, plan.duration_seconds, plan.outcomes, guess)
            )
    return predicted


@dataclass
class DemoContestResults:
    """What load_demo_contest_results did, and the contest's numbers."""

    counts: SyncCounts
    participants: int = 0
    attempts: int = 0
    all_correct: int = 0

    def __str__(self):
        return (
            f"{self.counts} ({self.attempts} attempts by {self.participants} participants, "
            f"{self.all_correct} all correct)"
        )


def _answers(rows, plan, rng):
    """{position: [option ids]} that give the planned outcome of each question."""
    answers = {}
    for position, option_order, correct_ids in rows:
        outcome = plan.outcomes[position - 1]
        if outcome == RIGHT:
            answers[position] = sorted(correct_ids)
        elif outcome == WRONG:
            # One wrong option scores nothing, also on partial-credit questions.
            wrong = [option_id for option_id in option_order if option_id not in correct_ids]
            if wrong:
                answers[position] = [rng.choice(wrong)]
    return answers


def load_demo_contest_results(quiz, spec=CLOSED_CONTEST_RESULTS):
    """Attempts of the demo cadres (and the demo learner) at the closed contest, while it has none.

    Made as learners make them, with attempts.start_attempt and attempts.finish at times inside the
    contest's window. Returns DemoContestResults; a quiz that has attempts is left alone.
    """
    counts = SyncCounts()
    if quiz.attempts.exists():
        counts.record(UNCHANGED)
    else:
        staff_codes = [row.staff_code for row in demo_cadre_rows()]
        learners = [account.staff_code for account in DEMO_ACCOUNTS if account.role == LEARNER]
        users = {
            user.cadre.staff_code: user
            for user in get_user_model()
            .objects.filter(cadre__staff_code__in=staff_codes + learners)
            .select_related("cadre__unit")
        }
        length = Unit.steplen * 2
        candidates = [(code, user.cadre.unit.path[:length]) for code, user in users.items() if code not in learners]
        rng = random.Random(spec["seed"])
        for plan in plan_contest_results(
            candidates, quiz, always=[code for code in learners if code in users], spec=spec
        ):
            user = users[plan.staff_code]
            attempt = attempts.start_attempt(user, quiz, now=plan.started_at)
            rows = attempt.questions.values_list("position", "option_order", "correct_option_ids")
            attempts.finish(
                attempt.pk, user, answers=_answers(rows, plan, rng), prediction=plan.prediction, now=plan.finished_at
            )
        counts.record(CREATED)
    summary = ranking.contest_summary(quiz)
    return DemoContestResults(counts, summary["participants"], summary["attempts"], summary["all_correct"])
