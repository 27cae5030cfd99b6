"""Reminder emails (courses.reminders and its Celery tasks): content, occasions, each email once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.mail import EmailMultiAlternatives

from courses import reminders, tasks
from courses.models import Assignment, CourseCompletion, ReminderKind, ReminderLog, ReminderSettings
from elearn.celery import app
from home.periodic import load_entries
from tests.factories import CadreFactory, UserFactory
from units.membership import record_units

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://hoctap.haiphong.gov.vn"


def cadre(unit, code, name):
    person = CadreFactory(staff_code=code, full_name=name, unit=unit)
    record_units([person.pk], date(2026, 1, 1))
    return person


@pytest.fixture
def assignment(course):
    assignment = Assignment.objects.create(
        title="An ninh mạng 2026", starts_on=date(2026, 1, 1), due_on=date(2026, 3, 31)
    )
    assignment.courses.add(course)
    return assignment


def at(time_machine, day, hour=7):
    time_machine.move_to(datetime(day.year, day.month, day.day, hour, 0, tzinfo=HCM), tick=False)


def test_a_learner_is_reminded_days_before_the_due_date_in_vietnamese_with_the_course_link(
    tree, course, assignment, mailoutbox, time_machine
):
    learner = cadre(tree["division"], "TT01", "Nguyễn Văn An")
    at(time_machine, date(2026, 3, 27))
    assert reminders.send_due_reminders()[ReminderKind.BEFORE_DUE] == 0  # 4 days before: not yet
    at(time_machine, date(2026, 3, 28))
    assert reminders.send_due_reminders()[ReminderKind.BEFORE_DUE] == 1
    [email] = mailoutbox
    assert email.to == [learner.user.email]
    assert email.subject == "Nhắc hạn: hoàn thành khóa học bắt buộc trước ngày 31/03/2026"
    assert "Kính gửi Nguyễn Văn An" in email.body
    assert "An ninh mạng cho cán bộ – hạn hoàn thành: 31/03/2026" in email.body
    assert f"https://hoctap.haiphong.gov.vn{course.url}" in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="https://hoctap.haiphong.gov.vn{course.url}">An ninh mạng cho cán bộ</a>' in html
    assert "<strong>31/03/2026</strong>" in html


def test_running_the_reminders_twice_or_on_later_days_sends_each_email_once(
    tree, course, assignment, mailoutbox, time_machine
):
    cadre(tree["division"], "TT01", "Nguyễn Văn An")
    cadre(tree["department"], "TT02", "Trần Thị Bình")
    at(time_machine, date(2026, 3, 29))
    reminders.send_due_reminders()
    tasks.send_due_reminders.delay()  # the beat task, run again the same day
    at(time_machine, date(2026, 3, 31))
    reminders.send_due_reminders()  # still within the window: nothing new
    assert len(mailoutbox) == 2
    assert ReminderLog.objects.filter(kind=ReminderKind.BEFORE_DUE).count() == 2


def test_overdue_email_once_when_becoming_overdue_and_weekly_only_when_configured(
    tree, course, assignment, mailoutbox, time_machine
):
    learner = cadre(tree["division"], "TT01", "Nguyễn Văn An")
    at(time_machine, date(2026, 3, 31))
    reminders.send_due_reminders()
    mailoutbox.clear()
    at(time_machine, date(2026, 4, 1))
    assert reminders.send_due_reminders()[ReminderKind.OVERDUE] == 1
    assert reminders.send_due_reminders()[ReminderKind.OVERDUE] == 0
    [email] = mailoutbox
    assert email.to == [learner.user.email]
    assert email.subject == "Quá hạn: khóa học bắt buộc “An ninh mạng 2026” chưa hoàn thành"
    assert "hạn hoàn thành: 31/03/2026 (quá hạn 1 ngày)" in email.body
    at(time_machine, date(2026, 4, 8))
    reminders.send_due_reminders()
    assert len(mailoutbox) == 1
    config = ReminderSettings.load()
    config.overdue_weekly = True
    config.save()
    reminders.send_due_reminders()
    reminders.send_due_reminders()
    assert len(mailoutbox) == 2
    assert "quá hạn 8 ngày" in mailoutbox[1].body


def test_completed_learners_and_paused_reminders_get_nothing(tree, course, assignment, mailoutbox, time_machine):
    done = cadre(tree["division"], "TT01", "Nguyễn Văn An")
    CourseCompletion.objects.create(
        user=done.user,
        course=course,
        course_title=course.title,
        lessons_completed=3,
        lessons_required=3,
        completed_at=datetime(2026, 3, 2, 9, tzinfo=HCM),
    )
    paused = cadre(tree["division"], "TT02", "Trần Thị Bình")
    config = ReminderSettings.load()
    config.enabled = False
    config.save()
    at(time_machine, date(2026, 4, 2))
    reminders.send_due_reminders()
    assert mailoutbox == []
    config.enabled = True
    config.save()
    reminders.send_due_reminders()
    assert [email.to for email in mailoutbox] == [[paused.user.email]]


def test_a_failed_send_keeps_no_claim_and_the_next_run_sends_it(
    tree, course, assignment, mailoutbox, time_machine, monkeypatch
):
    cadre(tree["division"], "TT01", "Nguyễn Văn An")
    at(time_machine, date(2026, 4, 2))
    original = EmailMultiAlternatives.send

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    assert reminders.send_due_reminders()["failed"] == 1
    assert not ReminderLog.objects.exists()
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert reminders.send_due_reminders()[ReminderKind.OVERDUE] == 1
    assert len(mailoutbox) == 1


def test_an_occasion_claimed_by_a_concurrent_run_is_not_sent_again(tree, course, assignment, mailoutbox):
    learner = cadre(tree["division"], "TT01", "Nguyễn Văn An")
    due = reminders.Due(course.pk, date(2026, 3, 31), "2026-03-31")
    # The other worker claimed the occasion after this run listed what was pending.
    ReminderLog.objects.create(
        kind=ReminderKind.OVERDUE, user=learner.user, assignment=assignment, course=course, occasion="2026-03-31"
    )
    sent = reminders._send_learner_email(
        ReminderKind.OVERDUE, assignment, learner.user, "Nguyễn Văn An", [due], {course.pk: course}, None
    )
    assert sent is False
    assert mailoutbox == []


def test_each_manager_gets_one_weekly_digest_of_exactly_the_overdue_in_their_scope(
    tree, course, assignment, mailoutbox, time_machine
):
    late_head = cadre(tree["department"], "TT01", "Nguyễn Văn An")
    late_clerk = cadre(tree["division"], "TT02", "Trần Thị Bình")
    done = cadre(tree["division"], "TT03", "Lê Văn Cường")
    CourseCompletion.objects.create(
        user=done.user,
        course=course,
        course_title=course.title,
        lessons_completed=3,
        lessons_required=3,
        completed_at=datetime(2026, 3, 2, 9, tzinfo=HCM),
    )
    on_time = cadre(tree["other"], "NV01", "Phạm Thị Dung")
    CourseCompletion.objects.create(
        user=on_time.user,
        course=course,
        course_title=course.title,
        lessons_completed=3,
        lessons_required=3,
        completed_at=datetime(2026, 3, 30, 9, tzinfo=HCM),
    )
    director = UserFactory(username="giamdoc", email="giamdoc@haiphong.gov.vn")
    tree["department"].managers.add(director)
    division_head = UserFactory(username="truongphong", email="truongphong@haiphong.gov.vn")
    tree["division"].managers.add(division_head)
    calm = UserFactory(username="noivu", email="noivu@haiphong.gov.vn")
    tree["other"].managers.add(calm)  # nobody overdue in Sở Nội vụ: no email

    at(time_machine, date(2026, 4, 6))  # Monday, the default digest day
    assert reminders.send_manager_digests() == 2
    assert reminders.send_manager_digests() == 0
    tasks.send_manager_digests.delay()
    by_recipient = {email.to[0]: email for email in mailoutbox}
    assert set(by_recipient) == {"giamdoc@haiphong.gov.vn", "truongphong@haiphong.gov.vn"}
    director_mail = by_recipient["giamdoc@haiphong.gov.vn"]
    assert director_mail.subject == "Tổng hợp cán bộ quá hạn khóa học bắt buộc – tuần 15/2026"
    assert "2 cán bộ" in director_mail.body
    body = director_mail.body
    assert body.index("Sở Thông tin (SOTT)") < body.index("Nguyễn Văn An (TT01)")
    assert body.index("Phòng Bưu chính (SOTT-P1)") < body.index("Trần Thị Bình (TT02)")
    assert "hạn hoàn thành: 31/03/2026, quá hạn 6 ngày" in body
    assert "Lê Văn Cường" not in body and "Phạm Thị Dung" not in body
    clerk_mail = by_recipient["truongphong@haiphong.gov.vn"]
    assert "Trần Thị Bình" in clerk_mail.body and late_head.full_name not in clerk_mail.body
    assert ">Trần Thị Bình</td>" in clerk_mail.alternatives[0][0]
    assert late_clerk.user.email not in by_recipient  # learners get their own reminders, not the digest


def test_digests_wait_for_the_configured_weekday_then_catch_up_once_that_week(
    tree, course, assignment, mailoutbox, time_machine
):
    cadre(tree["department"], "TT01", "Nguyễn Văn An")
    tree["department"].managers.add(UserFactory(username="giamdoc", email="giamdoc@haiphong.gov.vn"))
    config = ReminderSettings.load()
    config.digest_weekday = 3  # Thursday
    config.save()
    at(time_machine, date(2026, 4, 8))  # Wednesday
    assert reminders.send_manager_digests() == 0
    at(time_machine, date(2026, 4, 10))  # Friday: the Thursday run was missed
    assert reminders.send_manager_digests() == 1
    at(time_machine, date(2026, 4, 11))
    assert reminders.send_manager_digests() == 0
    at(time_machine, date(2026, 4, 16))  # next Thursday
    assert reminders.send_manager_digests() == 1


def test_beat_runs_both_reminder_tasks_daily():
    entries = {entry.name: entry for entry in load_entries(app)}
    assert entries["send-due-reminders"].task.name == "courses.send_due_reminders"
    assert entries["send-manager-digests"].task.name == "courses.send_manager_digests"
    assert entries["send-due-reminders"].schedule.hour == {7}


def test_two_workers_running_the_reminders_at_once_send_each_email_once(
    transactional_db, tree, course, assignment, mailoutbox
):
    """Row-level concurrency needs PostgreSQL: SQLite runs one writer at a time anyway."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL (PostgreSQL) is not set: concurrent claims are tested there")
    for number in range(20):
        cadre(tree["division"], f"TT{number:02d}", "Nguyễn Văn An")
    ReminderSettings.load()
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            barrier.wait()
            reminders.send_due_reminders(date(2026, 4, 2))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        set(ReminderLog.objects.values_list("user__email", flat=True))
    )
    assert len(mailoutbox) == 20


