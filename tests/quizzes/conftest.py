"""Question bank and quiz fixtures shared by the quiz tests."""

import pytest

from quizzes.models import QuestionCategory, QuestionType, Scoring
from tests.factories import make_question, make_quiz


@pytest.fixture
def category(db):
    return QuestionCategory.objects.create(name="An ninh mạng cơ bản", topic="security")


@pytest.fixture
def questions(category):
    """One question of each type: single, true/false, multiple all-or-nothing, multiple partial."""
    return [
        make_question(
            category, "Mật khẩu nào mạnh nhất?", [("123456", False), ("Mùa@Thu2026!dài", True), ("matkhau", False)]
        ),
        make_question(category, "Nên mở tệp đính kèm lạ.", [("Đúng", False), ("Sai", True)], QuestionType.TRUE_FALSE),
        make_question(
            category,
            "Dấu hiệu thư giả mạo?",
            [("Người gửi lạ", True), ("Đòi mật khẩu gấp", True), ("Có chữ ký số hợp lệ", False)],
            QuestionType.MULTIPLE,
        ),
        make_question(
            category,
            "Dữ liệu cá nhân nhạy cảm gồm?",
            [("Sức khỏe", True), ("Sinh trắc học", True), ("Tên cơ quan", False), ("Tài chính", True)],
            QuestionType.MULTIPLE,
            Scoring.PARTIAL,
            points=2,
        ),
    ]


@pytest.fixture
def quiz(questions):
    return make_quiz(questions, pass_mark=60, shuffle_questions=True, shuffle_options=True)


@pytest.fixture
def four_questions(category):
    return [
        make_question(category, f"Câu hỏi số {number}", [("Đúng", True), ("Sai", False), ("Chưa rõ", False)])
        for number in range(1, 5)
    ]


@pytest.fixture
def played_quiz(four_questions, ward):
    """A quiz the learners of tests.quizzes.played have each finished once, in the ward."""
    from tests.quizzes.played import play

    quiz = make_quiz(four_questions, pass_mark=60)
    play(quiz, four_questions, ward)
    return quiz
