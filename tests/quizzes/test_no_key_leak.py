"""No correct answer, option feedback or explanation reaches the browser before the attempt is submitted.

Every page and response a learner gets while taking a quiz is fetched (the quiz page, the lesson with
the quiz block, each attempt page before and after answering, the autosave JSON, a refused save, the
contest page, and every stylesheet and script those pages load) and searched for the key. Feedback
and explanations are distinctive strings, and the result page after the submit must show them, so
the test fails if the search could not have found them. Option ids are large and unique, so a page
that showed one would be caught; options are numbered 1..n per question instead, and a correct option
is marked up exactly like a wrong one.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from courses import progress
from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonRule
from quizzes.models import (
    Attempt,
    ContestPage,
    ContestRound,
    Question,
    QuestionOption,
    QuestionType,
    Quiz,
    QuizQuestion,
    Scoring,
)
from tests.factories import publish

pytestmark = pytest.mark.django_db

FEEDBACK = "PHKIN"  # every option's feedback contains it, with its own number
EXPLANATION = "GTKIN"  # every question's explanation contains it
FIRST_OPTION_ID = 7_340_001
SHAPES = [
    (QuestionType.SINGLE, Scoring.ALL_OR_NOTHING, [True, False, False, False]),
    (QuestionType.TRUE_FALSE, Scoring.ALL_OR_NOTHING, [False, True]),
    (QuestionType.MULTIPLE, Scoring.ALL_OR_NOTHING, [True, False, True]),
    (QuestionType.MULTIPLE, Scoring.PARTIAL, [False, True, True, False]),
]
KEY_WORDS = re.compile(r"correct|is_right|--right|đáp án đúng|data-[\w-]*(key|answer|dung)\b", re.IGNORECASE)
ASSETS = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="(/static/[^"]+)"')
AJAX = {"X-Requested-With": "XMLHttpRequest"}
OPTION = re.compile(r'<li class="option">.*?</li>', re.DOTALL)


@pytest.fixture
def leak_quiz(category):
    quiz = Quiz.objects.create(
        title="Cuộc thi tìm hiểu an toàn thông tin",
        is_contest=True,
        prediction_enabled=True,
        time_limit_minutes=20,
        questions_per_page=2,
        shuffle_options=True,
    )
    option_id = FIRST_OPTION_ID
    for number, (question_type, scoring, key) in enumerate(SHAPES, start=1):
        question = Question.objects.create(
            category=category,
            question_type=question_type,
            scoring=scoring,
            points=Decimal(1),
            stem=f"<p>Câu hỏi kiểm tra số {number}?</p>",
            explanation=f"<p>{EXPLANATION}{number} vì luật quy định.</p>",
        )
        for index, is_correct in enumerate(key):
            QuestionOption.objects.create(
                pk=option_id,
                question=question,
                text=f"Phương án {number}.{index + 1}",
                is_correct=is_correct,
                feedback=f"{FEEDBACK}{option_id} riêng cho phương án này.",
                sort_order=index,
            )
            option_id += 1
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=number)
    return quiz


@pytest.fixture
def leak_lesson(home_page, leak_quiz):
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc-lk"))
    course = publish(
        catalogue,
        CoursePage(title="An toàn thông tin", slug="an-toan-lk", topic="security", summary="Thói quen an toàn."),
    )
    return publish(
        course,
        LessonPage(
            title="Kiểm tra",
            slug="kiem-tra-lk",
            completion_rule=LessonRule.ACTIVITY,
            body=[{"type": "quiz", "value": {"quiz": leak_quiz.pk, "intro": "Làm bài để hoàn thành bài học."}}],
        ),
    )


@pytest.fixture
def as_learner(client, learner):
    client.force_login(learner)
    return client


class Seen:
    """Everything the learner's browser received, with the stylesheets and scripts the pages load."""

    def __init__(self):
        self.texts = {}
        self.assets = set()

    def page(self, name, response):
        assert response.status_code in (200, 400, 409), (name, response.status_code)
        text = response.content.decode()
        self.texts[name] = text
        self.assets.update(ASSETS.findall(text))
        return text

    def load_assets(self):
        for url in sorted(self.assets):
            path = finders.find(url.removeprefix("/static/"))
            assert path, f"{url} is not a static file"
            with open(path, encoding="utf-8") as file:
                self.texts[url] = file.read()


def assert_no_key(name, text, key_ids=()):
    assert FEEDBACK not in text, f"option feedback in {name}"
    assert EXPLANATION not in text, f"explanation in {name}"
    assert "is_correct" not in text and "correct_option" not in text, f"key field in {name}"
    if not name.startswith("/static/"):
        assert not KEY_WORDS.search(text), f"{KEY_WORDS.search(text).group()!r} in {name}"


