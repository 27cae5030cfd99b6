"""Background tasks of the organisation app: thin wrappers that call the domain with primary keys."""

from celery import shared_task

from .cadre_import import process_import


@shared_task(name="units.import_cadres")
def import_cadres(import_id):
    """Import the uploaded cadre file of CadreImport `import_id` (progress and errors go on the record)."""
    job = process_import(import_id)
    return {"status": job.status, "processed_rows": job.processed_rows} if job else None
