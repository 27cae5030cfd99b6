"""Scheduled report emails: a manager subscribes to their unit's roll-up; each period's email goes out once."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from courses.models import CourseCompletion
from reports import queries, subscriptions, tasks
from reports.models import Frequency, ReportDelivery, ReportSubscription
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 12, 7, 7, 30, tzinfo=HCM)


@pytest.fixture
def people(tree, course):
    cadres = [CadreFactory(staff_code=f"TT{number}", unit=tree["division"]) for number in range(3)]
    cadres.append(CadreFactory(staff_code="NV0", unit=tree["other"]))
    CourseCompletion.objects.create(
        user=cadres[0].user,
        course=course,
        course_title=course.title,
        completed_at=datetime(2026, 11, 2, 9, tzinfo=HCM),
        lessons_completed=3,
        lessons_required=3,
    )
    return cadres


def test_a_manager_subscribes_to_a_unit_of_their_scope_only(client, tree, manager, people):
    client.force_login(manager)
    page = client.get(f"{reverse('unit_reports:subscriptions')}?unit={tree['department'].pk}")
    assert page.status_code == 200 and "Đăng ký nhận báo cáo" in page.text
    refused = client.post(
        reverse("unit_reports:subscriptions"), {"unit": tree["other"].pk, "frequency": "weekly", "attach": "on"}
    )
    assert "ngoài phạm vi" in refused.text and not ReportSubscription.objects.exists()
    client.post(reverse("unit_reports:subscriptions"), {"unit": tree["department"].pk, "frequency": "weekly"})
    client.post(reverse("unit_reports:subscriptions"), {"unit": tree["department"].pk, "frequency": "weekly"})
    (subscription,) = ReportSubscription.objects.all()
    assert subscription.user == manager and not subscription.attach
    assert tree["department"].name in client.get(reverse("unit_reports:subscriptions")).text
    client.post(
        reverse("unit_reports:subscriptions"),
        {"unit": tree["department"].pk, "frequency": "monthly", "subject": "topic-security"},
    )
    assert "Chủ đề: An toàn thông tin và an ninh mạng" in client.get(reverse("unit_reports:subscriptions")).text
    for subscription in ReportSubscription.objects.all():
        client.post(reverse("unit_reports:subscription_cancel", args=[subscription.pk]))
    assert not ReportSubscription.objects.exists()
    manager.email = ""
    manager.save()
    refused = client.post(reverse("unit_reports:subscriptions"), {"unit": tree["department"].pk, "frequency": "weekly"})
    assert "chưa có địa chỉ email" in refused.text and not ReportSubscription.objects.exists()


def test_each_period_sends_one_email_with_the_scoped_workbook(tree, manager, people, mailoutbox, time_machine):
    weekly = ReportSubscription.objects.create(user=manager, unit=tree["department"], frequency=Frequency.WEEKLY)
    ReportSubscription.objects.create(user=manager, unit=tree["department"], frequency=Frequency.MONTHLY, attach=False)
    time_machine.move_to(MONDAY, tick=False)
    assert subscriptions.send_due() == {"sent": 2, "failed": 0}
    assert subscriptions.send_due() == {"sent": 0, "failed": 0}  # a rerun, a restarted worker: nothing again
    assert tasks.send_subscribed_reports.delay().get() == {"sent": 0, "failed": 0}
    with_file, with_link = sorted(mailoutbox, key=lambda email: -len(email.attachments))
    assert "tuần 50 năm 2026" in with_file.subject and "tháng 12/2026" in with_link.subject
    assert with_file.to == [manager.email] and not with_link.attachments
    name, content, _type = with_file.attachments[0]
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    labels = [row[0] for row in sheet.iter_rows(values_only=True)]
    expected = queries.unit_rollup(manager, tree["department"], queries.Filters())
    assert [row.label for row in expected] == labels[2:]  # title, headings, then the rows
    assert "Sở Nội vụ" not in labels and "Sở Nội vụ" not in with_file.body
    assert f"?unit={tree['department'].pk}" in with_link.body

    time_machine.move_to(datetime(2026, 12, 14, 7, 30, tzinfo=HCM), tick=False)  # next week: the weekly only
    assert subscriptions.send_due() == {"sent": 1, "failed": 0}
    assert sorted(ReportDelivery.objects.filter(subscription=weekly).values_list("period", flat=True)) == [
        "2026-W50",
        "2026-W51",
    ]


def test_a_failed_send_is_retried_and_a_lost_scope_sends_nothing(
    tree, manager, people, mailoutbox, time_machine, monkeypatch
):
    ReportSubscription.objects.create(user=manager, unit=tree["department"])
    time_machine.move_to(MONDAY, tick=False)
    original = EmailMultiAlternatives.send

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    assert subscriptions.send_due() == {"sent": 0, "failed": 1}
    assert not ReportDelivery.objects.exists()
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    tree["department"].managers.remove(manager)
    assert subscriptions.send_due() == {"sent": 0, "failed": 0} and not mailoutbox
    tree["department"].managers.add(manager)
    assert subscriptions.send_due() == {"sent": 1, "failed": 0} and len(mailoutbox) == 1


@pytest.mark.worker
def test_a_real_worker_sends_each_period_once_when_the_task_comes_again(celery_worker, tree, manager, people):
    subscription = ReportSubscription.objects.create(user=manager, unit=tree["department"])
    first = tasks.send_subscribed_reports.delay().get(timeout=60)
    again = tasks.send_subscribed_reports.delay().get(timeout=60)  # beat's next run, a redelivered message
    assert first == {"sent": 1, "failed": 0} and again == {"sent": 0, "failed": 0}
    period = subscriptions.period_of(Frequency.WEEKLY, timezone.localdate())
    assert list(subscription.deliveries.values_list("period", flat=True)) == [period]
