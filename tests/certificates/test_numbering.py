"""Certificate numbers: one sequence per year, no gaps and no duplicates, whatever runs at the same time."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.utils import timezone

from certificates import issuing
from certificates.models import Certificate, CertificateTemplate
from courses import certificates as course_certificates
from courses.models import CourseCompletion
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db(transaction=True)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="DATABASE_URL (PostgreSQL) is not set: concurrent issuing is tested there",
)


@pytest.fixture
def course_with_certificate(course):
    course.certificate_template = CertificateTemplate.objects.create(
        name="Mẫu", issuer="Ban Tuyên giáo", signatory_position="Trưởng ban", signatory_name="Lê Văn Ký"
    )
    course.save_revision().publish()
    return course


def in_parallel(work, items):
    barrier = threading.Barrier(len(items))
    errors = []

    def run(item):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            work(item)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def completion_of(user, course):
    return CourseCompletion.objects.create(
        user=user,
        course=course,
        course_title=course.title,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=HCM),
        score=80,
        lessons_completed=3,
        lessons_required=3,
    )


@ON_POSTGRESQL
def test_parallel_completions_get_consecutive_numbers_without_gaps_or_duplicates(tree, course_with_certificate):
    people = [CadreFactory(staff_code=f"HP0130{n:02d}", unit=tree["division"]).user for n in range(12)]
    in_parallel(lambda user: completion_of(user, course_with_certificate), people)  # each commits, then issues
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 13))
    assert Certificate.objects.values("user").distinct().count() == 12


@ON_POSTGRESQL
def test_the_same_completion_issued_twice_at_once_gives_one_certificate(tree, course_with_certificate):
    user = CadreFactory(staff_code="HP013100", unit=tree["division"]).user
    completion = completion_of(user, course_with_certificate)  # its own issue ran after its commit
    Certificate.objects.all().delete()
    in_parallel(lambda _n: course_certificates.issue_for_completion(completion.pk), range(6))
    assert Certificate.objects.filter(user=user).count() == 1


def test_a_rolled_back_issue_gives_its_number_back(tree, course_with_certificate):
    first, second = (CadreFactory(staff_code=f"HP01320{n}", unit=tree["division"]).user for n in range(2))
    template = course_with_certificate.certificate_template
    achievement = issuing.Achievement(
        kind="course",
        source_key="course:x:1",
        source_id=1,
        title="Khóa",
        result="hoàn thành",
        achieved_on=datetime(2026, 5, 4).date(),
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        issuing.issue(first, template, achievement, "Người Thứ Nhất")
        raise RuntimeError("the completion's transaction failed")
    certificate, created = issuing.issue(second, template, achievement, "Người Thứ Hai")
    assert created and certificate.number == 1
    assert certificate.display_number == f"000001/{timezone.localdate().year}"
