"""Make the load test's exam contest and officials exist (deploy/stack.sh runs it)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from demo import exam_day
from units.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create the 25-question exam contest and N officials for the load test (a rerun changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--officials", type=int, default=2000)
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument("--accounts", help="write username,password of the officials to this CSV file")
        parser.add_argument("--targets", help="write the URLs and ids the load test needs to this JSON file")

    def handle(self, officials, password, accounts, targets, **options):
        prepared = exam_day.prepare(officials, password, accounts)
        if targets:
            Path(targets).write_text(json.dumps(prepared.targets(), ensure_ascii=False, indent=2), encoding="utf-8")
        self.stdout.write(
            f"exam contest: quiz {prepared.quiz_id} at {prepared.contest_url}; "
            f"{prepared.officials} officials in {prepared.units} units"
        )
