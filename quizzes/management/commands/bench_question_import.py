"""Time an import of generated questions (a benchmark, not a test): `manage.py bench_question_import`."""

import io
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from quizzes import bank_io
from quizzes.bank_io.files import write_xlsx


class _Rollback(Exception):
    pass


def generated_rows(count, prefix):
    """`count` rows of the three question types over three categories, with options, feedback and tags."""
    types = ["Một đáp án", "Nhiều đáp án", "Đúng/Sai"]
    topics = ["Pháp luật về CNTT", "An toàn thông tin và an ninh mạng", "Kỹ năng số"]
    for number in range(1, count + 1):
        kind = types[number % 3]
        row = {
            "code": f"{prefix}-{number:05d}",
            "category": f"Danh mục thử {number % 3 + 1}",
            "topic": topics[number % 3],
            "difficulty": ["Dễ", "Trung bình", "Khó"][number % 3],
            "question_type": kind,
            "scoring": "Từng phần" if number % 2 else "Đúng hết",
            "points": 1 + number % 3,
            "stem": f"Câu hỏi số {number} về an toàn thông tin: phương án nào đúng?",
            "explanation": f"Giải thích cho câu hỏi số {number}.",
            "tags": f"thử nghiệm, nhóm {number % 10}",
        }
        if kind == "Đúng/Sai":
            row.update(option_A="Đúng", option_B="Sai", key="B")
        else:
            for letter in "ABCD":
                row[f"option_{letter}"] = f"Phương án {letter} của câu {number}"
                row[f"feedback_{letter}"] = f"Phản hồi {letter}"
            row["key"] = "A, C" if kind == "Nhiều đáp án" else "B"
        yield row


class Command(BaseCommand):
    help = "Sinh tệp .xlsx có 2.000 câu hỏi, nhập thử và in thời gian (mặc định hoàn tác sau khi đo)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2000)
        parser.add_argument("--keep", action="store_true", help="Giữ lại các câu hỏi đã nhập.")

    def handle(self, *args, count, keep, **options):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.xlsx"
            started = time.perf_counter()
            output = io.BytesIO()
            write_xlsx(generated_rows(count, f"BENCH{int(time.time())}"), output)
            path.write_bytes(output.getvalue())
            self.stdout.write(
                f"Tạo tệp {path.name}: {path.stat().st_size / 1024:.0f} KB, {time.perf_counter() - started:.2f} s"
            )

            started = time.perf_counter()
            table = bank_io.read_upload(path.name, path.read_bytes())
            read = time.perf_counter() - started
            plan = bank_io.plan_import(table.rows, table.errors)
            planned = time.perf_counter() - started - read
            self.stdout.write(
                f"Đọc tệp: {read:.2f} s; kiểm tra {len(table.rows)} dòng: {planned:.2f} s; lỗi: {len(plan.errors)}"
            )

            started = time.perf_counter()
            try:
                with transaction.atomic():
                    result = bank_io.apply_import(table.rows)
                    elapsed = time.perf_counter() - started
                    if not keep:
                        raise _Rollback
            except _Rollback:
                pass
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nhập {result.created} câu hỏi mới ({result.new_categories} danh mục mới): {elapsed:.2f} s"
                    + ("" if keep else " (đã hoàn tác)")
                )
            )
