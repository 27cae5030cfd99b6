"""Operational tasks of the project itself."""

import os
import socket

from celery import shared_task
from django.db import connection


@shared_task(name="elearn.health_check")
def health_check():
    """Prove that a worker runs this code base and reaches the database.

    Returns what an operator needs to see: which host ran it and which database it used.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {
        "hostname": socket.gethostname(),
        "pid": os.getpid(),
        "database_vendor": connection.vendor,
        "database_name": str(connection.settings_dict["NAME"]),
    }


@shared_task(name="elearn.prune_audit_log")
def prune_audit_log():
    """Delete audit entries older than AUDIT_RETENTION_MONTHS (elearn.audit)."""
    from .audit import prune

    return prune()
