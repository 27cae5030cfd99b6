"""Public verification of a certificate (by its code, or by its number and the person's name), the learner's
"Chứng nhận của tôi", and the PDF for the person or a manager whose scope holds it."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from elearn import throttle
from elearn.audit import client_address
from elearn.text import fold, normalize_text
from units import scope

from . import pdf
from .forms import LookupForm
from .models import Certificate, CertificateStatus

MINUTE = 60


def _allowed(request):
    return throttle.allowed(
        f"certificates.verify.{client_address(request)}", settings.CERTIFICATE_VERIFY_PER_MINUTE, MINUTE
    )


def _too_many(request):
    return render(
        request,
        "certificates/verify.html",
        {"form": LookupForm(), "message": _("Bạn tra cứu quá nhiều lần. Vui lòng đợi một phút rồi thử lại.")},
        status=429,
    )


def public_facts(certificate):
    """What the public page shows: no staff code, email, unit history or account."""
    status = certificate.status()
    return {
        "full_name": certificate.full_name,
        "title": certificate.title,
        "result": certificate.result,
        "award": certificate.award,
        "achieved_on": certificate.achieved_on,
        "number": certificate.display_number,
        "issuer": certificate.template.issuer,
        "status": status,
        "status_label": CertificateStatus(status).label,
        "revoked_at": certificate.revoked_at,
        "valid_until": certificate.valid_until,
    }


@never_cache
def verify(request, code):
    if not _allowed(request):
        return _too_many(request)
    certificate = Certificate.objects.select_related("template").filter(code=code).first()
    context = {"form": LookupForm(), "facts": public_facts(certificate) if certificate else None, "code": code}
    if certificate is None:
        context["message"] = _("Không tìm thấy chứng nhận có mã này. Hãy kiểm tra lại địa chỉ hoặc tra theo số.")
    return render(request, "certificates/verify.html", context, status=200 if certificate else 404)


@never_cache
def lookup(request):
    """Type the number (000123/2026) and the person's full name; both must match."""
    form = LookupForm(request.GET or None)
    context = {"form": form}
    if form.is_bound:
        if not _allowed(request):
            return _too_many(request)
        if form.is_valid():
            year, number = form.cleaned_data["number"]
            wanted = fold(normalize_text(form.cleaned_data["full_name"]))
            found = Certificate.objects.select_related("template").filter(year=year, number=number).first()
            if found is not None and fold(found.full_name) == wanted:
                return redirect("certificates:verify", code=found.code)
            context["message"] = _("Không có chứng nhận nào khớp cả số và họ tên đã nhập.")
    return render(request, "certificates/verify.html", context, status=404 if "message" in context else 200)


@login_required
def mine(request):
    certificates = Certificate.objects.filter(user=request.user).select_related("template")
    today = timezone.localdate()
    rows = [(certificate, CertificateStatus(certificate.status(today)).label) for certificate in certificates]
    return render(request, "certificates/mine.html", {"rows": rows})


@login_required
def download(request, code):
    """The PDF, for the person it names and for those whose scope holds it (managers, administrators)."""
    certificate = get_object_or_404(Certificate, code=code)
    if (
        certificate.user_id != request.user.pk
        and not scope.restrict(request.user, Certificate.objects.filter(pk=certificate.pk)).exists()
    ):
        raise Http404
    name = pdf.stored_pdf(certificate)
    response = FileResponse(
        storages[pdf.STORAGE].open(name, "rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("xem") != "1",
        filename=f"chung-nhan-{certificate.year}-{certificate.number:06d}.pdf",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
