"""Background tasks of privacy: thin wrappers that call the domain with primary keys."""

from celery import shared_task

from . import exporting


@shared_task(name="privacy.build_data_export")
def build_data_export(export_id):
    export = exporting.build(export_id)
    return export.status if export else None


@shared_task(name="privacy.delete_old_exports")
def delete_old_exports():
    return exporting.delete_old()
