"""Activation sheets (phiếu kích hoạt) of a unit: fresh codes for everyone who must activate, as a printable PDF
(accounts.slips) and the same rows in Excel, or by email for those with an address.

`start` records an ActivationSheet and queues `generate` (a Celery task; in-process on the embedded default),
which reports its progress on the record. Nothing changes until the files are written: the new codes are
stored, and everyone's earlier ones revoked, in one transaction after that, so a failure leaves the old
sheet valid. Emails go after that commit, each code at most once (ActivationCode.emailed_at).
"""

import logging
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from elearn.formatting import format_date, format_local
from elearn.spreadsheets import formula_safe_cell
from units.models import Unit

from . import activation, slips
from .models import ActivationCode, ActivationSheet, SheetDelivery, SheetStatus

logger = logging.getLogger(__name__)

STORAGE = "private"
PROGRESS_EVERY = 250  # people between two progress writes
MAIL_BATCH = 100  # emails per SMTP connection

COLUMNS = [  # (heading, width)
    (gettext_lazy("Họ và tên"), 28),
    (gettext_lazy("Mã cán bộ"), 14),
    (gettext_lazy("Đơn vị"), 40),
    (gettext_lazy("Mã kích hoạt"), 18),
    (gettext_lazy("Địa chỉ kích hoạt"), 40),
    (gettext_lazy("Hết hạn"), 18),
]


def people_to_activate(unit):
    """Active accounts of cadres serving in `unit` or below it that have no usable password, by unit and name."""
    units = Unit.get_tree(unit)
    users = (
        get_user_model()
        .objects.filter(cadre__unit__in=units, cadre__left_on__isnull=True)
        .select_related("cadre__unit")
        .order_by("cadre__unit__path", "cadre__full_name", "pk")
    )
    return activation.needs_activation(users)


def start(unit, requested_by, activation_url, delivery=SheetDelivery.PRINT):
    """Record a new sheet for `unit` and queue its generation (after the request's transaction commits)."""
    from .tasks import generate_activation_sheet

    sheet = ActivationSheet.objects.create(
        unit=unit, requested_by=requested_by, activation_url=activation_url, delivery=delivery
    )
    generate_activation_sheet.delay_on_commit(sheet.pk)
    return sheet


def personal_url(activation_url, staff_code):
    """The activation address with the person's staff code filled in (the slip's QR code, the email's link)."""
    return f"{activation_url}?{urlencode({'ma': staff_code})}"


def slip_for(user, code, activation_url, expires):
    cadre = user.cadre
    return {
        "full_name": cadre.full_name,
        "staff_code": cadre.staff_code,
        "unit": cadre.unit.name,
        "code": activation.display_code(code),
        "url": activation_url,
        "qr_url": personal_url(activation_url, cadre.staff_code),
        "expires": expires,
    }


