"""Background tasks of accounts: thin wrappers that call the domain with primary keys."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from . import sheets


@shared_task(name="accounts.send_mail")
def send_mail(subject, body, to, html_body=None):
    """Send one account email (password reset); a worker retries nothing: the person asks again."""
    message = EmailMultiAlternatives(subject, body, to=[to])
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


@shared_task(name="accounts.generate_activation_sheet")
def generate_activation_sheet(sheet_id):
    """Issue the codes of ActivationSheet `sheet_id`: PDF and Excel, and emails (progress on the record)."""
    sheet = sheets.generate(sheet_id)
    return {"status": sheet.status, "total": sheet.total} if sheet else None


@shared_task(name="accounts.delete_old_activation_sheets")
def delete_old_activation_sheets():
    return sheets.delete_old_files()
