from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates (chứng nhận): templates edited in the CMS, issued once per course completion or contest result,
    numbered per year, printed as PDF with a QR code, verified by anyone at /xac-thuc/<code>/."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "certificates"
    verbose_name = _("Chứng nhận")

    def ready(self):
        from units import scope

        from .models import BulkDownload, Certificate

        scope.register(Certificate, unit="unit")  # the unit the person was in when it was issued
        scope.register(BulkDownload, owner="requested_by", administrators=False)  # the requester only