def test_a_long_digest_lists_the_first_lines_and_counts_the_rest(
    tree, course, assignment, mailoutbox, time_machine, monkeypatch
):
    monkeypatch.setattr(reminders, "DIGEST_MAX_LINES", 2)
    for number, name in enumerate(["An", "Bình", "Cường"]):
        cadre(tree["division"], f"TT0{number}", name)
    tree["department"].managers.add(UserFactory(username="giamdoc", email="giamdoc@haiphong.gov.vn"))
    at(time_machine, date(2026, 4, 6))
    assert reminders.send_manager_digests() == 1
    [email] = mailoutbox
    assert "3 cán bộ" in email.body
    assert "- An (TT00)" in email.body and "- Bình (TT01)" in email.body and "Cường" not in email.body
    assert "… và 1 lượt quá hạn khác không liệt kê trong thư này." in email.body


def test_the_daily_task_sends_bounded_batches_that_resume_after_a_failure_and_never_repeat(
    tree, course, assignment, mailoutbox, time_machine, settings, monkeypatch
):
    for number in range(5):
        cadre(tree["division"], f"TT{number:02d}", f"Nguyễn Văn {number}")
    at(time_machine, date(2026, 4, 2))  # everyone is overdue
    settings.REMINDER_BATCH_SIZE = 2
    batches = list(reminders.reminder_batches())
    assert [len(batch["people"]) for batch in batches] == [2, 2, 1]
    # The SMTP server goes away after the first email of the first batch.
    original, calls = EmailMultiAlternatives.send, []

    def flaky(self, fail_silently=False):
        calls.append(self.to[0])
        if len(calls) > 1:
            raise ConnectionRefusedError("SMTP server down")
        return original(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    assert reminders.send_batch(batches[0]) == {ReminderKind.BEFORE_DUE: 0, ReminderKind.OVERDUE: 1, "failed": 1}
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    # The batch delivered again (a worker that died) sends only the email that did not go out.
    assert reminders.send_batch(batches[0])[ReminderKind.OVERDUE] == 1
    assert reminders.send_batch(batches[0])[ReminderKind.OVERDUE] == 0
    # Planning again leaves out the two sent; the beat task queues the rest as batches, then nothing.
    assert [len(batch["people"]) for batch in reminders.reminder_batches()] == [2, 1]
    assert tasks.send_due_reminders.delay().get() == {"batches": 2, "people": 3}
    assert len(mailoutbox) == 5 and len({email.to[0] for email in mailoutbox}) == 5
    assert tasks.send_due_reminders.delay().get() == {"batches": 0, "people": 0}
    assert len(mailoutbox) == 5


@pytest.fixture
def batches_of_two(monkeypatch, settings):
    """The worker process reads its batch size from the environment, as in production."""
    monkeypatch.setenv("REMINDER_BATCH_SIZE", "2")
    settings.REMINDER_BATCH_SIZE = 2


@pytest.mark.worker
def test_a_real_worker_queues_the_batches_sends_them_and_sends_nothing_the_second_time(
    batches_of_two, celery_worker, tree, course, assignment
):
    import time

    for number in range(3):
        cadre(tree["division"], f"TT{number:02d}", f"Nguyễn Văn {number}")  # overdue since 31/03/2026
    assert tasks.send_due_reminders.delay().get(timeout=60) == {"batches": 2, "people": 3}
    deadline = time.monotonic() + 60
    while ReminderLog.objects.count() < 3 and time.monotonic() < deadline:
        time.sleep(0.5)  # the worker runs the two batch tasks it queued
    assert ReminderLog.objects.filter(kind=ReminderKind.OVERDUE).count() == 3
    assert tasks.send_due_reminders.delay().get(timeout=60) == {"batches": 0, "people": 0}
