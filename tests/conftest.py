import pytest
from django.core.cache import cache

from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonRule
from tests.factories import CadreFactory, make_unit, publish
from units.models import UnitKind


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Uploads made by a test land in its own temporary folders, never in var/; a test on the module's demo
    data reads the demo's uploads (its screenshots, its H5P activity) from the module's folders."""
    media, h5p = tmp_path / "media", tmp_path / "h5p"
    if "demo_output" in request.fixturenames:
        media, h5p = request.getfixturevalue("demo_media_root"), request.getfixturevalue("demo_h5p_root")
    settings.MEDIA_ROOT = media
    settings.H5P_ROOT = h5p
    settings.STORAGES = {
        **settings.STORAGES,
        "h5p": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(h5p)},
        },
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }


@pytest.fixture
def home_page(db):
    """The site's home page, made again if a transactional test flushed the migrations' pages."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage

    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        locale = Locale.objects.first() or Locale.objects.create(language_code="vi")
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="home", locale=locale))
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Học tập CNTT cho cán bộ"
        )
    return home


def _database_url(settings_dict):
    """A DATABASE_URL naming the test database this process uses, for a worker process."""
    engine = settings_dict["ENGINE"]
    if "postgresql" not in engine:
        return None
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker process on the configured broker, sharing the test database.

    Skips without CELERY_BROKER_URL and DATABASE_URL (PostgreSQL): an in-memory SQLite test
    database cannot be shared with another process. Tasks sent by the test go to a queue of
    its own, so messages left by other runs are never consumed here.
    """
    import os
    import subprocess
    import sys
    import uuid

    from celery.result import allow_join_result
    from django.conf import settings
    from django.db import connection

    from elearn.celery import app

    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker to test the real worker path on")
    database_url = _database_url(connection.settings_dict)
    if database_url is None:
        pytest.skip("DATABASE_URL (PostgreSQL) is not set: a worker cannot share an in-memory SQLite test database")

    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearn.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "elearn",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}
    app.conf.update(task_always_eager=False, task_default_queue=queue)
    try:
        # Celery keeps "inside a task, result.get() would block" in one process-wide flag that
        # each eager run sets and restores; eager tasks run at once in live-server threads by
        # earlier browser tests can leave it set. The test process is no task: let it wait.
        with allow_join_result():
            yield worker
    finally:
        app.conf.update(saved)
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        print(output)


# The demo data, loaded once for a module that asks for it and rolled back after it.


@pytest.fixture(scope="module")
def demo_h5p_root(tmp_path_factory):
    """Where the module's load_demo installs the demo H5P activity's files (never var/)."""
    return tmp_path_factory.mktemp("demo_h5p")


@pytest.fixture(scope="module")
def demo_media_root(tmp_path_factory):
    """Where the module's load_demo stores its images (the user guides' screenshots), never var/."""
    return tmp_path_factory.mktemp("demo_media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, demo_h5p_root, demo_media_root):
    """Run load_demo once for the module; roll it back afterwards."""
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings

    storages = {
        **settings.STORAGES,
        "h5p": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(demo_h5p_root)}},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(STORAGES=storages, H5P_ROOT=demo_h5p_root, MEDIA_ROOT=demo_media_root),
    ):
        with transaction.atomic():
            out = StringIO()
            call_command("load_demo", stdout=out)
            yield out.getvalue()
            transaction.set_rollback(True)


# Shared fixtures: a published course with one lesson per completion rule, and learners of a ward.


def body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def catalogue(home_page):
    return publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))


@pytest.fixture
def course(catalogue):
    """A course with one lesson per completion rule and one optional lesson."""
    course = publish(
        catalogue,
        CoursePage(
            title="An ninh mạng cho cán bộ",
            slug="an-ninh-mang",
            topic="security",
            summary="Kiến thức cơ bản về an ninh mạng.",
        ),
    )
    publish(
        course,
        LessonPage(
            title="Mật khẩu mạnh", slug="mat-khau", body=body("Dùng mật khẩu dài."), completion_rule=LessonRule.MANUAL
        ),
    )
    publish(
        course,
        LessonPage(
            title="Thư điện tử giả mạo",
            slug="thu-gia-mao",
            body=body("Kiểm tra người gửi."),
            completion_rule=LessonRule.MIN_TIME,
            min_view_seconds=120,
        ),
    )
    publish(
        course,
        LessonPage(
            title="Bài kiểm tra cuối khóa",
            slug="kiem-tra",
            body=body("Làm bài kiểm tra."),
            completion_rule=LessonRule.ACTIVITY,
        ),
    )
    publish(course, LessonPage(title="Đọc thêm", slug="doc-them", body=body("Tài liệu tham khảo."), required=False))
    return course


@pytest.fixture
def lessons(course):
    return {lesson.slug: lesson for lesson in course.lessons()}


@pytest.fixture
def ward(db):
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    return make_unit("11311", "Phường Hồng Bàng", province, UnitKind.WARD)


@pytest.fixture
def learner(ward):
    return CadreFactory(staff_code="HP000001", full_name="Nguyễn Văn An", unit=ward).user


@pytest.fixture
def other_learner(ward):
    return CadreFactory(staff_code="HP000002", full_name="Trần Thị Bình", unit=ward).user


@pytest.fixture
def tree(db):
    """A province with a department (and its division) and a second department.

    Some test modules define a `tree` of their own, which takes precedence there.
    """
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    department = make_unit("SOTT", "Sở Thông tin", province, UnitKind.DEPARTMENT)
    division = make_unit("SOTT-P1", "Phòng Bưu chính", department, UnitKind.DIVISION)
    other = make_unit("SONV", "Sở Nội vụ", province, UnitKind.DEPARTMENT)
    return {"province": province, "department": department, "division": division, "other": other}
