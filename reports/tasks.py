"""Celery tasks of the reports: thin wrappers around reports.counters, reports.exports and reports.subscriptions."""

from celery import shared_task

from . import counters, exports, subscriptions


@shared_task(name="reports.rebuild_counters")
def rebuild_counters():
    return counters.rebuild()


@shared_task(name="reports.apply_counter_changes")
def apply_counter_changes():
    """Count what a refresh left behind (a process that died after its commit); every minute."""
    return counters.apply_changes()


@shared_task(name="reports.build_export")
def build_export(export_id):
    """Build the ReportExport `export_id` (progress, file or error go on the record)."""
    export = exports.build(export_id)
    return {"state": export.state, "done": export.done, "total": export.total} if export else None


@shared_task(name="reports.delete_old_exports")
def delete_old_exports():
    """Daily: delete the report exports (file and record) older than REPORT_EXPORT_KEEP_DAYS days."""
    return exports.delete_old_exports()


@shared_task(name="reports.send_subscribed_reports", acks_late=True, reject_on_worker_lost=True)
def send_subscribed_reports():
    """Daily: the scheduled report emails due this week or month, each once (redelivered if its worker dies)."""
    return subscriptions.send_due()
