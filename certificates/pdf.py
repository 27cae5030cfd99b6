"""A certificate as an A4 PDF (ReportLab): Vietnamese text in the embedded DejaVu Serif fonts (npm package
dejavu-fonts-ttf, subset into the file), the template's background, signature and seal, and a QR code (segno)
of the verification address, embedded as an image.

`render(certificate)` makes the bytes; `stored_pdf(certificate)` makes them once and keeps them in private storage
(later views read the file). Templates' images are read once per process and design.
"""

import io
from functools import lru_cache
from html import escape

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from elearn.addresses import absolute_url
from elearn.formatting import format_date

from .models import Orientation

STORAGE = "private"
FONT_DIR = settings.BASE_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf"
FONTS = {
    "CertSerif": "DejaVuSerif.ttf",
    "CertSerif-Bold": "DejaVuSerif-Bold.ttf",
    "CertSerif-Italic": "DejaVuSerif-Italic.ttf",
}
RED = (0.62, 0.07, 0.07)
QR_SCALE = 6  # pixels per module of the embedded QR image


class FontsMissing(ImproperlyConfigured):
    pass


@lru_cache(maxsize=1)
def register_fonts():
    missing = [name for name in FONTS.values() if not (FONT_DIR / name).is_file()]
    if missing:
        raise FontsMissing(
            _(
                "Thiếu phông chữ DejaVu ({files} trong {folder}): hãy chạy `make setup` để cài gói npm "
                "dejavu-fonts-ttf."
            ).format(files=", ".join(missing), folder=FONT_DIR)
        )
    for name, file in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    pdfmetrics.registerFontFamily("CertSerif", normal="CertSerif", bold="CertSerif-Bold", italic="CertSerif-Italic")
    return True


@lru_cache(maxsize=64)
def _image(image_id, file_name):
    """An ImageReader of a Wagtail image (its original file), read once per process and file."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    with image.open_file() as handle:
        return ImageReader(io.BytesIO(handle.read()))


def _image_of(field):
    return _image(field.pk, field.file.name) if field is not None else None


def verification_url(code):
    return absolute_url(reverse("certificates:verify", args=[code]))


def qr_png(url):
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=2)
    return buffer.getvalue()


def date_line(place, day):
    return _("%(place)s, ngày %(d)02d tháng %(m)02d năm %(y)d") % {
        "place": place,
        "d": day.day,
        "m": day.month,
        "y": day.year,
    }


def values_of(certificate):
    """The placeholders' values for this certificate (models.PLACEHOLDERS)."""
    return {
        "ho_ten": certificate.full_name,
        "don_vi": certificate.unit_name,
        "noi_dung": certificate.title,
        "ket_qua": certificate.result,
        "ngay": format_date(certificate.achieved_on),
        "so": certificate.display_number,
    }


def body_markup(template, values):
    """The body as ReportLab paragraph markup: the text escaped, the person's name in bold."""
    shown = {key: escape(value) for key, value in values.items()}
    shown["ho_ten"] = f"<b>{shown['ho_ten']}</b>"
    shown["noi_dung"] = f"<b>{shown['noi_dung']}</b>"
    return escape(template.body).format_map(shown).replace("\n", "<br/>")


