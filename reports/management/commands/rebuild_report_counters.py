import time

from django.core.management.base import BaseCommand

from reports import counters


class Command(BaseCommand):
    help = "Recount the report counters (per unit, course and category) from the raw enrolments and completions."

    def handle(self, *args, **options):
        started = time.perf_counter()
        stored = counters.rebuild()
        self.stdout.write(f"Rebuilt the report counters: {stored} rows in {time.perf_counter() - started:.1f} s.")
