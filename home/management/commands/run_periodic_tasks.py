"""Run CELERY_BEAT_SCHEDULE in this process until stopped: `celery beat` for the embedded default."""

import logging
import signal
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from elearn.celery import app
from home.periodic import PeriodicScheduler, UnknownTask, load_entries


class Command(BaseCommand):
    help = (
        "Run the periodic tasks of CELERY_BEAT_SCHEDULE (e.g. publishing scheduled pages) in this process, "
        "each when it is due, until stopped. For the embedded default without a broker; with a broker run "
        "`celery -A elearn beat` instead. `make run` starts it beside the web server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every periodic task once now, then exit.")

    def handle(self, *args, once=False, verbosity=1, **options):
        try:
            entries = load_entries(app)
        except UnknownTask as error:
            raise CommandError(str(error)) from error
        scheduler = PeriodicScheduler(entries)
        if verbosity < 2:
            # Celery logs every task it runs; beside runserver that is a line a minute of noise.
            logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        if once:
            failed = scheduler.run_all_once()
            if failed:
                raise CommandError(f"Periodic tasks failed: {', '.join(failed)}")
            if verbosity >= 2:
                self.stdout.write(f"Ran {len(entries)} periodic task(s).")
            return
        self.loop(scheduler, verbosity)

    def loop(self, scheduler, verbosity):
        # Stopped by `make run` with SIGTERM when the web server exits: leave like on Ctrl-C.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        if verbosity >= 1:
            listed = "; ".join(str(entry) for entry in scheduler.entries) or "none"
            self.stdout.write(f"Periodic tasks: {listed}")
        try:
            while True:
                ran, sleep_seconds = scheduler.tick()
                if ran and verbosity >= 2:
                    self.stdout.write(f"Ran: {', '.join(ran)}")
                time.sleep(sleep_seconds)
        except KeyboardInterrupt:
            pass
