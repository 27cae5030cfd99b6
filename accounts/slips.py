"""The printable activation sheet (phiếu kích hoạt) as PDF: one slip per person, 8 per A4 page, each with a QR code.

Text is set in the DejaVu fonts that npm installs (they have every Vietnamese glyph), embedded as subsets.
The QR codes are drawn as vector rectangles, one per horizontal run of dark modules, written straight into the
page's content stream in module units, which keeps 5,000 slips to a few seconds and a few megabytes.
"""

from collections.abc import Mapping

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from fpdf import FPDF

FONT_DIR = settings.BASE_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf"
FONT_FILES = {  # (family, style): file in FONT_DIR
    ("DejaVu", ""): "DejaVuSans.ttf",
    ("DejaVu", "B"): "DejaVuSans-Bold.ttf",
    ("DejaVuMono", "B"): "DejaVuSansMono-Bold.ttf",
}

# Geometry, in millimetres (A4 portrait).
PAGE_W, PAGE_H = 210, 297
MARGIN = 10
HEADER_H = 8
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
SLIP_W = (PAGE_W - 2 * MARGIN) / COLUMNS
SLIP_H = (PAGE_H - 2 * MARGIN - HEADER_H) / ROWS
PAD = 4
QR_SIZE = 28
QR_GAP = 3
TEXT_W = SLIP_W - 2 * PAD - QR_SIZE - QR_GAP
FULL_W = SLIP_W - 2 * PAD
ELLIPSIS = "…"
PROGRESS_EVERY = 100
# segno picks the best of the 8 QR masks by scoring each (ISO/IEC 18004 7.8.3), about 80% of the time of a
# slip. Any mask is valid and read by every scanner (the mask is written in the code's format information),
# so one fixed mask keeps 5,000 slips within seconds. None restores segno's evaluation.
QR_MASK = 2


class FontsMissing(ImproperlyConfigured):
    """The DejaVu fonts of node_modules/ are not installed."""


def _value(slip, key):
    value = slip[key] if isinstance(slip, Mapping) else getattr(slip, key)
    return "" if value is None else str(value)


def _check_fonts():
    missing = [name for name in FONT_FILES.values() if not (FONT_DIR / name).is_file()]
    if missing:
        raise FontsMissing(
            _(
                "Thiếu phông chữ DejaVu để in phiếu kích hoạt ({files} trong {folder}). "
                "Hãy chạy `make setup` (hoặc `npm ci --ignore-scripts`) để cài gói npm dejavu-fonts-ttf."
            ).format(files=", ".join(missing), folder=FONT_DIR)
        )


