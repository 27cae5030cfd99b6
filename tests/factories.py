"""factory_boy factories shared by the tests."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from quizzes.models import Question, QuestionOption, QuestionType, Quiz, QuizQuestion, Scoring
from units.models import Cadre, CadreCategory, Unit, UnitKind
from units.roles import LEARNER

TEST_PASSWORD = "HocTap@2026!"


def make_unit(code, name, parent=None, kind=UnitKind.OTHER, **fields):
    """Add a unit to the tree (treebeard needs add_root/add_child, not a plain create)."""
    unit = Unit(code=code, name=name, kind=kind, **fields)
    return parent.add_child(instance=unit) if parent else Unit.add_root(instance=unit)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username.lower()}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        self.save()


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre

    staff_code = factory.Sequence(lambda n: f"CB{n:06d}")
    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..staff_code"), groups=[LEARNER])
    full_name = "Nguyễn Văn An"
    unit = factory.LazyFunction(lambda: Unit.get_first_root_node() or make_unit("T", "Tỉnh thử nghiệm"))
    position = "Chuyên viên"
    category = CadreCategory.CIVIL_SERVANT


def publish(parent, page):
    """Add `page` under `parent` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# Quizzes


def make_question(
    category, stem, options, question_type=QuestionType.SINGLE, scoring=Scoring.ALL_OR_NOTHING, points=1, **fields
):
    """A question; `options` are (text, is_correct) pairs, kept in the given order."""
    question = Question.objects.create(
        category=category,
        stem=f"<p>{stem}</p>",
        question_type=question_type,
        scoring=scoring,
        points=Decimal(points),
        **fields,
    )
    QuestionOption.objects.bulk_create(
        QuestionOption(question=question, text=text, is_correct=correct, feedback=f"Phản hồi: {text}", sort_order=i)
        for i, (text, correct) in enumerate(options)
    )
    return question


def make_quiz(questions, **fields):
    quiz = Quiz.objects.create(title=fields.pop("title", "Kiểm tra an toàn thông tin"), **fields)
    for i, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=i)
    return quiz


def correct_answers(attempt):
    """{position: correct option ids} of an attempt, read from the server's frozen key."""
    return {row.position: list(row.correct_option_ids) for row in attempt.questions.all()}
