"""Lesson activities: blocks of a lesson body whose results count towards the lesson.

courses defines what an activity is and knows no activity app. An app that brings one (quizzes,
h5p, later scorm) registers it in its AppConfig.ready():

    activities.register("quiz", QuizBlock, chosen="quiz")

From then on:
- the lesson body (courses.blocks.LessonBodyBlock) offers the block to editors, after the content
  blocks, in the order of INSTALLED_APPS;
- `placed(lesson, "quiz")` lists what the lesson holds: the object chosen in each such block;
- the activity reports a learner's result with courses.progress.record_activity_result(user, lesson,
  score, passed), which completes a lesson whose rule is "pass its activities".

A lesson whose stored body holds a block of an activity that is not registered (its app removed)
still renders: the block is left out.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Activity:
    name: str  # the block type in the lesson body's stored data ("quiz", "h5p")
    block_class: type  # a wagtail StructBlock class
    chosen: str  # the child of that block holding the chosen activity object


_registry = {}


def register(name, block_class, chosen):
    """Offer `block_class` in lesson bodies as block type `name`; `chosen` names its activity child."""
    if name in _registry and _registry[name].block_class is not block_class:
        raise ImproperlyConfigured(f"Two lesson activities are registered as {name!r}.")
    _registry[name] = Activity(name, block_class, chosen)


def registered():
    """The registered activities, in registration order."""
    return list(_registry.values())


def blocks():
    """(name, block) pairs for a lesson body: one new block of each registered activity."""
    if not apps.ready:
        raise ImproperlyConfigured(
            "The lesson body was built before every app registered its activities: "
            "do not touch LessonPage.body's blocks in an AppConfig.ready()."
        )
    return [(activity.name, activity.block_class()) for activity in registered()]


def placed(lesson, name):
    """The objects chosen in the `name` blocks of `lesson`'s body, in page order (empty blocks left out)."""
    activity = _registry.get(name)
    if activity is None:
        return []
    return [
        block.value[activity.chosen]
        for block in lesson.body
        if block.block_type == name and block.value[activity.chosen]
    ]
