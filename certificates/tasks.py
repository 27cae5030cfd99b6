"""Background tasks of certificates: thin wrappers that call the domain with primary keys."""

from celery import shared_task

from . import bulk


@shared_task(name="certificates.build_bulk_download")
def build_bulk_download(job_id):
    job = bulk.build(job_id)
    return job.status if job else None


@shared_task(name="certificates.delete_old_bulk_downloads")
def delete_old_bulk_downloads():
    return bulk.delete_old()
