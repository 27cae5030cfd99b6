"""Certificates on the real worker path (PostgreSQL and a broker, as in CI): a completion's certificate is issued
by the worker after the commit, and a unit's bulk ZIP is built there with progress, holding the subtree only."""

import io
import time
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import storages

from certificates import bulk, issuing, pdf
from certificates.models import BulkStatus, Certificate, CertificateTemplate
from courses.models import CourseCompletion
from tests.factories import CadreFactory, UserFactory
from units.roles import MANAGER

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TIMEOUT_SECONDS = 120
INSIDE = 40


@pytest.fixture
def shared_private_root(tmp_path, monkeypatch):
    """The worker process writes the files where this test's private storage reads them."""
    monkeypatch.setenv("ELEARN_PRIVATE_ROOT", str(tmp_path / "private"))
    return tmp_path / "private"


def wait_for(condition):
    started = time.monotonic()
    while time.monotonic() - started < TIMEOUT_SECONDS:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.worker
def test_the_worker_issues_on_completion_and_builds_the_units_zip(shared_private_root, celery_worker, tree, course):
    template = CertificateTemplate.objects.create(
        name="Mẫu", issuer="Ban Tuyên giáo", signatory_position="Trưởng ban", signatory_name="Lê Văn Ký"
    )
    course.certificate_template = template
    course.save_revision().publish()
    learner = CadreFactory(staff_code="HP017000", full_name="Hà Thị Thợ", unit=tree["division"]).user
    CourseCompletion.objects.create(
        user=learner,
        course=course,
        course_title=course.title,
        completed_at=datetime(2026, 6, 1, 9, tzinfo=HCM),
        lessons_completed=3,
        lessons_required=3,
    )  # committed at once (no transaction here): the signal's task goes to the worker
    assert wait_for(lambda: Certificate.objects.filter(user=learner).exists()), "the worker issued nothing"

    units = [tree["department"], tree["division"]]
    achievement = issuing.Achievement(
        kind="course",
        source_key="course:bulk:1",
        source_id=course.pk,
        title=course.title,
        result="hoàn thành",
        achieved_on=datetime(2026, 6, 1).date(),
    )
    for number in range(INSIDE - 1):
        cadre = CadreFactory(staff_code=f"HP0171{number:02d}", unit=units[number % 2])
        issuing.issue(cadre.user, template, achievement, cadre.full_name, cadre.unit)
    outsider = CadreFactory(staff_code="HP017999", unit=tree["other"])
    issuing.issue(outsider.user, template, achievement, outsider.full_name, outsider.unit)
    manager = UserFactory(username="quanly", groups=[MANAGER])
    tree["department"].managers.add(manager)

    job = bulk.start(manager, tree["department"])
    seen = set()

    def finished():
        job.refresh_from_db()
        seen.add(job.status)
        return job.finished

    assert wait_for(finished), f"not finished after {TIMEOUT_SECONDS} s"
    assert job.status == BulkStatus.FINISHED, job.message
    assert BulkStatus.RUNNING in seen or BulkStatus.PENDING in seen
    with storages[pdf.STORAGE].open(job.file, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    inside = Certificate.objects.filter(unit__in=units)
    assert sorted(archive.namelist()) == sorted(f"{c.year}-{c.number:06d}.pdf" for c in inside)
    assert len(archive.namelist()) == INSIDE
