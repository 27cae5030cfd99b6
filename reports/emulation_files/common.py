"""The texts the emulation files share: the national motto, titles, the period, numbers the Vietnamese way,
the criteria explained."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elearn.formatting import format_date, format_local

from ..models import Grade

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def number_text(value, compact=False):
    """82.5 as "82,50" ("82,5" when `compact`, 40.0 as "40"); None as "—"."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if compact else text


def iso_day(text):
    return date.fromisoformat(text)


def issued_on(data, snapshot):
    """The document's date: the day it was frozen, else the day it was computed."""
    if snapshot is not None:
        return timezone.localdate(snapshot.frozen_at)
    return datetime.fromisoformat(data["computed_at"]).date()


def status_line(data, snapshot):
    if snapshot is None:
        return _("Số liệu tạm tính đến hết ngày %(day)s, chưa khóa.") % {"day": format_date(iso_day(data["as_of"]))}
    return _(
        "Số liệu tính đến hết ngày %(day)s, khóa lần %(version)s lúc %(at)s; mã kiểm tra SHA-256: %(checksum)s."
    ) % {
        "day": format_date(iso_day(data["as_of"])),
        "version": snapshot.version,
        "at": format_local(snapshot.frozen_at),
        "checksum": snapshot.checksum,
    }


def title():
    return _("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI THI ĐUA VỀ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")


def period_line(data):
    period = data["period"]
    return _("%(name)s (từ %(start)s đến %(end)s)") % {
        "name": period["name"],
        "start": format_date(iso_day(period["start_on"])),
        "end": format_date(iso_day(period["end_on"])),
    }


def group_heading(position, group):
    return f"{_roman(position)}. {group['name']}"


def _roman(number):
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text, number = text + numeral, number - value
    return text


def grade_text(value):
    return str(Grade(value).label)


EVIDENCE_HEADINGS = (
    ("STT", 6),
    (gettext_lazy("Họ và tên"), 26),
    (gettext_lazy("Mã cán bộ"), 14),
    (gettext_lazy("Đơn vị"), 28),
    (gettext_lazy("Khóa học bắt buộc"), 40),
    (gettext_lazy("Hạn hoàn thành"), 14),
    (gettext_lazy("Tình trạng"), 16),
)


def evidence_status(line):
    return _("Quá hạn") if line["overdue"] else _("Chưa hoàn thành")


def criterion_text(criterion):
    """What a criterion earns and counts, in one sentence or two."""
    text = _("Tối đa %(weight)s điểm, đủ điểm khi kết quả từ %(target)s. %(explanation)s") % {
        "weight": number_text(criterion["weight"], compact=True),
        "target": number_text(criterion["target"], compact=True),
        "explanation": criterion["explanation"],
    }
    return f"{text} {criterion['note']}".strip()


def grades_text(group):
    thresholds = group["thresholds"]
    return _(
        "Hoàn thành xuất sắc: từ %(excellent)s điểm; Tốt: từ %(good)s; Hoàn thành: từ %(complete)s; dưới đó: "
        "Chưa hoàn thành (tổng tối đa %(max)s điểm)."
    ) % {
        "excellent": number_text(thresholds[Grade.EXCELLENT], compact=True),
        "good": number_text(thresholds[Grade.GOOD], compact=True),
        "complete": number_text(thresholds[Grade.COMPLETE], compact=True),
        "max": number_text(group["max_points"], compact=True),
    }


def explanation_rows(group):
    yield [_("Bộ tiêu chí"), group["scheme"], "", "", group["scheme_note"]]
    for criterion in group["criteria"]:
        yield [criterion[key] for key in ("label", "weight", "target", "explanation", "note")]
    yield [_("Xếp loại"), grades_text(group), "", "", ""]


EXPLANATION_HEADINGS = (_("Tiêu chí"), _("Điểm tối đa"), _("Đạt đủ điểm khi từ (%)"), _("Cách tính"), _("Căn cứ"))


def evidence_title():
    return _("PHỤ LỤC: DANH SÁCH CÁN BỘ CHƯA HOÀN THÀNH KHÓA HỌC BẮT BUỘC")
