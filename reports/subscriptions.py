"""Scheduled report emails: each subscription's unit roll-up, once per week or month, in its subscriber's scope.

`send_due` runs daily (celery beat, task reports.send_subscribed_reports). A subscription is due when its period
("2026-W49", "2026-12") has no delivery yet: the first run on or after Monday, or the first of the month, sends it.
Its ReportDelivery row is claimed (unique per subscription and period) in the transaction that sends the email, so
a rerun, a restarted worker or a second worker finds the claim and sends nothing; a failed send rolls the claim
back and the next run retries it. The figures are computed with the subscriber as the viewer: a subscriber who
no longer manages the unit gets nothing (and the subscription says why on the page).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from courses.reminders import iso_week
from elearn.addresses import absolute_url
from elearn.spreadsheets import XLSX, XLSX_CONTENT_TYPE
from units.scope import can_view_unit

from . import audit, exports, queries
from .forms import ReportFilterForm
from .models import Frequency, ReportDelivery, ReportSubscription

logger = logging.getLogger(__name__)


def period_of(frequency, today):
    return f"{today.year}-{today.month:02d}" if frequency == Frequency.MONTHLY else iso_week(today)


def period_text(frequency, today):
    if frequency == Frequency.MONTHLY:
        return _("tháng %(month)02d/%(year)d") % {"month": today.month, "year": today.year}
    year, week, _weekday = today.isocalendar()
    return _("tuần %(week)d năm %(year)d") % {"week": week, "year": year}


def filters_of(subscription):
    form = ReportFilterForm({"subject": subscription.subject} if subscription.subject else {})
    return form.filters(), form


def report_url(subscription):
    params = {"unit": subscription.unit_id}
    if subscription.subject:
        params["subject"] = subscription.subject
    return absolute_url(f"{reverse('unit_reports:rollup')}?{urlencode(params)}")


def subject_text(subscription):
    return filters_of(subscription)[0].subject_text()


def due(today):
    """The subscriptions whose period `today` falls in has no delivery yet."""
    for frequency in Frequency.values:
        period = period_of(frequency, today)
        waiting = ReportSubscription.objects.filter(frequency=frequency).exclude(deliveries__period=period)
        for subscription in waiting.select_related("user", "unit").order_by("pk"):
            yield subscription, period


def _message(subscription, rows, today, connection):
    unit, user = subscription.unit, subscription.user
    title = _("Báo cáo hoàn thành theo đơn vị – %(unit)s – %(period)s") % {
        "unit": unit.name,
        "period": period_text(subscription.frequency, today),
    }
    context = {
        "name": user.get_full_name() or user.get_username(),
        "unit": unit,
        "subject": subject_text(subscription),
        "period": period_text(subscription.frequency, today),
        "today": today,
        "total": rows[-1],
        "rows": rows[:-1],
        "attached": subscription.attach,
        "report_url": report_url(subscription),
        "settings_url": absolute_url(reverse("unit_reports:subscriptions")),
    }
    message = EmailMultiAlternatives(
        title,
        render_to_string("emails/report_subscription.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        connection=connection,
    )
    message.attach_alternative(render_to_string("emails/report_subscription.html", context), "text/html")
    if subscription.attach:
        content = exports.render(XLSX, exports.ROLLUP_HEADINGS, [exports.rollup_row(row) for row in rows], title)
        message.attach(exports.file_name("bao-cao-don-vi", unit.code, XLSX, today), content, XLSX_CONTENT_TYPE)
    return title, message


def send_one(subscription, period, today, connection):
    """Claim the period and send its email in one transaction; True if sent now."""
    if not subscription.user.is_active or not subscription.user.email:
        return False
    if not can_view_unit(subscription.user, subscription.unit):
        return False
    filters, _form = filters_of(subscription)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReportDelivery.objects.create(subscription=subscription, period=period)
        except IntegrityError:
            return False  # sent by an earlier or a concurrent run
        rows = queries.unit_rollup(subscription.user, subscription.unit, filters)
        title, message = _message(subscription, rows, today, connection)
        message.send()
        audit.exported(subscription.user, subscription.unit, title, "email", len(rows), f"period={period}")
    return True


def send_due(now=None):
    """Send every subscription due today; return {"sent": n, "failed": n}."""
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    result = {"sent": 0, "failed": 0}
    with get_connection() as connection:
        for subscription, period in due(today):
            try:
                result["sent"] += send_one(subscription, period, today, connection)
            except Exception:  # one bad address must not stop the others; the claim was rolled back
                logger.exception("Scheduled report %s for %s failed", subscription.pk, period)
                result["failed"] += 1
    return result
