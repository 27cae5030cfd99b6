"""Queue work for the Celery worker that deploy/faults.sh is about to kill (it must be finished later)."""

from django.core.management.base import BaseCommand

from demo import exam_day


class Command(BaseCommand):
    help = "Queue report exports for the worker that the fault test kills; verify_exam_day checks they finished."

    def handle(self, **options):
        self.stdout.write(f"queued report exports {exam_day.queue_fault_work()}")
