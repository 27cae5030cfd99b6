"""The printable activation sheet (PDF): slips with intact Vietnamese text, 8 per page, each with its own QR code."""

import re
from io import BytesIO

import pytest
import segno
from pypdf import PdfReader

from accounts import slips

URL = "https://hoctap.example.gov.vn/tai-khoan/kich-hoat/"
NAMES = [
    "Nguyễn Thị Hồng Nhung",
    "Trần Văn Quốc Bảo",
    "Lê Thị Thu Hương",
    "Phạm Đức Thắng",
    "Hoàng Ngọc Ánh",
    "Vũ Thị Mỹ Duyên",
    "Đặng Quang Huy",
    "Bùi Thị Kiều Oanh",
    "Đỗ Minh Tuấn",
    "Hồ Thị Thanh Thủy",
    "Ngô Xuân Trường",
]
QR_RE = re.compile(rb"q 0 g [\d.]+ 0 0 -[\d.]+ [\d.]+ [\d.]+ cm ((?:\d+ \d+ \d+ 1 re ?)+) f Q")


def person(number, **fields):
    staff_code = f"HP{number:06d}"
    return {
        "full_name": NAMES[number % len(NAMES)],
        "staff_code": staff_code,
        "unit": "Phòng Tổ chức cán bộ",
        "code": f"ABCD-EFGH-{number:04d}",
        "url": URL,
        "qr_url": f"{URL}?ma={staff_code}",
        "expires": "20/12/2026 10:30",
        **fields,
    }


def pages(pdf):
    return PdfReader(BytesIO(pdf)).pages


def qr_modules(page):
    """The dark modules of each QR code drawn on `page`, as sets of (row, column)."""
    codes = []
    for runs in QR_RE.findall(page.get_contents().get_data()):
        modules = set()
        for column, row, width in re.findall(rb"(\d+) (\d+) (\d+) 1 re", runs):
            modules |= {(int(row), int(column) + step) for step in range(int(width))}
        codes.append(modules)
    return codes


def expected_modules(data):
    qr = segno.make(data, error="m", mask=slips.QR_MASK)
    border = 2
    return {(r + border, c + border) for r, row in enumerate(qr.matrix) for c, dark in enumerate(row) if dark}


def test_eight_slips_a_page_with_names_codes_and_diacritics_intact():
    people = [person(number) for number in range(11)]
    progress = []
    pdf = slips.build_pdf(people, "Sở Thông tin và Truyền thông", on_progress=lambda *args: progress.append(args))

    first, second = pages(pdf)
    first_text, second_text = first.extract_text(), second.extract_text()
    assert first_text.count("PHIẾU KÍCH HOẠT TÀI KHOẢN") == 8
    assert "Sở Thông tin và Truyền thông" in first_text and "Trang 1/2" in first_text
    assert "Trang 2/2" in second_text
    assert "Hết hạn: 20/12/2026 10:30" in first_text and "Đơn vị: Phòng Tổ chức cán bộ" in first_text
    for number, slip in enumerate(people):
        on_first = number < 8
        for value in (slip["full_name"], f"Mã cán bộ: {slip['staff_code']}", slip["code"]):
            assert (value in first_text) is on_first, value
            assert (value in second_text) is not on_first, value
    assert second_text.count("PHIẾU KÍCH HOẠT TÀI KHOẢN") == 3
    assert progress == [(11, 11)]


def test_each_slip_carries_the_qr_code_of_its_own_address():
    people = [person(number) for number in range(3)]
    [page] = pages(slips.build_pdf(people, "Phòng Tổ chức cán bộ"))
    assert qr_modules(page) == [expected_modules(slip["qr_url"]) for slip in people]

    one, other = (
        pages(slips.build_pdf([person(1, qr_url=qr_url)], "Đơn vị"))[0]
        for qr_url in (f"{URL}?ma=HP000001", f"{URL}?ma=HP000002")
    )
    assert one.extract_text() == other.extract_text()
    assert one.get_contents().get_data() != other.get_contents().get_data()


def test_long_unit_names_wrap_to_two_lines_and_are_cut():
    unit = "Trung tâm Công nghệ thông tin và Truyền thông thuộc Sở Thông tin và Truyền thông thành phố Hải Phòng"
    [page] = pages(slips.build_pdf([person(1, unit=unit)], "Đơn vị"))
    lines = page.extract_text().splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("Đơn vị: Trung tâm"))
    assert lines[start + 1].endswith("…")
    assert lines[start + 2] == "Mã kích hoạt:"


def test_objects_and_iterators_are_accepted_with_unknown_total():
    class Slip:
        def __init__(self, fields):
            self.__dict__.update(fields)

    progress = []
    pdf = slips.build_pdf(
        (Slip(person(number)) for number in range(250)), "Đơn vị", on_progress=lambda *args: progress.append(args)
    )
    assert progress == [(100, None), (200, None), (250, None)]
    assert len(pages(pdf)) == 32
    assert "Trang 32/32" in pages(pdf)[31].extract_text()


def test_missing_fonts_give_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(slips, "FONT_DIR", tmp_path / "ttf")
    with pytest.raises(slips.FontsMissing, match="make setup") as error:
        slips.build_pdf([person(1)], "Đơn vị")
    assert "npm" in str(error.value) and "DejaVuSans.ttf" in str(error.value)
