"""Run Celery beat's schedule inside this process: the embedded default's stand-in for `celery beat`.

With a broker, production runs `celery -A elearn beat`, which sends the CELERY_BEAT_SCHEDULE
entries to the workers. Without one there is no beat and no worker, so `manage.py
run_periodic_tasks` (started by `make run`) runs the same entries here, each when its Celery
schedule (interval or crontab) says it is due.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from celery.schedules import maybe_schedule
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

MAX_SLEEP_SECONDS = 60.0  # look again at least this often (a clock change, a slow task)
MIN_SLEEP_SECONDS = 0.5


class UnknownTask(LookupError):
    """A schedule entry names a task that is not registered."""


@dataclass
class PeriodicEntry:
    """One entry of the beat schedule: a registered task, its Celery schedule and when it last ran."""

    name: str
    task: object
    schedule: object
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    last_run_at: datetime | None = None

    def __str__(self):
        return f"{self.name} ({self.task.name}, {self.schedule!r})"

    def is_due(self):
        """(is_due, seconds until the next check), as Celery's schedule answers it."""
        return self.schedule.is_due(self.last_run_at)

    def run(self):
        """Run the task in this process; return True if it succeeded (a failure is logged, not raised)."""
        self.last_run_at = self.schedule.now()
        _close_stale_connections()
        try:
            self.task.apply(args=self.args, kwargs=self.kwargs, throw=True)
        except Exception:
            logger.exception("Periodic task %s failed", self)
            return False
        finally:
            _close_stale_connections()
        return True


def _close_stale_connections():
    """Like a request's end: drop connections past CONN_MAX_AGE, but never in the middle of a transaction."""
    if not connection.in_atomic_block:
        close_old_connections()


def load_entries(app, beat_schedule=None):
    """PeriodicEntry objects for `beat_schedule` (default: the app's CELERY_BEAT_SCHEDULE)."""
    app.loader.import_default_modules()  # autodiscover the apps' tasks.py
    beat_schedule = app.conf.beat_schedule if beat_schedule is None else beat_schedule
    entries = []
    for name, spec in beat_schedule.items():
        try:
            task = app.tasks[spec["task"]]
        except KeyError:
            raise UnknownTask(f"Periodic entry {name!r} names an unknown task {spec['task']!r}") from None
        entries.append(
            PeriodicEntry(
                name=name,
                task=task,
                schedule=maybe_schedule(spec["schedule"], spec.get("relative", False), app=app),
                args=tuple(spec.get("args", ())),
                kwargs=dict(spec.get("kwargs", {})),
            )
        )
    return entries


class PeriodicScheduler:
    """Runs due entries on each `tick`; like celery beat, an entry first runs one period after start."""

    def __init__(self, entries):
        self.entries = entries
        for entry in entries:
            if entry.last_run_at is None:
                entry.last_run_at = entry.schedule.now()

    def tick(self):
        """Run every due entry; return (names of the entries run, seconds to sleep before the next tick)."""
        ran = []
        waits = [MAX_SLEEP_SECONDS]
        for entry in self.entries:
            due, next_seconds = entry.is_due()
            if due:
                entry.run()
                ran.append(entry.name)
            waits.append(next_seconds)
        return ran, max(min(waits), MIN_SLEEP_SECONDS)

    def run_all_once(self):
        """Run every entry now, due or not; return the names of those that failed."""
        return [entry.name for entry in self.entries if not entry.run()]
