"""Time the cadre import on a generated file, on the configured database, and leave nothing behind."""

import secrets
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from units.cadre_import import import_file
from units.cadre_import.generate import cadre_rows, make_units, write_csv, write_xlsx


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo thời gian nhập một tệp cán bộ sinh ngẫu nhiên (mặc định 100.000 dòng); dữ liệu được hoàn tác sau khi đo."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000, help="Số dòng cán bộ (mặc định 100000).")
        parser.add_argument("--units", type=int, default=300, help="Số đơn vị sinh ra (mặc định 300).")
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="Định dạng tệp (csv hoặc xlsx).")

    def handle(self, *args, rows, units, format, **options):
        prefix = "BENCH" + secrets.token_hex(2).upper()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"can-bo.{format}"
            self.stdout.write(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
            try:
                with transaction.atomic():
                    unit_codes = make_units(units, prefix)
                    started = time.perf_counter()
                    writer = write_csv if format == "csv" else write_xlsx
                    writer(path, cadre_rows(rows, unit_codes, prefix))
                    generated = time.perf_counter() - started
                    self.stdout.write(
                        f"Generated {rows} rows ({path.stat().st_size / 2**20:.1f} MiB) in {generated:.1f} s"
                    )
                    started = time.perf_counter()
                    result = import_file(lambda: open(path, "rb"), path.name, on_progress=self._progress)
                    elapsed = time.perf_counter() - started
                    raise _Rollback(result, elapsed)
            except _Rollback as done:
                result, elapsed = done.args
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.total_rows} rows in {elapsed:.1f} s: {result.total_rows / elapsed:,.0f} rows/s "
                f"(created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
                f"errors {result.error_count})"
            )
        )
        self.stdout.write("Everything the benchmark wrote was rolled back.")

    def _progress(self, result):
        if result.processed_rows and result.processed_rows % 20_000 < 2000:
            self.stdout.write(f"  {result.processed_rows}/{result.total_rows} rows")