def generate(sheet_id):
    """The task's work: codes, files, one commit, then emails. Returns the sheet, or None if it is gone."""
    sheet = ActivationSheet.objects.select_related("unit", "requested_by").filter(pk=sheet_id).first()
    if sheet is None or sheet.status != SheetStatus.PENDING:
        return sheet
    delete_old_files()
    sheet.status = SheetStatus.RUNNING
    sheet.save(update_fields=["status"])
    stored = []
    try:
        people = people_to_activate(sheet.unit)
        now = timezone.now()
        issued = [(user, activation.new_code()) for user in people]
        by_email = sheet.delivery == SheetDelivery.EMAIL
        to_mail = [(user, code) for user, code in issued if by_email and user.email]
        to_print = [(user, code) for user, code in issued if not (by_email and user.email)]
        sheet.total = len(issued)
        _progress(sheet, 0)
        expires = format_local(now + activation.valid_for())
        rows = [slip_for(user, code, sheet.activation_url, expires) for user, code in to_print]
        if rows:
            title = _("Phiếu kích hoạt tài khoản – %(unit)s") % {"unit": sheet.unit.name}
            pdf = slips.build_pdf(rows, title, on_progress=lambda done, _total: _progress(sheet, done))
            base = f"activation/{sheet.pk}-{sheet.unit.code.lower()}-{format_date(now).replace('/', '-')}"
            storage = storages[STORAGE]
            sheet.pdf_file = storage.save(base + ".pdf", ContentFile(pdf))
            stored.append(sheet.pdf_file)
            sheet.xlsx_file = storage.save(base + ".xlsx", ContentFile(workbook(rows)))
            stored.append(sheet.xlsx_file)
        activation.record(issued, issued_by=sheet.requested_by, now=now)
        sheet.printed = len(rows)
        sheet.save(update_fields=["printed", "pdf_file", "xlsx_file", "total"])
    except Exception:
        logger.exception("activation sheet %s failed", sheet_id)
        for name in stored:
            storages[STORAGE].delete(name)
        sheet.status = SheetStatus.FAILED
        sheet.message = _("Không tạo được phiếu kích hoạt; mã cũ vẫn dùng được. Vui lòng thử lại hoặc báo quản trị.")
        sheet.finished_at = timezone.now()
        sheet.pdf_file = sheet.xlsx_file = ""
        sheet.save()
        return sheet
    try:
        sheet.emailed = send_activation_emails(
            to_mail, sheet.activation_url, expires, lambda sent: _progress(sheet, len(rows) + sent)
        )
    except Exception:
        logger.exception("activation emails of sheet %s failed", sheet_id)
        sheet.emailed = ActivationCode.objects.filter(
            digest__in=[activation.code_digest(code) for _user, code in to_mail], emailed_at__isnull=False
        ).count()
        sheet.message = _(
            "Đã gửi %(sent)d/%(total)d email; số còn lại chưa gửi được (máy chủ thư lỗi). Mã đã cấp vẫn dùng được; "
            "cấp lại mã cho đơn vị để gửi lại cho những người chưa nhận."
        ) % {"sent": sheet.emailed, "total": len(to_mail)}
    sheet.status = SheetStatus.FINISHED
    sheet.done = sheet.total
    sheet.finished_at = timezone.now()
    sheet.save(update_fields=["emailed", "status", "done", "finished_at", "message"])
    return sheet


def _progress(sheet, done):
    sheet.done = done
    ActivationSheet.objects.filter(pk=sheet.pk).update(done=done, total=sheet.total)


def workbook(rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Phiếu kích hoạt")[:31])
    for index, (_heading, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    sheet.append([formula_safe_cell(sheet, str(heading), font=bold) for heading, _width in COLUMNS])
    for row in rows:
        values = [row["full_name"], row["staff_code"], row["unit"], row["code"], row["url"], row["expires"]]
        sheet.append([formula_safe_cell(sheet, value) for value in values])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def send_activation_emails(to_mail, activation_url, expires, on_progress):
    """Email each (user, code) their code, once: a code already marked as emailed is skipped. Returns the count."""
    digests = {activation.code_digest(code): (user, code) for user, code in to_mail}
    sent = 0
    pending = [
        digest
        for start in range(0, len(digests), activation.CHUNK)
        for digest in ActivationCode.objects.filter(
            digest__in=list(digests)[start : start + activation.CHUNK], emailed_at__isnull=True
        ).values_list("digest", flat=True)
    ]
    for start in range(0, len(pending), MAIL_BATCH):
        batch = pending[start : start + MAIL_BATCH]
        messages = [activation_email(*digests[digest], activation_url, expires) for digest in batch]
        with get_connection() as connection:
            connection.send_messages(messages)
        ActivationCode.objects.filter(digest__in=batch).update(emailed_at=timezone.now())
        sent += len(batch)
        on_progress(sent)
    return sent


def activation_email(user, code, activation_url, expires):
    context = {
        "name": user.cadre.full_name,
        "staff_code": user.cadre.staff_code,
        "code": activation.display_code(code),
        "url": personal_url(activation_url, user.cadre.staff_code),
        "expires": expires,
    }
    subject = render_to_string("accounts/email/activation_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject, render_to_string("accounts/email/activation.txt", context), to=[user.email]
    )
    return message


def delete_old_files(now=None):
    """Sheets hold plain codes: their files are deleted SHEET_KEEP_HOURS after they were made."""
    limit = (now or timezone.now()) - timedelta(hours=settings.ACTIVATION_SHEET_KEEP_HOURS)
    storage = storages[STORAGE]
    old = ActivationSheet.objects.filter(created_at__lt=limit).exclude(pdf_file="", xlsx_file="")
    for sheet in old:
        for name in (sheet.pdf_file, sheet.xlsx_file):
            if name:
                storage.delete(name)
    return old.update(pdf_file="", xlsx_file="")
