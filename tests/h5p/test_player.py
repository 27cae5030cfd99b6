"""The H5P block of a lesson: what a visitor, a learner and a learner with attempts see, and the player's URLs."""

import json
import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.urls import resolve, reverse

from courses.models import LessonPage, LessonRule
from h5p import player, tracking
from h5p.models import H5PActivity, H5PAttempt, H5PLibrary
from tests.factories import publish

PRACTICE = "Hoạt động luyện tập — điểm không tính vào chứng nhận"


@pytest.fixture
def activity(db):
    library = H5PLibrary.objects.create(
        machine_name="H5P.ElearnCheck",
        major_version=1,
        minor_version=0,
        patch_version=0,
        title="Elearn Check",
        runnable=True,
        sha256="0" * 64,
        metadata={},
    )
    activity = H5PActivity.objects.create(
        title="Chọn mật khẩu an toàn",
        main_library=library,
        h5p_json={},
        package_sha256="1" * 64,
        package_size=10,
    )
    activity.libraries.add(library)
    return activity


@pytest.fixture
def lesson(course, activity):
    return publish(
        course,
        LessonPage(
            title="Luyện tập mật khẩu",
            slug="luyen-tap",
            completion_rule=LessonRule.ACTIVITY,
            body=[{"type": "h5p", "value": {"activity": activity.pk, "intro": "Chọn rồi bấm Kiểm tra."}}],
        ),
    )


def config_of(html):
    match = re.search(r'data-h5p-activity="[^"]+".*?<script type="application/json">(.*?)</script>', html, re.S)
    assert match, "no player on the page"
    return json.loads(match.group(1))


def test_a_visitor_is_asked_to_log_in_and_gets_no_player(client, lesson):
    html = client.get(lesson.url).content.decode()
    assert "Chọn mật khẩu an toàn" in html
    assert PRACTICE in html
    assert "Đăng nhập để làm hoạt động" in html
    assert f"{reverse('accounts:login')}?next={lesson.url}" in html
    assert "data-h5p-activity" not in html
    assert "h5p-player.js" not in html


def test_a_learner_gets_the_player_with_its_urls(client, learner, lesson, activity):
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert PRACTICE in html
    assert "<noscript>" in html
    assert "h5p-player.js" in html
    assert "h5p-standalone/main.bundle.js" in html
    config = config_of(html)
    assert config["id"] == str(activity.folder)
    assert config["lesson"] == lesson.pk
    assert config["xAPIObjectIRI"] == tracking.activity_iri(activity)
    assert config["xapiUrl"] == reverse("h5p:xapi", args=[activity.folder])
    # The paths h5p-standalone builds from these bases reach the serving views.
    assert resolve(config["h5pJsonPath"] + "/h5p.json").url_name == "content_file"
    assert resolve(config["h5pJsonPath"] + "/content/content.json").kwargs["path"] == "content/content.json"
    library = resolve(config["librariesPath"] + "/H5P.ElearnCheck-1.0/library.json")
    assert (library.url_name, library.kwargs["folder"]) == ("library_file", "H5P.ElearnCheck-1.0")
    # H5P fills in the placeholders of the one state URL of the page.
    state = config["stateUrl"].replace(":contentId", config["id"]).replace(":dataType", "state")
    state = state.replace(":subContentId", "0")
    assert resolve(state.split("?")[0]).url_name == "state"
    assert state.endswith("?data_type=state&sub_content_id=0")
    assert config["contentUserData"] == {}
    assert "Các lượt làm gần đây của bạn" not in html


def test_the_learner_sees_their_last_attempts_with_scores(client, learner, other_learner, lesson, activity):
    finished = datetime(2026, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    H5PAttempt.objects.create(
        activity=activity,
        user=learner,
        lesson=lesson,
        started_at=finished,
        finished_at=finished,
        raw_score=Decimal(1),
        max_score=Decimal(2),
        scaled=Decimal("0.5"),
        success=False,
        completion=True,
    )
    H5PAttempt.objects.create(
        activity=activity,
        user=other_learner,
        started_at=finished,
        finished_at=finished,
        raw_score=Decimal(2),
        max_score=Decimal(2),
        scaled=Decimal(1),
        success=True,
    )
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    assert "Các lượt làm gần đây của bạn" in html
    assert "05/03/2026 09:30" in html
    assert "Điểm: 1/2" in html
    assert "Chưa đạt" in html
    assert "Điểm: 2/2" not in html  # another learner's attempt


def test_saved_state_is_handed_to_the_player(client, learner, lesson, activity):
    tracking.save_state(learner, activity, "state", "0", '{"answer": 1}')
    client.force_login(learner)
    config = config_of(client.get(lesson.url).content.decode())
    assert config["contentUserData"] == {"0": {"state": '{"answer": 1}'}}


def test_without_the_player_files_the_block_says_so(client, learner, lesson, settings, tmp_path):
    settings.STATICFILES_DIRS = [settings.BASE_DIR / "static"]
    settings.STATIC_ROOT = tmp_path / "static"
    finders.get_finder.cache_clear()
    try:
        assert not player.player_installed()
        client.force_login(learner)
        html = client.get(lesson.url).content.decode()
    finally:
        finders.get_finder.cache_clear()
    assert "Máy chủ chưa cài trình phát H5P nên chưa mở được hoạt động này." in html
    assert "data-h5p-activity" not in html


def test_a_player_installed_after_the_last_collectstatic_is_reported_missing(
    client, learner, lesson, settings, tmp_path
):
    """In production (hashed static files), a lesson page must not fail on a player not yet collected."""
    project_static = settings.BASE_DIR / "static"
    collected = {
        path.relative_to(project_static).as_posix(): path.relative_to(project_static).as_posix()
        for path in project_static.rglob("*")
        if path.is_file()
    }  # the site's files, not the player
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "staticfiles.json").write_text(json.dumps({"paths": collected, "version": "1.1"}))
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    assert not player.player_installed()
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Máy chủ chưa cài trình phát H5P" in response.content.decode()
