"""The question bank and quiz editors in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from quizzes.models import Question, Quiz
from tests.factories import UserFactory, make_question
from units.roles import EDITOR, LEARNER


@pytest.fixture
def editor(db):
    return UserFactory(username="bientap", groups=[EDITOR])


def question_form(category, options, question_type="single"):
    return nested_form_data(
        {
            "category": category.pk,
            "difficulty": "easy",
            "question_type": question_type,
            "scoring": "all_or_nothing",
            "points": "1",
            "stem": rich_text("Khi nhận thư lạ, cán bộ nên làm gì?"),
            "explanation": rich_text(""),
            "options": inline_formset(
                [{"text": text, "is_correct": correct, "feedback": ""} for text, correct in options]
            ),
            "code": "",
            "tags": "thư điện tử, lừa đảo",
            "is_active": True,
        }
    )


def test_an_editor_adds_a_question_with_its_options(client, editor, category):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_form(category, [("Mở ngay tệp đính kèm", False), ("Báo bộ phận CNTT", True)]),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    question = Question.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.order_by("sort_order")] == [
        ("Mở ngay tệp đính kèm", False),
        ("Báo bộ phận CNTT", True),
    ]
    assert sorted(question.tags.names()) == ["lừa đảo", "thư điện tử"]


def test_a_single_choice_question_with_two_correct_options_is_refused(client, editor, category):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_form(category, [("A", True), ("B", True), ("C", False)]),
    )
    assert response.status_code == 200
    assert "phải có đúng một phương án đúng" in response.content.decode()
    assert not Question.objects.exists()


def quiz_form(**overrides):
    data = {
        "title": "Kiểm tra cuối khóa",
        "description": "",
        "selection_mode": "fixed",
        "fixed_questions": inline_formset([]),
        "draw_rules": inline_formset([]),
        "prize_tiers": inline_formset([]),
        "unit_prize_tiers": inline_formset([]),
        "shuffle_questions": True,
        "shuffle_options": True,
        "questions_per_page": "5",
        "time_limit_minutes": "",
        "opens_at": "",
        "closes_at": "",
        "max_attempts": "0",
        "pass_mark": "60",
        "grading_method": "highest",
        "review_score": "after_attempt",
        "review_answers": "after_attempt",
        "review_explanations": "after_attempt",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_quiz_needs_questions_and_a_draw_cannot_ask_for_more_than_the_bank_has(client, editor, category):
    client.force_login(editor)
    url = reverse("wagtailsnippets_quizzes_quiz:add")
    response = client.post(url, quiz_form())
    assert "Thêm ít nhất một câu hỏi cố định" in response.content.decode()
    make_question(category, "Câu 1", [("A", True), ("B", False)])
    response = client.post(
        url,
        quiz_form(
            selection_mode="random",
            draw_rules=inline_formset([{"category": category.pk, "difficulty": "", "count": "3"}]),
        ),
    )
    assert "chỉ có 1 câu hỏi phù hợp, ít hơn 3" in response.content.decode()
    assert not Quiz.objects.exists()
    question = Question.objects.get()
    response = client.post(url, quiz_form(fixed_questions=inline_formset([{"question": question.pk}])))
    assert response.status_code == 302
    assert list(Quiz.objects.get().fixed_questions.values_list("question", flat=True)) == [question.pk]


def test_learners_cannot_open_the_question_bank(client, db):
    client.force_login(UserFactory(groups=[LEARNER]))
    response = client.get(reverse("wagtailsnippets_quizzes_question:list"))
    assert response.status_code in (302, 403)


def test_editors_search_the_bank_and_the_quizzes(client, editor, category):
    make_question(category, "Mật khẩu mạnh là gì?", [("A", True), ("B", False)])
    make_question(category, "Thư giả mạo", [("A", True), ("B", False)])
    Quiz.objects.create(title="Kiểm tra mật khẩu")
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_quizzes_question:list"), {"q": "mật khẩu"}).content.decode()
    assert "Mật khẩu mạnh" in html and "Thư giả mạo" not in html
    html = client.get(reverse("wagtailsnippets_quizzes_quiz:list"), {"q": "mật khẩu"}).content.decode()
    assert "Kiểm tra mật khẩu" in html
