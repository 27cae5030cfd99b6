"""Lessons written before the activity registry (courses.activities) keep working.

The demo data is made by the code base as it was before the registry (PREVIOUS, the last commit whose
courses/blocks.py imported quizzes and h5p), in an SQLite file. The current code then migrates that
database and renders every live lesson to a demo learner: each quiz and H5P block stored in a lesson
body must come out as the quiz box and the H5P player.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS = "9090fbfe1e6a8ed509a28a82eb298c6161e92a59"

RENDER = """
import json
from django.test import Client
from django.contrib.auth import get_user_model
from courses.models import LessonPage

client = Client()
client.force_login(get_user_model().objects.get(username="hocvien"))
lessons = []
for lesson in LessonPage.objects.live().order_by("path"):
    types = [block["type"] for block in lesson.body.raw_data]
    response = client.get(lesson.url, HTTP_HOST="localhost")
    html = response.content.decode()
    lessons.append({"slug": lesson.slug, "status": response.status_code, "types": types,
                    "quiz_boxes": html.count('class="learner-box quiz-block'),
                    "h5p_players": html.count("data-h5p-activity=")})
print("RESULT " + json.dumps(lessons))
"""


def run(args, cwd, env):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture
def previous_tree(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git history of this repository (git and .git/)")
    known = subprocess.run(["git", "cat-file", "-e", f"{PREVIOUS}^{{commit}}"], cwd=ROOT, capture_output=True)
    if known.returncode != 0:
        pytest.skip(f"commit {PREVIOUS[:7]} is not in this clone (a shallow clone?)")
    tree = tmp_path / "previous"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", PREVIOUS], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    return tree


def test_demo_lessons_made_before_the_registry_render_after_migrating(previous_tree, tmp_path):
    var = tmp_path / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CELERY_", "ELEARN_"))
    }
    env.update(ELEARN_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="elearn.settings.dev", PYTHONPATH="")
    python = sys.executable

    run([python, "manage.py", "migrate", "--noinput", "-v", "0"], previous_tree, env)
    run([python, "manage.py", "load_demo"], previous_tree, env)

    run([python, "manage.py", "migrate", "--noinput", "-v", "0"], ROOT, env)
    output = run([python, "manage.py", "shell", "-c", RENDER], ROOT, env)
    lessons = json.loads(output.split("RESULT ", 1)[1])

    assert len(lessons) >= 9
    assert all(lesson["status"] == 200 for lesson in lessons), lessons
    quizzes = sum(lesson["types"].count("quiz") for lesson in lessons)
    players = sum(lesson["types"].count("h5p") for lesson in lessons)
    assert quizzes >= 3 and players >= 1  # the old demo placed both kinds of activity
    for lesson in lessons:
        assert lesson["quiz_boxes"] == lesson["types"].count("quiz"), lesson
        assert lesson["h5p_players"] == lesson["types"].count("h5p"), lesson
