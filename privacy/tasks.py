"""Background tasks of privacy: thin wrappers that call the domain with primary keys."""

from celery import shared_task

from . import anonymise, corrections, exporting


@shared_task(name="privacy.build_data_export")
def build_data_export(export_id):
    export = exporting.build(export_id)
    return export.status if export else None


@shared_task(name="privacy.delete_old_exports")
def delete_old_exports():
    return exporting.delete_old()


@shared_task(name="privacy.notify_correction")
def notify_correction(correction_id):
    return corrections.send_mail_about(correction_id)


@shared_task(name="privacy.anonymise_departed")
def anonymise_departed():
    return anonymise.anonymise_departed()