def render(certificate, template=None, url=None):
    """The PDF bytes of `certificate` (an unsaved one will do: the preview) in `template` (default its own)."""
    register_fonts()
    template = template or certificate.template
    size = landscape(A4) if template.orientation == Orientation.LANDSCAPE else A4
    width, height = size
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, pageCompression=1, initialFontName="CertSerif")
    pdf.setTitle(f"{template.heading} {certificate.display_number} – {certificate.full_name}")
    pdf.setAuthor(template.issuer)
    pdf.setCreator("elearn")

    background = _image_of(template.background_image)
    if background is not None:
        pdf.drawImage(background, 0, 0, width, height, preserveAspectRatio=False, mask="auto")
    else:
        pdf.setStrokeColorRGB(*RED)
        pdf.setLineWidth(2.5)
        pdf.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
        pdf.setLineWidth(0.8)
        pdf.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)

    left, right = width * 0.27, width * 0.73
    top = height - 28 * mm
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont("CertSerif-Bold", 11)
    for index, line in enumerate(_lines(template.issuer.upper(), "CertSerif-Bold", 11, width * 0.42)):
        pdf.drawCentredString(left, top - index * 14, line)
    pdf.drawCentredString(right, top, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    pdf.setFont("CertSerif-Bold", 11.5)
    pdf.drawCentredString(right, top - 15, _("Độc lập - Tự do - Hạnh phúc"))

    pdf.setFillColorRGB(*RED)
    pdf.setFont("CertSerif-Bold", 30 if size == landscape(A4) else 26)
    heading_y = height * (0.68 if size == landscape(A4) else 0.74)
    pdf.drawCentredString(width / 2, heading_y, template.heading.upper())
    pdf.setFillColorRGB(0, 0, 0)

    style = ParagraphStyle("body", fontName="CertSerif", fontSize=15, leading=22, alignment=TA_CENTER)
    body = Paragraph(body_markup(template, values_of(certificate)), style)
    body_width = width - 60 * mm
    _w, body_height = body.wrap(body_width, height)
    body.drawOn(pdf, 30 * mm, heading_y - 14 * mm - body_height)

    # Signature block, bottom right.
    sign_top = 78 * mm if size == landscape(A4) else 105 * mm
    pdf.setFont("CertSerif-Italic", 12)
    issued_on = timezone.localdate(certificate.issued_at) if certificate.issued_at else certificate.achieved_on
    pdf.drawCentredString(right, sign_top, date_line(template.place, issued_on))
    pdf.setFont("CertSerif-Bold", 12)
    for index, line in enumerate(_lines(template.signatory_position.upper(), "CertSerif-Bold", 12, width * 0.4)):
        pdf.drawCentredString(right, sign_top - 16 - index * 14, line)
    seal, signature = _image_of(template.seal_image), _image_of(template.signature_image)
    if seal is not None:
        pdf.drawImage(
            seal, right - 38 * mm, sign_top - 52 * mm, 32 * mm, 32 * mm, preserveAspectRatio=True, mask="auto"
        )
    if signature is not None:
        pdf.drawImage(
            signature, right - 20 * mm, sign_top - 44 * mm, 40 * mm, 20 * mm, preserveAspectRatio=True, mask="auto"
        )
    pdf.setFont("CertSerif-Bold", 13)
    pdf.drawCentredString(right, sign_top - 56 * mm, template.signatory_name)

    # Number and QR code, bottom left.
    url = url or verification_url(certificate.code)
    qr_size = 30 * mm
    qr_x, qr_y = 24 * mm, 26 * mm
    pdf.drawImage(ImageReader(io.BytesIO(qr_png(url))), qr_x, qr_y, qr_size, qr_size)
    pdf.setFont("CertSerif", 9.5)
    pdf.drawString(
        qr_x + qr_size + 4 * mm, qr_y + qr_size - 4 * mm, _("Số: %(number)s") % {"number": certificate.display_number}
    )
    pdf.drawString(qr_x + qr_size + 4 * mm, qr_y + qr_size - 10 * mm, _("Quét mã QR hoặc mở địa chỉ sau để xác thực:"))
    pdf.setFont("CertSerif", 8)
    pdf.drawString(qr_x + qr_size + 4 * mm, qr_y + qr_size - 15 * mm, url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _lines(text, font, size, max_width):
    """`text` broken into lines no wider than `max_width` points."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and pdfmetrics.stringWidth(candidate, font, size) > max_width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def stored_pdf(certificate):
    """The stored PDF's name, rendering and storing it on first use."""
    storage = storages[STORAGE]
    if certificate.pdf and storage.exists(certificate.pdf):
        return certificate.pdf
    name = storage.save(f"certificates/{certificate.year}/{certificate.code}.pdf", ContentFile(render(certificate)))
    type(certificate).objects.filter(pk=certificate.pk).update(pdf=name)
    certificate.pdf = name
    return name


def forget_pdf(certificate):
    """Drop the stored PDF (its content changed: revoked, anonymised); the next view renders it again."""
    if certificate.pdf:
        storages[STORAGE].delete(certificate.pdf)
        type(certificate).objects.filter(pk=certificate.pk).update(pdf="")
        certificate.pdf = ""


def preview_response(template):
    """The admin preview of `template`: a certificate for a demo person, never saved."""
    from .models import Certificate

    today = timezone.localdate()
    sample = Certificate(
        full_name="Nguyễn Thị Minh Khai",
        unit_name="UBND phường Hồng Bàng",
        title="An toàn thông tin cho cán bộ, công chức",
        result=_("hoàn thành với kết quả 92%"),
        achieved_on=today,
        issued_at=timezone.now(),
        year=today.year,
        number=123,
        code="xem-truoc",
    )
    content = render(sample, template=template, url=absolute_url("/xac-thuc/xem-truoc/"))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="xem-truoc-chung-nhan.pdf"'
    return response
