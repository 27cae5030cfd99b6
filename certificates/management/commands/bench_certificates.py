"""Time certificates: issuing N of them, one PDF's first view (made and stored) against its cached view, and the
bulk ZIP of all N through the Celery worker when a broker is configured, with the building process's peak memory.
Everything the benchmark writes (people, certificates, files, the counter of its own year) is deleted afterwards.
"""

import resource
import secrets
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.db import connection

from certificates import bulk, issuing, pdf
from certificates.models import BulkDownload, BulkStatus, Certificate, CertificateCounter, CertificateTemplate
from elearn.celery import app
from elearn.commands import start_bench_worker
from units.cadre_import import import_file
from units.cadre_import.generate import cadre_rows, make_units, write_csv
from units.models import Cadre, Membership, Unit

TIMEOUT = 600  # seconds: the benchmark gives up (and cleans up) after this
BENCH_YEAR = 2000  # numbered in a year of its own, so that no real year's sequence moves
SAMPLES = 5


def peak_memory_mib(pid=None):
    """Peak resident memory of a process (VmHWM), in MiB; this process when `pid` is None."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Command(BaseCommand):
    help = (
        "Đo chứng nhận: cấp N chứng nhận (mặc định 1.000), lần xem PDF đầu (tạo và lưu) so với lần sau (đọc tệp đã "
        "lưu), và tệp ZIP hàng loạt qua worker Celery khi có CELERY_BROKER_URL, kèm bộ nhớ tối đa; dữ liệu thử được "
        "xóa sau khi đo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000, help="Số chứng nhận (mặc định 1000).")

    def handle(self, *args, count, **options):
        prefix = "BENCHCN" + secrets.token_hex(2).upper()
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
        worker = None
        try:
            unit, manager = self._setup(prefix, count)
            certificates = self._issue(unit, prefix)
            if not certificates:
                raise RuntimeError("the benchmark issued no certificate")
            self._single(certificates)
            if not app.conf.task_always_eager:
                worker, queue = start_bench_worker(prefix)
                app.conf.task_default_queue = queue
                self.stdout.write(f"Bulk ZIP through a Celery worker on {settings.CELERY_BROKER_URL.split('@')[-1]}")
            else:
                self.stdout.write("No broker configured: the bulk task runs in-process (embedded default)")
            for certificate in certificates:  # the bulk ZIP renders every PDF itself: none is stored yet
                pdf.forget_pdf(certificate)
            self._bulk(unit, manager, worker)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=20)
            self._clean(prefix)
        self.stdout.write("Everything the benchmark wrote was deleted.")

    def _setup(self, prefix, count):
        [code] = make_units(1, prefix)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "can-bo.csv"
            write_csv(path, cadre_rows(count, [code], prefix))
            import_file(lambda: open(path, "rb"), path.name)
        unit = Unit.objects.get(code=code)  # the ward below the generated root: its people get certificates
        manager = get_user_model().objects.create(username=f"{prefix}-manager")
        Unit.objects.get(code=prefix).managers.add(manager)
        CertificateTemplate.objects.create(
            name=f"{prefix} mẫu",
            issuer="Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
            signatory_position="Phó Trưởng ban",
            signatory_name="Nguyễn Văn Thành",
        )
        return unit, manager

    def _issue(self, unit, prefix):
        template = CertificateTemplate.objects.get(name=f"{prefix} mẫu")
        cadres = list(Cadre.objects.filter(unit=unit).select_related("user"))
        now = datetime(BENCH_YEAR, 6, 1, 9, tzinfo=ZoneInfo(settings.TIME_ZONE))
        started = time.perf_counter()
        for cadre in cadres:
            achievement = issuing.Achievement(
                kind="course",
                source_key=f"bench:{prefix}",
                source_id=0,
                title="An toàn thông tin cho cán bộ, công chức",
                result="hoàn thành với kết quả 90% khóa học",
                achieved_on=now.date(),
            )
            issuing.issue(cadre.user, template, achievement, cadre.full_name, unit, now=now)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Issued {len(cadres)} certificates in {elapsed:.1f} s ({len(cadres) / elapsed:.0f}/s), numbered"
        )
        return list(Certificate.objects.filter(unit=unit).select_related("template").order_by("number"))

    def _single(self, certificates):
        """First view (render and store) and cached view (read the stored file) of a few certificates."""
        storage = storages[pdf.STORAGE]
        first, cached = [], []
        for certificate in certificates[:SAMPLES]:
            started = time.perf_counter()
            name = pdf.stored_pdf(certificate)
            first.append(time.perf_counter() - started)
            started = time.perf_counter()
            name = pdf.stored_pdf(certificate)
            with storage.open(name, "rb") as handle:
                size = len(handle.read())
            cached.append(time.perf_counter() - started)
        self.stdout.write(
            self.style.SUCCESS(
                f"One certificate PDF ({size / 1024:.0f} KiB): first view {max(first) * 1000:.0f} ms at most "
                f"(median {sorted(first)[len(first) // 2] * 1000:.0f} ms, font loading included in the first), "
                f"cached view {max(cached) * 1000:.1f} ms at most"
            )
        )

    def _bulk(self, unit, manager, worker):
        started = time.perf_counter()
        job = bulk.start(manager, unit)
        shown = None
        while time.perf_counter() - started < TIMEOUT:
            job.refresh_from_db()
            step = (job.status, job.percent // 10)
            if step != shown:
                shown = step
                self.stdout.write(
                    f"  {time.perf_counter() - started:5.1f} s  {job.get_status_display()}  {job.percent:3d} %"
                )
            if job.status in (BulkStatus.FINISHED, BulkStatus.FAILED):
                break
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
        size = storages[pdf.STORAGE].size(job.file) if job.file else 0
        memory = peak_memory_mib(worker.pid if worker is not None else None)
        where = "the worker's" if worker is not None else "this process's"
        self.stdout.write(
            self.style.SUCCESS(
                f"Bulk ZIP of {job.done} certificates ({job.status}) in {elapsed:.1f} s end to end; "
                f"ZIP {size / 2**20:.1f} MiB; {where} peak memory {memory:.0f} MiB"
            )
        )

    def _clean(self, prefix):
        storage = storages[pdf.STORAGE]
        certificates = Certificate.objects.filter(unit__code__startswith=prefix)
        for name in certificates.exclude(pdf="").values_list("pdf", flat=True):
            storage.delete(name)
        jobs = BulkDownload.objects.filter(unit__code__startswith=prefix)
        for name in jobs.exclude(file="").values_list("file", flat=True):
            storage.delete(name)
        jobs.delete()
        certificates.delete()
        CertificateCounter.objects.filter(year=BENCH_YEAR).delete()
        CertificateTemplate.objects.filter(name__startswith=prefix).delete()
        users = get_user_model().objects.filter(username__startswith=prefix)
        Membership.objects.filter(cadre__staff_code__startswith=prefix).delete()
        Cadre.objects.filter(staff_code__startswith=prefix).delete()
        users.delete()
        Unit.objects.filter(code__startswith=prefix).order_by("-depth").delete()
