"""The lesson activity registry: courses offers the blocks that activity apps registered, and nothing else."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from wagtail import blocks

from courses import activities
from courses.models import LessonPage
from h5p.blocks import H5PBlock
from quizzes.blocks import QuizBlock, lesson_quizzes
from tests.factories import make_quiz


def test_the_lesson_body_offers_the_content_blocks_then_the_registered_activities():
    child_blocks = LessonPage._meta.get_field("body").stream_block.child_blocks
    assert list(child_blocks)[-2:] == ["quiz", "h5p"]  # INSTALLED_APPS order
    assert isinstance(child_blocks["quiz"], QuizBlock)
    assert isinstance(child_blocks["h5p"], H5PBlock)
    assert {"heading", "paragraph", "image", "video"} <= set(child_blocks)


def test_a_name_cannot_be_taken_by_a_second_activity():
    class OtherBlock(blocks.StructBlock):
        pass

    with pytest.raises(ImproperlyConfigured):
        activities.register("quiz", OtherBlock, chosen="quiz")
    assert [activity.block_class for activity in activities.registered()] == [QuizBlock, H5PBlock]


def test_placed_lists_the_chosen_quizzes_in_page_order(lessons):
    lesson = next(iter(lessons.values()))
    first, second = make_quiz([], title="Kiểm tra 1"), make_quiz([], title="Kiểm tra 2")
    lesson.body = [
        {"type": "quiz", "value": {"quiz": second.pk, "intro": ""}},
        {"type": "paragraph", "value": "<p>Giữa hai bài</p>"},
        {"type": "quiz", "value": {"quiz": first.pk, "intro": ""}},
    ]
    lesson.save()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson_quizzes(lesson) == [second, first]
    assert activities.placed(lesson, "scorm") == []  # no such activity registered


def test_a_stored_block_of_an_activity_no_app_registers_is_left_out(client, learner, lessons):
    """A lesson keeps rendering when an activity app is removed: its blocks are skipped, the rest shows."""
    lesson = next(iter(lessons.values()))
    stored = [
        {"type": "scorm", "value": {"package": 7}, "id": "a"},
        {"type": "paragraph", "value": "<p>Nội dung vẫn hiển thị</p>", "id": "b"},
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE courses_lessonpage SET body = %s WHERE page_ptr_id = %s", [json.dumps(stored), lesson.pk]
        )
    client.force_login(learner)
    response = client.get(LessonPage.objects.get(pk=lesson.pk).url)
    assert response.status_code == 200
    assert "Nội dung vẫn hiển thị" in response.content.decode()