class SlipSheet(FPDF):
    """An A4 document laid out as a grid of activation slips."""

    def __init__(self, title):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.sheet_title = title
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_title(title)
        self.set_creator("elearn")
        self._widths = {}  # (font, size, text): width; names, units and labels repeat from slip to slip
        self._wrapped = {}
        for (family, style), name in FONT_FILES.items():
            self.add_font(family, style, str(FONT_DIR / name))
        self.labels = {
            "heading": _("PHIẾU KÍCH HOẠT TÀI KHOẢN"),
            "staff_code": _("Mã cán bộ: {value}"),
            "unit": _("Đơn vị: {value}"),
            "code": _("Mã kích hoạt:"),
            "expires": _("Hết hạn: {value}"),
            "instruction": _(
                "Mở địa chỉ dưới đây hoặc quét mã QR, nhập mã cán bộ và mã kích hoạt, rồi đặt mật khẩu mới."
            ),
            "page": _("Trang {page}/{total}"),
        }

    # Text helpers: single lines placed on their baseline with text(), the fastest way fpdf2 prints.

    def _font(self, family, style, size):
        if (self.font_family, self.font_style, self.font_size_pt) != (family.lower(), style, size):
            self.set_font(family, style, size)

    def _width(self, text):
        key = (self.font_family, self.font_style, self.font_size_pt, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(text)
        return width

    def _fit(self, text, width):
        """`text` cut with "…" so that it fits `width` in the current font."""
        if self._width(text) <= width:
            return text
        low, high = 0, len(text)
        while low < high:  # the longest prefix that fits with the ellipsis
            middle = (low + high + 1) // 2
            if self._width(text[:middle].rstrip() + ELLIPSIS) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + ELLIPSIS

    def _wrap(self, text, width, max_lines):
        """`text` broken into at most `max_lines` lines of `width`, the last one cut with "…" if need be."""
        key = (self.font_family, self.font_style, self.font_size_pt, text, width, max_lines)
        if key not in self._wrapped:
            self._wrapped[key] = self._break(text, width, max_lines)
        return self._wrapped[key]

    def _break(self, text, width, max_lines):
        lines, words = [], text.split()
        while words and len(lines) < max_lines - 1:
            line = words.pop(0)
            while words and self._width(f"{line} {words[0]}") <= width:
                line = f"{line} {words.pop(0)}"
            if self._width(line) > width:
                line = self._fit(line, width)
            lines.append(line)
        if words:
            lines.append(self._fit(" ".join(words), width))
        return lines

    def _shrink_to_fit(self, family, style, size, text, width, smallest):
        """Set the largest font size from `size` down to `smallest` at which `text` fits `width`."""
        self._font(family, style, size)
        while size > smallest and self._width(text) > width:
            size -= 0.5
            self._font(family, style, size)

    # Layout.

    def start_page(self, total_pages):
        self.add_page()
        self._font("DejaVu", "B", 10)
        page = self.labels["page"].format(page=self.page_no(), total=total_pages or "{nb}")
        if total_pages:
            page_w = self.get_string_width(page)
            self.text(PAGE_W - MARGIN - page_w, MARGIN + 4, page)
        else:  # the total is known only at the end: fpdf2 replaces {nb}, which only cell() supports
            page_w = self.get_string_width(self.labels["page"].format(page=self.page_no(), total="000"))
            self.set_xy(PAGE_W - MARGIN - page_w, MARGIN)
            self.cell(page_w, 6, page, align="R")
        self.text(MARGIN, MARGIN + 4, self._fit(self.sheet_title, PAGE_W - 2 * MARGIN - page_w - 5))
        self._cut_lines()

    def _cut_lines(self):
        self.set_draw_color(150)
        self.set_line_width(0.2)
        top, bottom = MARGIN + HEADER_H, PAGE_H - MARGIN
        with self.local_context():
            self.set_dash_pattern(dash=2, gap=1.5)
            for column in range(COLUMNS + 1):
                x = MARGIN + column * SLIP_W
                self.line(x, top, x, bottom)
            for row in range(ROWS + 1):
                y = top + row * SLIP_H
                self.line(MARGIN, y, PAGE_W - MARGIN, y)

    def slip(self, index, slip):
        """Draw `slip` in the `index`-th cell of the current page (row by row)."""
        row, column = divmod(index, COLUMNS)
        x = MARGIN + column * SLIP_W + PAD
        top = MARGIN + HEADER_H + row * SLIP_H + PAD
        labels = self.labels

        self._font("DejaVu", "B", 9)
        self.text(x, top + 3, labels["heading"])

        y = top + 5  # top of the text column and of the QR code
        self._shrink_to_fit("DejaVu", "B", 11, _value(slip, "full_name"), TEXT_W, 8)
        self.text(x, y + 4.5, self._fit(_value(slip, "full_name"), TEXT_W))
        self._font("DejaVu", "", 8.5)
        self.text(x, y + 9.5, self._fit(labels["staff_code"].format(value=_value(slip, "staff_code")), TEXT_W))
        self._font("DejaVu", "", 8)
        unit_lines = self._wrap(labels["unit"].format(value=_value(slip, "unit")), TEXT_W, 2)
        for number, line in enumerate(unit_lines):
            self.text(x, y + 13.8 + number * 3.6, line)
        self.text(x, y + 21.8, labels["code"])
        self._shrink_to_fit("DejaVuMono", "B", 14, _value(slip, "code"), TEXT_W, 9)
        self.text(x, y + 27.8, _value(slip, "code"))
        self._font("DejaVu", "", 8)
        self.text(x, y + 32.5, self._fit(labels["expires"].format(value=_value(slip, "expires")), TEXT_W))

        self.qr(_value(slip, "qr_url"), x + FULL_W - QR_SIZE, y + 2)

        y += 38
        self._font("DejaVu", "", 7)
        for number, line in enumerate(self._wrap(labels["instruction"], FULL_W, 2)):
            self.text(x, y + number * 3.2, line)
        url = _value(slip, "url")
        self._shrink_to_fit("DejaVu", "B", 8.5, url, FULL_W, 6)
        self.text(x, y + 8.5, self._fit(url, FULL_W))

    def qr(self, data, x, y):
        """The QR code of `data` as filled rectangles, QR_SIZE wide (quiet zone included), top left at (x, y)."""
        qr = segno.make(data, error="m", mask=QR_MASK)
        border = 2  # modules of quiet zone; the slip's white space around adds to it
        side = len(qr.matrix) + 2 * border
        scale = QR_SIZE / side * self.k  # points per module
        runs = []
        for row_number, row in enumerate(qr.matrix):
            start = None
            for column, dark in enumerate((*row, 0)):
                if dark and start is None:
                    start = column
                elif not dark and start is not None:
                    runs.append(f"{start + border} {row_number + border} {column - start} 1 re")
                    start = None
        # Module coordinates, y downwards from the top left corner; black, filled once for the whole code.
        origin_x, origin_y = x * self.k, (self.h - y) * self.k
        self._out(f"q 0 g {scale:.4f} 0 0 {-scale:.4f} {origin_x:.2f} {origin_y:.2f} cm {' '.join(runs)} f Q")


def build_pdf(slips, title, on_progress=None):
    """The activation sheet of `slips` under `title` (printed atop each page with "Trang 1/12"), as PDF bytes.

    Each slip is a mapping or an object with full_name, staff_code, unit, code (as displayed: ABCD-EFGH-JKLM),
    url (the activation address printed), qr_url (the address in the QR code) and expires (formatted), all text.

    `on_progress(done, total)` is called every 100 slips and at the end; total is None if `slips` has no len().
    """
    _check_fonts()
    try:
        total = len(slips)
    except TypeError:
        total = None
    total_pages = max(1, -(-total // PER_PAGE)) if total is not None else None
    pdf = SlipSheet(title)
    done = 0
    for done, slip in enumerate(slips, start=1):
        index = (done - 1) % PER_PAGE
        if index == 0:
            pdf.start_page(total_pages)
        pdf.slip(index, slip)
        if on_progress and done % PROGRESS_EVERY == 0:
            on_progress(done, total)
    if done == 0:
        pdf.start_page(total_pages)
    if on_progress and (done == 0 or done % PROGRESS_EVERY):
        on_progress(done, total)
    return bytes(pdf.output())
