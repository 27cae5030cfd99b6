"""Self-service password reset by email ("Quên mật khẩu"), on Django's reset views and tokens.

A link is a Django password-reset token: it expires after PASSWORD_RESET_TIMEOUT and works once (it is
bound to the password it replaces). The answer is the same whether or not an account has that email.
Requests are limited per account (PASSWORD_RESET_PER_ACCOUNT_PER_HOUR: no mailbox flooding) and per client
address (PASSWORD_RESET_PER_ADDRESS_PER_HOUR, loose, as a whole office may sit behind one address). A new
password ends the person's other sessions (Django's session hash changes with the password).
"""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext as _

from elearn import throttle
from elearn.audit import record

from .audit import RESET_REQUESTED
from .tasks import send_mail

HOUR = 3600


def address_allowed(address):
    return throttle.allowed(f"accounts.reset.address.{address}", settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR, HOUR)


def account_allowed(user):
    return throttle.allowed(f"accounts.reset.user.{user.pk}", settings.PASSWORD_RESET_PER_ACCOUNT_PER_HOUR, HOUR)


class ResetForm(PasswordResetForm):
    """Django's reset form; mail goes through the Celery task path, at most a few per account and hour."""

    def get_users(self, email):
        return [user for user in super().get_users(email) if account_allowed(user)]

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_mail.delay(subject, body, to_email)
        record(context["user"], RESET_REQUESTED)


def too_many_message():
    return _("Có quá nhiều yêu cầu đặt lại mật khẩu từ địa chỉ mạng này. Vui lòng thử lại sau một giờ.")
