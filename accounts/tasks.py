from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(name="accounts.send_mail")
def send_mail(subject, body, to, html_body=None):
    """Send one account email (password reset, activation); a worker retries nothing: the person asks again."""
    message = EmailMultiAlternatives(subject, body, to=[to])
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
