"""A generated 100,000-row cadre file through a real Celery worker (PostgreSQL and a broker, as in CI)."""

import time

import pytest

from units.cadre_import.generate import cadre_rows, make_units, write_csv
from units.models import Cadre, CadreImport, ImportStatus, Membership
from units.tasks import import_cadres

ROWS = 100_000
TIMEOUT_SECONDS = 300


@pytest.fixture
def shared_private_root(tmp_path, monkeypatch):
    """The worker process reads uploads from the folder this test's private storage writes to."""
    monkeypatch.setenv("ELEARN_PRIVATE_ROOT", str(tmp_path / "private"))
    return tmp_path / "private"


@pytest.mark.worker
def test_a_100000_row_file_imports_through_a_real_worker_in_minutes(shared_private_root, celery_worker, capsys):
    from django.conf import settings

    if settings.CELERY_BROKER_URL.startswith("amqp"):
        pytest.skip("the 100,000-row import runs in the Redis stage; on RabbitMQ the quick worker tests suffice")
    unit_codes = make_units(300, "W")
    folder = shared_private_root / "cadre-imports"
    folder.mkdir(parents=True)
    write_csv(folder / "100k.csv", cadre_rows(ROWS, unit_codes, "W"))
    job = CadreImport.objects.create(file_name="100k.csv", stored_file="cadre-imports/100k.csv")

    started = time.monotonic()
    import_cadres.delay_on_commit(job.pk)
    seen_progress = set()
    while time.monotonic() - started < TIMEOUT_SECONDS:
        job.refresh_from_db()
        if job.status in (ImportStatus.FINISHED, ImportStatus.FAILED):
            break
        if job.status == ImportStatus.RUNNING and job.total_rows:
            seen_progress.add(job.percent)
        time.sleep(1)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\n100,000-row cadre import through the worker: {elapsed:.1f} s ({ROWS / elapsed:,.0f} rows/s)")

    assert job.status == ImportStatus.FINISHED, job.message or f"not finished after {TIMEOUT_SECONDS} s"
    assert (job.total_rows, job.processed_rows, job.created, job.error_count) == (ROWS, ROWS, ROWS, 0)
    assert Cadre.objects.filter(staff_code__startswith="W").count() == ROWS
    assert Membership.objects.filter(ended_on__isnull=True).count() == ROWS
    assert any(0 < percent < 100 for percent in seen_progress), "progress was never reported between chunks"
    assert not (folder / "100k.csv").exists()  # the worker deleted the upload
