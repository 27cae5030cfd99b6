"""Time the activation sheet (codes, PDF, Excel) of one unit of generated cadres, through the worker when a broker
is configured, showing its progress; everything the benchmark writes is deleted afterwards."""

import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.db import connection

from accounts import activation, sheets, slips
from accounts.models import ActivationCode, ActivationSheet, SheetStatus
from elearn.celery import app
from elearn.commands import start_bench_worker
from units.cadre_import import import_file
from units.cadre_import.generate import cadre_rows, make_units, write_csv
from units.models import Cadre, Membership, Unit

TIMEOUT = 600  # seconds: the benchmark gives up (and cleans up) after this


class Command(BaseCommand):
    help = (
        "Đo thời gian tạo phiếu kích hoạt (mã, PDF, Excel) cho một đơn vị có N cán bộ sinh ngẫu nhiên (mặc định "
        "5.000), qua worker Celery khi có CELERY_BROKER_URL; dữ liệu thử được xóa sau khi đo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cadres", type=int, default=5000, help="Số cán bộ của đơn vị (mặc định 5000).")

    def handle(self, *args, cadres, **options):
        prefix = "BENCHKH" + secrets.token_hex(2).upper()
        self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
        worker = None
        try:
            unit = self._make_unit(prefix, cadres)
            people = sheets.people_to_activate(unit)
            self.stdout.write(f"Unit {unit.code}: {len(people)} people to activate")
            self._parts(people)
            if not app.conf.task_always_eager:
                worker, queue = start_bench_worker(prefix)
                app.conf.task_default_queue = queue
                self.stdout.write(f"Through a Celery worker on {settings.CELERY_BROKER_URL.split('@')[-1]}")
            else:
                self.stdout.write("No broker configured: the task runs in-process (embedded default)")
            started = time.perf_counter()
            # Outside a transaction the task is queued (or, eager, run) at once, as after the admin's request.
            sheet = sheets.start(unit, None, "https://hoctap.example.vn/tai-khoan/kich-hoat/")
            sheet = self._watch(sheet, started)
            elapsed = time.perf_counter() - started
            storage = storages[sheets.STORAGE]
            sizes = {name: storage.size(name) for name in (sheet.pdf_file, sheet.xlsx_file) if name}
            self.stdout.write(
                self.style.SUCCESS(
                    f"Sheet of {sheet.total} people ({sheet.status}) in {elapsed:.1f} s end to end, from the request "
                    f"to the files; PDF {sizes.get(sheet.pdf_file, 0) / 2**20:.1f} MiB, "
                    f"Excel {sizes.get(sheet.xlsx_file, 0) / 2**20:.1f} MiB"
                )
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=20)
            self._clean(prefix)
        self.stdout.write("Everything the benchmark wrote was deleted.")

    def _make_unit(self, prefix, count):
        [code] = make_units(1, prefix)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "can-bo.csv"
            write_csv(path, cadre_rows(count, [code], prefix))
            started = time.perf_counter()
            import_file(lambda: open(path, "rb"), path.name)
            self.stdout.write(f"Imported {count} cadres in {time.perf_counter() - started:.1f} s (setup)")
        return Unit.objects.get(code=prefix)

    def _parts(self, people):
        """Each part alone, in this process, for comparison with the end-to-end figure."""
        rows = [
            sheets.slip_for(user, activation.new_code(), "https://hoctap.example.vn/tai-khoan/kich-hoat/", "x")
            for user in people
        ]
        started = time.perf_counter()
        slips.build_pdf(rows, "Bench")
        pdf = time.perf_counter() - started
        started = time.perf_counter()
        sheets.workbook(rows)
        xlsx = time.perf_counter() - started
        self.stdout.write(f"Parts in this process: PDF {pdf:.1f} s, Excel {xlsx:.1f} s")

    def _watch(self, sheet, started):
        """Poll the record as the progress page does; print each status and every tenth of the way."""
        shown = None
        while time.perf_counter() - started < TIMEOUT:
            sheet.refresh_from_db()
            step = (sheet.status, sheet.percent // 10)
            if step != shown:
                shown = step
                elapsed = time.perf_counter() - started
                self.stdout.write(f"  {elapsed:5.1f} s  {sheet.get_status_display()}  {sheet.percent:3d} %")
            if sheet.status in (SheetStatus.FINISHED, SheetStatus.FAILED):
                return sheet
            time.sleep(0.25)
        raise TimeoutError(f"the sheet did not finish within {TIMEOUT} s")

    def _clean(self, prefix):
        storage = storages[sheets.STORAGE]
        for sheet in ActivationSheet.objects.filter(unit__code__startswith=prefix):
            for name in (sheet.pdf_file, sheet.xlsx_file):
                if name:
                    storage.delete(name)
        users = get_user_model().objects.filter(username__startswith=prefix)
        ActivationSheet.objects.filter(unit__code__startswith=prefix).delete()
        ActivationCode.objects.filter(user__in=users).delete()
        Membership.objects.filter(cadre__staff_code__startswith=prefix).delete()
        Cadre.objects.filter(staff_code__startswith=prefix).delete()
        users.delete()
        Unit.objects.filter(code__startswith=prefix).order_by("-depth").delete()