def assert_options_look_alike(name, text, attempt):
    """Within an attempt page, a correct option is marked up exactly like a wrong one, and no option id shows.

    Options are posted as choice numbers (1 = first shown): an id, which grows in the order the options
    were typed, could hint at the key.
    """
    rows = list(attempt.questions.all())
    leaked = [option_id for row in rows for option_id in row.option_order if re.search(rf"\b{option_id}\b", text)]
    assert not leaked, f"option ids {leaked} in {name}"
    shapes, values = set(), {}
    for markup in OPTION.findall(text):
        position, choice = re.search(r'name="cau-(\d+)" value="(\d+)"', markup).groups()
        values.setdefault(int(position), []).append(int(choice))
        option_text = re.search(r'<span class="option__text">(.*?)</span>', markup).group(1)
        shape = markup.replace(option_text, "TEXT").replace(" checked", "")
        shape = re.sub(
            r'name="cau-\d+"|value="\d+"|id="cau-\d+-\d+"|for="cau-\d+-\d+"|type="(radio|checkbox)"', "", shape
        )
        shapes.add(re.sub(r"\s+", " ", shape))
    assert values, f"no option of the attempt in {name}"
    by_position = {row.position: row for row in rows}
    for position, choices in values.items():
        assert choices == list(range(1, len(by_position[position].option_order) + 1)), f"choices of {name}"
    assert len(shapes) == 1, f"options of {name} differ in markup: {shapes}"


def test_nothing_a_learner_gets_during_an_attempt_holds_the_key(as_learner, learner, leak_quiz, leak_lesson):
    seen = Seen()
    progress.enrol(learner, leak_lesson.course())
    detail_url = reverse("quizzes:detail", args=[leak_quiz.pk])
    seen.page("quiz page", as_learner.get(detail_url))
    seen.page("lesson page", as_learner.get(leak_lesson.url))

    as_learner.post(reverse("quizzes:start", args=[leak_quiz.pk]), {"lesson": leak_lesson.pk})
    attempt = Attempt.objects.get(user=learner)
    attempt_url = reverse("quizzes:attempt", args=[attempt.pk])
    save_url = reverse("quizzes:save", args=[attempt.pk])
    rows = {row.position: row for row in attempt.questions.all()}

    for number in (1, 2):
        text = seen.page(f"attempt page {number}", as_learner.get(f"{attempt_url}?trang={number}"))
        assert "checked" not in text, "an option is ticked before the learner answered"
        assert_options_look_alike(f"attempt page {number}", text, attempt)

    # Answer every question, some right and some wrong, through the autosave; then see the pages again.
    answers = {"tren-trang": list(rows)}
    for position, row in rows.items():
        answers[f"cau-{position}"] = [1 if position % 2 else row.option_order.index(row.correct_option_ids[0]) + 1]
    autosave = as_learner.post(save_url, answers, headers=AJAX)
    assert set(autosave.json()) == {"saved", "saved_at"}
    seen.page("autosave JSON", autosave)
    refused = as_learner.post(save_url, {"cau-1": [FIRST_OPTION_ID - 1]}, headers=AJAX)
    seen.page("refused autosave JSON", refused)
    seen.page("refused save page", as_learner.post(save_url, {"cau-1": ["x"]}))
    for number in (1, 2):
        text = seen.page(f"attempt page {number}, answered", as_learner.get(f"{attempt_url}?trang={number}"))
        assert_options_look_alike(f"attempt page {number}, answered", text, attempt)
    seen.page("quiz page during the attempt", as_learner.get(detail_url))
    seen.page("lesson page during the attempt", as_learner.get(leak_lesson.url))

    seen.load_assets()
    assert {"/static/js/quiz.js", "/static/css/quiz.css", "/static/css/site.css"} <= seen.assets
    for name, text in seen.texts.items():
        assert_no_key(name, text)

    # After the submit the review shows them: the search above could have found them.
    as_learner.post(reverse("quizzes:submit", args=[attempt.pk]), answers)
    result = as_learner.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    chosen = [option_id for row in attempt.questions.all() for option_id in row.selected_option_ids]
    assert chosen and all(f"{FEEDBACK}{option_id}" in result for option_id in chosen)
    assert all(f"{EXPLANATION}{number}" in result for number in range(1, len(SHAPES) + 1))
    assert "Đáp án đúng" in result


def test_a_closed_attempts_409_holds_no_key(as_learner, learner, leak_quiz, leak_lesson):
    as_learner.post(reverse("quizzes:start", args=[leak_quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=attempt.started_at.replace(year=2020))
    response = as_learner.post(reverse("quizzes:save", args=[attempt.pk]), {"tren-trang": [1]}, headers=AJAX)
    assert response.status_code == 409
    assert set(response.json()) == {"closed", "message", "redirect"}
    assert_no_key("409 JSON", response.content.decode())


def test_the_contest_page_holds_no_key(as_learner, learner, home_page, leak_quiz):
    try:
        get_template("quizzes/contest_page.html")
    except TemplateDoesNotExist:
        pytest.skip("templates/quizzes/contest_page.html is not written yet")
    contest = publish(
        home_page,
        ContestPage(
            title="Cuộc thi an toàn thông tin 2026",
            slug="cuoc-thi-attt",
            intro="Thi trực tuyến.",
            rules="<p>Mỗi người thi một lượt.</p>",
            rounds=[ContestRound(name="Đợt 1", quiz=leak_quiz)],
        ),
    )
    seen = Seen()
    seen.page("contest page", as_learner.get(contest.url))
    as_learner.post(reverse("quizzes:start", args=[leak_quiz.pk]))
    seen.page("contest page during the attempt", as_learner.get(contest.url))
    seen.load_assets()
    for name, text in seen.texts.items():
        assert_no_key(name, text)
