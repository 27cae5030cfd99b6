"""Demo data of certificates: one template, idempotent (found by name; editors' changes are kept)."""

from .models import CertificateTemplate

DEMO_TEMPLATE = {
    "name": "Chứng nhận hoàn thành (mẫu của Ban Tuyên giáo)",
    "issuer": "Ban Tuyên giáo và Dân vận Thành ủy Hải Phòng",
    "heading": "GIẤY CHỨNG NHẬN",
    "body": "Chứng nhận Ông/Bà {ho_ten}, {don_vi}, đã {ket_qua} {noi_dung} ngày {ngay}.",
    "place": "Hải Phòng",
    "signatory_position": "Phó Trưởng ban Thường trực",
    "signatory_name": "Nguyễn Văn Thành",
}


def load_demo_certificate_template():
    """The demo template; returns (template, created)."""
    return CertificateTemplate.objects.get_or_create(name=DEMO_TEMPLATE["name"], defaults=DEMO_TEMPLATE)
