"""Generated cadre files for tests and the benchmark: many units in a few queries, many rows fast.

Names are drawn from a small fixed list; every generated record carries `prefix` in its codes so a
caller can find (and remove) exactly what it made.
"""

import csv
import random

from units.models import Unit, UnitKind

from .columns import ACTIVE_WORD, HEADERS, category_words

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Hồng", "Xuân", "Anh"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]
POSITIONS = [
    "Chuyên viên",
    "Chuyên viên chính",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Văn thư",
    "Kế toán",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Văn hóa - Xã hội",
]


def make_units(count, prefix="GEN"):
    """A root unit `prefix` with `count` wards below it, in a handful of queries; return the wards' codes.

    Paths are computed here (treebeard's add_child would cost a few queries per unit).
    """
    root = Unit.add_root(instance=Unit(code=prefix, name=f"Đơn vị thử nghiệm {prefix}", kind=UnitKind.PROVINCE))
    codes = [f"{prefix}-{number:04d}" for number in range(1, count + 1)]
    Unit.objects.bulk_create(
        [
            Unit(
                path=Unit._get_path(root.path, 2, number),
                depth=2,
                numchild=0,
                code=code,
                name=f"Phường thử nghiệm số {number}",
                kind=UnitKind.WARD,
            )
            for number, code in enumerate(codes, start=1)
        ],
        batch_size=1000,
    )
    Unit.objects.filter(pk=root.pk).update(numchild=count)
    return codes


def cadre_rows(count, unit_codes, prefix="GEN", seed=2026, start=1):
    """`count` valid rows in template column order, staff codes f"{prefix}{number:06d}"."""
    rng = random.Random(seed)
    categories = category_words()
    for number in range(start, start + count):
        staff_code = f"{prefix}{number:06d}"
        yield [
            staff_code,
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            unit_codes[number % len(unit_codes)],
            rng.choice(POSITIONS),
            categories[number % len(categories)],
            f"{staff_code.lower()}@example.vn",
            ACTIVE_WORD,
        ]


def write_csv(path, rows, delimiter=",", bom=True):
    """Write the template header and `rows` as UTF-8 CSV (with a BOM, as Excel saves it)."""
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as output:
        writer = csv.writer(output, delimiter=delimiter)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows, sheet_title=None):
    """Write the template header and `rows` as an .xlsx workbook."""
    from openpyxl import Workbook

    from .columns import SHEET_TITLE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title or SHEET_TITLE)
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
