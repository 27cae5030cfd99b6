"""Editorial workflow: editors submit, moderators approve or ask for changes, scheduled publishing, preview."""

import datetime
from io import StringIO

import pytest
import time_machine
from celery.schedules import crontab
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Task, TaskState, Workflow, WorkflowPage, WorkflowState, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import CourseIndexPage, CoursePage, LessonPage
from elearn.celery import app
from elearn.sync import CREATED, UNCHANGED
from home.periodic import PeriodicScheduler, UnknownTask, load_entries
from home.tasks import publish_scheduled_pages
from home.workflows import TASK_NAME, WORKFLOW_NAME, ensure_review_workflow
from tests.factories import UserFactory, publish
from units.roles import ADMINISTRATOR, EDITOR, MODERATOR

pytestmark = pytest.mark.django_db

BODY_TEXT = "Không dùng lại một mật khẩu cho nhiều tài khoản."


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def course(home_page):
    catalogue = publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))
    return publish(
        catalogue,
        CoursePage(
            title="An toàn thông tin cơ bản",
            slug="attt",
            topic="security",
            summary="Những thói quen an toàn hằng ngày.",
        ),
    )


@pytest.fixture
def editor():
    return UserFactory(username="bientap", groups=[EDITOR])


@pytest.fixture
def moderator():
    return UserFactory(username="kiemduyet", groups=[MODERATOR])


def add_draft(parent, page, user=None):
    """Add `page` below `parent` as a never-published draft, as an editor's first save does."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return LessonPage.objects.get(pk=page.pk) if isinstance(page, LessonPage) else page


def draft_lesson(course, editor, **fields):
    fields = {"title": "Mật khẩu mạnh", "slug": "mat-khau-manh", "body": paragraph(BODY_TEXT), **fields}
    return add_draft(course, LessonPage(**fields), editor)


def lesson_form(title, body_text, **extra):
    """The lesson edit form as the admin posts it."""
    return nested_form_data(
        {
            "title": title,
            "slug": "mat-khau-manh",
            "intro": "",
            "estimated_minutes": "15",
            "body": streamfield([("paragraph", rich_text(f"<p>{body_text}</p>"))]),
            "required": "on",
            "completion_rule": "manual",
            "min_view_seconds": "120",
            "comments": inline_formset([]),
            **extra,
        }
    )


def submit(workflow_page, user):
    """Start the page's workflow as the user's "Gửi duyệt" does; return the task state to act on."""
    workflow_page.get_workflow().start(workflow_page, user)
    return WorkflowState.objects.get(
        object_id=str(workflow_page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state


def act(task_state, user, action):
    task_state.task.specific.on_action(task_state, user, action)


def review_objects():
    return (Workflow.objects.count(), Task.objects.count(), WorkflowTask.objects.count(), WorkflowPage.objects.count())


# The workflow and its set-up


def test_after_migrate_the_review_workflow_covers_the_home_page_and_below(home_page, course):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    assert WorkflowPage.objects.get(page=home_page).workflow == workflow
    tasks = [task.specific for task in workflow.tasks.all()]
    assert [task.name for task in tasks] == [TASK_NAME]
    assert isinstance(tasks[0], GroupApprovalTask)
    assert set(tasks[0].groups.values_list("name", flat=True)) == {MODERATOR, ADMINISTRATOR}
    assert course.get_workflow() == workflow


def test_ensure_review_workflow_twice_creates_nothing_more(home_page):
    before = review_objects()
    assert ensure_review_workflow()[1] == UNCHANGED
    assert ensure_review_workflow()[1] == UNCHANGED
    assert review_objects() == before


def test_an_administrators_other_workflow_on_the_home_page_is_kept(home_page):
    WorkflowPage.objects.filter(page=home_page).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name="Tên cũ")
    own = Workflow.objects.create(name="Quy trình riêng")
    WorkflowPage.objects.create(page=home_page, workflow=own)
    before = review_objects()

    workflow, status = ensure_review_workflow()

    assert (workflow, status) == (own, UNCHANGED)
    assert review_objects() == before
    assert WorkflowPage.objects.get(page=home_page).workflow == own


def test_a_disabled_review_workflow_stays_disabled(home_page):
    Workflow.objects.get(name=WORKFLOW_NAME).deactivate()
    before = review_objects()

    assert ensure_review_workflow()[1] == UNCHANGED

    assert review_objects() == before
    assert not WorkflowPage.objects.filter(page=home_page).exists()
    assert not Workflow.objects.get(name=WORKFLOW_NAME).active


def test_a_missing_workflow_reuses_the_task_and_its_groups(home_page):
    WorkflowPage.objects.all().delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    task = GroupApprovalTask.objects.get(name=TASK_NAME)
    task.groups.set([Group.objects.get(name=ADMINISTRATOR)])

    workflow, status = ensure_review_workflow()

    assert status == CREATED
    assert WorkflowPage.objects.get(page=home_page).workflow == workflow
    assert [t.pk for t in workflow.tasks.all()] == [task.pk]
    assert list(task.groups.values_list("name", flat=True)) == [ADMINISTRATOR]
    assert GroupApprovalTask.objects.filter(name=TASK_NAME).count() == 1


# Submit, approve, request changes


def test_editor_cannot_publish_and_submitting_through_the_admin_leaves_the_page_unpublished(client, course, editor):
    lesson = draft_lesson(course, editor)
    assert not lesson.permissions_for_user(editor).can_publish()

    client.force_login(editor)
    # An editor's "Publish" is refused: Wagtail saves a draft instead.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        lesson_form("Mật khẩu mạnh", BODY_TEXT, **{"action-publish": "action-publish"}),
    )
    lesson.refresh_from_db()
    assert not lesson.live

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        lesson_form("Mật khẩu mạnh và xác thực hai lớp", BODY_TEXT, **{"action-submit": "1"}),
    )

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert not lesson.live
    assert lesson.draft_title == "Mật khẩu mạnh và xác thực hai lớp"
    state = lesson.current_workflow_state
    assert state.workflow.name == WORKFLOW_NAME and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == TASK_NAME
    client.logout()
    assert client.get("/khoa-hoc/attt/mat-khau-manh/").status_code == 404


def test_moderator_approves_in_the_admin_and_the_lesson_goes_live(client, course, editor, moderator):
    lesson = draft_lesson(course, editor)
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        lesson_form("Mật khẩu mạnh", "Nội dung đã được duyệt.", **{"action-submit": "1"}),
    )
    task_state = LessonPage.objects.get(pk=lesson.pk).current_workflow_task_state
    assert lesson.permissions_for_user(moderator).can_publish()

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mật khẩu mạnh" in dashboard  # awaiting the moderator's review
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]), {"comment": ""}
    )

    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.live and not lesson.has_unpublished_changes
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == moderator
    client.logout()
    response = client.get("/khoa-hoc/attt/mat-khau-manh/")
    assert response.status_code == 200
    assert "Nội dung đã được duyệt." in response.content.decode()


def test_an_editor_cannot_approve_their_own_submission(course, editor):
    lesson = draft_lesson(course, editor)
    task_state = submit(lesson, editor)
    assert task_state.task.specific.get_actions(lesson, editor) == []


def test_request_changes_leaves_the_lesson_unpublished(client, course, editor, moderator):
    lesson = draft_lesson(course, editor)
    task_state = submit(lesson, editor)

    act(task_state, moderator, "reject")

    lesson.refresh_from_db()
    assert not lesson.live
    assert lesson.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES  # back with the editor
    assert lesson.permissions_for_user(editor).can_edit()
    assert client.get("/khoa-hoc/attt/mat-khau-manh/").status_code == 404


def test_changes_to_a_live_lesson_wait_for_approval(client, course, editor, moderator):
    lesson = publish(course, LessonPage(title="Mật khẩu mạnh", slug="mat-khau-manh", body=paragraph(BODY_TEXT)))
    lesson.body = paragraph("Bản sửa chưa duyệt.")
    lesson.save_revision(user=editor)
    task_state = submit(lesson, editor)

    assert "Bản sửa chưa duyệt." not in client.get("/khoa-hoc/attt/mat-khau-manh/").content.decode()
    act(task_state, moderator, "approve")
    assert "Bản sửa chưa duyệt." in client.get("/khoa-hoc/attt/mat-khau-manh/").content.decode()


# Scheduled publishing


def scheduled_lesson(course, editor, moderator, go_live_at):
    """A lesson submitted with a go-live time and approved: scheduled, not yet live."""
    lesson = draft_lesson(course, editor, go_live_at=go_live_at)
    act(submit(lesson, editor), moderator, "approve")
    lesson.refresh_from_db()
    return lesson


def test_an_approved_lesson_with_a_go_live_time_is_published_by_the_celery_task(client, course, editor, moderator):
    go_live_at = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    lesson = scheduled_lesson(course, editor, moderator, go_live_at)

    assert not lesson.live
    assert lesson.get_latest_revision().approved_go_live_at == go_live_at
    publish_scheduled_pages.delay()
    lesson.refresh_from_db()
    assert not lesson.live
    assert client.get("/khoa-hoc/attt/mat-khau-manh/").status_code == 404

    with time_machine.travel(go_live_at + datetime.timedelta(minutes=1)):
        publish_scheduled_pages.delay()
        lesson.refresh_from_db()
        assert lesson.live
        response = client.get("/khoa-hoc/attt/mat-khau-manh/")
        assert response.status_code == 200
        assert BODY_TEXT in response.content.decode()


def test_run_periodic_tasks_once_publishes_a_due_page(client, course):
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    lesson = LessonPage(title="Bài hẹn giờ", slug="bai-hen-gio", body=paragraph(BODY_TEXT), go_live_at=go_live_at)
    lesson.live = False
    course.add_child(instance=lesson)
    lesson.save_revision().publish()  # an administrator publishes with a go-live time: scheduled
    lesson.refresh_from_db()
    assert not lesson.live

    with time_machine.travel(go_live_at + datetime.timedelta(seconds=30)):
        call_command("run_periodic_tasks", "--once", stdout=StringIO())
        lesson.refresh_from_db()
        assert lesson.live
        assert client.get("/khoa-hoc/attt/bai-hen-gio/").status_code == 200


def test_an_expired_page_is_unpublished(client, course):
    expire_at = timezone.now() + datetime.timedelta(days=30)
    publish(course, LessonPage(title="Bài hết hạn", slug="bai-het-han", body=paragraph(BODY_TEXT), expire_at=expire_at))
    assert client.get("/khoa-hoc/attt/bai-het-han/").status_code == 200

    with time_machine.travel(expire_at + datetime.timedelta(minutes=1)):
        publish_scheduled_pages.delay()
        assert client.get("/khoa-hoc/attt/bai-het-han/").status_code == 404


def test_the_beat_schedule_publishes_scheduled_pages_every_minute():
    entry = app.conf.beat_schedule["publish-scheduled-pages"]
    assert entry["task"] == publish_scheduled_pages.name
    assert entry["schedule"] == datetime.timedelta(minutes=1)


def test_the_in_process_scheduler_runs_an_entry_when_it_is_due(course):
    # A fixed hour far from every daily entry, so that the next wake-up is the minute entries' alone.
    start = datetime.datetime(2026, 3, 2, 10, 0, 5, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        go_live_at = timezone.now() + datetime.timedelta(seconds=20)
        lesson = LessonPage(title="Bài hẹn giờ", slug="bai-hen-gio", body=paragraph(BODY_TEXT), go_live_at=go_live_at)
        lesson.live = False
        course.add_child(instance=lesson)
        lesson.save_revision().publish()

        scheduler = PeriodicScheduler(load_entries(app))
        ran, sleep_seconds = scheduler.tick()
        assert ran == [] and 0 < sleep_seconds <= 60  # like celery beat: the first run is one period after start

        traveller.shift(datetime.timedelta(seconds=61))
        ran, sleep_seconds = scheduler.tick()
        assert "publish-scheduled-pages" in ran
        assert sleep_seconds == pytest.approx(60, abs=1)
        lesson.refresh_from_db()
        assert lesson.live

        assert scheduler.tick()[0] == []  # not again until the next minute


def test_the_in_process_scheduler_understands_crontab_entries():
    schedule = {"every-minute": {"task": publish_scheduled_pages.name, "schedule": crontab(minute="*")}}
    with time_machine.travel(datetime.datetime(2026, 3, 2, 8, 0, 10, tzinfo=datetime.UTC), tick=False) as traveller:
        scheduler = PeriodicScheduler(load_entries(app, schedule))
        assert scheduler.tick()[0] == []
        traveller.shift(datetime.timedelta(minutes=1))
        assert scheduler.tick()[0] == ["every-minute"]


def test_a_failing_periodic_task_is_reported_without_stopping_the_others(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("broken")

    entries = load_entries(app, {"a": {"task": publish_scheduled_pages.name, "schedule": 60}})
    monkeypatch.setattr(entries[0].task, "run", fail)
    assert PeriodicScheduler(entries).run_all_once() == ["a"]


def test_an_unknown_task_in_the_schedule_is_an_error():
    with pytest.raises(UnknownTask):
        load_entries(app, {"typo": {"task": "home.no_such_task", "schedule": 60}})


def test_run_periodic_tasks_reports_failures(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(publish_scheduled_pages, "run", fail)
    with pytest.raises(CommandError, match="publish-scheduled-pages"):
        call_command("run_periodic_tasks", "--once", stdout=StringIO())


# Preview shows what a learner sees


def test_editor_previews_a_draft_lesson_in_the_admin(client, course, editor):
    lesson = draft_lesson(course, editor)
    client.force_login(editor)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])

    posted = client.post(preview_url, lesson_form("Mật khẩu mạnh (bản xem trước)", "Đoạn chỉ có trong bản nháp."))
    assert posted.json()["is_valid"]
    response = client.get(preview_url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Mật khẩu mạnh (bản xem trước)" in content
    assert "Đoạn chỉ có trong bản nháp." in content
    assert "An toàn thông tin cơ bản" in content  # the course around it, as a learner sees it


def test_lesson_preview_renders_the_learner_template_for_an_unenrolled_editor(course, editor):
    lesson = publish(course, LessonPage(title="Mật khẩu mạnh", slug="mat-khau-manh", body=paragraph(BODY_TEXT)))
    request = RequestFactory().get("/")
    request.user = editor

    response = lesson.serve_preview(request, lesson.default_preview_mode)
    response.render()

    assert response.status_code == 200
    assert response.template_name == lesson.get_template(request)
    content = response.content.decode()
    assert BODY_TEXT in content
    assert "Bài 1/1" in content


def test_course_preview_renders_for_an_unenrolled_editor(course, editor):
    publish(course, LessonPage(title="Mật khẩu mạnh", slug="mat-khau-manh", body=paragraph(BODY_TEXT)))
    course = CoursePage.objects.get(pk=course.pk)
    course.summary = "Tóm tắt đang sửa trong bản nháp."
    request = RequestFactory().get("/")
    request.user = editor

    response = course.serve_preview(request, course.default_preview_mode)
    response.render()

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tóm tắt đang sửa trong bản nháp." in content
    assert "Mật khẩu mạnh" in content


def test_moderator_previews_the_submitted_revision(client, course, editor, moderator):
    lesson = draft_lesson(course, editor)
    task_state = submit(lesson, editor)

    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[lesson.pk, task_state.task_id]))

    assert response.status_code == 200
    assert BODY_TEXT in response.content.decode()


def _messages(response):
    """The flash messages as a person reads them (Wagtail's carry HTML: escaped quotes, trailing buttons)."""
    from html import unescape

    return [unescape(str(message)).split("<span", 1)[0].strip() for message in response.context["messages"]]


def test_the_messages_after_saving_submitting_and_approving_are_in_vietnamese(client, course, editor, moderator):
    lesson = draft_lesson(course, editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    client.force_login(editor)
    saved = client.post(edit_url, lesson_form("Mật khẩu mạnh", BODY_TEXT), follow=True)
    assert _messages(saved) == ["Trang 'Mật khẩu mạnh' đã được cập nhật."]
    submitted = client.post(edit_url, lesson_form("Mật khẩu mạnh", BODY_TEXT, **{"action-submit": "1"}), follow=True)
    assert any("gửi duyệt" in message for message in _messages(submitted)), _messages(submitted)

    client.force_login(moderator)
    editor_page = client.get(edit_url).content.decode()
    assert "Phê duyệt và xuất bản" in editor_page and "Yêu cầu chỉnh sửa" in editor_page  # one space, no English
    approve = {"action-workflow-action": "1", "workflow-action-name": "approve"}
    approved = client.post(edit_url, lesson_form("Mật khẩu mạnh", BODY_TEXT, **approve), follow=True)
    assert _messages(approved) == ["Trang 'Mật khẩu mạnh' đã được cập nhật."]
    assert LessonPage.objects.get(pk=lesson.pk).live
    publish = {"action-publish": "action-publish"}
    published = client.post(edit_url, lesson_form("Mật khẩu mạnh (sửa)", BODY_TEXT, **publish), follow=True)
    assert _messages(published) == ["Trang 'Mật khẩu mạnh (sửa)' đã được xuất bản."]
    assert "Xem bản đang xuất bản" in str(list(published.context["messages"])[0])  # its buttons too
